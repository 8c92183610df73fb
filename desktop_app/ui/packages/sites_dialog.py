"""Tools > Sites and keys…: this roster's site (created here once), its public key to send, the other sites.

    dialog = SitesDialog(window.workspace, parent)
    dialog.exec()

The fingerprint column is what the officers read out to each other by phone before trusting a
site. The private keys never show: they stay in the roster.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.services import packages
from desktop_app.services.changes import SETTINGS
from desktop_app.services.workspace import Roster, Workspace
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error
from desktop_app.ui.operations import write_and_wait
from desktop_app.ui.records_model import RecordsModel


class SitesDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sitesDialog")
        self.setWindowTitle(self.tr("Sites and keys"))
        self.workspace = workspace
        self.model: RecordsModel[packages.SiteView] = RecordsModel([
            (self.tr("Site"), lambda s: s.name),
            (self.tr("This roster"), lambda s: self.tr("yes") if s.is_self else ""),
            (self.tr("Prefix"), lambda s: s.ref_prefix),
            (self.tr("Key fingerprint"), lambda s: s.fingerprint),
        ], parent=self)
        self.table = LinesTable(objectName="sitesTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(90)

        self.own_box = QGroupBox(self.tr("This roster's site"))
        own = QFormLayout(self.own_box)
        self.site_name = QLineEdit(objectName="siteName")
        self.site_prefix = QLineEdit(objectName="sitePrefix", maxLength=6)
        self.site_prefix.setPlaceholderText(self.tr("e.g. CAI"))
        self.create_button = QPushButton(self.tr("Create this site"), objectName="createSite")
        self.create_button.clicked.connect(self._create)
        own.addRow(self.tr("Name:"), self.site_name)
        own.addRow(self.tr("Case-reference prefix:"), self.site_prefix)
        own.addRow(self.create_button)
        self.public_line = QLineEdit(objectName="publicKey", readOnly=True)
        self.copy_button = QPushButton(self.tr("Copy"), objectName="copyPublicKey")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.public_line.text()))
        key_row = QHBoxLayout()
        key_row.addWidget(self.public_line, 1)
        key_row.addWidget(self.copy_button)
        self.key_label = QLabel(self.tr("Public key to send to the other missions:"))
        own.addRow(self.key_label)
        own.addRow(key_row)
        # Two clicks, the second after reading what it does: the keys change for every partner.
        self.rekey_button = QPushButton(self.tr("New keys for this site…"), objectName="rekeySite")
        self.rekey_button.clicked.connect(self._rekey)
        self.rekey_note = QLabel(objectName="rekeyNote", wordWrap=True)
        self.rekey_note.setMinimumHeight(self.rekey_note.fontMetrics().lineSpacing() * 2)
        own.addRow(self.rekey_button)
        own.addRow(self.rekey_note)

        add_box = QGroupBox(self.tr("Add another mission's site"))
        add = QFormLayout(add_box)
        self.other_name = QLineEdit(objectName="otherSiteName")
        self.other_key = QLineEdit(objectName="otherSiteKey")
        self.other_key.setPlaceholderText("mrsite1:…")
        self.other_key.textChanged.connect(self._show_fingerprint)
        self.other_fingerprint = QLabel(objectName="otherFingerprint")
        self.add_button = QPushButton(self.tr("Add site"), objectName="addSite")
        self.add_button.clicked.connect(self._add)
        add.addRow(self.tr("Name:"), self.other_name)
        add.addRow(self.tr("Public key:"), self.other_key)
        add.addRow(self.tr("Fingerprint to confirm by phone:"), self.other_fingerprint)
        add.addRow(self.add_button)

        replace_box = QGroupBox(self.tr("Replace the key of the site chosen above"))
        replace = QFormLayout(replace_box)
        self.replace_key = QLineEdit(objectName="replaceSiteKey")
        self.replace_key.setPlaceholderText("mrsite1:…")
        self.replace_key.textChanged.connect(self._unarm_replace)
        self.replace_note = QLabel(objectName="replaceNote", wordWrap=True)
        self.replace_note.setMinimumHeight(self.replace_note.fontMetrics().lineSpacing() * 2)
        self.replace_button = QPushButton(self.tr("Replace key…"), objectName="replaceKey")
        self.replace_button.clicked.connect(self._replace)
        replace.addRow(self.tr("New public key:"), self.replace_key)
        replace.addRow(self.replace_note)
        replace.addRow(self.replace_button)
        self.table.clicked.connect(self._unarm_replace)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.own_box)
        layout.addWidget(add_box)
        layout.addWidget(replace_box)
        layout.addWidget(buttons)
        self._rekey_armed = False
        self._replace_armed: tuple[str, str] | None = None
        self.resize(780, 800)
        self.refresh()

    # The roster open now and its operator (the window closes this dialog when another roster opens).
    @property
    def _db(self) -> Roster:
        return self.workspace.db

    @property
    def _operator(self) -> str:
        return self.workspace.operator

    def refresh(self) -> None:
        sites = packages.list_sites(self._db)
        self.model.set_records(sites)
        me = next((s for s in sites if s.is_self), None)
        for widget in (self.site_name, self.site_prefix, self.create_button):
            widget.setEnabled(me is None)
        for widget in (self.public_line, self.copy_button, self.key_label, self.rekey_button):
            widget.setVisible(me is not None)
        if me is not None:
            self.site_name.setText(me.name)
            self.site_prefix.setText(me.ref_prefix)
            self.public_line.setText(me.public_line)
            self.public_line.setCursorPosition(0)

    @Slot()
    def _create(self) -> None:
        db, operator, name, prefix = self._db, self._operator, self.site_name.text(), self.site_prefix.text() or None
        try:  # through the runner: a colleague's write is waited for with the window answering
            write_and_wait(self, self.tr("Creating this site"),
                           lambda: packages.init_site(db, name, operator=operator, prefix=prefix),
                           kinds=frozenset({SETTINGS}))
        except RosterError as exc:
            show_error(self, exc)
            return
        self.refresh()

    @Slot(str)
    def _show_fingerprint(self, text: str) -> None:
        try:
            self.other_fingerprint.setText(packages.key_fingerprint(text))
        except RosterError:
            self.other_fingerprint.setText(self.tr("not a site's public key") if text.strip() else "")

    @Slot()
    def _add(self) -> None:
        db, operator, name, key = self._db, self._operator, self.other_name.text(), self.other_key.text()
        try:
            write_and_wait(self, self.tr("Adding the site"),
                           lambda: packages.add_site(db, name, key, operator=operator), kinds=frozenset({SETTINGS}))
        except RosterError as exc:
            show_error(self, exc)
            return
        self.other_name.clear()
        self.other_key.clear()
        self.refresh()

    @Slot()
    def _rekey(self) -> None:
        if not self._rekey_armed:
            self._rekey_armed = True
            self.rekey_button.setText(self.tr("Give this site new keys"))
            self.rekey_note.setText(self.tr("The next package to each site tells it the new key, signed with the "
                                            "old one; packages already on their way still open. Click again to "
                                            "go ahead."))
            return
        self._rekey_armed = False
        self.rekey_button.setText(self.tr("New keys for this site…"))
        db, operator = self._db, self._operator
        try:
            change = write_and_wait(self, self.tr("Making new keys"), lambda: packages.rekey_site(
                db, operator=operator), kinds=frozenset({SETTINGS}))
        except RosterError as exc:
            show_error(self, exc)
            return
        self.rekey_note.setText(self.tr("New keys: fingerprint {old} is now {new}.").format(
            old=change.old_fingerprint, new=change.site.fingerprint))
        self.refresh()

    def _chosen_other(self) -> packages.SiteView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        site = self.model.record(rows[0].row())
        return None if site.is_self else site

    @Slot()
    def _unarm_replace(self) -> None:
        self._replace_armed = None
        self.replace_button.setText(self.tr("Replace key…"))
        self.replace_note.clear()

    @Slot()
    def _replace(self) -> None:
        site = self._chosen_other()
        if site is None:
            self.replace_note.setText(self.tr("Choose another mission's site in the table first."))
            return
        key = self.replace_key.text().strip()
        try:
            new = packages.key_fingerprint(key)
        except RosterError as exc:
            self.replace_note.setText(str(exc))
            return
        if self._replace_armed != (site.name, key):
            self._replace_armed = (site.name, key)
            self.replace_button.setText(self.tr("Replace the key of {site}").format(site=site.name))
            self.replace_note.setText(self.tr("{site}: fingerprint {old} becomes {new}. Read the new fingerprint "
                                              "out with them by phone, then click again.").format(
                site=site.name, old=site.fingerprint, new=new))
            return
        db, operator, name = self._db, self._operator, site.name
        try:
            change = write_and_wait(self, self.tr("Replacing the key"), lambda: packages.replace_site_key(
                db, name, key, operator=operator), kinds=frozenset({SETTINGS}))
        except RosterError as exc:
            show_error(self, exc)
            return
        self.replace_key.clear()
        self._unarm_replace()
        self.replace_note.setText(self.tr("{site}: fingerprint {old} replaced by {new}.").format(
            site=change.site.name, old=change.old_fingerprint, new=change.site.fingerprint))
        self.refresh()
