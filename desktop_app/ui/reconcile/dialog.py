"""The reconciliation screen: a partner's answer checked against a list, reviewed by keyboard, applied.

The officer picks the answer file and the list (or the whole roster, to look only), and
whether a file without a decision column lists approvals or rejections. Matching runs off
the GUI thread, and so does preparing what the tables show (every cell's text, the rows their columns
are fitted to, the summary: `prepare_reconciliation`), so 10,000 rows show at once. The result
shows in tabs: matched, needs review, not on the roster, list
members not mentioned, warnings. In 'Needs review' the answer row and its candidates stand
side by side, the fields that differ shaded, each candidate's evidence field by field in
bits (the model's waterfall); Left/Right move between candidates, Enter
confirms the highlighted one, Delete leaves the row out, Backspace clears the decision,
Up/Down move between rows. 'Apply…' records the matched and confirmed rows in one undoable
operation after a confirmation; 'Undo apply' takes it back. The summary box holds the text
for a situation report, with a Copy button. The lists to choose from are read off the GUI thread: by
the caller before the screen opens (the Lists page, the menu), or by the screen itself, waiting for the read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.lists import Answer
from desktop_app.domain.reasons import service_note
from desktop_app.services import lists
from desktop_app.services.lists import ListSummary
from desktop_app.services.reconciling import (
    ApplyResult,
    Outcome,
    PersonCard,
    ReconcileCancelled,
    ReconcileWarning,
    Reconciliation,
    ReviewDecisions,
    RowResult,
    UndoResult,
    apply_reconciliation,
    export_reconcile_report,
    reconcile_answer,
    summary_text,
    undo_reconciliation,
)
from desktop_app.services.workspace import Workspace
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.export_dialog import confirm_replace, save_file_name
from desktop_app.ui.fit import resize_within_screen
from desktop_app.ui.latest_read import WaitedReads
from desktop_app.ui.operations import run_in_background
from desktop_app.ui.reconcile.models import (
    OUTCOME_COLUMNS,
    ComparisonModel,
    OutcomeModel,
    PreparedRecordsModel,
    PreparedTable,
    _warning_kind,
    prepare_table,
)
from desktop_app.ui.undo_commands import OperationCommand, push_operation, spend
from desktop_app.ui.workspace_signals import hub_of

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost

def _records_table(parent: QWidget, name: str, model: QAbstractTableModel, *, fit_on_reset: bool = True) -> QTableView:
    view = LinesTable(parent)  # its cells on one line; Ctrl+C copies a cell as typed
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    # Columns as wide as their titles before any row arrives: the default 100 px cut the longer
    # Russian titles ("Человек из базы") at 1280 pixels.
    view.resizeColumnsToContents()
    if fit_on_reset:
        model.modelReset.connect(view.resizeColumnsToContents)
    return view


def _fit_columns(view: QTableView, longest: Sequence[Sequence[int]]) -> None:
    """Each column as wide as its title and the texts of its `longest` rows (found as the rows were
    prepared), as `resizeColumnsToContents` would make it: that asks the model for every row of a table
    not shown (the tabs behind the first), about a second for 10,000 rows on the GUI thread."""
    model, header = view.model(), view.horizontalHeader()
    grid = 1 if view.showGrid() else 0
    last = model.columnCount() - 1
    for column in range(model.columnCount()):
        rows = longest[column] if column < len(longest) else (0,)  # a column not prepared (the decision) reads alike
        content = max((view.sizeHintForIndex(model.index(row, column)).width() + grid
                       for row in rows if row < model.rowCount()), default=0)
        if column == last and header.stretchLastSection():
            content = 0  # its title whole, then stretched to the table's edge, its text wrapped, as before
        header.resizeSection(column, max(content, header.sectionSizeHint(column)))


@dataclass(frozen=True)
class PreparedReconciliation:
    """A reconciliation with the text of every row the screen shows, prepared off the GUI thread."""

    reconciliation: Reconciliation
    groups: dict[Outcome, PreparedTable[RowResult]]
    not_mentioned: PreparedTable[PersonCard]
    warnings: PreparedTable[ReconcileWarning]
    summary: str


def prepare_reconciliation(rec: Reconciliation,
                           not_mentioned: Callable[[Sequence[PersonCard]], PreparedTable[PersonCard]],
                           warnings: Callable[[Sequence[ReconcileWarning]], PreparedTable[ReconcileWarning]],
                           ) -> PreparedReconciliation:
    """`rec`'s rows grouped by outcome in the answer's order, each cell's text, and the summary
    (`not_mentioned` and `warnings` prepare those tabs' records): what the screen shows, on the worker."""
    return PreparedReconciliation(
        rec, {outcome: prepare_table(rec.group(outcome), OUTCOME_COLUMNS) for outcome in Outcome},
        not_mentioned(rec.not_mentioned), warnings(rec.warnings), summary_text(rec, QCoreApplication.translate))


class ReconcileDialog(QDialog):
    """See the module docstring."""

    reconciled = Signal(object)  # Reconciliation
    applied = Signal(object)  # ApplyResult

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 list_id: int | None = None, undo_host: WindowHost | None = None,
                 choices: list[ListSummary] | None = None) -> None:
        """`choices`: the lists to check against, read by the caller off the GUI thread (`read_choices`);
        without them the screen reads them itself, waiting for the read."""
        super().__init__(parent)
        self.setObjectName("reconcileDialog")
        self._waited = WaitedReads(self, lambda: workspace.db)
        self.undo_host = undo_host  # the window whose Edit > Undo can take the apply back after this closes
        self.undo_entry: OperationCommand | None = None
        self.setWindowTitle(self.tr("Reconcile a partner's answer"))
        self.workspace = workspace
        self.db = workspace.db  # the roster this screen's rows are about: another opened since is refused
        self.reconciliation: Reconciliation | None = None
        self.decisions = ReviewDecisions()
        self.last_apply: ApplyResult | None = None
        self.busy = False  # an apply or its undo is running: a second click must not start it again
        self.checking = False  # a check runs: Browse… and Check answer must not start a second one meanwhile
        self._build(list_id, self._read_lists() if choices is None else choices)
        resize_within_screen(self, 1200, 760)

    @property
    def lists_busy(self) -> bool:
        """Whether the lists to choose from are being read."""
        return self._waited.busy

    def _read_lists(self) -> list[ListSummary]:
        db = self.db
        found = self._waited.wait_for(lambda: lists.all_lists(db))
        return found[0] if found else []

    # --- layout -----------------------------------------------------------------------------------

    def _build(self, list_id: int | None, choices: list[ListSummary]) -> None:
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("answerPath")
        self.path_edit.setPlaceholderText(self.tr("the partner's answer: .xlsx, .xls, .ods or .csv"))
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.setObjectName("browseAnswer")
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.list_combo = QComboBox(self)
        self.list_combo.setObjectName("reconcileList")
        self.list_combo.addItem(self.tr("Whole roster (check only, nothing to apply)"), None)
        for summary in choices:
            self.list_combo.addItem(self.tr("%1 (%2 members, %3)").replace("%1", summary.name)
                                    .replace("%2", str(summary.members)).replace("%3", labels.state(summary.state)),
                                    summary.id)
            if summary.id == list_id:
                self.list_combo.setCurrentIndex(self.list_combo.count() - 1)
        self.default_combo = QComboBox(self)
        self.default_combo.setObjectName("defaultAnswer")
        self.default_combo.addItem(self.tr("Read it from the decision column"), None)
        self.default_combo.addItem(self.tr("Every row is an approval"), Answer.APPROVED)
        self.default_combo.addItem(self.tr("Every row is a rejection"), Answer.REJECTED)
        self.check_button = QPushButton(self.tr("&Check answer"), self)
        self.check_button.setObjectName("checkAnswer")
        self.check_button.setDefault(False)
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.run_check)
        form = QFormLayout()
        form.addRow(self.tr("Answer file:"), file_row)
        form.addRow(self.tr("Against:"), self.list_combo)
        form.addRow(self.tr("No decision column:"), self.default_combo)

        self.counts_label = QLabel(self.tr("Choose the partner's file and press Check answer."), self)
        self.counts_label.setObjectName("reconcileCounts")
        self.counts_label.setWordWrap(True)  # a long result line once stretched the dialog to 3,542 px
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reconcileTabs")
        self.models: dict[Outcome, OutcomeModel] = {o: OutcomeModel(self) for o in Outcome}
        self.matched_view = _records_table(self, "matchedTable", self.models[Outcome.MATCH], fit_on_reset=False)
        self.review_view = _records_table(self, "reviewTable", self.models[Outcome.REVIEW], fit_on_reset=False)
        self.none_view = _records_table(self, "notOnRosterTable", self.models[Outcome.NONE], fit_on_reset=False)
        self.comparison = ComparisonModel(self)
        self.comparison_view = _records_table(self, "comparisonTable", self.comparison)
        self.comparison_view.verticalHeader().show()
        self.comparison_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.comparison_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.comparison_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.review_view.selectionModel().currentRowChanged.connect(self._review_row_changed)
        self.review_view.installEventFilter(self)
        review_page = QSplitter(Qt.Orientation.Vertical, self)
        review_page.setObjectName("reviewSplitter")
        review_page.addWidget(self.review_view)
        hint = QLabel(self.tr("↑↓ row · ←→ candidate · Enter confirm the highlighted candidate · Del leave the row "
                              "out · Backspace undecide.  Shaded cells differ from the answer."), self)
        hint.setObjectName("reviewHint")
        hint.setWordWrap(True)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(hint)
        lower_layout.addWidget(self.comparison_view)
        review_page.addWidget(lower)
        review_page.setSizes([200, 420])
        self.not_mentioned_model: PreparedRecordsModel[PersonCard] = PreparedRecordsModel([
            (self.tr("Case ref."), lambda p: p.case_ref), (self.tr("Name"), lambda p: p.name),
            (self.tr("Latin name"), lambda p: p.latin_name), (self.tr("Born"), lambda p: p.birth_date),
            (self.tr("Documents"), lambda p: ", ".join(p.documents)),
            (self.tr("Household"), lambda p: p.household_ref), (self.tr("Status"), lambda p: labels.status(p.status)),
            (self.tr("Answer on the list"), lambda p: labels.answer(p.list_answer))], parent=self)
        self.warnings_model: PreparedRecordsModel[ReconcileWarning] = PreparedRecordsModel([
            (self.tr("Kind"), lambda w: _warning_kind(w.kind)),
            (self.tr("Rows"), lambda w: ", ".join(map(str, w.rows))),
            (self.tr("Warning"), lambda w: translated(w.text or w.message))],
            warn=lambda w: translated(w.text or w.message) if w.kind != "cell" else None,
            parent=self)
        self.tabs.addTab(self.matched_view, self.tr("Matched"))
        self.tabs.addTab(review_page, self.tr("Needs review"))
        self.tabs.addTab(self.none_view, self.tr("Not on roster"))
        self.not_mentioned_view = _records_table(self, "notMentionedTable", self.not_mentioned_model,
                                                 fit_on_reset=False)
        self.warnings_view = _records_table(self, "warningsTable", self.warnings_model, fit_on_reset=False)
        self.tabs.addTab(self.not_mentioned_view, self.tr("Not mentioned"))
        self.tabs.addTab(self.warnings_view, self.tr("Warnings"))

        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("reconcileSummary")
        self.summary.setReadOnly(True)
        self.summary.setMaximumHeight(130)
        copy = QPushButton(self.tr("&Copy summary"), self)
        copy.setObjectName("copySummary")
        copy.clicked.connect(self.copy_summary)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(copy, 0, Qt.AlignmentFlag.AlignTop)

        self.buttons = QDialogButtonBox(self)
        self.report_button = self.buttons.addButton(self.tr("Save &report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button.setObjectName("saveReport")
        self.report_button.clicked.connect(self.save_report)
        self.apply_button = self.buttons.addButton(self.tr("&Apply…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.setObjectName("applyAnswer")
        self.apply_button.clicked.connect(self.apply)
        self.undo_button = self.buttons.addButton(self.tr("&Undo apply"), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setObjectName("undoApply")
        self.undo_button.clicked.connect(self.undo)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self._enable()

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(summary_row)
        layout.addWidget(self.buttons)

    def _enable(self) -> None:
        rec = self.reconciliation
        self.browse_button.setEnabled(not self.checking)
        self.check_button.setEnabled(not self.checking)
        self.report_button.setEnabled(rec is not None)
        # not while a check runs: its result replaces the one shown, and with it what an apply would record
        self.apply_button.setEnabled(rec is not None and rec.list_id is not None and self.last_apply is None
                                     and not self.busy and not self.checking)
        self.undo_button.setEnabled(self.last_apply is not None and self.last_apply.operation_id is not None
                                    and not self.busy)

    # --- checking ---------------------------------------------------------------------------------

    @Slot()
    def browse(self) -> None:
        if self.checking:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Partner's answer"), str(Path.home()),
                                              self.tr("Spreadsheets (*.xlsx *.xls *.ods *.csv);;All files (*)"))
        if path and self._may_drop_decisions():
            self.path_edit.setText(path)
            self._start_check()

    @Slot()
    def run_check(self) -> None:
        """Check the answer file named against the list chosen, asking first if that drops review decisions."""
        if self.checking:
            return
        if not self.path_edit.text().strip():
            self.path_edit.setFocus()
            return
        if self._may_drop_decisions():
            self._start_check()

    def _may_drop_decisions(self) -> bool:
        """Whether a new check may replace the one shown: yes if the officer decided no review row since it (or
        the decisions are applied), else as the officer answers (default No). The decisions are not carried over
        to the new check's rows: its file, list or roster may differ, and a choice kept for a row that only
        looks the same would be applied without being seen again."""
        rec = self.reconciliation
        decided = self.decisions.decided(rec.rows) if rec is not None and self.last_apply is None else 0
        if not decided:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Check the answer again"),
                          self.tr("Checking again discards your decisions on the rows needing review (%1 decided, "
                                  "not applied). Check again?").replace("%1", str(decided)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmCheckAgain")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _start_check(self) -> None:
        path = self.path_edit.text().strip()  # never empty: run_check and browse see to it
        list_id = self.list_combo.currentData()
        default = self.default_combo.currentData()
        db = self.db
        not_mentioned, warnings = self.not_mentioned_model.preparer(), self.warnings_model.preparer()

        def operation(progress: Callable[[int, int], bool]) -> PreparedReconciliation:
            rec = reconcile_answer(db, path, list_id=list_id, default_answer=default, progress=progress)
            return prepare_reconciliation(rec, not_mentioned, warnings)

        self.checking = True
        self._enable()
        run_in_background(self, self.tr("Matching the answer against the roster"), operation, self.show_reconciliation,
                          self._check_failed)

    def _check_failed(self, exc: BaseException) -> None:
        self.checking = False
        self._enable()
        if not isinstance(exc, ReconcileCancelled):
            show_error(self, exc)

    def show_reconciliation(self, shown: Reconciliation | PreparedReconciliation) -> None:
        """Show a reconciliation, best prepared off the GUI thread (`prepare_reconciliation`, as Check answer
        does); a plain one is prepared here."""
        if isinstance(shown, Reconciliation):
            shown = prepare_reconciliation(shown, self.not_mentioned_model.preparer(), self.warnings_model.preparer())
        rec = shown.reconciliation
        self.checking = False
        self.reconciliation = rec
        self.decisions = ReviewDecisions()
        self.last_apply = None
        for outcome, view in ((Outcome.MATCH, self.matched_view), (Outcome.REVIEW, self.review_view),
                              (Outcome.NONE, self.none_view)):
            self.models[outcome].set_prepared(shown.groups[outcome], self.decisions,
                                              with_decision=outcome is Outcome.REVIEW)
            _fit_columns(view, self.models[outcome].longest)
        self.not_mentioned_model.set_prepared(shown.not_mentioned)
        _fit_columns(self.not_mentioned_view, shown.not_mentioned.longest)
        self.warnings_model.set_prepared(shown.warnings)
        _fit_columns(self.warnings_view, shown.warnings.longest)
        self.tabs.setTabText(0, self.tr("Matched (%1)").replace("%1", str(rec.matched)))
        self.tabs.setTabText(1, self.tr("Needs review (%1)").replace("%1", str(rec.review)))
        self.tabs.setTabText(2, self.tr("Not on roster (%1)").replace("%1", str(rec.unmatched)))
        self.tabs.setTabText(3, self.tr("Not mentioned (%1)").replace("%1", str(len(rec.not_mentioned))))
        self.tabs.setTabText(4, self.tr("Warnings (%1)").replace("%1", str(len(rec.warnings))))
        self._update_counts()
        self.summary.setPlainText(shown.summary)
        if rec.review:
            self.tabs.setCurrentIndex(1)
            self.review_view.setFocus()
            self.review_view.setCurrentIndex(self.models[Outcome.REVIEW].index(0, 0))
        self._enable()
        self.reconciled.emit(rec)

    def _update_counts(self) -> None:
        rec = self.reconciliation
        if rec is None:
            return
        decided = self.decisions.decided(rec.rows)
        against = (self.tr("list '%1'").replace("%1", rec.list_name) if rec.list_name
                   else self.tr("the whole roster (check only)"))
        self.counts_label.setText(
            self.tr("%1, sheet '%2': %3 rows against %4: %5 matched, %6 need review (%7 decided), %8 not on the "
                    "roster, %9 members not mentioned, %10 warnings.")
            .replace("%10", str(len(rec.warnings))).replace("%1", rec.file_name).replace("%2", rec.sheet)
            .replace("%3", str(len(rec.rows))).replace("%4", against).replace("%5", str(rec.matched))
            .replace("%6", str(rec.review)).replace("%7", str(decided)).replace("%8", str(rec.unmatched))
            .replace("%9", str(len(rec.not_mentioned))))

    # --- reviewing ----------------------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _review_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model = self.models[Outcome.REVIEW]
        result = model.result(current.row()) if current.isValid() else None
        self.comparison.set_result(result)
        chosen = self.decisions.chosen_index(result) if result is not None else None
        if chosen is not None:
            self.comparison.set_highlighted(chosen)
        self.comparison_view.resizeRowsToContents()

    def current_review(self) -> RowResult | None:
        index = self.review_view.currentIndex()
        return self.models[Outcome.REVIEW].result(index.row()) if index.isValid() else None

    def decide(self, person_id: int | None, *, clear: bool = False) -> None:
        """Record the officer's decision for the current review row and move to the next one."""
        result = self.current_review()
        if result is None:
            return
        if clear:
            self.decisions.undecide(result)
        elif person_id is None:
            self.decisions.leave_out(result)
        else:
            self.decisions.choose(result, person_id)
        row = self.review_view.currentIndex().row()
        self.models[Outcome.REVIEW].decision_changed(row)
        self._update_counts()
        if not clear and row + 1 < self.models[Outcome.REVIEW].rowCount():
            self.review_view.setCurrentIndex(self.models[Outcome.REVIEW].index(row + 1, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: the screen may hear events while it waits for its lists, before its tables are built (the
        # whole test run saw it, order and load dependent)
        review_view = getattr(self, "review_view", None)
        if watched is review_view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.comparison.set_highlighted(self.comparison.highlighted + (1 if key == Qt.Key.Key_Right else -1))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                person = self.comparison.highlighted_person
                if person is not None:
                    self.decide(person.person_id)
                return True
            if key == Qt.Key.Key_Delete:
                self.decide(None)
                return True
            if key == Qt.Key.Key_Backspace:
                self.decide(None, clear=True)
                return True
        return super().eventFilter(watched, event)

    # --- summary, report, apply, undo ----------------------------------------------------------------

    @Slot()
    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summary.toPlainText())

    @Slot()
    def save_report(self) -> None:
        rec = self.reconciliation
        if rec is None:
            return
        suggested = str(Path(rec.path).with_name(f"{Path(rec.path).stem} - reconciliation.xlsx"))
        path = save_file_name(self, self.tr("Save the reconciliation"), suggested, self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.write_report(path)

    def write_report(self, path: str) -> None:
        """Write the report to `path`, asking first if a file is there (never the roster or the answer)."""
        rec = self.reconciliation
        if rec is None:
            return
        overwrite = Path(path).exists()
        if overwrite and not confirm_replace(self, Path(path)):
            return
        db, operator = self.db, self.operator
        run_in_background(self, self.tr("Writing the report"),
                          lambda _progress: export_reconcile_report(db, rec, path, operator=operator,
                                                                    overwrite=overwrite),
                          lambda _written: self.counts_label.setText(self.tr("Report written to %1.")
                                                                     .replace("%1", path)),
                          hub=hub_of(self), kinds=frozenset())

    def apply_count(self) -> tuple[int, int]:
        """(rows that will be applied, review rows still undecided)."""
        rec = self.reconciliation
        if rec is None:
            return 0, 0
        return self.decisions.to_apply(rec.rows)

    @property
    def operator(self) -> str:
        return self.workspace.operator

    def _roster_switched(self) -> bool:
        """Whether the window now works on another roster than this screen (File > Open since): then say so."""
        host_db = getattr(self.undo_host, "db", self.db)
        if host_db is self.db:
            return False
        show_error(self, RosterError(self.tr("This screen belongs to another roster than the one now open; it was "
                                             "closed. Open Reconcile again from the roster you mean.")))
        return True

    @Slot()
    def apply(self) -> None:
        rec = self.reconciliation
        if rec is None or rec.list_id is None or self._roster_switched():
            return
        chosen, undecided = self.apply_count()
        text = (self.tr("Record the partner's answer for %1 persons on list '%2'?\n\nTheir answers and statuses "
                        "change, with the file named as the reason. You can undo it as a whole.")
                .replace("%1", str(chosen)).replace("%2", rec.list_name or ""))
        if undecided:
            text += "\n\n" + self.tr("%1 rows still need review and will not be applied.").replace("%1", str(undecided))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Apply the answer"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmApply")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        db, operator, decisions = self.db, self.operator, dict(self.decisions)

        def operation(progress: Callable[[int, int], bool]) -> ApplyResult:
            return apply_reconciliation(db, rec, decisions, operator=operator, progress=progress)

        self._start_busy()
        run_in_background(self, self.tr("Applying the answer"), operation, self._applied, self._busy_failed,
                          hub=hub_of(self), kinds=frozenset())

    def _start_busy(self) -> None:
        self.busy = True
        self._enable()

    def _busy_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._enable()
        show_error(self, exc)

    def _applied(self, result: ApplyResult) -> None:
        self.busy = False
        self.last_apply = result
        self._enable()
        problems = [s for s in result.skipped if s.reason not in ("needs review", "not on the roster",
                                                                  "left out by the officer")]
        text = (self.tr("Recorded: %1 approved, %2 rejected; %3 statuses changed").replace("%1", str(result.approved))
                .replace("%2", str(result.rejected)).replace("%3", str(result.status_changes)))
        text += (self.tr(" (operation %1).").replace("%1", str(result.operation_id)) if result.operation_id else ".")
        details = [text]
        if result.not_moved:
            details.append(self.tr("Answer recorded, status unchanged: %1").replace("%1", "; ".join(
                self.tr("row %1: %2").replace("%1", str(s.row)).replace("%2", translated(service_note(s.reason)))
                for s in result.not_moved)))
        if problems:
            details.append(self.tr("Not recorded: %1").replace("%1", "; ".join(
                self.tr("row %1: %2").replace("%1", str(s.row)).replace("%2", translated(service_note(s.reason)))
                for s in problems)))
        # The full account goes to the summary box (it scrolls); the line above the tabs stays one line.
        self.counts_label.setText(text + (self.tr(" Details below.") if len(details) > 1 else ""))
        self.summary.setPlainText("\n".join(details) + "\n\n" + self.summary.toPlainText())
        if result.operation_id is not None and self.reconciliation is not None:
            db, operator, operation_id = self.db, self.operator, result.operation_id
            self.undo_entry = push_operation(  # none on another roster's Edit > Undo
                self.undo_host, self.tr("Apply %1").replace("%1", self.reconciliation.file_name),
                lambda: undo_reconciliation(db, operation_id, operator=operator), self, self._undone,
                written_on=db)
        self.applied.emit(result)

    @Slot()
    def undo(self) -> None:
        if self.last_apply is None or self.last_apply.operation_id is None or self._roster_switched():
            return
        answer = QMessageBox.question(self, self.tr("Undo the apply"),
                                      self.tr("Put back every answer and status this apply changed? The history "
                                              "keeps both steps."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, operator, operation_id = self.db, self.operator, self.last_apply.operation_id
        self._start_busy()
        run_in_background(self, self.tr("Undoing the apply"),
                          lambda _progress: undo_reconciliation(db, operation_id, operator=operator), self._undone,
                          self._busy_failed, hub=hub_of(self), kinds=frozenset())

    def _undone(self, result: UndoResult) -> None:
        self.busy = False
        spend(self.undo_host, self.undo_entry)
        self.undo_entry = None
        self.last_apply = None
        self._enable()
        self.counts_label.setText(self.tr("Undone: %1 answers restored, %2 statuses returned.")
                                  .replace("%1", str(result.restored)).replace("%2", str(result.status_changes)))
        self.applied.emit(result)


def read_choices(waited: WaitedReads, workspace: Workspace) -> list[ListSummary] | None:
    """The lists a reconcile may be checked against, read off the GUI thread through `waited` (the opener's);
    None if the read failed (and said why) or another roster or officer came meanwhile: open nothing then."""
    db = workspace.db
    found = waited.wait_for(lambda: lists.all_lists(db))
    return found[0] if found else None
