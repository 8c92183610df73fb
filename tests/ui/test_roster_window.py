"""The first window, driven as a user would: search, open a person, edit, change status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.status import Status
from desktop_app.services import audit, demo, persons, roster, status
from desktop_app.services.roster import RosterQuery
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.person import PersonEditor, StatusDialog
from desktop_app.ui.protection import Protection
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.roster_model import PAGE_SIZE, RosterTableModel
from tests.ui.typing import answer_next_message_box, type_text


def _model(qtbot: QtBot, db: Database) -> RosterTableModel:
    """A roster model with the widget it reads through, its first search shown and every id come."""
    owner = QWidget()
    qtbot.addWidget(owner)
    model = RosterTableModel(db, owner)
    model.set_query(RosterQuery())
    qtbot.waitUntil(lambda: model.searched and not model.loading)
    return model


def test_roster_model_passes_qt_model_tester(qtmodeltester: object, qtbot: QtBot, demo_db: Database) -> None:
    model = _model(qtbot, demo_db)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_records_model_passes_qt_model_tester(qtmodeltester: object, demo_db: Database) -> None:
    model: RecordsModel[status.StatusChangeView] = RecordsModel([("To", lambda h: h.to_status)])
    model.set_records(status.history(demo_db, 1))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def _settled(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the roster's ids and the rows asked for have come (read off the GUI thread)."""
    model = window.roster.model
    qtbot.waitUntil(lambda: model.searched and not model.loading and not model.pages_loading)


def test_rows_are_fetched_a_page_at_a_time_off_the_gui_thread(qtbot: QtBot, db: Database) -> None:
    demo.fill_demo(db, households=80, operator="demo")
    model = _model(qtbot, db)
    assert model.rowCount() > PAGE_SIZE
    assert model.cached_pages == 1  # the first page came with the first ids
    last = model.rowCount() - 1
    assert model.data(model.index(last, 1)) == "…"  # a placeholder while its page is read
    qtbot.waitUntil(lambda: not model.pages_loading)
    assert model.cached_pages == 2
    assert model.data(model.index(last, 1)) not in ("…", None)


def test_window_shows_the_roster_with_its_count(window: MainWindow, demo_db: Database) -> None:
    total = roster.count(demo_db, RosterQuery())
    assert window.roster.model.rowCount() == total
    assert window.roster.count_label.text() == f"{total:,} persons"
    assert window.windowTitle().startswith("Mission Roster")


