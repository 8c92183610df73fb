"""Attacks on the one workspace (issue 15, breaker X15, session 7): another roster opened while the
window's reads are still on their way.

The runner's read pool is kept busy by two real reads that wait for the test's word (as two slow
reads of a large roster would), so the window's next read is queued; the officer then opens
another roster whose persons have the same ids. What was asked of the first roster must never show
on, be written to, or leave an undo entry on the second; and the trash page, reloaded, runs no SQL
on the GUI thread (a real `before_cursor_execute` listener on both rosters' engines), nor do the
Households and Lists pages'. Also: the window closed while a page's reload waits for its read, and
Ctrl+Z pressed twice while a colleague (a real subprocess) holds the write lock.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from desktop_app.services import demo, lists, persons
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import READ_THREADS, run_read
from desktop_app.ui.preferences import Preferences
from tests.engine_listening import listen_until_stopped
from tests.ui.polling import keep_looking


@pytest.fixture
def other_path(tmp_path: Path) -> Iterator[Path]:
    """A second roster with persons of the same ids, one list of its own."""
    path = tmp_path / "other.db"
    other = open_database(path)
    try:
        demo.fill_demo(other, households=3, operator="demo")
        lists.create_list(other, "Only in the other roster", operator="t")
    finally:
        other.close()
    yield path


class BusyReads:
    """Keeps every thread of the runner's read pool on a real read until `release()`."""

    def __init__(self, window: MainWindow) -> None:
        self.may_answer = threading.Event()
        self.started = threading.Semaphore(0)
        for _ in range(READ_THREADS):
            run_read(window, self._slow, lambda _result: None)
        for _ in range(READ_THREADS):
            assert self.started.acquire(timeout=10)

    def _slow(self) -> None:
        self.started.release()
        self.may_answer.wait(20)

    def release(self) -> None:
        self.may_answer.set()


def open_meanwhile(window: MainWindow, other: Path, busy: BusyReads, done: list[bool]) -> None:
    """In the event loop the window's slot turns while its read waits: the officer opens `other`."""

    def switched(ok: bool) -> None:  # opened off the GUI thread: the held reads answer once it is open
        busy.release()
        done.append(ok)

    def switch() -> None:
        window.switch_database(str(other), then=switched)

    QTimer.singleShot(0, switch)


def reject_dialogs_seen(seen: list[str]) -> Callable[[], bool]:
    def look() -> bool:
        box = QApplication.activeModalWidget()
        # The box saying another roster is opening is left alone: rejected, it gives the open up (its Cancel).
        if isinstance(box, QDialog) and box.objectName() != "openingRoster":
            seen.append(box.objectName() or type(box).__name__)
            box.reject()
        return False  # looks on until the test ends

    return look


def test_a_status_change_asked_before_another_roster_opened_is_not_offered_on_it(
        qtbot: QtBot, window: MainWindow, demo_db: Database, other_path: Path) -> None:
    """Change status… reads the person, the window turning meanwhile; another roster opened during that
    read showed the old roster's person in the dialog, wrote to the closed roster and pushed its undo on
    the new roster's stack, where Ctrl+Z changed the new roster's person of the same id."""
    person_id = window.roster.model.person_id(0)
    window.roster.select_person(person_id)
    before = persons.get_person(demo_db, person_id).status
    busy = BusyReads(window)
    switched: list[bool] = []
    seen: list[str] = []
    keep_looking(reject_dialogs_seen(seen))
    open_meanwhile(window, other_path, busy, switched)
    window.change_status_of_current()
    qtbot.waitUntil(lambda: switched == [True], timeout=20_000)
    assert window.workspace is not None and window.workspace.db.target.path == other_path
    assert "statusDialog" not in seen  # nothing about the old roster's person is offered on the new one
    assert window.undo_stack.count() == 0
    assert persons.get_person(demo_db, person_id).status == before


def test_add_to_list_asked_before_another_roster_opened_offers_no_old_list(
        qtbot: QtBot, window: MainWindow, other_path: Path) -> None:
    """Add to list… reads the lists, the window turning meanwhile: another roster opened during that read
    offered the old roster's lists, then wrote the old roster's ids into the closed roster."""
    first = window.roster.model.person_id(0)
    window.roster.select_person(first)
    busy = BusyReads(window)
    switched: list[bool] = []
    seen: list[str] = []
    keep_looking(reject_dialogs_seen(seen))
    open_meanwhile(window, other_path, busy, switched)
    window.add_selection_to_list()
    qtbot.waitUntil(lambda: switched == [True], timeout=20_000)
    assert not any(name in seen for name in ("QInputDialog", "errorDialog", "QMessageBox"))
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()]


