"""The window closed (or another roster opened) while an automatic backup is still being written (found by breaker
X21a on U6's c0a1a8f).

Since c0a1a8f the automatic backup's audit entry waits for the write lock, and that wait is given up once the
roster is left (`Protection._run_auto`: `self.auto is not auto`). The close and File > Open leave the roster the
moment they are asked, before the backup still copying reaches its entry: the entry was then given up though
nobody held the lock, the backup stayed in the folder without its audit entry, and the backup at close, which
found the roster not backed up, wrote a whole second copy (minutes more at a million persons, the officer kept
waiting in "an automatic backup of the roster is still being written"). Before c0a1a8f the entry was written and
the backup at close had nothing left to copy.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop_app import system
from desktop_app.services import backups, demo, persons
from desktop_app.storage.db import BUSY_TIMEOUT_MS, Database, open_database
from desktop_app.storage.models import AuditEntry
from desktop_app.ui import operations
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection

RAISE = "This plugin does not support raise"  # the offscreen platform


def _backup_entries(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(AuditEntry.entity_key).where(AuditEntry.action == backups.BACKUP_ACTION)
                                    .order_by(AuditEntry.id)))


def _cancel_while_copying(qtbot: QtBot, folder: Path, until: Callable[[], bool]) -> None:
    """Click Cancel in the waiting window once the backup's hidden copy exists (the copy cannot stop), then wait
    until `until` holds."""
    pressed: list[bool] = []

    def cancel_while_copying() -> None:
        if not pressed and any(folder.glob(".*.partial")):
            waiting = next(widget for widget in QApplication.topLevelWidgets()
                           if isinstance(widget, QProgressDialog) and widget.objectName() == "waitingForLock")
            cancel = waiting.findChild(QPushButton)
            assert cancel is not None
            pressed.append(True)
            cancel.click()

    timer = QTimer()
    timer.timeout.connect(cancel_while_copying)
    timer.start(1)
    try:
        qtbot.waitUntil(lambda: bool(pressed) and until(), timeout=120_000)
    finally:
        timer.stop()


def _backup_due(qtbot: QtBot, window: MainWindow, db: Database) -> tuple[Protection, Path, set[Path], list[str]]:
    """Once the window's automatic backups are idle: its protection, the backup folder, the copies and the backup
    entries there now; then a change is saved, so that a backup is due."""
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: window.roster_changes.watched is db and protection.auto_task is None, timeout=60_000)
    assert db.target.path is not None
    folder = db.target.path.parent / "backups"
    before, entries = set(folder.glob("*.db")), _backup_entries(db)
    persons.create_person(db, {"surname": "Late", "given_names": "Arrival"}, operator="t")
    return protection, folder, before, entries


def _waiting_for_the_automatic_backup() -> bool:
    return any(isinstance(widget, QProgressDialog) and widget.objectName() == "waitingForLock"
               and "still being written" in widget.labelText() for widget in QApplication.topLevelWidgets())


@pytest.mark.qt_log_ignore(RAISE)
def test_the_window_closed_while_an_automatic_backup_writes_keeps_its_entry_and_copies_once(
        qtbot: QtBot, big_window: MainWindow, big_db: Database) -> None:
    protection, folder, before, entries = _backup_due(qtbot, big_window, big_db)
    seen_waiting: list[bool] = []
    closed: list[bool] = []

    def close_once_copying() -> None:  # the officer closes while the automatic backup's copy is being written
        if not closed and any(folder.glob(".*.partial")):
            closed.append(True)
            big_window.close()
        if closed and _waiting_for_the_automatic_backup():
            seen_waiting.append(True)

    timer = QTimer()
    timer.timeout.connect(close_once_copying)
    timer.start(1)
    try:
        protection._periodic_backup()
        assert protection.auto_task is not None
        qtbot.waitUntil(lambda: bool(closed) and not big_window.isVisible(), timeout=120_000)
    finally:
        timer.stop()
    assert seen_waiting  # the backup at close did wait for the automatic one (else this test proves nothing)
    written = sorted(set(folder.glob("*.db")) - before)
    # Before: two new copies (the automatic one and the one at close), and only the one at close in the trail
    assert [path.name for path in written] == _backup_entries(big_db)[len(entries):]
    assert len(written) == 1


@pytest.mark.qt_log_ignore(RAISE)
def test_the_automatic_backup_writing_at_the_quit_keeps_its_entry(
        qtbot: QtBot, big_window: MainWindow, big_db: Database) -> None:
    """The program quits while an automatic backup is copying (at a million persons, minutes: the officer closed
    and gave the backup at close up in its waiting window, whose words say "the automatic one is kept"). The quit
    (`_Relay.stop_all`, on QApplication.aboutToQuit) tells every work to stop and waits for the copy, which has no
    way to stop. Before: told to stop, the copy's audit entry was given up though nobody held the lock, and the
    copy kept stayed out of the audit trail."""
    protection, folder, before, entries = _backup_due(qtbot, big_window, big_db)
    quit_while_copying: list[bool] = []

    def quit_once_copying() -> None:
        if not quit_while_copying and any(folder.glob(".*.partial")):  # the copy written: its entry is to come
            quit_while_copying.append(True)
            operations.the_relay().stop_all()  # returns once the automatic backup has ended

    timer = QTimer()
    timer.timeout.connect(quit_once_copying)
    timer.start(1)
    try:
        protection._periodic_backup()
        qtbot.waitUntil(lambda: bool(quit_while_copying) and protection.auto_task is None, timeout=120_000)
    finally:
        timer.stop()
    written = sorted(set(folder.glob("*.db")) - before)
    assert len(written) == 1
    assert [path.name for path in written] == _backup_entries(big_db)[len(entries):]  # before: not in the trail


@pytest.mark.qt_log_ignore(RAISE)
def test_cancel_pressed_while_the_backup_at_close_copies_leaves_no_copy_out_of_the_trail(
        qtbot: QtBot, big_window: MainWindow, big_db: Database) -> None:
    """The backup at close waited in its window for the automatic backup, then copies the roster (minutes at a
    million persons) with that window still up, its Cancel saying it gives the backup up. The copy cannot stop;
    pressed meanwhile, Cancel gave up the audit entry though nobody held the lock: the window closed as if
    nothing had been written, and the copy stayed in the backup folder out of the trail (before c0a1a8f the
    backup was written and audited)."""
    protection, folder, before, entries = _backup_due(qtbot, big_window, big_db)
    assert protection.auto is not None
    writing = protection.auto._one_at_a_time  # an automatic backup still writing, as U6's own test holds it
    writing.acquire()
    try:
        big_window.close()
        qtbot.waitUntil(_waiting_for_the_automatic_backup, timeout=20_000)
    finally:
        writing.release()
    _cancel_while_copying(qtbot, folder, until=lambda: not big_window.isVisible())
    written = sorted(set(folder.glob("*.db")) - before)
    assert not any(folder.glob(".*.partial"))
    # Before: one new copy, and no new entry
    assert [path.name for path in written] == _backup_entries(big_db)[len(entries):]


@pytest.mark.qt_log_ignore(RAISE)
def test_cancel_pressed_while_file_open_backs_the_roster_up_keeps_it_open_and_its_copy_in_the_trail(
        qtbot: QtBot, big_window: MainWindow, big_db: Database, tmp_path: Path) -> None:
    """File > Open's backup of the roster left, Cancel pressed in its waiting window while the copy is written
    (it cannot stop): the roster stays open, as Cancel says, and the copy written is in the trail. Before: the
    roster stayed, and the copy stayed out of the trail."""
    protection, folder, before, entries = _backup_due(qtbot, big_window, big_db)
    assert protection.auto is not None
    bravo = tmp_path / "bravo.db"
    open_database(bravo).close()
    writing = protection.auto._one_at_a_time  # an automatic backup still writing, as U6's own test holds it
    answers: list[bool] = []
    writing.acquire()
    try:
        big_window.switch_database(str(bravo), None, then=answers.append)
        qtbot.waitUntil(_waiting_for_the_automatic_backup, timeout=20_000)
    finally:
        writing.release()
    _cancel_while_copying(qtbot, folder, until=lambda: bool(answers))
    assert answers == [False] and big_window.db is big_db  # the roster stays open
    qtbot.waitUntil(lambda: protection.auto is not None, timeout=10_000)  # with its automatic backups
    written = sorted(set(folder.glob("*.db")) - before)
    assert [path.name for path in written] == _backup_entries(big_db)[len(entries):]  # before: not in the trail
    assert len(written) == 1


HOLD_A_READ = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN")
connection.execute("SELECT count(*) FROM persons").fetchone()
print("reading", flush=True)
time.sleep(float(sys.argv[2]))
"""


