"""The settings dialog: the operator's name, the mission, the language, the default database
and the backup folder.

The operator, language, default database and backup folder are this workstation's
preferences; the mission's name and country live in the database (services.settings) so
that every workstation of the mission shares them. A new language applies on the next start
of the window (menus are built once).
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.services.changes import SETTINGS
from desktop_app.services.settings import MissionSettings, load_mission, save_mission
from desktop_app.services.workspace import Workspace
from desktop_app.ui.errors import show_error
from desktop_app.ui.i18n import LANGUAGES
from desktop_app.ui.operations import write_and_wait
from desktop_app.ui.preferences import Preferences


class SettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, preferences: Preferences, parent: QWidget | None = None) -> None:
        """`workspace`: the open roster (its mission settings) and the operator now at the window."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.workspace = workspace
        self.preferences = preferences
        self.language_changed = False
        mission = load_mission(workspace.db)  # one row of settings: a look-up that never waits on the lock
        self.operator = QLineEdit(workspace.operator, self, objectName="settingsOperator")
        self.mission_name = QLineEdit(mission.mission_name, self, objectName="settingsMissionName")
        self.mission_country = QLineEdit(mission.mission_country or "", self, objectName="settingsMissionCountry")
        self.mission_country.setPlaceholderText(self.tr("ISO code, e.g. EGY: phones without + are from there"))
        self.language = QComboBox(self, objectName="settingsLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self.database = QLineEdit(preferences.default_database, self, objectName="settingsDatabase")
        self.database.setPlaceholderText(self.tr("roster.db in your user data folder"))
        browse_db = QPushButton(self.tr("Choose…"), self, objectName="settingsDatabaseBrowse")
        browse_db.clicked.connect(self._choose_database)
        self.backup = QLineEdit(preferences.backup_folder, self, objectName="settingsBackupFolder")
        self.backup.setPlaceholderText(self.tr("beside the database"))
        browse_backup = QPushButton(self.tr("Choose…"), self, objectName="settingsBackupBrowse")
        browse_backup.clicked.connect(self._choose_backup)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(self.tr("Your &name (audit trail)"), self.operator)
        form.addRow(self.tr("&Mission name"), self.mission_name)
        form.addRow(self.tr("Host &country"), self.mission_country)
        form.addRow(self.tr("&Language"), self.language)
        form.addRow(self.tr("&Default database"), self._with_button(self.database, browse_db))
        form.addRow(self.tr("&Backup folder"), self._with_button(self.backup, browse_backup))
        note = QLabel(self.tr("A new language applies when the window is opened again."), self)
        note.setStyleSheet("color: #666;")
        form.addRow(note)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _with_button(self, line: QLineEdit, button: QPushButton) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(line, 1)
        layout.addWidget(button)
        return row

    @Slot()
    def _choose_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Default database"), self.database.text(),
                                              self.tr("Roster databases (*.db)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.database.setText(path)

    @Slot()
    def _choose_backup(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.backup.text())
        if folder:
            self.backup.setText(folder)

    @Slot()
    def save(self) -> None:
        name = self.operator.text().strip()
        try:
            if not name:
                raise ValidationError(self.tr("your name"), "", self.tr("is required: it goes into the audit trail"))
            db, mission = self.workspace.db, MissionSettings(self.mission_name.text().strip(),
                                                   self.mission_country.text().strip() or None)
            write_and_wait(self, self.tr("Saving the mission's settings"),
                           lambda: save_mission(db, mission, operator=name), kinds=frozenset({SETTINGS}))
        except RosterError as exc:
            show_error(self, exc)
            return
        self.preferences.operator = name
        self.language_changed = self.language.currentData() != self.preferences.language
        self.preferences.language = self.language.currentData()
        self.preferences.default_database = self.database.text()
        self.preferences.backup_folder = self.backup.text()
        self.preferences.sync()
        self.accept()
