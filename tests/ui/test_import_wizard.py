"""The import wizard driven like a user: file, sheet and header, mapping, preview, import, report, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.domain.export_profile import ColumnKind
from desktop_app.exchange.xlsx_writer import SheetSpec, write_workbook
from desktop_app.services import importing, roster
from desktop_app.ui.importing.history import ImportHistoryDialog
from desktop_app.ui.importing.models import OutcomeFilter, PreviewModel, SheetGridModel
from desktop_app.ui.importing.wizard import (
    MAPPING_PAGE,
    PREVIEW_PAGE,
    REPORT_PAGE,
    TABLE_PAGE,
    ImportWizard,
    open_import_wizard,
)
from desktop_app.ui.main_window import MainWindow
from tests.services.import_support import write_xlsx
from tests.ui.typing import answer_next_message_box


def _file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "hotline.xlsx", [
        ["Hotline list, 3 November"],
        ["ФИО", "Дата рождения", "№ паспорта", "Примечание", "Пол"],
        ["Щербакова Юлия Сергеевна", dt.date(1990, 5, 4), "0123456", "needs insulin", "Ж"],
        ["Haddad Omar", "13/02/1975", "0765432", "", "M"],
        ["Nobody", "31.02.1980", "0111111", "", "?"],
    ])


def _open(window: MainWindow, qtbot: QtBot) -> ImportWizard:
    wizard = open_import_wizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_menu_has_import_with_ctrl_i(window: MainWindow) -> None:
    assert window.actions["import"].shortcut().toString() == "Ctrl+I"
    assert window.actions["import"] in window.actions.menu("Exchange").actions()
    assert window.actions["undoImport"] in window.actions.menu("Exchange").actions()


def test_wizard_imports_a_file_end_to_end(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _open(window, qtbot)
    before = roster.count(window.db, roster.RosterQuery())
    qtbot.keyClicks(wizard.file_page.path, str(_file(tmp_path)))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    assert wizard.table_page.header_row.value() == 2
    assert wizard.table_page.grid.rowCount() == 5
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    combos = wizard.mapping_page.combos
    assert [c.currentData() for c in combos] == ["full_name", "birth_date", "document_number", "notes", "sex"]
    combos[3].setCurrentIndex(combos[3].findData(""))  # leave the notes out
    wizard.mapping_page.save_profile("Hotline")
    assert wizard.mapping_page.profile.currentData() == "Hotline"
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    page = wizard.preview_page
    assert page.model.rowCount() == 3
    assert "2</b> new" in page.counts.text() and "1</b> rejected" in page.counts.text()
    page.filter.setCurrentIndex(page.filter.findData("rejected"))
    assert page.proxy.rowCount() == 1
    rejected_row = page.proxy.index(0, 5).data()
    assert "row 5" in rejected_row and "31.02.1980" in rejected_row
    page.filter.setCurrentIndex(0)
    wizard.next()  # Import
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    assert wizard.result is not None and wizard.result.created == 2
    assert "2</b> persons created" in wizard.report_page.summary.text()
    assert roster.count(window.db, roster.RosterQuery()) == before + 2
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == before + 2)  # the roster refreshed, off the GUI thread
    saved = wizard.report_page.save_rejected(str(tmp_path / "rejected.xlsx"))
    assert saved is not None and saved.exists()
    assert importing.list_mapping_profiles(window.db)[0].mapping["Примечание"] == ""


def test_protected_workbook_asks_for_the_password(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    spec = SheetSpec("List", "", [("Surname", ColumnKind.TEXT), ("Passport", ColumnKind.IDENTIFIER)],
                     [["Haddad", "0123456"]])
    locked = write_workbook(tmp_path / "locked.xlsx", [spec], password="Rafah-2023").path
    wizard = _open(window, qtbot)
    wizard.file_page.path.setText(str(locked))
    asked: list[str] = []

    def answer() -> None:  # the dialog runs its own event loop: answer it from a timer
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(f"{dialog.objectName()}: {dialog.labelText()}")
        dialog.setTextValue("Rafah-2023")
        dialog.accept()

    QTimer.singleShot(0, answer)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    assert asked[0].startswith("importPasswordDialog:") and "password" in asked[0]
    assert wizard.password == "Rafah-2023"


def test_a_bad_file_shows_an_error_and_stays(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "page.xls"
    bad.write_text("<html><body>not a sheet</body></html>")
    wizard = _open(window, qtbot)
    wizard.file_page.path.setText(str(bad))
    replies: list[str] = []
    answer_next_message_box(replies)
    wizard.next()
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    assert "page.xls" in replies[0] and "web page" in replies[0]
    assert wizard.currentId() == 0


def test_models_pass_the_model_tester(qtmodeltester: object, db: object, tmp_path: Path) -> None:
    preview = importing.preview_import(db, _file(tmp_path))  # type: ignore[arg-type]
    model = PreviewModel()
    model.set_preview(preview)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    proxy = OutcomeFilter()
    proxy.setSourceModel(model)
    proxy.set_outcome("new")
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]
    grid = SheetGridModel()
    grid.set_rows([["a", "b"], ["c"]], 1)
    qtmodeltester.check(grid)  # type: ignore[attr-defined]
    assert grid.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()


def test_undo_dialog_takes_an_import_back(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    preview = importing.preview_import(window.db, _file(tmp_path))
    result = importing.commit_import(window.db, preview, operator="A. Petrova")
    dialog = ImportHistoryDialog(window.hub.workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1 and dialog.selected().id == result.import_id
    replies: list[str] = []
    answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.findChild(QPushButton, "undoImportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=10_000)
    assert dialog.last_result.deleted == 2
    assert "undone" in dialog.model.record(0).state
    report = dialog.findChild(QMessageBox, "undoImportReport")
    assert report is not None and "2 persons removed" in report.text()
    report.close()
