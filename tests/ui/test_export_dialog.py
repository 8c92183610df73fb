"""The export dialog, the profile editor and their place in the window, driven with qtbot."""

from __future__ import annotations

import io
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.export_profile import ExportProfile, builtin_profile
from desktop_app.services import audit, exporting
from desktop_app.services.exporting import Preview, Selection
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.export_dialog import ExportDialog, PreviewModel, open_export_dialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.person import PersonEditor
from desktop_app.ui.profile_editor import AvailableColumnsModel, ChosenColumnsModel, ProfileEditor
from tests.services.test_export_service import LIST_NAME, PARTNER, Roster, build_roster
from tests.ui.typing import answer_next_message_box, type_text

OPERATOR = "A. Petrova"


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db, OPERATOR)


def export_dialog(qtbot: QtBot, db: Database, **kwargs: object) -> ExportDialog:
    dialog = ExportDialog(Workspace(db, OPERATOR), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# --- models ------------------------------------------------------------------------------------------------

def test_models_pass_the_model_tester(qtmodeltester: object, db: Database, roster: Roster) -> None:
    preview = PreviewModel()
    preview.set_preview(exporting.preview(db, Selection(), builtin_profile("border_authority")))
    assert preview.rowCount() == 4 and preview.columnCount() == 7
    qtmodeltester.check(preview)  # type: ignore[attr-defined]
    chosen = ChosenColumnsModel()
    chosen.set_columns([("surname", "Surname"), ("birth_date", "Born"), ("document_number", "Passport")])
    qtmodeltester.check(chosen)  # type: ignore[attr-defined]
    assert chosen.move(0, 1) == 1 and chosen.column_keys() == ["birth_date", "surname", "document_number"]
    assert chosen.move(2, -1) == 1 and chosen.column_keys() == ["birth_date", "document_number", "surname"]
    assert chosen.setData(chosen.index(0, 1), "Date de naissance") and chosen.columns()[0][1] == "Date de naissance"
    assert not chosen.setData(chosen.index(0, 0), "x")
    qtmodeltester.check(chosen)  # type: ignore[attr-defined]
    available = AvailableColumnsModel()
    available.set_excluded(chosen.column_keys())
    assert "surname" not in [available.key(r) for r in range(available.rowCount())]
    qtmodeltester.check(available)  # type: ignore[attr-defined]
    preview.set_preview(Preview([], [], 0))
    qtmodeltester.check(preview)  # type: ignore[attr-defined]


# --- the export dialog --------------------------------------------------------------------------------------

def test_list_export_to_its_partner_waits_for_consent_and_matching_passwords(
        qtbot: QtBot, db: Database, roster: Roster, tmp_path: Path) -> None:
    dialog = export_dialog(qtbot, db)
    dialog.by_list.setChecked(True)
    dialog.list_combo.setCurrentIndex(dialog.list_combo.findData(roster.list_id))
    dialog.profile_combo.setCurrentIndex(dialog.profile_combo.findData("border_authority"))
    dialog.refresh()
    assert dialog.partner_combo.currentText() == PARTNER  # the list's partner is proposed
    assert dialog.preview_model.rowCount() == 3 and dialog.preview_model.headerData(
        1, Qt.Orientation.Horizontal) == "اللقب (كما في جواز السفر)"
    assert "3 persons" in dialog.summary_label.text() and roster.arabic.case_ref in dialog.summary_label.text()
    path = tmp_path / "border.xlsx"
    type_text(dialog.file_edit, str(path))
    assert not dialog.export_button.isEnabled() and "consented" in dialog.problem_label.text()
    qtbot.mouseClick(dialog.consent_box, Qt.MouseButton.LeftButton)
    assert dialog.export_button.isEnabled()
    type_text(dialog.password_edit, "Рафах-2023")
    assert not dialog.export_button.isEnabled() and "differ" in dialog.problem_label.text()
    type_text(dialog.confirm_edit, "Рафах-2023")
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    result = exported.args[0]
    assert result.path == path and result.encrypted and result.partner == PARTNER and result.persons == 3
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password="Рафах-2023")
        office.decrypt(plain)
    assert openpyxl.load_workbook(plain)["Border list"]["A1"].value == LIST_NAME
    [entry] = audit.browse(db, audit.AuditFilter(action="export"))
    assert entry.operator == OPERATOR and entry.changes["without_consent"] == [roster.arabic.uuid]
    assert dialog.result() == ExportDialog.DialogCode.Accepted


