"""A main window a test leaves open is closed, and waited for, before the test ends (tests/ui/leftovers.py):
its close waits for the backup at close, and pytest-qt's close then deleteLater destroyed it still shown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection
from tests.ui.leftovers import close_main_windows_left_shown


def test_a_window_whose_close_waits_for_its_backup_is_closed_before_the_test_ends(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: window.roster_changes.watched is demo_db and protection.auto_task is None, timeout=20_000)
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    window.close()  # as pytest-qt closes it at the test's end, before its deleteLater
    assert window.isVisible() and protection.closing_backup is not None  # still shown: the backup is writing
    close_main_windows_left_shown()
    assert not window.isVisible() and protection.closing_backup is None
    assert window.roster_changes.watched is None  # its change watcher stopped with it
