"""Issue 13's daily loop through the window, as the officer ran it.

Register a person in the editor, import a volunteer's sheet, make a list, add everyone while
still registered, send it (verifying them first when asked), reconcile the partner's answer
with approvals and rejections from the list, apply, and record crossings. The list then shows
every answer, statuses moved, crossings recorded; Edit > Undo still takes back the apply.
Set MISSION_ROSTER_SHOTS=DIR to keep screenshots of the Lists page and the reconcile dialog.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import lists, persons
from desktop_app.storage.db import Database
from desktop_app.ui.importing.wizard import REPORT_PAGE, TABLE_PAGE, open_import_wizard
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.lists import NewListDialog
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.reconcile import ReconcileDialog
from tests.services.import_support import write_xlsx
from tests.services.test_reconcile_roster import write_answer
from tests.ui.polling import keep_looking
from tests.ui.typing import answer_next_message_box, type_text

SIZE = (1280, 720)


@pytest.fixture
def empty_window(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.resize(*SIZE)
    main.show()
    qtbot.waitExposed(main)
    yield main


def _when_modal(action: object) -> None:
    """Run `action(widget)` on the next modal widget once it is open (during this test)."""
    def attempt() -> bool:
        widget = QApplication.activeModalWidget()
        if widget is None:
            return False
        action(widget)  # type: ignore[operator]
        return True
    keep_looking(attempt)


def _shoot(widget: object, name: str) -> None:
    folder = os.environ.get("MISSION_ROSTER_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))  # type: ignore[attr-defined]


def test_the_officers_day_through_the_window(qtbot: QtBot, empty_window: MainWindow, db: Database,
                                             tmp_path: Path) -> None:
    window = empty_window
    # Register a person by hand.
    editor = window.open_editor(None)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.findChild(QLineEdit, "field_surname"), "Щербакова")
    type_text(editor.findChild(QLineEdit, "field_given_names"), "Мария")
    qtbot.keyClicks(editor.findChild(QLineEdit, "field_birth_date"), "1984-11-02")
    qtbot.keyClicks(editor.findChild(QLineEdit, "newDocumentNumber"), "72 7654321")
    qtbot.mouseClick(editor.findChild(QPushButton, "addDocumentButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    maria = persons.find_person(db, editor.person.case_ref)  # type: ignore[union-attr]

    # Import a volunteer's sheet of three.
    sheet = write_xlsx(tmp_path / "volunteer.xlsx", [
        ["ФИО", "Дата рождения", "№ паспорта"],
        ["Щербаков Иван", dt.date(1980, 3, 5), "72 1234567"],
        ["Abu Shanab Ahmed", "20.01.1975", "P0481516"],
        ["Petrov Oleg", "09.09.1979", "77 9999999"]])
    wizard = open_import_wizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(sheet))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    assert wizard.result is not None and wizard.result.created == 3
    wizard.close()
    window.roster.model.refresh()
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == 4)

    # A list, everyone added while still registered.
    page = window.lists
    window.show_page("lists")

    def name_the_list(dialog: NewListDialog) -> None:
        dialog.name.setText("Rafah 14 Nov")
        dialog.accept()
    _when_modal(name_the_list)
    qtbot.mouseClick(page.findChild(QPushButton, "newListButton"), Qt.MouseButton.LeftButton)
    assert page.current is not None and page.current.name == "Rafah 14 Nov"
    window.roster.table.selectAll()
    qtbot.mouseClick(page.findChild(QPushButton, "addSelectionButton"), Qt.MouseButton.LeftButton)
    assert page.members_model.rowCount() == 4
    assert {m.status for m in page.members_model.records} == {"registered"}

    # Mark sent: the window names the four unverified and verifies them in the same step.
    questions: list[str] = []

    def verify_and_send(box: QMessageBox) -> None:
        questions.append(box.text())
        box.findChild(QPushButton, "verifyAndSend").click()
    _when_modal(verify_and_send)
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert questions and questions[0].startswith("4 members are not verified yet")
    assert {m.status for m in page.members_model.records} == {"submitted"}

    # The Lists menu's Reconcile, opened while the list is chosen, defaults to it.
    window.actions["reconcile"].trigger()
    assert window.findChildren(ReconcileDialog)[-1].list_combo.currentData() == page.current.id
    window.findChildren(ReconcileDialog)[-1].close()

    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"], [
        ["SHCHERBAKOVA MARIIA", "02.11.1984", "72 7654321", "approved"],
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["ABU SHANAB AHMED", "20.01.1975", "P0481516", "rejected"],
        ["PETROV OLEG", "09.09.1979", "77 9999999", "rejected"]])
    qtbot.mouseClick(page.reconcile_button, Qt.MouseButton.LeftButton)
    dialog: ReconcileDialog = page.reconcile_dialog
    dialog.resize(*SIZE)
    assert dialog.list_combo.currentData() == page.current.id
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=20_000)
    assert dialog.reconciliation.matched == 4
    replies: list[str] = []
    answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_apply is not None, timeout=20_000)
    assert "for 4 persons" in replies[0]
    assert dialog.counts_label.text().startswith("Recorded: 2 approved, 2 rejected; 4 statuses changed")
    _shoot(dialog, "reconcile_after_apply.png")

    # The list shows every answer, the statuses moved, nothing pending.
    qtbot.waitUntil(lambda: page.current is not None and page.current.pending == 0)
    answers = {m.case_ref: (m.answer, m.status) for m in page.members_model.records}
    refs = {str(p.birth_date): p.case_ref for p in (persons.get_person(db, i) for i in window.roster.model.ids)}
    assert answers == {refs["1984-11-02"]: ("approved", "approved"), refs["1980-03-05"]: ("approved", "approved"),
                       refs["1975-01-20"]: ("rejected", "rejected"), refs["1979-09-09"]: ("rejected", "rejected")}
    assert "0 pending, 2 approved, 2 rejected" in page.counts.text()
    dialog.close()

    # Crossings for the two approved.
    selection = page.members_view.selectionModel()
    selection.clearSelection()
    for row, member in enumerate(page.members_model.records):
        if member.answer == "approved":
            selection.select(page.members_model.index(row, 0),
                             QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(page.findChild(QPushButton, "recordCrossingButton"), Qt.MouseButton.LeftButton)
    crossed = {m.case_ref for m in page.members_model.records if m.crossed_at is not None}
    assert crossed == {refs["1984-11-02"], refs["1980-03-05"]}
    assert persons.get_person(db, maria.id).status == "crossed"
    assert "2 crossed" in page.counts.text()
    window.resize(*SIZE)
    _shoot(window, "lists_page_after_the_day.png")
    summary = lists.get_list(db, page.current.id)
    assert (summary.pending, summary.approved, summary.rejected, summary.crossed) == (0, 2, 2, 2)
