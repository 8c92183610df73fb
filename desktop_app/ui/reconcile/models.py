"""The reconciliation screen's table models: the outcome of each answer row, and one review row's answer
beside its candidates (the fields that differ shaded, each candidate's evidence as a waterfall).

The text of every cell is prepared with the reconciliation, off the GUI thread (`prepare_table`): a model's
`data()` only looks a prepared string up, and the columns are fitted to the few longest texts the
preparation found (`PreparedTable.longest`), so showing 10,000 rows asks nothing of each row.

    model = OutcomeModel()                                  # a tab of the reconcile dialog
    model.set_prepared(prepare_table(rows, OUTCOME_COLUMNS), decisions, with_decision=True)
    comparison = ComparisonModel()
    comparison.set_result(row_result)
"""
from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.domain.reasons import service_note
from desktop_app.matching import evidence_term
from desktop_app.services.reconciling import (
    COMPARED_FIELDS,
    CandidateMatch,
    Outcome,
    PersonCard,
    RowResult,
)
from desktop_app.ui import labels
from desktop_app.ui.cell_text import TYPED_TEXT_ROLE, has_lines, on_one_line, one_under_another
from desktop_app.ui.colours import readable_text
from desktop_app.ui.errors import match_reasons, translated
from desktop_app.ui.records_model import RECORD_ROLE, RecordsModel
from desktop_app.ui.tooltips import plain_tip

DIFFERS_COLOUR = QColor("#f7d6d6")
CHOSEN_COLOUR = QColor("#d8ecd5")
ROW_RESULT_ROLE = Qt.ItemDataRole.UserRole + 40

Decisions = dict[int, int | None]
T = TypeVar("T")

# How many of a column's widest texts (by `shown_width`) its width is measured on, and as many of its longest
# by characters: a few rather than one, as a proportional font's widest text need not be the one estimated.
FITTED_ROWS = 3
_CHAR_WIDTHS: dict[str, float] = {}  # each character's `_char_width`, filled as met


def _char_width(char: str) -> float:
    """A character's width in a Latin capital's: a mark or a joiner none, a wide East Asian one two, an Arabic
    or Hebrew letter about two thirds (measured in the default sans font), a space or a small letter less."""
    width = _CHAR_WIDTHS.get(char)
    if width is None:
        category = unicodedata.category(char)
        if category in ("Mn", "Me", "Cf") or unicodedata.combining(char):
            width = 0.0
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            width = 2.0
        elif unicodedata.bidirectional(char) in ("R", "AL"):
            width = 0.7
        elif category == "Lu":
            width = 1.0
        elif category in ("Ll", "Nd", "Lo", "Lm"):
            width = 0.8
        else:
            width = 0.5
        _CHAR_WIDTHS[char] = width
    return width


def shown_width(text: str) -> float:
    """An estimate of `text`'s width on screen, for choosing the rows a column is fitted to: its widest line's
    characters by `_char_width` (characters are not width: an Arabic name in vowel marks is twice as long as a
    Latin one in capitals of the same width)."""
    if "\n" in text:
        return max(map(shown_width, text.split("\n")))
    try:
        return sum(map(_CHAR_WIDTHS.__getitem__, text))
    except KeyError:  # a character not met before
        return sum(map(_char_width, text))


@dataclass(frozen=True)
class PreparedTable(Generic[T]):
    """Records ready to show: each record's cells as text, per column the rows whose text is widest (`shown_width`)
    or longest,
    and per record the warning its row is shaded for (none: no warnings asked). Built by `prepare_table`."""

    records: tuple[T, ...]
    cells: tuple[tuple[str, ...], ...]
    longest: tuple[tuple[int, ...], ...]
    warnings: tuple[str | None, ...] = ()
    # (row, column) -> the text of a cell holding a line break, as typed: its cell shows it `on_one_line`
    lines: dict[tuple[int, int], str] = dataclass_field(default_factory=dict)

    def tooltip(self, row: int, column: int) -> str | None:
        """The lines of the cell at `row`, `column`, one under another, if it has more than one."""
        text = self.lines.get((row, column))
        return None if text is None else plain_tip(one_under_another(text))


