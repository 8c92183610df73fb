"""Breaker X15 (issue 15): the runner's plain-thread workers attacked.

What a job's result or error holds, and what a job given up before it ran holds, must be let go on the GUI
thread: a Qt object torn down on a worker crashes the whole program (CI died of it in session 8).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.errors import RosterError
from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.ui import operations
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import run_read, the_relay
from desktop_app.ui.protection import Protection
from tests.storage.test_errors import held_lock
from tests.ui.test_accounts_attacks_s8 import (  # noqa: F401 (fixtures)
    head_window,
    staffed_db,
    volunteer_signs_in_during_the_read,
)


def _watched(destroyed_on: list[str]) -> QObject:
    """A Python-owned QObject that records the thread it is destroyed on."""
    held = QObject()
    held.destroyed.connect(lambda: destroyed_on.append(threading.current_thread().name),
                           Qt.ConnectionType.DirectConnection)
    return held


@pytest.fixture
def worker_slow_after_handing_over(qtbot: QtBot) -> Iterator[threading.Event]:
    """The worker is descheduled right after handing its answer to the GUI thread (as a loaded machine
    does): a direct slot holds it until the GUI thread has handled the answer and let it go."""
    relay = the_relay()
    handled = threading.Event()

    def hold_worker(*_args: object) -> None:
        if threading.current_thread() is not threading.main_thread():
            handled.wait(10)

    relay.succeeded.connect(hold_worker, Qt.ConnectionType.DirectConnection)
    relay.failed.connect(hold_worker, Qt.ConnectionType.DirectConnection)
    yield handled
    handled.set()
    relay.succeeded.disconnect(hold_worker)
    relay.failed.disconnect(hold_worker)


def test_a_reads_error_and_what_its_frames_held_are_let_go_on_the_gui_thread(
        qtbot: QtBot, worker_slow_after_handing_over: threading.Event) -> None:
    """A read that fails carries its traceback, whose frames hold the read's locals (a dialog, a page). The
    GUI thread handles the error; the worker's own reference to it must not be the last one."""
    parent = QWidget()
    qtbot.addWidget(parent)
    destroyed_on: list[str] = []
    failures: list[str] = []
    held = _watched(destroyed_on)
    alive = weakref.ref(held)

    def read(kept: QObject = held) -> None:
        raise RosterError(f"the roster could not be read {kept.objectName()}")

    def on_failure(exc: BaseException) -> None:
        failures.append(type(exc).__name__)  # the error itself is not kept
        QTimer.singleShot(0, worker_slow_after_handing_over.set)  # once the relay's event is gone

    del held
    run_read(parent, read, lambda _result: None, on_failure)
    del read
    qtbot.waitUntil(lambda: failures == ["RosterError"])
    qtbot.waitUntil(lambda: alive() is None)
    assert destroyed_on == [threading.main_thread().name]


def test_a_reads_result_is_let_go_on_the_gui_thread(
        qtbot: QtBot, worker_slow_after_handing_over: threading.Event) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    destroyed_on: list[str] = []
    answers: list[str] = []
    alive: list[weakref.ref[QObject]] = []

    def read() -> QObject:
        made = _watched(destroyed_on)
        alive.append(weakref.ref(made))
        return made

    def on_success(result: QObject) -> None:
        answers.append(type(result).__name__)  # the result itself is not kept
        QTimer.singleShot(0, worker_slow_after_handing_over.set)

    run_read(parent, read, on_success)
    qtbot.waitUntil(lambda: answers == ["QObject"])
    qtbot.waitUntil(lambda: alive[0]() is None)
    assert destroyed_on == [threading.main_thread().name]


def test_jobs_given_up_before_they_ran_are_let_go_on_the_thread_that_gave_them_up() -> None:
    """`clear` (the quit's) drops queued jobs; what they held (a dialog's closure) is let go on the GUI thread,
    not kept on the worker until its next job and let go there."""
    workers = operations.Workers("test-writer", 1)
    started, may_finish = threading.Event(), threading.Event()
    destroyed_on: list[str] = []
    workers.start(lambda: (started.set(), may_finish.wait(10)))
    assert started.wait(10)
    held = _watched(destroyed_on)
    workers.start(lambda kept=held: kept.objectName())
    del held
    workers.clear()
    assert destroyed_on == [threading.main_thread().name]
    assert workers.queued_count() == 0
    may_finish.set()
    workers.start(lambda: None)  # the worker goes on with the next job given
    assert workers.wait_for_done(10)


