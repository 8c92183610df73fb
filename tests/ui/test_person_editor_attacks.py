"""Attacks on issue 13 item 3 (the person editor keeps what the officer typed), replayed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from tests.ui.typing import type_text


def test_save_pressed_twice_fast_adds_the_typed_phone_once(qtbot: QtBot, window: MainWindow,
                                                          demo_db: Database) -> None:
    person_id = window.roster.model.person_id(0)
    before = persons.get_person(demo_db, person_id)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.findChild(QLineEdit, "newPhone"), "+970 59 911 2234")
    save = editor.findChild(QPushButton, "saveButton")
    qtbot.mouseDClick(save, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    after = persons.get_person(demo_db, person_id)
    assert [p.e164 for p in after.phones].count("+970599112234") == 1
    assert len(after.phones) == len(before.phones) + 1


def test_a_phone_added_then_typed_again_is_recorded_once(qtbot: QtBot, window: MainWindow,
                                                        demo_db: Database) -> None:
    """New person: Add phone, then the same number typed again (another format) and Save."""
    editor = window.open_editor(None)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.findChild(QLineEdit, "field_surname"), "Хадад")  # keyClicks aborts on Cyrillic
    phone, label = editor.findChild(QLineEdit, "newPhone"), editor.findChild(QLineEdit, "newPhoneLabel")
    qtbot.keyClicks(phone, "+970 59 911 2234")
    qtbot.keyClicks(label, "sister")
    qtbot.mouseClick(editor.findChild(QPushButton, "addPhoneButton"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(phone, "+970599112234")
    qtbot.mouseClick(editor.findChild(QPushButton, "addPhoneButton"), Qt.MouseButton.LeftButton)
    assert len(editor.documents.phones_model.records) == 1
    qtbot.keyClicks(phone, "+970-59-911-2234")
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert editor.result() == editor.DialogCode.Accepted
    created = persons.find_person(demo_db, editor.person.case_ref)  # type: ignore[union-attr]
    assert [(p.e164, p.label) for p in created.phones] == [("+970599112234", "sister")]
    assert "Also added on Save" not in window.statusBar().currentMessage()


def test_an_existing_persons_number_added_again_is_not_recorded_twice(qtbot: QtBot, window: MainWindow,
                                                                      demo_db: Database) -> None:
    person_id = window.roster.model.person_id(0)
    persons.add_phone(demo_db, person_id, "+970599112234", label="home", operator="desk")
    before = persons.get_person(demo_db, person_id)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.findChild(QLineEdit, "newPhone"), "+970 599 112 234")
    qtbot.mouseClick(editor.findChild(QPushButton, "addPhoneButton"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.findChild(QLineEdit, "newPhone"), "+970599112234")
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    after = persons.get_person(demo_db, person_id)
    assert [(p.e164, p.label) for p in after.phones] == [(p.e164, p.label) for p in before.phones]
    assert persons.add_phone(demo_db, person_id, "+970599112234", operator="desk").version == after.version
