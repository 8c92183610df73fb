"""Issue 15 (session 8): the last reads on the GUI thread and the undo entries pushed after another roster opened.

Steps replayed with a real window on real SQLite rosters under tmp_path: the runner's read pool kept busy
by real reads (`BusyReads`) so that a dialog's read is still on its way when the officer opens another
roster; a real `before_cursor_execute` listener (`StatementThreads`) records the thread of every statement.

- Change status… reads the person's lists off the GUI thread, and an answer about a roster no longer open
  is dropped.
- A write of the bulk status, import or reconcile dialog that is committing on roster A when roster B opens
  (`CommitHeld`: the worker's commit waits, on a real engine listener, until the GUI thread has opened B)
  leaves no undo entry on B's stack: Ctrl+Z there would have run A's operation id against B.
- Restoring several persons from the trash stops at such a switch and says how many were restored.
- The accounts check on each change and Mark sent's read of the unverified members run off the GUI thread;
  a page's read answered after the officer signed out is not shown to the next one.
- Breaker X15's attacks on the roster table: a colleague's person added between the first page and the
  rest of the ids; a page dropped from the table's cache and scrolled back to; a search and pages asked
  before another roster opened; the whole window typing, scrolling and following a colleague's edit with no
  statement on the GUI thread; the window closed, or the roster page destroyed, with its reads queued;
  scrolling while a colleague keeps adding persons; typing, sorting and scrolling under a colleague's write lock;
  another roster opened in the order the header shows; the household look-up (the filter's, the workspace's).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from desktop_app.domain.errors import NotFound
from desktop_app.domain.person import Relationship
from desktop_app.services import demo, demo_bulk, households, lists, persons, roster
from desktop_app.services.roster_rows import RosterQuery, SortKey
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database, open_database
from desktop_app.ui import roster_model
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.person import StatusDialog
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.roster_model import COLUMN_KEYS, PAGE_SIZE
from desktop_app.ui.roster_page import RosterPage
from tests.storage.test_errors import held_lock
from tests.ui.opening import switch_and_wait
from tests.ui.polling import keep_looking
from tests.ui.test_workspace_attacks_s7 import (  # noqa: F401 (other_path: a fixture)
    BusyReads,
    StatementThreads,
    other_path,
    reject_dialogs_seen,
)


def _on_a_list(db: Database, person_id: int) -> int:
    chosen = lists.create_list(db, "Convoy 1", operator="t")
    lists.add_members(db, chosen.id, [person_id], operator="t")
    return chosen.id


def test_change_status_reads_the_persons_lists_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                                  demo_db: Database) -> None:
    """Change status… filled its list choice with a read of the person's memberships on the GUI thread."""
    person_id = next(i for i in window.roster.model.ids if lists.memberships(demo_db, i))  # the demo's lists
    list_id = lists.memberships(demo_db, person_id)[0].list_id
    window.roster.select_person(person_id)
    qtbot.waitUntil(lambda: window.roster_changes.watched is demo_db, timeout=20_000)
    offered: list[object] = []

    def look() -> bool:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StatusDialog) or dialog.list_choice.findData(list_id) < 0:
            return False
        offered.extend(dialog.list_choice.itemData(i) for i in range(dialog.list_choice.count()))
        dialog.reject()
        return True

    statements = StatementThreads(demo_db)
    try:
        keep_looking(look)
        window.change_status_of_current()
    finally:
        statements.stop()
    assert offered[0] is None and list_id in offered
    assert statements.threads
    assert statements.on_gui_thread() == 0


