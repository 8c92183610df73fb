"""Exchange ▸ Undo an import…: the history of imports, and undo of one as a whole.

Each import shows when, who, which file and sheet, its counts and whether it was undone.
Undo asks first, runs off the GUI thread, and reports what it did: persons removed, moved
to the trash (changed since the import), restored, and conflicts left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import importing
from desktop_app.services.importing import ImportSummary, UndoResult
from desktop_app.services.workspace import Workspace
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.operations import PendingOperation, run_in_background
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.workspace_signals import HoldsWorkspace, hub_of

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost


def _counts(summary: ImportSummary) -> str:
    c = summary.counts
    return (QCoreApplication.translate("ImportHistoryDialog", "%1 created, %2 updated, %3 duplicates, %4 rejected")
            .replace("%1", str(c.get("created", 0))).replace("%2", str(c.get("updated", 0)))
            .replace("%3", str(c.get("duplicates", 0))).replace("%4", str(c.get("rejected", 0))))


def _state(summary: ImportSummary) -> str:
    if summary.undone_at is None:
        return QCoreApplication.translate("ImportHistoryDialog", "in effect")
    return (QCoreApplication.translate("ImportHistoryDialog", "undone %1 by %2")
            .replace("%1", f"{summary.undone_at:%Y-%m-%d %H:%M}").replace("%2", summary.undone_by or ""))


COLUMNS = [("#", lambda s: s.id),
           (QT_TRANSLATE_NOOP("ImportHistoryDialog", "When"), lambda s: f"{s.at:%Y-%m-%d %H:%M}"),
           (QT_TRANSLATE_NOOP("ImportHistoryDialog", "Operator"), lambda s: s.operator),
           (QT_TRANSLATE_NOOP("ImportHistoryDialog", "File"), lambda s: s.file_name),
           (QT_TRANSLATE_NOOP("ImportHistoryDialog", "Sheet"), lambda s: s.sheet),
           (QT_TRANSLATE_NOOP("ImportHistoryDialog", "Rows"), _counts),
           (QT_TRANSLATE_NOOP("ImportHistoryDialog", "State"), _state)]


class ImportHistoryDialog(QDialog, HoldsWorkspace):
    """The imports, newest first; `undone(import_id)` after an undo changed the roster."""

    undone = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistoryDialog")
        self.setWindowTitle(self.tr("Imports"))
        self.workspace = workspace
        self.model: RecordsModel[ImportSummary] = RecordsModel([(self.tr(title), value) for title, value in COLUMNS],
                                                               warn=lambda s: None, parent=self)
        self.table = LinesTable(objectName="importHistoryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.undo_button = QPushButton(self.tr("Undo this import…"), objectName="undoImportButton")
        self.undo_button.clicked.connect(self.undo_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.task: PendingOperation | None = None
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
            QMessageBox.information(self, self.tr("Already undone"),
                                    self.tr("Import #%1 was %2.").replace("%1", str(summary.id))
                                    .replace("%2", _state(summary)))
            return
        answer = QMessageBox.question(self, self.tr("Undo the import"),
                                      self.tr("Undo import #%1 of %2? Persons it created are removed (or moved to "
                                              "the trash if changed since); fields it changed get their old values "
                                              "back.").replace("%1", str(summary.id))
                                      .replace("%2", summary.file_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, operator = self.db, self.operator
        self.task = run_in_background(self, self.tr("Undoing the import…"),
                                      lambda progress: importing.undo_import(db, summary.id, operator=operator),
                                      self._done, hub=hub_of(self), kinds=frozenset())

    def _done(self, result: UndoResult) -> None:
        self.last_result = result
        self.reload()
        self.undone.emit(result.import_id)
        lines = [self.tr("Import #%1 undone: %2 persons removed, %3 moved to the trash (changed since the import), "
                         "%4 restored.").replace("%1", str(result.import_id)).replace("%2", str(result.deleted))
                 .replace("%3", str(result.trashed)).replace("%4", str(result.restored))]
        lines += [self.tr("Left as it is: %1: %2").replace("%1", c.case_ref).replace("%2", c.message)
                  for c in result.conflicts]
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import undone"), "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("undoImportReport")
        box.open()


def open_import_history(window: WindowHost) -> ImportHistoryDialog:
    assert window.workspace is not None
    dialog = ImportHistoryDialog(window.workspace, window.window())
    return dialog
