"""Attacks on accounts and roles in the window (issue 20, breaker X20, session 8).

Each test replays an attack by a hurried or hostile user: a volunteer signing in at the idle lock over
an editor the head of mission left open, and the like.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.domain.roles import Role
from desktop_app.services import accounts, persons
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.accounts import AccountsFeature
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from tests.engine_listening import listen_until_stopped


@pytest.fixture
def staffed_db(demo_db: Database) -> Database:
    accounts.add_account(demo_db, "A. Consul", Role.HEAD, "4711", operator="setup")
    accounts.sign_in(demo_db, accounts.authenticate(demo_db, "A. Consul", "4711"))
    accounts.add_account(demo_db, "V. Hotline", Role.VOLUNTEER, "1234", operator="setup")
    accounts.add_account(demo_db, "B. Duty", Role.OFFICER, "2222", operator="setup")
    return demo_db


@pytest.fixture
def head_window(qtbot: QtBot, staffed_db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    """The window with the head of mission signed in."""
    main = MainWindow(staffed_db, "A. Consul", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: "accounts" in main.actions, timeout=30_000)
    assert main.workspace is not None and main.workspace.account is not None
    yield main


@contextmanager
def volunteer_signs_in_during_the_read(window: MainWindow) -> Iterator[threading.Event]:
    """The window's next read on a reader thread is held until the volunteer (V. Hotline, PIN 1234) has signed
    in on `window` (Switch user); yields the event set once that read began. For the attacks where a screen
    read for the head must not open for whoever switched in meanwhile."""

    from tests.ui.polling import keep_looking

    db = window.db
    assert db is not None
    reading, switched = threading.Event(), threading.Event()

    def hold_the_read(*_arguments: Any) -> None:
        if threading.current_thread().name.startswith("reader") and not reading.is_set():
            reading.set()
            switched.wait(20)

    def switch_when_reading() -> bool:
        if not reading.is_set():
            return False
        try:
            workspace = window.workspace
            assert workspace is not None
            workspace.sign_in("V. Hotline", "1234")
            window.feature(AccountsFeature).signed_in()
        finally:
            switched.set()
        return True

    listening = listen_until_stopped(db.engine, "before_cursor_execute", hold_the_read)
    try:
        keep_looking(switch_when_reading)
        yield reading
    finally:
        listening.stop()
        switched.set()


def _unlock_as(qtbot: QtBot, window: MainWindow, name: str, pin: str) -> None:
    lock = window.feature(Protection).lock
    screen = lock.asking_screen
    assert screen is not None
    screen.user.setCurrentIndex(screen.user.findText(name))
    qtbot.keyClicks(screen.edit, pin)
    screen.button.click()
    assert not lock.locked, screen.problem.text()


def test_a_volunteer_signing_in_at_the_idle_lock_is_not_shown_the_heads_open_editor(
        qtbot: QtBot, head_window: MainWindow) -> None:
    db = head_window.db
    assert db is not None
    person = persons.create_person(db, {"surname": "Иванова", "medical": True, "notes": "insulin twice a day"},
                                   operator="x")
    editor = head_window.open_editor(person.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.person is not None, timeout=10_000)
    notes = editor.details.fields["notes"].widget
    assert notes.isVisible()
    head_window.feature(Protection).lock.lock()
    _unlock_as(qtbot, head_window, "V. Hotline", "1234")
    assert head_window.operator == "V. Hotline"
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)  # the head's editor went with the head


def test_the_same_officer_unlocking_keeps_their_open_editor(qtbot: QtBot, head_window: MainWindow) -> None:
    db = head_window.db
    assert db is not None
    person = persons.create_person(db, {"surname": "Петрова"}, operator="x")
    editor = head_window.open_editor(person.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.person is not None, timeout=10_000)
    head_window.feature(Protection).lock.lock()
    _unlock_as(qtbot, head_window, "A. Consul", "4711")
    assert editor.isVisible()  # what the head had typed is still there, as before accounts
    editor.close()


def test_switch_user_closes_the_previous_officers_open_editor(qtbot: QtBot, head_window: MainWindow) -> None:
    db = head_window.db
    assert db is not None
    person = persons.create_person(db, {"surname": "Сидорова", "medical": True, "notes": "oxygen"}, operator="x")
    editor = head_window.open_editor(person.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.person is not None, timeout=10_000)
    dialog = head_window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert dialog is not None
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)  # before the next one types a PIN
    dialog.reject()


def test_the_next_officer_cannot_undo_the_one_befores_steps(qtbot: QtBot, head_window: MainWindow) -> None:
    from PySide6.QtGui import QUndoCommand

    head_window.undo_stack.push(QUndoCommand("Merge MR-000012"))
    assert head_window.undo_stack.canUndo()
    head_window.feature(Protection).lock.lock()
    _unlock_as(qtbot, head_window, "V. Hotline", "1234")
    assert not head_window.undo_stack.canUndo() and head_window.undo_stack.count() == 0


def test_a_volunteer_is_not_offered_change_status_in_the_person_editor(qtbot: QtBot, head_window: MainWindow) -> None:
    db = head_window.db
    assert db is not None
    person = persons.create_person(db, {"surname": "Кузнецова"}, operator="x")
    head_window.feature(Protection).lock.lock()
    _unlock_as(qtbot, head_window, "V. Hotline", "1234")
    editor = head_window.open_editor(person.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.person is not None, timeout=10_000)
    button = editor.change_status_button
    assert not button.isEnabled()  # the service would refuse the volunteer a status change
    assert "V. Hotline (volunteer) has no permission" in button.toolTip()
    editor.close()


def test_switching_user_leaves_work_under_way_running(qtbot: QtBot, head_window: MainWindow) -> None:
    from PySide6.QtWidgets import QProgressDialog

    progress = QProgressDialog("Exporting…", "Cancel", 0, 100, head_window)
    cancelled: list[bool] = []
    progress.canceled.connect(lambda: cancelled.append(True))
    progress.show()
    dialog = head_window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert dialog is not None
    assert progress.isVisible() and cancelled == []  # the head's export is not cancelled by the hand-over
    dialog.reject()
    progress.close()


def test_a_colleagues_change_while_nobody_is_signed_in_reads_nobody(
        qtbot: QtBot, head_window: MainWindow, tmp_path: Path) -> None:
    """The head hands over (Switch user), the next person cancels; a colleague then registers a person
    in another connection: the change watcher must not have the hidden pages read the roster again."""
    import re
    import threading


    db = head_window.db
    assert db is not None
    dialog = head_window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert dialog is not None
    dialog.reject()
    qtbot.wait(1_500)  # what the sign-out itself asked settles
    personal = re.compile(r"\b(persons|households|list_members|liaison_entries|documents|phones)\b")
    found: list[str] = []
    lock = threading.Lock()

    def record(_connection: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and personal.search(statement.lower()):
            with lock:
                found.append(statement.split("\n")[0][:120])

    listening = listen_until_stopped(db.engine, "before_cursor_execute", record)
    try:
        colleague = open_database(db.target.path, create=False)  # type: ignore[arg-type]
        try:
            accounts.sign_in(colleague, accounts.authenticate(colleague, "B. Duty", "2222"))
            persons.create_person(colleague, {"surname": "Орлова"}, operator="B. Duty")
        finally:
            colleague.close()
        qtbot.wait(4_000)  # the change watcher's poll and the reload it would ask
    finally:
        listening.stop()
    assert found == []


@pytest.mark.parametrize("name", ["restoreButton", "addOrganizationButton", "editOrganizationButton",
                                  "addContactButton", "editContactButton"])
def test_a_volunteer_is_not_offered_the_trash_and_partner_buttons(
        qtbot: QtBot, head_window: MainWindow, name: str) -> None:
    from PySide6.QtWidgets import QAbstractButton

    head_window.feature(Protection).lock.lock()
    _unlock_as(qtbot, head_window, "V. Hotline", "1234")
    button = head_window.findChild(QAbstractButton, name)
    assert button is not None, name
    button.setEnabled(True)  # as the page does when a row is selected: the gate keeps it off
    assert not button.isEnabled(), name
    assert "V. Hotline (volunteer) has no permission" in button.toolTip()


def test_an_editor_whose_read_was_under_way_when_another_officer_signed_in_is_not_shown(
        qtbot: QtBot, head_window: MainWindow) -> None:
    """The head double-clicks a person and, before the editor's read returns, the volunteer signs in (Switch
    user): the editor, read for the head (medical need, notes), opened afterwards for the volunteer."""
    from PySide6.QtCore import QTimer

    from desktop_app.ui.person import PersonEditor

    db = head_window.db
    assert db is not None
    person = persons.create_person(db, {"surname": "Сидорова", "medical": True, "notes": "oxygen"}, operator="x")

    shown: list[PersonEditor] = []

    def close_any_editor_shown() -> None:
        for editor in head_window.findChildren(PersonEditor):
            if editor.isVisible():
                shown.append(editor)
                editor.reject()

    watch = QTimer(head_window)
    watch.timeout.connect(close_any_editor_shown)
    watch.start(20)
    try:
        with volunteer_signs_in_during_the_read(head_window) as reading:
            head_window.edit_person(person.id)  # returns once the editor is shown and closed, or dropped
    finally:
        watch.stop()
    assert reading.is_set()
    assert head_window.operator == "V. Hotline"
    assert shown == []  # before: the head's editor, with the medical need, shown to the volunteer
