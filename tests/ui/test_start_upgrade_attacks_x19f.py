"""Breaker X19f (issue 19): the roster the window starts on, made by an older version, upgraded on a worker
behind a box (`ui.app._upgrade_then_open`), attacked; all held: the window closed meanwhile (nothing shown
after, no file left open), the upgrade refused by another program's lock held beyond the wait (told, the window
closed, the exit status a failure), an old roster with damaged pages (opened read-only as before, no copy)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop_app.services.roster_rows import needs_upgrade
from desktop_app.storage import db as storage_db
from desktop_app.storage import migrations
from desktop_app.ui.app import start_window
from desktop_app.ui.operations import open_pool
from desktop_app.ui.preferences import Preferences
from tests.ui.test_upgrade_at_open_s12 import OPEN_MS, _old_roster, _write_lock


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The message boxes shown, answered at once."""
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.objectName() + ": " + box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    yield shown


def _open_files_under(folder: Path) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return sorted(found)


def test_the_window_asked_to_close_while_the_start_upgrades_closes_once_it_is_done(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences, boxes: list[str]) -> None:
    """Closed at once, the window went and the process upgraded on unseen (minutes at a million persons) holding
    the roster's lock (`ui.instance`): the program started again said the roster was open in another window, and
    there was none. The window stays with its box, and closes once the upgrade is done, the roster not opened."""
    path = tmp_path / "old.db"
    _old_roster(path)
    with _write_lock(path):
        window = start_window(str(path), "A. Officer", preferences)
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: len(list(tmp_path.glob("old.db.before-migration-0021-*"))) == 1, timeout=OPEN_MS)
        for _ in range(2):  # a hurried officer
            assert not window.close()
        assert window.isVisible()
        box = window.findChild(QProgressDialog, "upgradingAtStart")
        assert box is not None and box.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=OPEN_MS)
    assert boxes == [] and not window.completed and window.db is None and not window.open_failed
    assert not any(box.isVisible() for box in window.findChildren(QProgressDialog))
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
            migrations.head_revision()
    open_pool().wait_for_done()
    assert _open_files_under(tmp_path) == []


def test_an_upgrade_at_start_refused_by_a_lock_is_told_and_the_window_closes(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences, boxes: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_db, "CREATION_PATIENCE_S", 0.3)
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "old.db"
    _old_roster(path)
    with _write_lock(path):
        window = start_window(str(path), "A. Officer", preferences)
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=OPEN_MS)
    assert window.open_failed and not window.completed and window.db is None
    assert len(boxes) == 1 and boxes[0].startswith("errorMessage"), boxes
    assert not any(box.isVisible() for box in window.findChildren(QProgressDialog))
    assert _open_files_under(tmp_path) == []


def test_a_damaged_old_roster_at_start_opens_read_only_as_before(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences, boxes: list[str]) -> None:
    """Its schema's revision readable (an older one), its persons' and terms' first pages overwritten: the box
    goes, and the roster opens read-only, telling its damage, not upgraded, as a damaged roster always did."""
    path = tmp_path / "old.db"
    _old_roster(path)
    with contextlib.closing(sqlite3.connect(path)) as connection:
        roots = dict(connection.execute("SELECT name, rootpage FROM sqlite_master WHERE rootpage > 0"))
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for table in ("persons", "search_terms"):
        data[(roots[table] - 1) * size:roots[table] * size] = b"\xee" * size
    path.write_bytes(bytes(data))
    assert needs_upgrade(str(path))
    window = start_window(str(path), "A. Officer", preferences)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.completed or not window.isVisible(), timeout=OPEN_MS)
    assert window.completed and window.db is not None and window.db.damage is not None
    assert not any(box.isVisible() for box in window.findChildren(QProgressDialog))
    assert boxes == [] and list(tmp_path.glob("old.db.before-migration-*")) == []
    window.close()
    window.db.close()
    assert _open_files_under(tmp_path) == []
