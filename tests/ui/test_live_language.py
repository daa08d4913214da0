"""Switching language changes every open window at once, not only the main one.

A therapist presenting a section, a visitor looking at a QR code on the kiosk, a person
with a resource card open: when the language changes (the toolbar button, Ctrl+Shift+L,
the kiosk's start screen), each of these windows speaks the new language, words and
content alike, without being closed and opened again. And in Spanish no English word of
the interface is left behind (resource names are names: they stay as the pack gives them).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from hrreader.ui.main_window import Desktop, MainWindow
from hrreader.ui.qr import QrDialog

ES_TS = Path(__file__).resolve().parents[2] / "hrreader" / "ui" / "translations" / "hrreader_es.ts"
SECTION = "topic:naloxone#how-to-use-nasal-naloxone"


class FakeScreen:
    def __init__(self, x: int) -> None:
        self._rect = QRect(x, 0, 1280, 800)

    def geometry(self) -> QRect:
        return self._rect


TWO_SCREENS = [FakeScreen(0), FakeScreen(1280)]


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _english_interface() -> list[re.Pattern[str]]:
    """Every interface text of the code whose Spanish is different, as a pattern ({0} for
    anything): a widget showing one of these in Spanish was not translated."""
    patterns: list[re.Pattern[str]] = []
    for message in ET.parse(ES_TS).getroot().iter("message"):
        source = _plain(message.findtext("source") or "")
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished":
            continue  # test_language.py fails on those already
        if len(source) < 3 or source == _plain(translation.text or ""):
            continue
        pattern = re.escape(source).replace(r"\{", "{").replace(r"\}", "}")
        patterns.append(re.compile(re.sub(r"\{\w*\}", ".+", pattern), re.DOTALL))
    return patterns


def _shown_words(root: QWidget) -> list[str]:
    """What a person sees or hears of ``root``: texts, tips, names, placeholders, titles."""
    words: list[str] = []
    for widget in (root, *root.findChildren(QWidget)):
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            words.append(re.sub(r"<[^>]*>", "", widget.text()))
        if isinstance(widget, QLineEdit):
            words.append(widget.placeholderText())
        if isinstance(widget, QDialog) or widget.isWindow():
            words.append(widget.windowTitle())
        words += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    return [_plain(w).strip() for w in words if w and w.strip()]


def _english_left(texts: list[str]) -> list[str]:
    english = _english_interface()
    return sorted({t for t in texts if any(p.fullmatch(t) for p in english)})


def _present_with_playlist(window: MainWindow):
    window.open(SECTION)
    window.presentation.add_current()
    dialog = window.presentation.show_playlist()
    presentation = window.presentation.present_current(screens=TWO_SCREENS, size=(1024, 768))
    assert presentation is not None and presentation.presenter_screen is not None
    return presentation, dialog


def test_an_open_presentation_and_playlist_change_language_at_once(window, qtbot):
    presentation, dialog = _present_with_playlist(window)
    presenter, slide = presentation.presenter_screen, presentation.slide_screen
    assert "How to use nasal naloxone" in slide.view.toPlainText()
    assert _plain(presenter.exit_button.text()) == "Exit presentation"
    index = presentation.index

    window.action("language").trigger()  # the toolbar's "Español"
    qtbot.wait(10)
    # The slide's content, at the same section.
    assert presentation.index == index
    assert "Cómo usar la naloxona nasal" in slide.view.toPlainText()
    assert "How to use nasal naloxone" not in slide.view.toPlainText()
    assert slide.windowTitle().endswith("Lector de reducción de daños")
    assert slide.indicator.accessibleName().startswith("Sección ")
    # The therapist's controls and their list of sections.
    assert _plain(presenter.exit_button.text()) == "Salir de la presentación"
    assert _plain(presenter.next_button.text()).startswith("Siguiente")
    assert presenter.next_heading.text() == "A continuación"
    assert presenter.windowTitle().startswith("Vista del presentador – ")
    assert "Cómo usar la naloxona nasal" in presenter.now_label.text()
    labels = [presenter.model.index(r, 0).data() for r in range(presenter.model.rowCount())]
    assert any("Cómo usar la naloxona nasal" in label for label in labels)
    # The playlist dialog and its sections.
    assert dialog.windowTitle() == "Lista de la sesión"
    assert _plain(dialog.up_button.text()) == "Subir"
    assert (
        dialog.list.model().index(0, 0).data() == "Naloxona (Narcan): Cómo usar la naloxona nasal"
    )
    assert _english_left(_shown_words(presenter) + _shown_words(slide)) == []
    assert _english_left(_shown_words(dialog)) == []

    window.set_language("en")
    assert "How to use nasal naloxone" in slide.view.toPlainText()
    assert _plain(presenter.exit_button.text()) == "Exit presentation"
    assert dialog.windowTitle() == "Session playlist"


def test_the_kiosk_qr_dialog_changes_language_while_it_is_open(make_window, qtbot):
    window = make_window("--kiosk")
    window.desktop = Desktop(window)  # the real modal dialog
    window.kiosk.start_reading()
    seen: dict[str, str] = {}

    def switch_and_look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QrDialog):
            QTimer.singleShot(20, switch_and_look)
            return
        seen["before"] = dialog.windowTitle()
        window.set_language("es")
        seen["title"] = dialog.windowTitle()
        seen["heading"] = dialog.heading.text()
        seen["done"] = dialog.done_button.text()
        seen["left"] = "\n".join(_english_left(_shown_words(dialog)))
        dialog.reject()

    QTimer.singleShot(0, switch_and_look)
    assert not window.open("https://988lifeline.org")
    assert seen["before"] == "Open this website on your own phone"
    assert seen["title"] == "Abra este sitio web en su propio teléfono"
    assert "Abra este sitio web" in seen["heading"]
    assert seen["done"] == "Listo"
    assert seen["left"] == ""


def test_the_resource_card_and_its_qr_codes_change_language(window):
    window.open("resource:crisis-text-line")
    panel = window.resources.qr_panel
    assert "Languages" in window.resources.card.toPlainText()
    window.set_language("es")
    card = window.resources.card.toPlainText()
    assert "Idiomas" in card and "inglés, español" in card, "languages named, in Spanish"
    assert "Crisis Text Line" in card, "a name stays as the pack gives it"
    assert panel.heading.text() == "Lléveselo"
    assert panel.caption.text().startswith("Escanee para")
    assert _english_left(card.splitlines()) == []
    assert _english_left(_shown_words(window.resources)) == []


def test_search_help_and_find_bar_have_no_english_left_in_spanish(window, qtbot):
    window.open("topic:naloxone")
    window.set_language("es")
    window.search_field.setText("zzzqqq")  # nothing found: help and crisis buttons
    window.search.flush()
    qtbot.waitUntil(lambda: window.search_panel.help_box.isVisibleTo(window), timeout=3000)
    window.action("find").trigger()
    window.find_bar.field.setText("zzzqqq")
    assert window.find_bar.count_label.text() == "No se encontró"
    shown = _shown_words(window.search_panel) + _shown_words(window.find_bar)
    assert "Buscar en esta página" in shown
    assert _english_left(shown) == []


def test_the_kiosk_start_screen_follows_a_language_switch(make_window):
    window = make_window("--kiosk")
    screen = window.kiosk.start_screen
    assert screen.title.text() == "Harm Reduction Reader"
    window.action("language").trigger()  # Ctrl+Shift+L on the start screen
    assert screen.title.text() == "Lector de reducción de daños", "the pack's name too"
    assert screen.start_button.text() == "Empezar a leer"
    assert screen.language_label.text() == "Elija su idioma"
    assert screen.language_buttons["es"].isChecked()
    assert _english_left(_shown_words(screen)) == []


def test_the_leftover_check_finds_english(window):
    """The check above is not empty-handed: an English text in a Spanish window is found."""
    window.set_language("es")
    assert _english_left(["Exit presentation", "Salida rápida", "No results for “x”."]) == [
        "Exit presentation",
        "No results for “x”.",
    ]
