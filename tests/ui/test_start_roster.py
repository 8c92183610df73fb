"""Tools > Settings > Default database is what a plain start opens; a missing one is told, never replaced."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import demo, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import open_database
from desktop_app.storage.paths import default_database_path
from desktop_app.ui.app import run_gui, start_window
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.start_roster import MissingRosterDialog, start_target

NAME = 1


@pytest.fixture
def user_settings(tmp_path: Path) -> Iterator[Preferences]:
    """The workstation's own preferences (what a plain start reads), in a folder of this test; run_gui's
    crash hook is taken away afterwards (a crash dialog would wait for a click in later tests)."""
    before = Path(QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "x", "y").fileName())
    hook = sys.excepthook
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    preferences = Preferences()
    preferences.operator = "A. Petrova"
    yield preferences
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(before.parent.parent))
    sys.excepthook = hook


def _roster(path: Path, households: int = 3) -> list[int]:
    database = open_database(path)
    demo.fill_demo(database, households=households, operator="demo", seed=3)
    ids = roster.search_ids(database, RosterQuery())
    database.close()
    return ids


def _choose_default_in_settings(qtbot: QtBot, tmp_path: Path, preferences: Preferences, target: Path) -> None:
    """The officer's steps: Tools > Settings, type the default database, OK."""
    scratch = open_database(tmp_path / "scratch.db")
    dialog = SettingsDialog(Workspace(scratch, preferences.operator), preferences)
    qtbot.addWidget(dialog)
    dialog.database.clear()
    qtbot.keyClicks(dialog.database, str(target))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    scratch.close()


def _when_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> None:
    """Run `act` on the next modal dialog, once it shows."""
    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            QTimer.singleShot(20, poll)
            return
        act(modal)

    QTimer.singleShot(0, poll)


def test_a_plain_start_opens_the_default_database_chosen_in_settings(qtbot: QtBot, tmp_path: Path,
                                                                     user_settings: Preferences) -> None:
    chosen = tmp_path / "mission" / "cairo.db"
    chosen.parent.mkdir()
    ids = _roster(chosen)
    _choose_default_in_settings(qtbot, tmp_path, user_settings, chosen)

    assert start_target(None, Preferences()) == str(chosen)
    # the first-look path: the roster's rows are painted from the chosen file before it is opened
    window = start_window(str(chosen), "A. Petrova", Preferences())
    assert window is not None
    qtbot.addWidget(window)
    assert window.db is None and window.roster.model.rowCount() == len(ids)
    with qtbot.waitSignal(window.ready, timeout=20_000):
        pass
    assert window.db is not None and window.db.target.path == chosen
    window.close()
    window.db.close()
    assert not default_database_path().exists()  # no empty roster appeared in the data folder


def test_the_whole_start_through_run_gui_opens_the_default(qtbot: QtBot, tmp_path: Path,
                                                           user_settings: Preferences) -> None:
    chosen = tmp_path / "cairo.db"
    ids = _roster(chosen)
    user_settings.default_database = str(chosen)
    user_settings.set_value("window/page", "lists")  # the full path: the database opens before the window shows
    seen: dict[str, object] = {}

    given_up = time.monotonic() + 30  # the window closed then all the same: the test fails, not hangs

    def close_when_ready() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        model = windows[0].roster.model if windows else None
        # The table's ids are read off the GUI thread once the database is open.
        read = model is not None and model.searched and model.complete and not model.loading
        if not windows or windows[0].db is None or (not read and time.monotonic() < given_up):
            QTimer.singleShot(20, close_when_ready)
            return
        seen["path"] = windows[0].db.target.path
        seen["persons"] = windows[0].roster.model.rowCount()
        windows[0].close()

    QTimer.singleShot(0, close_when_ready)
    assert run_gui(None) == 0
    assert seen == {"path": chosen, "persons": len(ids)}
    assert not default_database_path().exists()


def test_a_missing_default_is_told_and_nothing_is_created(qtbot: QtBot, tmp_path: Path,
                                                          user_settings: Preferences) -> None:
    gone = tmp_path / "usb" / "cairo.db"  # a stick that is not plugged in
    user_settings.default_database = str(gone)
    told: list[str] = []

    def quit_dialog(modal: QWidget) -> None:
        assert isinstance(modal, MissingRosterDialog)
        told.append(modal.text())
        modal.quit_button.click()

    _when_modal(qtbot, quit_dialog)
    assert run_gui(None) == 1
    assert told and str(gone) in told[0] and "missing" in told[0]
    assert not gone.exists() and not gone.parent.exists()
    assert not default_database_path().exists()