def prepare_table(records: Sequence[T], columns: Sequence[Callable[[T], Any]],
                  warn: Callable[[T], str | None] | None = None) -> PreparedTable[T]:
    """The text of each of `records`' `columns` (None shown as ''), for a model to look up.

    Plain Python and Qt's translations only, which are thread-safe: call it on the worker that made the records.
    """
    texts = tuple(tuple("" if (value := column(record)) is None else str(value) for column in columns)
                  for record in records)
    # A partner's cell typed on two lines (Alt+Enter in Excel): kept as typed for its tooltip, shown on one line.
    lines = {(row, column): text for row, row_texts in enumerate(texts) for column, text in enumerate(row_texts)
             if has_lines(text)}
    cells = tuple(tuple(map(on_one_line, row_texts)) for row_texts in texts) if lines else texts
    longest = tuple(_fitted_rows([row[column] for row in cells]) for column in range(len(columns)))
    return PreparedTable(tuple(records), cells, longest,
                         tuple(warn(record) for record in records) if warn is not None else (), lines)


def _fitted_rows(texts: Sequence[str]) -> tuple[int, ...]:
    """The rows of `texts` a column is fitted to: the `FITTED_ROWS` widest by `shown_width` and the as many longest,
    in that order, each once."""
    distinct = set(texts)
    widths = list(map(dict(zip(distinct, map(shown_width, distinct), strict=True)).__getitem__, texts))
    by_width = heapq.nlargest(FITTED_ROWS, range(len(texts)), key=widths.__getitem__)
    by_length = heapq.nlargest(FITTED_ROWS, range(len(texts)), key=list(map(len, texts)).__getitem__)
    return tuple(dict.fromkeys(by_width + by_length))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReconcileDialog", text)


def _on_list(card: PersonCard) -> str:
    if not card.on_list:
        return QCoreApplication.translate("ReconcileDialog", "NOT on this list")
    if card.list_answer:
        return QCoreApplication.translate("ReconcileDialog", "on the list (%1)").replace(
            "%1", labels.answer(card.list_answer))
    return QCoreApplication.translate("ReconcileDialog", "on the roster")


# Rows of the side-by-side view under the compared fields: about the candidate only.
_EXTRA_ROWS: dict[str, Callable[[CandidateMatch], str]] = {
    QT_TRANSLATE_NOOP("ReconcileDialog", "Status, list"): lambda c: f"{labels.status(c.person.status)}; "
                                                                    f"{_on_list(c.person)}",
    QT_TRANSLATE_NOOP("ReconcileDialog", "Score"): lambda c: f"{c.score:.3f}",
    QT_TRANSLATE_NOOP("ReconcileDialog", "Reasons"): lambda c: match_reasons(c.reasons),
    QT_TRANSLATE_NOOP("ReconcileDialog", "Evidence (bits)"): lambda c: _waterfall(c.contributions),
}


_TOTAL = QT_TRANSLATE_NOOP("ReconcileDialog", "log-odds of one person")


def _waterfall(contributions: Sequence[tuple[str, str, float]]) -> str:
    """The model's evidence for one candidate, a line per field with a bar: what made the score."""
    if not contributions:
        return ""
    lines = []
    for field, level, bits in contributions:
        bar = ("▮" if bits >= 0 else "░") * min(round(abs(bits) / 2), 12)
        lines.append(f"{bits:+6.1f} {bar}  {translated(evidence_term(field))}: {translated(evidence_term(level))}")
    lines.append(f"{sum(bits for _, _, bits in contributions):+6.1f}  = " + _tr(_TOTAL))
    return "\n".join(lines)
_COMPARED_LABELS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("ReconcileDialog", "Name"),
    "birth_date": QT_TRANSLATE_NOOP("ReconcileDialog", "Date of birth"),
    "sex": QT_TRANSLATE_NOOP("ReconcileDialog", "Sex"),
    "document": QT_TRANSLATE_NOOP("ReconcileDialog", "Document"),
    "case_ref": QT_TRANSLATE_NOOP("ReconcileDialog", "Case ref."),
    "household": QT_TRANSLATE_NOOP("ReconcileDialog", "Household"),
}
_WARNING_KINDS: dict[str, str] = {
    "household_split": QT_TRANSLATE_NOOP("ReconcileDialog", "household split"),
    "approved_twice": QT_TRANSLATE_NOOP("ReconcileDialog", "approved twice"),
    "conflicting_answers": QT_TRANSLATE_NOOP("ReconcileDialog", "conflicting answers"),
    "not_on_list": QT_TRANSLATE_NOOP("ReconcileDialog", "not on the list"),
    "cell": QT_TRANSLATE_NOOP("ReconcileDialog", "unreadable cell"),
}


