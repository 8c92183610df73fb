"""The Lists page and the roster's row menu under issue 13 item 1, driven like the officer.

An answer recorded on the Lists page for members still registered (and one who declined) is
recorded for all, the statuses follow where they may, and the one that cannot is named under
the members and shaded in its row. Sending without verifying leaves them registered. A status
change for the roster's selection is one operation that Edit > Undo takes back.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.domain.status import Status
from desktop_app.services import lists, persons, status
from desktop_app.storage.db import Database
from desktop_app.ui.bulk_status import BulkStatusDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences


@pytest.fixture
def small_window(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    for surname, given in (("ORLOV", "ILYA"), ("ORLOVA", "ANNA"), ("SAYED", "MONA")):
        persons.create_person(db, {"surname_latin": surname, "given_names_latin": given, "birth_date": "1990-01-01"},
                              operator="t")
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.roster.model.complete, timeout=20_000)  # the tests' ids come off the GUI thread
    yield main


def _when_modal(action: object) -> None:
    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, attempt)
            return
        action(widget)  # type: ignore[operator]
    QTimer.singleShot(0, attempt)


def _list_with_everyone(window: MainWindow, db: Database) -> int:
    created = lists.create_list(db, "Rafah 20 Nov", operator="t")
    lists.add_members(db, created.id, window.roster.model.ids, operator="t")
    window.show_page("lists")
    window.lists.reload()
    window.lists.select_list(created.id)
    return created.id


def test_sending_without_verifying_leaves_them_registered(qtbot: QtBot, small_window: MainWindow,
                                                          db: Database) -> None:
    list_id = _list_with_everyone(small_window, db)
    page = small_window.lists
    seen: list[str] = []

    def send_without(box: QMessageBox) -> None:
        seen.append(box.text())
        box.findChild(QPushButton, "sendWithout").click()
    _when_modal(send_without)
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert seen[0].startswith("3 members are not verified yet")
    assert lists.get_list(db, list_id).state == "sent"
    assert {m.status for m in page.members_model.records} == {"registered"}


def test_an_answer_on_the_lists_page_is_recorded_for_all_and_the_stuck_status_is_named(
        qtbot: QtBot, small_window: MainWindow, db: Database) -> None:
    mona = next(i for i in small_window.roster.model.ids if persons.get_person(db, i).surname_latin == "SAYED")
    status.change_status(db, mona, Status.DECLINED, operator="t")
    _list_with_everyone(small_window, db)
    page = small_window.lists
    page.members_view.selectAll()
    page.answer.setCurrentIndex(page.answer.findData("rejected"))
    qtbot.mouseClick(page.findChild(QPushButton, "recordAnswerButton"), Qt.MouseButton.LeftButton)
    assert page.pending is not None
    qtbot.waitUntil(lambda: page.pending is not None and page.pending.done)  # written off the GUI thread
    records = {m.person_id: m for m in page.members_model.records}
    assert {m.answer for m in records.values()} == {"rejected"}
    assert [records[i].status for i in sorted(records)] == ["rejected", "rejected", "declined"]
    ref = persons.get_person(db, mona).case_ref
    assert page.outcome.isVisible()
    assert page.outcome.text() == f"3 answers recorded. Status unchanged for: {ref} " \
                                  "(status declined cannot become rejected)"
    row = next(r for r, m in enumerate(page.members_model.records) if m.person_id == mona)
    tip = page.members_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Answer rejected recorded; status declined cannot become rejected"
    assert "0 pending" in page.counts.text() and "3 rejected" in page.counts.text()


def test_status_of_the_selection_from_the_row_menu_is_one_undoable_operation(qtbot: QtBot, small_window: MainWindow,
                                                                             db: Database) -> None:
    window = small_window
    window.show_page("roster")
    table = window.roster.table
    selection = table.selectionModel()
    for row in (0, 1):
        selection.select(window.roster.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    chosen = window.roster.selected_ids()
    menu: QMenu = window.roster.row_menu()
    action = next(a for a in menu.actions() if a.objectName() == "bulkStatusAction")

    def fill(dialog: BulkStatusDialog) -> None:
        assert dialog.scope.itemText(0) == "the 2 selected person(s)"
        dialog.target.setCurrentIndex(dialog.target.findData("verified"))
        qtbot.keyClicks(dialog.reason, "passports seen")
        dialog.apply()
    _when_modal(fill)
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "bulkStatusReport") is not None)
    assert window.findChildren(QMessageBox, "bulkStatusReport")[-1].text() == "2 persons now verified."
    window.findChildren(QMessageBox, "bulkStatusReport")[-1].close()
    assert [persons.get_person(db, i).status for i in chosen] == ["verified", "verified"]
    assert window.actions["undo"].text() == "&Undo Status of 2 person(s)"
    window.actions["undo"].trigger()
    assert [persons.get_person(db, i).status for i in chosen] == ["registered", "registered"]
    history = status.history(db, chosen[0])
    assert history[-1].reason.startswith("undo of status operation")
