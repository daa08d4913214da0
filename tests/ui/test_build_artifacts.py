"""The compiled files in the repository match their sources (a fresh clone has no build step)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _build_tool():
    spec = importlib.util.spec_from_file_location(
        "build_resources", ROOT / "tools" / "build_resources.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compiled_qt_resources_are_not_stale():
    tool = _build_tool()
    assert tool.recorded_qrc_hash() == tool.qrc_inputs_hash(), (
        "resources.qrc or a file it lists changed since hrreader/ui/resources_rc.py was "
        "made: run `python tools/build_resources.py`"
    )


def test_every_file_the_qrc_lists_exists():
    import re

    qrc = (ROOT / "resources.qrc").read_text(encoding="utf-8")
    for name in re.findall(r"<file[^>]*>([^<]+)</file>", qrc):
        assert (ROOT / name).is_file(), name


def test_application_stylesheet_and_icons_load_from_resources(qapp):
    from PySide6.QtGui import QIcon

    from hrreader.ui.theme import LIGHT, app_stylesheet, reader_css

    assert "QToolBar" in app_stylesheet(LIGHT)
    assert "h1" in reader_css(LIGHT, 12)
    assert not QIcon(":/icons/app.svg").isNull()