def _warning_kind(kind: str) -> str:
    return _tr(_WARNING_KINDS[kind]) if kind in _WARNING_KINDS else kind.replace("_", " ")


def _decision_text(result: RowResult, decisions: Decisions) -> str:
    if result.row not in decisions:
        if result.outcome is not Outcome.REVIEW:
            return ""
        return QCoreApplication.translate("ReconcileDialog", "to decide")
    person_id = decisions[result.row]
    if person_id is None:
        return QCoreApplication.translate("ReconcileDialog", "left out")
    card = next((c.person for c in result.candidates if c.person.person_id == person_id), None)
    if card is None:
        return QCoreApplication.translate("ReconcileDialog", "person %1").replace("%1", str(person_id))
    return QCoreApplication.translate("ReconcileDialog", "confirmed %1").replace("%1", card.case_ref)


_OUTCOME_COLUMNS: tuple[tuple[str, Callable[[RowResult], Any]], ...] = (
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Row"), lambda r: r.row),
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Name in the answer"), lambda r: r.answer.name),
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Born"), lambda r: r.answer.birth_date),
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Document"), lambda r: ", ".join(r.answer.documents)),
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Decision"), lambda r: labels.answer(r.answer.answer.value)
     if r.answer.answer else QCoreApplication.translate("ReconcileDialog", "unreadable")),
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Valid until"),
     lambda r: r.answer.valid_until.isoformat() if r.answer.valid_until else ""),
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Roster person"),
     lambda r: f"{r.best.person.case_ref} {r.best.person.name}" if r.best else ""),
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Score"), lambda r: f"{r.best.score:.3f}" if r.best else ""),
    (QT_TRANSLATE_NOOP("ReconcileDialog", "Why"),
     lambda r: "; ".join(filter(None, (translated(service_note(r.note)) if r.note else "",
                                       match_reasons(r.best.reasons if r.best else ()))))),
)
OUTCOME_COLUMNS: tuple[Callable[[RowResult], Any], ...] = tuple(text for _, text in _OUTCOME_COLUMNS)


class OutcomeModel(QAbstractTableModel):
    """Answer rows of one group, with the person matched (or the best candidate) and the officer's decision."""

    COLUMNS = _OUTCOME_COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RowResult, ...] = ()
        self._cells: tuple[tuple[str, ...], ...] = ()
        self._prepared: PreparedTable[RowResult] = PreparedTable((), (), ())
        self.longest: tuple[tuple[int, ...], ...] = ()  # per column, the rows its width is measured on
        self._decisions: Decisions = {}
        self._with_decision = False

    def set_rows(self, rows: Sequence[RowResult], decisions: Decisions, *, with_decision: bool) -> None:
        """Show `rows`, their text prepared here (`set_prepared` takes it prepared off the GUI thread)."""
        self.set_prepared(prepare_table(rows, OUTCOME_COLUMNS), decisions, with_decision=with_decision)

    def set_prepared(self, table: PreparedTable[RowResult], decisions: Decisions, *, with_decision: bool) -> None:
        self.beginResetModel()
        self._rows, self._cells, self.longest = table.records, table.cells, table.longest
        self._prepared = table
        self._decisions = decisions
        self._with_decision = with_decision
        self.endResetModel()

    def result(self, row: int) -> RowResult:
        return self._rows[row]

    def decision_changed(self, row: int) -> None:
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last),
                              [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS) + (1 if self._with_decision else 0)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self.COLUMNS):
            return _tr(self.COLUMNS[section][0])
        if section == len(self.COLUMNS) and self._with_decision:
            return QCoreApplication.translate("ReconcileDialog", "Your decision")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:  # dark text on a pastel background, in dark mode too
            return readable_text(self.data(index, Qt.ItemDataRole.BackgroundRole))
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        result = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == len(self.COLUMNS):
                return _decision_text(result, self._decisions)
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._prepared.tooltip(index.row(), index.column())
        if role == TYPED_TEXT_ROLE:  # what Ctrl+C copies
            return self._prepared.lines.get((index.row(), index.column()))
        if role == Qt.ItemDataRole.BackgroundRole and self._with_decision and result.row in self._decisions:
            return QBrush(CHOSEN_COLOUR if self._decisions[result.row] is not None else DIFFERS_COLOUR)
        if role == ROW_RESULT_ROLE:
            return result
        return None