class StatementThreads:
    """The thread of every statement run on the engines while recording (a real engine listener); given no
    roster, on every engine, those opened while recording too. `on_gui` says where each statement run on the
    GUI thread came from (the innermost frames of desktop_app)."""

    def __init__(self, *databases: Database) -> None:
        self.engines: list[Any] = [db.engine for db in databases] if databases else [Engine]
        self.threads: list[threading.Thread] = []
        self.on_gui: list[str] = []
        self._lock = threading.Lock()
        self._listening = [listen_until_stopped(engine, "before_cursor_execute", self._record)
                           for engine in self.engines]

    def _record(self, *_arguments: Any) -> None:
        with self._lock:
            self.threads.append(threading.current_thread())
            if threading.current_thread() is threading.main_thread():
                ours = [f"{frame.filename.rsplit('/desktop_app/', 1)[1]}:{frame.name}"
                        for frame in traceback.extract_stack() if "/desktop_app/" in frame.filename]
                self.on_gui.append(" < ".join(reversed(ours[-4:])))

    def stop(self) -> None:
        for listening in self._listening:
            listening.stop()

    def on_gui_thread(self) -> int:
        return sum(1 for thread in self.threads if thread is threading.main_thread())


def test_trash_read_of_the_old_roster_never_shows_on_the_new_one(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """The trash and the trail are being read when another roster opens: the old roster's answer is
    dropped, the new roster's shows, and no statement of either reload runs on the GUI thread."""
    deleted = persons.delete_person(demo_db, window.roster.model.person_id(0), operator="colleague")
    other = open_database(tmp_path / "third.db")
    demo.fill_demo(other, households=2, operator="demo")
    window.show_page("trash")
    page = window.trash
    qtbot.waitUntil(lambda: not page.busy)
    qtbot.waitUntil(lambda: window.roster_changes.watched is demo_db)
    busy = BusyReads(window)
    page.reload()  # queued behind the busy reads: the old roster's trash
    # The officer opens another roster; the page asks again (queued too). Opening it reads on the GUI thread
    # (the roster page's first rows, the change watcher's baseline): not the page's reload, left out.
    window.hub.replace_database(other)
    qtbot.waitUntil(lambda: window.roster_changes.watched is other)
    statements = StatementThreads(demo_db, other)
    try:
        busy.release()
        # The page asks again once the accounts gate of the roster opened has answered (its reads are held until
        # then, issue 20): in between, no read of the page is on its way, and it still shows the old trash.
        qtbot.waitUntil(lambda: not window.hub.reads_held and not page.busy, timeout=20_000)
    finally:
        statements.stop()
    assert deleted.id not in [p.id for p in page.trash_model.records]
    assert page.trash_model.records == []
    assert all(entry.operator != "colleague" for entry in page.audit_model.records)
    assert page.audit_model.rowCount() > 0  # the new roster's trail (its demo fill)
    assert len(statements.threads) > 3
    assert statements.on_gui_thread() == 0


def test_a_person_asked_for_before_another_roster_opened_is_not_edited_on_it(
        qtbot: QtBot, window: MainWindow, other_path: Path) -> None:
    """Edit person reads the person's sheet, the window turning meanwhile: another roster opened during
    that read showed the old roster's person in the editor (its Save then wrote to the closed roster and
    pushed an undo entry onto the new roster's stack)."""
    person_id = window.roster.model.person_id(0)
    busy = BusyReads(window)
    switched: list[bool] = []
    seen: list[str] = []
    keep_looking(reject_dialogs_seen(seen))
    open_meanwhile(window, other_path, busy, switched)
    window.edit_person(person_id)
    qtbot.waitUntil(lambda: switched == [True], timeout=20_000)
    assert "personEditor" not in seen and "PersonEditor" not in seen
    assert window.undo_stack.count() == 0


@pytest.fixture
def empty_path(tmp_path: Path) -> Path:
    """A roster with no household and no list yet."""
    open_database(tmp_path / "empty.db").close()
    return tmp_path / "empty.db"


def test_a_household_read_of_the_old_roster_never_shows_on_the_new_one(
        qtbot: QtBot, window: MainWindow, demo_db: Database, empty_path: Path) -> None:
    """A household chosen, its read on its way, another roster (no households) opened: the old roster's
    household showed on the new one, its member buttons acting on the new roster's persons of those ids."""
    from desktop_app.services import households

    window.show_page("households")
    page = window.households
    qtbot.waitUntil(lambda: not page.busy)
    household = households.list_households(demo_db, limit=1)[0]
    busy = BusyReads(window)
    switched: list[bool] = []
    open_meanwhile(window, empty_path, busy, switched)
    page.show_household(household.id)
    qtbot.waitUntil(lambda: switched == [True], timeout=20_000)
    qtbot.waitUntil(lambda: not page.busy)
    assert page.current is None
    assert page.members_model.rowCount() == 0
    assert page.list_model.rowCount() == 0


def test_a_list_read_of_the_old_roster_never_shows_on_the_new_one(
        qtbot: QtBot, window: MainWindow, demo_db: Database, empty_path: Path) -> None:
    """The same for the Evacuation lists page: the old roster's list showed on a roster with no lists."""
    chosen = lists.create_list(demo_db, "Convoy 1", operator="t")
    window.show_page("lists")
    page = window.lists
    qtbot.waitUntil(lambda: not page.busy)
    busy = BusyReads(window)
    switched: list[bool] = []
    open_meanwhile(window, empty_path, busy, switched)
    page.show_list(chosen.id)
    qtbot.waitUntil(lambda: switched == [True], timeout=20_000)
    qtbot.waitUntil(lambda: not page.busy)
    assert page.current is None
    assert page.lists_model.rowCount() == 0


def test_the_households_and_lists_pages_reload_without_sql_on_the_gui_thread(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    """A page's reload (a colleague's change, another roster) reads off the GUI thread: a real listener on
    the roster's engine records the thread of every statement."""
    lists.create_list(demo_db, "Convoy 1", operator="t")
    # The change watcher takes its baseline on the GUI thread once, when it starts after the window is shown:
    # a start inside the recording would count that read, which is not the pages' (seen in 2 runs of 4).
    qtbot.waitUntil(lambda: window.roster_changes.watched is demo_db, timeout=20_000)
    for name in ("households", "lists"):
        window.show_page(name)
        page = getattr(window, name)
        qtbot.waitUntil(lambda page=page: not page.busy and page.current is not None)
        statements = StatementThreads(demo_db)
        try:
            page.reload()
            qtbot.waitUntil(lambda page=page: not page.busy)
        finally:
            statements.stop()
        assert page.current is not None
        assert statements.threads, name
        assert statements.on_gui_thread() == 0, name


def test_a_window_closed_while_a_page_reload_waits_for_its_read(qtbot: QtBot, demo_db: Database,
                                                               preferences: Preferences) -> None:
    """The officer closes the window while the Households page's reload waits for its read (the event loop
    turning): the reload ends quietly, nothing is shown on widgets that are gone, no error dialog."""
    import shiboken6

    window = MainWindow(demo_db, "A. Petrova", preferences)  # deleted by the test itself, not by qtbot
    window.show()
    qtbot.waitExposed(window)
    window.show_page("households")
    page = window.households
    qtbot.waitUntil(lambda: not page.busy)
    busy = BusyReads(window)
    closed: list[bool] = []

    def close_window() -> None:
        window.close()
        window.deleteLater()
        closed.append(True)
        QTimer.singleShot(50, busy.release)

    QTimer.singleShot(0, close_window)
    page.reload()  # returns once the window is gone
    assert closed == [True]
    qtbot.waitUntil(lambda: not shiboken6.isValid(page))
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_ctrl_z_pressed_twice_while_a_colleague_holds_the_lock_undoes_once(
        qtbot: QtBot, window: MainWindow, demo_db: Database, db_path: Path) -> None:
    """A hurried officer presses Ctrl+Z twice while the first undo waits for a colleague's lock: one entry
    is undone once the colleague is done, the other stays on the stack (the same command ran twice, or the
    stack moved past an entry not undone)."""
    from desktop_app.ui.undo_commands import DeleteCommand
    from tests.storage.test_errors import held_lock

    assert window.workspace is not None
    first, second = window.roster.model.ids[:2]
    for person_id in (first, second):
        persons.delete_person(demo_db, person_id, operator="t", reason="test")
        window.undo_stack.push(DeleteCommand(window.workspace, person_id, "MR", window, lambda _id: None))
    with held_lock(db_path, 3) as colleague:
        QTimer.singleShot(0, window.actions["undo"].trigger)
        QTimer.singleShot(300, window.actions["undo"].trigger)  # again, while the first waits
        qtbot.waitUntil(lambda: colleague.poll() is not None, timeout=20_000)
    qtbot.waitUntil(lambda: persons.get_person(demo_db, second).deleted_at is None, timeout=20_000)
    qtbot.waitUntil(lambda: window.undo_stack.index() == 1, timeout=5_000)
    assert persons.get_person(demo_db, first).deleted_at is not None  # the second press undid nothing
    assert window.undo_stack.canUndo()
    window.actions["undo"].trigger()  # the entry left is undone now
    qtbot.waitUntil(lambda: persons.get_person(demo_db, first).deleted_at is None, timeout=20_000)
