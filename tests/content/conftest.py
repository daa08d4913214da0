"""Fixtures for content tests: a small valid pack that a test can change one file of.

``make_pack()`` writes a fresh pack folder and returns its path::

    path = make_pack()                                            # the valid pack
    path = make_pack({"resources.yaml": None})                    # remove a file
    path = make_pack(pack_yaml=PACK_YAML.replace("format: 1", "format: 2"))
    path = make_pack({"topics/en/naloxone.md": make_pack.topic("naloxone", summary=None)})
    path = make_pack({"topics/en/bad.md": b"\\xff"})            # bytes are written as they are

``make_pack.topic(topic_id, body=..., **fields)`` gives a default topic's text with front
matter fields replaced (values are raw YAML) or removed (``None``). ``line_of(text, needle)``
finds the 1-based line of a needle so assertions can name exact lines.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType

import pytest

from hrreader.content.model import Finding

PACK_YAML = """\
format: 1
id: test-pack
title:
  en: Test Pack
  es: Paquete de prueba
version: "1.0"
languages: [en]
home: welcome
categories:
  - id: basics
    title: {en: Basics, es: Lo básico}
  - id: substances
    title: {en: Substances, es: Sustancias}
"""

RESOURCES_YAML = """\
# Three resources: a crisis line (for the crisis box), a phone line and a website.
- id: lifeline-988
  name: 988 Suicide & Crisis Lifeline
  description:
    en: Free, private support for anyone in emotional distress.
    es: Apoyo gratuito y privado.
  phone: "988"
  sms: "988"
  url: https://988lifeline.org
  hours: {en: "24 hours, every day"}
  languages: [en, es]
  tags: [crisis, suicide, self-harm, 24-7]
  region: US
  verified: 2026-11-01

- id: poison-help
  name: Poison Help
  description:
    en: Free, expert advice about poisoning and medicines.
  phone: "1-800-222-1222"
  url: https://poisonhelp.hrsa.gov
  tags: [overdose, 24-7]
  region: US
  verified: 2026-11-01

- id: next-distro
  name: NEXT Distro
  description:
    en: Where to get naloxone near you.
  url: https://nextdistro.org
  tags: [naloxone]
  region: US
  verified: 2026-11-01
"""

SOURCES = """
  - title: "CDC: Overdose prevention"
    url: https://www.cdc.gov/overdose-prevention/"""

#: Front matter of each default topic, in file order; values are raw YAML.
TOPIC_FIELDS: dict[str, dict[str, str]] = {
    "welcome": {
        "title": "Welcome",
        "category": "basics",
        "order": "10",
        "summary": "What this reader is and how to use it.",
        "reviewed": "2026-11-01",
        "sources": SOURCES,
        "related": "[naloxone]",
    },
    "naloxone": {
        "title": "Naloxone",
        "category": "substances",
        "order": "20",
        "summary": "A medicine that can reverse an opioid overdose.",
        "keywords": "[narcan, nasal spray]",
        "content_note": "overdose",
        "reviewed": "2026-11-01",
        "sources": SOURCES,
        "related": "[overdose-response, welcome]",
    },
    "overdose-response": {
        "title": "Responding to an overdose",
        "category": "substances",
        "order": "10",
        "summary": "What to do when someone may be overdosing.",
        "reviewed": "2026-11-01",
        "sources": SOURCES,
    },
}

TOPIC_BODIES: dict[str, str] = {
    "welcome": """\
This reader works offline. Nothing you read leaves this computer.

## How to use it

Pick a topic on the left, or start with [naloxone](topic:naloxone).

## What it keeps

Only your text size.
""",
    "naloxone": """\
Naloxone reverses an opioid overdose. Call [Poison Help](resource:poison-help) with questions.

![A naloxone kit](images/kit.png)

## What naloxone does

It pushes opioids off the brain. See [how to use it](#how-to-use-it).

## How to use it

1. Call 911.
2. Spray it into one nostril.

!!! tip "Safety tip"

    Stay with the person until help comes.

## Where to get it

Ask [NEXT Distro](resource:next-distro) or read
[calling for help](topic:overdose-response#call-for-help).
More at [the CDC](https://www.cdc.gov/stop-overdose/).
""",
    "overdose-response": """\
Stay calm and act fast.

## Call for help

Call 911 and give [naloxone](topic:naloxone#how-to-use-it).

## Stay with them

Roll them on their side. If you need to talk, call the [Lifeline](resource:lifeline-988).
""",
}

#: A 1x1 PNG: the pack's one image.
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000162f3cf0000000049454e44ae426082"
)


def topic_text(topic_id: str = "naloxone", body: str | None = None, **fields: str | None) -> str:
    """A default topic's file text; ``fields`` replace (raw YAML) or remove (``None``) fields.

    Fields a default topic does not have are added at the end of the front matter.
    """
    merged: dict[str, str | None] = dict(TOPIC_FIELDS.get(topic_id, TOPIC_FIELDS["naloxone"]))
    merged.update(fields)
    lines = ["---"]
    lines += [f"{key}: {value}" for key, value in merged.items() if value is not None]
    lines.append("---")
    lines.append("")
    text = "\n".join(lines) + "\n"
    return text + (
        body if body is not None else TOPIC_BODIES.get(topic_id, "Text.\n\n## Part\n\nMore.\n")
    )


