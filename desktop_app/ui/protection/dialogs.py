"""The protection feature's own dialogs: the unencrypted copies left after encrypting, and closing
the crisis (retention: archive, then anonymise or delete the persons of the chosen states).

    dialog = RetentionDialog(window)
    if dialog.exec(): plan = retention.plan_retention(db, dialog.states(), dialog.days.value())
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.status import Status
from desktop_app.ui import labels
from desktop_app.ui.errors import show_error


class PlainCopiesDialog(QDialog):
    """The unencrypted copies of a roster just encrypted, and what to do with them (encrypt, remove, keep)."""

    def __init__(self, copies: list[Path], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("plainCopiesDialog")
        self.setWindowTitle(self.tr("Plain copies of the roster"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The roster is encrypted now, but these copies of it are not: anyone who gets "
                               "one can read every name in it."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self, objectName="plainCopiesList")
        self.list.addItems([str(copy) for copy in copies])
        layout.addWidget(self.list)
        self.encrypt = QRadioButton(self.tr("&Encrypt them with the roster's new passphrase"), self,
                                    objectName="plainCopiesEncrypt")
        self.remove = QRadioButton(self.tr("&Remove them (overwritten with zeros, then deleted)"), self,
                                   objectName="plainCopiesRemove")
        self.keep = QRadioButton(self.tr("&Keep them as they are"), self, objectName="plainCopiesKeep")
        self.encrypt.setChecked(True)
        group = QButtonGroup(self)
        for choice in (self.encrypt, self.remove, self.keep):
            group.addButton(choice)
            layout.addWidget(choice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 320)


class RetentionDialog(QDialog):
    """Which persons (states, days unchanged), what to do, and where the encrypted archive goes."""

    FINAL_STATES = (Status.EVACUATED, Status.CROSSED, Status.DECLINED, Status.REJECTED, Status.UNREACHABLE,
                    Status.MERGED)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("retentionDialog")
        self.setWindowTitle(self.tr("Close the crisis: retention"))
        form = QFormLayout(self)
        intro = QLabel(self.tr("When the evacuation is over, personal data must not linger. The whole roster is "
                               "first archived to an encrypted file; then the persons chosen here are anonymised "
                               "(statistics stay right) or deleted."), self)
        intro.setWordWrap(True)
        form.addRow(intro)
        states = QHBoxLayout()
        self.state_boxes: dict[Status, QCheckBox] = {}
        for status in self.FINAL_STATES:
            box = QCheckBox(labels.status(status.value), self, objectName=f"retentionState_{status.value}")
            box.setChecked(status is Status.EVACUATED)
            self.state_boxes[status] = box
            states.addWidget(box)
        form.addRow(self.tr("Persons in"), states)
        self.days = QSpinBox(self, objectName="retentionDays")
        self.days.setRange(0, 3650)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        form.addRow(self.tr("Unchanged for at least"), self.days)
        self.anonymise = QRadioButton(self.tr("Anonymise (keep statistics)"), self, objectName="retentionAnonymise")
        self.delete = QRadioButton(self.tr("Delete"), self, objectName="retentionDelete")
        self.anonymise.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.anonymise)
        group.addButton(self.delete)
        how = QHBoxLayout()
        how.addWidget(self.anonymise)
        how.addWidget(self.delete)
        form.addRow(self.tr("Then"), how)
        self.archive = QLineEdit(self, objectName="retentionArchive")
        choose = QPushButton(self.tr("Choose…"), self)
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.archive, 1)
        row.addWidget(choose)
        form.addRow(self.tr("Encrypted archive"), row)
        self.passphrase = QLineEdit(self, objectName="retentionPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Archive passphrase"), self.passphrase)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def states(self) -> list[Status]:
        return [status for status, box in self.state_boxes.items() if box.isChecked()]

    @Slot()
    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Encrypted archive"), str(Path.home() / "archive.db"),
                                              self.tr("Roster archives (*.db)"))
        if path:
            self.archive.setText(path)

    @Slot()
    def _accept(self) -> None:
        if not self.states() or not self.archive.text().strip() or len(self.passphrase.text()) < 8:
            show_error(self, RosterError(self.tr("Choose at least one state, the archive file and a passphrase of "
                                                 "at least 8 characters.")))
            return
        self.accept()
