"""The person editor's Log and audit tab: the liaison log entries about the person, and the audit trail
of their record (who changed what, when).

    log = LogTab()
    log.show_sheet(sheet)
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.reasons import audit_summary, audit_word
from desktop_app.services.audit import AuditView
from desktop_app.services.partners import LiaisonView
from desktop_app.services.person_sheet import PersonSheet
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import translated
from desktop_app.ui.records_model import RecordsModel


class LogTab(QWidget):
    """Liaison log entries and the audit trail of the editor's person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personLogTab")
        self.log_model: RecordsModel[LiaisonView] = RecordsModel(
            [(self.tr("When"), lambda e: f"{e.at:%Y-%m-%d %H:%M}"), (self.tr("Who"), lambda e: e.operator),
             (self.tr("With"), lambda e: " / ".join(x for x in (e.organization, e.contact or e.counterpart) if x)),
             (self.tr("Summary"), lambda e: e.summary), (self.tr("Follow up"), lambda e: e.follow_up_due or "")],
            parent=self)
        self.log_view = LinesTable(self, objectName="personLiaisonLog")
        self.log_view.setModel(self.log_model)
        self.log_view.horizontalHeader().setStretchLastSection(True)
        self.log_view.setColumnWidth(2, 200)
        self.audit_model: RecordsModel[AuditView] = RecordsModel(
            [(self.tr("When"), lambda a: f"{a.at:%Y-%m-%d %H:%M:%S}"), (self.tr("Operator"), lambda a: a.operator),
             (self.tr("Action"), lambda a: translated(audit_word(a.action))),
             (self.tr("What"), lambda a: translated(audit_summary(a.summary)))], parent=self)
        self.audit_view = LinesTable(self, objectName="personAuditTrail")
        self.audit_view.setModel(self.audit_model)
        self.audit_view.horizontalHeader().setStretchLastSection(True)
        self.audit_view.setColumnWidth(0, 150)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Liaison log entries about this person</b>")))
        layout.addWidget(self.log_view)
        layout.addWidget(QLabel(self.tr("<b>Audit trail of this record</b>")))
        layout.addWidget(self.audit_view)

    def show_sheet(self, sheet: PersonSheet | None) -> None:
        """Fill both tables from the person's sheet (empty for a new person)."""
        self.log_model.set_records(sheet.log if sheet is not None else [])
        self.audit_model.set_records(sheet.audit if sheet is not None else [])