def test_pdf_manifest_from_the_dialog_and_a_bad_file_name(qtbot: QtBot, db: Database, roster: Roster,
                                                          tmp_path: Path) -> None:
    dialog = export_dialog(qtbot, db)
    dialog.by_list.setChecked(True)
    dialog.list_combo.setCurrentIndex(dialog.list_combo.findData(roster.list_id))
    dialog.partner_combo.setCurrentIndex(0)  # a file for the mission itself
    dialog.profile_combo.setCurrentIndex(dialog.profile_combo.findData("flight_manifest"))
    dialog.refresh()
    type_text(dialog.file_edit, str(tmp_path / "list.txt"))
    assert not dialog.export_button.isEnabled() and ".xlsx" in dialog.problem_label.text()
    dialog.file_edit.setText(str(tmp_path / "manifest.pdf"))
    assert dialog.paper_combo.isEnabled() and not dialog.password_edit.isEnabled()
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("letter"))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.args[0].format == "pdf" and (tmp_path / "manifest.pdf").read_bytes().startswith(b"%PDF")


def test_a_csv_for_a_partners_system_from_the_dialog(qtbot: QtBot, db: Database, roster: Roster,
                                                    tmp_path: Path) -> None:
    """A .csv is offered beside the workbook and the manifest; it takes no password (the fields are off)."""
    dialog = export_dialog(qtbot, db)
    dialog.by_list.setChecked(True)
    dialog.list_combo.setCurrentIndex(dialog.list_combo.findData(roster.list_id))
    dialog.profile_combo.setCurrentIndex(dialog.profile_combo.findData("border_authority"))
    dialog.refresh()
    qtbot.mouseClick(dialog.consent_box, Qt.MouseButton.LeftButton)
    type_text(dialog.password_edit, "left from before")
    path = tmp_path / "border.csv"
    type_text(dialog.file_edit, str(path))
    assert not dialog.password_edit.isEnabled() and not dialog.paper_combo.isEnabled()
    assert dialog.export_button.isEnabled(), dialog.problem_label.text()
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    result = exported.args[0]
    assert (result.format, result.persons, result.partner, result.encrypted) == ("csv", 3, PARTNER, False)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and roster.arabic.uuid in path.read_text("utf-8-sig")
    [entry] = audit.browse(db, audit.AuditFilter(action="export"))
    assert entry.changes["format"] == "csv" and entry.changes["without_consent"] == [roster.arabic.uuid]


def test_the_window_offers_export_in_the_menu_and_the_roster_context_menu(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    action = window.findChild(type(window.actions["export"]), "exportAction")
    assert action in window.actions.menu("Exchange").actions()
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    assert "exportProfilesAction" in [a.objectName() for a in window.actions.menu("Exchange").actions()]
    context = getattr(window.roster, "context_actions", None) or window.actions.roster_actions
    assert "exportSelectionAction" in [a.objectName() for a in context if a is not None]
    window.roster.table.selectRow(0)
    window.roster.table.selectionModel().select(window.roster.model.index(2, 0),
                                                window.roster.table.selectionModel().SelectionFlag.Select
                                                | window.roster.table.selectionModel().SelectionFlag.Rows)
    dialog = open_export_dialog(window, selected_only=True)
    qtbot.addWidget(dialog)
    assert dialog.by_selection.isChecked() and dialog.selection().person_ids == tuple(window.roster.selected_ids())
    assert "2 persons" in dialog.summary_label.text()
    dialog.by_view.setChecked(True)
    dialog.refresh()
    assert dialog.selection().query == window.roster.model.query
    assert f"{window.roster.model.rowCount():,} persons" in dialog.summary_label.text()


# --- the profile editor ---------------------------------------------------------------------------------------

def test_profile_editor_copies_a_built_in_profile_edits_columns_and_saves(qtbot: QtBot, db: Database,
                                                                          roster: Roster) -> None:
    editor = ProfileEditor(Workspace(db, OPERATOR), start="icrc_family")
    qtbot.addWidget(editor)
    editor.show()
    assert editor.name_edit.text() == "ICRC family list (copy)" and not editor.delete_button.isEnabled()
    editor.name_edit.clear()
    type_text(editor.name_edit, "Список МККК")
    editor.chosen_view.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)  # household_ref goes
    assert "household_ref" not in editor.chosen_model.column_keys()
    available = editor.available_model
    row = next(r for r in range(available.rowCount()) if available.key(r) == "document_number")
    editor.available_view.setCurrentIndex(editor.available_model.index(row))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.chosen_model.columns()[-1] == ("document_number", "Passport / document no.")
    editor.chosen_view.selectRow(len(editor.chosen_model.column_keys()) - 1)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert editor.chosen_model.column_keys()[-2] == "document_number"
    sex = editor.chosen_model.index(editor.chosen_model.column_keys().index("sex"), 1)
    editor.chosen_view.setCurrentIndex(sex)
    editor.chosen_view.edit(sex)
    line = editor.chosen_view.viewport().findChild(QLineEdit)
    assert line is not None and line.text() == "Sex"
    line.selectAll()
    type_text(line, "Пол (М/Ж)")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: dict(editor.chosen_model.columns())["sex"] == "Пол (М/Ж)")
    editor.language_combo.setCurrentIndex(editor.language_combo.findData("ru"))
    labels = dict(editor.chosen_model.columns())
    assert labels["sex"] == "Пол (М/Ж)" and labels["birth_date"] == "Дата рождения"  # typed kept, defaults follow
    editor.sheet_edit.setText("Bad/name")
    assert not editor.save_button.isEnabled() and "Excel forbids" in editor.problem_label.text()
    editor.sheet_edit.setText("Семьи")
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = exporting.get_profile(db, "Список МККК")
    assert saved.language == "ru" and saved.sheet_name == "Семьи" and saved.columns[-2].key == "document_number"
    assert editor.loaded is not None and editor.loaded.name == "Список МККК" and editor.delete_button.isEnabled()
    replies: list[str] = []
    answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert "Список МККК" in replies[0] and [e.builtin for e in exporting.list_profiles(db)] == [True] * 4


