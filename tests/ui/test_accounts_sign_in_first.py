"""Issue 20 (session 8): the window signs in before its pages read a roster with accounts.

A real `before_cursor_execute` listener on the roster's engine records every statement from before the
window is built: until someone signs in, none reads persons, households, lists or the liaison log (the
pages stay unread, not only hidden). A roster without accounts is read at once, as before.

Opening another roster with accounts (File > Open) asks who signs in on it before it replaces the one
open; Cancel keeps the roster that was open.
"""

from __future__ import annotations

import re
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.roles import Role
from desktop_app.services import accounts, demo
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.accounts import AccountsFeature
from desktop_app.ui.accounts.sign_in import SignInDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from tests.engine_listening import listen_until_stopped
from tests.ui.opening import switch_and_wait

PERSONAL = re.compile(r"\b(persons|households|list_members|liaison_entries|documents|phones)\b")
SETTLE_MS = 4_000  # longer than the window's deferred work at opening (the matching index's warm-up)


class PersonalReads:
    """Every statement reading a table about persons while recording, with where it came from."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine
        self.found: list[str] = []
        self._lock = threading.Lock()
        self._listening = listen_until_stopped(self.engine, "before_cursor_execute", self._record)

    def _record(self, _connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and PERSONAL.search(statement.lower()):
            with self._lock:
                self.found.append(statement.split("\n")[0][:120] + "\n" + "".join(traceback.format_stack(limit=12)))

    def stop(self) -> None:
        self._listening.stop()


@pytest.fixture
def staffed_db(demo_db: Database) -> Database:
    accounts.add_account(demo_db, "A. Consul", Role.HEAD, "4711", operator="setup")
    accounts.sign_in(demo_db, accounts.authenticate(demo_db, "A. Consul", "4711"))
    accounts.add_account(demo_db, "V. Hotline", Role.VOLUNTEER, "1234", operator="setup")
    accounts.sign_in(demo_db, None)
    return demo_db


@pytest.fixture
def recorded(staffed_db: Database) -> Iterator[PersonalReads]:
    reads = PersonalReads(staffed_db)
    yield reads
    reads.stop()


def _open(qtbot: QtBot, db: Database, preferences: Preferences) -> MainWindow:
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _sign_in_dialog(qtbot: QtBot, window: MainWindow) -> SignInDialog:
    feature = window.feature(AccountsFeature)
    qtbot.waitUntil(lambda: isinstance(getattr(feature, "dialog", None), SignInDialog)
                    and feature.dialog.isVisible(), timeout=10_000)
    return feature.dialog


def _sign(qtbot: QtBot, dialog: SignInDialog, name: str, pin: str) -> None:
    qtbot.waitUntil(lambda: dialog.names_read, timeout=10_000)  # the names are read off the GUI thread
    dialog.name.setCurrentIndex(dialog.name.findData(name))
    qtbot.keyClicks(dialog.pin, pin)
    dialog.sign_in()


def test_nothing_about_persons_is_read_before_someone_signs_in(
        qtbot: QtBot, staffed_db: Database, recorded: PersonalReads, preferences: Preferences) -> None:
    """Replay: open a roster with accounts and wait at the sign-in dialog: the roster table, its filter
    choices, the dashboard, the matching index read every person behind the dialog."""
    window = _open(qtbot, staffed_db, preferences)
    dialog = _sign_in_dialog(qtbot, window)
    for page in ("dashboard", "households", "lists", "partners", "trash", "roster"):
        window.show_page(page)  # the sidebar's pages chosen behind the dialog read nothing either
    qtbot.wait(SETTLE_MS)
    assert recorded.found == []
    assert window.roster.model.rowCount() == 0
    _sign(qtbot, dialog, "V. Hotline", "1234")
    qtbot.waitUntil(lambda: window.roster.model.rowCount() > 0, timeout=10_000)
    assert recorded.found != []  # the listener sees the reads once someone has signed in
    assert window.roster.isVisible()


def test_cancelled_sign_in_and_switch_user_read_nothing_until_the_next_sign_in(
        qtbot: QtBot, staffed_db: Database, recorded: PersonalReads, preferences: Preferences) -> None:
    window = _open(qtbot, staffed_db, preferences)
    _sign_in_dialog(qtbot, window).reject()
    window.data_changed()  # a change announced (a colleague's commit) while nobody is signed in
    qtbot.wait(500)
    assert recorded.found == []
    switch = window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert switch is not None
    _sign(qtbot, switch, "A. Consul", "4711")
    qtbot.waitUntil(lambda: window.roster.model.rowCount() > 0, timeout=10_000)
    switch = window.feature(AccountsFeature).ask_sign_in(switching=True)  # the head leaves the laptop
    assert switch is not None
    recorded.found.clear()
    window.data_changed()
    window.show_page("households")
    qtbot.wait(500)
    assert recorded.found == []
    switch.reject()


def test_a_roster_without_accounts_is_read_at_once(qtbot: QtBot, demo_db: Database, preferences: Preferences) -> None:
    window = _open(qtbot, demo_db, preferences)
    qtbot.waitUntil(lambda: window.roster.model.rowCount() > 0, timeout=10_000)
    assert window.roster.isVisible()


def _answer_modal(qtbot: QtBot, name: str | None, pin: str = "") -> list[str]:
    """Sign in `name` on the modal sign-in dialog once it shows (None: Cancel); returns what was seen."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.objectName())
        if name is None:
            dialog.reject()
        else:
            _sign(qtbot, dialog, name, pin)

    QTimer.singleShot(0, answer)
    return seen


