"""The households page: a household at a glance, its members, head and relationships.

A warning in red when a partner approved part of a household and not the rest (families
get split at borders). A relationship too unlikely for the person's age (an 11-year-old as
spouse, `domain.person.doubtful_age`) is asked about before it is recorded, and its member row
stays flagged. Every change is a service call, audited, written through the runner
(`ui.operations.write_and_wait`): while a colleague holds the roster, the window keeps answering
and says who. The households and the chosen one are read off the GUI thread, after a change too;
`reload()` returns once they show, and an answer about another roster than the one open now, or read for an
officer who has since switched, is dropped.

    page.reload()          # the event loop turns meanwhile; `page.busy` while a read is on its way
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import RosterError
from desktop_app.domain.person import Relationship, doubtful_age
from desktop_app.services import changes, households, persons
from desktop_app.services.households import HouseholdView, MemberView
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.fit import fit_columns, fit_placeholder
from desktop_app.ui.latest_read import WaitedReads
from desktop_app.ui.operations import write_and_wait
from desktop_app.ui.pages import master_detail
from desktop_app.ui.person_picker import PersonPicker
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.workspace_signals import OnWorkspace, WorkspaceHub


def age_of(birth_date: str | None, today: dt.date | None = None) -> str:
    if not birth_date:
        return ""
    try:
        return str(PartialDate.parse(birth_date).age_on(today or dt.date.today()))
    except RosterError:
        return ""


def _relationship_label(value: str | None) -> str:
    return labels.relationship(value)


def relationship_warning(relationship: str | None, birth_date: object, today: dt.date | None = None) -> str | None:
    """The window's words for `domain.person.doubtful_age`: None when the relationship fits the age."""
    age = doubtful_age(relationship, str(birth_date) if birth_date else None, today)
    if age is None:
        return None
    return (QCoreApplication.translate("HouseholdsPage", "%1 years old: too young to be %2 of the head; "
                                       "check the relationship")
            .replace("%1", str(age)).replace("%2", _relationship_label(relationship)))


def confirm_relationship(parent: QWidget, who: str, relation: Relationship, birth_date: object) -> bool:
    """True when the relationship fits the person's age, or the officer confirms it anyway."""
    warning = relationship_warning(relation.value, birth_date)
    if warning is None:
        return True
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("HouseholdsPage", "Check the relationship"),
                      f"{who}: {warning}", QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("relationshipDoubt")
    box.setInformativeText(QCoreApplication.translate("HouseholdsPage", "Record it as %1 anyway?")
                           .replace("%1", _relationship_label(relation.value)))
    box.addButton(QCoreApplication.translate("HouseholdsPage", "Record anyway"),
                  QMessageBox.ButtonRole.AcceptRole).setObjectName("recordAnyway")
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole


HOUSEHOLD_KINDS = frozenset({changes.HOUSEHOLDS, changes.PERSONS})


