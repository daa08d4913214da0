"""The interface in Spanish: Qt translations, switching at runtime, and more languages later.

Switching keeps the reader where they are; every interface text goes through Qt's
translator and has a finished Spanish translation; the shipped .qm is the .ts compiled;
adding a language is adding files.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QResource, QTranslator
from PySide6.QtWidgets import QApplication, QToolButton

from hrreader.content import default_pack_path
from hrreader.content.text import label
from hrreader.ui.i18n import current_ui_language, qm_path, ui_languages
from hrreader.ui.main_window import MainWindow
from hrreader.ui.settings import DiskStore

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "hrreader" / "ui" / "translations"
ES_TS = TRANSLATIONS / "hrreader_es.ts"
ES_QM = TRANSLATIONS / "hrreader_es.qm"
SECTION = "topic:naloxone#how-to-use-nasal-naloxone"


def _build_tool():
    spec = importlib.util.spec_from_file_location(
        "build_resources", ROOT / "tools" / "build_resources.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tool(name: str) -> list[str]:
    command = _build_tool().pyside_tool(name)
    if shutil.which(command[0]) is None:
        pytest.skip(f"{name} is not installed (it ships with PySide6-Essentials)")
    return command


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    """(context, <message>) for every message of a .ts file."""
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _section_on_screen(window: MainWindow) -> str:
    return window.presentation.current_address().partition("#")[2]


# -- switching at runtime ------------------------------------------------------------------
def test_switching_keeps_the_address_and_section_and_shows_the_page_in_spanish(window, qtbot):
    window.open(SECTION)
    qtbot.wait(20)
    assert _section_on_screen(window) == "how-to-use-nasal-naloxone"
    assert "How to use nasal naloxone" in window.reader.toPlainText()
    history = list(window.history.entries)

    window.action("language").trigger()  # the toolbar button "Español"
    qtbot.wait(20)
    assert window.lang == "es"
    assert window.address() == SECTION
    assert window.history.entries == history, "switching is not a new page"
    text = window.reader.toPlainText()
    assert "Cómo usar la naloxona nasal" in text and "How to use nasal naloxone" not in text
    assert _section_on_screen(window) == "how-to-use-nasal-naloxone", "same section on screen"
    current = window.sidebar.currentIndex()
    assert current.data() == "Cómo usar la naloxona nasal"
    assert window.windowTitle().endswith("Lector de reducción de daños")

    window.action("language").trigger()  # now "English"
    assert window.lang == "en" and window.address() == SECTION
    assert "How to use nasal naloxone" in window.reader.toPlainText()


def test_switching_keeps_the_section_scrolled_to_without_an_address(window, qtbot):
    window.open("topic:naloxone")
    window.reader.scroll_to_section("where-to-get-naloxone")
    qtbot.wait(20)
    assert _section_on_screen(window) == "where-to-get-naloxone"
    window.set_language("es")
    qtbot.wait(20)
    assert window.address() == "topic:naloxone"
    assert _section_on_screen(window) == "where-to-get-naloxone"


def test_interface_texts_change_to_spanish_and_back(window):
    english = {action.property("actionId"): action.text() for action in window.actions_registry}
    assert _plain(window.action("back").text()) == "Back"
    assert window.action("language").text() == "Español"

    window.set_language("es")
    assert current_ui_language() == "es"
    expected = {
        "back": "Atrás",
        "forward": "Adelante",
        "home": "Inicio",
        "search": "Buscar",
        "quick-exit": "Salida rápida",
        "resources": "Recursos",
        "zoom-in": "Texto más grande",
        "language": "English",
    }
    for action_id, text in expected.items():
        assert _plain(window.action(action_id).text()) == text, action_id
    assert window.action("back").toolTip().startswith("Volver a la página anterior")
    for action in window.actions_registry:
        action_id = action.property("actionId")
        assert action.text() != english[action_id], f"action {action_id} was not translated"
    # Widgets that set their own texts: each retranslates on the LanguageChange event.
    assert window.quick_exit_button.text() == "Salida rápida"
    assert window.quick_exit_button.accessibleName() == "Salida rápida"
    assert window.sidebar_title.text() == "Temas"
    assert window.sidebar.accessibleName() == "Temas"
    assert window.reader.accessibleName() == "Panel de lectura"
    assert window.toolbar.accessibleName() == "Navegación"
    assert window.search_field.placeholderText().startswith("Buscar: sobredosis")
    assert window.resources.title.text() == "Recursos"
    assert window.resources.tag_buttons["overdose"].text() == "Sobredosis"
    assert window.find_bar.close_button.text() == "Cerrar"
    assert window.resources.card.toPlainText().startswith("Elija un recurso")
    menus = [_plain(action.text()) for action in window.menuBar().actions()]
    assert menus == ["Ir", "Ver", "Presentar", "Ayuda"]
    for action_id in ("back", "forward", "resources"):  # named for screen readers too
        button = window.toolbar.widgetForAction(window.action(action_id))
        assert button.accessibleName() == _plain(window.action(action_id).text())
    language_button = window.toolbar.widgetForAction(window.action("language"))
    assert isinstance(language_button, QToolButton) and language_button.text() == "English"

    window.set_language("en")
    assert current_ui_language() == "en"
    assert {a.property("actionId"): a.text() for a in window.actions_registry} == english
    assert window.sidebar_title.text() == "Topics"
    assert window.resources.tag_buttons["overdose"].text() == "Overdose"


def test_the_resource_card_and_search_panel_follow_the_language(window, qtbot):
    window.open("resource:lifeline-988")
    window.search_field.setText("zzzqqq")  # no results: the crisis buttons show
    window.search.flush()
    qtbot.waitUntil(lambda: window.search_panel.help_box.isVisibleTo(window), timeout=3000)
    window.set_language("es")
    assert window.resources.current_id() == "lifeline-988", "the same resource stays chosen"
    card = window.resources.card.toPlainText()
    assert "Llamar" in card and "Apoyo gratuito y privado" in card
    assert window.resources.qr_panel.caption.text() == "Escanee para llamar"
    qtbot.waitUntil(lambda: "No hay resultados" in window.search_panel.status.text(), timeout=3000)
    assert window.search_panel.help_label.text().startswith("Pruebe con menos palabras")


def test_lang_option_starts_in_spanish(make_window):
    window = make_window("--lang", "es")
    assert window.lang == "es" and current_ui_language() == "es"
    assert _plain(window.action("back").text()) == "Atrás"
    assert window.action("language").text() == "English"
    assert "Bienvenida" in window.reader.toPlainText()
    assert window.topic_model.index(0, 0).data() == "Entender la reducción de daños"
    assert window.windowTitle().endswith("Lector de reducción de daños")


def test_unknown_lang_option_starts_in_the_default_language(make_window):
    window = make_window("--lang", "zz")
    assert window.lang == "en" and current_ui_language() == "en"
    assert _plain(window.action("back").text()) == "Back"


def test_the_language_is_remembered_in_personal_mode_only(make_window, tmp_path):
    path = str(tmp_path / "settings.json")
    window = make_window(store=DiskStore(path))
    window.action("language").trigger()
    assert DiskStore(path).get("language") == "es"
    again = make_window(store=DiskStore(path))
    assert again.lang == "es" and _plain(again.action("back").text()) == "Atrás"
    # --lang wins over the remembered language.
    assert make_window("--lang", "en", store=DiskStore(path)).lang == "en"

    private_path = str(tmp_path / "private.ini")
    private = make_window("--private", store=DiskStore(private_path))
    private.set_language("es")
    assert DiskStore(private_path).get("language") is None
    # A kiosk always starts in the pack's default language, whatever a store holds.
    store = DiskStore(private_path)
    store.set("language", "es")
    assert make_window("--kiosk", store=store).lang == "en"


def test_search_after_switching_finds_spanish_words_and_folds_accents(window, qtbot):
    window.set_language("es")
    window.start_search_index()

    def titles(query: str) -> list[str]:
        window.search_field.setText(query)
        window.search.flush()
        window.search.wait()
        qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=3000)
        model = window.search_panel.model
        return [model.index(row, 0).data() for row in range(model.rowCount())]

    found = titles("sobredosis")
    assert "Cómo responder a una sobredosis" in found
    assert window.search_panel.status.text().endswith("resultados")
    window.search_field.setText("")
    assert "Por qué importa la reducción de daños" in titles("reduccion danos")  # no accents
    window.search_panel.open_current()
    assert window.address().startswith("topic:")
    assert window.reader.toPlainText().count("reducción") > 0


def test_a_topic_missing_in_spanish_shows_english_with_a_notice(make_window, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(default_pack_path(), pack)
    (pack / "topics" / "es" / "alcohol.md").unlink()
    window = make_window("--pack", str(pack), "--lang", "es", "--open", "topic:alcohol")
    assert window.address() == "topic:alcohol"
    text = window.reader.toPlainText()
    assert label("fallback", "es").format(lang="inglés") in text
    assert window.library.topic("alcohol", "en").title in text
    assert _plain(window.action("back").text()) == "Atrás", "the interface stays in Spanish"
    window.set_language("en")
    assert "not available in your language" not in window.reader.toPlainText()


# -- the translation files -------------------------------------------------------------
def test_every_message_has_a_finished_spanish_translation():
    messages = _messages(ES_TS)
    assert len(messages) > 150
    problems: list[str] = []
    for context, message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        where = f"{context}: {source!r}"
        if translation is None:
            problems.append(f"{where}: no translation")
            continue
        kind = translation.get("type", "")
        if kind in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{where}: {kind}")
        text = "".join(translation.itertext())
        if not text.strip():
            problems.append(f"{where}: empty")
            continue
        # The program fills these in: a translation must keep every one of them.
        if sorted(re.findall(r"\{\w*\}", source)) != sorted(re.findall(r"\{\w*\}", text)):
            problems.append(f"{where}: placeholders differ in {text!r}")
        if source.count("&") - 2 * source.count("&&") != text.count("&") - 2 * text.count("&&"):
            problems.append(f"{where}: keyboard mnemonic (&) lost or added in {text!r}")
    assert not problems, "\n".join(problems)


def test_the_ts_file_holds_every_string_in_the_code(tmp_path):
    """lupdate the code again into a scratch .ts: a new or changed text in the code that is
    not in the committed .ts (with its translation) fails here."""
    tool = _build_tool()
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [
            *_tool("pyside6-lupdate"),
            *(str(p) for p in tool.ui_sources()),
            "-no-obsolete",
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    in_code = {(c, m.findtext("source")) for c, m in _messages(fresh)}
    committed = {(c, m.findtext("source")) for c, m in _messages(ES_TS)}
    assert len(in_code) > 150
    missing = sorted(in_code - committed)
    stale = sorted(committed - in_code)
    assert not missing and not stale, (
        f"run `python tools/build_resources.py` and translate; not in the .ts: {missing}; "
        f"no longer in the code: {stale}"
    )


def test_every_interface_text_goes_through_tr():
    """No label, tooltip or title is set from a bare string literal in hrreader/ui."""
    setters = {
        "setText",
        "setToolTip",
        "setStatusTip",
        "setAccessibleName",
        "setAccessibleDescription",
        "setWindowTitle",
        "setPlaceholderText",
        "showMessage",
        "addMenu",
        "QLabel",
        "QPushButton",
        "QAction",
        "QToolBar",
    }

    def words(node: ast.expr) -> str:
        """The literal text of a string or f-string argument, without HTML tags."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
        else:
            return ""
        return re.sub(r"<[^>]*>", "", text)

    problems: list[str] = []
    for path in _build_tool().ui_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            where = f"{path.name}:{node.lineno}: {ast.unparse(node)[:70]}"
            if name in ("tr", "translate") and any(
                isinstance(arg, ast.JoinedStr) for arg in node.args
            ):
                problems.append(f"{where}: an f-string inside tr() is never found translated")
            if name in setters and node.args and re.search("[A-Za-z]", words(node.args[0])):
                problems.append(f"{where}: words not passed through tr()")
    assert not problems, "\n".join(problems)