def test_opening_another_roster_with_accounts_signs_in_before_it_is_read(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """Replay: File > Open on a roster with accounts read its persons into the roster table before
    the sign-in dialog (and with nobody signed in)."""
    path = tmp_path / "staffed.db"
    other = open_database(path)
    demo.fill_demo(other, households=3, operator="demo")
    accounts.add_account(other, "A. Consul", Role.HEAD, "4711", operator="setup")
    other.close()
    first = window.db
    seen = _answer_modal(qtbot, None)
    assert not switch_and_wait(qtbot, window, str(path))  # opened off the GUI thread, then the sign-in asked
    assert seen == ["signInDialog"]
    assert window.db is first  # Cancel keeps the roster that was open
    seen = _answer_modal(qtbot, "A. Consul", "4711")
    assert switch_and_wait(qtbot, window, str(path))
    assert seen == ["signInDialog"] and window.db is not first
    assert window.workspace is not None and window.workspace.account is not None
    assert window.operator == "A. Consul"
    qtbot.waitUntil(lambda: window.roster.model.rowCount() > 0, timeout=10_000)
    assert window.roster.isVisible()


def test_a_search_asked_while_nobody_is_signed_in_waits_for_the_next_sign_in(
        qtbot: QtBot, staffed_db: Database, recorded: PersonalReads, preferences: Preferences) -> None:
    """Replay: the head leaves the laptop (Switch user…), a search reaches the roster table behind the
    dialog: the table read it on its worker (refused, nobody is signed in) instead of waiting."""
    window = _open(qtbot, staffed_db, preferences)
    _sign(qtbot, _sign_in_dialog(qtbot, window), "A. Consul", "4711")
    qtbot.waitUntil(lambda: window.roster.model.rowCount() > 0 and not window.roster.model.loading, timeout=10_000)
    switch = window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert switch is not None
    recorded.found.clear()
    surname = str(window.roster.model.index(0, 1).data()).split()[0]  # the Name column's surname
    window.roster.model.set_query(RosterQuery(text=surname))
    qtbot.wait(500)
    assert recorded.found == []
    assert window.roster.model.query.text == ""  # the search waits
    _sign(qtbot, switch, "V. Hotline", "1234")
    qtbot.waitUntil(lambda: window.roster.model.query.text == surname and window.roster.model.rowCount() > 0,
                    timeout=10_000)
    assert recorded.found != []