def default_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "pack.yaml": PACK_YAML,
        "resources.yaml": RESOURCES_YAML,
        "images/kit.png": PNG_1X1,
    }
    for topic_id in TOPIC_FIELDS:
        files[f"topics/en/{topic_id}.md"] = topic_text(topic_id)
    return files


def write_pack(root: Path, files: Mapping[str, str | bytes | None] | None = None) -> Path:
    """Write the default pack to ``root`` with ``files`` replaced, added or (``None``) removed."""
    merged: dict[str, str | bytes | None] = dict(default_files())
    merged.update(files or {})
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in merged.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
    return root


def zip_folder(folder: Path, out: Path, prefix: str = "") -> Path:
    """Zip every file of ``folder`` into ``out``, each name under ``prefix`` (e.g. ``"pack/"``)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return out


def hostile_builders() -> ModuleType:
    """``tests/packs/hostile_builders.py``: a script of its own (``benchmarks/hostile.py``
    runs it too), so it is loaded from its file rather than imported as a package."""
    loaded = sys.modules.get("hostile_builders")
    if loaded is not None:
        return loaded
    path = Path(__file__).resolve().parents[1] / "packs" / "hostile_builders.py"
    spec = importlib.util.spec_from_file_location("hostile_builders", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_builders"] = module
    spec.loader.exec_module(module)
    return module


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line of ``text`` that contains ``needle``."""
    seen = 0
    for n, line in enumerate(text.split("\n"), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return n
    raise AssertionError(f"{needle!r} not in text")


def drop_key(yaml_text: str, key: str) -> str:
    """``yaml_text`` without the top-level ``key`` and its indented continuation lines."""
    out: list[str] = []
    dropping = False
    for line in yaml_text.split("\n"):
        if line.startswith(f"{key}:"):
            dropping = True
            continue
        if dropping and line.startswith((" ", "\t")):
            continue
        dropping = False
        out.append(line)
    return "\n".join(out)


def only(findings: Iterable[Finding], code: str | None = None, path: str | None = None) -> Finding:
    """The single finding matching ``code`` and ``path``; fails listing them all otherwise."""
    findings = list(findings)
    matches = [
        f for f in findings if (code is None or f.code == code) and (path is None or f.path == path)
    ]
    assert len(matches) == 1, "expected exactly one finding, got:\n" + "\n".join(
        f.format() for f in findings
    )
    return matches[0]


class PackFactory:
    """Callable fixture: ``make_pack(files=None, *, pack_yaml=None, resources_yaml=None)``."""

    PACK_YAML = PACK_YAML
    RESOURCES_YAML = RESOURCES_YAML

    def __init__(self, tmp_path: Path) -> None:
        self._tmp_path = tmp_path
        self._count = 0

    def __call__(
        self,
        files: Mapping[str, str | bytes | None] | None = None,
        *,
        pack_yaml: str | None = None,
        resources_yaml: str | None = None,
        name: str | None = None,
    ) -> Path:
        merged: dict[str, str | bytes | None] = dict(files or {})
        if pack_yaml is not None:
            merged["pack.yaml"] = pack_yaml
        if resources_yaml is not None:
            merged["resources.yaml"] = resources_yaml
        self._count += 1
        return write_pack(self._tmp_path / (name or f"pack{self._count}"), merged)

    @staticmethod
    def topic(topic_id: str = "naloxone", body: str | None = None, **fields: str | None) -> str:
        return topic_text(topic_id, body, **fields)

    @staticmethod
    def dedent(text: str) -> str:
        return textwrap.dedent(text)


@pytest.fixture(scope="session")
def _content_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return tmp_path_factory.mktemp("home"), tmp_path_factory.mktemp("runtime")


@pytest.fixture(autouse=True)
def _isolated_home(
    _content_home: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, home_pointer
) -> Path:
    """Overrides tests/conftest.py's fixture of the same name: HOME and the XDG folders still
    point at a temporary folder, but one per session. Content code writes nothing there, and
    two fresh folders per test made pytest's temp-folder bookkeeping quadratic (seconds)."""
    return home_pointer(monkeypatch, *_content_home)


@pytest.fixture
def make_pack(tmp_path: Path) -> PackFactory:
    return PackFactory(tmp_path)


@pytest.fixture
def pack_path(make_pack: PackFactory) -> Path:
    """The small valid pack, written once for the test."""
    return make_pack()


@pytest.fixture(scope="session")
def small_library(tmp_path_factory: pytest.TempPathFactory):
    """The small valid pack, loaded once; tests must not change it."""
    from hrreader.content import load_pack

    return load_pack(write_pack(tmp_path_factory.mktemp("small") / "pack"))


@pytest.fixture(scope="session")
def default_library():
    """The bundled default pack loaded from source once (not from the compiled file)."""
    from hrreader.content import default_pack_path, load_pack

    return load_pack(default_pack_path())
