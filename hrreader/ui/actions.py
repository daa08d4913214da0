"""The action registry: every user command is one ``QAction`` with a stable id.

Menus, toolbars, shortcuts, tests and modes all reach commands through here, so a mode
can disable a command in one place and a test can trigger one by id.

A spec's text and tip may be callables (``lambda: self.tr("&Back")``): ``retranslate()``
calls them again when the interface language changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QToolButton

from hrreader.ui.theme import themed_icon

Text = str | Callable[[], str]


def _text(value: Text) -> str:
    return value() if callable(value) else value


def _unique_keys(
    shortcuts: tuple[QKeySequence | QKeySequence.StandardKey | str, ...],
) -> list[QKeySequence]:
    """The key sequences of ``shortcuts``, each once, in order.

    A platform's standard key may already be one of the keys listed beside it (Back is
    Alt+Left on Linux): given twice, Qt finds the shortcut ambiguous and does nothing.
    """
    keys: list[QKeySequence] = []
    for key in shortcuts:
        if isinstance(key, QKeySequence.StandardKey):
            keys.extend(QKeySequence.keyBindings(key))
        else:
            keys.append(QKeySequence(key))
    seen: set[str] = set()
    unique: list[QKeySequence] = []
    for key in keys:
        text = key.toString(QKeySequence.SequenceFormat.PortableText)
        if text not in seen:
            seen.add(text)
            unique.append(key)
    return unique


@dataclass(frozen=True)
class ActionSpec:
    id: str
    #: The menu text with its ``&`` mnemonic, or a callable giving it in the current language.
    text: Text
    shortcuts: tuple[QKeySequence | QKeySequence.StandardKey | str, ...] = ()
    icon: str = ""
    #: Tooltip and status tip (the text without ``&`` if empty); may be a callable too.
    tip: Text = ""


class ActionRegistry(QObject):
    """Owns the window's actions, by id."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        self._specs: dict[str, ActionSpec] = {}
        self._icons: dict[str, str] = {}
        self._ink = ""

    def add(self, spec: ActionSpec, slot: Callable[[], object]) -> QAction:
        if spec.id in self._actions:
            raise ValueError(f"action '{spec.id}' is registered twice")
        action = QAction(self.parent())
        action.setObjectName(f"action-{spec.id}")
        action.setProperty("actionId", spec.id)
        if spec.icon:
            self._icons[spec.id] = spec.icon
            action.setIcon(themed_icon(spec.icon, self._ink) if self._ink else QIcon(spec.icon))
        action.setShortcuts(_unique_keys(spec.shortcuts))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._actions[spec.id] = action
        self._specs[spec.id] = spec
        self._apply_texts(spec.id)
        return action

    def _apply_texts(self, action_id: str) -> None:
        spec, action = self._specs[action_id], self._actions[action_id]
        text = _text(spec.text)
        action.setText(text)
        keys = action.shortcuts()
        readable = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        tip = _text(spec.tip) or text.replace("&", "")
        action.setToolTip(f"{tip} ({readable})" if readable else tip)
        action.setStatusTip(tip)
        # Tool buttons given an explicit accessible name (icon-only ones) follow the text.
        for widget in action.associatedObjects():
            if isinstance(widget, QToolButton) and widget.accessibleName():
                widget.setAccessibleName(text.replace("&", ""))

    def retranslate(self) -> None:
        """Set every action's text and tips again, in the current interface language."""
        for action_id in self._actions:
            self._apply_texts(action_id)

    def set_icon_colour(self, colour: str) -> None:
        """Redraw every action's icon in ``colour`` (the theme's text colour)."""
        self._ink = colour
        for action_id, path in self._icons.items():
            self._actions[action_id].setIcon(themed_icon(path, colour))

    def get(self, action_id: str) -> QAction:
        try:
            return self._actions[action_id]
        except KeyError:
            raise KeyError(f"no action '{action_id}'") from None

    def ids(self) -> list[str]:
        return list(self._actions)

    def __iter__(self) -> Iterator[QAction]:
        return iter(self._actions.values())
