"""Attacks on issue 13 item 2 (Tools > Settings > Default database), replayed after the fix.

The officer types the default roster as people write paths: '~/cairo.db', or a bare file name.
No shell reads the setting, so '~' used to reach the file system as a folder called '~': the
window said the roster was missing and the command line refused it, though it was right there.
A bare name meant a different file in every folder the program was started from.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import demo
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import open_database
from desktop_app.ui.app import run_gui
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.start_roster import MissingRosterDialog, start_target


@pytest.fixture
def user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Preferences]:
    """The workstation's preferences in a folder of this test, with the home folder there too."""
    before = Path(QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "x", "y").fileName())
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MISSION_ROSTER_DB", raising=False)
    (tmp_path / "home").mkdir()
    preferences = Preferences()
    preferences.operator = "A. Petrova"
    yield preferences
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(before.parent.parent))


def _roster(path: Path) -> None:
    database = open_database(path)
    demo.fill_demo(database, households=2, operator="demo", seed=3)
    database.close()


def _type_in_settings(qtbot: QtBot, tmp_path: Path, preferences: Preferences, database: str, backup: str) -> None:
    """Tools > Settings: type the default database and the backup folder, OK."""
    scratch = open_database(tmp_path / "scratch.db")
    dialog = SettingsDialog(Workspace(scratch, preferences.operator), preferences)
    qtbot.addWidget(dialog)
    dialog.database.clear()
    qtbot.keyClicks(dialog.database, database)
    dialog.backup.clear()
    qtbot.keyClicks(dialog.backup, backup)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    scratch.close()


def test_a_default_typed_with_a_tilde_opens_the_roster_in_the_home_folder(qtbot: QtBot, tmp_path: Path,
                                                                          user_settings: Preferences) -> None:
    home = tmp_path / "home"
    _roster(home / "cairo.db")
    (home / "backups").mkdir()
    _type_in_settings(qtbot, tmp_path, user_settings, "~/cairo.db", "~/backups")
    assert Path(user_settings.default_database).exists()  # else start_target would ask 'roster not found'
    assert start_target(None, user_settings) == str(home / "cairo.db")
    assert user_settings.backup_folder == str(home / "backups")


def test_a_bare_file_name_means_the_same_file_from_any_folder(qtbot: QtBot, tmp_path: Path,
                                                             user_settings: Preferences,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    office = tmp_path / "office"
    office.mkdir()
    _roster(office / "cairo.db")
    monkeypatch.chdir(office)
    _type_in_settings(qtbot, tmp_path, user_settings, "cairo.db", "")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _roster(elsewhere / "cairo.db")  # another roster of the same name where the next start runs
    monkeypatch.chdir(elsewhere)
    assert start_target(None, user_settings) == str(office / "cairo.db")
    assert user_settings.default_database == str(office / "cairo.db")


def test_the_command_line_reads_a_tilde_in_the_saved_default(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _roster(home / "cairo.db")
    config = home / "config" / "MissionRoster"
    config.mkdir(parents=True)
    settings = QSettings(str(config / "MissionRoster.conf"), QSettings.Format.IniFormat)
    settings.setValue("default_database", "~/cairo.db")  # as an older version saved what was typed
    settings.sync()
    env = {k: v for k, v in os.environ.items() if k != "MISSION_ROSTER_DB"}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    run = subprocess.run([sys.executable, "-m", "desktop_app", "--operator", "A. Petrova", "stats"],
                         capture_output=True, text=True, env=env, timeout=120, check=False, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "persons on the roster:" in run.stdout
    assert not (tmp_path / "~").exists()


@pytest.mark.parametrize("kind", ["folder", "not a roster"])
def test_a_default_that_cannot_be_opened_offers_another_instead_of_locking_the_officer_out(
        qtbot: QtBot, tmp_path: Path, user_settings: Preferences, kind: str) -> None:
    """Settings name a folder (or a file of another program): the start told why and quit, at every
    start, so the window (and its Settings) could not be reached again without the command line."""
    default = tmp_path / "cairo.db"
    if kind == "folder":
        default.mkdir()
    else:
        default.write_bytes(b"minutes of the crisis meeting\n")
    user_settings.default_database = str(default)
    other = tmp_path / "other.db"
    _roster(other)
    seen: dict[str, object] = {"told": []}

    # Windows another test left behind are not this start's: driving or closing them made the
    # driver stop early in full runs (a leftover main window taken for the one this start opened).
    leftovers = list(QApplication.topLevelWidgets())

    def ours(widget: object) -> bool:
        return not any(widget is old for old in leftovers)

    deadline = time.monotonic() + 30  # a dialog the driver cannot find fails the test instead of hanging the suite

    def step() -> None:
        try:
            if drive():
                return
        except Exception as error:
            seen.setdefault("errors", []).append(repr(error))  # type: ignore[attr-defined]
        QTimer.singleShot(20, step)

    def drive() -> bool:
        """One look at the screen; True once nothing is left to drive."""
        if "returned" in seen:  # the start is over: touch nothing of the tests that follow
            return True
        if time.monotonic() > deadline:
            seen["stuck"] = [f"{type(w).__name__}:{w.objectName()}:{w.isVisible()}:{w.isModal()}"
                             for w in QApplication.topLevelWidgets() if w.isVisible()]
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.reject()
            return time.monotonic() > deadline + 30  # keep closing what the start opens next, for a while
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible() or not ours(modal):  # a leftover of another test's
            modal = next((w for kind in (QFileDialog, MissingRosterDialog, QMessageBox)
                          for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible() and ours(w)),
                         None)
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible() and ours(w)]
        if windows and windows[0].db is not None:
            seen["opened"] = windows[0].db.target.path
            windows[0].close()
            return True
        if isinstance(modal, QFileDialog) and modal.isVisible():
            # Typed as an officer would. selectFile() leaves the name field alone while it has the
            # focus (Qt's rule), so the dialog had no file, returned none, and the start asked again.
            name_field = modal.findChild(QLineEdit, "fileNameEdit")
            name_field.setText(str(other))
            modal.accept()
        elif isinstance(modal, MissingRosterDialog) and modal.isVisible():
            seen["offered"] = modal.text()
            modal.open_button.click()
        elif isinstance(modal, QMessageBox) and modal.isVisible():
            seen["told"].append(modal.text())  # type: ignore[attr-defined]
            modal.accept()
        return False

    QTimer.singleShot(0, step)
    code = run_gui(None)
    seen["returned"] = True
    assert "stuck" not in seen and "errors" not in seen, seen
    assert code == 0
    assert seen["told"] and str(default) in seen["told"][0]  # type: ignore[index]
    assert "could not be opened" in str(seen["offered"]) and str(default) in str(seen["offered"])
    assert seen["opened"] == other
    assert default.is_dir() if kind == "folder" else default.read_bytes() == b"minutes of the crisis meeting\n"
