"""The interface language: Qt translators for hrreader's own words and Qt's standard ones.

The interface is written in English in the code (``self.tr("Back")``); another language is
a ``hrreader_<code>.qm`` file under ``:/i18n/`` (compiled from ``translations/*.ts`` by
``tools/build_resources.py`` and listed in ``resources.qrc``). Nothing here names a
language: adding one is adding its ``.ts``/``.qm`` files and a line in the qrc.

Installing a translator makes Qt send ``QEvent.LanguageChange`` to every widget, whose
``changeEvent`` sets its texts again (``retranslate_ui``). Those events are posted;
``set_ui_language`` delivers them before it returns, so the interface has changed when it
does.

The main window and the two panes of its first paint (the topic tree and the page) are the
exception: ``MainWindow._set_ui_language`` retranslates them itself. A Python
``changeEvent`` is handed every event as a ``QEvent``, and to give it its most derived class
PySide sets up all 50 of Qt's event classes at the first one, 1 % of a bare window's start,
before the first paint (``benchmarks/startup_instructions.py``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent

from hrreader.content.text import language_name
from hrreader.ui import resources_rc  # noqa: F401 - registers :/i18n

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

log = logging.getLogger(__name__)

#: The language the interface is written in, in the code: no translator needed.
SOURCE_LANG = "en"
I18N_DIR = ":/i18n"
QM_PREFIX = "hrreader_"

_installed: list[QTranslator] = []
_current = SOURCE_LANG

__all__ = [
    "SOURCE_LANG",
    "current_ui_language",
    "language_name",
    "qm_path",
    "set_ui_language",
    "ui_languages",
]


def ui_languages() -> list[str]:
    """Languages the interface can be shown in: English and every ``:/i18n/hrreader_*.qm``."""
    from PySide6.QtCore import QDir  # the Qt classes of this module: when a language is set

    found = QDir(I18N_DIR).entryList([f"{QM_PREFIX}*.qm"], QDir.Filter.Files, QDir.SortFlag.Name)
    codes = [name[len(QM_PREFIX) : -len(".qm")] for name in found]
    return [SOURCE_LANG, *(c for c in codes if c != SOURCE_LANG)]


def qm_path(lang: str) -> str:
    return f"{I18N_DIR}/{QM_PREFIX}{lang}.qm"


def current_ui_language() -> str:
    return _current


def set_ui_language(lang: str) -> bool:
    """Show the interface in ``lang``; True if there is a translation for it.

    English (the source), or a language without a ``.qm``, removes every translator: the
    interface is then in English. Widgets are retranslated before this returns.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_ui_language needs a QApplication")
    if lang == SOURCE_LANG and _current == SOURCE_LANG and not _installed:
        return False  # English, as the code is written: nothing to load (every start)
    if lang == _current and (_installed or lang == SOURCE_LANG):
        return lang != SOURCE_LANG
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    _current = SOURCE_LANG
    if lang != SOURCE_LANG:
        from PySide6.QtCore import QLibraryInfo, QTranslator

        # Loaded, not looked up in ui_languages(): listing the translations sets up QDir
        # (4.5 million instructions before a first paint in Spanish). A language without
        # one fails to load, and the interface stays in English. No Qt parent: removing a
        # translator from _installed deletes it, instead of keeping every language ever
        # chosen alive under the application.
        ours = QTranslator()
        if ours.load(qm_path(lang)):
            # Qt's own words (Yes, No, Cancel in message boxes, the print dialog) first,
            # so hrreader's words win where both translate the same text.
            qt = QTranslator()
            where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(f"qtbase_{lang}", where):
                QCoreApplication.installTranslator(qt)
                _installed.append(qt)
            QCoreApplication.installTranslator(ours)
            _installed.append(ours)
            _current = lang
        elif lang in ui_languages():
            log.warning("the interface translation %s cannot be loaded", qm_path(lang))
    # Deliver the LanguageChange events Qt posted, so every text is new on return.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)
    return _current != SOURCE_LANG