def test_the_quit_does_not_wait_for_reads_still_queued(qtbot: QtBot) -> None:
    """Quitting (aboutToQuit -> stop_all) with many reads queued behind two slow ones: the slow ones are waited
    for, the queued ones never run (nobody would see their answers) and are let go on the GUI thread."""
    parent = QWidget()
    qtbot.addWidget(parent)
    pool = operations.read_pool()
    assert pool.wait_for_done(10)
    started = threading.Semaphore(0)
    may_finish = threading.Event()
    ran: list[int] = []
    destroyed_on: list[str] = []

    def slow() -> None:
        started.release()
        may_finish.wait(10)

    for _ in range(operations.READ_THREADS):
        run_read(parent, slow, lambda _result: None)
    for _ in range(operations.READ_THREADS):
        assert started.acquire(timeout=10)
    held = _watched(destroyed_on)
    for number in range(20):
        run_read(parent, lambda n=number, kept=held: ran.append(n) or kept.objectName(),
                 lambda _result: None)
    del held

    def release_once_given_up() -> None:  # the slow reads end once the queued ones were given up (or 10 s)
        for _ in range(1000):
            if pool.queued_count() == 0:
                break
            threading.Event().wait(0.01)
        may_finish.set()

    releaser = threading.Thread(target=release_once_given_up)
    releaser.start()
    the_relay().stop_all()
    releaser.join(10)
    assert ran == []
    assert pool.active_count() == 0
    qtbot.waitUntil(lambda: destroyed_on != [])
    assert destroyed_on == [threading.main_thread().name]


def _waiting_window() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                 and w.objectName() == "waitingForLock" and w.isVisible()), None)


def test_quitting_while_the_backup_at_close_waits_for_a_colleague_gives_it_up(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    """The window closed twice, its backup waiting for a colleague's lock, then the application quits
    (aboutToQuit -> stop_all): the quit returns while the colleague still holds the lock, nothing is written
    (no hidden partial copy either), the writer is idle, and the window closes."""
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: window.roster_changes.watched is demo_db and protection.auto_task is None,
                    timeout=20_000)
    assert demo_db.target.path is not None
    folder = demo_db.target.path.parent / "backups"
    before = set(folder.iterdir())
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    with held_lock(demo_db.target.path, 30):
        window.close()
        window.close()  # pressed again while the first waits: one backup
        qtbot.waitUntil(lambda: _waiting_window() is not None, timeout=20_000)
        assert window.isVisible() and protection.closing_backup is not None
        the_relay().stop_all()
        assert operations.write_pool().active_count() == 0
        assert set(folder.iterdir()) == before  # the colleague still holds the lock: nothing was written
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert protection.closing_backup is None
    assert set(folder.iterdir()) == before


def _readers_held(qtbot: QtBot, parent: QWidget) -> threading.Event:
    """Both readers busy until the returned gate is set: the reads asked meanwhile wait in the queue, as on a
    loaded machine or behind a long search."""
    gate, started = threading.Event(), threading.Semaphore(0)

    def held() -> None:
        started.release()
        gate.wait(20)

    for _ in range(operations.READ_THREADS):
        run_read(parent, held, lambda _result: None)
    for _ in range(operations.READ_THREADS):
        assert started.acquire(timeout=10)
    return gate


def test_export_pressed_twice_fast_opens_one_dialog(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+E pressed twice before the export dialog's lists and partners were read: one dialog, not a
    second one opening once the officer closed (or exported from) the first."""
    from desktop_app.ui.export_dialog import ExportDialog

    qtbot.waitUntil(lambda: window.roster_changes.watched is window.db, timeout=20_000)
    action = window.actions["export"]
    gate = _readers_held(qtbot, window)
    shown: list[int] = []

    def close_each_dialog_shown() -> None:
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, ExportDialog) and dialog.isVisible():
                shown.append(id(dialog))
                dialog.reject()

    closer = QTimer()
    closer.timeout.connect(close_each_dialog_shown)
    closer.start(10)

    def second_press() -> None:
        QTimer.singleShot(0, gate.set)  # the reads go on once both presses were made
        action.trigger()

    try:
        QTimer.singleShot(0, second_press)
        action.trigger()  # returns once its dialog (and, before, the second one) was shown and closed
    finally:
        gate.set()
        closer.stop()
    assert len(shown) == 1


def test_compare_and_merge_pressed_twice_fast_opens_one_merge_screen(qtbot: QtBot, window: MainWindow,
                                                                     demo_db: Database) -> None:
    """Enter (or a double-click) on a pair of possible duplicates twice before its comparison was read: one
    merge screen, not two stacked for the same pair (the second merging what the first already merged)."""
    from desktop_app.ui.merge_dialog import DuplicatesDialog, MergeDialog

    fields = {"surname": "Щербаков", "given_names": "Иван", "birth_date": "1980-03-05", "sex": "M"}
    a = persons.create_person(demo_db, fields, operator="t").id
    b = persons.create_person(demo_db, {**fields, "patronymic": "Петрович"}, operator="t").id
    assert window.workspace is not None
    duplicates_dialog = DuplicatesDialog(window.workspace, window, undo_host=window)
    qtbot.addWidget(duplicates_dialog)
    qtbot.waitUntil(lambda: duplicates_dialog.loaded, timeout=20_000)
    row = next(r for r in range(duplicates_dialog.model.rowCount())
               if {duplicates_dialog.model.record(r).a.id, duplicates_dialog.model.record(r).b.id} == {a, b})
    duplicates_dialog.table.setCurrentIndex(duplicates_dialog.model.index(row, 0))
    gate = _readers_held(qtbot, window)
    opened: list[MergeDialog | None] = []

    def second_press() -> None:
        QTimer.singleShot(0, gate.set)
        opened.append(duplicates_dialog.open_current())

    try:
        QTimer.singleShot(0, second_press)
        opened.append(duplicates_dialog.open_current())
    finally:
        gate.set()
    screens = [d for d in duplicates_dialog.findChildren(MergeDialog) if d.isVisible()]
    assert len(screens) == 1
    assert [d for d in opened if d is not None] == screens
    screens[0].reject()


def test_change_status_pressed_twice_fast_opens_one_screen(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+T twice before the person was read: one Change status screen. A second one opened after the
    officer changed the status in the first, showing the status read before that change, and its undo step
    would have put that stale status back."""
    from desktop_app.ui.person import StatusDialog

    person_id = window.roster.model.person_id(0)
    window.roster.select_person(person_id)
    qtbot.waitUntil(lambda: window.roster.current_id() == person_id, timeout=20_000)
    action = window.actions["changeStatus"]
    gate = _readers_held(qtbot, window)
    shown: list[int] = []

    def close_each_screen_shown() -> None:
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, StatusDialog) and dialog.isVisible():
                shown.append(id(dialog))
                dialog.reject()

    closer = QTimer()
    closer.timeout.connect(close_each_screen_shown)
    closer.start(10)

    def second_press() -> None:
        QTimer.singleShot(0, gate.set)
        action.trigger()

    try:
        QTimer.singleShot(0, second_press)
        action.trigger()
    finally:
        gate.set()
        closer.stop()
    assert len(shown) == 1


