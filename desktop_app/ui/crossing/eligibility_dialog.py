"""Who may go, in the window: a person's basis and evidence, and a list's members lacking evidence.

    PersonEligibilityDialog(hub, person_id, "G-1044").show()   # Person > Basis and evidence… (row menu too)
    ListEligibilityDialog(hub).show()                          # Lists > Missing evidence on a list…

The person's dialog records the basis, ticks the evidence seen, says what is still missing in
red, and records the family's confirmation (*Confirmed today*). The list's dialog names every
member whose evidence is missing; *Override…* lets the selected one be submitted anyway, with
the reason, in the audit trail (`services.crossing.override`). Sending a list with a flagged,
not overridden member is refused by the list itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.eligibility import Basis, Evidence, missing_evidence
from desktop_app.services import crossing, lists
from desktop_app.ui.labels import word
from desktop_app.ui.operations import run_read, run_write
from desktop_app.ui.workspace_signals import WorkspaceHub


class PersonEligibilityDialog(QDialog):
    saved = Signal(object)  # services.crossing.EligibilityView

    def __init__(self, hub: WorkspaceHub, person_id: int, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personEligibilityDialog")
        self.setWindowTitle(self.tr("Basis and evidence: {ref}").format(ref=case_ref) if case_ref
                            else self.tr("Basis and evidence"))
        self.hub, self.person_id = hub, person_id
        self.basis = QComboBox(objectName="basis")
        for basis in Basis:
            self.basis.addItem(word(basis.value), basis.value)
        self.evidence = {e: QCheckBox(word(e.value), objectName=f"evidence_{e.value}") for e in Evidence}
        self.one_parent = QCheckBox(self.tr("A minor travelling with one parent"), objectName="oneParent")
        self.missing = QLabel(objectName="missingEvidence")
        self.missing.setStyleSheet("color: #b71c1c;")
        self.confirmed = QLabel(objectName="lastConfirmed")
        confirm_button = QPushButton(self.tr("Confirmed &today"), objectName="confirmToday")
        confirm_button.clicked.connect(self.confirm_today)
        save = QPushButton(self.tr("&Save"), objectName="saveEligibility")
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Basis for evacuation")))
        layout.addWidget(self.basis)
        layout.addWidget(QLabel(self.tr("Evidence seen")))
        for box in self.evidence.values():
            layout.addWidget(box)
            box.toggled.connect(self._show_missing)
        layout.addWidget(self.one_parent)
        layout.addWidget(self.missing)
        row = QHBoxLayout()
        row.addWidget(self.confirmed, 1)
        row.addWidget(confirm_button)
        layout.addLayout(row)
        layout.addWidget(save)
        self.basis.currentIndexChanged.connect(self._show_missing)
        self.one_parent.toggled.connect(self._show_missing)
        workspace = hub.workspace
        assert workspace is not None
        db = workspace.db
        run_read(self, lambda: crossing.eligibility_of(db, [person_id])[person_id], self._fill)

    def _fill(self, view: crossing.EligibilityView) -> None:
        if view.basis is not None:
            self.basis.setCurrentIndex(self.basis.findData(view.basis.value))
        for evidence, box in self.evidence.items():
            box.setChecked(evidence in view.evidence)
        self.one_parent.setChecked(view.minor_with_one_parent)
        self._show_confirmed(view)
        self._show_missing()

    def _show_confirmed(self, view: crossing.EligibilityView) -> None:
        self.confirmed.setText(self.tr("Last confirmed: {day}").format(
            day=view.last_confirmed.isoformat() if view.last_confirmed else self.tr("never")))

    def chosen(self) -> tuple[Basis, list[Evidence]]:
        return Basis(self.basis.currentData()), [e for e, box in self.evidence.items() if box.isChecked()]

    def _show_missing(self) -> None:
        basis, held = self.chosen()
        missing = missing_evidence(basis, held, minor_with_one_parent=self.one_parent.isChecked())
        self.missing.setText(self.tr("Missing: {evidence}").format(evidence=", ".join(word(m.value) for m in missing))
                             if missing else "")

    def save(self) -> None:
        workspace = self.hub.workspace
        assert workspace is not None
        db, operator, one_parent = workspace.db, workspace.operator, self.one_parent.isChecked()
        basis, held = self.chosen()
        run_write(self, self.hub, self.tr("Saving the basis"),
                  lambda: crossing.set_basis(db, self.person_id, basis, held, operator=operator,
                                             minor_with_one_parent=one_parent),
                  self.saved.emit, kinds=frozenset({"persons", "lists"}))

    def confirm_today(self) -> None:
        workspace = self.hub.workspace
        assert workspace is not None
        db, operator = workspace.db, workspace.operator
        run_write(self, self.hub, self.tr("Recording the confirmation"),
                  lambda: crossing.confirm(db, self.person_id, operator=operator), self._show_confirmed,
                  kinds=frozenset({"persons"}))


class ListEligibilityDialog(QDialog):
    shown = Signal(object)  # list[services.crossing.Flagged]

    def __init__(self, hub: WorkspaceHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listEligibilityDialog")
        self.setWindowTitle(self.tr("Missing evidence on a list"))
        self.resize(760, 420)
        self.hub = hub
        self.flagged: list[crossing.Flagged] = []
        self.list_choice = QComboBox(objectName="eligibilityList")
        self.model = QStandardItemModel(self)
        self.table = QTableView(objectName="flaggedMembers")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(objectName="flaggedSummary")
        override_button = QPushButton(self.tr("&Override…"), objectName="overrideButton")
        override_button.clicked.connect(lambda: self.override_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_choice)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(override_button)
        self.list_choice.currentIndexChanged.connect(lambda _i: self.reload())
        workspace = hub.workspace
        assert workspace is not None
        db = workspace.db
        run_read(self, lambda: lists.all_lists(db), self._fill_lists)

    def _fill_lists(self, summaries: list[lists.ListSummary]) -> None:
        self.list_choice.blockSignals(True)
        for summary in summaries:
            self.list_choice.addItem(summary.name, summary.id)
        self.list_choice.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        workspace, list_id = self.hub.workspace, self.list_choice.currentData()
        if workspace is None or list_id is None:
            return
        db = workspace.db
        run_read(self, lambda: crossing.flagged_on_list(db, list_id), self._show)

    def _show(self, flagged: list[crossing.Flagged]) -> None:
        self.flagged = flagged
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("Case"), self.tr("Basis"), self.tr("Missing"),
                                              self.tr("Override")])
        for f in flagged:
            self.model.appendRow([QStandardItem(f.case_ref), QStandardItem(word(f.basis.value)),
                                  QStandardItem(", ".join(word(m.value) for m in f.missing)),
                                  QStandardItem(f.override or "")])
        self.table.resizeColumnsToContents()
        waiting = sum(f.override is None for f in flagged)
        self.summary.setText(self.tr("{count} members lack evidence; {waiting} without an override (the list "
                                     "cannot be sent)").format(count=len(flagged), waiting=waiting)
                             if waiting else self.tr("{count} members lack evidence, each overridden")
                             .format(count=len(flagged)))
        self.shown.emit(flagged)

    def override_selected(self, reason: str | None = None) -> None:
        row = self.table.currentIndex().row()
        workspace, list_id = self.hub.workspace, self.list_choice.currentData()
        if workspace is None or not 0 <= row < len(self.flagged):
            return
        flagged = self.flagged[row]
        if reason is None:
            reason, accepted = QInputDialog.getText(self, self.tr("Override"), self.tr(
                "Why may {ref} be submitted without {missing}?").format(
                    ref=flagged.case_ref, missing=", ".join(word(m.value) for m in flagged.missing)))
            if not accepted:
                return
        db, operator = workspace.db, workspace.operator
        run_write(self, self.hub, self.tr("Recording the override"),
                  lambda: crossing.override(db, list_id, flagged.person_id, reason or "", operator=operator),
                  lambda _f: self.reload(), kinds=frozenset({"lists"}))
