"""The person editor's Household tab: the person's household and its members, and joining one, leaving
it or changing one's own relationship (a relationship that does not fit the age is asked about first).

    household = HouseholdTab(editor)
    household.show_person(person, sheet.household)
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.person import Relationship
from desktop_app.services import households
from desktop_app.services.households import HouseholdView, MemberView
from desktop_app.services.persons import PersonView
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error
from desktop_app.ui.fit import fit_placeholder
from desktop_app.ui.pages.households import confirm_relationship
from desktop_app.ui.person.host import EditorHost
from desktop_app.ui.records_model import RecordsModel


class HouseholdTab(QWidget):
    """The household of the editor's person, its members, and the controls to join, leave or change role."""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personHouseholdTab")
        self.host = host
        self.household_label = QLabel(self, objectName="householdLabel")
        self.household_label.setWordWrap(True)
        self.household_members: RecordsModel[MemberView] = RecordsModel(
            [(self.tr("Case"), lambda m: m.case_ref), (self.tr("Name"), lambda m: m.name),
             (self.tr("Relationship"), lambda m: labels.relationship(m.relationship)),
             (self.tr("Status"), lambda m: labels.status(m.status)), (self.tr("Born"), lambda m: m.birth_date or "")],
            parent=self)
        self.household_view = LinesTable(self, objectName="personHouseholdMembers")
        self.household_view.setModel(self.household_members)
        self.household_view.horizontalHeader().setStretchLastSection(True)
        self.household_view.setColumnWidth(1, 240)
        self.join_ref = QLineEdit(self, objectName="joinHouseholdRef",
                                  placeholderText=self.tr("Household ref, e.g. H-00012"))
        fit_placeholder(self.join_ref)
        self.join_relationship = QComboBox(self, objectName="joinRelationship")
        for relation in Relationship:
            self.join_relationship.addItem(labels.relationship(relation.value), relation.value)
        self.join_relationship.setCurrentIndex(self.join_relationship.findData(Relationship.CHILD.value))
        join = QPushButton(self.tr("&Join household"), self, objectName="joinHouseholdButton")
        join.clicked.connect(self.join_household)
        self.join_ref.returnPressed.connect(self.join_household)
        set_relation = QPushButton(self.tr("Set relationship"), self, objectName="setOwnRelationshipButton")
        set_relation.clicked.connect(self.set_own_relationship)
        self.leave_button = QPushButton(self.tr("Lea&ve household"), self, objectName="leaveHouseholdButton")
        self.leave_button.clicked.connect(self.leave_household)
        layout = QVBoxLayout(self)
        layout.addWidget(self.household_label)
        layout.addWidget(self.household_view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Household:"), self))
        row.addWidget(self.join_ref)
        row.addWidget(QLabel(self.tr("as"), self))
        row.addWidget(self.join_relationship)
        row.addWidget(join)
        row.addWidget(set_relation)
        row.addStretch(1)
        row.addWidget(self.leave_button)
        layout.addLayout(row)

    def show_person(self, person: PersonView | None, household: HouseholdView | None) -> None:
        """The household of `person` (read with the person's sheet); a new person joins one once saved."""
        if person is None:
            self.household_label.setText(self.tr("Save the person first, then choose a household."))
            self.household_members.set_records([])
            self.leave_button.setEnabled(False)
            return
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

    @Slot()
    def join_household(self) -> None:
        ref = self.join_ref.text().strip()
        person = self.host.person
        if person is None or not ref:
            return
        db, operator = self.host.db, self.host.operator
        try:  # the household named: a look-up of one reference
            match = next((h for h in households.list_households(db, text=ref, limit=50)
                          if h.ref.casefold() == ref.casefold()), None)
        except RosterError as exc:
            show_error(self, exc)
            return
        if match is None:
            show_error(self, RosterError(self.tr("No household %1 on this roster.").replace("%1", ref)))
            return
        relation = Relationship(self.join_relationship.currentData())
        if not confirm_relationship(self, person.case_ref, relation, person.birth_date):
            return
        self.host.write_then_reload(
            self.tr("Adding %1 to %2").replace("%1", person.case_ref).replace("%2", match.ref),
            lambda: households.add_member(db, match.id, person.id, relation, operator=operator))
        self.join_ref.clear()

    @Slot()
    def set_own_relationship(self) -> None:
        person = self.host.person
        if person is None or person.household_id is None:
            return
        household_id = person.household_id
        relation = Relationship(self.join_relationship.currentData())
        if not confirm_relationship(self, person.case_ref, relation, person.birth_date):
            return
        db, operator = self.host.db, self.host.operator
        self.host.write_then_reload(
            self.tr("Changing the relationship of %1").replace("%1", person.case_ref),
            lambda: households.set_relationship(db, household_id, person.id, relation, operator=operator))

    @Slot()
    def leave_household(self) -> None:
        person = self.host.person
        if person is None or person.household_id is None:
            return
        household_id = person.household_id
        db, operator = self.host.db, self.host.operator
        self.host.write_then_reload(
            self.tr("Taking %1 out of the household").replace("%1", person.case_ref),
            lambda: households.remove_member(db, household_id, person.id, operator=operator))