def test_a_missing_default_can_be_opened_where_it_is_now(qtbot: QtBot, tmp_path: Path,
                                                         user_settings: Preferences) -> None:
    moved = tmp_path / "moved.db"
    _roster(moved)
    user_settings.default_database = str(tmp_path / "cairo.db")

    def open_other(modal: QWidget) -> None:
        assert isinstance(modal, MissingRosterDialog)
        modal.open_button.click()

        def pick() -> None:
            if modal.file_dialog is None or not modal.file_dialog.isVisible():
                QTimer.singleShot(20, pick)
                return
            modal.file_dialog.selectFile(str(moved))
            modal.file_dialog.accept()

        QTimer.singleShot(0, pick)

    _when_modal(qtbot, open_other)
    assert start_target(None, Preferences()) == str(moved)
    assert not (tmp_path / "cairo.db").exists()


def test_a_missing_default_can_be_created_anew_when_the_officer_says_so(qtbot: QtBot, tmp_path: Path,
                                                                        user_settings: Preferences) -> None:
    user_settings.default_database = str(tmp_path / "cairo.db")

    def create(modal: QWidget) -> None:
        assert isinstance(modal, MissingRosterDialog)
        modal.create_button.click()

        def accept() -> None:
            if modal.file_dialog is None or not modal.file_dialog.isVisible():
                QTimer.singleShot(20, accept)
                return
            modal.file_dialog.selectFile(str(tmp_path / "fresh.db"))
            modal.file_dialog.accept()

        QTimer.singleShot(0, accept)

    _when_modal(qtbot, create)
    assert start_target(None, Preferences()) == str(tmp_path / "fresh.db")


def test_the_first_start_ever_creates_the_data_folders_roster_without_asking(user_settings: Preferences) -> None:
    assert start_target(None, user_settings) == str(default_database_path())
    assert start_target("/elsewhere/named.db", user_settings) == "/elsewhere/named.db"


def test_a_data_folder_roster_that_went_missing_after_use_is_told(qtbot: QtBot, tmp_path: Path,
                                                                  user_settings: Preferences) -> None:
    user_settings.add_recent(str(default_database_path()))  # it was used before, and is gone now
    _when_modal(qtbot, lambda modal: modal.quit_button.click())  # type: ignore[attr-defined]
    assert start_target(None, user_settings) is None
    assert not default_database_path().exists()


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`mission-roster ARGS` in a child whose user folders are under tmp_path (its own QSettings)."""
    env = {k: v for k, v in os.environ.items() if k != "MISSION_ROSTER_DB"}
    env.update(HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "home" / "config"),
               XDG_DATA_HOME=str(tmp_path / "home" / "data"), XDG_STATE_HOME=str(tmp_path / "home" / "state"))
    return subprocess.run([sys.executable, "-m", "desktop_app", "--operator", "A. Petrova", *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def _choose_default_for_child(tmp_path: Path, target: Path) -> None:
    config = tmp_path / "home" / "config" / "MissionRoster"
    config.mkdir(parents=True)
    settings = QSettings(str(config / "MissionRoster.conf"), QSettings.Format.IniFormat)
    settings.setValue("default_database", str(target))
    settings.sync()


def test_the_command_line_uses_the_default_chosen_in_settings(tmp_path: Path) -> None:
    chosen = tmp_path / "cairo.db"
    ids = _roster(chosen)
    _choose_default_for_child(tmp_path, chosen)
    run = _cli(tmp_path, "stats")
    assert run.returncode == 0, run.stderr
    assert f"persons on the roster: {len(ids)}" in run.stdout
    assert not (tmp_path / "home" / "data" / "MissionRoster" / "roster.db").exists()


def test_the_command_line_refuses_a_missing_default_and_creates_nothing(tmp_path: Path) -> None:
    gone = tmp_path / "usb" / "cairo.db"
    _choose_default_for_child(tmp_path, gone)
    run = _cli(tmp_path, "stats")
    assert run.returncode == 1
    assert f"{gone}: the default roster (Tools > Settings) is missing" in run.stderr
    assert not gone.exists() and not (tmp_path / "home" / "data" / "MissionRoster" / "roster.db").exists()
    assert _cli(tmp_path, "--db", str(tmp_path / "named.db"), "stats").returncode == 0  # a named roster is made
