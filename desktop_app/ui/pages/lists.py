"""The evacuation lists page: each list's counts, its members and the partner's answers.

Create a list for a partner, add persons (the roster's selection, everyone the roster's
filter shows, or a whole household), mark it sent, record answers and crossings member
by member. Counts per list (pending, approved, rejected, crossed) are always in view.

Answers follow the one rule of `services.lists`: an answer is always recorded, and where the
person's status could not follow, the member's row is shaded and says why. Mark sent names
members not yet verified and offers to verify them in the same step. Reconcile answer…
opens the reconciliation against the chosen list. The lists and the chosen one are read off the
GUI thread, after a change too, and so are the partners a new list may go to and the household added by
its reference; `reload()` returns once they show, and an answer about another roster than the one open
now, or read for an officer who has since switched, is dropped.

    page.reload()          # the event loop turns meanwhile; `page.busy` while a read is on its way
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.lists import Answer
from desktop_app.domain.reasons import service_note
from desktop_app.services import changes, households, lists, partners
from desktop_app.services.lists import ListMemberView, ListSummary
from desktop_app.services.partners import OrganizationView
from desktop_app.ui import labels
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.fit import fit_columns, fit_placeholder
from desktop_app.ui.latest_read import WaitedReads, _still_asked_of, opening_once
from desktop_app.ui.operations import PendingOperation, run_write, write_and_wait
from desktop_app.ui.pages import master_detail
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.workspace_signals import OnWorkspace, WorkspaceHub

if TYPE_CHECKING:  # the matching engine behind it (numpy) loads when a list is first shown
    from desktop_app.services.reconciling import AnswerConflict

DEFAULT_VALIDITY_DAYS = 3


@dataclass(frozen=True)
class _ListFacts:
    """What the page shows of one list, read in one go off the GUI thread."""

    summary: ListSummary
    members: list[ListMemberView]
    conflicts: list[AnswerConflict]
    split: list[Any]  # services.households.SplitWarning
    flagged: list[Any]  # services.crossing's members lacking evidence, not overridden
LIST_KINDS = frozenset({changes.LISTS, changes.PERSONS})  # a list's writes; sending and crossing move statuses


class NewListDialog(QDialog):
    """A list's name and the partner it goes to (one of `organizations`, read by the caller off the GUI thread)."""

    def __init__(self, organizations: list[OrganizationView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newListDialog")
        self.setWindowTitle(self.tr("New evacuation list"))
        self.name = QLineEdit(self, objectName="newListName")
        self.partner = QComboBox(self, objectName="newListPartner")
        self.partner.addItem(self.tr("(no partner yet)"), None)
        for organization in organizations:
            self.partner.addItem(organization.name, organization.id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Partner"), self.partner)
        form.addRow(buttons)


class ListsPage(QWidget, OnWorkspace):
    """Lists on the left with their counts; the chosen list's members on the right."""

    changed = Signal()
    person_activated = Signal(int)

    def __init__(self, hub: WorkspaceHub, selection: Callable[[], list[int]],
                 filtered: Callable[[Callable[[list[int]], None]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listsPage")
        self.hub = hub
        hub.follow(self, frozenset({changes.LISTS, changes.PERSONS, changes.HOUSEHOLDS, changes.PARTNERS,
                                    changes.OPERATIONS}), self.reload)
        hub.workspace_changed.connect(self._roster_replaced)
        self.pending: PendingOperation | None = None  # the last write started here
        self._selection = selection
        self._filtered = filtered  # gives every id the roster's filter shows, once all have been read
        self.current: ListSummary | None = None
        self._generation = 0  # the list asked for last: a read overtaken by a later choice is not shown
        self._listed = 0  # the same for the reads of all the lists
        self._waited = WaitedReads(self, hub.open_roster)
        self._filtered_asked = 0  # the last "Add everyone the roster filter shows": an earlier press adds nothing

        self.lists_model: RecordsModel[ListSummary] = RecordsModel(
            [(self.tr("List"), lambda s: s.name), (self.tr("Partner"), lambda s: s.organization or ""),
             (self.tr("State"), lambda s: labels.state(s.state)), (self.tr("Members"), lambda s: s.members),
             (self.tr("Pending"), lambda s: s.pending), (self.tr("Approved"), lambda s: s.approved),
             (self.tr("Rejected"), lambda s: s.rejected), (self.tr("Crossed"), lambda s: s.crossed)], parent=self)
        self.lists_view = QTableView(self, objectName="listsTable")
        self.lists_view.setModel(self.lists_model)
        self.lists_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.lists_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.lists_view.verticalHeader().hide()
        self.lists_view.setColumnWidth(0, 110)
        self.lists_view.setColumnWidth(1, 120)
        self.lists_view.setColumnWidth(2, 80)  # state: "answered"
        for column in range(3, 8):
            self.lists_view.setColumnWidth(column, 65)
        new_list = QPushButton(self.tr("&New list…"), self, objectName="newListButton")
        new_list.clicked.connect(self.new_list)
        self.send_button = QPushButton(self.tr("Mark &sent"), self, objectName="markSentButton")
        self.send_button.clicked.connect(self.mark_sent)
        self.reconcile_button = QPushButton(self.tr("Reconcile &answer…"), self, objectName="reconcileListButton")
        self.reconcile_button.clicked.connect(self.reconcile)
        self.status_button = QPushButton(self.tr("Members' s&tatus…"), self, objectName="listStatusButton")
        self.status_button.clicked.connect(self.change_members_status)
        self.outcome = QLabel(self, objectName="listAnswerOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()

        self.heading = QLabel(self, objectName="listHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.counts = QLabel(self, objectName="listCounts")
        self.split_warning = QLabel(self, objectName="listSplitWarning")
        self.split_warning.setWordWrap(True)
        self.split_warning.setStyleSheet("color: #b71c1c;")
        self.split_warning.hide()
        # Members a partner approved here or elsewhere while another refused them: both answers stand.
        self.conflict_warning = QLabel(self, objectName="listAnswerConflicts")
        self.conflict_warning.setWordWrap(True)
        self.conflict_warning.setStyleSheet("color: #b71c1c;")
        self.conflict_warning.hide()
        self._conflicts: dict[int, AnswerConflict] = {}
        self._missing_evidence: dict[int, str] = {}  # issue 18: members whose basis lacks evidence, not overridden
        self.members_model: RecordsModel[ListMemberView] = RecordsModel(
            # The answer and what followed it come right after the name: on a laptop screen they stay in view.
            [(self.tr("Case"), lambda m: m.case_ref), (self.tr("Name"), lambda m: m.name),
             (self.tr("Answer"), lambda m: labels.answer(m.answer)),
             (self.tr("Status"), lambda m: labels.status(m.status)),
             (self.tr("Valid until"), lambda m: m.valid_until or ""),
             (self.tr("Crossed"), lambda m: f"{m.crossed_at:%Y-%m-%d %H:%M}" if m.crossed_at else ""),
             (self.tr("Name as in passport"), lambda m: m.latin_name),
             (self.tr("Note"), lambda m: m.answer_note)],
            warn=self._member_warning, parent=self)
        self.members_view = QTableView(self, objectName="listMembers")
        self.members_view.setModel(self.members_model)
        self.members_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.members_view.verticalHeader().hide()
        self.members_view.horizontalHeader().setStretchLastSection(True)
        fit_columns(self.members_view, (85, 155, 80, 80, 85, 115, 180))
        self.members_view.doubleClicked.connect(
            lambda index: self.person_activated.emit(self.members_model.record(index.row()).person_id))

        add_selection = QPushButton(self.tr("Add roster &selection"), self, objectName="addSelectionButton")
        add_selection.clicked.connect(lambda: self.add_persons(self._selection()))
        add_filtered = QPushButton(self.tr("Add everyone the roster &filter shows"), self,
                                   objectName="addFilteredButton")
        add_filtered.clicked.connect(self.add_filtered)
        self.household_ref = QLineEdit(self, objectName="addHouseholdRef")
        self.household_ref.setPlaceholderText(self.tr("Household ref, e.g. H-00012"))
        fit_placeholder(self.household_ref)
        add_household = QPushButton(self.tr("Add &household"), self, objectName="addHouseholdButton")
        add_household.clicked.connect(self.add_household)
        self.household_ref.returnPressed.connect(self.add_household)
        remove = QPushButton(self.tr("&Remove selected"), self, objectName="removeMembersButton")
        remove.clicked.connect(self.remove_selected)

        self.answer = QComboBox(self, objectName="answerChoice")
        for answer in Answer:
            self.answer.addItem(labels.answer(answer.value), answer.value)
        self.answer.setCurrentIndex(self.answer.findData(Answer.APPROVED.value))
        self.valid_until = QDateEdit(self, objectName="validUntil")
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        self.valid_until.setDate(QDate.currentDate().addDays(DEFAULT_VALIDITY_DAYS))
        record = QPushButton(self.tr("Record &answer"), self, objectName="recordAnswerButton")
        record.clicked.connect(self.record_answer)
        crossed = QPushButton(self.tr("Record &crossing"), self, objectName="recordCrossingButton")
        crossed.clicked.connect(self.record_crossing)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # Buttons in a grid, not a row: in Russian one row of them is wider than a laptop's share.
        left_buttons = QGridLayout()
        left_buttons.addWidget(new_list, 0, 0)
        left_buttons.addWidget(self.reconcile_button, 0, 1)
        left_buttons.addWidget(self.send_button, 1, 0, 1, 2)
        left_buttons.setColumnStretch(2, 1)
        left_layout.addLayout(left_buttons)
        left_layout.addWidget(self.lists_view)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.counts)
        right_layout.addWidget(self.split_warning)
        right_layout.addWidget(self.conflict_warning)
        # Two rows, so that a laptop screen does not squeeze the household field to nothing.
        add_row = QGridLayout()
        for index, widget in enumerate((add_selection, add_filtered, remove, self.status_button)):
            add_row.addWidget(widget, index // 2, index % 2)
        add_row.setColumnStretch(2, 1)
        right_layout.addLayout(add_row)
        household_row = QHBoxLayout()
        household_row.addWidget(self.household_ref)
        household_row.addWidget(add_household)
        household_row.addStretch(1)
        right_layout.addLayout(household_row)
        right_layout.addWidget(self.members_view, 1)
        answer_row = QHBoxLayout()
        answer_row.addWidget(QLabel(self.tr("Selected members:"), self))
        answer_row.addWidget(self.answer)
        answer_row.addWidget(QLabel(self.tr("valid until"), self))
        answer_row.addWidget(self.valid_until)
        answer_row.addStretch(1)
        right_layout.addLayout(answer_row)
        record_row = QHBoxLayout()
        record_row.addWidget(record)
        record_row.addWidget(crossed)
        # The crossing day (issue 18): the printed list with a code per person, and the screen at the gate.
        self.boarding_button = QPushButton(self.tr("Print &boarding list…"), self, objectName="boardingListButton")
        self.boarding_button.clicked.connect(self.print_boarding_list)
        self.checkin_button = QPushButton(self.tr("Check-in at the &gate…"), self, objectName="checkinButton")
        self.checkin_button.clicked.connect(self.open_checkin)
        self.notify_button = QPushButton(self.tr("&Notify…"), self, objectName="notifyListButton")
        self.notify_button.clicked.connect(self.open_notify)
        record_row.addStretch(1)
        right_layout.addLayout(record_row)
        crossing_row = QHBoxLayout()  # a row of its own: beside the answers it does not fit 1280 px in Russian
        crossing_row.addWidget(self.notify_button)
        crossing_row.addWidget(self.boarding_button)
        crossing_row.addWidget(self.checkin_button)
        crossing_row.addStretch(1)
        right_layout.addLayout(crossing_row)
        right_layout.addWidget(self.outcome)
        self.splitter = master_detail(self, left, right, "listsSplitter", 320)
        self.lists_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_list(self.lists_model.record(current.row()).id)
            if current.isValid() else None)

    @Slot(object)
    def _roster_replaced(self, _workspace: object) -> None:
        self.current = None
        self._generation += 1  # a list of the old roster still being read is not shown on this one
        self._listed += 1

    @property
    def busy(self) -> bool:
        """Whether a read of the lists or of one list is still on its way."""
        return self._waited.busy

    @Slot()
    def reload(self) -> None:
        """Read the lists off the GUI thread, then show them and the chosen one; returns once shown. A reload
        overtaken by a later one (or another roster) shows nothing."""
        db = self.db
        self._listed += 1
        listed = self._listed
        found = self._waited.wait_for(lambda: lists.all_lists(db))
        if not found or listed != self._listed or self.db is not db:
            return
        summaries: list[ListSummary] = found[0]
        self.lists_model.set_records(summaries)
        wanted = self.current.id if self.current else (summaries[-1].id if summaries else None)
        if wanted is None:
            self._show(None)
        else:
            self.select_list(wanted)

    def select_list(self, list_id: int) -> None:
        for row, summary in enumerate(self.lists_model.records):
            if summary.id == list_id:
                self.lists_view.selectRow(row)
                self.show_list(list_id)
                return

    def show_list(self, list_id: int) -> None:
        """Read the list, its members, answer conflicts, split households and evidence gaps off the GUI thread
        (a list may hold thousands), then show them; returns once shown, the window answering meanwhile."""
        from desktop_app.services.crossing import flagged_on_list
        from desktop_app.services.reconciling import answer_conflicts

        db = self.db
        self._generation += 1
        generation = self._generation

        def read() -> _ListFacts:
            return _ListFacts(lists.get_list(db, list_id), lists.members(db, list_id),
                              answer_conflicts(db, list_id=list_id), households.split_households(db, list_id),
                              [f for f in flagged_on_list(db, list_id) if f.override is None])

        found = self._waited.wait_for(read)
        # Not overtaken by a list chosen meanwhile, nor by another roster opened.
        if found and generation == self._generation and self.db is db:
            self._show(found[0].summary, found[0])

    def _show(self, summary: ListSummary | None, facts: _ListFacts | None = None) -> None:
        self.current = summary
        if summary is None:
            self.heading.setText(self.tr("No list yet: create one with New list"))
            self.counts.clear()
            self._conflicts = {}
            self.members_model.set_records([])
            self.split_warning.hide()
            self.conflict_warning.hide()
            self.send_button.setEnabled(False)
            self.reconcile_button.setEnabled(False)
            self.status_button.setEnabled(False)
            return
        partner = summary.organization or self.tr("no partner")
        sent = self.tr(", sent %1").replace("%1", f"{summary.sent_at:%Y-%m-%d %H:%M}") if summary.sent_at else ""
        self.heading.setText(f"{summary.name} — {partner} ({labels.state(summary.state)}{sent})")
        self.counts.setText(self.tr("%1 on the list: %2 pending, %3 approved, %4 rejected, %5 crossed")
                            .replace("%1", str(summary.members)).replace("%2", str(summary.pending))
                            .replace("%3", str(summary.approved)).replace("%4", str(summary.rejected))
                            .replace("%5", str(summary.crossed)))
        self.send_button.setEnabled(summary.state == "draft" and summary.members > 0)  # nobody on it: nothing to send
        self.reconcile_button.setEnabled(summary.state != "closed")
        self.status_button.setEnabled(summary.members > 0)
        assert facts is not None
        conflicts = facts.conflicts
        self._conflicts = {conflict.person_id: conflict for conflict in conflicts}
        self._missing_evidence = {
            f.person_id: self.tr("Evidence missing (%1): %2; the list cannot be sent until it is recorded or "
                                 "overridden").replace("%1", labels.word(f.basis.value))
            .replace("%2", ", ".join(labels.word(m.value) for m in f.missing)) for f in facts.flagged}
        self.members_model.set_records(facts.members)
        warnings = facts.split
        self.split_warning.setText("\n".join("⚠ " + translated(w.text) for w in warnings))
        self.split_warning.setVisible(bool(warnings))
        self.conflict_warning.setText("\n".join("⚠ " + translated(c.message) for c in conflicts))
        self.conflict_warning.setVisible(bool(conflicts))

    def _after_change(self) -> None:
        """After a write: the lists read again off the GUI thread, the chosen one shown again."""
        self.reload()
        self.changed.emit()

    def _run(self, title: str, action: Callable[[], object]) -> bool:
        """Write `action()` through the runner (a colleague's lock is waited for with the window answering)."""
        try:
            write_and_wait(self, title, action, kinds=LIST_KINDS, hub=self.hub)
        except RosterError as exc:
            show_error(self, exc)
            self._after_change()
            return False
        self._after_change()
        return True

    def selected_members(self) -> list[ListMemberView]:
        rows = sorted({index.row() for index in self.members_view.selectionModel().selectedRows()})
        return [self.members_model.record(row) for row in rows]

    @Slot()
    def new_list(self) -> None:
        db = self.db
        with opening_once(self, "newList") as first:
            if not first:  # clicked again while the partners are read: a second screen would follow the first
                return
            found = self._waited.wait_for(lambda: partners.organizations(db))  # the partners it may go to
            if not found:
                return  # failed (and said why), or another roster or officer meanwhile
            dialog = NewListDialog(found[0], self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        db, operator, name, partner = self.db, self.operator, dialog.name.text(), dialog.partner.currentData()
        try:
            created = write_and_wait(self, self.tr("Creating the list"),
                                     lambda: lists.create_list(db, name, operator=operator, organization_id=partner),
                                     kinds=LIST_KINDS, hub=self.hub)
        except RosterError as exc:
            show_error(self, exc)
            return
        self.current = created
        self._after_change()

    def add_persons(self, person_ids: list[int]) -> None:
        if self.current is None or not person_ids:
            return
        with opening_once(self, "addToList") as first:
            if not first:  # pressed again while the first add is written: added once
                return
            list_id, db, operator = self.current.id, self.db, self.operator
            self._run(self.tr("Adding to the list"),
                      lambda: lists.add_members(db, list_id, person_ids, operator=operator))

    @Slot()
    def add_filtered(self) -> None:
        """Add everyone the roster's filter shows, once every id has been read; pressed again meanwhile, only
        the last press adds, and nothing is added if another officer signed in (or another roster opened)
        before the ids came."""
        self._filtered_asked += 1
        asked, same = self._filtered_asked, _still_asked_of(self.hub.open_roster)

        def add(person_ids: list[int]) -> None:
            if shiboken6.isValid(self) and asked == self._filtered_asked and same():
                self.add_persons(person_ids)

        self._filtered(add)

    @Slot()
    def add_household(self) -> None:
        ref = self.household_ref.text().strip()
        if self.current is None or not ref:
            return
        with opening_once(self, "addToList") as first:
            if not first:  # Enter and the button, or pressed twice, while the household is looked up: added once
                return
            list_id, db, operator = self.current.id, self.db, self.operator
            found = self._waited.wait_for(lambda: households.find_household_id(db, ref))  # exact: not the first 500
            if not found:
                return  # failed (and said why), or another roster or officer meanwhile
            household_id: int | None = found[0]
            if household_id is None:
                show_error(self, RosterError(self.tr("No household %1 on this roster.").replace("%1", ref)))
                return
            if self._run(self.tr("Adding the household to the list"),
                         lambda: lists.add_household(db, list_id, household_id, operator=operator)):
                self.household_ref.clear()

    @Slot()
    def remove_selected(self) -> None:
        members = self.selected_members()
        if self.current is None or not members:
            return
        list_id, db, operator = self.current.id, self.db, self.operator
        self._run(self.tr("Removing from the list"),
                  lambda: lists.remove_members(db, list_id, [m.person_id for m in members], operator=operator))

    @Slot()
    def mark_sent(self) -> None:
        """Send the list; members not verified yet are named first, with the offer to verify them now."""
        if self.current is None:
            return
        list_id, db = self.current.id, self.db
        found = self._waited.wait_for(lambda: lists.unverified_members(db, list_id))  # the window answers
        if not found or self.db is not db:
            return  # the read failed (and said why), or another roster opened meanwhile
        waiting = found[0]
        verify_first = False
        if waiting:
            refs = ", ".join(ref for _, ref, _ in waiting[:12]) + (" …" if len(waiting) > 12 else "")
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Mark sent"),
                              self.tr("%1 members are not verified yet: %2.\n\nVerify them now, so that every member "
                                      "is submitted with the list?").replace("%1", str(len(waiting)))
                              .replace("%2", refs), QMessageBox.StandardButton.NoButton, self)
            box.setObjectName("verifyFirstQuestion")
            verify = box.addButton(self.tr("&Verify and send"), QMessageBox.ButtonRole.AcceptRole)
            verify.setObjectName("verifyAndSend")
            send_only = box.addButton(self.tr("Send &without them"), QMessageBox.ButtonRole.DestructiveRole)
            send_only.setObjectName("sendWithout")
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(verify)
            box.exec()
            if box.clickedButton() not in (verify, send_only):
                return
            verify_first = box.clickedButton() is verify
        db, operator = self.db, self.operator
        self._run(self.tr("Marking the list sent"),
                  lambda: lists.mark_sent(db, list_id, operator=operator, verify_first=verify_first))

    def _member_warning(self, member: ListMemberView) -> str | None:
        conflict = self._conflicts.get(member.person_id)
        if conflict is not None:
            return translated(conflict.message)
        if member.person_id in self._missing_evidence:
            return self._missing_evidence[member.person_id]
        if member.status_gap:
            return self.tr("Answer %1 recorded; %2").replace("%1", labels.answer(member.answer)).replace(
                "%2", member.status_gap)
        return self.tr("Rejected") if member.answer == Answer.REJECTED.value else None

    @Slot()
    def open_checkin(self) -> None:
        """The check-in screen at the gate for this list (ui.crossing)."""
        if self.current is not None:
            from desktop_app.ui.crossing.actions import open_checkin

            self.checkin_screen = open_checkin(self, self.hub, self.current.id, self.current.name)

    @Slot()
    def open_notify(self) -> None:
        """Tell the list's families (its approved, to begin with): the call sheet, links, the attempt log."""
        if self.current is not None:
            from desktop_app.ui.crossing.actions import open_notify

            self.notify_dialog = open_notify(self, self.hub, self.current.id, self.current.name)

    @Slot()
    def print_boarding_list(self) -> None:
        if self.current is not None:
            from desktop_app.ui.crossing.actions import print_boarding_list

            print_boarding_list(self, self.hub, self.current.id, self.current.name)

    @Slot()
    def reconcile(self) -> None:
        """The partner's answer checked against this list (not the whole roster)."""
        if self.current is None:
            return
        from desktop_app.ui.reconcile.dialog import ReconcileDialog, read_choices

        list_id = self.current.id
        choices = read_choices(self._waited, self.workspace)  # off the GUI thread, the window answering
        if choices is None:
            return  # failed (and said why), or another roster or officer meanwhile
        host = self.window()
        dialog = ReconcileDialog(self.workspace, host, list_id=list_id, undo_host=host, choices=choices)
        dialog.applied.connect(lambda _result: self._after_change())
        self.reconcile_dialog = dialog
        dialog.show()

    @Slot()
    def change_members_status(self) -> None:
        if self.current is None:
            return
        from desktop_app.ui.bulk_status import change_status_of

        ids = [m.person_id for m in self.members_model.records]
        selected = [m.person_id for m in self.selected_members()]
        scopes = [(self.tr("the %1 selected members").replace("%1", str(len(selected))), selected, self.current.id),
                  (self.tr("every member of '%1' (%2)").replace("%1", self.current.name).replace("%2", str(len(ids))),
                   ids, self.current.id)]
        if change_status_of(self.window(), scopes) is not None:
            self._after_change()

    @Slot()
    def record_answer(self) -> None:
        members = self.selected_members()
        if self.current is None or not members:
            return
        answer = Answer(self.answer.currentData())
        valid_until = self.valid_until.date().toPython() if answer is Answer.APPROVED else None
        list_id = self.current.id

        db, operator, person_ids = self.db, self.operator, [m.person_id for m in members]

        def recorded(done: list[lists.AnswerRecorded]) -> None:
            self._after_change()
            self.show_outcome(done)

        def refused(exc: BaseException) -> None:
            show_error(self, exc)
            self._after_change()

        # A colleague's long write may hold the roster: the answer waits for it off the GUI thread.
        self.pending = run_write(self, self.hub, self.tr("Recording the answer"),
                                 lambda: lists.record_answers(db, list_id, person_ids, answer, operator=operator,
                                                              valid_until=valid_until),
                                 recorded, kinds=frozenset({changes.LISTS, changes.PERSONS}), on_failure=refused)

    def show_outcome(self, recorded: list[lists.AnswerRecorded]) -> None:
        """Under the members: how many answers were recorded, and whose status could not follow."""
        stuck = [r for r in recorded if r.not_moved]
        text = self.tr("%1 answers recorded.").replace("%1", str(len(recorded)))
        if stuck:
            text += " " + self.tr("Status unchanged for: %1").replace("%1", "; ".join(
                f"{r.case_ref} ({translated(service_note(r.not_moved or ''))})" for r in stuck[:10])) + (
                " …" if len(stuck) > 10 else "")
        self.outcome.setText(text)
        self.outcome.setStyleSheet("color: #b71c1c;" if stuck else "")
        self.outcome.show()

    @Slot()
    def record_crossing(self) -> None:
        members = self.selected_members()
        if self.current is None or not members:
            return
        list_id, db, operator = self.current.id, self.db, self.operator
        at = dt.datetime.now().replace(microsecond=0)

        self._run(self.tr("Recording the crossing"),
                  lambda: lists.record_crossings(db, list_id, [m.person_id for m in members], operator=operator, at=at))
