"""Tools > Move roster to a shared server… in the real window, on a real private PostgreSQL server: the
officer tests the connection, moves the encrypted roster, answers "Open the server roster now?" and the
window shows the server roster, now this workstation's default; a server that holds a roster is said in
the dialog and nothing moves."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import audit, demo, persons, roster
from desktop_app.services.roster import RosterQuery
from desktop_app.storage.db import Database, encrypt_database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.server import MoveToServerDialog

pytest_plugins = ["tests.helpers.postgres"]

PASSPHRASE = "correct horse battery"
SCREENSHOT = os.environ.get("MOVE_TO_SERVER_SCREENSHOT")  # a folder: the dialog's look is saved there


@pytest.fixture
def encrypted_roster(db_path: Path) -> Iterator[Database]:
    plain = open_database(db_path)
    demo.fill_demo(plain, households=12, operator="demo")
    plain.close()
    encrypt_database(db_path, PASSPHRASE)
    database = open_database(db_path, passphrase=PASSPHRASE)
    yield database
    database.close()


@pytest.fixture
def window(qtbot: QtBot, encrypted_roster: Database, preferences: Preferences) -> Iterator[MainWindow]:
    main = MainWindow(encrypted_roster, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def _dialog(qtbot: QtBot, main: MainWindow, address: str) -> MoveToServerDialog:
    action = main.actions["moveToServer"]
    assert action in main.actions.menu("Tools").actions()
    action.trigger()
    dialog = main.findChild(MoveToServerDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.move_button.isEnabled()  # nothing to move to yet
    qtbot.keyClicks(dialog.address, address)
    return dialog


def _save(dialog: MoveToServerDialog, name: str) -> None:
    if SCREENSHOT:
        dialog.grab().save(str(Path(SCREENSHOT) / name))


def test_the_officer_moves_the_encrypted_roster_and_opens_it_on_the_server(
        qtbot: QtBot, window: MainWindow, encrypted_roster: Database, preferences: Preferences,
        postgres_url: str) -> None:
    fingerprint = encrypted_roster.target.path.read_bytes() if encrypted_roster.target.path else b""
    dialog = _dialog(qtbot, window, postgres_url)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "empty and ready" in dialog.status.text(), timeout=20_000)
    _save(dialog, "move-tested.png")
    dialog.make_default.setChecked(True)

    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible(), timeout=60_000)
    assert "verifies on the server" in dialog.status.text()
    _save(dialog, "move-done.png")
    assert preferences.default_database == dialog.moved_to
    assert dialog.moved_to is not None and dialog.moved_to.startswith("postgresql+psycopg://")
    assert encrypted_roster.target.path is not None and encrypted_roster.target.path.read_bytes() == fingerprint

    question = dialog.question
    assert question is not None
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.db is not None and window.db.target.path is None, timeout=30_000)

    server = window.db
    assert server is not None and not server.is_sqlite
    assert audit.verify_chain(server).intact
    assert audit.browse(server, audit.AuditFilter(action="move"))[0].operator == "A. Petrova"
    total = len(roster.search_ids(server, RosterQuery()))
    assert total > 0
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == total, timeout=10_000)
    assert not window.actions["moveToServer"].isEnabled()  # the server roster is not moved again


def test_a_server_that_holds_a_roster_is_said_in_the_dialog_and_nothing_moves(
        qtbot: QtBot, window: MainWindow, preferences: Preferences, postgres_url: str) -> None:
    other = open_database(postgres_url)
    persons.create_person(other, {"surname": "Server", "given_names": "Only"}, operator="colleague")
    other.close()
    dialog = _dialog(qtbot, window, postgres_url)

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already holds a roster" in dialog.status.text(), timeout=20_000)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.address.isEnabled() and "already holds a roster" in dialog.status.text(),
                    timeout=30_000)
    _save(dialog, "move-refused.png")
    assert dialog.question is None and dialog.moved_to is None
    assert preferences.default_database == ""
    assert window.db is not None and window.db.target.path is not None  # still the file
    dialog.reject()


def test_a_server_roster_is_not_offered_to_move_again(qtbot: QtBot, postgres_url: str,
                                                      preferences: Preferences) -> None:
    database = open_database(postgres_url)
    main = MainWindow(database, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    assert not main.actions["moveToServer"].isEnabled()
    main.close()
    database.close()


def test_an_address_with_a_password_is_refused_and_never_kept(qtbot: QtBot, window: MainWindow,
                                                              preferences: Preferences) -> None:
    dialog = _dialog(qtbot, window, "postgresql://consul:s3cret@db.mission.local/roster")
    dialog.make_default.setChecked(True)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "holds a password" in dialog.status.text(), timeout=30_000)
    assert "s3cret" not in dialog.status.text()
    assert dialog.moved_to is None and preferences.default_database == ""
    dialog.reject()