def test_the_shipped_qm_is_the_ts_compiled(tmp_path):
    """The .qm in the repository and the one compiled into resources_rc.py (what the program
    loads) both give every translation of the .ts."""
    from_file, from_resources = QTranslator(), QTranslator()
    assert from_file.load(str(ES_QM))
    assert from_resources.load(qm_path("es"))
    problems: list[str] = []
    for context, message in _messages(ES_TS):
        source = message.findtext("source") or ""
        wanted = message.findtext("translation")
        for where, translator in (("file", from_file), ("resources_rc", from_resources)):
            got = translator.translate(context, source)
            if got != wanted:
                problems.append(f"{where}: {context}: {source!r} -> {got!r}, not {wanted!r}")
    assert not problems, "run `python tools/build_resources.py`:\n" + "\n".join(problems[:20])
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [*_tool("pyside6-lrelease"), "-nounfinished", "-silent", str(ES_TS), "-qm", str(fresh)],
        check=True,
    )
    assert fresh.read_bytes() == ES_QM.read_bytes(), "run `python tools/build_resources.py`"


# -- more languages -------------------------------------------------------------------------
def test_interface_languages_come_from_the_qrc():
    assert ui_languages() == ["en", "es"]


def test_a_language_without_a_translation_shows_the_interface_in_english(qapp, caplog):
    from hrreader.ui.i18n import set_ui_language

    words = "Something went wrong"
    assert set_ui_language("es")
    assert QCoreApplication.translate("MainWindow", words) != words
    assert not set_ui_language("fr")  # a pack may have content in a language the UI lacks
    assert current_ui_language() == "en"
    assert QCoreApplication.translate("MainWindow", words) == words
    assert not caplog.records  # no translation is not a broken one


