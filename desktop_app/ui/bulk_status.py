"""A status change for many persons at once: the roster's selection or filter, a household, a list.

The roster's row menu offers "Change status of…"; the dialog names whom (the selection,
everyone the filter shows, the current person's household, or a list's members), the new
status and the reason. It is one audited operation (`services.status.change_statuses`) that
Edit > Undo takes back as a whole; persons the workflow does not let move are named, and stay.
The change is written off the GUI thread (`ui.operations.write_and_wait`): while a colleague holds
the roster, the window keeps answering and says who; the lists and households offered are read
off it too (`read_scopes`).

    dialog = BulkStatusDialog(window.workspace, [("3 selected", [1, 2, 3], None)], parent=window)
    if dialog.exec():
        result = dialog.result_of_change
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.reasons import service_note
from desktop_app.domain.status import Status
from desktop_app.services import changes, lists, persons, status
from desktop_app.services.status import BulkStatusResult
from desktop_app.services.workspace import Roster, Workspace
from desktop_app.ui import labels
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.operations import run_read, write_and_wait
from desktop_app.ui.undo_commands import push_operation

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost

Scope = tuple[str, list[int], int | None]  # what the officer reads, the person ids, the list it is recorded on


class BulkStatusDialog(QDialog):
    """Whom, which status, why; applies on OK and keeps the result in `result_of_change`."""

    def __init__(self, workspace: Workspace, scopes: list[Scope], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkStatusDialog")
        self.setWindowTitle(self.tr("Change the status of several persons"))
        self.workspace = workspace
        self.scopes = scopes
        self.result_of_change: BulkStatusResult | None = None
        self.written_on: Roster | None = None  # the roster the change was written on
        self.scope = QComboBox(self, objectName="bulkStatusScope")
        for text, ids, _list_id in scopes:
            self.scope.addItem(text, len(ids))
        self.target = QComboBox(self, objectName="bulkStatusTarget")
        for option in Status:
            if option is not Status.MERGED:
                self.target.addItem(labels.status(option.value), option.value)
        self.reason = QLineEdit(self, objectName="bulkStatusReason",
                                placeholderText=self.tr("Why (kept in each person's history)"))
        note = QLabel(self.tr("Persons the workflow does not let move to this status stay as they are and are named "
                              "afterwards. Edit > Undo takes the whole change back."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout(self)
        form.addRow(self.tr("Whom"), self.scope)
        form.addRow(self.tr("New status"), self.target)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(note)
        form.addRow(buttons)
        self.setMinimumWidth(480)  # the scope names a list or household; the reason is typed in full

    @Slot()
    def apply(self) -> None:
        _text, ids, list_id = self.scopes[self.scope.currentIndex()]
        db, operator = self.workspace.db, self.workspace.operator
        target, reason = Status(self.target.currentData()), self.reason.text().strip()
        self.ok_button.setEnabled(False)  # one change at a time, also while it waits for a colleague
        self.written_on = db
        try:
            self.result_of_change = write_and_wait(
                self, self.tr("Changing the statuses"),
                lambda: status.change_statuses(db, ids, target, operator=operator, reason=reason, list_id=list_id),
                kinds=frozenset({changes.PERSONS, changes.LISTS}))
        except RosterError as exc:
            self.ok_button.setEnabled(True)
            show_error(self, exc)
            return
        self.accept()


def report(result: BulkStatusResult) -> str:
    """One paragraph saying who moved and who did not (and why)."""
    translate = QCoreApplication.translate  # by this name lupdate finds the strings
    text = translate("BulkStatusDialog", "%1 persons now %2.").replace("%1", str(len(result.changed))).replace(
        "%2", labels.status(result.status))
    if result.unchanged:
        text += " " + translate("BulkStatusDialog", "%1 already were.").replace("%1", str(len(result.unchanged)))
    if result.refused:
        refused = [f"{ref}: {translated(service_note(why))}" for ref, why in result.refused[:15]]
        text += "\n\n" + translate("BulkStatusDialog", "Not changed:") + "\n" + "\n".join(refused) + (
            "\n…" if len(result.refused) > 15 else "")
    return text


def change_status_of(window: WindowHost, scopes: Sequence[Scope]) -> BulkStatusResult | None:
    """Open the dialog over `window`; on success, push the operation on its undo stack and report."""
    offered = [s for s in scopes if s[1]]
    if not offered:
        return None
    workspace = window.workspace
    if workspace is None:
        return None
    dialog = BulkStatusDialog(workspace, offered, window.window())
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_of_change is None:
        return None
    result = dialog.result_of_change
    if result.operation_id is not None and dialog.written_on is not None:
        db, operator, operation_id = dialog.written_on, workspace.operator, result.operation_id
        changed = len(result.changed)  # a plain name: lupdate skips a call whose count is a call
        push_operation(window, QCoreApplication.translate("BulkStatusDialog", "Status of %n person(s)", "", changed),
                       lambda: status.undo_status_operation(db, operation_id, operator=operator), written_on=db)
    window.data_changed()
    box = QMessageBox(QMessageBox.Icon.Information if not result.refused else QMessageBox.Icon.Warning,
                      QCoreApplication.translate("BulkStatusDialog", "Status changed"), report(result),
                      QMessageBox.StandardButton.Ok, window.window())
    box.setObjectName("bulkStatusReport")
    box.open()
    return result


@dataclass(frozen=True)
class ScopeFacts:
    """What the roster's scopes need from the database: the current person's household, the open lists."""

    household: tuple[str, list[int]] | None  # reference, member ids
    lists: list[tuple[int, str, list[int]]]  # id, name, member ids of each open list with members


def read_scopes(db: Roster, current: int | None) -> ScopeFacts:
    """The current person's household and every open list with members (a read, for the runner)."""
    household = None
    if current is not None:
        person = persons.get_person(db, current)
        if person.household_id is not None:
            from desktop_app.services import households

            members = [m.person_id for m in households.get_household(db, person.household_id).members]
            household = (person.household_ref or "", members)
    return ScopeFacts(household, [(summary.id, summary.name, [m.person_id for m in lists.members(db, summary.id)])
                                  for summary in lists.all_lists(db) if summary.state != "closed" and summary.members])


