"""What was still wrong in the window at session 18's end (session 19, U6); each test failed before its fix.

- Find duplicates' progress stood on its first stage for the whole search: the finder said 1 of 3 while it read
  the roster and while it compared (the long part); the bar now moves through the stages and names the one under
  way (`services.duplicates.SEARCH_STAGES`).
- Ctrl+C in the duplicates list and in Restore from backup's table copied a cell's shown line mark (' ↵ '), not
  its text: both are `cell_text.LinesTable`s now, as the records tables are.
- Find duplicates on a roster keeping the rollback journal (a network share) ran as a long read beside the saves,
  where a reader keeps every save out until it fails busy: it runs on the writer's worker there, as the backups
  do, and the dialog says that saves wait.
- The automatic backup said "failed" when a colleague's save held the write lock past the busy timeout (its audit
  entry failed busy after 10 s): it waits for the lock and is written.
- The backup at close waited, with no window and no Cancel, for an automatic backup still writing (a lock no
  Cancel reached): the waiting window now says so, and its Cancel closes the window without the backup.
- The window gives freed memory back to the system in one place (`ui.garbage.trim_freed_memory`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text

from desktop_app import system
from desktop_app.services import backups, persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import BUSY_TIMEOUT_MS, Database, open_database
from desktop_app.storage.models import AuditEntry
from desktop_app.ui import operations
from desktop_app.ui.cell_text import LINE_MARK
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from desktop_app.ui.protection.backup_dialog import RestoreDialog
from tests.storage.test_errors import held_lock
from tests.ui.opening import shown_window
from tests.ui.test_cell_lines_copy import _cell_showing, _copied

SEARCH_TIMEOUT_MS = 120_000
RAISE = "This plugin does not support raise"  # the offscreen platform


def _searching(window: MainWindow) -> DuplicatesDialog:
    window.actions["findDuplicates"].trigger()
    (dialog,) = window.findChildren(DuplicatesDialog)
    assert not dialog.loaded
    return dialog


@pytest.mark.qt_log_ignore(RAISE)
def test_the_search_for_duplicates_names_each_stage_as_it_moves(qtbot: QtBot, big_window: MainWindow,
                                                                tmp_path: Path) -> None:
    dialog = _searching(big_window)
    progress = dialog.findChild(QProgressDialog, "taskProgress")
    assert progress is not None
    seen: list[tuple[int, str]] = []

    def look() -> None:
        if dialog.search is not None and not dialog.search.done:
            shown = (progress.value(), progress.labelText())
            if not seen or seen[-1] != shown:
                seen.append(shown)
                if "stage" in shown[1] and progress.isVisible():
                    progress.grab().save(str(tmp_path / "duplicates-progress.png"))

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(5)
    try:
        qtbot.waitUntil(lambda: dialog.loaded, timeout=SEARCH_TIMEOUT_MS)
    finally:
        timer.stop()
    labels = [label for _value, label in seen]
    # Before: "Looking for duplicates" and the bar at 1 of 3 from the roster's read to the pairs' listing.
    assert "Looking for duplicates: reading the roster (stage 1 of 3)" in labels
    assert "Looking for duplicates: comparing the persons (stage 2 of 3)" in labels
    values = [value for value, label in seen if "stage" in label]
    assert values == sorted(values) and values[0] == 0 and max(values) >= 1  # the bar moves on, never back


@pytest.mark.qt_log_ignore(RAISE)
def test_ctrl_c_in_the_duplicates_list_copies_a_name_as_typed(qtbot: QtBot, db: Database) -> None:
    ids = [persons.create_person(db, {"surname_latin": "ABU SHANAB", "given_names_latin": "HUDA",
                                      "birth_date": "1984-02-11"}, operator="t").id for _ in range(2)]
    with db.transaction() as session:  # as a roster written before names were cleaned keeps them: on two lines
        session.execute(text("UPDATE persons SET surname_latin = 'ABU SHANAB' || char(10) || 'HUDA', "
                             "given_names_latin = '' WHERE id IN (:a, :b)"), {"a": ids[0], "b": ids[1]})
    dialog = DuplicatesDialog(Workspace(db, "A. Petrova"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=SEARCH_TIMEOUT_MS)
    cell = dialog.model.index(0, 0)
    shown = cell.data()
    assert isinstance(shown, str) and shown.endswith(f"ABU SHANAB{LINE_MARK}HUDA")
    # Before: 'MR-000001 ABU SHANAB ↵ HUDA' reached the clipboard
    assert _copied(qtbot, dialog.table, cell) == shown.replace(LINE_MARK, "\n")
    assert _copied(qtbot, dialog.table, dialog.model.index(0, 1)) == "1984-02-11"  # one line: as Qt copies it
    dialog.close()


@pytest.mark.qt_log_ignore(RAISE)
def test_ctrl_c_in_the_backups_table_copies_a_file_name_as_typed(qtbot: QtBot, tmp_path: Path) -> None:
    # A roster whose name holds a line separator (U+2028, pasted into a save dialog): its backups' names too.
    database = open_database(tmp_path / "Mission\u2028Cairo.db")
    folder = tmp_path / "backups"
    folder.mkdir()
    try:
        info = backups.backup_now(database, folder, operator="t", reason="at open")
        dialog = RestoreDialog(Workspace(database, "t"), folder)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
        cell = _cell_showing(dialog.table, info.path.name.replace("\u2028", LINE_MARK))
        dialog.grab().save(str(tmp_path / "restore.png"))
        assert _copied(qtbot, dialog.table, cell) == info.path.name  # before: with ' ↵ ' in place of U+2028
        dialog.close()
    finally:
        database.close()


@pytest.fixture
def share_window(qtbot: QtBot, big_roster_file: Path, tmp_path: Path, preferences: Preferences,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """A window on a copy of the big roster in a folder the mount table says is an NFS share (the rollback
    journal: `backups.beside_saves` says no)."""
    share = tmp_path / "share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/missions {share} nfs4 rw,relatime 0 0\n", encoding="utf-8")
    monkeypatch.setattr(system, "MOUNTS_FILE", mounts)
    shutil.copy(big_roster_file, share / "roster.db")
    database = open_database(share / "roster.db")
    assert not backups.beside_saves(database)
    main = shown_window(qtbot, database, preferences)
    yield main
    main.close()
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=SEARCH_TIMEOUT_MS)
    database.close()


@pytest.mark.qt_log_ignore(RAISE)
def test_find_duplicates_on_a_network_share_waits_its_turn_with_the_saves(qtbot: QtBot,
                                                                          share_window: MainWindow) -> None:
    dialog = _searching(share_window)
    assert "network share" in dialog.count_label.text()  # the officer is told why saves wait
    long_reads: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: long_reads.append(operations.long_read_pool().active_count()))
    timer.start(5)
    try:
        qtbot.waitUntil(lambda: dialog.loaded, timeout=SEARCH_TIMEOUT_MS)
    finally:
        timer.stop()
    assert long_reads and not any(long_reads)  # before: a long read beside the saves, which it kept out
    assert dialog.model.rowCount() > 0
    dialog.close()


def _backup_entries(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == backups.BACKUP_ACTION)) or 0


def _settled(qtbot: QtBot, window: MainWindow, db: Database) -> Protection:
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: window.roster_changes.watched is db and protection.auto_task is None, timeout=20_000)
    return protection


def test_the_automatic_backup_waits_for_a_save_that_holds_the_lock_past_the_busy_timeout(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    protection = _settled(qtbot, window, demo_db)
    assert demo_db.target.path is not None
    folder = demo_db.target.path.parent / "backups"
    before, entries = set(folder.glob("*.db")), _backup_entries(demo_db)
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    with held_lock(demo_db.target.path, 120):
        protection._periodic_backup()
        assert protection.auto_task is not None
        qtbot.wait(BUSY_TIMEOUT_MS + 3_000)
        # Before: "Automatic backup failed: … the database is busy" once its audit entry had waited 10 s
        assert "failed" not in window.statusBar().currentMessage()
        assert protection.auto_task is not None  # waiting for the colleague
    qtbot.waitUntil(lambda: protection.auto_task is None, timeout=30_000)
    assert "failed" not in window.statusBar().currentMessage()
    assert len(set(folder.glob("*.db")) - before) == 1
    assert _backup_entries(demo_db) == entries + 1


def _waiting_window() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                 and w.objectName() == "waitingForLock" and w.isVisible()), None)


def test_cancel_closes_without_the_backup_while_an_automatic_backup_still_writes(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    protection = _settled(qtbot, window, demo_db)
    assert demo_db.target.path is not None and protection.auto is not None
    folder = demo_db.target.path.parent / "backups"
    before = set(folder.glob("*.db"))
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    # An automatic backup still writing (minutes at a million persons) holds the one-at-a-time lock: held here.
    writing = protection.auto._one_at_a_time
    writing.acquire()
    try:
        window.close()
        assert window.isVisible()
        # Before: no window came up (the close waited on a lock Cancel never reached) and the window stayed
        qtbot.waitUntil(lambda: _waiting_window() is not None, timeout=20_000)
        waiting = _waiting_window()
        assert waiting is not None and "an automatic backup of the roster is still being written" in \
            waiting.labelText()
        waiting.grab().save(str(tmp_path / "waiting-for-the-backup.png"))
        cancel = waiting.findChild(QPushButton)
        assert cancel is not None
        cancel.click()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    finally:
        writing.release()
    assert set(folder.glob("*.db")) == before  # closed without the backup, as its waiting window said


def test_the_window_trims_freed_memory_in_one_place() -> None:
    ui = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
    calls = [path.relative_to(ui).as_posix() for path in sorted(ui.rglob("*.py"))
             for _ in re.finditer(r"memory_trimmer\(", path.read_text(encoding="utf-8"))]
    assert calls == ["garbage.py"]  # before: garbage.py and merge_dialog.py each trimmed in their own way
