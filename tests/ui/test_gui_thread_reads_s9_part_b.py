"""Issue 15 (session 9, part B): the audit-trail check, retention planning, the backup list and the closing backup
run off the GUI thread, and the roster table's rows kept across a reload are bounded.

Replayed with a real window on real SQLite rosters under tmp_path; a real `before_cursor_execute` listener
(`StatementThreads`) records the thread of every statement, and a real second process holds the roster's write
lock (`held_lock`) where a colleague's save is the point.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import demo_bulk, persons
from desktop_app.storage.db import Database
from desktop_app.ui import roster_model
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection
from desktop_app.ui.protection.backup_dialog import RestoreDialog
from desktop_app.ui.protection.dialogs import RetentionDialog
from desktop_app.ui.roster_model import PAGE_SIZE
from desktop_app.ui.roster_page import RosterPage
from tests.storage.test_errors import held_lock
from tests.ui.polling import keep_looking
from tests.ui.test_workspace_attacks_s7 import StatementThreads
from tests.ui.typing import answer_next_message_box

_connect_recorders: list[ConnectThreads] = []


def _heard(event: str, arguments: tuple[Any, ...]) -> None:
    if event == "sqlite3.connect" and _connect_recorders:
        for recorder in list(_connect_recorders):
            recorder.record(str(arguments[0]) if arguments else "")


sys.addaudithook(_heard)  # for the whole session (a hook cannot be removed): it records only while one listens


class ConnectThreads:
    """The thread of every SQLite connection opened to a file under `folder` while recording (Python's own
    `sqlite3.connect` audit event): the backups are opened with the driver, not through the roster's engine."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.threads: list[threading.Thread] = []
        _connect_recorders.append(self)

    def record(self, database: str) -> None:
        if self.folder in database:
            self.threads.append(threading.current_thread())

    def stop(self) -> None:
        _connect_recorders.remove(self)

    def on_gui_thread(self) -> int:
        return sum(1 for thread in self.threads if thread is threading.main_thread())


def _quiet(qtbot: QtBot, window: MainWindow, db: Database) -> Protection:
    """The window settled: the change watcher's baseline taken (on the GUI thread, not this work's) and the
    backup at open written."""
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: window.roster_changes.watched is db and protection.auto_task is None, timeout=20_000)
    return protection


def _settled(qtbot: QtBot, page: RosterPage) -> None:
    model = page.model
    qtbot.waitUntil(lambda: model.searched and not model.loading and not model.pages_loading, timeout=20_000)


