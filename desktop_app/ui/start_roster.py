"""Which roster the window opens when none is named on the command line.

The order is `--db`, then MISSION_ROSTER_DB, then Tools > Settings > *Default database*, then
`roster.db` in the user data folder. A roster the officer did not name that is not there is
never replaced silently by a new, empty one (the officer would believe the data gone, or
register into the wrong file): `MissingRosterDialog` says which file is missing and offers to
open another roster or to create a new one, or to quit. Only the very first start, with no
default chosen and no roster ever opened, creates the data folder's roster without asking.

    target = start_target(None, preferences)   # None: the officer chose to quit
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from desktop_app.storage.paths import ENV_DATABASE, default_database_path
from desktop_app.ui.preferences import Preferences


def unnamed_default(preferences: Preferences) -> str:
    """The roster to open when neither `--db` nor MISSION_ROSTER_DB names one."""
    return preferences.default_database or str(default_database_path())


def _is_url(target: str) -> bool:
    return "://" in target


class MissingRosterDialog(QMessageBox):
    """Tells that the default roster is missing; offers Open another…, Create new…, Quit."""

    def __init__(self, target: str, parent: QWidget | None = None, *, unopened: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("missingRosterDialog")
        self.target = target
        self.chosen: str | None = None
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Roster not found"))
        if unopened:  # there, but refused (a folder, not a roster, read-only, a passphrase not given)
            self.setText(self.tr("The default roster could not be opened:\n%1").replace("%1", target))
            self.setInformativeText(self.tr("The reason was shown just before. Open another roster, or create a "
                                            "new, empty roster; the file named in Settings is left as it is."))
        else:
            self.setText(self.tr("The default roster is missing:\n%1").replace("%1", target))
            self.setInformativeText(self.tr(
                "It may have been moved or renamed, or it is on a drive that is not connected. Nothing was "
                "created. Open the roster where it is now, or create a new, empty roster."))
        self.open_button = QPushButton(self.tr("&Open another roster…"), self, objectName="missingRosterOpen")
        self.create_button = QPushButton(self.tr("&Create a new roster…"), self, objectName="missingRosterCreate")
        self.quit_button = QPushButton(self.tr("&Quit"), self, objectName="missingRosterQuit")
        self.addButton(self.open_button, QMessageBox.ButtonRole.AcceptRole)
        self.addButton(self.create_button, QMessageBox.ButtonRole.AcceptRole)
        self.addButton(self.quit_button, QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.open_button)
        self.setEscapeButton(self.quit_button)
        self.file_dialog: QFileDialog | None = None

    def ask(self) -> str | None:
        """The roster to open instead (an existing one, or a new file's path); None to quit."""
        while True:
            self.exec()
            clicked = self.clickedButton()
            if clicked is self.open_button:
                self.chosen = self._choose_file(create=False)
            elif clicked is self.create_button:
                self.chosen = self._choose_file(create=True)
            else:
                return None
            if self.chosen:
                return self.chosen

    def _choose_file(self, *, create: bool) -> str | None:
        start = str(Path(self.target).parent) if Path(self.target).parent.is_dir() else str(Path.home())
        dialog = QFileDialog(self, self.tr("New roster") if create else self.tr("Open roster"), start,
                             self.tr("Roster databases (*.db);;All files (*)"))
        dialog.setObjectName("missingRosterFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the same dialog everywhere (and in tests)
        if create:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("db")
            dialog.selectFile(Path(self.target).name)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog = dialog
        try:
            if not dialog.exec() or not dialog.selectedFiles():
                return None
            return dialog.selectedFiles()[0]
        finally:
            self.file_dialog = None
            dialog.deleteLater()


def named_target(named: str | None) -> str | None:
    """The roster named by --db or MISSION_ROSTER_DB (an empty variable names none), else None."""
    return named or os.environ.get(ENV_DATABASE) or None


def start_target(named: str | None, preferences: Preferences, parent: QWidget | None = None) -> str | None:
    """The roster the window opens: `named` (--db or MISSION_ROSTER_DB) as given, else the default.

    An unnamed default that is missing is told and the officer chooses what to open or create;
    None when the officer chose to quit. A named roster is opened as given (a new path creates it,
    which is how a new roster is started from the command line).
    """
    named = named_target(named)
    if named:
        return named
    target = unnamed_default(preferences)
    if _is_url(target) or Path(target).exists():
        return target
    first_start = not preferences.default_database and not preferences.recent_databases
    if first_start:
        return target
    return MissingRosterDialog(target, parent).ask()
