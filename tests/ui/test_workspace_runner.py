"""The reads and writes issue 15 left on the GUI thread, replayed (session 7).

Where each statement runs is recorded by a real SQLAlchemy listener on the roster's engine
(`before_cursor_execute`): the trash, the audit trail and the roster's filter choices are read
on the runner's threads, none on the GUI thread. An answer overtaken by a later read is
dropped; the roster page follows the hub when another roster opens; a delete that finished
or a merge written after the roster was replaced leaves no undo entry on the new roster's
stack. Restore and encryption: test_workspace_runner_protection.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import demo, lists, persons, roster
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.latest_read import LatestRead
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import write_pool
from tests.engine_listening import listen_until_stopped
from tests.ui.polling import keep_looking
from tests.ui.typing import answer_next_message_box


class StatementThreads:
    """The thread of every statement run on `db` while recording (a real engine listener)."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine
        self.threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._listening = listen_until_stopped(self.engine, "before_cursor_execute", self._record)

    def _record(self, *_arguments: Any) -> None:
        with self._lock:
            self.threads.append(threading.current_thread())

    def stop(self) -> None:
        self._listening.stop()

    def on_gui_thread(self) -> int:
        return sum(1 for thread in self.threads if thread is threading.main_thread())


@pytest.fixture
def other_roster(tmp_path: Path) -> Iterator[Database]:
    other = open_database(tmp_path / "other.db")
    demo.fill_demo(other, households=2, operator="demo")
    lists.create_list(other, "Only in the other roster", operator="t")
    yield other
    other.close()


def test_trash_audit_and_filter_choices_are_read_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                                    demo_db: Database) -> None:
    # The change watcher takes its baseline on the GUI thread when it starts (one indexed read): not a page's.
    qtbot.waitUntil(lambda: not window.roster.choices_busy and window.roster_changes.watched is demo_db)
    with qtbot.waitSignal(window.hub.changed_elsewhere, timeout=10_000):  # the colleague's delete arrived
        deleted = persons.delete_person(demo_db, window.roster.model.person_id(0), operator="colleague")
    page = window.trash
    statements = StatementThreads(demo_db)
    try:
        window.show_page("trash")  # the page fills: the trash, the operators, then the trail
        qtbot.waitUntil(lambda: not page.busy and page.audit_model.rowCount() > 0)
        page.record_filter.setText(deleted.case_ref)  # a case reference is looked up as the person's UUID
        page.operator_filter.setCurrentIndex(page.operator_filter.findData("colleague"))
        page.browse()
        qtbot.waitUntil(lambda: not page.busy)
        window.roster.fill_filter_choices()
        qtbot.waitUntil(lambda: not window.roster.choices_busy)
    finally:
        statements.stop()
    assert [p.id for p in page.trash_model.records] == [deleted.id]
    assert [e.action for e in page.audit_model.records] == ["delete"]
    assert window.roster.list_filter.count() == 1 + len(lists.all_lists(demo_db))
    assert window.roster.locality_filter.count() == 1 + len(roster.localities(demo_db))
    assert len(statements.threads) > 5
    assert statements.on_gui_thread() == 0


def test_an_answer_overtaken_by_a_later_read_is_dropped(qtbot: QtBot, window: MainWindow) -> None:
    slow_may_answer = threading.Event()
    shown: list[str] = []
    reads = LatestRead(window, lambda: window.db)

    def slow() -> str:
        slow_may_answer.wait(10)
        return "older"

    reads.run(slow, shown.append)
    reads.run(lambda: "newer", shown.append)
    qtbot.waitUntil(lambda: shown == ["newer"])
    slow_may_answer.set()
    qtbot.waitUntil(lambda: not reads.busy)
    assert shown == ["newer"]


def test_the_roster_page_follows_the_hub_to_another_roster(qtbot: QtBot, window: MainWindow,
                                                           other_roster: Database) -> None:
    page = window.roster
    assert not hasattr(page, "set_database")
    qtbot.waitUntil(lambda: not page.choices_busy)
    page.search.setText("zz")
    page.apply_filters()
    window.hub.replace_database(other_roster)
    qtbot.waitUntil(lambda: not page.choices_busy)
    assert page.db is other_roster and page.search.text() == ""
    # The table's ids are read off the GUI thread: wait for them, not for the filter choices.
    qtbot.waitUntil(lambda: page.model.complete
                    and page.model.rowCount() == roster.count(other_roster, roster.RosterQuery()))
    assert [page.list_filter.itemText(i) for i in range(1, page.list_filter.count())] == \
        [s.name for s in lists.all_lists(other_roster)]


def test_a_delete_finished_after_another_roster_opened_leaves_no_undo_there(
        qtbot: QtBot, window: MainWindow, demo_db: Database, other_roster: Database) -> None:
    person_id = window.roster.model.person_id(0)
    window.roster.select_person(person_id)
    replies: list[str] = []
    answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
    window.delete_current()
    write_pool().wait_for_done()  # the delete is written; its result is still on its way to the GUI thread
    window.hub.replace_database(other_roster)  # the officer opened another roster meanwhile
    assert window.pending is not None
    qtbot.waitUntil(lambda: window.pending is not None and window.pending.done)
    assert window.undo_stack.count() == 0  # the undo of the old roster's delete is not on the new one's stack
    assert not window.undo_action.isEnabled()


def test_a_merge_written_after_another_roster_opened_leaves_no_undo_there(
        qtbot: QtBot, window: MainWindow, demo_db: Database, other_roster: Database) -> None:
    from desktop_app.ui.merge_dialog import MergeDialog

    a, b = window.roster.model.ids[:2]
    assert window.workspace is not None
    dialog = MergeDialog(window.workspace, a, b, window, undo_host=window)
    qtbot.addWidget(dialog)

    def open_other_roster_once_written() -> None:
        write_pool().wait_for_done()  # the merge is written; the window has not heard of it yet
        window.hub.replace_database(other_roster)

    def confirm() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "confirmMerge":
            return False
        QTimer.singleShot(0, open_other_roster_once_written)
        box.button(QMessageBox.StandardButton.Yes).click()
        return True

    keep_looking(confirm)
    dialog.merge()
    assert window.db is other_roster
    assert persons.get_person(demo_db, b).status == "merged" or persons.get_person(demo_db, a).status == "merged"
    assert window.undo_stack.count() == 0  # an undo of the old roster's merge would act on this one
