"""Issue 19 (session 12): the officer is told when a roster is being upgraded at open.

A real roster is brought down to migration 0021 (`_without_sound_keys`, as a roster made before 0022 is) and
opened by File > Open's way in (`open_locked`) in a real window, and by the command line. A plain sqlite3
connection holds the roster's write lock meanwhile, as a colleague's save would: the upgrade (after its backup)
waits for it, so that the box is seen while it says the roster is being upgraded, whatever the machine's load.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.cli.program import main
from desktop_app.services import persons
from desktop_app.storage import migrations
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.app import start_window
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from tests.services.test_search_sound_keys import _without_sound_keys

pytest_plugins = ["tests.helpers.postgres"]

OPEN_MS = 20_000
UPGRADING = "Upgrading old.db to this version of Mission Roster. A backup is taken first; a large roster can take " \
            "several minutes."


def _old_roster(path: Path) -> None:
    """A roster at 0021 with a person whose sound keys 0022 writes."""
    db = open_database(path)
    persons.create_person(db, {"surname": "Хасанова", "given_names": "Яна"}, operator="setup")
    db.close()
    assert _without_sound_keys(f"sqlite:///{path}") > 0


@contextlib.contextmanager
def _write_lock(path: Path) -> Iterator[None]:
    """The roster's write lock held by another connection until the block ends."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def _opening_box(window: MainWindow) -> QProgressDialog | None:
    return window.findChild(QProgressDialog, "openingRoster")


def test_file_open_says_the_roster_is_being_upgraded_and_cancel_is_off_meanwhile(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """The box said only "Opening old.db…" for the minutes an upgrade takes, and its Cancel gave the open up while
    the upgrade went on on its worker (the box then said "Cancelling…" until it was done)."""
    path = tmp_path / "old.db"
    _old_roster(path)
    opened: list[bool] = []
    with _write_lock(path):
        window.open_locked(str(path), then=opened.append)
        qtbot.waitUntil(lambda: (box := _opening_box(window)) is not None and box.labelText() == UPGRADING,
                        timeout=OPEN_MS)
        box = _opening_box(window)
        assert box is not None and box.isVisible()
        cancel = box.findChild(QPushButton)
        assert cancel is not None and not cancel.isEnabled()
        assert cancel.toolTip() == "An upgrade is not stopped half-way: the roster opens once it is done."
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape is Cancel: off too
        assert window.opening is not None and not window.opening.given_up
        assert opened == []
        # taken before the upgrade, which waits for the lock; told before it is taken (whole under its name)
        qtbot.waitUntil(lambda: len(list(tmp_path.glob("old.db.before-migration-0021-*"))) == 1, timeout=OPEN_MS)
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [True] and window.db is not None and window.db.target.path == path
    assert migrations.current_revision(window.db.engine) == migrations.head_revision()
    assert _opening_box(window) is None or not _opening_box(window).isVisible()  # type: ignore[union-attr]


def test_the_roster_the_window_starts_on_is_upgraded_behind_a_box_saying_so(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences) -> None:
    """The roster named at start was opened on the GUI thread: an upgrade there showed no window at all for the
    minutes a large roster takes (and a colleague's lock froze it until the open gave up). Now the window shows
    at once, a box says the roster is being upgraded (no Cancel, Escape does nothing), then the roster opens."""
    path = tmp_path / "old.db"
    _old_roster(path)
    with _write_lock(path):
        window = start_window(str(path), "A. Officer", preferences)
        assert window is not None
        qtbot.addWidget(window)
        assert window.isVisible() and not window.completed
        box = window.findChild(QProgressDialog, "upgradingAtStart")
        assert box is not None and box.isVisible() and box.labelText() == UPGRADING
        assert box.findChild(QPushButton) is None
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert box.isVisible() and not window.completed
        qtbot.waitUntil(lambda: len(list(tmp_path.glob("old.db.before-migration-0021-*"))) == 1, timeout=OPEN_MS)
    qtbot.waitUntil(lambda: window.completed, timeout=OPEN_MS)
    assert window.db is not None and migrations.current_revision(window.db.engine) == migrations.head_revision()
    assert not any(found.isVisible() for found in window.findChildren(QProgressDialog, "upgradingAtStart"))
    assert len(list(tmp_path.glob("old.db.before-migration-0021-*"))) == 1
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == 1, timeout=OPEN_MS)
    window.close()
    qtbot.waitUntil(lambda: window.feature(Protection).closing_backup is None, timeout=OPEN_MS)
    window.db.close()


def test_a_roster_at_this_version_opens_without_the_upgrade_text(qtbot: QtBot, window: MainWindow,
                                                                  demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(path).close()
    seen: list[str] = []
    opened: list[bool] = []
    window.open_locked(str(path), then=opened.append)

    def look() -> bool:
        if (box := _opening_box(window)) is not None:
            seen.append(box.labelText())
        return bool(opened)

    qtbot.waitUntil(look, timeout=OPEN_MS)
    assert opened == [True]
    assert not any("Upgrading" in text for text in seen) and not list(tmp_path.glob("new.db.before-migration-*"))


def test_the_command_line_says_it_upgrades_a_roster_and_where_its_backup_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.db"
    _old_roster(path)
    code = main(["--db", str(path), "--operator", "cli.tester", "search", "jana"])
    captured = capsys.readouterr()
    assert code == 0
    backups = list(tmp_path.glob("old.db.before-migration-0021-*"))
    assert len(backups) == 1
    lines = [line for line in captured.err.splitlines() if line.startswith("Upgrading")]
    assert lines == [f"Upgrading {path} to this version of Mission Roster, backup at {backups[0]}; a large roster "
                     "can take several minutes"]
    assert "Хасанова" in captured.out
    # Opened again, it is at this version: nothing said.
    assert main(["--db", str(path), "--operator", "cli.tester", "search", "jana"]) == 0
    assert "Upgrading" not in capsys.readouterr().err


def test_the_command_line_says_it_upgrades_a_server_roster(postgres_url: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """On PostgreSQL no file is copied: the line names the roster (its URL without the password) alone."""
    db = open_database(postgres_url)
    persons.create_person(db, {"surname": "Хасанова", "given_names": "Яна"}, operator="setup")
    label = db.target.label
    db.close()
    assert _without_sound_keys(postgres_url) > 0
    assert main(["--db", postgres_url, "--operator", "cli.tester", "search", "jana"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("Upgrading")]
    assert lines == [f"Upgrading {label} to this version of Mission Roster; a large roster can take several minutes"]
