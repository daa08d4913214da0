"""Reduced motion: nothing slides, fades, glides or coasts, in any mode.

The desktop may ask every program for animated menus and tooltips; Qt itself fades the
search field's clear button and glides the main window's bars. A calm reader has none of
it, and none that a person would have to find a setting to stop.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractAnimation, QCoreApplication, QEvent, QPointF, QRect
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QScroller,
    QStyle,
    QToolButton,
    QTreeView,
    QWidget,
)

from hrreader.ui.main_window import MainWindow
from hrreader.ui.motion import ui_effects


class FakeScreen:
    def __init__(self, x: int) -> None:
        self._rect = QRect(x, 0, 1280, 800)

    def geometry(self) -> QRect:
        return self._rect


def _settle() -> None:
    """Run what is pending, deleting finished animations as the event loop would."""
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _motion(windows: list[QWidget]) -> list[str]:
    """Every animation, animated view and interface effect there is."""
    found = [
        f"{type(a).__name__} on {type(a.parent()).__name__} "
        f"{a.parent().objectName() if a.parent() else ''!r}"
        for window in windows
        for a in window.findChildren(QAbstractAnimation)
    ]
    found += [f"effect {e.name} is on" for e in ui_effects() if QApplication.isEffectEnabled(e)]
    for window in windows:
        widgets = [window, *window.findChildren(QWidget)]
        found += [
            f"{w.objectName()!r} glides"
            for w in widgets
            if isinstance(w, QMainWindow) and w.isAnimated()
        ]
        found += [
            f"tree {w.objectName()!r} animates"
            for w in widgets
            if isinstance(w, QTreeView) and w.isAnimated()
        ]
        style = window.style()
        if style.styleHint(QStyle.StyleHint.SH_Widget_Animation_Duration, None, window) != 0:
            found.append(f"{type(window).__name__}'s style animates")
    return found


def _type_everywhere(windows: list[QWidget]) -> None:
    """Type into every line edit and empty it again (Qt fades clear buttons in and out)."""
    for window in windows:
        for edit in window.findChildren(QLineEdit):
            if edit.isEnabled() and not edit.isReadOnly():
                edit.setText("nalox")
                edit.clear()


def _everything_shown(window: MainWindow) -> list[QWidget]:
    return [window, *(w for w in QApplication.topLevelWidgets() if w.parent() is window)]


@pytest.fixture
def effects_on_desktop():
    """A desktop that asks every program for sliding menus and fading tooltips."""
    for effect in ui_effects():
        QApplication.setEffectEnabled(effect, True)
    yield
    for effect in ui_effects():
        QApplication.setEffectEnabled(effect, False)


@pytest.mark.usefixtures("effects_on_desktop")
@pytest.mark.parametrize("mode", ["personal", "kiosk", "present"])
def test_nothing_moves_in_any_mode(make_window, qtbot, mode):
    window = make_window(*(() if mode == "personal" else (f"--{mode}",)))
    qtbot.wait(10)  # a presentation starts once the window is up
    if window.kiosk is not None:
        window.kiosk.start_reading()
    window.open("topic:naloxone")
    window.sidebar.show_address("topic:overdose-response")  # a branch opens
    window.open("resource:crisis-text-line")
    window.action("find").trigger()
    window.set_theme("dark")
    if window.mode.allow_present:
        window.presentation.add_current()
        window.presentation.show_playlist()
        if window.presentation.active is None:
            window.presentation.present_current(screens=[FakeScreen(0), FakeScreen(1280)])
        assert window.presentation.active is not None
    _type_everywhere(_everything_shown(window))
    _settle()
    assert _motion(_everything_shown(window)) == []
    if window.presentation.active is not None:
        window.presentation.active.next()
        _settle()
        assert _motion(_everything_shown(window)) == []


def test_clear_buttons_appear_and_go_at_once(window):
    field = window.search_field
    field.setText("overdose")
    _settle()
    button = next(b for b in field.findChildren(QToolButton) if b.isVisible())
    assert button.property("opacity") == 1.0, "shown at once, not faded in"
    assert field.findChildren(QAbstractAnimation) == []
    field.clear()
    assert not button.isVisible(), "hidden at once, not after a fade"


def test_a_finger_flick_in_the_kiosk_stops_where_the_finger_stops(make_window, qtbot):
    window = make_window("--kiosk")
    window.kiosk.start_reading()
    window.open("topic:overdose-response")
    qtbot.wait(10)
    viewport = window.reader.viewport()
    assert QScroller.hasScroller(viewport)
    scroller = QScroller.scroller(viewport)
    bar = window.reader.verticalScrollBar()
    start = bar.value()
    clock = 0
    scroller.handleInput(QScroller.Input.InputPress, QPointF(200, 400), clock)
    for step in range(1, 8):
        qtbot.wait(15)
        clock += 15
        scroller.handleInput(QScroller.Input.InputMove, QPointF(200, 400 - 30 * step), clock)
    qtbot.wait(20)
    moved = bar.value()
    assert moved > start, "the page follows the finger"
    scroller.handleInput(QScroller.Input.InputRelease, QPointF(200, 190), clock + 10)
    assert scroller.state() == QScroller.State.Inactive, "no coasting after a flick"
    qtbot.wait(150)
    assert bar.value() == moved