def test_log_a_contact_pressed_twice_fast_opens_one_entry(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+L twice before the partners were read (nothing shows meanwhile): one quick log entry, not two
    stacked, the second logging the same contact again."""
    from desktop_app.ui.pages.partners import QuickLogDialog

    qtbot.waitUntil(lambda: window.roster_changes.watched is window.db, timeout=20_000)
    action = window.actions["quickLog"]
    gate = _readers_held(qtbot, window)

    def second_press() -> None:
        QTimer.singleShot(0, gate.set)
        action.trigger()

    try:
        QTimer.singleShot(0, second_press)
        action.trigger()
    finally:
        gate.set()
    entries = [d for d in window.findChildren(QuickLogDialog) if d.isVisible()]
    assert len(entries) == 1
    entries[0].reject()


def test_new_list_clicked_twice_fast_opens_one_screen(qtbot: QtBot, window: MainWindow) -> None:
    """New list… clicked twice before the partners a list may go to were read: one screen, not a second one
    after the officer created the list in the first."""
    from desktop_app.ui.pages.lists import NewListDialog

    window.show_page("lists")
    page = window.lists
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    gate = _readers_held(qtbot, window)
    shown: list[int] = []

    def close_each_screen_shown() -> None:
        for dialog in page.findChildren(NewListDialog):
            if dialog.isVisible():
                shown.append(id(dialog))
                dialog.reject()

    closer = QTimer()
    closer.timeout.connect(close_each_screen_shown)
    closer.start(10)

    def second_click() -> None:
        QTimer.singleShot(0, gate.set)
        page.new_list()

    try:
        QTimer.singleShot(0, second_click)
        page.new_list()
    finally:
        gate.set()
        closer.stop()
    assert len(shown) == 1


def test_change_status_read_for_the_head_does_not_open_for_the_volunteer_who_switched_in(
        qtbot: QtBot, head_window: MainWindow) -> None:  # noqa: F811
    """Ctrl+T by the head; before the person is read the volunteer signs in (Switch user): the screen read for
    the head does not open for the volunteer (it opened, and a change would have gone under their name)."""


    from desktop_app.ui.person import StatusDialog

    db = head_window.db
    assert db is not None
    qtbot.waitUntil(lambda: not head_window.roster.model.loading and head_window.roster.model.rowCount() > 0
                    and head_window.roster_changes.watched is db, timeout=20_000)
    head_window.roster.select_person(head_window.roster.model.person_id(0))
    shown: list[str] = []

    def close_each_screen_shown() -> None:
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, StatusDialog) and dialog.isVisible():
                shown.append(head_window.operator)
                dialog.reject()

    closer = QTimer()
    closer.timeout.connect(close_each_screen_shown)
    closer.start(10)
    try:
        with volunteer_signs_in_during_the_read(head_window) as reading:  # the person's read waits for the switch
            head_window.change_status_of_current()
    finally:
        closer.stop()
    assert reading.is_set()
    assert head_window.operator == "V. Hotline"
    assert shown == []
