"""Shared test set-up: Qt draws offscreen, and no test touches the real home folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def point_home_at(monkeypatch: pytest.MonkeyPatch, home: Path, runtime: Path) -> Path:
    """HOME and every XDG folder under ``home`` (the runtime folder at ``runtime``)."""
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return home


@pytest.fixture
def home_pointer():
    """``point_home_at``, for conftest files below this one (they cannot import this one)."""
    return point_home_at


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point HOME and every XDG folder at a fresh temporary folder for each test."""
    home, runtime = tmp_path_factory.mktemp("home"), tmp_path_factory.mktemp("runtime")
    return point_home_at(monkeypatch, home, runtime)
