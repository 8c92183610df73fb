"""Duplicates: the list of possible duplicates (Tools > Find duplicates…) and the merge screen.

The duplicates dialog runs the finder off the GUI thread and lists every pair with its score
and reasons; Enter opens the pair in the merge screen, Delete marks it 'not a duplicate'
(never proposed again). The merge screen shows the two records side by side, one row per
field, with a radio choice per field for the value that survives (Left/Right or Space pick,
shaded rows differ). 'Keep record' says which record survives (its case reference stays);
the other becomes 'merged'. 'Merge' asks for confirmation; 'Undo merge' separates them again.
Both dialogs take the window's `Workspace` (the open roster and the operator, whichever roster is
open when they act). The merge, its undo and 'not a duplicate' are writes through
`ui.operations.write_and_wait`: while a colleague holds the roster the window keeps answering and
says who, and Cancel gives the write up. The comparison is read off the GUI thread: the duplicates
dialog reads it before it opens the merge screen (nothing opens if another roster or officer came
meanwhile), and the merge screen reads it again after an undo.

Several copies of one registration (a registration entered many times is listed as a pair of each copy with the
first) are merged in one act: select their pairs (Shift/Ctrl+click) and 'Merge selected into one…' merges every
record of the selected pairs into the one they share, after a confirmation naming how many and into whom, with one
backup before it and one Edit > Undo that separates them all again (`duplicates.merge_many`).

    dialog = DuplicatesDialog(window.workspace, window, undo_host=window)
    merge = MergeDialog(window.workspace, a_id, b_id, window, undo_host=window)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import Cancelled, RosterError
from desktop_app.services import backups, changes, duplicates
from desktop_app.services.duplicates import DuplicateCandidate, FieldChoice, PersonBrief
from desktop_app.services.persons import PersonView
from desktop_app.services.workspace import Roster, Workspace
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.colours import readable_text
from desktop_app.ui.errors import match_reasons, show_error
from desktop_app.ui.garbage import trim_freed_memory
from desktop_app.ui.latest_read import WaitedReads
from desktop_app.ui.operations import PendingOperation, run_in_background, write_and_wait
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.tooltips import plain_tip
from desktop_app.ui.undo_commands import OperationCommand, push_operation, undo_pushed

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.ui.main_window.host import WindowHost

DIFFERS_COLOUR = QColor("#fbeed5")
A, B = 1, 2  # the two value columns of the merge table


class MergeChoiceModel(QAbstractTableModel):
    """Field | record A | record B; in each row that differs exactly one of A and B is checked (a radio pair)."""

    HEADERS = (QT_TRANSLATE_NOOP("MergeChoiceModel", "Field"), QT_TRANSLATE_NOOP("MergeChoiceModel", "Record A"),
               QT_TRANSLATE_NOOP("MergeChoiceModel", "Record B"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FieldChoice] = []
        self._picked: dict[str, int] = {}

    def set_rows(self, rows: list[FieldChoice], headers: tuple[str, str]) -> None:
        """`rows` are seen with record A as 'keep'; `headers` name the two records."""
        self.beginResetModel()
        self._rows = rows
        self._picked = {r.key: A if r.suggested == "keep" else B for r in rows if r.pickable}
        self.HEADERS = (QT_TRANSLATE_NOOP("MergeChoiceModel", "Field"), *headers)  # type: ignore[misc]
        self.endResetModel()

    def choice(self, row: int) -> FieldChoice:
        return self._rows[row]

    def picked(self, key: str) -> int:
        return self._picked[key]

    def pick(self, row: int, column: int) -> None:
        choice = self._rows[row]
        if not choice.pickable or column not in (A, B) or self._picked[choice.key] == column:
            return
        self._picked[choice.key] = column
        self.dataChanged.emit(self.index(row, A), self.index(row, B), [Qt.ItemDataRole.CheckStateRole])

    def picks_for(self, survivor: int) -> dict[str, str]:
        """Picks as merge_persons wants them, with `survivor` (A or B) as the record kept."""
        return {key: "keep" if column == survivor else "other" for key, column in self._picked.items()}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return QCoreApplication.translate("MergeChoiceModel", self.HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (A, B) and self._rows[index.row()].pickable and self._rows[index.row()].differs:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:  # dark text on a pastel background, in dark mode too
            return readable_text(self.data(index, Qt.ItemDataRole.BackgroundRole))
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        choice, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if choice.key == "status" and column in (A, B):
                return labels.status((choice.keep_text, choice.other_text)[column - A])
            text = (labels.field_label(choice.key, choice.label), choice.keep_text, choice.other_text)[column]
            return plain_tip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == Qt.ItemDataRole.CheckStateRole and column in (A, B) and choice.pickable and choice.differs:
            return Qt.CheckState.Checked if self._picked[choice.key] == column else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and choice.differs:
            return QBrush(DIFFERS_COLOUR)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() not in (A, B):
            return False
        if not self._rows[index.row()].pickable:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        self.pick(index.row(), index.column() if checked else (B if index.column() == A else A))
        return True


class MergeDialog(QDialog):
    """Two records side by side; merge with per-field picks, then undo if need be."""

    merged = Signal(int)  # the survivor's id (also after an undo: the records changed)

    def __init__(self, workspace: Workspace, a_id: int, b_id: int, parent: QWidget | None = None, *,
                 undo_host: WindowHost | None = None, rows: list[FieldChoice] | None = None) -> None:
        """`rows`: the comparison of the two records, read by the caller off the GUI thread (the duplicates
        dialog does); without them the screen reads it itself, waiting for the read."""
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self._waited = WaitedReads(self, lambda: workspace.db)
        self.undo_host = undo_host  # the window whose Edit > Undo can take the merge back after this closes
        self.undo_entry: OperationCommand | None = None
        self.setWindowTitle(self.tr("Merge duplicate records"))
        self.workspace = workspace
        self.ids = {A: a_id, B: b_id}
        self.operation_id: int | None = None
        self.kept_id: int | None = None  # the record kept by the merge standing (None: none made, or undone)
        self.model = MergeChoiceModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("mergeTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.keep_a = QRadioButton(self.tr("Keep record &A (B is merged into it)"), self)
        self.keep_a.setObjectName("keepA")
        self.keep_b = QRadioButton(self.tr("Keep record &B (A is merged into it)"), self)
        self.keep_b.setObjectName("keepB")
        self.keep_group = QButtonGroup(self)
        self.keep_group.addButton(self.keep_a, A)
        self.keep_group.addButton(self.keep_b, B)
        self.keep_a.setChecked(True)
        self.status = QLabel(self.tr("Pick the value to keep in each shaded row: ←/→ or Space. Documents and phones "
                                     "of both are kept; list answers and the liaison log move to the record kept."),
                             self)
        self.status.setObjectName("mergeStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton(self.tr("&Merge…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.clicked.connect(self.merge)
        self.undo_button = self.buttons.addButton(self.tr("&Undo merge"), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setObjectName("undoMerge")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_a)
        keep_row.addWidget(self.keep_b)
        keep_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(keep_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(900, 720)
        if rows is None:
            self.load()
        else:
            self._show_rows(rows)

    @property
    def busy(self) -> bool:
        """Whether the comparison is being read."""
        return self._waited.busy

    def load(self) -> None:
        """Read the comparison off the GUI thread and show it; returns once shown (nothing shown if the read
        failed, and said why, or another roster or officer came meanwhile)."""
        db, a_id, b_id = self.workspace.db, self.ids[A], self.ids[B]
        found = self._waited.wait_for(lambda: duplicates.merge_comparison(db, a_id, b_id))
        if found:
            self._show_rows(found[0])

    def _show_rows(self, rows: list[FieldChoice]) -> None:
        refs = next(r for r in rows if r.key == "case_ref")
        self.model.set_rows(rows, (f"A: {refs.keep_text}", f"B: {refs.other_text}"))
        self.table.setCurrentIndex(self.model.index(0, 0))

    def survivor(self) -> int:
        return A if self.keep_a.isChecked() else B

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: Python's cycle collector empties the screen's attributes before Qt destroys its table, which
        # still sends the screen events (as the reconcile screen's did)
        table = getattr(self, "table", None)
        if table is not None and watched is table and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            row = table.currentIndex().row()
            if row >= 0 and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Space):
                choice = self.model.choice(row)
                if choice.pickable:
                    if event.key() == Qt.Key.Key_Space:
                        column = B if self.model.picked(choice.key) == A else A
                    else:
                        column = A if event.key() == Qt.Key.Key_Left else B
                    self.model.pick(row, column)
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def merge(self) -> None:
        survivor = self.survivor()
        other = B if survivor == A else A
        keep_ref = self.model.HEADERS[survivor]
        other_ref = self.model.HEADERS[other]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Merge the records"),
                          self.tr("Merge %1 into %2?\n\n%1 becomes 'merged' and points to %2; nothing is deleted and "
                                  "the merge can be undone.").replace("%1", other_ref).replace("%2", keep_ref),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmMerge")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        db, operator = self.workspace.db, self.workspace.operator
        keep_id, other_id, picks = self.ids[survivor], self.ids[other], self.model.picks_for(survivor)

        def merge() -> tuple[PersonView, int]:
            kept = duplicates.merge_persons(db, keep_id, other_id, picks=picks, operator=operator)
            return kept, duplicates.merge_operations(db, kept.id)[0]

        self.merge_button.setEnabled(False)  # one merge at a time, also while it waits for a colleague
        try:
            kept, operation_id = write_and_wait(self, self.tr("Merging %1 into %2").replace("%1", other_ref)
                                                .replace("%2", keep_ref), merge,
                                                kinds=frozenset({changes.PERSONS, changes.LISTS}))
        except RosterError as exc:
            self.merge_button.setEnabled(True)
            show_error(self, exc)
            return
        if self.workspace.db is not db:  # another roster opened while it was written: its undo is not that roster's
            return
        self._merged(kept, operation_id)

    def _merged(self, kept: PersonView, operation_id: int) -> None:
        self.operation_id = operation_id
        self.kept_id = kept.id
        self.merge_button.setEnabled(False)
        self.undo_button.setEnabled(True)
        self.keep_a.setEnabled(False)
        self.keep_b.setEnabled(False)
        self.status.setText(self.tr("Merged into %1 (operation %2).").replace("%1", kept.case_ref)
                            .replace("%2", str(self.operation_id)))
        db, operator = self.workspace.db, self.workspace.operator
        self.undo_entry = push_operation(self.undo_host, self.tr("Merge into %1").replace("%1", kept.case_ref),
                                         lambda: duplicates.undo_merge(db, operation_id, operator=operator),
                                         self, self._undone, written_on=db)
        self.merged.emit(kept.id)

    @Slot()
    def undo(self) -> None:
        if self.operation_id is None:
            return
        db, operator, operation_id = self.workspace.db, self.workspace.operator, self.operation_id
        title = self.tr("Undoing the merge")
        try:
            restored = undo_pushed(self.undo_host, self.undo_entry, lambda: write_and_wait(
                self, title, lambda: duplicates.undo_merge(db, operation_id, operator=operator)))
        except RosterError as exc:
            show_error(self, exc)
            return
        self._undone(restored)

    def _undone(self, restored: PersonView) -> None:
        """The merge was taken back (here or by Edit > Undo): the two records are shown apart again."""
        self.undo_entry = None
        self.operation_id = None
        self.kept_id = None
        self.merge_button.setEnabled(True)
        self.undo_button.setEnabled(False)
        self.keep_a.setEnabled(True)
        self.keep_b.setEnabled(True)
        self.status.setText(self.tr("Merge undone: %1 is a record of its own again.").replace("%1", restored.case_ref))
        self.load()
        self.merged.emit(restored.id)


def _searched(db: Roster, progress: Callable[[int, int], bool]) -> list[DuplicateCandidate]:
    """`duplicates.find_duplicates(db, progress=progress)`, on the search's worker. Cancelled, the search lets go of
    what it held (the roster read, its index and pairs: gigabytes at a million persons) and gives the memory back to
    the system here (breaker X20c): the dialog's own give-back, when it closes, ran while the search still held it.
    """
    try:
        return duplicates.find_duplicates(db, progress=progress)
    except Cancelled as exc:
        told = exc.text  # as raised: a message the dialog may translate
    # Out of the except clause: the error and its traceback, which held the search's frames, are let go.
    trim_freed_memory()
    raise Cancelled(told)


def _kept_of(pairs: list[DuplicateCandidate]) -> PersonBrief | None:
    """The record the selected `pairs` merge into: the one in the most of them (the first copy, in every pair of a
    registration entered many times), the earliest registered on a tie; None unless every other record of the
    pairs is paired with it (two registrations' pairs selected together, or a chain of pairs)."""
    linked: dict[int, set[int]] = {}
    briefs: dict[int, PersonBrief] = {}
    for pair in pairs:
        briefs[pair.a.id], briefs[pair.b.id] = pair.a, pair.b
        linked.setdefault(pair.a.id, set()).add(pair.b.id)
        linked.setdefault(pair.b.id, set()).add(pair.a.id)
    kept = min(linked, key=lambda person_id: (-len(linked[person_id]), person_id))
    # Every other record paired with the kept one itself: one linked only through a chain (A-B, B-C, C-D into B:
    # D) was compared with nobody it would become.
    return briefs[kept] if linked[kept] | {kept} == set(linked) else None


def _needs_a_look(pair: DuplicateCandidate) -> bool:
    """Whether `pair` must be compared (Enter) before it is merged, not merged unseen among the selected: a pair not
    'almost surely' one person, unless its two records are alike in every field shown (names, a birth date, sex) and
    hold one same document: copies of one registration that the model leaves to look at only for how many hold
    their number and name (a file imported many times over, offered as a star). A father and his son named alike
    differ in their birth dates; a child on a parent's passport has no birth date of the parent's. The finder says
    which are copies (`DuplicateCandidate.copies`): distinct camp namesakes are as alike in what the list shows and
    share the office's number typed for want of one."""
    if pair.decision == "match":
        return False
    a, b = pair.a, pair.b
    alike = (not pair.differing and a.name == b.name and a.latin_name == b.latin_name and bool(a.birth_date)
             and a.birth_date == b.birth_date and bool(a.sex) and a.sex == b.sex)
    return not (alike and pair.copies and set(a.documents) & set(b.documents))


def _listed(refs: list[str], shown: int = 12) -> str:
    """`refs` joined, the first `shown` of them and how many more (a confirmation of 2,000 records stays short)."""
    more = len(refs) - shown
    return ", ".join(refs[:shown]) + (QCoreApplication.translate("DuplicatesDialog", " and %1 more")
                                      .replace("%1", str(more)) if more > 0 else "")


class DuplicatesDialog(QDialog):
    """Every possible duplicate pair; Enter compares and merges, Delete marks 'not a duplicate'."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 undo_host: WindowHost | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.undo_host = undo_host
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.workspace = workspace
        self.loaded = False
        self.search: PendingOperation | None = None  # the search running or last run
        self._waited = WaitedReads(self, lambda: workspace.db)
        self.model: RecordsModel[DuplicateCandidate] = RecordsModel([
            (self.tr("Record A"), lambda p: f"{p.a.case_ref} {p.a.name}"),
            (self.tr("Born A"), lambda p: p.a.birth_date),
            (self.tr("Record B"), lambda p: f"{p.b.case_ref} {p.b.name}"),
            (self.tr("Born B"), lambda p: p.b.birth_date),
            (self.tr("Decision"), lambda p: self.tr("almost surely") if p.decision == "match" else self.tr("look")),
            (self.tr("Score"), lambda p: f"{p.score:.3f}"), (self.tr("Reasons"), lambda p: match_reasons(p.reasons))],
            parent=self)
        self.table = LinesTable(self)  # a name or reason on several lines shows on one; Ctrl+C copies it as typed
        self.table.setObjectName("duplicatesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several pairs: one merge
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.count_label = QLabel(self.tr("Looking for duplicates…"), self)
        self.count_label.setObjectName("duplicatesCount")
        hint = QLabel(self.tr("Enter: compare and merge · Del: not a duplicate (not proposed again) · "
                              "Shift/Ctrl+click the pairs of one record: merge them all in one act"), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        compare = buttons.addButton(self.tr("&Compare and merge…"), QDialogButtonBox.ButtonRole.ActionRole)
        compare.setObjectName("compareButton")
        compare.clicked.connect(self.open_current)
        merge_selected = buttons.addButton(self.tr("Merge &selected into one…"),
                                           QDialogButtonBox.ButtonRole.ActionRole)
        merge_selected.setObjectName("mergeSelectedButton")
        merge_selected.clicked.connect(self.merge_selected)
        self.merge_selected_button = merge_selected
        dismiss = buttons.addButton(self.tr("&Not a duplicate"), QDialogButtonBox.ButtonRole.ActionRole)
        dismiss.setObjectName("notDuplicateButton")
        dismiss.clicked.connect(self.dismiss_current)
        refresh = buttons.addButton(self.tr("&Refresh"), QDialogButtonBox.ButtonRole.ActionRole)
        refresh.clicked.connect(self.refresh)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(1100, 600)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Search again. The search is a read on a worker of its own: the roster's saves go on meanwhile (what a
        save changed is looked up again before the pairs are listed), and a search still running is cancelled
        first; closed, the dialog cancels its search, which stops within about a thousand persons. A roster
        keeping the rollback journal (a network share: `backups.beside_saves` says no), where a long read keeps
        every save out until they fail busy, is searched on the writer's worker instead, as its backups are:
        saves wait their turn behind it, and the dialog says so. The progress names the stage under way."""
        if self.search is not None and shiboken6.isValid(self.search) and not self.search.done:
            self.search.cancel()
        db = self.workspace.db
        beside = backups.beside_saves(db)
        self.count_label.setText(self.tr("Looking for duplicates…") if beside else self.tr(
            "Looking for duplicates… The roster is on a network share: your saves wait until the search ends "
            "(Cancel ends it)."))
        search = self.search = run_in_background(self, self.tr("Looking for duplicates"),
                                                 lambda progress: _searched(db, progress), self._found,
                                                 lambda exc: self._not_found(exc, search), reading=beside,
                                                 stage_text=self._stage_text)

    def _stage_text(self, done: int, total: int) -> str:
        """The search's progress in words: the stage under way (`duplicates.SEARCH_STAGES`), and which of how many."""
        stages = duplicates.SEARCH_STAGES
        stage = QCoreApplication.translate("services.duplicates", stages[done]) if 0 <= done < len(stages) else ""
        if not stage:
            return self.tr("Looking for duplicates")
        return self.tr("Looking for duplicates: %1 (stage %2 of %3)").replace("%1", stage) \
            .replace("%2", str(done + 1)).replace("%3", str(total))

    def _not_found(self, exc: BaseException, search: PendingOperation) -> None:
        if isinstance(exc, Cancelled):  # by the officer, or given up for a newer search: the list stays as it was
            if search is self.search and not self.loaded:
                self.count_label.setText(self.tr("The search was cancelled: Refresh searches again."))
            return
        show_error(self, exc)  # a RosterError is told; anything else reaches the crash dialog

    def _found(self, pairs: list[DuplicateCandidate]) -> None:
        self.model.set_records(pairs)
        self.table.resizeColumnsToContents()
        self.count_label.setText(self.tr("%1 possible duplicates, the likeliest first.").replace("%1", str(len(pairs))))
        if pairs:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus()
        self.loaded = True

    def current_pair(self) -> DuplicateCandidate | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    @Slot()
    def open_current(self) -> MergeDialog | None:
        pair = self.current_pair()
        if pair is None or self._waited.busy:  # Enter or a double-click again while a comparison is read: one screen
            return None
        db = self.workspace.db
        found = self._waited.wait_for(lambda: duplicates.merge_comparison(db, pair.a.id, pair.b.id))
        if not found or not shiboken6.isValid(self):
            return None  # failed (and said why), another roster or officer meanwhile, or this dialog closed
        dialog = MergeDialog(self.workspace, pair.a.id, pair.b.id, self, undo_host=self.undo_host, rows=found[0])
        dialog.merged.connect(lambda _id: self.changed.emit())
        dialog.finished.connect(lambda _result: self._compared(dialog, pair, db))
        self.merge_dialog = dialog
        dialog.open()
        return dialog

    def _compared(self, merge: MergeDialog, pair: DuplicateCandidate, db: Roster) -> None:
        """The merge screen closed. Nothing merged (or the merge undone): the list stands, with no new search (a
        million persons' search is a minute of CPU and gigabytes). Merged: the pairs of the record merged away go,
        as a person no longer on the roster; the kept record's other pairs stay (the merge screen reads both records
        again when opened), and Refresh judges them anew. Closed with the roster it compares (another roster
        opened: the window closes both dialogs), the list is about a roster no longer open: nothing to do."""
        if not shiboken6.isValid(self) or self.workspace.db is not db or merge.kept_id is None:
            return
        gone = pair.b.id if merge.kept_id == pair.a.id else pair.a.id
        row = self.table.currentIndex().row()
        remaining = [p for p in self.model.records if gone not in (p.a.id, p.b.id)]
        self.model.set_records(remaining)
        gone_ref = pair.b.case_ref if gone == pair.b.id else pair.a.case_ref
        self.count_label.setText(self.tr("%1 possible duplicates; %2 merged. Refresh judges the kept record's "
                                         "pairs again.").replace("%1", str(len(remaining))).replace("%2", gone_ref))
        if remaining:
            self.table.setCurrentIndex(self.model.index(max(0, min(row, len(remaining) - 1)), 0))

    def selected_pairs(self) -> list[DuplicateCandidate]:
        """The pairs selected in the list, in the list's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.record(row) for row in rows]

    @Slot()
    def merge_selected(self) -> None:
        """Merge every record of the selected pairs into the one record they are linked through, in one act
        (`duplicates.merge_many`): asked first, naming how many and into whom; written off the GUI thread; the
        pairs of the records merged away leave the list; Edit > Undo separates them all again. One pair selected
        opens the merge screen, as Enter does; a pair that needs a look (not 'almost surely') is refused, to be
        compared first."""
        pairs = self.selected_pairs()
        if len(pairs) < 2:
            self.open_current()
            return
        looks = [pair for pair in pairs if _needs_a_look(pair)]
        if looks:  # a pair the finder only asks to look at is compared (Enter) before it is merged: never unseen
            QMessageBox.information(self, self.tr("Merge selected into one"), self.tr(
                "The selected pairs include %1 that need a look (the first: %2 and %3). Compare such a pair with "
                "Enter before merging it: 'Merge selected into one' merges only pairs that are almost surely one "
                "person.").replace("%1", str(len(looks))).replace("%2", looks[0].a.case_ref)
                .replace("%3", looks[0].b.case_ref))
            return
        kept = _kept_of(pairs)
        if kept is None:
            QMessageBox.information(self, self.tr("Merge selected into one"), self.tr(
                "The selected pairs are not all linked to one record. Select the pairs of one registration "
                "(the pairs of its first copy with each other copy)."))
            return
        briefs = {brief.id: brief for pair in pairs for brief in (pair.a, pair.b)}
        others = [person_id for person_id in dict.fromkeys(p.id for pair in pairs for p in (pair.a, pair.b))
                  if person_id != kept.id]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Merge the records"), self.tr(
            "Merge %1 records into %2 %3?\n\nEach becomes 'merged' and points to %2; nothing is deleted. One backup "
            "is taken first, and one undo (Edit > Undo) separates them all again.\n\nMerged: %4")
            .replace("%1", str(len(others))).replace("%2", kept.case_ref).replace("%3", kept.name)
            .replace("%4", _listed([briefs[person_id].case_ref for person_id in others])),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmMergeMany")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        db, operator, keep_id = self.workspace.db, self.workspace.operator, kept.id
        seen = {person_id: brief.version for person_id, brief in briefs.items()}  # as listed: a record changed since
        # (a colleague's correction) is not merged on the list's old picture

        def merge() -> tuple[PersonView, int]:
            survivor = duplicates.merge_many(db, keep_id, others, operator=operator, versions=seen)
            return survivor, duplicates.merge_operations(db, survivor.id)[0]

        self.merge_selected_button.setEnabled(False)  # one merge at a time, also while it waits for a colleague
        try:
            survivor, operation_id = write_and_wait(
                self, self.tr("Merging %1 records into %2").replace("%1", str(len(others)))
                .replace("%2", kept.case_ref), merge, kinds=frozenset({changes.PERSONS, changes.LISTS}))
        except RosterError as exc:
            if shiboken6.isValid(self):  # closed meanwhile: the wait was given up with it, nothing to tell it
                show_error(self, exc)
            return
        finally:
            if shiboken6.isValid(self):
                self.merge_selected_button.setEnabled(True)
        if not shiboken6.isValid(self) or self.workspace.db is not db:  # another roster opened meanwhile
            return
        push_operation(self.undo_host, self.tr("Merge %1 records into %2").replace("%1", str(len(others)))
                       .replace("%2", survivor.case_ref),
                       lambda: duplicates.undo_merge(db, operation_id, operator=operator), self, self._many_undone,
                       written_on=db)
        gone = set(others)
        remaining = [p for p in self.model.records if p.a.id not in gone and p.b.id not in gone]
        self.model.set_records(remaining)
        self.count_label.setText(self.tr("%1 possible duplicates; %2 records merged into %3 (operation %4). "
                                         "Refresh judges the kept record's pairs again.")
                                 .replace("%1", str(len(remaining))).replace("%2", str(len(others)))
                                 .replace("%3", survivor.case_ref).replace("%4", str(operation_id)))
        if remaining:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.changed.emit()

    def _many_undone(self, _restored: PersonView) -> None:
        """Edit > Undo took a merge of several back: its records are on the roster again, their pairs not listed."""
        self.count_label.setText(self.tr("The merge was undone: Refresh lists the pairs of its records again."))
        self.changed.emit()

    @Slot()
    def dismiss_current(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        row = self.table.currentIndex().row()
        db, operator = self.workspace.db, self.workspace.operator
        try:
            write_and_wait(self, self.tr("Marking %1 and %2 as different persons").replace("%1", pair.a.case_ref)
                           .replace("%2", pair.b.case_ref),
                           lambda: duplicates.dismiss_pair(db, pair.a.id, pair.b.id, operator=operator),
                           kinds=frozenset({changes.PERSONS}))
        except RosterError as exc:
            if shiboken6.isValid(self):  # closed meanwhile: the wait was given up with it, nothing to tell it
                show_error(self, exc)
            return
        remaining = [p for p in self.model.records if p is not pair]
        self.model.set_records(remaining)
        self.count_label.setText(self.tr("%1 possible duplicates; %2 and %3 marked as different persons.")
                                 .replace("%1", str(len(remaining))).replace("%2", pair.a.case_ref)
                                 .replace("%3", pair.b.case_ref))
        if remaining:
            self.table.setCurrentIndex(self.model.index(min(row, len(remaining) - 1), 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        table = getattr(self, "table", None)  # emptied by the cycle collector first (see MergeDialog's)
        if table is not None and watched is table and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.dismiss_current()
                return True
        return super().eventFilter(watched, event)

