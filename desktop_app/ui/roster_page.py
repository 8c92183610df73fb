"""The roster page: search as you type, a status filter, the count, and the paged table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.status import Status
from desktop_app.storage.db import Database
from desktop_app.ui.roster_model import COLUMNS, RosterTableModel

SEARCH_DELAY_MS = 150


class RosterPage(QWidget):
    person_activated = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPage")
        self.model = RosterTableModel(db, self)

        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search: name in any script, case ref, passport or phone  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("All statuses", None)
        for status in Status:
            if status is not Status.MERGED:
                self.status_filter.addItem(status.label.capitalize(), status.value)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("matchCount")

        self.table = QTableView(self)
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for index, width in enumerate((80, 260, 220, 90, 40, 100, 110, 130, 90, 80, 80, 120, 60, 120)):
            header.resizeSection(index, width)
        self.table.doubleClicked.connect(lambda index: self.person_activated.emit(self.model.person_id(index.row())))
        self.table.activated.connect(lambda index: self.person_activated.emit(self.model.person_id(index.row())))

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.model.modelReset.connect(self._update_count)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.apply_filters()

    @Slot()
    def apply_filters(self) -> None:
        self._debounce.stop()
        value = self.status_filter.currentData()
        query = replace(self.model.query, text=self.search.text(),
                        statuses=(Status(value),) if value else ())
        self.model.set_query(query)

    @Slot()
    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(f"{count:,} person{'s' if count != 1 else ''}")

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.person_id(row) for row in rows]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.person_id(index.row()) if index.isValid() else None

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def move_current(self, step: int) -> int | None:
        """Select the next (+1) or previous (-1) person; returns their id."""
        if self.model.rowCount() == 0:
            return None
        index = self.table.currentIndex()
        row = min(max((index.row() if index.isValid() else -1) + step, 0), self.model.rowCount() - 1)
        self.select_person(self.model.person_id(row))
        return self.model.person_id(row)


assert len(COLUMNS) == 14  # the default widths above follow the column list
