"""Partners and the liaison log: organizations and their people, every contact logged.

A log entry takes ten seconds: Ctrl+L opens the quick entry anywhere in the window, the
summary has the focus, Tab walks partner, person there, channel and follow-up date, and
Ctrl+Enter saves. Follow-ups due today or overdue are listed apart and marked done there.
Every change is written through the runner (`ui.operations.write_and_wait`): while a colleague
holds the roster, the window keeps answering and says who. The page's partners, log and follow-ups are
read off the GUI thread (`reload()` returns once they show; an answer about a roster replaced meanwhile,
or read for an officer who has since switched, is dropped), and so are the quick entry's partners.

    dialog = QuickLogDialog(window.workspace, person_ids=[12], parent=window.partners)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.partners import Channel, OrgKind
from desktop_app.domain.phones import display_phone
from desktop_app.services import changes, partners
from desktop_app.services.partners import ContactView, LiaisonView, OrganizationView
from desktop_app.services.workspace import Workspace
from desktop_app.ui import labels
from desktop_app.ui.errors import show_error
from desktop_app.ui.keys import native_keys
from desktop_app.ui.latest_read import WaitedReads, opening_once
from desktop_app.ui.operations import write_and_wait
from desktop_app.ui.pages import master_detail
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.workspace_signals import OnWorkspace, WorkspaceHub

PARTNER_KINDS = frozenset({changes.PARTNERS, changes.LIAISON})


class QuickLogDialog(QDialog):
    """One liaison log entry: summary, partner, person there, channel, follow-up date."""

    def __init__(self, workspace: Workspace, *, person_ids: list[int] | None = None,
                 organization_id: int | None = None, organizations: list[OrganizationView] | None = None,
                 parent: QWidget | None = None) -> None:
        """`organizations`: the partners to offer, read by the caller off the GUI thread (the Partners page
        does); a dialog shown on its own reads them itself."""
        super().__init__(parent)
        self.setObjectName("quickLogDialog")
        self.setWindowTitle(self.tr("Log a contact"))
        self.workspace = workspace
        self.person_ids = person_ids or []
        self.entry: LiaisonView | None = None
        self.organizations = partners.organizations(workspace.db) if organizations is None else organizations
        self.summary = QPlainTextEdit(self, objectName="logSummary")
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(self.tr("What was said or agreed"))
        self.summary.setFixedHeight(80)
        self.organization = QComboBox(self, objectName="logOrganization")
        self.organization.addItem(self.tr("(none)"), None)
        for organization in self.organizations:
            self.organization.addItem(organization.name, organization.id)
        self.contact = QComboBox(self, objectName="logContact")
        self.counterpart = QLineEdit(self, objectName="logCounterpart")
        self.counterpart.setPlaceholderText(self.tr("or the name of whoever you spoke to"))
        self.channel = QComboBox(self, objectName="logChannel")
        for channel in Channel:
            self.channel.addItem(labels.channel(channel.value), channel.value)
        self.follow_up = QCheckBox(self.tr("&Follow up on"), self, objectName="logFollowUp")
        self.follow_up_date = QDateEdit(self, objectName="logFollowUpDate")
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_date.setDate(QDate.currentDate().addDays(1))
        self.follow_up_date.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_date.setEnabled)
        self.organization.currentIndexChanged.connect(self._fill_contacts)
        if organization_id is not None:
            self.organization.setCurrentIndex(max(0, self.organization.findData(organization_id)))
        self._fill_contacts()
        about = QLabel(self.tr("About %n person(s) selected in the roster", "", len(self.person_ids)), self) \
            if self.person_ids else None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_up)
        follow_row.addWidget(self.follow_up_date)
        follow_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("&Summary"), self.summary)
        form.addRow(self.tr("&Partner"), self.organization)
        form.addRow(self.tr("Person &there"), self.contact)
        form.addRow("", self.counterpart)
        form.addRow(self.tr("&Channel"), self.channel)
        form.addRow(follow_row)
        if about is not None:
            form.addRow(about)
        form.addRow(buttons)
        self.summary.setFocus()

    @Slot()
    def _fill_contacts(self) -> None:
        self.contact.clear()
        self.contact.addItem(self.tr("(nobody named)"), None)
        organization_id = self.organization.currentData()
        for organization in self.organizations:
            if organization.id == organization_id:
                for contact in organization.contacts:
                    self.contact.addItem(contact.name, contact.id)

    @Slot()
    def save(self) -> None:
        db, operator, summary = self.workspace.db, self.workspace.operator, self.summary.toPlainText()
        channel, organization_id = Channel(self.channel.currentData()), self.organization.currentData()
        contact_id, counterpart = self.contact.currentData(), self.counterpart.text().strip()
        due: dt.date | None = self.follow_up_date.date().toPython() if self.follow_up.isChecked() else None  # type: ignore[assignment]
        person_ids = self.person_ids
        try:
            self.entry = write_and_wait(self, self.tr("Logging the contact"), lambda: partners.log_contact(
                db, summary, operator=operator, channel=channel, organization_id=organization_id,
                contact_id=contact_id, counterpart=counterpart, follow_up_due=due, person_ids=person_ids),
                kinds=PARTNER_KINDS)
        except RosterError as exc:
            show_error(self, exc)
            return
        self.accept()


class OrganizationDialog(QDialog):
    """Add or edit a partner organization."""

    def __init__(self, organization: OrganizationView | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organizationDialog")
        self.setWindowTitle(self.tr("Partner organization"))
        self.name = QLineEdit(organization.name if organization else "", self, objectName="organizationName")
        self.kind = QComboBox(self, objectName="organizationKind")
        for kind in OrgKind:
            self.kind.addItem(labels.kind(kind.value), kind.value)
        if organization:
            self.kind.setCurrentIndex(self.kind.findData(organization.kind))
        self.country = QLineEdit((organization.country or "") if organization else "", self,
                                 objectName="organizationCountry", placeholderText="EGY, ISR, CHE…")
        self.notes = QLineEdit(organization.notes if organization else "", self, objectName="organizationNotes")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Country"), self.country)
        form.addRow(self.tr("N&otes"), self.notes)
        form.addRow(buttons)


class ContactDialog(QDialog):
    """Add or edit a person at a partner organization."""

    def __init__(self, contact: ContactView | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("Person at a partner"))
        self.name = QLineEdit(contact.name if contact else "", self, objectName="contactName")
        self.position = QLineEdit(contact.position if contact else "", self, objectName="contactPosition")
        self.phones = QLineEdit(", ".join(contact.phones) if contact else "", self, objectName="contactPhones",
                                placeholderText="+20 2 2794 0000, …")
        self.emails = QLineEdit(", ".join(contact.emails) if contact else "", self, objectName="contactEmails")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Position"), self.position)
        form.addRow(self.tr("P&hones"), self.phones)
        form.addRow(self.tr("&E-mails"), self.emails)
        form.addRow(buttons)

    def phone_list(self) -> list[str]:
        return [p for p in self.phones.text().split(",") if p.strip()]

    def email_list(self) -> list[str]:
        return [e for e in self.emails.text().split(",") if e.strip()]


class PartnersPage(QWidget, OnWorkspace):
    changed = Signal()

    def __init__(self, hub: WorkspaceHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partnersPage")
        self.hub = hub
        hub.follow(self, frozenset({changes.PARTNERS, changes.LIAISON, changes.SETTINGS}), self.reload)
        self.phone_region: str | None = None
        self._listed = 0  # the reload asked for last: one overtaken by a later reload shows nothing
        self._waited = WaitedReads(self, hub.open_roster)

        self.orgs_model: RecordsModel[OrganizationView] = RecordsModel(
            [(self.tr("Organization"), lambda o: o.name), (self.tr("Kind"), lambda o: labels.kind(o.kind)),
             (self.tr("Country"), lambda o: o.country or "")], parent=self)
        self.orgs_view = self._table("organizationsTable", self.orgs_model)
        self.orgs_view.setColumnWidth(0, 200)
        self.contacts_model: RecordsModel[ContactView] = RecordsModel(
            [(self.tr("Name"), lambda c: c.name), (self.tr("Position"), lambda c: c.position),
             (self.tr("Phones"), lambda c: ", ".join(display_phone(p) for p in c.phones)),
             (self.tr("E-mails"), lambda c: ", ".join(c.emails))], parent=self)
        self.contacts_view = self._table("contactsTable", self.contacts_model)
        self.contacts_view.setColumnWidth(0, 150)
        add_org = QPushButton(self.tr("Add &organization…"), self, objectName="addOrganizationButton")
        add_org.clicked.connect(self.add_organization)
        edit_org = QPushButton(self.tr("&Edit…"), self, objectName="editOrganizationButton")
        edit_org.clicked.connect(self.edit_organization)
        self.orgs_view.doubleClicked.connect(self.edit_organization)
        add_contact = QPushButton(self.tr("Add &person…"), self, objectName="addContactButton")
        add_contact.clicked.connect(self.add_contact)
        edit_contact = QPushButton(self.tr("Edi&t…"), self, objectName="editContactButton")
        edit_contact.clicked.connect(self.edit_contact)
        self.contacts_view.doubleClicked.connect(self.edit_contact)

        self.log_model: RecordsModel[LiaisonView] = RecordsModel(
            [(self.tr("When"), lambda e: f"{e.at:%Y-%m-%d %H:%M}"), (self.tr("Who"), lambda e: e.operator),
             (self.tr("Channel"), lambda e: labels.channel(e.channel)),
             (self.tr("With"), lambda e: " / ".join(x for x in (e.organization, e.contact or e.counterpart) if x)),
             (self.tr("Summary"), lambda e: e.summary), (self.tr("Follow up"), lambda e: e.follow_up_due or "")],
            parent=self)
        self.log_view = self._table("liaisonLog", self.log_model)
        for column, width in enumerate((115, 80, 75, 200, 330)):
            self.log_view.setColumnWidth(column, width)
        new_entry = QPushButton(native_keys(self.tr("&Log a contact…  (Ctrl+L)")), self, objectName="logContactButton")
        new_entry.clicked.connect(lambda: self.quick_entry())
        self.due_model: RecordsModel[LiaisonView] = RecordsModel(
            [(self.tr("Due"), lambda e: e.follow_up_due or ""),
             (self.tr("With"), lambda e: " / ".join(x for x in (e.organization, e.contact or e.counterpart) if x)),
             (self.tr("Summary"), lambda e: e.summary)],
            warn=lambda e: self.tr("Overdue") if e.follow_up_due and e.follow_up_due < dt.date.today() else None,
            parent=self)
        self.due_view = self._table("followUpsDue", self.due_model)
        self.due_view.setColumnWidth(1, 220)
        done = QPushButton(self.tr("Mark &done"), self, objectName="followUpDoneButton")
        done.clicked.connect(self.mark_done)
        self.due_label = QLabel(self, objectName="followUpsHeading")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Partner organizations</b>"), self))
        left_layout.addWidget(self.orgs_view, 2)
        row = QHBoxLayout()
        row.addWidget(add_org)
        row.addWidget(edit_org)
        row.addStretch(1)
        left_layout.addLayout(row)
        left_layout.addWidget(QLabel(self.tr("<b>People there</b>"), self))
        left_layout.addWidget(self.contacts_view, 2)
        row = QHBoxLayout()
        row.addWidget(add_contact)
        row.addWidget(edit_contact)
        row.addStretch(1)
        left_layout.addLayout(row)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.due_label)
        right_layout.addWidget(self.due_view, 1)
        row = QHBoxLayout()
        row.addWidget(done)
        row.addStretch(1)
        right_layout.addLayout(row)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Liaison log</b>"), self), 1)
        top.addWidget(new_entry)
        right_layout.addLayout(top)
        right_layout.addWidget(self.log_view, 3)
        self.splitter = master_detail(self, left, right, "partnersSplitter", 420)
        self.orgs_view.selectionModel().currentRowChanged.connect(self._show_contacts)

    def _table(self, name: str, model: RecordsModel) -> QTableView:  # type: ignore[type-arg]
        view = QTableView(self, objectName=name)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        return view

    @property
    def busy(self) -> bool:
        """Whether a read of the partners, the log or the follow-ups is still on its way."""
        return self._waited.busy

    @Slot()
    def reload(self) -> None:
        """Read the partners, the log and the follow-ups due off the GUI thread, then show them; returns once
        shown (the window answering meanwhile, the page's cursor saying it reads)."""
        db = self.db
        self._listed += 1
        listed = self._listed
        self.setCursor(Qt.CursorShape.BusyCursor)
        found = self._waited.wait_for(lambda: (partners.organizations(db), partners.log_entries(db),
                                               partners.follow_ups_due(db)))
        if not shiboken6.isValid(self):
            return  # the window closed meanwhile
        if not self.busy:
            self.unsetCursor()
        if not found or listed != self._listed:
            return  # failed (and said so), another roster or officer meanwhile, or overtaken by a later reload
        organizations, log, due = found[0]
        current = self.current_organization()
        self.orgs_model.set_records(organizations)
        for row, organization in enumerate(self.orgs_model.records):
            if current is None or organization.id == current.id:
                self.orgs_view.selectRow(row)
                break
        self._show_contacts()
        self.log_model.set_records(log)
        self.due_model.set_records(due)
        self.due_label.setText(self.tr("<b>Follow-ups due today or overdue: %1</b>").replace("%1", str(len(due))))

    def current_organization(self) -> OrganizationView | None:
        index = self.orgs_view.currentIndex()
        return self.orgs_model.record(index.row()) if index.isValid() else None

    @Slot()
    def _show_contacts(self) -> None:
        organization = self.current_organization()
        self.contacts_model.set_records(organization.contacts if organization else [])

    def _after(self) -> None:
        self.reload()
        self.changed.emit()

    def _write(self, title: str, work: Callable[[], object]) -> None:
        """Write `work()` through the runner, say a refusal, and show the result."""
        try:
            write_and_wait(self, title, work, kinds=PARTNER_KINDS, hub=self.hub)
        except RosterError as exc:
            show_error(self, exc)
        self._after()

    @Slot()
    def add_organization(self) -> None:
        dialog = OrganizationDialog(None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        db, operator = self.db, self.operator
        name, kind, country, notes = (dialog.name.text(), OrgKind(dialog.kind.currentData()),
                                      dialog.country.text().strip() or None, dialog.notes.text())
        self._write(self.tr("Adding the partner"), lambda: partners.create_organization(
            db, name, kind, operator=operator, country=country, notes=notes))

    @Slot()
    def edit_organization(self) -> None:
        organization = self.current_organization()
        if organization is None:
            return
        dialog = OrganizationDialog(organization, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        db, operator = self.db, self.operator
        name, kind, country, notes = (dialog.name.text(), OrgKind(dialog.kind.currentData()), dialog.country.text(),
                                      dialog.notes.text())
        self._write(self.tr("Saving the partner"), lambda: partners.update_organization(
            db, organization.id, operator=operator, name=name, kind=kind, country=country, notes=notes))

    @Slot()
    def add_contact(self) -> None:
        organization = self.current_organization()
        if organization is None:
            return
        dialog = ContactDialog(None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        db, operator, region = self.db, self.operator, self.phone_region
        name, position, phones, emails = (dialog.name.text(), dialog.position.text(), dialog.phone_list(),
                                          dialog.email_list())
        self._write(self.tr("Adding the contact"), lambda: partners.add_contact(
            db, organization.id, name, operator=operator, position=position, phones=phones, emails=emails,
            region=region))

    @Slot()
    def edit_contact(self) -> None:
        index = self.contacts_view.currentIndex()
        if not index.isValid():
            return
        contact = self.contacts_model.record(index.row())
        dialog = ContactDialog(contact, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        db, operator, region = self.db, self.operator, self.phone_region
        name, position, phones, emails = (dialog.name.text(), dialog.position.text(), dialog.phone_list(),
                                          dialog.email_list())
        self._write(self.tr("Saving the contact"), lambda: partners.update_contact(
            db, contact.id, operator=operator, name=name, position=position, phones=phones, emails=emails,
            region=region))

    def quick_entry(self, person_ids: list[int] | None = None) -> QuickLogDialog | None:
        """The quick log entry, its partners read off the GUI thread first; None if that read failed (and said
        why), or another roster or officer came meanwhile."""
        organization = self.current_organization()
        db = self.db
        with opening_once(self, "quickLog") as first:
            if not first:  # Ctrl+L again while the partners are read: a second entry would log the contact twice
                return None
            found = self._waited.wait_for(lambda: partners.organizations(db))
        if not found:
            return None
        dialog = QuickLogDialog(self.workspace, person_ids=person_ids,
                                organization_id=organization.id if organization else None, organizations=found[0],
                                parent=self)
        dialog.accepted.connect(self._after)
        dialog.open()
        dialog.activateWindow()
        dialog.summary.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return dialog

    @Slot()
    def mark_done(self) -> None:
        ids = [self.due_model.record(index.row()).id for index in self.due_view.selectionModel().selectedRows()]
        db, operator = self.db, self.operator

        def complete() -> None:
            for entry_id in sorted(ids):
                partners.complete_follow_up(db, entry_id, operator=operator)

        self._write(self.tr("Marking the follow-ups done"), complete)
