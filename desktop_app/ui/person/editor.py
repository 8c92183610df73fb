"""The person editor: every field of a person, validated as you type, with documents, phones,
household, status changes and the person's history, one tab a module:

- `details_tab.DetailsTab`: the fields (the needs and consent group in one place);
- `documents_tab.DocumentsTab`: documents and phones, and the lines to add one;
- `household_tab.HouseholdTab`: the household, joining and leaving it;
- `history_tab.HistoryTab`: status history, lists and answers, who received the person's data;
- `log_tab.LogTab`: liaison log and audit trail.

Every tab is filled from one read of the person (`services.person_sheet.read_person_sheet`, off the
GUI thread with the window's hub); no tab reads on its own. A write from a tab (a document, a phone, the
household) goes through `write_then_reload`, then the sheet is read again, once, for every tab.

Values are checked by the same domain rules the services apply: a birth date in the future,
an expired passport or a phone number `phonenumbers` rejects are flagged next to the field
and the Save button stays off until they are fixed. Saving sends only the fields that
changed, with the version the editor loaded, so a colleague's edit is never overwritten.
A phone or document typed below its list but not added with its button is added by Save
(and the window's status bar says so); one that is not valid stops the Save and is shown.

    editor = PersonEditor(db, "A. Officer", person_id, parent=window, hub=window.hub)
    editor.exec()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.domain.person import DocumentData, validate_field
from desktop_app.domain.phones import display_phone
from desktop_app.domain.status import Status, allowed_next
from desktop_app.services import persons
from desktop_app.services.changes import HOUSEHOLDS, PERSONS
from desktop_app.services.person_sheet import PersonSheet, read_person_sheet
from desktop_app.services.persons import PersonView
from desktop_app.storage.db import Database
from desktop_app.ui import labels
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.person.details_tab import DetailsTab
from desktop_app.ui.person.documents_tab import DocumentsTab
from desktop_app.ui.person.fields import FieldEditor, PersonEdit, _text_of
from desktop_app.ui.person.history_tab import HistoryTab
from desktop_app.ui.person.household_tab import HouseholdTab
from desktop_app.ui.person.log_tab import LogTab
from desktop_app.ui.person.status_dialog import StatusDialog

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
        """With the window's `hub`, the person is read (one `read_person_sheet`) and every write runs off the
        GUI thread (ui.operations), waiting for a colleague's write if need be while the window keeps
        answering; without one, at once."""
        super().__init__(parent)
        self.setObjectName("personEditor")
        self.db = db
        self.operator = operator
        self.phone_region = phone_region
        self.hub = hub
        self.pending: PendingOperation | None = None  # the write on its way
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
        self.details = DetailsTab(self._validate)
        self.documents = DocumentsTab(self)
        self.household = HouseholdTab(self)
        self.history = HistoryTab()
        self.log = LogTab()
        self.tabs.addTab(self.details, self.tr("&Details"))
        self.tabs.addTab(self.documents, self.tr("D&ocuments and phones"))
        self.tabs.addTab(self.household, self.tr("Hou&sehold"))
        self.tabs.addTab(self.history, self.tr("&History"))
        self.tabs.addTab(self.log, self.tr("&Log and audit"))

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
        self._show()

    @property
    def fields(self) -> dict[str, FieldEditor]:
        """Every field's editor by key (on the Details tab)."""
        return self.details.fields

    # --- reading and showing --------------------------------------------------------------------------

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

    def reload(self) -> bool:
        """Read the person again (one read for every tab) and show it; what was typed in the fields and not
        saved stays. False when the person is gone (moved to the trash or merged by a colleague: told)."""
        if self.person is None:
            return True
        unsaved = self.changes()
        try:
            self.sheet = self._read_sheet(self.person.id)
        except RosterError as exc:
            show_error(self, exc)
            return False
        self.person = self.sheet.person
        self._show()
        for key, value in unsaved.items():
            self.fields[key].set_raw(value)
        return True

    def _show(self) -> None:
        """Show the sheet read last in every tab."""
        person, sheet = self.person, self.sheet
        self.details.show_person(person)
        self.documents.show_person(person)
        self.household.show_person(person, sheet.household if sheet is not None else None)
        self.history.show_sheet(sheet)
        self.log.show_sheet(sheet)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.household), person is not None)
        if person is None:
            self.setWindowTitle(self.tr("New person"))
            self.heading.setText(self.tr("New person"))
            self.status_label.setText(self.tr("will be registered"))
            self.change_status_button.setEnabled(False)
        else:
            self.setWindowTitle(f"{person.case_ref} — {person.display_name}")
            self.heading.setText(f"{person.display_name}  <span style='color:#666'>{person.case_ref}</span>")
            self.status_label.setText(self.tr("Status: %1").replace("%1", f"<b>{labels.status(person.status)}</b>"))
            self.change_status_button.setEnabled(bool(allowed_next(Status(person.status))))
        self._validate()

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

    # --- writing --------------------------------------------------------------------------------------

    def _write(self, title: str, work: Callable[[], Any], done: Callable[[Any], None],
               refused: Callable[[BaseException], None], kinds: frozenset[str]) -> None:
        """Run the write `work` (named `title` for the officer, changing records of `kinds`): through the
        window's runner when the hub is here (the window keeps answering while a colleague holds the lock;
        this returns once written or refused), else at once."""
        if self.hub is None:
            try:
                result = work()
            except RosterError as exc:
                refused(exc)
                return
            done(result)
            return
        from desktop_app.ui.operations import run_write

        if self.pending is not None and not self.pending.done:
            return  # a write is on its way already
        self.pending = run_write(self, self.hub, title, work, done, kinds=kinds, on_failure=refused)
        self.pending.wait()

    def write_then_reload(self, what: str, action: Callable[[], object]) -> None:
        """Write `action` (a document, a phone, the household), then show the person read again in every tab."""
        def written(_result: object) -> None:
            if self.reload() and self.person is not None:
                self.saved.emit(self.person.id)

        self._write(what, action, written, lambda exc: show_error(self, exc), frozenset({PERSONS, HOUSEHOLDS}))

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
        typed = self.documents.typed_entries(lambda: self.tabs.setCurrentWidget(self.documents))
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
                    self.documents.clear_phone_lines()
                if document is not None:
                    self.documents.clear_document_lines()
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

        self._write(self.tr("Saving %1").replace("%1", loaded.case_ref if loaded else self.tr("the new person")),
                    write, saved, refused, frozenset({PERSONS}))

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
            person_id, old_status = self.person.id, self.person.status
            if not self.reload() or self.person is None:
                return
            self.status_changed.emit(person_id, self.person.case_ref, old_status, self.person.status)
            self.saved.emit(person_id)
