"""Shared fixtures: a fresh roster database file under tmp_path, an operator, Qt offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.libreoffice"]

OPERATOR = "test.officer"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "roster.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def operator() -> str:
    return OPERATOR


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real user's data, settings or logs."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("MISSION_ROSTER_DB", raising=False)
    monkeypatch.delenv("MISSION_ROSTER_OPERATOR", raising=False)
