"""On PostgreSQL, a save in the person editor reloads the window's pages once, as on SQLite.

Replays the defect: the change watcher's notification named no audit entries on PostgreSQL, so the hub
could not tell the officer's own commit from a colleague's, and every save reloaded the pages twice
(once announced by the write, once when the notification arrived). The watcher now reads the entries
past its last head when notified; a colleague's change still arrives, with its entries.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.services.changes import PERSONS, ChangeWatcher
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences

pytest_plugins = ["tests.helpers.postgres"]

WATCHER_LOOKS_MS = 2_000  # several of the watcher's waits: long enough for its word to arrive if it comes
SHOWN_WITHIN_MS = 10_000


@pytest.fixture
def server_db(postgres_url: str) -> Iterator[Database]:
    database = open_database(postgres_url)
    yield database
    database.close()


@pytest.fixture
def window(qtbot: QtBot, server_db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    persons.create_person(server_db, {"surname_latin": "ORLOV", "given_names_latin": "ILYA", "birth_date": "1990"},
                          operator="t")
    main = MainWindow(server_db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.roster_changes.watched is main.db)  # the watcher thread is on
    qtbot.waitUntil(lambda: main.roster.model.complete, timeout=20_000)  # the table's ids come off the GUI thread
    main.show_page("roster")
    yield main
    main.close()


def test_a_save_in_the_editor_on_a_server_reloads_the_pages_once(qtbot: QtBot, window: MainWindow,
                                                                  server_db: Database) -> None:
    person_id = window.roster.model.person_id(0)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.show()
    surname = editor.findChild(QLineEdit, "field_surname")
    assert isinstance(surname, QLineEdit)
    seen: list[frozenset[str]] = []
    elsewhere: list[frozenset[str]] = []
    window.hub.changed.connect(seen.append)
    window.hub.changed_elsewhere.connect(elsewhere.append)

    surname.setText("Орловский")
    editor.save()
    assert persons.get_person(server_db, person_id).surname == "Орловский"
    qtbot.wait(WATCHER_LOOKS_MS)

    assert seen == [frozenset({PERSONS})]  # announced by the write; the notification of it dropped
    assert elsewhere == []

    before = window.roster.model.rowCount()
    colleague = open_database(server_db.target.url)  # another connection, as another workstation holds
    try:
        persons.create_person(colleague, {"surname_latin": "SAYED", "given_names_latin": "MONA",
                                          "birth_date": "1991"}, operator="B. Colleague")
    finally:
        colleague.close()
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == before + 1, timeout=SHOWN_WITHIN_MS)
    assert elsewhere and PERSONS in elsewhere[0]


def test_a_notification_names_the_audit_entries_it_brings(server_db: Database) -> None:
    watcher = ChangeWatcher(server_db)
    try:
        assert watcher.poll(timeout=0.2) is None
        persons.create_person(server_db, {"surname_latin": "NASSER", "given_names_latin": "ALI",
                                          "birth_date": "1970"}, operator="B. Colleague")
        change = watcher.poll(timeout=5.0)
        assert change is not None and PERSONS in change.kinds
        assert change.ids and change.entries == len(change.ids)
        assert watcher.poll(timeout=0.3) is None  # read once: the next look brings nothing
    finally:
        watcher.close()
