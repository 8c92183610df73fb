"""Exchange > Send a roster package…: to which sites (or to a passphrase), everything or only the changes,
of the whole roster or of one list or some households.

    SendDialog(host.hub, host.workspace, parent).exec()

The package is written off the window's thread (reading 100,000 persons takes a while); the
file chooser never offers to replace a file silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from desktop_app.services import lists, packages
from desktop_app.services.workspace import Roster, Workspace
from desktop_app.ui.errors import show_error
from desktop_app.ui.operations import run_in_background


class SendDialog(QDialog):
    def __init__(self, hub: Any, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendPackageDialog")
        self.setWindowTitle(self.tr("Send a roster package"))
        self._hub, self.workspace = hub, workspace
        db = workspace.db
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
        self.part = QComboBox(objectName="packagePart")
        self.part.addItem(self.tr("The whole roster"), "all")
        self.part.addItem(self.tr("One evacuation list"), "list")
        self.part.addItem(self.tr("Some households"), "households")
        self.part_list = QComboBox(objectName="packagePartList")
        for summary in lists.all_lists(db):
            self.part_list.addItem(summary.name, summary.name)
        self.part_households = QLineEdit(objectName="packagePartHouseholds")
        self.part_households.setPlaceholderText(self.tr("household references, e.g. H-00012, H-00013"))
        self.part.currentIndexChanged.connect(self._show_part)
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
        part = QFormLayout()
        part.addRow(self.tr("Part:"), self.part)
        part.addRow(self.tr("List:"), self.part_list)
        part.addRow(self.tr("Households:"), self.part_households)
        self._part_form = part
        layout.addLayout(part)
        layout.addWidget(self.since_last)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        if not self.sites.count():
            self.note.setText(self.tr("No other site is known yet: add them in Tools > Sites and keys, or send "
                                      "to a passphrase."))
        self._show_part()
        self.resize(560, 520)

    # The roster open now and its operator (the window closes this dialog when another roster opens).
    @property
    def _db(self) -> Roster:
        return self.workspace.db

    @property
    def _operator(self) -> str:
        return self.workspace.operator

    @Slot()
    def _show_part(self) -> None:
        which = self.part.currentData()
        self._part_form.setRowVisible(self.part_list, which == "list")
        self._part_form.setRowVisible(self.part_households, which == "households")

    def chosen_part(self) -> tuple[str | None, list[str]]:
        """The list's name, or the household references, of the part chosen (None, [] for all)."""
        which = self.part.currentData()
        if which == "list":
            return self.part_list.currentData(), []
        if which == "households":
            return None, [ref.strip() for ref in self.part_households.text().replace(";", ",").split(",")
                          if ref.strip()]
        return None, []

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
        list_name, refs = self.chosen_part()
        if self.part.currentData() != "all" and not (list_name or refs):
            self.note.setText(self.tr("Choose the list, or type the households' references."))
            return
        path = self.ask_path()
        if path is None:
            return
        since_last = self.since_last.isChecked()
        self.send(path, to, passphrase, since_last, list_name, refs)

    def send(self, path: Path, to: list[str], passphrase: str | None, since_last: bool,
             list_name: str | None = None, households: list[str] | None = None) -> None:
        # The file dialog asked before replacing an existing file: that answer is the overwrite.
        overwrite = path.exists()

        def work(_progress: Any) -> packages.ExportResult:
            return packages.export_package(self._db, path, operator=self._operator, to=to, passphrase=passphrase,
                                           since_last=since_last, overwrite=overwrite, list_name=list_name,
                                           households=households or ())

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