class ComparisonModel(QAbstractTableModel):
    """One answer row and its candidates side by side: a row per field, a column per record.

    Cells of a candidate that differ from the answer are shaded; the highlighted candidate's
    header is bold and its column tinted.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._result: RowResult | None = None
        self.highlighted = 0

    def set_result(self, result: RowResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self.highlighted = 0
        self.endResetModel()

    def set_highlighted(self, position: int) -> None:
        if self._result is None or not self._result.candidates:
            return
        self.highlighted = max(0, min(position, len(self._result.candidates) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, self.columnCount() - 1)
        self.dataChanged.emit(self.index(0, 1), self.index(self.rowCount() - 1, self.columnCount() - 1),
                              [Qt.ItemDataRole.BackgroundRole])

    @property
    def highlighted_person(self) -> PersonCard | None:
        if self._result is None or not self._result.candidates:
            return None
        return self._result.candidates[self.highlighted].person

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._result is None else len(COMPARED_FIELDS) + len(_EXTRA_ROWS)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._result is None else 1 + len(self._result.candidates)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._result is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < self.rowCount():
                return None
            titles = [_tr(_COMPARED_LABELS[key]) if key in _COMPARED_LABELS else label
                      for key, label in COMPARED_FIELDS]
            return [*titles, *(_tr(title) for title in _EXTRA_ROWS)][section]
        if not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Answer row %1").replace("%1", str(self._result.row))
            return self.tr("Candidate %1").replace("%1", str(section))
        if role == Qt.ItemDataRole.FontRole and section == self.highlighted + 1:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:  # dark text on a pastel background, in dark mode too
            return readable_text(self.data(index, Qt.ItemDataRole.BackgroundRole))
        if self._result is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return None
        candidate = self._result.candidates[column - 1] if column else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if row < len(COMPARED_FIELDS):
                key = COMPARED_FIELDS[row][0]
                text = candidate.person.value(key) if candidate else self._result.answer.value(key)
            elif candidate is None:
                text = ""
            else:
                text = _EXTRA_ROWS[list(_EXTRA_ROWS)[row - len(COMPARED_FIELDS)]](candidate)
            return plain_tip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == Qt.ItemDataRole.BackgroundRole and candidate is not None:
            if row < len(COMPARED_FIELDS) and COMPARED_FIELDS[row][0] in candidate.differing:
                return QBrush(DIFFERS_COLOUR)
            if column == self.highlighted + 1:
                return QBrush(CHOSEN_COLOUR)
        return None


class PreparedRecordsModel(RecordsModel[T]):
    """A `RecordsModel` whose cells are looked up in a `PreparedTable` (`set_prepared`), not computed cell by
    cell; `preparer()` makes one from records with this model's columns and warning, off the GUI thread."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[T], Any]]],
                 warn: Callable[[T], str | None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(columns, warn, parent)
        self._prepared: PreparedTable[T] = PreparedTable((), (), ())

    @property
    def longest(self) -> tuple[tuple[int, ...], ...]:
        """Per column, the rows its width is measured on."""
        return self._prepared.longest

    def preparer(self) -> Callable[[Sequence[T]], PreparedTable[T]]:
        """A function preparing records' cells as this model shows them, for a worker: it holds this model's
        column functions, not the model (a Qt object a worker must not hold)."""
        columns, warn = [text for _, text in self._columns], self._warn
        return lambda records: prepare_table(records, columns, warn)

    def set_records(self, records: Sequence[T]) -> None:
        self.set_prepared(self.preparer()(records))

    def set_prepared(self, table: PreparedTable[T]) -> None:
        self.beginResetModel()
        self._prepared = table
        self._records = list(table.records)
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole:  # dark text on a pastel background, in dark mode too
            return readable_text(self.data(index, Qt.ItemDataRole.BackgroundRole))
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._prepared.cells[index.row()][index.column()]
        if role == RECORD_ROLE:
            return self._records[index.row()]
        warning = self._prepared.warnings[index.row()] if self._prepared.warnings else None
        if role == Qt.ItemDataRole.ToolTipRole:
            typed = self._prepared.lines.get((index.row(), index.column()))
            lines = one_under_another(typed) if typed is not None else None
            tip = "\n".join(dict.fromkeys(filter(None, (lines, warning))))  # the cell's lines, then its row's warning
            return plain_tip(tip) if tip else None
        if role == TYPED_TEXT_ROLE:  # what Ctrl+C copies
            return self._prepared.lines.get((index.row(), index.column()))
        if warning and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(DIFFERS_COLOUR)
        return None
