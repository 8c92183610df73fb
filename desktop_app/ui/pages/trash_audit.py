"""Trash and audit: restore a person moved to the trash; browse who changed what, when.

The audit browser filters by operator, date range and record (a person's case reference
or UUID) and pages through the trail 500 entries at a time. Both read off the GUI thread
(`ui.latest_read.LatestRead`): the page shows the newest answer for the roster open now, and
`busy` says whether one is still on its way.

    page = TrashAuditPage(window.hub, window)
    page.reload()                  # the trash and the operators, then the trail as filtered
    page.record_filter.setText("MR-000012")
    page.browse()
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.reasons import audit_summary, audit_word
from desktop_app.services import audit, changes, persons
from desktop_app.services.audit import AuditFilter, AuditView
from desktop_app.services.persons import PersonView
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.latest_read import LatestRead
from desktop_app.ui.operations import being_left, write_and_wait
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.workspace_signals import OnWorkspace, WorkspaceHub

if TYPE_CHECKING:
    from desktop_app.services.workspace import Roster

AUDIT_PAGE = 500
DEFAULT_AUDIT_DAYS = 30


class TrashAuditPage(QWidget, OnWorkspace):
    restored = Signal(int)

    def __init__(self, hub: WorkspaceHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashAuditPage")
        self.hub = hub
        hub.follow(self, changes.ALL_KINDS, self.reload)  # the audit trail shows every change
        self._trash_reads = LatestRead(self, hub.open_roster)
        self._audit_reads = LatestRead(self, hub.open_roster)

        self.trash_model: RecordsModel[PersonView] = RecordsModel(
            [(self.tr("Case"), lambda p: p.case_ref), (self.tr("Name"), lambda p: p.display_name),
             (self.tr("Deleted"), lambda p: f"{p.deleted_at:%Y-%m-%d %H:%M}" if p.deleted_at else ""),
             (self.tr("Status"), lambda p: labels.status(p.status))], parent=self)
        self.trash_view = LinesTable(self, objectName="trashTable")
        self.trash_view.setModel(self.trash_model)
        self.trash_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.trash_view.verticalHeader().hide()
        self.trash_view.horizontalHeader().setStretchLastSection(True)
        self.trash_view.setColumnWidth(1, 220)
        restore = QPushButton(self.tr("&Restore selected"), self, objectName="restoreButton")
        restore.clicked.connect(self.restore_selected)

        self.operator_filter = QComboBox(self, objectName="auditOperator")
        self.since = QDateEdit(self, objectName="auditSince")
        self.until = QDateEdit(self, objectName="auditUntil")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.since.setDate(QDate.currentDate().addDays(-DEFAULT_AUDIT_DAYS))
        self.until.setDate(QDate.currentDate())
        self.record_filter = QLineEdit(self, objectName="auditRecord")
        self.record_filter.setPlaceholderText(self.tr("Case ref or UUID"))
        self.record_filter.setClearButtonEnabled(True)
        search = QPushButton(self.tr("&Show"), self, objectName="auditShowButton")
        search.clicked.connect(self.browse)
        self.record_filter.returnPressed.connect(self.browse)
        self.more = QPushButton(self.tr("&More…"), self, objectName="auditMoreButton")
        self.more.clicked.connect(self.load_more)
        self.audit_model: RecordsModel[AuditView] = RecordsModel(
            [(self.tr("When"), lambda a: f"{a.at:%Y-%m-%d %H:%M:%S}"), (self.tr("Operator"), lambda a: a.operator),
             (self.tr("Action"), lambda a: translated(audit_word(a.action))),
             (self.tr("Record"), lambda a: translated(audit_word(a.entity))),
             (self.tr("What"), lambda a: translated(audit_summary(a.summary)))], parent=self)
        self.audit_view = LinesTable(self, objectName="auditTable")
        self.audit_view.setModel(self.audit_model)
        self.audit_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.audit_view.verticalHeader().hide()
        self.audit_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((150, 110, 70, 90)):
            self.audit_view.setColumnWidth(column, width)
        self.audit_count = QLabel(self, objectName="auditCount")

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("<b>Trash</b> — persons moved to the trash can be restored"), self), 1)
        heading.addWidget(restore)
        top_layout.addLayout(heading)
        top_layout.addWidget(self.trash_view)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel(self.tr("<b>Audit trail</b>"), self))
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Operator"), self.operator_filter), (self.tr("From"), self.since),
                              (self.tr("to"), self.until), (self.tr("Record"), self.record_filter)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1 if widget is self.record_filter else 0)
        filters.addWidget(search)
        bottom_layout.addLayout(filters)
        bottom_layout.addWidget(self.audit_view, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.audit_count, 1)
        footer.addWidget(self.more)
        bottom_layout.addLayout(footer)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("trashAuditSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setSizes([250, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

    @property
    def busy(self) -> bool:
        """Whether a read of the trash or the trail is still on its way."""
        return self._trash_reads.busy or self._audit_reads.busy

    @Slot()
    def reload(self) -> None:
        """Read the trash and the trail's operators off the GUI thread, then browse the trail."""
        db = self.db
        self._trash_reads.run(lambda: (persons.list_trash(db), audit.operators(db)), self._show_trash)

    def _show_trash(self, found: tuple[list[PersonView], list[str]]) -> None:
        trash, operators = found
        self.trash_model.set_records(trash)
        chosen = self.operator_filter.currentData()
        self.operator_filter.blockSignals(True)
        self.operator_filter.clear()
        self.operator_filter.addItem(self.tr("anyone"), None)
        for name in operators:
            self.operator_filter.addItem(name, name)
        self.operator_filter.setCurrentIndex(max(0, self.operator_filter.findData(chosen)))
        self.operator_filter.blockSignals(False)
        self.browse()

    def audit_filter(self) -> AuditFilter:
        """The filter the user set, the record as typed (`resolved` turns a case reference into its UUID)."""
        key = self.record_filter.text().strip() or None
        since = dt.datetime.combine(self.since.date().toPython(), dt.time())  # type: ignore[arg-type]
        until = dt.datetime.combine(self.until.date().toPython(), dt.time.max)  # type: ignore[arg-type]
        return AuditFilter(operator=self.operator_filter.currentData(), entity_key=key, since=since, until=until)

    @staticmethod
    def resolved(db: Roster, where: AuditFilter) -> AuditFilter:
        """`where` with a person's case reference turned into the person's UUID (a read: off the GUI thread)."""
        if where.entity_key is None:
            return where
        with contextlib.suppress(RosterError):  # not a person: an organization id, a list UUID… as typed
            return replace(where, entity_key=persons.find_person(db, where.entity_key).uuid)
        return where

    @Slot()
    def browse(self) -> None:
        self._read_trail(0)

    @Slot()
    def load_more(self) -> None:
        self._read_trail(self.audit_model.rowCount())

    def _read_trail(self, offset: int) -> None:
        db, where = self.db, self.audit_filter()

        def shown(entries: list[AuditView]) -> None:
            self.audit_model.set_records(self.audit_model.records + entries if offset else entries)
            self._count()

        self._audit_reads.run(lambda: audit.browse(db, self.resolved(db, where), limit=AUDIT_PAGE, offset=offset),
                              shown)

    def _count(self) -> None:
        shown = self.audit_model.rowCount()
        self.audit_count.setText(self.tr("%1 entries shown").replace("%1", f"{shown:,}"))
        self.more.setEnabled(shown > 0 and shown % AUDIT_PAGE == 0)

    @Slot()
    def restore_selected(self) -> None:
        rows = sorted({index.row() for index in self.trash_view.selectionModel().selectedRows()})
        chosen = [self.trash_model.record(row) for row in rows]  # the model is refilled if another roster opens
        db, operator = self.db, self.operator
        for number, person in enumerate(chosen):
            if self.db is not db or being_left(db):  # another roster opens while the one before was written
                self._restore_stopped(number, len(chosen))
                break
            try:  # through the runner: a colleague's lock is waited for with the window answering
                write_and_wait(self, self.tr("Restoring %1").replace("%1", person.case_ref),
                               lambda person_id=person.id: persons.restore_person(db, person_id, operator=operator),
                               kinds=frozenset({changes.PERSONS}), hub=self.hub)
            except RosterError as exc:
                if self.db is not db or being_left(db):  # given up: another roster opens, nothing of it written
                    self._restore_stopped(number, len(chosen))
                else:
                    show_error(self, exc)
                break
            if self.db is db:  # not the id of a person on another roster opened meanwhile
                self.restored.emit(person.id)
        self.reload()

    def _restore_stopped(self, restored: int, chosen: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Restore stopped"),
                          self.tr("Another roster was opened: %1 of %2 persons were restored to the roster you "
                                  "left; the others are still in its trash.").replace("%1", str(restored))
                          .replace("%2", str(chosen)), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("restoreStopped")
        box.exec()