def roster_scopes(window: WindowHost, facts: ScopeFacts, shown: list[int]) -> list[Scope]:
    """The selection, the filter (`shown`: every id it shows), the current person's household, and each open
    list."""
    translate = QCoreApplication.translate
    selected = window.roster.selected_ids()
    count = len(selected)
    scopes: list[Scope] = [
        (translate("BulkStatusDialog", "the %n selected person(s)", "", count), selected, None),
        (translate("BulkStatusDialog", "everyone the roster shows (%1)").replace("%1",
                                                                           str(len(shown))),
         shown, None)]
    if facts.household is not None:
        ref, members = facts.household
        scopes.append((translate("BulkStatusDialog", "household %1 (%2)").replace("%1", ref)
                       .replace("%2", str(len(members))), members, None))
    for list_id, name, members in facts.lists:
        scopes.append((translate("BulkStatusDialog", "list '%1' (%2 members)").replace("%1", name)
                       .replace("%2", str(len(members))), members, list_id))
    return scopes


def offer_change(host: WindowHost) -> None:
    """Read the scopes off the GUI thread, then open the dialog (the roster's 'Change status of several…')."""
    db = host.db
    if db is None:
        return
    current = host.roster.current_id()

    def offer(shown: list[int]) -> None:  # every id the roster shows has been read
        run_read(host.window(), lambda: read_scopes(db, current),
                 lambda facts: change_status_of(host, roster_scopes(host, facts, shown)))

    host.roster.model.when_complete(offer)


def install(host: WindowHost) -> None:
    """The roster's row menu: 'Change status of…' for the selection, the filter, a household or a list."""
    action = host.actions.add(
        "bulkStatus", QAction(QCoreApplication.translate("BulkStatusDialog", "Change status of &several…"),
                              host.window()), menus=("Person",), roster=True)
    action.triggered.connect(lambda: offer_change(host))
