"""The import wizard's last two pages: the preview of every row, and the report after the commit.

The preview is computed off the GUI thread when the page opens; its Import button commits
in the background with progress and cancel (a cancel writes nothing). The report shows the
counts and saves the rejected rows as a spreadsheet to fix and import again.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop_app.domain.errors import RosterError
from desktop_app.services import importing
from desktop_app.services.importing import ImportPreview, ImportResult, Outcome
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.export_dialog import confirm_replace, save_file_name
from desktop_app.ui.importing.models import OutcomeFilter, PreviewModel, outcome_label
from desktop_app.ui.operations import Progress

if TYPE_CHECKING:
    from desktop_app.ui.importing.wizard import ImportWizard


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("Nothing is written yet. Check the rows, then Import writes all accepted rows at "
                                 "once."))
        self.setCommitPage(True)  # after the import there is no going back, only Undo an import
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.counts = QLabel(objectName="previewCounts")
        self.counts.setWordWrap(True)
        self.filter = QComboBox(objectName="previewFilter")
        self.filter.addItem(self.tr("All rows"), None)
        for outcome in Outcome:
            self.filter.addItem(outcome_label(outcome), outcome.value)
        self.filter.currentIndexChanged.connect(lambda: self.proxy.set_outcome(self.filter.currentData()))
        self.accept_duplicates = QCheckBox(self.tr("Import possible duplicates as new persons"),
                                           objectName="acceptDuplicates")
        self.model = PreviewModel(self)
        self.proxy = OutcomeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = LinesTable(objectName="previewTable")  # its cells on one line; Ctrl+C copies a cell as typed
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.notes = QLabel(objectName="previewNotes")  # columns left out, total lines skipped: above the rows
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("QLabel { background: #fff3cd; color: #4d3800; border: 1px solid #d9b650; "
                                 "border-radius: 3px; padding: 6px; }")
        self.notes.hide()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show:")))
        row.addWidget(self.filter)
        row.addStretch(1)
        row.addWidget(self.accept_duplicates)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.notes)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        self.wiz.preview = None
        self.model.set_preview(None)
        self.counts.setText(self.tr("Reading every row…"))
        wizard, table = self.wiz, self.wiz.table
        assert table is not None and wizard.source is not None
        order = wizard.mapping_page.date_order.currentData()
        overrides = wizard.mapping_page.overrides()

        def preview(progress: Progress) -> ImportPreview:
            return importing.preview_import(wizard.db, wizard.source, sheet=table.sheet, header_row=table.header_row,
                                            mapping_overrides=overrides, date_order=order, progress=progress)

        wizard.run_task(self.tr("Preparing the preview…"), preview, self.show_preview, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.counts.setText(self.tr("The preview could not be made."))
        show_error(self, exc)

    def show_preview(self, preview: ImportPreview) -> None:
        self.wiz.preview = preview
        self.model.set_preview(preview)
        self.table.resizeColumnsToContents()
        c = preview.counts
        text = (self.tr("<b>%1</b> rows in sheet '%2': <b>%3</b> new, <b>%4</b> updates, %5 without change, "
                        "<b>%6</b> possible duplicates, <b>%7</b> rejected")
                .replace("%1", str(len(preview.rows))).replace("%2", html.escape(preview.sheet))
                .replace("%3", str(c["new"])).replace("%4", str(c["update"])).replace("%5", str(c["unchanged"]))
                .replace("%6", str(c["duplicate"])).replace("%7", str(c["rejected"])))
        if preview.date_order:
            text += self.tr(" · dates read %1").replace("%1", preview.date_order)
        if preview.profile_name:
            text += self.tr(" · profile '%1'").replace("%1", html.escape(preview.profile_name))
        self.counts.setText(text)
        self.notes.setText("\n".join(translated(note) for note in preview.notes))
        self.notes.setVisible(bool(preview.warnings))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.preview is not None

    def validatePage(self) -> bool:
        preview = self.wiz.preview
        if preview is None:
            return False
        if self.wiz.result is not None and self.wiz.result.import_id:
            return True
        wizard, accept = self.wiz, self.accept_duplicates.isChecked()
        db, operator = wizard.db, wizard.operator  # the roster open now: the runner gives the write up if another opens

        def commit(progress: Progress) -> ImportResult:
            return importing.commit_import(db, preview, operator=operator,
                                           accept_duplicates_as_new=accept, progress=progress)

        def done(result: ImportResult) -> None:
            wizard.result = result
            wizard.imported_into = db
            wizard.imported.emit(result.import_id)
            wizard.next()

        wizard.run_task(self.tr("Importing…"), commit, done, write=True)
        return False


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Imported"))
        self.summary = QLabel(objectName="reportSummary")
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save rejected rows…"), objectName="saveRejectedButton")
        self.save_button.clicked.connect(lambda: self.save_rejected())
        self.saved = QLabel(objectName="rejectedSaved")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.saved)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result, preview = self.wiz.result, self.wiz.preview
        assert result is not None and preview is not None
        if result.created > preview.counts["new"]:
            duplicates = self.tr("%1 possible duplicates created as new persons")
        else:
            duplicates = self.tr("%1 possible duplicates left out")
        self.summary.setText(
            self.tr("Import #%1 of %2 (%3):<br><b>%4</b> persons created, <b>%5</b> updated, %6 already up to date, "
                    "%7, <b>%8</b> rows rejected.<br><br>Exchange ▸ Undo an import… takes the whole import back.")
            .replace("%1", str(result.import_id)).replace("%2", html.escape(preview.file_name))
            .replace("%3", html.escape(preview.sheet)).replace("%4", str(result.created))
            .replace("%5", str(result.updated)).replace("%6", str(result.unchanged))
            .replace("%7", duplicates.replace("%1", str(result.duplicates))).replace("%8", str(result.rejected)))
        self.save_button.setEnabled(bool(result.rejected))

    @Slot()
    def save_rejected(self, path: str | None = None) -> Path | None:
        """Save the rejected rows (asking where when `path` is None); returns the file written."""
        preview = self.wiz.preview
        if preview is None:
            return None
        if path is None:
            suggested = str(Path(preview.path).with_name(f"{Path(preview.path).stem}-rejected.xlsx"))
            path = save_file_name(self, self.tr("Save rejected rows"), suggested, self.tr("Excel workbook (*.xlsx)"))
            if not path:
                return None
        overwrite = Path(path).exists()
        if overwrite and not confirm_replace(self, Path(path)):
            return None
        try:
            written = importing.write_reject_report(preview, path, roster=self.wiz.db.target.path,
                                                    overwrite=overwrite)
        except RosterError as exc:
            show_error(self, exc)
            return None
        self.saved.setText(self.tr("Saved %1 rows to %2: fix them and import that file again.")
                           .replace("%1", str(written.rows)).replace("%2", str(written.path)))
        return written.path