def test_a_status_dialogs_lists_of_the_old_roster_are_dropped(qtbot: QtBot, window: MainWindow,
                                                              demo_db: Database, other_path: Path) -> None:  # noqa: F811
    """The dialog's read of the person's lists is still on its way when another roster opens: its answer
    (the old roster's lists) is not offered; the window closed the dialog."""
    person_id = window.roster.model.person_id(0)
    _on_a_list(demo_db, person_id)
    person = persons.get_person(demo_db, person_id)
    busy = BusyReads(window)
    dialog = StatusDialog(demo_db, "A. Petrova", person, window, hub=window.hub)
    dialog.open()
    assert dialog.lists_busy
    assert switch_and_wait(qtbot, window, str(other_path))  # opened off the GUI thread, the reads still held
    busy.release()
    qtbot.waitUntil(lambda: not dialog.lists_busy, timeout=20_000)
    assert not dialog.isVisible()
    assert dialog.list_choice.count() == 1  # only "(no list)"
    assert dialog.result() == QDialog.DialogCode.Rejected


class CommitHeld:
    """The first commit of a write off the GUI thread on `db` waits until the GUI thread has run `meanwhile`
    (another roster opened): the write is under way on the old roster when the new one opens."""

    def __init__(self, db: Database, meanwhile: Callable[[], None]) -> None:
        self.engine = db.engine
        self.started = threading.Event()
        self.done = threading.Event()
        self.meanwhile = meanwhile
        self.stopped = False
        event.listen(self.engine, "commit", self._commit)
        keep_looking(self._look)

    def _commit(self, *_arguments: Any) -> None:
        if threading.current_thread() is threading.main_thread() or self.started.is_set() or self.stopped:
            return
        self.started.set()
        self.done.wait(20)

    def _look(self) -> bool:
        if self.stopped:
            return True
        if not self.started.is_set():
            return False
        try:
            self.meanwhile()
        finally:
            self.done.set()
        return True

    def stop(self) -> None:
        """Let every later commit through. The listener stays on the engine: removing it here, on the GUI thread,
        while the roster being left is backed up on its worker mutated SQLAlchemy's listener list under that
        commit's iteration of it ('deque mutated during iteration', CI's run of session 13)."""
        self.stopped = True


def test_a_bulk_status_change_committed_as_another_roster_opens_leaves_no_undo_on_it(
        qtbot: QtBot, window: MainWindow, demo_db: Database, other_path: Path) -> None:  # noqa: F811
    from desktop_app.ui.bulk_status import BulkStatusDialog, change_status_of

    ids = list(window.roster.model.ids[:3])

    def choose() -> bool:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BulkStatusDialog):
            return False
        dialog.target.setCurrentIndex(dialog.target.findData("verified"))
        dialog.apply()
        return True

    opened: list[bool] = []
    held = CommitHeld(demo_db, lambda: window.switch_database(str(other_path), then=opened.append))
    try:
        keep_looking(choose)
        change_status_of(window, [("three", ids, None)])
    finally:
        held.stop()
    assert held.done.is_set()
    qtbot.waitUntil(lambda: opened == [True], timeout=20_000)  # opened off the GUI thread
    assert window.workspace is not None and window.workspace.db.target.path == other_path
    assert window.undo_stack.count() == 0
    assert {persons.get_person(demo_db, i).status for i in ids} == {"verified"}  # written on the old roster


def test_an_import_committed_as_another_roster_opens_leaves_no_undo_on_it(
        qtbot: QtBot, window: MainWindow, demo_db: Database, other_path: Path, tmp_path: Path) -> None:  # noqa: F811
    import datetime as dt

    from desktop_app.ui.importing.wizard import PREVIEW_PAGE, TABLE_PAGE, open_import_wizard
    from tests.services.import_support import write_xlsx

    source = write_xlsx(tmp_path / "hotline.xlsx", [
        ["ФИО", "Дата рождения", "№ паспорта"],
        ["Щербакова Юлия Сергеевна", dt.date(1990, 5, 4), "0123456"],
    ])
    wizard = open_import_wizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(source))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    opened: list[bool] = []
    held = CommitHeld(demo_db, lambda: window.switch_database(str(other_path), then=opened.append))
    try:
        wizard.next()  # Import
        qtbot.waitUntil(lambda: wizard.result is not None, timeout=20_000)
    finally:
        held.stop()
    assert held.done.is_set()
    qtbot.waitUntil(lambda: opened == [True], timeout=20_000)  # opened off the GUI thread
    assert window.workspace is not None and window.workspace.db.target.path == other_path
    assert wizard.result is not None and wizard.result.created == 1  # written on the old roster
    assert window.undo_stack.count() == 0


