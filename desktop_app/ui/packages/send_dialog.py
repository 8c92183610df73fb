"""Exchange > Send a roster package…: to which sites (or to a passphrase), everything or only the changes.

    SendDialog(host.hub, db, operator, parent).exec()

The package is written off the window's thread (reading 100,000 persons takes a while); the
file chooser never offers to replace a file silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.services import packages
from desktop_app.services.workspace import Roster
from desktop_app.ui.errors import show_error
from desktop_app.ui.operations import run_in_background


class SendDialog(QDialog):
    def __init__(self, hub: Any, db: Roster, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendPackageDialog")
        self.setWindowTitle(self.tr("Send a roster package"))
        self._hub, self._db, self._operator = hub, db, operator
        self.result_text = ""
        self.to_sites = QRadioButton(self.tr("To these sites' keys:"), objectName="toSites", checked=True)
        self.sites = QListWidget(objectName="recipientSites")
        for site in packages.list_sites(db):
            if not site.is_self:
                item = QListWidgetItem(f"{site.name}  ({site.fingerprint})")
                item.setData(Qt.ItemDataRole.UserRole, site.name)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.sites.addItem(item)
        self.to_passphrase = QRadioButton(self.tr("To a passphrase agreed by phone:"), objectName="toPassphrase")
        self.passphrase = QLineEdit(objectName="packagePassphrase", echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(objectName="packagePassphraseAgain", echoMode=QLineEdit.EchoMode.Password)
        self.since_last = QCheckBox(self.tr("Only what changed since the last package to them"),
                                    objectName="sinceLast", checked=True)
        self.note = QLabel(objectName="sendNote", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.addButton(self.tr("Send…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("sendPackage")
        self.buttons.accepted.connect(self._send)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow(self.tr("Again:"), self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.to_sites)
        layout.addWidget(self.sites, 1)
        layout.addWidget(self.to_passphrase)
        layout.addLayout(form)
        layout.addWidget(self.since_last)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        if not self.sites.count():
            self.note.setText(self.tr("No other site is known yet: add them in Tools > Sites and keys, or send "
                                      "to a passphrase."))
        self.resize(560, 480)

    def chosen_sites(self) -> list[str]:
        return [str(self.sites.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.sites.count())
                if self.sites.item(i).checkState() == Qt.CheckState.Checked]

    def ask_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the package as"), "roster.mrpkg",
                                              self.tr("Roster packages (*.mrpkg)"))
        return Path(name) if name else None

    @Slot()
    def _send(self) -> None:
        to = self.chosen_sites() if self.to_sites.isChecked() else []
        passphrase = None
        if self.to_passphrase.isChecked():
            if not self.passphrase.text() or self.passphrase.text() != self.again.text():
                self.note.setText(self.tr("The two passphrases are empty or differ."))
                return
            passphrase = self.passphrase.text()
        elif not to:
            self.note.setText(self.tr("Tick at least one site, or send to a passphrase."))
            return
        path = self.ask_path()
        if path is None:
            return
        since_last = self.since_last.isChecked()
        self.send(path, to, passphrase, since_last)

    def send(self, path: Path, to: list[str], passphrase: str | None, since_last: bool) -> None:
        # The file dialog asked before replacing an existing file: that answer is the overwrite.
        overwrite = path.exists()

        def work(_progress: Any) -> packages.ExportResult:
            return packages.export_package(self._db, path, operator=self._operator, to=to, passphrase=passphrase,
                                           since_last=since_last, overwrite=overwrite)

        run_in_background(self, self.tr("Writing the roster package"), work, self._sent, self._failed)

    def _sent(self, result: packages.ExportResult) -> None:
        self.result_text = self.tr("{path}: {records} records sent.").format(path=result.path.name,
                                                                            records=result.records)
        self.note.setText(self.result_text)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, RosterError):
            self.note.setText(str(exc))
        show_error(self, exc)
