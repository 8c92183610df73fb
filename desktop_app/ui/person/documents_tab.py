"""The person editor's Documents and phones tab: the person's documents and phones, and the lines to add
one (checked as typed: an expired document is flagged, a phone `phonenumbers` rejects is named).

For a person not registered yet, what is added waits in the editor's pending lists and is written with
the person by Save; for a registered person each add or removal is written at once
(`EditorHost.write_then_reload`). What is typed but not added is added by Save (`typed_entries`).

    documents = DocumentsTab(editor)
    documents.show_person(person); documents.phones_model.records
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.domain.phones import display_phone, normalize_phone
from desktop_app.services import persons
from desktop_app.services.persons import DocumentView, PersonView, PhoneView
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import translated
from desktop_app.ui.fit import fit_placeholder
from desktop_app.ui.person.host import EditorHost
from desktop_app.ui.records_model import RecordsModel

PROBLEM_STYLE = "color: #c62828;"


class DocumentsTab(QWidget):
    """Documents and phones of the editor's person, and the lines to add one."""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDocumentsTab")
        self.host = host
        today = dt.date.today()
        self.documents_model: RecordsModel[DocumentView] = RecordsModel(
            [(self.tr("Type"), lambda d: d.doc_type.replace("_", " ")), (self.tr("Number"), lambda d: d.number),
             (self.tr("Issued by"), lambda d: d.issuing_country), (self.tr("Issued"), lambda d: d.issue_date),
             (self.tr("Expires"), lambda d: d.expiry_date)],
            warn=lambda d: self.tr("This document has expired") if d.expired(today) else None, parent=self)
        self.documents_view = LinesTable(self, objectName="documentsTable")
        self.documents_view.setModel(self.documents_model)
        self.documents_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.documents_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)

        self.doc_type = QComboBox(self, objectName="newDocumentType")
        for kind in DocumentType:
            self.doc_type.addItem(labels.word(kind.value), kind.value)
        self.doc_number = QLineEdit(self, placeholderText=self.tr("Number"), objectName="newDocumentNumber")
        self.doc_country = QLineEdit(self, placeholderText=self.tr("Country (ISO)"), objectName="newDocumentCountry")
        self.doc_issued = QLineEdit(self, placeholderText=self.tr("Issued YYYY-MM-DD"), objectName="newDocumentIssued")
        self.doc_expiry = QLineEdit(self, placeholderText=self.tr("Expires YYYY-MM-DD"), objectName="newDocumentExpiry")
        self.doc_expiry.textChanged.connect(self._check_expiry)
        add_document = QPushButton(self.tr("Add document"), self, objectName="addDocumentButton")
        add_document.clicked.connect(self.add_document)
        remove_document = QPushButton(self.tr("Remove selected"), self, objectName="removeDocumentButton")
        remove_document.clicked.connect(self.remove_document)
        self.document_problem = QLabel(self, objectName="documentProblem")
        self.document_problem.setStyleSheet(PROBLEM_STYLE)

        self.phones_model: RecordsModel[PhoneView] = RecordsModel(
            [(self.tr("Number"), lambda p: display_phone(p.e164)), (self.tr("Label"), lambda p: p.label)], parent=self)
        self.phones_view = LinesTable(self, objectName="phonesTable")
        self.phones_view.setModel(self.phones_model)
        self.phones_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.phones_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.phone_number = QLineEdit(self, placeholderText=self.tr("Phone, e.g. +970 59 123 4567"),
                                      objectName="newPhone")
        self.phone_label = QLineEdit(self, placeholderText=self.tr("Label (mobile, relative…)"),
                                     objectName="newPhoneLabel")
        add_phone = QPushButton(self.tr("Add phone"), self, objectName="addPhoneButton")
        add_phone.clicked.connect(self.add_phone)
        remove_phone = QPushButton(self.tr("Remove selected"), self, objectName="removePhoneButton")
        remove_phone.clicked.connect(self.remove_phone)
        self.phone_problem = QLabel(self, objectName="phoneProblem")
        self.phone_problem.setStyleSheet(PROBLEM_STYLE)
        self.phone_number.textChanged.connect(self._check_phone)

        layout = QVBoxLayout(self)
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
        for column in range(3):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        layout.addWidget(self.document_problem)
        layout.addWidget(QLabel(self.tr("<b>Phones</b>")))
        layout.addWidget(self.phones_view)
        row = QHBoxLayout()
        for widget in (self.phone_number, self.phone_label, add_phone, remove_phone):
            row.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.phone_problem)

    def show_person(self, person: PersonView | None) -> None:
        """The person's documents and phones (none for a new person)."""
        self.documents_model.set_records(person.documents if person is not None else [])
        self.phones_model.set_records(person.phones if person is not None else [])

    # --- documents ---------------------------------------------------------------------------------------

    def _document_lines(self) -> tuple[QLineEdit, ...]:
        return self.doc_number, self.doc_country, self.doc_issued, self.doc_expiry

    def _document_from_form(self) -> DocumentData:
        return DocumentData.create(self.doc_type.currentData(), self.doc_number.text(),
                                   self.doc_country.text() or None, self.doc_issued.text() or None,
                                   self.doc_expiry.text() or None)

    def _expired_warning(self, expiry: dt.date | None) -> str:
        return self.tr("expired: kept, but it cannot be used to cross") if expiry and expiry < dt.date.today() else ""

    @Slot()
    def add_document(self) -> None:
        try:
            document = self._document_from_form()
        except ValidationError as exc:
            self.document_problem.setText(translated(exc))
            return
        self.clear_document_lines()
        self.document_problem.setText(self._expired_warning(document.expiry_date))
        person = self.host.person
        if person is None:
            self.host.pending_documents.append(document)
            pending = DocumentView(-len(self.host.pending_documents), document.doc_type.value, document.number,
                                   document.issuing_country, document.issue_date, document.expiry_date)
            self.documents_model.set_records([*self.documents_model.records, pending])
            return
        db, operator = self.host.db, self.host.operator
        self.host.write_then_reload(self.tr("Adding a document to %1").replace("%1", person.case_ref),
                                    lambda: persons.add_document(db, person.id, document, operator=operator))

    @Slot()
    def remove_document(self) -> None:
        rows = self.documents_view.selectionModel().selectedRows()
        person = self.host.person
        if not rows or person is None:
            return
        document = self.documents_model.record(rows[0].row())
        db, operator = self.host.db, self.host.operator
        self.host.write_then_reload(self.tr("Removing a document of %1").replace("%1", person.case_ref),
                                    lambda: persons.remove_document(db, person.id, document.id, operator=operator))

    def clear_document_lines(self) -> None:
        for line in self._document_lines():
            line.clear()

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
        self.document_problem.setText(self._expired_warning(expiry))

    # --- phones ---------------------------------------------------------------------------------------

    @Slot()
    def _check_phone(self) -> None:
        text = self.phone_number.text()
        if not text.strip():
            self.phone_problem.clear()
            return
        try:
            normalize_phone(text, self.host.phone_region)
        except ValidationError as exc:
            self.phone_problem.setText(translated(exc.why))
        else:
            self.phone_problem.clear()

    @Slot()
    def add_phone(self) -> None:
        try:
            e164 = normalize_phone(self.phone_number.text(), self.host.phone_region)
        except ValidationError as exc:
            self.phone_problem.setText(translated(exc.why))
            return
        label = self.phone_label.text()
        person = self.host.person
        if self.listed(e164):
            pass  # already in the list: one number is recorded once
        elif person is None:
            self.host.pending_phones.append((e164, label))
            pending_phone = PhoneView(-len(self.host.pending_phones), e164, label)
            self.phones_model.set_records([*self.phones_model.records, pending_phone])
        else:
            db, operator = self.host.db, self.host.operator
            self.host.write_then_reload(self.tr("Adding a phone to %1").replace("%1", person.case_ref),
                                        lambda: persons.add_phone(db, person.id, e164, label=label, operator=operator))
        self.clear_phone_lines()

    def listed(self, e164: str) -> bool:
        """Whether the number is in the phones list already (recorded, or added to a new person)."""
        return any(phone.e164 == e164 for phone in self.phones_model.records)

    @Slot()
    def remove_phone(self) -> None:
        rows = self.phones_view.selectionModel().selectedRows()
        person = self.host.person
        if not rows or person is None:
            return
        phone = self.phones_model.record(rows[0].row())
        db, operator = self.host.db, self.host.operator
        self.host.write_then_reload(self.tr("Removing a phone of %1").replace("%1", person.case_ref),
                                    lambda: persons.remove_phone(db, person.id, phone.id, operator=operator))

    def clear_phone_lines(self) -> None:
        self.phone_number.clear()
        self.phone_label.clear()

    # --- what Save adds ---------------------------------------------------------------------------------

    def typed_entries(self, reveal: Callable[[], object]) -> tuple[tuple[str, str] | None, DocumentData | None] | None:
        """The phone and the document typed in their lines but not added, checked; None when one is
        not valid (`reveal` brings this tab to the front, its problem is shown, with the focus on it:
        nothing typed is lost)."""
        phone: tuple[str, str] | None = None
        document: DocumentData | None = None
        if self.phone_number.text().strip():
            try:
                phone = (normalize_phone(self.phone_number.text(), self.host.phone_region), self.phone_label.text())
            except ValidationError as exc:
                self.phone_problem.setText(self.tr("The phone typed here is not added yet: %1")
                                           .replace("%1", translated(exc.why)))
                reveal()
                self.phone_number.setFocus()
                return None
            if self.listed(phone[0]):  # typed again after Add: it is in the list, not added twice
                phone = None
                self.clear_phone_lines()
        if any(line.text().strip() for line in self._document_lines()):
            try:
                document = self._document_from_form()
            except ValidationError as exc:
                self.document_problem.setText(self.tr("The document typed here is not added yet: %1")
                                              .replace("%1", translated(exc)))
                reveal()
                self.doc_number.setFocus()
                return None
        return phone, document