@pytest.mark.qt_log_ignore(RAISE)
def test_a_colleagues_long_read_on_a_network_share_does_not_keep_the_roster_unreadable(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a roster keeping the rollback journal (a network share) a colleague's long read (their duplicate
    search, their automatic backup's copy) keeps every commit out while nobody holds the write lock. Since
    c0a1a8f the automatic backup's entry, failed busy, was tried again at once, as long as the read lasted:
    each try waits the busy timeout for the read holding SQLite's pending lock, which keeps every new read out,
    the window's and every colleague's, and the quit waited for the tries as well. The entry fails busy once
    there, as it did before ("Automatic backup failed", the copy kept)."""
    share = tmp_path / "share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/missions {share} nfs4 rw,relatime 0 0\n", encoding="utf-8")
    monkeypatch.setattr(system, "MOUNTS_FILE", mounts)
    database = open_database(share / "roster.db")
    demo.fill_demo(database, households=5, operator="demo")
    assert not backups.beside_saves(database)
    window = MainWindow(database, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: window.roster_changes.watched is database and protection.auto_task is None,
                    timeout=60_000)
    entries = _backup_entries(database)
    persons.create_person(database, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    reader = subprocess.Popen([sys.executable, "-c", HOLD_A_READ, str(share / "roster.db"), "180"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "reading"
        protection._periodic_backup()
        task = protection.auto_task
        assert task is not None
        # Before: still trying while the colleague read (180 s)
        qtbot.waitUntil(lambda: task.done, timeout=3 * BUSY_TIMEOUT_MS)
        assert "Automatic backup failed" in window.statusBar().currentMessage()
        assert _backup_entries(database) == entries  # the window reads the roster again: no try holds it
        assert reader.poll() is None  # all this while the colleague still reads
    finally:
        reader.kill()
        reader.wait()
        if reader.stdout is not None:
            reader.stdout.close()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    database.close()