def test_search_as_you_type_in_cyrillic_and_latin(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    search = window.findChild(QLineEdit, "searchBox")
    target = persons.get_person(demo_db, window.roster.model.person_id(0))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert search.hasFocus()
    type_text(search, target.surname[:4].lower())
    qtbot.waitUntil(lambda: window.roster.model.query.text == target.surname[:4].lower())
    shown = window.roster.model.ids
    assert target.id in shown
    assert len(shown) < roster.count(demo_db, RosterQuery())
    search.clear()
    qtbot.keyClicks(search, target.surname_latin.lower())
    qtbot.waitUntil(lambda: window.roster.model.query.text == target.surname_latin.lower())
    assert target.id in window.roster.model.ids


def test_status_filter(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    combo = window.findChild(QComboBox, "statusFilter")
    combo.setCurrentIndex(combo.findData(Status.APPROVED.value))
    _settled(qtbot, window)
    expected = roster.count(demo_db, RosterQuery(statuses=(Status.APPROVED,)))
    assert window.roster.model.rowCount() == expected
    assert {persons.get_person(demo_db, pid).status for pid in window.roster.model.ids} == {"approved"}


def test_edit_a_person_with_validation_as_you_type(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    person_id = window.roster.model.person_id(2)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.show()
    born = editor.findChild(QLineEdit, "field_birth_date")
    save = editor.findChild(QPushButton, "saveButton")
    born.clear()
    qtbot.keyClicks(born, "2090-01-01")
    assert not save.isEnabled()
    assert "future" in editor.fields["birth_date"].error.text()
    born.clear()
    qtbot.keyClicks(born, "1979")
    assert save.isEnabled()
    locality = editor.findChild(QLineEdit, "field_locality")
    locality.clear()
    qtbot.keyClicks(locality, "Rafah")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    stored = persons.get_person(demo_db, person_id)
    assert stored.birth_date is not None and stored.birth_date.iso() == "1979"
    assert stored.locality == "Rafah"
    assert stored.updated_by == "A. Petrova"
    row = window.roster.model.row_of(person_id)
    assert row is not None
    qtbot.waitUntil(lambda: window.roster.model.index(row, 3).data() == "1979")  # its page read again


def test_register_a_new_person_with_passport_and_phone(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    editor = window.open_editor(None)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.findChild(QLineEdit, "field_surname"), "Щербакова")
    type_text(editor.findChild(QLineEdit, "field_given_names"), "Мария")
    qtbot.keyClicks(editor.findChild(QLineEdit, "newDocumentNumber"), "72 0123456")
    qtbot.keyClicks(editor.findChild(QLineEdit, "newDocumentExpiry"), "2020-01-01")
    qtbot.mouseClick(editor.findChild(QPushButton, "addDocumentButton"), Qt.MouseButton.LeftButton)
    assert "expired" in editor.documents.document_problem.text()
    phone = editor.findChild(QLineEdit, "newPhone")
    qtbot.keyClicks(phone, "12345")
    assert editor.documents.phone_problem.text()
    phone.clear()
    qtbot.keyClicks(phone, "+970 59 123 4567")
    assert not editor.documents.phone_problem.text()
    qtbot.mouseClick(editor.findChild(QPushButton, "addPhoneButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    created = persons.find_person(demo_db, editor.person.case_ref)  # type: ignore[union-attr]
    assert (created.surname_latin, created.given_names_latin) == ("SHCHERBAKOVA", "MARIIA")
    assert [d.number for d in created.documents] == ["72 0123456"]
    assert [p.e164 for p in created.phones] == ["+970591234567"]
    qtbot.waitUntil(lambda: window.roster.current_id() == created.id)  # selected once the reload has it


def test_change_status_with_reason_and_see_history(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    person_id = roster.search_ids(demo_db, RosterQuery(statuses=(Status.REGISTERED,)))[0]
    editor = PersonEditor(demo_db, "A. Petrova", person_id)
    qtbot.addWidget(editor)
    dialog = StatusDialog(demo_db, "A. Petrova", persons.get_person(demo_db, person_id), editor)
    qtbot.addWidget(dialog)
    options = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert "crossed" not in options and "verified" in options
    dialog.target.setCurrentIndex(dialog.target.findData("verified"))
    qtbot.keyClicks(dialog.reason, "passport checked by phone")
    dialog.apply()
    assert persons.get_person(demo_db, person_id).status == "verified"
    editor.person = persons.get_person(demo_db, person_id)
    editor.reload()
    last = editor.history.history_model.record(editor.history.history_model.rowCount() - 1)
    assert (last.to_status, last.reason, last.operator) == ("verified", "passport checked by phone", "A. Petrova")
    assert audit.browse(demo_db, audit.AuditFilter(action="status"))[0].operator == "A. Petrova"


def test_conflicting_edit_is_reported_not_overwritten(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    person_id = window.roster.model.person_id(0)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    persons.update_person(demo_db, person_id, {"notes": "colleague's note"}, operator="colleague")
    shown: list[str] = []
    answer_next_message_box(shown)
    notes = editor.fields["notes"].widget
    notes.setPlainText("my note")  # type: ignore[attr-defined]
    editor.save()
    assert shown and "colleague" in shown[0]
    assert persons.get_person(demo_db, person_id).notes == "colleague's note"


def test_keyboard_next_and_previous_and_shortcut_list(qtbot: QtBot, window: MainWindow) -> None:
    window.roster.select_person(window.roster.model.person_id(0))
    window.actions["nextPerson"].trigger()
    assert window.roster.current_id() == window.roster.model.person_id(1)
    window.actions["previousPerson"].trigger()
    assert window.roster.current_id() == window.roster.model.person_id(0)
    names = dict(window.shortcut_table())
    assert {"Find", "New person", "Next person", "Previous person"} <= set(names)


def test_window_layout_is_remembered(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    header = window.roster.table.horizontalHeader()
    header.moveSection(3, 0)
    window.close()
    # The window closes once its backup at close, written off the GUI thread, is done.
    qtbot.waitUntil(lambda: window.feature(Protection).closing_backup is None, timeout=20_000)
    again = MainWindow(demo_db, "A. Petrova", window.preferences)
    qtbot.addWidget(again)
    assert again.roster.table.horizontalHeader().logicalIndex(0) == 3


def test_an_empty_roster_says_how_to_begin_and_an_empty_search_says_so(qtbot: QtBot, db: Database,
                                                                        preferences: object) -> None:
    empty = MainWindow(db, "A. Petrova", preferences)  # type: ignore[arg-type]
    qtbot.addWidget(empty)
    empty.show()
    hint = empty.roster.empty_hint
    qtbot.waitUntil(lambda: hint.isVisible())
    assert "Import" in hint.text() and "New person" in hint.text()
    persons.create_person(db, {"surname": "Орлов"}, operator="t")
    empty.roster.model.refresh()
    qtbot.waitUntil(lambda: not hint.isVisible())
    type_text(empty.roster.search, "nobody")
    empty.roster.apply_filters()
    qtbot.waitUntil(lambda: hint.isVisible())
    assert hint.text().startswith("Nobody matches")
