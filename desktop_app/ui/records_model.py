"""A read-only table model over a list of service dataclasses (documents, history, audit).

Columns are (title, function of the record); the records come from a service call and are
replaced whole with `set_records`. A text on several lines shows on one (`cell_text.on_one_line`), its
lines one under another in its tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.ui.cell_text import TYPED_TEXT_ROLE, has_lines, on_one_line, one_under_another
from desktop_app.ui.colours import readable_text
from desktop_app.ui.tooltips import plain_tip

T = TypeVar("T")

RECORD_ROLE = Qt.ItemDataRole.UserRole + 10


class RecordsModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[tuple[str, Callable[[T], Any]]],
                 warn: Callable[[T], str | None] | None = None, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._columns = list(columns)
        self._records: list[T] = []
        self._warn = warn

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._records[row]

    @property
    def records(self) -> list[T]:
        return list(self._records)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._columns):
            return self._columns[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole:  # dark text on a pastel background, in dark mode too
            return readable_text(self.data(index, Qt.ItemDataRole.BackgroundRole))
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return on_one_line(self._text(record, index.column()))
        if role == RECORD_ROLE:
            return record
        warning = self._warn(record) if self._warn is not None and role in (
            Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole) else None
        if role == Qt.ItemDataRole.ToolTipRole:  # a text on several lines, one under another; then the warning
            text = self._text(record, index.column())
            tip = "\n".join(dict.fromkeys(filter(None, (one_under_another(text) if has_lines(text) else "", warning))))
            return plain_tip(tip) if tip else None
        if role == TYPED_TEXT_ROLE:  # what Ctrl+C copies
            text = self._text(record, index.column())
            return text if has_lines(text) else None
        if warning and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#f7d6d6"))
        return None

    def _text(self, record: T, column: int) -> str:
        value = self._columns[column][1](record)
        return "" if value is None else str(value)
