"""Writes from the window never freeze it (issue 15): while another process holds the roster's write lock
(BEGIN IMMEDIATE in a real subprocess, as a colleague's long save does), a merge, a status change for
several, an undo, a list's or a household's change, a liaison entry and a restore from the trash each
wait off the GUI thread: the window keeps handling events (a 10 ms timer's ticks are counted), the
waiting window names the colleague, nothing is written meanwhile, and the write is made once the lock
is released. Cancel gives a waiting write up with nothing written.

Times are printed with -s, never asserted: what is asserted is that events were handled all through
the wait and what the database holds before and after.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.person import Relationship
from desktop_app.domain.status import Status
from desktop_app.services import households, lists, partners, persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from tests.storage.test_errors import held_lock
from tests.ui.opening import switch_and_wait
from tests.ui.typing import answer_next_message_box

HOLD_S = 5
TICK_MS = 10


@pytest.fixture
def window(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    for surname, given, born in (("ORLOV", "ILYA", "1990-01-01"), ("ORLOV", "ILYA", "1990-01-01"),
                                 ("SAYED", "MONA", "1985-05-05")):
        persons.create_person(db, {"surname_latin": surname, "given_names_latin": given, "birth_date": born},
                              operator="t")
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.roster.model.complete, timeout=20_000)  # the tests' ids come off the GUI thread
    yield main
    main.close()


def _waiting_windows() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.objectName() == "waitingForLock" and w.isVisible()]


@dataclass
class Watch:
    """What the window did while a colleague held the lock: ticks handled, who it said was writing."""

    window: MainWindow
    unchanged: Callable[[], bool]  # the write has not happened (asked once, when the waiting window shows)
    ticks_while_waiting: int = 0
    holder_said: str | None = None
    unchanged_while_held: bool | None = None
    typed: bool = False
    started: float = field(default_factory=time.monotonic)
    last: float = 0.0
    longest_gap: float = 0.0

    def tick(self, held: bool) -> None:
        now = time.monotonic()
        waiting = _waiting_windows()
        if held and waiting:
            if self.holder_said is None:
                self.holder_said = waiting[0].labelText()
                self.unchanged_while_held = self.unchanged()
                self.window.roster.search.setText("orl")  # the officer goes on typing meanwhile
                self.typed = True
            self.ticks_while_waiting += 1
            if self.last:
                self.longest_gap = max(self.longest_gap, now - self.last)
            self.last = now


def _while_held(qtbot: QtBot, db_path: Path, window: MainWindow, act: Callable[[], object],
                unchanged: Callable[[], bool], done: Callable[[], bool], seconds: float = HOLD_S) -> Watch:
    """Run `act` (a click that writes) while another process holds the write lock for `seconds`."""
    watch = Watch(window, unchanged)
    with held_lock(db_path, seconds) as colleague:
        timer = QTimer(window)
        timer.setInterval(TICK_MS)
        timer.timeout.connect(lambda: watch.tick(colleague.poll() is None))
        timer.start()
        QTimer.singleShot(0, act)
        qtbot.waitUntil(lambda: colleague.poll() is not None, timeout=int((seconds + 30) * 1000))
    qtbot.waitUntil(done, timeout=20_000)
    timer.stop()
    print(f"\n{watch.ticks_while_waiting} ticks of {TICK_MS} ms while the write waited; longest gap "
          f"{watch.longest_gap * 1000:.0f} ms")
    return watch


def _assert_answered(watch: Watch, window: MainWindow) -> None:
    assert watch.holder_said is not None and "A. Colleague on " in watch.holder_said  # who holds the lock
    assert watch.unchanged_while_held  # nothing written while the colleague held the lock
    assert watch.ticks_while_waiting > HOLD_S  # events were handled all through the wait
    assert watch.typed and window.roster.search.text() == "orl"
    assert not _waiting_windows()


def _when_modal(name: str, action: Callable[[QDialog], None]) -> None:
    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, QDialog) or widget.objectName() != name:
            QTimer.singleShot(20, attempt)
            return
        action(widget)
    QTimer.singleShot(0, attempt)


def test_a_merge_waits_for_the_colleague_and_is_made_after_the_release(
        qtbot: QtBot, window: MainWindow, db: Database, db_path: Path) -> None:
    from desktop_app.ui.merge_dialog import MergeDialog

    a, b = window.roster.model.ids[:2]
    assert window.workspace is not None
    dialog = MergeDialog(window.workspace, a, b, window, undo_host=window)
    qtbot.addWidget(dialog)
    dialog.show()
    replies: list[str] = []
    answer_next_message_box(replies)
    watch = _while_held(qtbot, db_path, window, dialog.merge_button.click,
                        unchanged=lambda: persons.get_person(db, b).status != Status.MERGED.value,
                        done=lambda: dialog.operation_id is not None)
    _assert_answered(watch, window)
    assert persons.get_person(db, b).merged_into_id == a and "merged" in replies[0]

    # Edit > Undo takes it back, waiting for the colleague the same way.
    watch = _while_held(qtbot, db_path, window, window.actions["undo"].trigger,
                        unchanged=lambda: persons.get_person(db, b).merged_into_id == a,
                        done=lambda: persons.get_person(db, b).merged_into_id is None)
    _assert_answered(watch, window)


def test_a_status_change_for_several_waits_and_is_made_after_the_release(
        qtbot: QtBot, window: MainWindow, db: Database, db_path: Path) -> None:
    from desktop_app.ui.bulk_status import BulkStatusDialog, change_status_of

    ids = list(window.roster.model.ids)

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, BulkStatusDialog)
        dialog.target.setCurrentIndex(dialog.target.findData(Status.VERIFIED.value))
        dialog.reason.setText("passports seen")
        dialog.apply()

    def act() -> None:
        _when_modal("bulkStatusDialog", choose)
        change_status_of(window, [("everyone", ids, None)])

    watch = _while_held(qtbot, db_path, window, act,
                        unchanged=lambda: {persons.get_person(db, i).status for i in ids} == {"registered"},
                        done=lambda: {persons.get_person(db, i).status for i in ids} == {"verified"})
    _assert_answered(watch, window)
    assert window.actions["undo"].text() == "&Undo Status of 3 person(s)"


def test_lists_households_liaison_and_trash_writes_wait_too(
        qtbot: QtBot, window: MainWindow, db: Database, db_path: Path) -> None:
    a, b, c = window.roster.model.ids
    bus = lists.create_list(db, "Bus 2", operator="t")
    family = households.create_household(db, "Orlov", operator="t", head_person_id=a)
    households.add_member(db, family.id, b, Relationship.SPOUSE, operator="t")
    persons.delete_person(db, c, operator="t", reason="registered twice")

    window.show_page("lists")
    window.lists.reload()
    window.lists.select_list(bus.id)
    watch = _while_held(qtbot, db_path, window, lambda: window.lists.add_persons([a, b]),
                        unchanged=lambda: not lists.members(db, bus.id),
                        done=lambda: len(lists.members(db, bus.id)) == 2, seconds=3)
    _assert_answered(watch, window)

    page = window.households
    window.show_page("households")
    page.select_household(family.id)
    row = next(r for r, m in enumerate(page.members_model.records) if m.person_id == b)
    page.members_view.setCurrentIndex(page.members_model.index(row, 0))
    watch = _while_held(qtbot, db_path, window, page.make_head,
                        unchanged=lambda: households.get_household(db, family.id).head_person_id == a,
                        done=lambda: households.get_household(db, family.id).head_person_id == b, seconds=3)
    _assert_answered(watch, window)

    from desktop_app.ui.pages.partners import QuickLogDialog

    assert window.workspace is not None
    log = QuickLogDialog(window.workspace, person_ids=[a], parent=window.partners)
    qtbot.addWidget(log)
    log.summary.setPlainText("Asked for the corrected passport number")
    watch = _while_held(qtbot, db_path, window, log.save, unchanged=lambda: not partners.log_entries(db),
                        done=lambda: log.entry is not None, seconds=3)
    _assert_answered(watch, window)

    trash = window.trash
    window.show_page("trash")
    trash.reload()
    qtbot.waitUntil(lambda: not trash.busy)  # read off the GUI thread
    trash.trash_view.selectRow(0)
    watch = _while_held(qtbot, db_path, window, trash.restore_selected,
                        unchanged=lambda: bool(persons.list_trash(db)),
                        done=lambda: not persons.list_trash(db), seconds=3)
    _assert_answered(watch, window)


def test_cancel_gives_up_a_merge_waiting_for_the_lock(qtbot: QtBot, window: MainWindow, db: Database,
                                                      db_path: Path) -> None:
    from desktop_app.ui.operations import write_and_wait

    a, b = window.roster.model.ids[:2]
    workspace = window.workspace
    assert workspace is not None
    errors: list[BaseException] = []

    def cancel_when_waiting() -> None:
        waiting = _waiting_windows()
        if not waiting:
            QTimer.singleShot(20, cancel_when_waiting)
            return
        button = waiting[0].findChild(QPushButton)
        assert isinstance(button, QPushButton)
        button.click()

    def merge() -> None:
        from desktop_app.services import duplicates

        try:
            write_and_wait(window, "Merging", lambda: duplicates.merge_persons(db, a, b, picks={},
                                                                                operator=workspace.operator))
        except Cancelled as exc:
            errors.append(exc)

    with held_lock(db_path, 60):
        QTimer.singleShot(0, cancel_when_waiting)
        merge()  # returns once the officer cancelled, the colleague still holding the lock
        assert len(errors) == 1 and persons.get_person(db, b).merged_into_id is None


def test_a_write_whose_window_closes_while_it_waits_gives_up(qtbot: QtBot, window: MainWindow, db: Database,
                                                              db_path: Path) -> None:
    """The wait ends when its dialog is deleted (no event loop left turning forever); nothing is written."""
    from desktop_app.ui.operations import write_and_wait

    a = window.roster.model.ids[0]
    owner = QWidget(window)
    errors: list[BaseException] = []
    with held_lock(db_path, 60):
        QTimer.singleShot(600, owner.deleteLater)
        try:
            write_and_wait(owner, "Saving", lambda: persons.delete_person(db, a, operator="x", reason="test"))
        except Cancelled as exc:
            errors.append(exc)
        assert len(errors) == 1
    assert persons.get_person(db, a).deleted_at is None


def test_a_merge_screen_about_the_old_roster_closes_when_another_opens(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """The dialogs hold the workspace, which follows the new roster: one about the old roster's records would
    merge the new roster's persons of the same ids, so it closes."""
    from desktop_app.ui.merge_dialog import MergeDialog

    a, b = window.roster.model.ids[:2]
    assert window.workspace is not None
    dialog = MergeDialog(window.workspace, a, b, window, undo_host=window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert switch_and_wait(qtbot, window, str(tmp_path / "other.db"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.workspace.db.target.path == tmp_path / "other.db"
