"""A clinic updates its pack on a shared drive: the window reloads at a calm moment."""

from __future__ import annotations

import shutil

from hrreader.content import default_pack_path


def _pack(tmp_path):
    target = tmp_path / "clinic"
    shutil.copytree(default_pack_path(), target)
    return target


def test_changed_pack_reloads_only_when_idle(make_window, tmp_path, qtbot):
    pack = _pack(tmp_path)
    window = make_window("--pack", str(pack), "--open", "topic:naloxone")
    watcher = window.watch_pack([pack], interval_ms=50, idle_seconds=3600)
    topic = pack / "topics" / "en" / "naloxone.md"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace(
            "title: Naloxone (Narcan)", "title: Naloxone now"
        ),
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: watcher.pending, timeout=3000)
    assert "Naloxone now" not in window.reader.toPlainText(), "never mid-sentence"
    assert watcher.take_pending()
    assert "Naloxone now" in window.reader.toPlainText()
    assert window.address() == "topic:naloxone", "the reader stays where they were"


def test_idle_reader_gets_the_update(make_window, tmp_path, qtbot):
    pack = _pack(tmp_path)
    window = make_window("--pack", str(pack))
    window.watch_pack([pack], interval_ms=50, idle_seconds=0)
    welcome = pack / "topics" / "en" / "welcome.md"
    welcome.write_text(
        welcome.read_text(encoding="utf-8").replace("title: Welcome", "title: Welcome back"),
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: "Welcome back" in window.reader.toPlainText(), timeout=3000)
