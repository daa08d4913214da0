"""Golden files: the rendered HTML of every default-pack topic (English), kept in the repo.

When a change to the renderer or the default pack changes a page on purpose, look at the
diff this test prints, then regenerate the files and review them with ``git diff``::

    HRREADER_UPDATE_GOLDEN=1 python -m pytest tests/content/test_golden.py -p no:cacheprovider

Without that variable the test fails whenever the output differs from the file.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from hrreader.content import default_pack_path, render_topic
from hrreader.content.library import Library

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("HRREADER_UPDATE_GOLDEN") == "1"
HOW = "HRREADER_UPDATE_GOLDEN=1 python -m pytest tests/content/test_golden.py -p no:cacheprovider"
TOPIC_IDS = sorted(p.stem for p in (default_pack_path() / "topics" / "en").glob("*.md"))


def _golden_text(html: str) -> str:
    return html + "\n"


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_rendered_topic_matches_golden_file(default_library: Library, topic_id: str) -> None:
    topic = default_library.topic(topic_id, "en")
    assert topic is not None, f"{topic_id} does not load; see `hrreader check`"
    actual = _golden_text(render_topic(topic, default_library, "en"))
    path = GOLDEN / f"{topic_id}.html"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"no golden file {path.name}; create it with:\n  {HOW}"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"golden/{path.name}",
            "rendered now",
            lineterm="",
            n=1,
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(
            f"{topic_id}: rendered HTML differs from its golden file.\n{shown}\n\n"
            f"If the change is intended, regenerate the golden files:\n  {HOW}",
            pytrace=False,
        )


def test_no_stale_golden_files() -> None:
    stale = sorted(p.name for p in GOLDEN.glob("*.html") if p.stem not in TOPIC_IDS)
    if UPDATE:
        for name in stale:
            (GOLDEN / name).unlink()
        return
    assert not stale, f"golden files for topics that no longer exist: {stale}; run:\n  {HOW}"


def test_every_default_topic_has_a_golden_file() -> None:
    if UPDATE:
        return
    missing = sorted(t for t in TOPIC_IDS if not (GOLDEN / f"{t}.html").is_file())
    assert not missing, f"no golden file for {missing}; run:\n  {HOW}"
