"""Reduced motion: nothing in the reader slides, fades, bounces or glides.

A person reading about an overdose or a crisis needs a calm screen, and motion can make
some people dizzy or sick (WCAG 2.3.3). Qt animates a few things on its own, and none of
them can be turned off by the person, so they are off for everyone:

- menus, combo boxes, tooltips and tool boxes that slide or fade in (``Qt.UIEffect``),
  which a desktop may turn on for every program: ``calm_application``;
- the main window's toolbar and dock "animated" layout changes
  (``QMainWindow.setAnimated(False)``, where the window is built);
- the style's own animations, through ``widget-animation-duration: 0`` in app.qss;
- the line edits' clear button, which fades in and out over 160 ms whatever the settings
  say: ``settle_fades`` finishes each fade at once;
- finger scrolling in the kiosk, which would otherwise coast on and bounce at the ends:
  ``calm_scroller``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractAnimation, QObject
from PySide6.QtWidgets import QApplication, QLineEdit

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScroller


def ui_effects() -> tuple[Qt.UIEffect, ...]:
    """Every effect Qt has, ``UI_General`` (the switch for all of them) included.

    Not a constant: naming ``Qt`` builds PySide's whole ``Qt`` namespace, which a start
    leaves until after its first paint (qtconst.py)."""
    from PySide6.QtCore import Qt

    return tuple(Qt.UIEffect)


def calm_application() -> None:
    """Turn Qt's interface effects off application-wide (the desktop's choice included)."""
    for effect in ui_effects():
        QApplication.setEffectEnabled(effect, False)


class _FadeSettler(QObject):
    """Finishes the clear button's fade as soon as it starts (lives as the edit's child)."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        # Connected after Qt's own handler (made with the clear button), so it runs after
        # the fade has started and before anything is painted.
        edit.textChanged.connect(self.settle)

    def settle(self, _text: str = "") -> None:
        for animation in self._edit.findChildren(QAbstractAnimation):
            if animation.state() == QAbstractAnimation.State.Running:
                # The end at once: the button shows (or hides) and the animation is deleted.
                animation.setCurrentTime(animation.totalDuration())


def settle_fades(edit: QLineEdit) -> None:
    """Show and hide ``edit``'s clear button at once instead of fading it (no setting of
    Qt's turns that fade off). Call it after ``setClearButtonEnabled``; once is enough."""
    if edit.findChild(_FadeSettler) is None:
        _FadeSettler(edit)


def calm_scroller(scroller: QScroller) -> None:
    """A finger scrolls the page as far as it moves, and no further: no coasting after a
    flick, no bounce at the ends."""
    from PySide6.QtWidgets import QScrollerProperties  # kiosk only: not at every start-up

    properties = scroller.scrollerProperties()
    metric = QScrollerProperties.ScrollMetric
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(metric.HorizontalOvershootPolicy, off)
    properties.setScrollMetric(metric.VerticalOvershootPolicy, off)
    properties.setScrollMetric(metric.MaximumVelocity, 0.0)
    properties.setScrollMetric(metric.SnapTime, 0.0)
    scroller.setScrollerProperties(properties)
