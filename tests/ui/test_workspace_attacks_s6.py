"""Attacks on the one workspace (issue 15, breaker X15b): a write waiting for a colleague's lock in
`ui.operations`' nested loop while the officer opens another roster.

A colleague holds the roster's write lock (BEGIN IMMEDIATE in a real subprocess); the officer presses
Ctrl+Z (an undo that must wait), then opens another roster before the colleague is done. The waiting undo
was asked of the first roster: it must never be written to the second one, whose records have the same ids
(it was), and the window clearing its undo stack must not delete the command whose undo is still running
(the program crashed with a segmentation fault).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.undo_commands import DeleteCommand
from tests.storage.test_errors import held_lock
from tests.ui.typing import answer_next_message_box

FIELDS = ({"surname_latin": "ORLOV", "given_names_latin": "ILYA", "birth_date": "1990-01-01"},
          {"surname_latin": "SAYED", "given_names_latin": "MONA", "birth_date": "1985-05-05"})


@pytest.fixture
def window(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    for fields in FIELDS:
        persons.create_person(db, fields, operator="t")
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.roster.model.complete, timeout=20_000)  # the table's ids come off the GUI thread
    yield main
    main.close()


def _waiting() -> bool:
    return any(isinstance(w, QProgressDialog) and w.objectName() == "waitingForLock" and w.isVisible()
               for w in QApplication.topLevelWidgets())


def _other_roster(path: Path) -> int:
    """A second roster whose first person has the same id and is in the trash too."""
    other = open_database(path)
    try:
        first = persons.create_person(other, FIELDS[1], operator="t")
        persons.delete_person(other, first.id, operator="t", reason="registered twice")
        return first.id
    finally:
        other.close()


def test_an_undo_waiting_for_the_lock_is_not_written_to_the_roster_opened_meanwhile(
        qtbot: QtBot, window: MainWindow, db: Database, db_path: Path, tmp_path: Path) -> None:
    assert window.workspace is not None
    person = window.roster.model.ids[0]
    persons.delete_person(db, person, operator="t", reason="test")
    window.undo_stack.push(DeleteCommand(window.workspace, person, "MR-1", window, lambda _id: None))
    other_path = tmp_path / "other.db"
    other_id = _other_roster(other_path)
    assert other_id == person

    switched: list[bool] = []

    def switch_when_waiting() -> None:  # runs inside the undo's nested loop
        if not _waiting():
            QTimer.singleShot(20, switch_when_waiting)
            return
        window.switch_database(str(other_path), then=switched.append)  # the officer opens another roster meanwhile

    replies: list[str] = []
    answer_next_message_box(replies)
    with held_lock(db_path, 15) as colleague:
        QTimer.singleShot(0, switch_when_waiting)
        QTimer.singleShot(0, window.actions["undo"].trigger)  # Ctrl+Z: waits for the colleague
        # The other roster is open (off the GUI thread) and this one is being left: the undo's wait is given up
        # while the colleague still holds the lock; the final backup of the roster left waits for them.
        qtbot.waitUntil(lambda: bool(replies), timeout=30_000)
        assert colleague.poll() is None
    assert "another roster was opened" in replies[0]
    qtbot.waitUntil(lambda: switched == [True], timeout=30_000)  # once the colleague let go: the backup, the switch
    assert window.workspace.db.target.path == other_path
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0, timeout=5_000)  # the old roster's undo is gone

    other = open_database(other_path)
    try:
        assert persons.get_person(other, other_id).deleted_at is not None  # nothing restored in the wrong roster
    finally:
        other.close()
    assert persons.get_person(db, person).deleted_at is not None  # nor in the first one (the undo was given up)


def _cancel_the_wait() -> None:
    waiting = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, QProgressDialog) and w.objectName() == "waitingForLock" and w.isVisible()]
    if not waiting:
        QTimer.singleShot(20, _cancel_the_wait)
        return
    button = waiting[0].findChild(QPushButton)
    assert isinstance(button, QPushButton)
    button.click()


def test_an_undo_whose_wait_was_cancelled_stays_on_the_stack_and_can_be_done_later(
        qtbot: QtBot, window: MainWindow, db: Database, db_path: Path) -> None:
    """Cancel gives up the wait, not the undo: the entry stays where it was (it was dropped from the stack,
    the deletion then undoable nowhere)."""
    assert window.workspace is not None
    person = window.roster.model.ids[0]
    persons.delete_person(db, person, operator="t", reason="test")
    window.undo_stack.push(DeleteCommand(window.workspace, person, "MR-1", window, lambda _id: None))
    replies: list[str] = []
    answer_next_message_box(replies)
    with held_lock(db_path, 30) as colleague:
        QTimer.singleShot(0, _cancel_the_wait)
        QTimer.singleShot(0, window.actions["undo"].trigger)
        qtbot.waitUntil(lambda: bool(replies) and not _waiting(), timeout=20_000)
        assert colleague.poll() is None
    assert persons.get_person(db, person).deleted_at is not None  # nothing was written
    qtbot.waitUntil(lambda: window.undo_stack.canUndo(), timeout=5_000)
    assert window.undo_stack.count() == 1 and not window.undo_stack.canRedo()

    window.actions["undo"].trigger()  # the colleague is gone: the undo is made now
    qtbot.waitUntil(lambda: persons.get_person(db, person).deleted_at is None, timeout=20_000)


def test_a_merge_undo_whose_wait_was_cancelled_stays_on_the_stack(
        qtbot: QtBot, window: MainWindow, db: Database, db_path: Path) -> None:
    """The same for a whole operation's entry (a merge's undo): it was spent as if done, the merge then
    undoable from Edit > Undo no more."""
    from desktop_app.services import duplicates
    from desktop_app.ui.undo_commands import push_operation

    a, b = window.roster.model.ids[:2]
    kept = duplicates.merge_persons(db, a, b, picks={}, operator="t")
    operation_id = duplicates.merge_operations(db, kept.id)[0]
    push_operation(window, "Merge", lambda: duplicates.undo_merge(db, operation_id, operator="t"), written_on=db)
    replies: list[str] = []
    answer_next_message_box(replies)
    with held_lock(db_path, 30) as colleague:
        QTimer.singleShot(0, _cancel_the_wait)
        QTimer.singleShot(0, window.actions["undo"].trigger)
        qtbot.waitUntil(lambda: bool(replies) and not _waiting(), timeout=20_000)
        assert colleague.poll() is None
    assert persons.get_person(db, b).merged_into_id == a  # nothing was written
    qtbot.waitUntil(lambda: window.undo_stack.canUndo(), timeout=5_000)
    assert window.undo_stack.count() == 1

    window.actions["undo"].trigger()  # the colleague is gone: the merge is taken back now
    qtbot.waitUntil(lambda: persons.get_person(db, b).merged_into_id is None, timeout=20_000)
