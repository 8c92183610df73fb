"""Table models of the import wizard: the sheet's first rows, and the preview of every row.

`SheetGridModel` shows cells as text with the chosen header row highlighted.
`PreviewModel` shows one import row per line (row number, outcome, name, birth date,
document, details: the fields that change, the duplicate candidates or the reasons for
rejection); `OutcomeFilter` narrows it to one outcome through `OUTCOME_ROLE`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.services.importing import ImportPreview, Outcome, PreviewRow
from desktop_app.ui.cell_text import TYPED_TEXT_ROLE, has_lines, on_one_line, one_under_another
from desktop_app.ui.colours import readable_text
from desktop_app.ui.errors import translated
from desktop_app.ui.tooltips import plain_tip

OUTCOME_ROLE = Qt.ItemDataRole.UserRole + 40
ROW_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 41
Index = QModelIndex | QPersistentModelIndex

OUTCOME_COLORS = {
    Outcome.NEW: "#dff0d8", Outcome.UPDATE: "#d9edf7", Outcome.UNCHANGED: "#f5f5f5",
    Outcome.DUPLICATE: "#fcf8e3", Outcome.REJECTED: "#f2dede",
}
_OUTCOME_LABELS = {
    Outcome.NEW: QT_TRANSLATE_NOOP("ImportOutcome", "New person"),
    Outcome.UPDATE: QT_TRANSLATE_NOOP("ImportOutcome", "Update"),
    Outcome.UNCHANGED: QT_TRANSLATE_NOOP("ImportOutcome", "No change"),
    Outcome.DUPLICATE: QT_TRANSLATE_NOOP("ImportOutcome", "Possible duplicate"),
    Outcome.REJECTED: QT_TRANSLATE_NOOP("ImportOutcome", "Rejected"),
}


def outcome_label(outcome: Outcome) -> str:
    """An import row's outcome in the interface language."""
    return QCoreApplication.translate("ImportOutcome", _OUTCOME_LABELS[outcome])


class SheetGridModel(QAbstractTableModel):
    """The first rows of a sheet as text; the header row in bold on grey."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[list[str]] = []
        self._width = 0
        self.header_row = 1

    def set_rows(self, rows: Sequence[Sequence[str]], header_row: int) -> None:
        self.beginResetModel()
        self._rows = [list(row) for row in rows]
        self._width = max((len(row) for row in self._rows), default=0)
        self.header_row = header_row
        self.endResetModel()

    def set_header_row(self, header_row: int) -> None:
        self.header_row = header_row
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self._width - 1),
                                  [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        letters, number = "", section + 1
        while number > 0:
            number, remainder = divmod(number - 1, 26)
            letters = chr(65 + remainder) + letters
        return letters

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole:  # dark text on a pastel background, in dark mode too
            return readable_text(self.data(index, Qt.ItemDataRole.BackgroundRole))
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        text = row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return on_one_line(text)
        if role == Qt.ItemDataRole.ToolTipRole:  # a cell typed on two lines (Alt+Enter): one under another
            return plain_tip(one_under_another(text)) if has_lines(text) else None
        if role == TYPED_TEXT_ROLE:  # what Ctrl+C copies
            return text if has_lines(text) else None
        if index.row() + 1 == self.header_row:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#dddddd"))
        return None


class PreviewModel(QAbstractTableModel):
    """Every row of an import preview, with its outcome and why."""

    COLUMNS = (QT_TRANSLATE_NOOP("PreviewModel", "Row"), QT_TRANSLATE_NOOP("PreviewModel", "Outcome"),
               QT_TRANSLATE_NOOP("PreviewModel", "Name"), QT_TRANSLATE_NOOP("PreviewModel", "Date of birth"),
               QT_TRANSLATE_NOOP("PreviewModel", "Document"), QT_TRANSLATE_NOOP("PreviewModel", "Details"))

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: tuple[PreviewRow, ...] = ()

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self._rows = preview.rows if preview is not None else ()
        self.endResetModel()

    def row_at(self, row: int) -> PreviewRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate("PreviewModel", self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return on_one_line(self._text(row, index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            cell = self._text(row, index.column()) if index.column() in (2, 3, 4) else ""
            return plain_tip("\n".join(filter(None, (one_under_another(cell) if has_lines(cell) else "",
                                                      translated(row.detail_text),  # the file's values among them
                                                      *(translated(p.text) for p in row.problems if not p.blocking)))))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(OUTCOME_COLORS[row.outcome]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000"))
        if role == OUTCOME_ROLE:
            return row.outcome.value
        if role == ROW_NUMBER_ROLE:
            return row.row
        return None

    @staticmethod
    def _text(row: PreviewRow, column: int) -> str:
        if column == 0:
            return str(row.row)
        if column == 1:
            warned = any(not p.blocking for p in row.problems) and row.outcome is not Outcome.REJECTED
            label = outcome_label(row.outcome)
            return QCoreApplication.translate("PreviewModel", "%1 (check)").replace("%1", label) if warned else label
        if column == 2:
            return row.data.display_name
        if column == 3:
            return str(row.data.fields.get("birth_date") or "")
        if column == 4:
            return ", ".join(d.number for d in row.data.documents)
        return translated(row.detail_text)


class OutcomeFilter(QSortFilterProxyModel):
    """Shows the rows of one outcome, or all of them (outcome None)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._outcome: str | None = None

    def set_outcome(self, outcome: str | None) -> None:
        self.beginFilterChange()  # Qt 6.10+: invalidateRowsFilter() is deprecated
        self._outcome = outcome
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._outcome is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(OUTCOME_ROLE) == self._outcome)