def test_a_reconcile_apply_committed_as_another_roster_opens_leaves_no_undo_on_it(
        qtbot: QtBot, window: MainWindow, demo_db: Database, other_path: Path, tmp_path: Path) -> None:  # noqa: F811
    from PySide6.QtCore import Qt

    from desktop_app.ui.reconcile import ReconcileDialog
    from tests.services.test_reconcile_roster import build_roster, write_answer
    from tests.ui.typing import answer_next_message_box

    built = build_roster(demo_db)
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                          [["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"]])
    assert window.workspace is not None
    dialog = ReconcileDialog(window.workspace, window, list_id=built.list_id, undo_host=window)
    dialog.show()
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=20_000)
    replies: list[str] = []
    answer_next_message_box(replies)
    opened: list[bool] = []
    held = CommitHeld(demo_db, lambda: window.switch_database(str(other_path), then=opened.append))
    try:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.last_apply is not None, timeout=20_000)
    finally:
        held.stop()
    assert replies and held.done.is_set()
    qtbot.waitUntil(lambda: opened == [True], timeout=20_000)  # opened off the GUI thread
    assert window.workspace.db.target.path == other_path
    assert "approved" in {m.answer for m in lists.members(demo_db, built.list_id)}  # written on the old roster
    assert window.undo_stack.count() == 0


