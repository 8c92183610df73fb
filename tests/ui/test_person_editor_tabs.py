"""The person editor's tabs, one module each, fed by one read of the person: a reload shows a colleague's
change in every tab; a phone added from its tab is written through the window's runner (announced once to
the pages) and shown with the sheet read again; a field hidden on the Details tab hides its label too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.services.changes import HOUSEHOLDS, PERSONS
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.person import PersonEditor


def _person(db: Database) -> int:
    return persons.create_person(db, {"surname_latin": "HADDAD", "given_names_latin": "SAMI", "birth_date": "1985"},
                                 operator="t").id


def test_a_reload_shows_a_colleague_s_change_in_every_tab(qtbot: QtBot, db: Database) -> None:
    person_id = _person(db)
    editor = PersonEditor(db, "A. Petrova", person_id)
    qtbot.addWidget(editor)
    audited = editor.log.audit_model.rowCount()
    assert editor.documents.phones_model.rowCount() == 0

    persons.add_phone(db, person_id, "+970599112233", label="mobile", operator="B. Colleague")
    assert editor.documents.phones_model.rowCount() == 0  # no tab reads on its own
    assert editor.reload()

    assert [phone.e164 for phone in editor.documents.phones_model.records] == ["+970599112233"]
    assert editor.log.audit_model.rowCount() == audited + 1
    assert editor.person is not None and editor.sheet is not None and editor.sheet.person is editor.person


def test_a_phone_added_from_its_tab_goes_through_the_runner_and_shows_once(qtbot: QtBot, window: MainWindow) -> None:
    person_id = window.roster.model.person_id(0)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.show()
    seen: list[frozenset[str]] = []
    window.hub.changed.connect(seen.append)
    phones = editor.documents.phones_model.rowCount()

    qtbot.keyClicks(editor.documents.phone_number, "+970 59 911 2234")
    editor.documents.add_phone()

    assert editor.pending is not None and editor.pending.done  # the window's runner wrote it
    assert editor.documents.phones_model.rowCount() == phones + 1
    assert editor.documents.phone_number.text() == ""
    assert seen == [frozenset({PERSONS, HOUSEHOLDS})]
    assert window.db is not None and any(phone.e164 == "+970599112234"
                                         for phone in persons.get_person(window.db, person_id).phones)


def test_a_field_hidden_on_the_details_tab_takes_its_label_with_it(qtbot: QtBot, db: Database) -> None:
    editor = PersonEditor(db, "A. Petrova", _person(db))
    qtbot.addWidget(editor)
    editor.show()
    medical = editor.fields["medical"].widget
    notes = editor.fields["notes"].widget
    notes_labels = [label for label in editor.details.findChildren(QLabel) if label.buddy() is notes]
    assert isinstance(medical, QCheckBox) and medical.isVisible() and notes.isVisible()
    assert len(notes_labels) == 1 and notes_labels[0].isVisible()

    editor.details.set_field_visible("medical", False)
    editor.details.set_field_visible("notes", False)

    assert not medical.isVisible() and not notes.isVisible() and not notes_labels[0].isVisible()
    assert editor.changes() == {}  # hidden, not changed: Save writes nothing for them
