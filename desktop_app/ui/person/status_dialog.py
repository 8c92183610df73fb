"""Changing a person's status: only the states the workflow allows next are offered, with the list
the change is about and the reason kept in the history. With the window's hub the change runs off
the GUI thread (ui.operations), waiting for a colleague's write if need be. The person's lists are read
off the GUI thread too: the list choice fills when they come (`lists_busy` meanwhile), and an answer
about a roster no longer open is dropped.

    dialog = StatusDialog(db, "A. Officer", person, window, hub=window.hub)
    if dialog.exec(): print(dialog.new_status)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.status import Status, allowed_next
from desktop_app.services import lists, status
from desktop_app.services.lists import MembershipView
from desktop_app.services.persons import PersonView
from desktop_app.storage.db import Database
from desktop_app.ui import labels
from desktop_app.ui.errors import show_error
from desktop_app.ui.fit import fit_placeholder
from desktop_app.ui.latest_read import LatestRead

if TYPE_CHECKING:
    from desktop_app.ui.operations import PendingOperation
    from desktop_app.ui.workspace_signals import WorkspaceHub


class StatusDialog(QDialog):
    """Change a person's status: only the states the workflow allows next are offered."""

    def __init__(self, db: Database, operator: str, person: PersonView, parent: QWidget | None = None, *,
                 hub: WorkspaceHub | None = None) -> None:
        """With the window's `hub`, the change runs off the GUI thread (ui.operations), waiting for a
        colleague's write if need be; without one, at once."""
        super().__init__(parent)
        self.setObjectName("statusDialog")
        self.hub = hub
        self.pending: PendingOperation | None = None
        self.setWindowTitle(self.tr("Change status — %1").replace("%1", person.case_ref))
        self.db = db
        self.operator = operator
        self.person = person
        self.new_status: str | None = None
        self._lists_read: LatestRead | None = None
        self.target = QComboBox(self, objectName="newStatus")
        for option in allowed_next(Status(person.status)):
            self.target.addItem(labels.status(option.value), option.value)
        self.list_choice = QComboBox(self, objectName="statusList")
        self.list_choice.addItem(self.tr("(no list)"), None)
        self._read_lists(db, person.id)
        self.reason = QLineEdit(self, objectName="statusReason", placeholderText=self.tr("Why (kept in the history)"))
        fit_placeholder(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout(self)
        form.addRow(self.tr("Current status"), QLabel(f"<b>{labels.status(person.status)}</b>"))
        form.addRow(self.tr("New status"), self.target)
        form.addRow(self.tr("Evacuation list"), self.list_choice)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(buttons)

    def _read_lists(self, db: Database, person_id: int) -> None:
        """The person's lists, read off the GUI thread; offered only while `db` is still the roster open."""
        hub = self.hub

        def roster() -> Database | None:
            if hub is None or (hub.workspace is not None and hub.workspace.db is db):
                return db
            return None

        if roster() is None:  # opened about a roster no longer open: nothing of it is offered
            return
        self.list_choice.setEnabled(False)  # until the lists are there

        def offer(memberships: list[MembershipView]) -> None:
            for membership in memberships:
                self.list_choice.addItem(membership.list_name, membership.list_id)
            self.list_choice.setEnabled(True)

        self._lists_read = LatestRead(self, roster)
        self._lists_read.run(lambda: lists.memberships(db, person_id), offer)

    @property
    def lists_busy(self) -> bool:
        """Whether the person's lists are still being read."""
        return self._lists_read is not None and self._lists_read.busy

    @Slot()
    def apply(self) -> None:
        db, person_id, operator = self.db, self.person.id, self.operator
        new, reason, list_id = Status(self.target.currentData()), self.reason.text().strip(), \
            self.list_choice.currentData()

        def change() -> object:
            return status.change_status(db, person_id, new, operator=operator, reason=reason, list_id=list_id)

        def changed(_result: object) -> None:
            hub = self.hub
            if hub is not None and (hub.workspace is None or hub.workspace.db is not db):
                self.reject()  # written on a roster no longer open: no undo entry for the one open now
                return
            self.new_status = new.value
            self.accept()

        def refused(exc: BaseException) -> None:
            self.ok_button.setEnabled(True)
            show_error(self, exc)

        if self.hub is not None:
            from desktop_app.services.changes import PERSONS
            from desktop_app.ui.operations import run_write

            self.ok_button.setEnabled(False)  # one change at a time
            self.pending = run_write(self, self.hub, self.tr("Changing the status"), change, changed,
                                     kinds=frozenset({PERSONS}), on_failure=refused)
            return
        try:
            change()
        except RosterError as exc:
            show_error(self, exc)
            return
        changed(None)