def test_the_rows_kept_across_reloads_are_bounded(qtbot: QtBot, db: Database,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each reload kept the pages cached then to be shown until read again, and rows never scrolled back to
    stayed for the window's life: scrolling a 100,000-person roster with colleagues' changes arriving kept
    every row read. They are kept no longer than the cache of pages holds (made two pages here)."""
    demo_bulk.build_demo_roster(db, persons=4 * PAGE_SIZE)
    monkeypatch.setattr(roster_model, "MAX_CACHED_PAGES", 2)
    owner = QWidget()  # never shown: the rows are read only when asked for below, as a view scrolling does
    qtbot.addWidget(owner)
    page = RosterPage(db, owner)
    _settled(qtbot, page)
    model = page.model
    kept = []
    for number in range(4):
        row = number * PAGE_SIZE
        model.index(row, 1).data()  # scrolled to: the page is read
        qtbot.waitUntil(lambda row=row: model.index(row, 1).data() not in (None, "…"), timeout=20_000)
        model.refresh()  # a colleague's change: the rows read stay shown until their page is read again
        _settled(qtbot, page)
        kept.append(model.stale_rows)
    assert max(kept) <= 2 * PAGE_SIZE, kept
    qtbot.waitUntil(lambda: model.index(PAGE_SIZE, 1).data() not in (None, "…"), timeout=20_000)


def test_the_audit_trail_check_runs_off_the_gui_thread(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    """Tools > Verify audit trail hashed every entry again on the GUI thread (seconds on a large roster)."""
    _quiet(qtbot, window, demo_db)
    replies: list[str] = []
    answer_next_message_box(replies)
    statements = StatementThreads(demo_db)
    try:
        window.feature(Protection).verify_action.trigger()
        qtbot.waitUntil(lambda: len(replies) == 1, timeout=20_000)
    finally:
        statements.stop()
    assert "intact" in replies[0]
    assert len(statements.threads) > 0
    assert statements.on_gui_thread() == 0


def test_retention_is_planned_off_the_gui_thread(qtbot: QtBot, window: MainWindow, demo_db: Database,
                                                 tmp_path: Path) -> None:
    """Close the crisis: the plan (every person's state and last change) was read on the GUI thread once the
    dialog was accepted. The officer declines the question that follows: nothing is written."""
    _quiet(qtbot, window, demo_db)
    replies: list[str] = []

    def fill() -> bool:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RetentionDialog):
            return False
        for box in dialog.state_boxes.values():
            box.setChecked(True)
        dialog.days.setValue(0)
        dialog.archive.setText(str(tmp_path / "archive.db"))
        dialog.passphrase.setText("correct horse battery")
        answer_next_message_box(replies, QMessageBox.StandardButton.No)  # "… will be anonymised. Go on?"
        dialog.accept()
        return True

    keep_looking(fill)
    statements = StatementThreads(demo_db)
    try:
        window.feature(Protection).retention_action.trigger()
        qtbot.waitUntil(lambda: len(replies) == 1, timeout=20_000)
    finally:
        statements.stop()
    assert "will be anonymised" in replies[0]
    assert len(statements.threads) > 0
    assert statements.on_gui_thread() == 0
    assert not (tmp_path / "archive.db").exists()


def test_the_backup_list_is_read_off_the_gui_thread(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    """Restore from backup opened and counted every copy in the folder on the GUI thread (a USB stick of
    100,000-person copies: seconds before the dialog showed)."""
    protection = _quiet(qtbot, window, demo_db)
    assert demo_db.target.path is not None
    folder = demo_db.target.path.parent / "backups"
    protection.back_up_now()
    qtbot.waitUntil(lambda: len(list(folder.glob("*.db"))) == 2, timeout=20_000)
    opened = ConnectThreads(folder)
    try:
        dialog = RestoreDialog(window.hub.workspace, folder, window)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        assert dialog.model.records == [] and not dialog.restore_button.isEnabled()  # on its way
        qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    finally:
        opened.stop()
    assert len(dialog.model.records) == 2
    assert dialog.restore_button.isEnabled()
    assert len(opened.threads) >= 2
    assert opened.on_gui_thread() == 0


def _waiting_window() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                 and w.objectName() == "waitingForLock" and w.isVisible()), None)


def test_the_backup_at_close_waits_for_a_colleague_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                                       demo_db: Database) -> None:
    """The backup at close was written on the GUI thread: a colleague holding the write lock held the closing
    window up to 10 s, unpainted. Now the window stays, answering, names the colleague, and closes once the
    lock is let go and the backup is written (whole: no hidden partial copy is left)."""
    protection = _quiet(qtbot, window, demo_db)
    assert demo_db.target.path is not None
    folder = demo_db.target.path.parent / "backups"
    before = set(folder.glob("*.db"))
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    try:
        with held_lock(demo_db.target.path, 30):
            window.close()
            assert window.isVisible()  # not closed yet: the backup waits for the colleague
            qtbot.waitUntil(lambda: _waiting_window() is not None, timeout=20_000)
            waiting = _waiting_window()
            assert waiting is not None and "A. Colleague" in waiting.labelText()
            ticked = len(ticks)
            qtbot.waitUntil(lambda: len(ticks) > ticked + 5, timeout=20_000)  # the window's events are handled
            assert window.isVisible() and protection.closing_backup is not None
            assert set(folder.glob("*.db")) == before  # nothing written while the colleague holds the lock
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)  # the lock let go: written, then closed
    finally:
        timer.stop()
    written = set(folder.glob("*.db")) - before
    assert len(written) == 1
    assert not list(folder.glob(".*partial*"))
    assert protection.closing_backup is None


def test_cancel_gives_the_backup_at_close_up_and_the_window_closes(qtbot: QtBot, window: MainWindow,
                                                                   demo_db: Database) -> None:
    """Cancel in the waiting window: nothing is written, and the window closes at once."""
    _quiet(qtbot, window, demo_db)
    assert demo_db.target.path is not None
    folder = demo_db.target.path.parent / "backups"
    before = set(folder.glob("*.db"))
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")
    with held_lock(demo_db.target.path, 30):
        window.close()
        qtbot.waitUntil(lambda: _waiting_window() is not None, timeout=20_000)
        waiting = _waiting_window()
        assert waiting is not None
        cancel = waiting.findChild(QPushButton)
        assert cancel is not None
        cancel.click()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert set(folder.glob("*.db")) == before
