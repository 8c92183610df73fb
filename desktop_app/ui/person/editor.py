"""The person editor: every field of a person, validated as you type, with documents, phones,
status changes and the person's history.

Values are checked by the same domain rules the services apply: a birth date in the future,
an expired passport or a phone number `phonenumbers` rejects are flagged next to the field
and the Save button stays off until they are fixed. Saving sends only the fields that
changed, with the version the editor loaded, so a colleague's edit is never overwritten.
A phone or document typed below its list but not added with its button is added by Save
(and the window's status bar says so); one that is not valid stops the Save and is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.domain.person import (
    DocumentData,
    DocumentType,
    Relationship,
    validate_field,
)
from desktop_app.domain.phones import display_phone, normalize_phone
from desktop_app.domain.reasons import audit_summary, audit_word, history_reason
from desktop_app.domain.status import Status, allowed_next
from desktop_app.services import households, lists, persons
from desktop_app.services.audit import AuditView
from desktop_app.services.exporting import Recipient
from desktop_app.services.households import HouseholdView
from desktop_app.services.partners import LiaisonView
from desktop_app.services.person_sheet import PersonSheet, read_person_sheet
from desktop_app.services.persons import DocumentView, PersonView, PhoneView
from desktop_app.services.status import StatusChangeView
from desktop_app.storage.db import Database
from desktop_app.ui import labels
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.fit import fit_columns, fit_placeholder
from desktop_app.ui.pages.households import confirm_relationship
from desktop_app.ui.person.fields import FORM_GROUPS, FieldEditor, PersonEdit, _text_of, _tr
from desktop_app.ui.person.status_dialog import StatusDialog
from desktop_app.ui.records_model import RecordsModel

if TYPE_CHECKING:
    from desktop_app.ui.operations import PendingOperation
    from desktop_app.ui.workspace_signals import WorkspaceHub


class PersonEditor(QDialog):
    """Edit (or, with `person_id=None`, register) one person."""

    saved = Signal(int)
    edited = Signal(object)  # PersonEdit, for the window's undo stack
    status_changed = Signal(int, str, str, str)  # person id, case ref, old status, new status
    navigate = Signal(int, int)  # person id, step: save and open the next (+1) or previous (-1) person

    def __init__(self, db: Database, operator: str, person_id: int | None = None, *,
                 phone_region: str | None = None, parent: QWidget | None = None,
                 hub: WorkspaceHub | None = None) -> None:
        """With the window's `hub`, the person is read (one `read_person_sheet`) and Save writes off the GUI
        thread (ui.operations), waiting for a colleague's write if need be while the window keeps answering;
        without one, at once."""
        super().__init__(parent)
        self.setObjectName("personEditor")
        self.db = db
        self.operator = operator
        self.phone_region = phone_region
        self.hub = hub
        self.pending: PendingOperation | None = None  # the save on its way
        self.sheet: PersonSheet | None = self._read_sheet(person_id) if person_id is not None else None
        self.person: PersonView | None = self.sheet.person if self.sheet is not None else None
        self.pending_documents: list[DocumentData] = []
        self.pending_phones: list[tuple[str, str]] = []  # (E.164, label) of a person not saved yet
        self.added_on_save: list[str] = []  # what Save added from the typing lines, as the officer reads it
        self.resize(820, 640)

        self.heading = QLabel(self)
        self.heading.setObjectName("personHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("personStatus")
        self.change_status_button = QPushButton(self.tr("Change status…"), self)
        self.change_status_button.setObjectName("changeStatusButton")
        self.change_status_button.clicked.connect(self.change_status)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("personTabs")
        self.fields: dict[str, FieldEditor] = {}
        self.tabs.addTab(self._details_tab(), self.tr("&Details"))
        self.tabs.addTab(self._documents_tab(), self.tr("D&ocuments and phones"))
        self.tabs.addTab(self._household_tab(), self.tr("Hou&sehold"))
        self.tabs.addTab(self._history_tab(), self.tr("&History"))
        self.tabs.addTab(self._log_tab(), self.tr("&Log and audit"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=lambda: self.save_and_move(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=lambda: self.save_and_move(-1))

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status_label)
        top.addWidget(self.change_status_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._load()

    # --- building --------------------------------------------------------------------------

    def _details_tab(self) -> QWidget:
        body = QWidget()
        grid = QGridLayout(body)
        for column, (group_title, keys) in enumerate(FORM_GROUPS):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            title = QLabel(f"<b>{_tr(group_title)}</b>")
            form.addRow(title)
            for key in keys:
                editor = FieldEditor(key, body)
                self.fields[key] = editor
                cell = QWidget(body)
                cell_layout = QVBoxLayout(cell)
                cell_layout.setContentsMargins(0, 0, 0, 0)
                cell_layout.setSpacing(1)
                cell_layout.addWidget(editor.widget)
                cell_layout.addWidget(editor.error)
                label = "" if isinstance(editor.widget, QCheckBox) else labels.field_label(key, editor.spec.label)
                form.addRow(label, cell)
                if label:
                    form.labelForField(cell).setBuddy(editor.widget)
                editor.connect(self._validate)
            # Identity fills the left column; contact and needs stack on the right.
            if column == 0:
                grid.addLayout(form, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            else:
                grid.addLayout(form, column - 1, 1, Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _documents_tab(self) -> QWidget:
        page = QWidget()
        today = dt.date.today()
        self.documents_model: RecordsModel[DocumentView] = RecordsModel(
            [(self.tr("Type"), lambda d: d.doc_type.replace("_", " ")), (self.tr("Number"), lambda d: d.number),
             (self.tr("Issued by"), lambda d: d.issuing_country), (self.tr("Issued"), lambda d: d.issue_date),
             (self.tr("Expires"), lambda d: d.expiry_date)],
            warn=lambda d: self.tr("This document has expired") if d.expired(today) else None, parent=self)
        self.documents_view = QTableView(page)
        self.documents_view.setObjectName("documentsTable")
        self.documents_view.setModel(self.documents_model)
        self.documents_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.documents_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)

        self.doc_type = QComboBox(page)
        self.doc_type.setObjectName("newDocumentType")
        for kind in DocumentType:
            self.doc_type.addItem(labels.word(kind.value), kind.value)
        self.doc_number = QLineEdit(page, placeholderText=self.tr("Number"), objectName="newDocumentNumber")
        self.doc_country = QLineEdit(page, placeholderText=self.tr("Country (ISO)"), objectName="newDocumentCountry")
        self.doc_issued = QLineEdit(page, placeholderText=self.tr("Issued YYYY-MM-DD"), objectName="newDocumentIssued")
        self.doc_expiry = QLineEdit(page, placeholderText=self.tr("Expires YYYY-MM-DD"), objectName="newDocumentExpiry")
        self.doc_expiry.textChanged.connect(self._check_expiry)
        add_document = QPushButton(self.tr("Add document"), page, objectName="addDocumentButton")
        add_document.clicked.connect(self.add_document)
        remove_document = QPushButton(self.tr("Remove selected"), page, objectName="removeDocumentButton")
        remove_document.clicked.connect(self.remove_document)
        self.document_problem = QLabel(page, objectName="documentProblem")
        self.document_problem.setStyleSheet("color: #c62828;")

        self.phones_model: RecordsModel[PhoneView] = RecordsModel(
            [(self.tr("Number"), lambda p: display_phone(p.e164)), (self.tr("Label"), lambda p: p.label)], parent=self)
        self.phones_view = QTableView(page, objectName="phonesTable")
        self.phones_view.setModel(self.phones_model)
        self.phones_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.phones_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.phone_number = QLineEdit(page, placeholderText=self.tr("Phone, e.g. +970 59 123 4567"),
                                      objectName="newPhone")
        self.phone_label = QLineEdit(page, placeholderText=self.tr("Label (mobile, relative…)"),
                                     objectName="newPhoneLabel")
        add_phone = QPushButton(self.tr("Add phone"), page, objectName="addPhoneButton")
        add_phone.clicked.connect(self.add_phone)
        remove_phone = QPushButton(self.tr("Remove selected"), page, objectName="removePhoneButton")
        remove_phone.clicked.connect(self.remove_phone)
        self.phone_problem = QLabel(page, objectName="phoneProblem")
        self.phone_problem.setStyleSheet("color: #c62828;")
        self.phone_number.textChanged.connect(self._check_phone)

        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>Documents</b>")))
        layout.addWidget(self.documents_view)
        # Two rows, so that every field shows its whole placeholder (the date forms were cut to 'Issued …').
        fit_placeholder(self.doc_number, self.doc_country, self.doc_issued, self.doc_expiry, self.phone_number,
                        self.phone_label)
        grid = QGridLayout()
        grid.addWidget(self.doc_type, 0, 0)
        grid.addWidget(self.doc_number, 0, 1)
        grid.addWidget(self.doc_country, 0, 2)
        grid.addWidget(self.doc_issued, 1, 0)
        grid.addWidget(self.doc_expiry, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(add_document)
        buttons.addWidget(remove_document)
        grid.addLayout(buttons, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        layout.addWidget(self.document_problem)
        layout.addWidget(QLabel(self.tr("<b>Phones</b>")))
        layout.addWidget(self.phones_view)
        row = QHBoxLayout()
        for widget in (self.phone_number, self.phone_label, add_phone, remove_phone):
            row.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.phone_problem)
        return page

    def _household_tab(self) -> QWidget:
        page = QWidget()
        self.household_label = QLabel(page, objectName="householdLabel")
        self.household_label.setWordWrap(True)
        self.household_members: RecordsModel[households.MemberView] = RecordsModel(
            [(self.tr("Case"), lambda m: m.case_ref), (self.tr("Name"), lambda m: m.name),
             (self.tr("Relationship"), lambda m: labels.relationship(m.relationship)),
             (self.tr("Status"), lambda m: labels.status(m.status)), (self.tr("Born"), lambda m: m.birth_date or "")],
            parent=self)
        self.household_view = QTableView(page, objectName="personHouseholdMembers")
        self.household_view.setModel(self.household_members)
        self.household_view.horizontalHeader().setStretchLastSection(True)
        self.household_view.setColumnWidth(1, 240)
        self.join_ref = QLineEdit(page, objectName="joinHouseholdRef",
                                  placeholderText=self.tr("Household ref, e.g. H-00012"))
        fit_placeholder(self.join_ref)
        self.join_relationship = QComboBox(page, objectName="joinRelationship")
        for relation in Relationship:
            self.join_relationship.addItem(labels.relationship(relation.value), relation.value)
        self.join_relationship.setCurrentIndex(self.join_relationship.findData(Relationship.CHILD.value))
        join = QPushButton(self.tr("&Join household"), page, objectName="joinHouseholdButton")
        join.clicked.connect(self.join_household)
        self.join_ref.returnPressed.connect(self.join_household)
        set_relation = QPushButton(self.tr("Set relationship"), page, objectName="setOwnRelationshipButton")
        set_relation.clicked.connect(self.set_own_relationship)
        self.leave_button = QPushButton(self.tr("Lea&ve household"), page, objectName="leaveHouseholdButton")
        self.leave_button.clicked.connect(self.leave_household)
        layout = QVBoxLayout(page)
        layout.addWidget(self.household_label)
        layout.addWidget(self.household_view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Household:"), page))
        row.addWidget(self.join_ref)
        row.addWidget(QLabel(self.tr("as"), page))
        row.addWidget(self.join_relationship)
        row.addWidget(join)
        row.addWidget(set_relation)
        row.addStretch(1)
        row.addWidget(self.leave_button)
        layout.addLayout(row)
        return page

    def _log_tab(self) -> QWidget:
        page = QWidget()
        self.log_model: RecordsModel[LiaisonView] = RecordsModel(
            [(self.tr("When"), lambda e: f"{e.at:%Y-%m-%d %H:%M}"), (self.tr("Who"), lambda e: e.operator),
             (self.tr("With"), lambda e: " / ".join(x for x in (e.organization, e.contact or e.counterpart) if x)),
             (self.tr("Summary"), lambda e: e.summary), (self.tr("Follow up"), lambda e: e.follow_up_due or "")],
            parent=self)
        self.log_view = QTableView(page, objectName="personLiaisonLog")
        self.log_view.setModel(self.log_model)
        self.log_view.horizontalHeader().setStretchLastSection(True)
        self.log_view.setColumnWidth(2, 200)
        self.audit_model: RecordsModel[AuditView] = RecordsModel(
            [(self.tr("When"), lambda a: f"{a.at:%Y-%m-%d %H:%M:%S}"), (self.tr("Operator"), lambda a: a.operator),
             (self.tr("Action"), lambda a: translated(audit_word(a.action))),
             (self.tr("What"), lambda a: translated(audit_summary(a.summary)))], parent=self)
        self.audit_view = QTableView(page, objectName="personAuditTrail")
        self.audit_view.setModel(self.audit_model)
        self.audit_view.horizontalHeader().setStretchLastSection(True)
        self.audit_view.setColumnWidth(0, 150)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>Liaison log entries about this person</b>")))
        layout.addWidget(self.log_view)
        layout.addWidget(QLabel(self.tr("<b>Audit trail of this record</b>")))
        layout.addWidget(self.audit_view)
        return page

    def _history_tab(self) -> QWidget:
        page = QWidget()
        self.history_model: RecordsModel[StatusChangeView] = RecordsModel(
            [(self.tr("When"), lambda h: f"{h.at:%Y-%m-%d %H:%M}"), (self.tr("Who"), lambda h: h.operator),
             (self.tr("From"), lambda h: labels.status(h.from_status)),
             (self.tr("To"), lambda h: labels.status(h.to_status)), (self.tr("List"), lambda h: h.list_name),
             (self.tr("Reason"), lambda h: translated(history_reason(h.reason)))], parent=self)
        self.history_view = QTableView(page, objectName="historyTable")
        self.history_view.setModel(self.history_model)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.lists_model: RecordsModel[lists.MembershipView] = RecordsModel(
            [(self.tr("List"), lambda m: m.list_name), (self.tr("Partner"), lambda m: m.organization),
             (self.tr("List state"), lambda m: labels.state(m.state)),
             (self.tr("Answer"), lambda m: labels.answer(m.answer)), (self.tr("Valid until"), lambda m: m.valid_until),
             (self.tr("Crossed"), lambda m: f"{m.crossed_at:%Y-%m-%d}" if m.crossed_at else "")], parent=self)
        self.lists_view = QTableView(page, objectName="membershipsTable")
        self.lists_view.setModel(self.lists_model)
        self.lists_view.horizontalHeader().setStretchLastSection(True)
        fit_columns(self.history_view, (110, 100, 130, 130, 100))  # "Состояние списка" was cut
        fit_columns(self.lists_view, (100, 100, 100, 100, 100))
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>Status history</b>")))
        layout.addWidget(self.history_view)
        layout.addWidget(QLabel(self.tr("<b>Evacuation lists and the partners' answers</b>")))
        # An approval on one list and a refusal on another: the status says only one of them.
        self.history_conflict = QLabel(page, objectName="historyAnswerConflicts")
        self.history_conflict.setWordWrap(True)
        self.history_conflict.setStyleSheet("color: #b71c1c;")
        self.history_conflict.hide()
        layout.addWidget(self.history_conflict)
        layout.addWidget(self.lists_view)
        self.recipients_model: RecordsModel[Recipient] = RecordsModel(
            [(self.tr("When"), lambda r: f"{r.at:%Y-%m-%d %H:%M}"), (self.tr("Partner"), lambda r: r.recipient),
             (self.tr("Profile"), lambda r: r.profile), (self.tr("File"), lambda r: r.file_name),
             (self.tr("Encrypted"), lambda r: self.tr("yes") if r.encrypted else self.tr("no")),
             (self.tr("By"), lambda r: r.operator)], parent=self)
        self.recipients_view = QTableView(page, objectName="recipientsTable")
        self.recipients_view.setModel(self.recipients_model)
        self.recipients_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(QLabel(self.tr("<b>Data shared with partners</b> (every export that carried this person)")))
        layout.addWidget(self.recipients_view)
        return page

    # --- loading and checking ----------------------------------------------------------------

    def _read_sheet(self, person_id: int) -> PersonSheet:
        """Everything the tabs show about the person, read off the GUI thread when the window's hub is here
        (the window keeps answering meanwhile); raises as the read did."""
        db = self.db
        if self.hub is None:
            return read_person_sheet(db, person_id)
        from desktop_app.ui.operations import run_read

        found: list[PersonSheet] = []
        refused: list[BaseException] = []
        run_read(self, lambda: read_person_sheet(db, person_id), found.append, refused.append).wait()
        if refused:
            raise refused[0]
        if not found:
            raise RuntimeError("the person's sheet was not read")  # a bug, already shown by the crash dialog
        return found[0]

    def _load(self) -> None:
        if self.person is not None and (self.sheet is None or self.sheet.person is not self.person):
            try:
                self.sheet = self._read_sheet(self.person.id)
            except RosterError as exc:  # moved to the trash or merged by a colleague meanwhile
                show_error(self, exc)
                return
            self.person = self.sheet.person
        person, sheet = self.person, self.sheet
        for key, editor in self.fields.items():
            editor.set_raw(_text_of(person, key))
        if person is None:
            self.setWindowTitle(self.tr("New person"))
            self.heading.setText(self.tr("New person"))
            self.status_label.setText(self.tr("will be registered"))
            self.change_status_button.setEnabled(False)
            self.documents_model.set_records([])
            self.phones_model.set_records([])
            self.household_label.setText(self.tr("Save the person first, then choose a household."))
            self.tabs.setTabEnabled(self.tabs.indexOf(self.household_view.parentWidget()), False)
        else:
            self.setWindowTitle(f"{person.case_ref} — {person.display_name}")
            self.heading.setText(f"{person.display_name}  <span style='color:#666'>{person.case_ref}</span>")
            self.status_label.setText(self.tr("Status: %1").replace("%1", f"<b>{labels.status(person.status)}</b>"))
            self.change_status_button.setEnabled(bool(allowed_next(Status(person.status))))
            self.documents_model.set_records(person.documents)
            self.phones_model.set_records(person.phones)
            assert sheet is not None
            self.history_model.set_records(sheet.history)
            self.lists_model.set_records(sheet.memberships)
            self.history_conflict.setText("\n".join("⚠ " + translated(c.message) for c in sheet.conflicts))
            self.history_conflict.setVisible(bool(sheet.conflicts))
            self.recipients_model.set_records(sheet.recipients)
            self.log_model.set_records(sheet.log)
            self.audit_model.set_records(sheet.audit)
            self._load_household(person, sheet.household)
        self._validate()

    def _load_household(self, person: PersonView, household: HouseholdView | None) -> None:
        if household is None:
            self.household_label.setText(self.tr("Not in a household. Type a household reference to join one."))
            self.household_members.set_records([])
            self.leave_button.setEnabled(False)
            return
        role = labels.relationship(person.relationship) or self.tr("member")
        self.household_label.setText(f"<b>{household.ref} — {household.name}</b>: {role}")
        self.household_members.set_records(household.members)
        self.leave_button.setEnabled(True)
        self.join_relationship.setCurrentIndex(max(0, self.join_relationship.findData(person.relationship)))

    def changes(self) -> dict[str, Any]:
        """The fields whose text differs from what was loaded."""
        result: dict[str, Any] = {}
        for key, editor in self.fields.items():
            raw = editor.raw()
            loaded = _text_of(self.person, key)
            if (raw or None) != (loaded or None) and not (isinstance(raw, bool) and raw == bool(loaded)):
                result[key] = raw
        return result

    @Slot()
    def _validate(self) -> bool:
        ok = True
        for key, editor in self.fields.items():
            try:
                validate_field(key, editor.raw())
            except ValidationError as exc:
                editor.show_problem(translated(exc.why))
                ok = False
            else:
                editor.show_problem(None)
        has_name = any(self.fields[k].raw() for k in ("surname", "surname_latin", "given_names"))
        if not has_name:
            self.fields["surname"].show_problem(self.tr("a surname (native or Latin) is required"))
            ok = False
        self.save_button.setEnabled(ok)
        return ok

    # --- documents and phones -------------------------------------------------------------------

    def _document_from_form(self) -> DocumentData:
        return DocumentData.create(self.doc_type.currentData(), self.doc_number.text(),
                                   self.doc_country.text() or None, self.doc_issued.text() or None,
                                   self.doc_expiry.text() or None)

    @Slot()
    def add_document(self) -> None:
        try:
            document = self._document_from_form()
        except ValidationError as exc:
            self.document_problem.setText(translated(exc))
            return
        for line in (self.doc_number, self.doc_country, self.doc_issued, self.doc_expiry):
            line.clear()
        warning = self.tr("expired: kept, but it cannot be used to cross") if document.expiry_date and \
            document.expiry_date < dt.date.today() else ""
        self.document_problem.setText(warning)
        if self.person is None:
            self.pending_documents.append(document)
            pending = DocumentView(-len(self.pending_documents), document.doc_type.value, document.number,
                                   document.issuing_country, document.issue_date, document.expiry_date)
            self.documents_model.set_records([*self.documents_model.records, pending])
        else:
            self._reload_after(lambda: persons.add_document(self.db, self.person.id, document,  # type: ignore[union-attr]
                                                            operator=self.operator))

    @Slot()
    def remove_document(self) -> None:
        rows = self.documents_view.selectionModel().selectedRows()
        if not rows or self.person is None:
            return
        document = self.documents_model.record(rows[0].row())
        self._reload_after(lambda: persons.remove_document(self.db, self.person.id, document.id,  # type: ignore[union-attr]
                                                           operator=self.operator))

    @Slot()
    def _check_expiry(self) -> None:
        text = self.doc_expiry.text().strip()
        if len(text) < 10:
            self.document_problem.clear()
            return
        try:
            expiry = dt.date.fromisoformat(text)
        except ValueError:
            self.document_problem.setText(self.tr("expiry date: write it as YYYY-MM-DD"))
            return
        self.document_problem.setText(self.tr("expired: kept, but it cannot be used to cross")
                                      if expiry < dt.date.today() else "")

    def _household_action(self, action: Any) -> None:
        if self.person is None:
            return
        try:
            action()
        except RosterError as exc:
            show_error(self, exc)
            return
        self._reload_after(lambda: persons.get_person(self.db, self.person.id))  # type: ignore[union-attr]

    @Slot()
    def join_household(self) -> None:
        ref = self.join_ref.text().strip()
        if self.person is None or not ref:
            return
        match = next((h for h in households.list_households(self.db, text=ref, limit=50)
                      if h.ref.casefold() == ref.casefold()), None)
        if match is None:
            show_error(self, RosterError(self.tr("No household %1 on this roster.").replace("%1", ref)))
            return
        person_id = self.person.id
        relation = Relationship(self.join_relationship.currentData())
        if not confirm_relationship(self, self.person.case_ref, relation, self.person.birth_date):
            return
        self._household_action(lambda: households.add_member(self.db, match.id, person_id, relation,
                                                             operator=self.operator))
        self.join_ref.clear()

    @Slot()
    def set_own_relationship(self) -> None:
        person = self.person
        if person is None or person.household_id is None:
            return
        relation = Relationship(self.join_relationship.currentData())
        if not confirm_relationship(self, person.case_ref, relation, person.birth_date):
            return
        self._household_action(lambda: households.set_relationship(self.db, person.household_id, person.id,  # type: ignore[arg-type]
                                                                   relation, operator=self.operator))

    @Slot()
    def leave_household(self) -> None:
        person = self.person
        if person is None or person.household_id is None:
            return
        self._household_action(lambda: households.remove_member(self.db, person.household_id, person.id,  # type: ignore[arg-type]
                                                                operator=self.operator))

    @Slot()
    def _check_phone(self) -> None:
        text = self.phone_number.text()
        if not text.strip():
            self.phone_problem.clear()
            return
        try:
            normalize_phone(text, self.phone_region)
        except ValidationError as exc:
            self.phone_problem.setText(translated(exc.why))
        else:
            self.phone_problem.clear()

    @Slot()
    def add_phone(self) -> None:
        try:
            e164 = normalize_phone(self.phone_number.text(), self.phone_region)
        except ValidationError as exc:
            self.phone_problem.setText(translated(exc.why))
            return
        if self._listed(e164):
            pass  # already in the list: one number is recorded once
        elif self.person is None:
            self.pending_phones.append((e164, self.phone_label.text()))
            pending_phone = PhoneView(-len(self.pending_phones), e164, self.phone_label.text())
            self.phones_model.set_records([*self.phones_model.records, pending_phone])
        else:
            self._reload_after(lambda: persons.add_phone(self.db, self.person.id, e164,  # type: ignore[union-attr]
                                                         label=self.phone_label.text(), operator=self.operator))
        self.phone_number.clear()
        self.phone_label.clear()

    def _listed(self, e164: str) -> bool:
        """Whether the number is in the phones list already (recorded, or added to a new person)."""
        return any(phone.e164 == e164 for phone in self.phones_model.records)

    @Slot()
    def remove_phone(self) -> None:
        rows = self.phones_view.selectionModel().selectedRows()
        if not rows or self.person is None:
            return
        phone = self.phones_model.record(rows[0].row())
        self._reload_after(lambda: persons.remove_phone(self.db, self.person.id, phone.id,  # type: ignore[union-attr]
                                                        operator=self.operator))

    def _reload_after(self, action: Any) -> None:
        try:
            updated: PersonView = action()
        except RosterError as exc:
            show_error(self, exc)
            return
        unsaved = self.changes()
        self.person = updated
        self._load()
        for key, value in unsaved.items():
            self.fields[key].set_raw(value)
        self.saved.emit(updated.id)

    # --- saving -----------------------------------------------------------------------------------

    def _typed_entries(self) -> tuple[tuple[str, str] | None, DocumentData | None] | None:
        """The phone and the document typed in their lines but not added, checked; None when one is
        not valid (its problem is shown on its tab and Save stops: nothing typed is lost)."""
        phone: tuple[str, str] | None = None
        document: DocumentData | None = None
        if self.phone_number.text().strip():
            try:
                phone = (normalize_phone(self.phone_number.text(), self.phone_region), self.phone_label.text())
            except ValidationError as exc:
                self.phone_problem.setText(self.tr("The phone typed here is not added yet: %1")
                                           .replace("%1", translated(exc.why)))
                self.tabs.setCurrentIndex(1)
                self.phone_number.setFocus()
                return None
            if self._listed(phone[0]):  # typed again after Add: it is in the list, not added twice
                phone = None
                self.phone_number.clear()
                self.phone_label.clear()
        if any(line.text().strip() for line in (self.doc_number, self.doc_country, self.doc_issued, self.doc_expiry)):
            try:
                document = self._document_from_form()
            except ValidationError as exc:
                self.document_problem.setText(self.tr("The document typed here is not added yet: %1")
                                              .replace("%1", translated(exc)))
                self.tabs.setCurrentIndex(1)
                self.doc_number.setFocus()
                return None
        return phone, document

    def _tell_added(self) -> None:
        if not self.added_on_save:
            return
        message = self.tr("Also added on Save: %1").replace("%1", "; ".join(self.added_on_save))
        window = self.parent()
        while window is not None and not hasattr(window, "statusBar"):
            window = window.parent()
        if window is not None:
            window.statusBar().showMessage(message, 15_000)

    @Slot()
    def save(self) -> None:
        if not self._validate():
            return
        typed = self._typed_entries()
        if typed is None:
            return
        phone, document = typed
        changes = self.changes()
        self.added_on_save = []
        if phone is not None:
            self.added_on_save.append(self.tr("phone %1").replace("%1", display_phone(phone[0]))
                                      + (f" ({phone[1]})" if phone[1] else ""))
        if document is not None:
            self.added_on_save.append(f"{labels.word(document.doc_type.value)} {document.number}")
        db, operator, region, loaded = self.db, self.operator, self.phone_region, self.person
        documents = [*self.pending_documents, *([document] if document else [])]
        phones = [*self.pending_phones, *([phone] if phone else [])]
        written: list[PersonView] = []  # each step's result: a later step refused keeps what went before

        def write() -> PersonView:
            if loaded is None:
                written.append(persons.create_person(db, changes, operator=operator, documents=documents,
                                                     phones=phones, phone_region=region))
                return written[-1]
            if changes:  # first, with the version the fields were loaded with: a colleague's edit is caught
                written.append(persons.update_person(db, loaded.id, changes, operator=operator,
                                                     expected_version=loaded.version))
            if phone is not None:
                written.append(persons.add_phone(db, loaded.id, phone[0], label=phone[1], operator=operator))
            if document is not None:
                written.append(persons.add_document(db, loaded.id, document, operator=operator))
            return written[-1] if written else loaded

        def saved(person: PersonView) -> None:
            self.person = person
            if loaded is not None:
                if phone is not None:
                    self.phone_number.clear()
                    self.phone_label.clear()
                if document is not None:
                    for line in (self.doc_number, self.doc_country, self.doc_issued, self.doc_expiry):
                        line.clear()
                if changes:  # undo takes back the fields with the version this save left
                    self.edited.emit(PersonEdit(loaded.id, loaded.case_ref,
                                                {key: _text_of(loaded, key) for key in changes},
                                                {key: _text_of(person, key) for key in changes}, person.version))
            self.saved.emit(person.id)
            self._tell_added()
            self.accept()

        def refused(exc: BaseException) -> None:
            if written:
                self.person = written[-1]
            show_error(self, exc)

        if self.hub is None:
            try:
                person = write()
            except RosterError as exc:
                refused(exc)
                return
            saved(person)
            return
        from desktop_app.services.changes import PERSONS
        from desktop_app.ui.operations import run_write

        if self.pending is not None and not self.pending.done:
            return  # a save is on its way already
        self.pending = run_write(self, self.hub, self.tr("Saving %1").replace("%1", loaded.case_ref if loaded
                                                                                 else self.tr("the new person")),
                                 write, saved, kinds=frozenset({PERSONS}), on_failure=refused)
        self.pending.wait()  # the window keeps handling events meanwhile; Save returns once written or refused

    def save_and_move(self, step: int) -> None:
        """Save (when something changed) and open the next (+1) or previous (-1) person of the roster."""
        if self.person is None:
            return
        person_id = self.person.id
        if self.changes():
            self.save()
            if self.result() != QDialog.DialogCode.Accepted:
                return
        else:
            self.accept()
        self.navigate.emit(person_id, step)

    @Slot()
    def change_status(self) -> None:
        if self.person is None:
            return
        dialog = StatusDialog(self.db, self.operator, self.person, self, hub=self.hub)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            old_status = self.person.status
            self.sheet = self._read_sheet(self.person.id)
            self.person = self.sheet.person
            self.status_changed.emit(self.person.id, self.person.case_ref, old_status, self.person.status)
            unsaved = self.changes()
            self._load()
            for key, value in unsaved.items():
                self.fields[key].set_raw(value)
            self.saved.emit(self.person.id)
