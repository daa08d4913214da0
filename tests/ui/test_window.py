"""Window-wide behaviour: actions, text size that persists, modes' policies, screenshots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from hrreader.ui.modes import MODES
from hrreader.ui.settings import DiskStore, MemoryStore

EXPECTED_ACTIONS = {"home", "back", "forward", "zoom-in", "zoom-out", "zoom-reset", "resources"}


def test_action_registry_has_stable_ids_with_names_and_shortcuts(window):
    ids = set(window.actions_registry.ids())
    assert ids >= EXPECTED_ACTIONS
    for action_id in ids:
        action = window.action(action_id)
        assert action.text().replace("&", "").strip(), action_id
        assert action.toolTip(), action_id
    for action_id in ("back", "forward", "home", "zoom-in", "zoom-out", "zoom-reset"):
        assert window.action(action_id).shortcuts(), action_id
    with pytest.raises(KeyError):
        window.action("no-such-action")


def test_zoom_changes_text_size_within_limits(window):
    start = window.reader.point_size()
    window.action("zoom-in").trigger()
    assert window.reader.point_size() > start
    for _ in range(40):
        window.action("zoom-in").trigger()
    assert window.reader.scale == 3.0
    assert not window.action("zoom-in").isEnabled()
    for _ in range(40):
        window.action("zoom-out").trigger()
    assert window.reader.scale == 0.75
    window.action("zoom-reset").trigger()
    assert window.reader.scale == 1.0


def test_text_size_is_remembered_between_runs(make_window, tmp_path):
    path = str(tmp_path / "settings.json")
    first = make_window(store=DiskStore(path))
    first.action("zoom-in").trigger()
    first.action("zoom-in").trigger()
    first.close()
    second = make_window(store=DiskStore(path))
    assert second.reader.scale == pytest.approx(1.2)


def test_window_size_and_panes_are_remembered_between_runs(make_window, qtbot, tmp_path):
    path = str(tmp_path / "settings.json")
    first = make_window(store=DiskStore(path))
    # Not its width: the offscreen screen is 800 pixels wide, the window at least 802.
    first.resize(first.width(), 560)
    qtbot.wait(20)
    sizes = first.splitter.sizes()
    first.splitter.setSizes([sizes[0] + 60, sizes[1] - 60, sizes[2]])
    wanted = first.splitter.sizes()
    first.close()  # saves them
    second = make_window(store=DiskStore(path), show=False)
    second.resize(first.width(), second.height())  # as wide as it was (see above)
    second.show()
    qtbot.waitExposed(second)
    assert second.height() == 560
    assert second.splitter.sizes() == wanted
    # A settings file from elsewhere with other values there: the usual size instead.
    store = DiskStore(str(tmp_path / "odd.json"))
    store.set("window/geometry", "not a geometry")
    store.set("window/splitter", 42)
    third = make_window(store=store, show=False)
    assert (third.width(), third.height()) == (1200, 800)
    # Base64 that Qt does not take for a geometry or a splitter's state: the same.
    store.set("window/geometry", "AAAAAAAA")
    store.set("window/splitter", "AAAAAAAA")  # valid base64, not a state
    fourth = make_window(store=store, show=False)
    assert (fourth.width(), fourth.height()) == (1200, 800)
    assert fourth.splitter.sizes() == third.splitter.sizes(), "panes sized as usual"


def test_private_mode_uses_a_neutral_title_and_remembers_nothing(make_window, tmp_path):
    path = tmp_path / "settings.json"
    window = make_window("--private", store=MemoryStore())
    assert window.windowTitle() == "Reader"
    window.open("topic:self-harm")
    assert window.windowTitle() == "Reader", "the title never names the topic"
    window.action("zoom-in").trigger()
    window.close()
    assert not path.exists()
    assert window.mode.persist is False


def test_modes_are_policy_rows():
    assert set(MODES) == {"personal", "private", "kiosk", "present"}
    assert MODES["personal"].persist and not MODES["private"].persist
    assert not MODES["kiosk"].allow_quit and MODES["kiosk"].touch_target >= 44


def test_kiosk_refuses_to_close(make_window):
    window = make_window("--kiosk", show=False)
    window.show()
    window.close()
    assert window.isVisible()
    assert "quit" not in window.actions_registry.ids()


def test_screenshot_command_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hrreader",
            "screenshot",
            str(out),
            "--size",
            "900x640",
            "--open",
            "topic:naloxone",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 640)


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_nothing_clipped_at_common_sizes(make_window, qtbot, size):
    window = make_window()
    window.resize(*size)
    qtbot.wait(50)
    assert window.reader.width() >= 360
    for button in window.resources.tag_buttons.values():
        assert button.isVisible()
        assert button.width() >= button.sizeHint().width(), button.text()
    # The toolbar shows every navigation action in full.
    for action_id in ("back", "forward", "home"):
        widget = window.toolbar.widgetForAction(window.action(action_id))
        assert widget is not None and widget.isVisible()
        assert widget.width() >= widget.sizeHint().width()


def test_readme_screenshot_exists():
    assert (Path(__file__).resolve().parents[2] / "docs" / "screenshot.png").is_file()


def test_the_page_keeps_its_scroll_bar_place(make_window, qtbot):
    """The reading pane's bar keeps its place on every page: the column does not shift
    sideways between a short page and a long one, and a short page's gutter is empty."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor

    pack = Path(__file__).resolve().parents[1] / "packs" / "utf8-bom"
    window = make_window("--pack", str(pack))
    reader = window.reader
    bar = reader.verticalScrollBar()
    qtbot.wait(20)
    width = reader.viewport().width()
    assert bar.isVisible() and not bar.isEnabled()  # a short page: nothing to scroll
    # Drawn empty: the gutter is the page's own colour, with no handle in it.
    image = reader.grab().toImage()
    page = QColor(window.theme.page).rgb()
    for y in (bar.height() // 4, bar.height() // 2):
        point = bar.mapTo(reader, QPoint(bar.width() // 2, y))
        assert image.pixel(point) == page

    reader.show_html("<p>A line of a long page.</p>" * 300)
    qtbot.waitUntil(bar.isEnabled)
    assert bar.maximum() > 0 and reader.viewport().width() == width
    image = reader.grab().toImage()
    handle = bar.mapTo(reader, QPoint(bar.width() // 2, 20))
    assert image.pixel(handle) != page  # a long page's bar is drawn

    reader.show_html("<p>Short again.</p>")
    qtbot.waitUntil(lambda: not bar.isEnabled())
    assert reader.viewport().width() == width
