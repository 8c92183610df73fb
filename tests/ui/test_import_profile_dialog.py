"""The import wizard's 'Save as profile…' driven like a user: the real name dialog, typed into and accepted
(or cancelled), the profile in the database, and offered again by itself for a file with the same headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import importing
from desktop_app.storage.db import open_database
from desktop_app.ui.importing.wizard import MAPPING_PAGE, TABLE_PAGE, ImportWizard, open_import_wizard
from desktop_app.ui.main_window import MainWindow
from tests.services.import_support import write_xlsx
from tests.ui.typing import type_text

HEADERS = ["ФИО", "Дата рождения", "№ паспорта", "Примечание", "Пол"]


def _file(path: Path, rows: list[list[object]]) -> Path:
    return write_xlsx(path, [["Hotline list"], HEADERS, *rows])


def _wizard_at_mapping(window: MainWindow, qtbot: QtBot, path: Path) -> ImportWizard:
    wizard = open_import_wizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    return wizard


def _answer_name_dialog(seen: list[str], name: str | None) -> None:
    """When the profile name dialog opens: record its label and prefilled text, then type `name` and press OK
    (None: press Cancel)."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        field = dialog.findChild(QLineEdit)
        seen.append(f"{dialog.labelText()} [{field.text()}]")
        buttons = dialog.findChild(QDialogButtonBox)
        if name is None:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            return
        field.selectAll()
        type_text(field, name)
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)


def _click_save(wizard: ImportWizard, qtbot: QtBot) -> None:
    button = wizard.mapping_page.findChild(QPushButton, "saveProfileButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # returns once the modal dialog is answered


def test_saved_profile_is_stored_and_offered_again_for_the_same_headers(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, db_path: Path) -> None:
    first = _file(tmp_path / "hotline-3-nov.xlsx", [["Щербакова Юлия Сергеевна", dt.date(1990, 5, 4), "0123456",
                                                     "needs insulin", "Ж"]])
    wizard = _wizard_at_mapping(window, qtbot, first)
    page = wizard.mapping_page
    guessed = [combo.currentData() for combo in page.combos]
    assert guessed == ["full_name", "birth_date", "document_number", "notes", "sex"]
    assert page.profile.currentData() is None  # no profile yet
    page.combos[3].setCurrentIndex(page.combos[3].findData(""))  # the notes column is left out
    page.combos[4].setCurrentIndex(page.combos[4].findData("notes"))  # and 'Пол' goes to the notes

    seen: list[str] = []
    _answer_name_dialog(seen, "МИД Египта")
    _click_save(wizard, qtbot)

    assert seen == ["Profile name (for example 'Egyptian MFA'): []"]
    assert page.profile.currentData() == "МИД Египта"
    other = open_database(db_path)  # the roster file as another workstation reads it
    try:
        [saved] = importing.list_mapping_profiles(other)
    finally:
        other.close()
    assert saved.name == "МИД Египта" and saved.updated_by == "A. Petrova"
    assert saved.mapping == {"ФИО": "full_name", "Дата рождения": "birth_date", "№ паспорта": "document_number",
                             "Примечание": "", "Пол": "notes"}
    wizard.close()

    later = _file(tmp_path / "hotline-4-nov.xlsx", [["Haddad Omar", "13/02/1975", "0765432", "", "M"]])
    again = _wizard_at_mapping(window, qtbot, later)
    assert again.mapping_page.profile.currentData() == "МИД Египта"
    assert [combo.currentData() for combo in again.mapping_page.combos] == [
        "full_name", "birth_date", "document_number", "", "notes"]


def test_cancelling_the_name_dialog_saves_nothing(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard_at_mapping(window, qtbot, _file(tmp_path / "list.xlsx", [["Haddad Omar", "13/02/1975",
                                                                                "0765432", "", "M"]]))
    seen: list[str] = []
    _answer_name_dialog(seen, None)
    _click_save(wizard, qtbot)
    assert len(seen) == 1
    assert importing.list_mapping_profiles(window.db) == []
    assert wizard.mapping_page.profile.currentData() is None