def test_profile_editor_new_profile_and_built_in_name_refused(qtbot: QtBot, db: Database) -> None:
    editor = ProfileEditor(Workspace(db, OPERATOR))
    qtbot.addWidget(editor)
    qtbot.mouseClick(editor.new_button, Qt.MouseButton.LeftButton)
    assert not editor.save_button.isEnabled()  # no name yet
    type_text(editor.name_edit, "Full roster")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "built-in" in editor.problem_label.text()
    editor.name_edit.setText("Airline EgyptAir")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert isinstance(exporting.get_profile(db, "airline egyptair"), ExportProfile)
    assert editor.profiles_model.rowCount() == 5


# --- the person's page ---------------------------------------------------------------------------------------------

def test_person_page_lists_the_partners_that_received_the_data(qtbot: QtBot, db: Database, roster: Roster,
                                                                 tmp_path: Path) -> None:
    exporting.export_persons(db, tmp_path / "border.xlsx", selection=Selection(list_id=roster.list_id),
                             partner=PARTNER, operator=OPERATOR, include_without_consent=True, password="x")
    editor = PersonEditor(db, OPERATOR, roster.ivanov.id)
    qtbot.addWidget(editor)
    model = editor.history.recipients_model
    assert model.rowCount() == 1
    shown = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert shown[1:] == [PARTNER, "Full roster", "border.xlsx", "yes", OPERATOR]
    assert editor.findChild(type(editor.history.recipients_view), "recipientsTable") is editor.history.recipients_view
    assert model.rowCount(QModelIndex()) == 1


# --- files: the roster refused, an existing file replaced only after asking ----------------------------------

def test_the_dialog_asks_before_replacing_a_file_and_keeps_it_when_told_no(
        qtbot: QtBot, db: Database, roster: Roster, tmp_path: Path) -> None:
    path = tmp_path / "roster-copy.xlsx"
    path.write_bytes(b"the previous export")
    dialog = export_dialog(qtbot, db)
    dialog.partner_combo.setCurrentIndex(0)
    type_text(dialog.file_edit, str(path))
    assert dialog.export_button.isEnabled()  # an existing file is no problem: it is asked about
    replies: list[str] = []
    answer_next_message_box(replies, QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(replies) == 1 and "roster-copy.xlsx already exists" in replies[0] and "Replace it?" in replies[0]
    assert dialog.task is None and path.read_bytes() == b"the previous export"
    assert audit.browse(db, audit.AuditFilter(action="export")) == []
    answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(replies) == 2 and exported.args[0].path == path
    assert path.read_bytes() != b"the previous export" and openpyxl.load_workbook(path).sheetnames
    [entry] = audit.browse(db, audit.AuditFilter(action="export"))
    assert entry.changes["sha256"] == exported.args[0].sha256


def test_the_dialog_refuses_the_roster_and_its_working_files(qtbot: QtBot, db: Database, roster: Roster,
                                                            db_path: Path, tmp_path: Path) -> None:
    dialog = export_dialog(qtbot, db)
    dialog.partner_combo.setCurrentIndex(0)
    (tmp_path / "alias.xlsx").symlink_to(db_path)
    for target, words in ((tmp_path / "alias.xlsx", "is the roster itself"),
                          (db_path.with_name(db_path.name + "-wal.xlsx"), "working file of the roster"),
                          (tmp_path / "missing" / "out.xlsx", "folder does not exist")):
        dialog.file_edit.setText(str(target))
        assert not dialog.export_button.isEnabled() and words in dialog.problem_label.text()
    dialog.file_edit.setText(str(tmp_path / "fine.xlsx"))
    assert dialog.export_button.isEnabled() and dialog.problem_label.text() == ""
