"""The window's own writes reload its pages once: the change watcher also sees them (they come from
another connection), and the hub, which knows the audit entries each of our writes committed, drops
that second word. A colleague's change, even one made while our write runs, still arrives.

Replays the defect: Save in the person editor with the watcher on emitted `hub.changed` twice (once
announced by the write, once when the watcher saw the same commit half a second later).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.services.changes import PERSONS, Change, OwnCommit
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.workspace_signals import WorkspaceHub

WATCHER_LOOKS_MS = 1_500  # several of the watcher's looks: long enough for its word to arrive if it comes


@pytest.fixture
def window(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    for surname, given in (("ORLOV", "ILYA"), ("ORLOVA", "ANNA")):
        persons.create_person(db, {"surname_latin": surname, "given_names_latin": given, "birth_date": "1990"},
                              operator="t")
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.roster_changes.watched is main.db)  # the watcher thread is on
    qtbot.waitUntil(lambda: main.roster.model.complete, timeout=20_000)  # the table's ids come off the GUI thread
    main.show_page("roster")
    yield main
    main.close()


def _changes(window: MainWindow) -> list[frozenset[str]]:
    seen: list[frozenset[str]] = []
    window.hub.changed.connect(seen.append)
    return seen


def test_a_save_in_the_editor_reloads_the_pages_once(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    person_id = window.roster.model.person_id(0)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.show()
    surname = editor.findChild(QLineEdit, "field_surname")
    assert isinstance(surname, QLineEdit)
    seen = _changes(window)
    elsewhere: list[frozenset[str]] = []
    window.hub.changed_elsewhere.connect(elsewhere.append)

    surname.setText("Орловский")
    editor.save()
    assert persons.get_person(db, person_id).surname == "Орловский"
    qtbot.wait(WATCHER_LOOKS_MS)

    assert seen == [frozenset({PERSONS})]  # announced by the write; the watcher's word of it dropped
    assert elsewhere == []
    assert window.roster.model.index(window.roster.model.row_of(person_id) or 0, 1).data().startswith("Орловский")


def test_a_colleague_s_change_after_our_save_still_arrives(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    person_id = window.roster.model.person_id(0)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.show()
    surname = editor.findChild(QLineEdit, "field_surname")
    assert isinstance(surname, QLineEdit)
    surname.setText("Орловский")
    editor.save()
    elsewhere: list[frozenset[str]] = []
    window.hub.changed_elsewhere.connect(elsewhere.append)
    assert window.db is not None and window.db.target.path is not None

    colleague = open_database(window.db.target.path)  # another connection, as another window would hold
    try:
        persons.create_person(colleague, {"surname_latin": "SAYED", "given_names_latin": "MONA",
                                          "birth_date": "1991"}, operator="B. Colleague")
    finally:
        colleague.close()
    before = window.roster.model.rowCount()
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == before + 1, timeout=5_000)
    assert elsewhere and PERSONS in elsewhere[0]


def test_the_watcher_s_word_is_dropped_only_when_every_entry_is_our_own(qtbot: QtBot) -> None:
    hub = WorkspaceHub()
    elsewhere: list[frozenset[str]] = []
    hub.changed_elsewhere.connect(elsewhere.append)
    finished = hub.write_started(frozenset({PERSONS}))
    hub.arrived(Change(frozenset({PERSONS}), 1, frozenset({7})))  # seen while our write runs: held
    assert elsewhere == []
    finished(OwnCommit(after=6, head=7, kinds=frozenset({PERSONS})))
    assert elsewhere == []  # entry 7 was ours

    hub.arrived(Change(frozenset({PERSONS}), 2, frozenset({7, 8})))  # 8 is a colleague's
    hub.arrived(Change(frozenset({PERSONS}), 0))  # entries unknown (PostgreSQL, a restore): always news
    assert elsewhere == [frozenset({PERSONS}), frozenset({PERSONS})]

    failed = hub.write_started(None)
    hub.arrived(Change(frozenset({"lists"}), 1, frozenset({9})))
    failed(None)  # a write that failed committed nothing: what was held is news
    assert elsewhere[-1] == frozenset({"lists"})
