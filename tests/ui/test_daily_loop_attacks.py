"""The Lists page and Edit > Undo driven like a hurried officer (issue 13 items 1 and 5).

Crossings for several selected members where one was never approved: the page recorded the
crossings of the members before that one, then showed an error that reads as if nothing was
done. Now the crossings of one click are one transaction: all recorded, or none and the one
who stops them named. Edit > Undo of a status change for many after a colleague's command line
moved one of them says who and undoes nothing; a second Edit > Undo goes on to the entry before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop_app.domain.lists import Answer
from desktop_app.domain.status import Status
from desktop_app.services import lists, persons, status
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import Operation
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.reconcile import ReconcileDialog
from tests.services.test_reconcile_roster import write_answer
from tests.ui.opening import switch_and_wait
from tests.ui.polling import keep_looking
from tests.ui.typing import answer_next_message_box


@pytest.fixture
def window(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    for surname, given in (("ORLOV", "ILYA"), ("ORLOVA", "ANNA"), ("SAYED", "MONA")):
        persons.create_person(db, {"surname_latin": surname, "given_names_latin": given, "birth_date": "1990-01-01"},
                              operator="t")
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.roster.model.complete, timeout=20_000)  # the table's ids come off the GUI thread
    yield main


def _when_modal(seen: list[str]) -> None:
    """Read and close the next modal message box (during this test)."""
    def attempt() -> bool:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, QMessageBox):
            return False
        seen.append(widget.text())
        widget.accept()
        return True
    keep_looking(attempt)


def _sent_list(window: MainWindow, db: Database) -> tuple[int, list[int]]:
    created = lists.create_list(db, "Rafah 21 Nov", operator="t")
    ids = list(window.roster.model.ids)
    lists.add_members(db, created.id, ids, operator="t")
    lists.mark_sent(db, created.id, operator="t", verify_first=True)
    window.show_page("lists")
    window.lists.reload()
    window.lists.select_list(created.id)
    return created.id, [m.person_id for m in window.lists.members_model.records]  # in the page's order


def test_crossing_of_several_with_one_not_approved_records_none_and_names_him(
        qtbot: QtBot, window: MainWindow, db: Database) -> None:
    list_id, ids = _sent_list(window, db)
    lists.record_answers(db, list_id, [ids[0], ids[2]], Answer.APPROVED, operator="t")  # the middle one: pending
    page = window.lists
    page.members_view.selectAll()
    seen: list[str] = []
    _when_modal(seen)
    qtbot.mouseClick(page.findChild(QPushButton, "recordCrossingButton"), Qt.MouseButton.LeftButton)
    middle = persons.get_person(db, ids[1]).case_ref
    assert seen == [f"crossing: {middle!r} needs the partner's approval first"]
    assert [m.crossed_at for m in lists.members(db, list_id)] == [None] * 3  # nothing half-recorded
    assert [persons.get_person(db, i).status for i in ids] == ["approved", "submitted", "approved"]
    page.members_view.clearSelection()
    for row in (0, 2):
        page.members_view.selectionModel().select(
            page.members_model.index(row, 0), page.members_view.selectionModel().SelectionFlag.Select
            | page.members_view.selectionModel().SelectionFlag.Rows)
    qtbot.mouseClick(page.findChild(QPushButton, "recordCrossingButton"), Qt.MouseButton.LeftButton)
    assert [persons.get_person(db, i).status for i in ids] == ["crossed", "submitted", "crossed"]


def test_edit_undo_after_a_colleague_moved_one_of_them_says_who_and_undoes_nothing(
        qtbot: QtBot, window: MainWindow, db: Database, db_path: Path) -> None:
    ids = list(window.roster.model.ids)
    refs = [persons.get_person(db, i).case_ref for i in ids]
    window.roster.table.selectAll()
    from desktop_app.ui.bulk_status import change_status_of

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "bulkStatusDialog":
            QTimer.singleShot(20, fill)
            return
        dialog.target.setCurrentIndex(dialog.target.findData("verified"))  # type: ignore[attr-defined]
        dialog.apply()  # type: ignore[attr-defined]
    QTimer.singleShot(0, fill)
    change_status_of(window, [("everyone", ids, None)])
    window.findChildren(QMessageBox, "bulkStatusReport")[-1].close()
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db_path), "--operator", "colleague",
                           "status", refs[1], "on_hold"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    seen: list[str] = []
    _when_modal(seen)
    window.actions["undo"].trigger()
    assert len(seen) == 1 and refs[1] in seen[0] and "Nothing was undone" in seen[0]
    assert [persons.get_person(db, i).status for i in ids] == ["verified", "on_hold", "verified"]
    window.actions["undo"].trigger()  # the spent entry is gone: a second Undo does not run it again
    assert [persons.get_person(db, i).status for i in ids] == ["verified", "on_hold", "verified"]
    status.change_status(db, ids[1], Status.VERIFIED, operator="t")


def test_apply_clicked_again_while_the_first_apply_runs_does_not_apply_twice(
        qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path) -> None:
    list_id, ids = _sent_list(window, db)
    people = [persons.get_person(db, i) for i in ids]
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Decision"],
                          [[f"{p.surname_latin} {p.given_names_latin}", "01.01.1990", "approved"] for p in people])
    dialog = ReconcileDialog(Workspace(db, window.operator), window, list_id=list_id, undo_host=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=20_000)
    answer_next_message_box([], QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert not dialog.apply_button.isEnabled()  # at once, not when the result comes back
    replies: list[str] = []
    answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)  # the hurried second click
    qtbot.waitUntil(lambda: dialog.last_apply is not None, timeout=20_000)
    qtbot.wait(200)
    assert replies == [] or QApplication.activeModalWidget() is None
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Operation).where(Operation.kind == "reconcile")) == 1
    assert dialog.undo_button.isEnabled() and not dialog.apply_button.isEnabled()


def test_a_reconcile_screen_left_open_across_file_open_never_writes_to_the_roster_that_was_closed(
        qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path) -> None:
    list_id, ids = _sent_list(window, db)
    people = [persons.get_person(db, i) for i in ids]
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Decision"],
                          [[f"{p.surname_latin} {p.given_names_latin}", "01.01.1990", "approved"] for p in people])
    dialog = ReconcileDialog(Workspace(db, window.operator), window, list_id=list_id, undo_host=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=20_000)
    other = tmp_path / "other.db"
    open_database(other).close()
    assert switch_and_wait(qtbot, window, str(other))  # File > Open: the officer now works on another roster
    assert not dialog.isVisible()  # the screen about the closed roster went with it
    seen: list[str] = []
    answer_next_message_box(seen)
    dialog.apply()  # even if it is reached some other way, it refuses
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=10_000)
    assert "another roster than the one now open" in seen[0]
    qtbot.wait(100)
    earlier = open_database(tmp_path / "roster.db")
    try:
        assert [persons.get_person(earlier, i).status for i in ids] == ["submitted"] * 3
        assert [m.answer for m in lists.members(earlier, list_id)] == ["pending"] * 3
    finally:
        earlier.close()
    assert not window.actions["undo"].isEnabled()


def test_send_is_offered_only_once_someone_is_on_the_new_list(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    created = lists.create_list(db, "Rafah 23 Nov", operator="t")
    window.show_page("lists")
    page = window.lists
    page.reload()
    page.select_list(created.id)
    assert not page.send_button.isEnabled()
    page.add_persons(list(window.roster.model.ids)[:1])
    assert page.send_button.isEnabled()