def test_no_interface_code_decides_by_a_language_code():
    """Languages are data (the qrc, the pack, text.LANGUAGE_NAMES): no code in hrreader/ui
    compares with or passes a literal language code other than the source language."""
    codes = re.compile(r"^(es|ht|fr|pt|zh)(-\w+)?$")
    problems: list[str] = []
    for path in _build_tool().ui_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        keys = {
            id(key) for node in ast.walk(tree) if isinstance(node, ast.Dict) for key in node.keys
        }
        for node in ast.walk(tree):
            literal = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if literal and codes.match(node.value) and id(node) not in keys:
                problems.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert not problems, "\n".join(problems)


def test_adding_haitian_creole_is_adding_files(make_window, tmp_path):
    """A pack with topics/ht/ and an hrreader_ht.qm in the resources: a third language,
    offered in a menu of the languages' own names, with no code changed."""
    ts = tmp_path / "hrreader_ht.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="ht"><context><name>MainWindow</name>'
        "<message><source>&amp;Back</source><translation>&amp;Retounen</translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    subprocess.run(
        [*_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(tmp_path / "hrreader_ht.qm")],
        check=True,
    )
    qrc = tmp_path / "ht.qrc"
    qrc.write_text(
        '<RCC><qresource prefix="/i18n"><file>hrreader_ht.qm</file></qresource></RCC>\n',
        encoding="utf-8",
    )
    rcc = tmp_path / "ht.rcc"
    subprocess.run([*_tool("pyside6-rcc"), "--binary", str(qrc), "-o", str(rcc)], check=True)
    pack = tmp_path / "pack"
    shutil.copytree(default_pack_path(), pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "languages: [en, es]", "languages: [en, es, ht]"
        ),
        encoding="utf-8",
    )
    (pack / "topics" / "ht").mkdir()
    welcome = (pack / "topics" / "en" / "welcome.md").read_text(encoding="utf-8")
    (pack / "topics" / "ht" / "welcome.md").write_text(
        welcome.replace("title: Welcome", "title: Byenvini"), encoding="utf-8"
    )

    assert QResource.registerResource(str(rcc))
    try:
        assert ui_languages() == ["en", "es", "ht"]
        window = make_window("--pack", str(pack), "--lang", "ht")
        assert window.lang == "ht" and current_ui_language() == "ht"
        assert _plain(window.action("back").text()) == "Retounen"
        assert "Byenvini" in window.reader.toPlainText()
        menu = window.action("language").menu()
        assert menu is not None
        assert [a.text() for a in menu.actions()] == ["English", "Español", "Kreyòl ayisyen"]
        assert [a.isChecked() for a in menu.actions()] == [False, False, True]
        menu.actions()[1].trigger()
        assert window.lang == "es" and _plain(window.action("back").text()) == "Atrás"
        assert menu.actions()[1].isChecked()
        button = window.toolbar.widgetForAction(window.action("language"))
        assert button.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup
        opened: list[object] = []
        menu.popup = lambda where, *_rest: opened.append(where)  # offscreen: no real popup
        window.action("language").trigger()  # the shortcut opens the menu
        assert len(opened) == 1
        window.set_language("en")
    finally:
        QApplication.processEvents()
        QResource.unregisterResource(str(rcc))
    assert ui_languages() == ["en", "es"]
