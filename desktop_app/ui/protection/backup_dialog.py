"""The backup dialogs: choosing a backup to restore (with what each holds), and the backup settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DatabaseError
from desktop_app.services import backups
from desktop_app.services.workspace import Workspace
from desktop_app.storage.backup import KEEP_DAILY_DAYS, KEEP_RECENT, BackupInfo
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error
from desktop_app.ui.fit import fit_placeholder
from desktop_app.ui.latest_read import LatestRead
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.records_model import RecordsModel

KEY_INTERVAL = "backup_interval_minutes"
KEY_LOCK = "lock_idle_minutes"
KEY_KEEP = "backup_keep_recent"
KEY_DAYS = "backup_keep_days"


def int_preference(preferences: Preferences, key: str, default: int) -> int:
    try:
        return int(preferences.value(key, default) or 0)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default


def _holds(info: BackupInfo) -> str:
    return info.problem if info.persons is None else f"{info.persons}"


_REASONS = {"before import": QT_TRANSLATE_NOOP("RestoreDialog", "before an import"),
            "before reconcile apply": QT_TRANSLATE_NOOP("RestoreDialog", "before applying an answer"),
            "before merge": QT_TRANSLATE_NOOP("RestoreDialog", "before a merge"),
            "before retention": QT_TRANSLATE_NOOP("RestoreDialog", "before a retention"),
            "before restore": QT_TRANSLATE_NOOP("RestoreDialog", "before a restore"),
            "before restore damaged": QT_TRANSLATE_NOOP("RestoreDialog", "damaged roster, kept at a restore")}


def _why(info: BackupInfo) -> str:
    """Why the copy was taken, in words: a routine one (at open, close, every few minutes) or a named reason."""
    reason = _REASONS.get(info.reason, info.reason) if info.reason else QT_TRANSLATE_NOOP("RestoreDialog", "routine")
    return QCoreApplication.translate("RestoreDialog", reason)


BACKUP_COLUMNS = [
    (QT_TRANSLATE_NOOP("RestoreDialog", "Taken"), lambda b: f"{b.taken_at:%Y-%m-%d %H:%M}"),
    (QT_TRANSLATE_NOOP("RestoreDialog", "Persons"), _holds),
    (QT_TRANSLATE_NOOP("RestoreDialog", "Last change"),
     lambda b: f"{b.last_change:%Y-%m-%d %H:%M}" if b.last_change else ""),
    (QT_TRANSLATE_NOOP("RestoreDialog", "Why"), lambda b: _why(b)),
    (QT_TRANSLATE_NOOP("RestoreDialog", "Encrypted"),
     lambda b: QCoreApplication.translate("RestoreDialog", "yes") if b.encrypted
     else QCoreApplication.translate("RestoreDialog", "no")),
    (QT_TRANSLATE_NOOP("RestoreDialog", "Size"),
     lambda b: QCoreApplication.translate("RestoreDialog", "%1 MB").replace("%1", f"{b.size_mb:.1f}")),
    (QT_TRANSLATE_NOOP("RestoreDialog", "File"), lambda b: b.path.name),
]


class RestoreDialog(QDialog):
    """The backups of a folder, newest first, with what each holds; the chosen one is `chosen`."""

    def __init__(self, workspace: Workspace, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.workspace = workspace
        self.folder = folder
        self.chosen: BackupInfo | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose the backup to go back to. The roster as it is now is backed up first, so "
                               "this can be undone by restoring that copy."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.folder_label = QLabel(str(folder), self, objectName="restoreFolder")
        other = QPushButton(self.tr("Other folder…"), self, objectName="restoreOtherFolder")
        other.clicked.connect(self._other_folder)
        row.addWidget(self.folder_label, 1)
        row.addWidget(other)
        layout.addLayout(row)
        self.model: RecordsModel[BackupInfo] = RecordsModel(
            [(self.tr(title), fn) for title, fn in BACKUP_COLUMNS], parent=self)
        self.table = LinesTable(self, objectName="backupTable")  # a problem on several lines: Ctrl+C copies it as typed
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self._restore)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        buttons.accepted.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 420)
        # An answer about a folder or roster left meanwhile is dropped (`LatestRead`).
        self._reads = LatestRead(self, lambda: self.workspace.db)
        self.load()

    @property
    def loading(self) -> bool:
        """Whether the folder's backups are still being read."""
        return self._reads.busy

    def load(self) -> None:
        """Read the folder's backups off the GUI thread (each copy is opened and counted); Restore waits for them."""
        db, folder = self.workspace.db, self.folder
        self.restore_button.setEnabled(False)
        self._reads.run(lambda: backups.list_backups(db, folder) if folder.is_dir() else [], self._show)

    def _show(self, found: list[BackupInfo]) -> None:
        self.model.set_records(found)
        self.table.resizeColumnsToContents()
        if found:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(found))

    @Slot()
    def _other_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), str(self.folder))
        if folder:
            self.folder = Path(folder)
            self.folder_label.setText(folder)
            self.load()

    @Slot()
    def _restore(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        info = self.model.record(rows[0].row())
        if info.persons is None:
            show_error(self, DatabaseError(f"{info.path.name}: {info.problem}"))
            return
        self.chosen = info
        self.accept()


class BackupSettingsDialog(QDialog):
    """The backup folder, how often automatic backups run, how many are kept, and the idle lock."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupSettingsDialog")
        self.setWindowTitle(self.tr("Backup settings"))
        self.preferences = preferences
        form = QFormLayout(self)
        self.folder = QLineEdit(preferences.backup_folder, self, objectName="backupFolderEdit")
        self.folder.setPlaceholderText(self.tr("a 'backups' folder beside the roster"))
        fit_placeholder(self.folder)
        choose = QPushButton(self.tr("Choose…"), self, objectName="backupFolderChoose")
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        label = QLabel(self.tr("Backup &folder"), self)
        label.setBuddy(self.folder)  # a row holding a layout has no buddy of its own: the '&' showed as is
        form.addRow(label, row)
        self.interval = self._spin("backupIntervalSpin", 0, 24 * 60, int_preference(preferences, KEY_INTERVAL, 15),
                                   self.tr(" min (0: only at open and close)"))
        form.addRow(self.tr("Back up &every"), self.interval)
        self.keep = self._spin("backupKeepSpin", 1, 500, int_preference(preferences, KEY_KEEP, KEEP_RECENT), "")
        form.addRow(self.tr("&Keep the newest"), self.keep)
        self.days = self._spin("backupDaysSpin", 0, 3650, int_preference(preferences, KEY_DAYS, KEEP_DAILY_DAYS),
                               self.tr(" days (one a day, and every copy taken before an import, apply or merge)"))
        form.addRow(self.tr("And &one a day for"), self.days)
        self.lock = self._spin("lockMinutesSpin", 0, 24 * 60, int_preference(preferences, KEY_LOCK, 10),
                               self.tr(" min idle (0: never)"))
        form.addRow(self.tr("&Lock an encrypted roster after"), self.lock)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _spin(self, name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(self, objectName=name)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    @Slot()
    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    @Slot()
    def _save(self) -> None:
        self.preferences.backup_folder = self.folder.text()
        self.preferences.set_value(KEY_INTERVAL, self.interval.value())
        self.preferences.set_value(KEY_KEEP, self.keep.value())
        self.preferences.set_value(KEY_DAYS, self.days.value())
        self.preferences.set_value(KEY_LOCK, self.lock.value())
        self.preferences.sync()
        self.accept()
