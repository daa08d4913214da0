"""The settings stores: a JSON file for the personal mode, memory for the others."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from hrreader.ui.settings import (
    DiskStore,
    MemoryStore,
    bytes_as_text,
    bytes_from_text,
    default_path,
    store_for,
)


def test_choices_come_back_in_a_new_store_with_their_types(tmp_path):
    path = tmp_path / "settings.json"
    store = DiskStore(path)
    store.set("language", "es")
    store.set("text_scale", 1.2)
    store.set("presentation/playlist", ["topic:naloxone"])  # one address stays a list
    store.set("flag", True)
    again = DiskStore(path)
    assert again.get("language") == "es"
    assert again.get("text_scale") == pytest.approx(1.2)
    assert again.get("presentation/playlist") == ["topic:naloxone"]
    assert again.get("flag") is True
    assert again.get("never-set") is None
    assert DiskStore(tmp_path / "missing.json").get("text_scale") == 1.0  # the default
    # A file a person can read: one key a line, in order.
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "es"
    assert path.read_text(encoding="utf-8").splitlines()[1].strip().startswith('"flag"')


def test_spanish_text_is_kept_as_written(tmp_path):
    path = tmp_path / "settings.json"
    DiskStore(path).set("note", "Próxima sesión: señales de sobredosis")
    assert "Próxima sesión" in path.read_text(encoding="utf-8")
    assert DiskStore(path).get("note") == "Próxima sesión: señales de sobredosis"


def test_a_number_edited_by_hand_into_text_is_still_a_number(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"text_scale": "1.5", "min_font_size": "large"}', encoding="utf-8")
    store = DiskStore(path)
    assert store.get("text_scale") == 1.5
    assert store.get("min_font_size") == 0.0  # not a number: the default


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ('{\n  "language": "es",\n  "theme": dark\n}\n', 3, "not valid JSON"),
        ('["language", "es"]\n', 1, "not a JSON object"),
        (b"\xff\xfe broken", None, "cannot read"),
    ],
)
def test_a_broken_file_gives_the_defaults_and_a_message_naming_it(
    tmp_path, caplog, text, line, why
):
    path = tmp_path / "settings.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="hrreader.ui.settings"):
        store = DiskStore(path)
    assert store.get("language") is None and store.get("text_scale") == 1.0
    (message,) = [r.getMessage() for r in caplog.records]
    assert why in message
    assert (f"{path}:{line}:" if line else str(path)) in message
    # The next choice writes a good file in its place.
    store.set("language", "es")
    assert DiskStore(path).get("language") == "es"


def test_a_folder_that_cannot_be_written_loses_nothing_else(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    store = DiskStore(blocker / "settings.json")
    with caplog.at_level(logging.WARNING, logger="hrreader.ui.settings"):
        store.set("language", "es")
    assert store.get("language") == "es"  # for the rest of this run
    assert "cannot save the settings" in caplog.text and str(blocker) in caplog.text
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]  # no temporary file left


def test_a_value_the_file_cannot_hold_is_refused_where_it_is_set(tmp_path):
    store = DiskStore(tmp_path / "settings.json")
    with pytest.raises(TypeError):
        store.set("window/geometry", b"\x01\xd9")  # bytes go in as bytes_as_text
    assert not (tmp_path / "settings.json").exists()


def test_an_unchanged_value_is_not_written_again(tmp_path):
    path = tmp_path / "settings.json"
    store = DiskStore(path)
    store.set("theme", "dark")
    path.write_text("{}", encoding="utf-8")  # changed behind its back
    store.set("theme", "dark")
    assert path.read_text(encoding="utf-8") == "{}"
    store.set("theme", "light")
    assert DiskStore(path).get("theme") == "light"


def test_clear_forgets_everything(tmp_path):
    path = tmp_path / "settings.json"
    store = DiskStore(path)
    store.set("language", "es")
    store.clear()
    assert store.get("language") is None
    assert DiskStore(path).get("language") is None


def test_bytes_are_kept_as_text():
    data = bytes(range(256))
    assert bytes_from_text(bytes_as_text(data)) == data
    for odd in (None, "", 42, "not base64!", ["AQI="]):
        assert bytes_from_text(odd) is None


@pytest.mark.parametrize("xdg", ["set", "unset", "empty", "relative"])
def test_the_file_is_in_the_config_folder_qt_names(qapp, monkeypatch, tmp_path, xdg):
    """Where QStandardPaths puts this program's settings (read without it on Linux)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if xdg == "set":
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    elif xdg == "unset":
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", "" if xdg == "empty" else "relative/config")
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    try:
        for org, app in (("hrreader", "hrreader"), ("", "hrreader")):
            QCoreApplication.setOrganizationName(org)
            QCoreApplication.setApplicationName(app)
            location = QStandardPaths.StandardLocation.AppConfigLocation
            folder = Path(QStandardPaths.writableLocation(location))
            assert default_path() == folder / "settings.json"
    finally:
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])


def test_only_the_personal_mode_writes(tmp_path):
    assert isinstance(store_for(persist=False), MemoryStore)
    assert isinstance(store_for(persist=True), DiskStore)