class HouseholdsPage(QWidget, OnWorkspace):
    person_activated = Signal(int)
    changed = Signal()

    def __init__(self, hub: WorkspaceHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdsPage")
        self.hub = hub
        hub.follow(self, frozenset({changes.HOUSEHOLDS, changes.PERSONS}), self.reload)
        hub.workspace_changed.connect(self._roster_replaced)
        self.current: HouseholdView | None = None
        self._generation = 0  # the household asked for last: a read overtaken by a later choice is not shown
        self._listed = 0  # the same for the reads of the households list
        self._waited = WaitedReads(self, hub.open_roster)

        self.search = QLineEdit(self, objectName="householdSearch")
        self.search.setPlaceholderText(self.tr("Find a household: reference or name"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)
        new_button = QPushButton(self.tr("&New household…"), self, objectName="newHouseholdButton")
        new_button.clicked.connect(self.new_household)
        self.list_model: RecordsModel[HouseholdView] = RecordsModel(
            [(self.tr("Ref"), lambda h: h.ref), (self.tr("Name"), lambda h: h.name),
             (self.tr("Members"), lambda h: len(h.members))], parent=self)
        self.list_view = LinesTable(self, objectName="householdsTable")
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.list_view.verticalHeader().hide()
        self.list_view.horizontalHeader().setStretchLastSection(True)
        self.list_view.setColumnWidth(1, 170)

        self.heading = QLabel(self, objectName="householdHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.split_warning = QLabel(self, objectName="splitWarning")
        self.split_warning.setWordWrap(True)
        self.split_warning.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.split_warning.hide()
        today = dt.date.today()
        self._missing_evidence: dict[int, str] = {}  # issue 18: person id -> the evidence their basis lacks
        self.members_model: RecordsModel[MemberView] = RecordsModel(
            [(self.tr("Case"), lambda m: m.case_ref), (self.tr("Name"), lambda m: m.name),
             (self.tr("Relationship"), lambda m: _relationship_label(m.relationship)),
             (self.tr("Status"), lambda m: labels.status(m.status)),
             (self.tr("Age"), lambda m: age_of(m.birth_date, today)),
             (self.tr("Citizenship"), lambda m: m.citizenships.replace(",", ", "))],
            warn=lambda m: relationship_warning(m.relationship, m.birth_date, today)
            or self._missing_evidence.get(m.person_id), parent=self)
        self.members_view = LinesTable(self, objectName="householdMembers")
        self.members_view.setModel(self.members_model)
        self.members_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.members_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.members_view.verticalHeader().hide()
        self.members_view.horizontalHeader().setStretchLastSection(True)
        # The citizenship stretches: all in view; each column at least as wide as its title ("Возраст" was cut).
        fit_columns(self.members_view, (90, 170, 100, 100, 50))
        self.members_view.doubleClicked.connect(
            lambda index: self.person_activated.emit(self.members_model.record(index.row()).person_id))

        self.relationship = QComboBox(self, objectName="memberRelationship")
        for relation in Relationship:
            if relation is not Relationship.HEAD:
                self.relationship.addItem(_relationship_label(relation.value), relation.value)
        set_relation = QPushButton(self.tr("Set &relationship"), self, objectName="setRelationshipButton")
        set_relation.clicked.connect(self.set_relationship)
        make_head = QPushButton(self.tr("Make &head"), self, objectName="makeHeadButton")
        make_head.clicked.connect(self.make_head)
        remove = QPushButton(self.tr("Re&move from household"), self, objectName="removeMemberButton")
        remove.clicked.connect(self.remove_member)
        self.picker = PersonPicker(lambda: self.db, self, "householdPicker")
        self.new_relationship = QComboBox(self, objectName="newMemberRelationship")
        for relation in Relationship:
            self.new_relationship.addItem(_relationship_label(relation.value), relation.value)
        self.new_relationship.setCurrentIndex(self.new_relationship.findData(Relationship.CHILD.value))
        add = QPushButton(self.tr("&Add to household"), self, objectName="addMemberButton")
        add.clicked.connect(self.add_member)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(new_button)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.list_view)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.split_warning)
        right_layout.addWidget(self.members_view, 1)
        member_row = QHBoxLayout()
        member_row.addWidget(QLabel(self.tr("Selected member:"), self))
        member_row.addWidget(self.relationship)
        member_row.addWidget(set_relation)
        member_row.addStretch(1)
        right_layout.addLayout(member_row)
        # A second row: in Russian the five in one row made the window wider than a laptop screen.
        member_actions = QHBoxLayout()
        member_actions.addWidget(make_head)
        member_actions.addWidget(remove)
        member_actions.addStretch(1)
        right_layout.addLayout(member_actions)
        # The person search has a row of its own: beside the relationship and the button it was
        # squeezed to 'Fi…' on a 1280-pixel screen.
        fit_placeholder(self.picker.search, self.search)
        right_layout.addWidget(QLabel(self.tr("Add a person:"), self))
        right_layout.addWidget(self.picker)
        as_row = QHBoxLayout()
        as_row.addWidget(QLabel(self.tr("as"), self))
        as_row.addWidget(self.new_relationship)
        as_row.addWidget(add)
        as_row.addStretch(1)
        right_layout.addLayout(as_row)
        self.splitter = master_detail(self, left, right, "householdsSplitter", 380)
        self.list_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_household(self.list_model.record(current.row()).id)
            if current.isValid() else None)

    @Slot(object)
    def _roster_replaced(self, _workspace: object) -> None:
        self.current = None
        self._generation += 1  # a household of the old roster still being read is not shown on this one
        self._listed += 1

    @property
    def busy(self) -> bool:
        """Whether a read of the households or of one household is still on its way."""
        return self._waited.busy

    @Slot()
    def reload(self) -> None:
        """Read the households matching the search off the GUI thread, then show them and the chosen one;
        returns once shown. A reload overtaken by a later one (or another roster) shows nothing."""
        self._debounce.stop()
        db, text = self.db, self.search.text().strip()
        self._listed += 1
        listed = self._listed
        found = self._waited.wait_for(lambda: households.list_households(db, text=text, limit=500))
        if not found or listed != self._listed or self.db is not db:
            return
        self.list_model.set_records(found[0])
        if self.current is not None:
            self.show_household(self.current.id)
        elif self.list_model.rowCount():
            self.list_view.selectRow(0)
        else:
            self._show(None)

    def show_household(self, household_id: int) -> None:
        """Read the household, its split warnings and its members' missing evidence off the GUI thread (the
        split warnings look at every list's approvals), then show them; returns once shown."""
        from desktop_app.services.crossing import eligibility_of

        db = self.db
        self._generation += 1
        generation = self._generation

        def read() -> tuple[HouseholdView, list[Any], dict[int, Any]]:
            household = households.get_household(db, household_id)
            split = [w.text for w in households.split_households(db, household_id=household_id)]
            return household, split, eligibility_of(db, [m.person_id for m in household.members])

        found = self._waited.wait_for(read)
        # Not overtaken by a household chosen meanwhile, nor by another roster opened.
        if found and generation == self._generation and self.db is db:
            self._show(*found[0])

    def _show(self, household: HouseholdView | None, split: Sequence[Any] = (),
              eligibility: dict[int, Any] | None = None) -> None:
        self.current = household
        if household is None:
            self.heading.setText(self.tr("No household chosen"))
            self.members_model.set_records([])
            self.split_warning.hide()
            return
        self.heading.setText(f"{household.ref} — {household.name}")
        self._missing_evidence = {
            pid: self.tr("%1 without %2").replace("%1", labels.word(view.basis.value)).replace(
                "%2", ", ".join(labels.word(e.value) for e in view.missing))
            for pid, view in (eligibility or {}).items() if view.missing and view.basis is not None}
        self.members_model.set_records(household.members)
        warnings = [translated(text) for text in split]
        refs = {m.person_id: m.case_ref for m in household.members}
        warnings += [f"{refs[pid]}: {gap}" for pid, gap in self._missing_evidence.items()]
        self.split_warning.setText("\n".join("⚠ " + w for w in warnings))
        self.split_warning.setVisible(bool(warnings))

    def select_household(self, household_id: int) -> None:
        self.search.clear()
        self.reload()
        for row, record in enumerate(self.list_model.records):
            if record.id == household_id:
                self.list_view.selectRow(row)
                return
        self.show_household(household_id)

    def _selected_member(self) -> MemberView | None:
        index = self.members_view.currentIndex()
        return self.members_model.record(index.row()) if index.isValid() else None

    def _apply(self, title: str, action: Callable[[], HouseholdView]) -> None:
        try:
            view = write_and_wait(self, title, action, kinds=HOUSEHOLD_KINDS, hub=self.hub)
        except RosterError as exc:
            show_error(self, exc)
            return
        self.current = view  # the reload shows it again, with its split warnings and evidence, and the list
        self.reload()
        self.changed.emit()

    @Slot()
    def new_household(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New household"), self.tr("Family name of the household:"))
        if ok and name.strip():
            db, operator = self.db, self.operator
            try:
                created = write_and_wait(self, self.tr("Creating the household"),
                                         lambda: households.create_household(db, name.strip(), operator=operator),
                                         kinds=HOUSEHOLD_KINDS, hub=self.hub)
            except RosterError as exc:
                show_error(self, exc)
                return
            self.changed.emit()
            self.select_household(created.id)

    @Slot()
    def set_relationship(self) -> None:
        member = self._selected_member()
        if member is None or self.current is None:
            return
        relation = Relationship(self.relationship.currentData())
        household_id, db, operator = self.current.id, self.db, self.operator
        if not confirm_relationship(self, member.name, relation, member.birth_date):
            return
        self._apply(self.tr("Recording the relationship"),
                    lambda: households.set_relationship(db, household_id, member.person_id, relation,
                                                        operator=operator))

    @Slot()
    def make_head(self) -> None:
        member = self._selected_member()
        if member is None or self.current is None:
            return
        household_id, db, operator = self.current.id, self.db, self.operator
        self._apply(self.tr("Making the head of the household"),
                    lambda: households.set_head(db, household_id, member.person_id, operator=operator))

    @Slot()
    def remove_member(self) -> None:
        member = self._selected_member()
        if member is None or self.current is None:
            return
        household_id, db, operator = self.current.id, self.db, self.operator
        self._apply(self.tr("Removing from the household"),
                    lambda: households.remove_member(db, household_id, member.person_id, operator=operator))

    @Slot()
    def add_member(self) -> None:
        person_id = self.picker.person_id()
        if person_id is None or self.current is None:
            return
        relation = Relationship(self.new_relationship.currentData())
        household_id, db, operator = self.current.id, self.db, self.operator
        found = self._waited.wait_for(lambda: persons.get_person(db, person_id))
        if not found:
            return  # failed (and said why), or another roster or officer meanwhile
        person = found[0]
        if not confirm_relationship(self, person.case_ref, relation, person.birth_date):
            return
        self._apply(self.tr("Adding to the household"),
                    lambda: households.add_member(db, household_id, person_id, relation, operator=operator))
        self.picker.search.clear()

