"""Exchange ▸ Undo an import…: the history of imports, and undo of one as a whole.

Each import shows when, who, which file and sheet, its counts and whether it was undone.
Undo asks first, runs off the GUI thread, and reports what it did: persons removed, moved
to the trash (changed since the import), restored, and conflicts left alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import importing
from desktop_app.services.importing import ImportSummary, UndoResult
from desktop_app.storage.db import Database
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.tasks import BackgroundTask, run_in_background


def _counts(summary: ImportSummary) -> str:
    c = summary.counts
    return (f"{c.get('created', 0)} created, {c.get('updated', 0)} updated, {c.get('duplicates', 0)} duplicates, "
            f"{c.get('rejected', 0)} rejected")


COLUMNS = [("#", lambda s: s.id), ("When", lambda s: f"{s.at:%Y-%m-%d %H:%M}"), ("Operator", lambda s: s.operator),
           ("File", lambda s: s.file_name), ("Sheet", lambda s: s.sheet), ("Rows", _counts),
           ("State", lambda s: s.state)]


class ImportHistoryDialog(QDialog):
    """The imports, newest first; `undone(import_id)` after an undo changed the roster."""

    undone = Signal(int)

    def __init__(self, db: Database, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistoryDialog")
        self.setWindowTitle("Imports")
        self.db = db
        self.operator = operator
        self.model: RecordsModel[ImportSummary] = RecordsModel(COLUMNS, warn=lambda s: None, parent=self)
        self.table = QTableView(objectName="importHistoryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.undo_button = QPushButton("Undo this import…", objectName="undoImportButton")
        self.undo_button.clicked.connect(self.undo_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.task: BackgroundTask | None = None
        self.last_result: UndoResult | None = None
        self.reload()
        self.resize(900, 420)

    def reload(self) -> None:
        self.model.set_records(importing.list_imports(self.db))
        if self.model.rowCount():
            self.table.selectRow(0)

    def selected(self) -> ImportSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    @Slot()
    def undo_selected(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        if summary.undone_at is not None:
            QMessageBox.information(self, "Already undone", f"Import #{summary.id} was {summary.state}.")
            return
        answer = QMessageBox.question(self, "Undo the import",
                                      f"Undo import #{summary.id} of {summary.file_name}? Persons it created are "
                                      "removed (or moved to the trash if changed since); fields it changed get "
                                      "their old values back.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, operator = self.db, self.operator
        self.task = run_in_background(self, "Undoing the import…",
                                      lambda progress: importing.undo_import(db, summary.id, operator=operator),
                                      self._done)

    def _done(self, result: UndoResult) -> None:
        self.last_result = result
        self.reload()
        self.undone.emit(result.import_id)
        lines = [f"Import #{result.import_id} undone: {result.deleted} persons removed, {result.trashed} moved to "
                 f"the trash (changed since the import), {result.restored} restored."]
        lines += [f"Left as it is: {c.case_ref}: {c.message}" for c in result.conflicts]
        box = QMessageBox(QMessageBox.Icon.Information, "Import undone", "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("undoImportReport")
        box.open()


def open_import_history(window: Any) -> ImportHistoryDialog:
    dialog = ImportHistoryDialog(window.db, window.operator, window)
    dialog.undone.connect(lambda _import_id: refresh_roster(window))
    return dialog


def refresh_roster(window: Any) -> None:
    """After an import or its undo: the window's pages reload (the roster at least)."""
    if hasattr(window, "data_changed"):
        window.data_changed()
    else:
        window.roster.model.refresh()
