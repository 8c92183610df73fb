"""The person editor's History tab: the status history, the evacuation lists with the partners' answers
(an approval on one list and a refusal on another is named above them: the status says only one), and
every export that carried the person (which partner received their data, in which file).

    history = HistoryTab()
    history.show_sheet(sheet)
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.reasons import history_reason
from desktop_app.services.exporting import Recipient
from desktop_app.services.lists import MembershipView
from desktop_app.services.person_sheet import PersonSheet
from desktop_app.services.status import StatusChangeView
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import translated
from desktop_app.ui.fit import fit_columns
from desktop_app.ui.records_model import RecordsModel


class HistoryTab(QWidget):
    """Status history, list memberships with their answers, and the partners who received the person's data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personHistoryTab")
        self.history_model: RecordsModel[StatusChangeView] = RecordsModel(
            [(self.tr("When"), lambda h: f"{h.at:%Y-%m-%d %H:%M}"), (self.tr("Who"), lambda h: h.operator),
             (self.tr("From"), lambda h: labels.status(h.from_status)),
             (self.tr("To"), lambda h: labels.status(h.to_status)), (self.tr("List"), lambda h: h.list_name),
             (self.tr("Reason"), lambda h: translated(history_reason(h.reason)))], parent=self)
        self.history_view = LinesTable(self, objectName="historyTable")
        self.history_view.setModel(self.history_model)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.lists_model: RecordsModel[MembershipView] = RecordsModel(
            [(self.tr("List"), lambda m: m.list_name), (self.tr("Partner"), lambda m: m.organization),
             (self.tr("List state"), lambda m: labels.state(m.state)),
             (self.tr("Answer"), lambda m: labels.answer(m.answer)), (self.tr("Valid until"), lambda m: m.valid_until),
             (self.tr("Crossed"), lambda m: f"{m.crossed_at:%Y-%m-%d}" if m.crossed_at else "")], parent=self)
        self.lists_view = LinesTable(self, objectName="membershipsTable")
        self.lists_view.setModel(self.lists_model)
        self.lists_view.horizontalHeader().setStretchLastSection(True)
        fit_columns(self.history_view, (110, 100, 130, 130, 100))  # "Состояние списка" was cut
        fit_columns(self.lists_view, (100, 100, 100, 100, 100))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Status history</b>")))
        layout.addWidget(self.history_view)
        layout.addWidget(QLabel(self.tr("<b>Evacuation lists and the partners' answers</b>")))
        # An approval on one list and a refusal on another: the status says only one of them.
        self.history_conflict = QLabel(self, objectName="historyAnswerConflicts")
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
        self.recipients_view = LinesTable(self, objectName="recipientsTable")
        self.recipients_view.setModel(self.recipients_model)
        self.recipients_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(QLabel(self.tr("<b>Data shared with partners</b> (every export that carried this person)")))
        layout.addWidget(self.recipients_view)

    def show_sheet(self, sheet: PersonSheet | None) -> None:
        """Fill the tables from the person's sheet (empty for a new person)."""
        self.history_model.set_records(sheet.history if sheet is not None else [])
        self.lists_model.set_records(sheet.memberships if sheet is not None else [])
        conflicts = sheet.conflicts if sheet is not None else []
        self.history_conflict.setText("\n".join("⚠ " + translated(c.message) for c in conflicts))
        self.history_conflict.setVisible(bool(conflicts))
        self.recipients_model.set_records(sheet.recipients if sheet is not None else [])