def test_restoring_several_stops_when_another_roster_opens_and_says_how_many(
        qtbot: QtBot, window: MainWindow, demo_db: Database, other_path: Path) -> None:  # noqa: F811
    """Three persons restored from the trash; another roster opens while the first is written: the loop went
    on restoring the rest into the roster left (and announced their ids on the new one). It stops, and the
    officer is told how many were restored."""
    from PySide6.QtCore import QItemSelectionModel

    from tests.ui.typing import answer_next_message_box

    trashed = [window.roster.model.person_id(row) for row in range(3)]
    for person_id in trashed:
        persons.delete_person(demo_db, person_id, operator="t")
    window.show_page("trash")
    page = window.trash
    page.reload()
    qtbot.waitUntil(lambda: not page.busy and page.trash_model.rowCount() == 3, timeout=20_000)
    selection = page.trash_view.selectionModel()
    for row in range(3):
        selection.select(page.trash_model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    replies: list[str] = []
    answer_next_message_box(replies)
    opened: list[bool] = []
    held = CommitHeld(demo_db, lambda: window.switch_database(str(other_path), then=opened.append))
    try:
        page.restore_selected()
    finally:
        held.stop()
    assert held.done.is_set()
    qtbot.waitUntil(lambda: opened == [True], timeout=20_000)  # opened off the GUI thread
    assert window.workspace is not None and window.workspace.db.target.path == other_path
    still_trashed = [i for i in trashed if persons.get_person(demo_db, i).deleted_at is not None]
    # The roster opens off the GUI thread and replaces the one open only after its final backup, which the writer
    # runs after the restore under way: the loop may restore more before the roster is replaced, never after.
    restored = 3 - len(still_trashed)
    assert restored >= 1  # the one being written when the other roster was asked for is restored
    if restored < 3:
        assert replies and f"{restored} of 3" in replies[0]


class AccountReads:
    """The thread of every statement on the accounts table (a real engine listener)."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine
        self.threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self.stopped = False
        event.listen(self.engine, "before_cursor_execute", self._record)

    def _record(self, _connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "FROM accounts" in statement and not self.stopped:
            with self._lock:
                self.threads.append(threading.current_thread())

    def stop(self) -> None:
        """Record no more; the listener stays (removed on this thread while a worker's statement iterates the
        engine's listeners, SQLAlchemy's list is mutated under it: see `CommitHeld.stop`)."""
        self.stopped = True


def test_the_accounts_check_on_each_change_reads_off_the_gui_thread(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    """Each change (ours or a colleague's) made the window read the roster's accounts again on the GUI thread."""
    qtbot.waitUntil(lambda: window.roster_changes.watched is demo_db, timeout=20_000)
    from desktop_app.ui.accounts import AccountsFeature

    feature = window.feature(AccountsFeature)
    qtbot.waitUntil(lambda: not feature.checking, timeout=20_000)
    reads = AccountReads(demo_db)
    try:
        window.data_changed()
        assert feature.checking
        qtbot.waitUntil(lambda: not feature.checking, timeout=20_000)
    finally:
        reads.stop()
    assert reads.threads
    assert threading.main_thread() not in reads.threads


def test_a_role_changed_by_a_colleague_is_gated_after_the_change(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    """The account read off the GUI thread is still applied there: a head whom a colleague made a volunteer
    loses Export once the change arrives."""
    from desktop_app.domain.roles import Role
    from desktop_app.services import accounts

    accounts.add_account(demo_db, "A. Consul", Role.HEAD, "4711", operator="setup")
    accounts.sign_in(demo_db, accounts.authenticate(demo_db, "A. Consul", "4711"))
    accounts.add_account(demo_db, "B. Deputy", Role.HEAD, "2222", operator="A. Consul")
    window.data_changed()
    export = window.actions["export"]
    qtbot.waitUntil(export.isEnabled, timeout=20_000)
    colleague = open_database(demo_db.target.path)  # the deputy, on another computer
    try:
        accounts.sign_in(colleague, accounts.authenticate(colleague, "B. Deputy", "2222"))
        accounts.change_role(colleague, "A. Consul", Role.VOLUNTEER, operator="B. Deputy")
    finally:
        colleague.close()
    window.data_changed()
    qtbot.waitUntil(lambda: not export.isEnabled(), timeout=20_000)
    assert "has no permission" in export.toolTip()


def test_a_read_answered_after_the_officer_signed_out_is_not_shown(qtbot: QtBot, window: MainWindow,
                                                                   demo_db: Database) -> None:
    """A page's read asked for the head is answered after the head signed out (Switch user): the answer, read
    with the head's permissions, is not shown to whoever comes next (nor a refusal meant for nobody)."""
    from desktop_app.domain.roles import Role
    from desktop_app.services import accounts
    from desktop_app.ui.latest_read import LatestRead

    accounts.add_account(demo_db, "A. Consul", Role.HEAD, "4711", operator="setup")
    accounts.sign_in(demo_db, accounts.authenticate(demo_db, "A. Consul", "4711"))
    may_answer = threading.Event()
    shown: list[object] = []

    def read() -> list[str]:
        may_answer.wait(20)
        return [p.case_ref for p in persons.list_trash(demo_db)]

    reads = LatestRead(window, lambda: window.db)
    reads.run(read, shown.append)
    accounts.sign_in(demo_db, None)  # the head leaves the laptop
    may_answer.set()
    qtbot.waitUntil(lambda: not reads.busy, timeout=20_000)
    assert shown == []
    accounts.sign_in(demo_db, accounts.authenticate(demo_db, "A. Consul", "4711"))
    reads.run(read, shown.append)  # asked and answered for the same officer: shown
    qtbot.waitUntil(lambda: not reads.busy, timeout=20_000)
    assert len(shown) == 1


def test_mark_sent_reads_the_unverified_members_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                                   demo_db: Database) -> None:
    """Mark sent read the list's members not verified yet on the GUI thread before asking to verify them."""
    from PySide6.QtWidgets import QMessageBox

    chosen = lists.create_list(demo_db, "Convoy 9", operator="t")
    registered = next(i for i in window.roster.model.ids if persons.get_person(demo_db, i).status == "registered")
    lists.add_members(demo_db, chosen.id, [registered], operator="t")
    qtbot.waitUntil(lambda: window.roster_changes.watched is demo_db, timeout=20_000)
    window.show_page("lists")
    page = window.lists
    page.show_list(chosen.id)
    qtbot.waitUntil(lambda: not page.busy and page.current is not None, timeout=20_000)
    asked: list[str] = []

    def cancel() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "verifyFirstQuestion":
            return False
        asked.append(box.text())
        box.reject()
        return True

    statements = StatementThreads(demo_db)
    try:
        keep_looking(cancel)
        page.mark_sent()
    finally:
        statements.stop()
    assert asked and asked[0].startswith("1 members are not verified yet")
    assert statements.threads
    assert statements.on_gui_thread() == 0
    assert lists.get_list(demo_db, chosen.id).state != "sent"


# --- breaker X15: the roster table attacked --------------------------------------------------------------


def _roster_settled(qtbot: QtBot, page: RosterPage) -> None:
    model = page.model
    qtbot.waitUntil(lambda: model.searched and not model.loading and not model.pages_loading, timeout=20_000)


def _big_roster(db: Database) -> Database:
    demo.fill_demo(db, households=80, operator="demo")
    assert roster.count(db, RosterQuery()) > PAGE_SIZE
    return db


def test_a_person_added_between_the_first_page_and_the_ids_is_not_a_placeholder_for_ever(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    """A colleague added a person sorting first after the first page was read and before every id was: the ids
    moved by one but the first page (numbered by position) was kept, so row 0 showed "…" until the next change."""
    _big_roster(db)
    colleague = open_database(db_path)
    owner = QWidget()
    qtbot.addWidget(owner)
    page = RosterPage(db, owner)
    created: list[int] = []

    def first_page_shown() -> None:  # the rest of the ids are asked just after this
        if not created:
            created.append(persons.create_person(colleague, {"surname": "Аавина", "given_names": "Ада"},
                                                 operator="colleague").id)

    page.model.loaded.connect(first_page_shown)
    owner.resize(1000, 600)
    owner.show()
    try:
        qtbot.waitUntil(lambda: bool(created) and page.model.complete, timeout=20_000)
        _roster_settled(qtbot, page)
        model = page.model
        assert model.row_of(created[0]) == 0
        qtbot.waitUntil(lambda: model.index(0, 1).data() == "Аавина Ада", timeout=20_000)
        _roster_settled(qtbot, page)
        shown = [model.index(row, 1).data() for row in range(PAGE_SIZE + 1)]
        assert "…" not in shown
        assert model.ids == roster.search_ids(colleague, model.query)
    finally:
        colleague.close()


def test_a_page_dropped_from_the_cache_is_read_again_when_scrolled_back_to(
        qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scrolling through more pages than the table keeps (64, so 12,800 rows of a 20,000-person roster) and back:
    a dropped page stayed marked as asked, so its rows showed "…" for ever. The cache is made two pages here so
    that a four-page roster replays it."""
    demo_bulk.build_demo_roster(db, persons=4 * PAGE_SIZE)
    monkeypatch.setattr(roster_model, "MAX_CACHED_PAGES", 2)
    owner = QWidget()
    qtbot.addWidget(owner)
    page = RosterPage(db, owner)
    owner.resize(1000, 600)
    owner.show()
    _roster_settled(qtbot, page)
    model = page.model
    for number in (*range(4), 1):  # page 1 was dropped when page 3 came
        row = number * PAGE_SIZE
        page.table.scrollTo(model.index(row, 1))
        qtbot.waitUntil(lambda row=row: model.index(row, 1).data() not in (None, "…"), timeout=20_000)
    assert model.cached_pages == 2


def _names_shown(page: RosterPage) -> dict[int, str]:
    model = page.model
    return {model.person_id(row): model.index(row, 1).data() for row in range(model.rowCount())}


def test_a_search_and_pages_asked_before_another_roster_opened_never_show_on_it(
        qtbot: QtBot, db: Database, other_path: Path, preferences: Preferences) -> None:  # noqa: F811
    """The officer scrolls and types on a large roster while the read pool is busy, then opens another roster
    whose persons have the same ids: neither the old search nor the old roster's pages show on the new one."""
    _big_roster(db)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    page = window.roster
    _roster_settled(qtbot, page)
    busy = BusyReads(window)
    try:
        page.table.scrollToBottom()  # the last page is asked, queued behind the busy reads
        qtbot.wait(50)
        page.search.setText("а")
        page.apply_filters()
        assert switch_and_wait(qtbot, window, str(other_path))  # opened off the GUI thread, the reads still held
    finally:
        busy.release()
    _roster_settled(qtbot, page)
    qtbot.wait(200)  # any old answer still queued would arrive now
    _roster_settled(qtbot, page)
    other = open_database(other_path)
    try:
        assert page.model.ids == roster.search_ids(other, RosterQuery())
        expected = {row.id: " ".join(p for p in (row.surname, row.given_names, row.patronymic) if p)
                    for row in roster.fetch_rows(other, page.model.ids).values()}
    finally:
        other.close()
    assert page.search.text() == ""
    assert _names_shown(page) == expected
    window.close()


def test_the_window_types_scrolls_and_follows_a_colleague_with_no_sql_on_the_gui_thread(
        qtbot: QtBot, db: Database, db_path: Path, preferences: Preferences) -> None:
    """The whole window, not the page alone, once open: a search typed key by key (the debounce's searches),
    the table scrolled to its end and back, a colleague's edit arriving through the watcher, the search
    cleared. (Opening the window and closing it still run statements on the GUI thread: see the report.)"""
    _big_roster(db)
    colleague = open_database(db_path)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    page = window.roster
    _roster_settled(qtbot, page)
    qtbot.waitUntil(lambda: window.roster_changes.watched is db, timeout=20_000)
    target = persons.get_person(colleague, page.model.person_id(page.model.rowCount() - 1))
    statements = StatementThreads(db)
    try:
        typed = target.surname_latin[:4]  # QTest types Latin-1 only
        assert typed
        qtbot.keyClicks(page.search, typed)
        qtbot.waitUntil(lambda: page.model.query.text == typed, timeout=20_000)
        _roster_settled(qtbot, page)
        assert target.id in page.model.ids
        page.search.clear()
        page.apply_filters()
        _roster_settled(qtbot, page)
        page.table.scrollToBottom()
        _roster_settled(qtbot, page)
        page.table.scrollToTop()
        first = page.model.person_id(0)
        persons.update_person(colleague, first, {"locality": "Rafah"}, operator="colleague",
                              expected_version=persons.get_person(colleague, first).version)
        locality = COLUMN_KEYS.index("locality")
        qtbot.waitUntil(lambda: page.model.index(0, locality).data() == "Rafah", timeout=20_000)
        _roster_settled(qtbot, page)
    finally:
        statements.stop()
        colleague.close()
    window.close()
    on_the_page = [thread for thread in statements.threads if thread is not threading.main_thread()]
    assert len(on_the_page) > 5  # the listener saw the page's reads (the colleague's own statements are its own)
    assert statements.on_gui_thread() == 0


def test_the_window_closed_while_its_roster_reads_are_queued_shows_nothing_late(
        qtbot: QtBot, db: Database, preferences: Preferences) -> None:
    """Closed with a search, a sort and the last page still on their way: no error, no late dialog."""
    _big_roster(db)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    page = window.roster
    _roster_settled(qtbot, page)
    busy = BusyReads(window)
    seen: list[str] = []
    keep_looking(reject_dialogs_seen(seen))
    try:
        page.table.scrollToBottom()
        qtbot.wait(50)
        page.search.setText("ан")
        page.apply_filters()
        page.model.sort(COLUMN_KEYS.index("birth_date"))
        window.close()
    finally:
        busy.release()
    qtbot.wait(500)
    assert seen == []


def test_the_roster_page_deleted_while_its_reads_are_queued_is_left_alone_by_their_answers(
        qtbot: QtBot, db: Database, preferences: Preferences) -> None:
    """A page (and its model) destroyed with its search, its ids and a page still on their way: their answers,
    arriving after, touch nothing destroyed (no error raised in a slot, no dialog)."""
    _big_roster(db)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    owner = QWidget()
    owner.resize(1000, 600)
    page = RosterPage(db, owner)
    owner.show()
    _roster_settled(qtbot, page)
    busy = BusyReads(window)
    seen: list[str] = []
    keep_looking(reject_dialogs_seen(seen))
    try:
        page.table.scrollToBottom()
        qtbot.wait(50)
        page.search.setText("ан")
        page.apply_filters()
        page.model.refresh()
        owner.deleteLater()
        qtbot.wait(50)
    finally:
        busy.release()
    qtbot.wait(500)
    assert seen == []
    window.close()


def test_scrolling_to_the_end_while_a_colleague_keeps_adding_persons_ends_on_the_roster_as_it_stands(
        qtbot: QtBot, db: Database, db_path: Path, preferences: Preferences) -> None:
    """A colleague adds persons one after another (a thread on its own connection, as an import's families
    arrive) while the officer scrolls to the end and back: the watcher's reloads overtake each other and the
    pages in flight; at the end the table holds every person, in order, and no row is left a placeholder."""
    demo_bulk.build_demo_roster(db, persons=6 * PAGE_SIZE)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    page = window.roster
    _roster_settled(qtbot, page)
    qtbot.waitUntil(lambda: window.roster_changes.watched is db, timeout=20_000)
    colleague = open_database(db_path)
    stop = threading.Event()
    added: list[int] = []

    def keep_adding() -> None:
        number = 0
        while not stop.is_set() and number < 40:
            number += 1
            added.append(persons.create_person(colleague, {"surname": f"Аа{number:03d}", "given_names": "Ада"},
                                               operator="colleague").id)
            stop.wait(0.05)

    adding = threading.Thread(target=keep_adding)
    adding.start()
    try:
        for _ in range(6):
            page.table.scrollToBottom()
            qtbot.wait(120)
            page.table.scrollToTop()
            qtbot.wait(120)
    finally:
        stop.set()
        adding.join(20)
    try:
        qtbot.waitUntil(lambda: page.model.row_of(added[-1]) is not None, timeout=20_000)
        _roster_settled(qtbot, page)
        expected = roster.search_ids(colleague, page.model.query)
    finally:
        colleague.close()
    model = page.model
    assert model.ids == expected and model.rowCount() == len(expected)
    for row in (*range(60), *range(model.rowCount() - 60, model.rowCount())):
        page.table.scrollTo(model.index(row, 1))
        qtbot.waitUntil(lambda row=row: model.index(row, 1).data() not in (None, "…"), timeout=20_000)
    window.close()


def test_typing_sorting_and_scrolling_while_a_colleague_holds_the_write_lock(
        qtbot: QtBot, db: Database, db_path: Path, preferences: Preferences) -> None:
    """Another process holds the roster's write lock; the officer types a search key by key, sorts by birth
    date while its pages load and scrolls to the end: every answer comes while the lock is still held, the
    window handles a 10 ms timer's ticks all through, and the table shows the last search in the last order."""
    _big_roster(db)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    page = window.roster
    _roster_settled(qtbot, page)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    born = COLUMN_KEYS.index("birth_date")
    with held_lock(db_path, 20) as holder:
        timer.start()
        qtbot.keyClicks(page.search, "a")
        page.apply_filters()
        page.table.sortByColumn(born, Qt.SortOrder.DescendingOrder)
        before = len(ticks)
        _roster_settled(qtbot, page)
        page.table.scrollToBottom()
        _roster_settled(qtbot, page)
        answered_while_held = holder.poll() is None
        handled = len(ticks) - before
    timer.stop()
    assert answered_while_held
    assert handled > 0
    query = page.model.query
    assert (query.text, query.sort, query.descending) == ("a", SortKey.BIRTH_DATE, True)
    assert page.model.ids == roster.search_ids(db, query)
    last = page.model.rowCount() - 1
    assert page.model.index(last, 1).data() not in (None, "…")
    window.close()


def test_another_roster_opens_in_the_order_the_header_shows(
        qtbot: QtBot, db: Database, other_path: Path, preferences: Preferences) -> None:  # noqa: F811
    """Sorted by birth date, newest first, then another roster opened: the header still said "Born, descending"
    while the new roster's rows came sorted by name, ascending (the officer read the oldest as the youngest)."""
    _big_roster(db)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    page = window.roster
    _roster_settled(qtbot, page)
    page.table.sortByColumn(COLUMN_KEYS.index("birth_date"), Qt.SortOrder.DescendingOrder)
    _roster_settled(qtbot, page)
    assert switch_and_wait(qtbot, window, str(other_path))
    _roster_settled(qtbot, page)
    header = page.table.horizontalHeader()
    assert COLUMN_KEYS[header.sortIndicatorSection()] == "birth_date"
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    query = page.model.query
    assert (query.sort, query.descending) == (SortKey.BIRTH_DATE, True)
    other = open_database(other_path)
    try:
        assert page.model.ids == roster.search_ids(other, query)
    finally:
        other.close()
    window.close()


def _numbered_households(db: Database, count: int) -> dict[str, int]:
    """Households numbered 1..count as a partner's spreadsheet numbers them; 7 and 70 have a member."""
    with db.transaction() as session:
        made = [households.new_household(session, f"Family {number}", "t", ref=str(number))
                for number in range(1, count + 1)]
        session.flush()
        ids = {household.ref: household.id for household in made}
    for ref in ("7", "70"):
        person = persons.create_person(db, {"surname": f"Семья{ref}", "given_names": "Ада"}, operator="t")
        households.add_member(db, ids[ref], person.id, Relationship.HEAD, operator="t")
    return ids


def test_the_household_filter_finds_household_7_among_600_numbered_ones(qtbot: QtBot, db: Database) -> None:
    """The filter's look-up took the first 50 households whose name or reference contains what was typed, by
    reference: "17", "107", ... "597" sort before "7", which was not among them, so nobody was shown."""
    made = _numbered_households(db, 600)
    owner = QWidget()
    qtbot.addWidget(owner)
    page = RosterPage(db, owner)
    _roster_settled(qtbot, page)
    page.household_filter.setText("7")
    page.apply_filters()
    _roster_settled(qtbot, page)
    assert page.model.query.household_id == made["7"]
    assert page.model.ids == roster.search_ids(db, RosterQuery(household_id=made["7"])) and len(page.model.ids) == 1


def test_the_workspace_finds_a_household_by_its_uuid(db: Database) -> None:
    """`Workspace.household_id` (the command line's look-up) promised a reference or a UUID, but searched the
    name and the reference only: `household show <uuid>` said there was no such household."""
    made = households.create_household(db, "Ivanov family", operator="t")
    workspace = Workspace(db, "t")
    assert workspace.household_id(made.ref) == made.id
    assert workspace.household_id(made.ref.lower()) == made.id
    assert workspace.household_id(made.uuid) == made.id
    with pytest.raises(NotFound):
        workspace.household_id("H-%")  # a reference is not a pattern
