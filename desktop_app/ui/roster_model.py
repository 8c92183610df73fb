"""The roster table model: holds the matching person ids, fetches rows a page at a time.

A new search or filter replaces the ids (`set_query`, a model reset). `data()` asks the
service for the 200-row page that holds the requested row the first time it is shown and
keeps a bounded number of pages, so a million-person roster costs memory for the ids and
a few pages only.

At start-up the model can show the first page before it has a database (`show_first_page`,
read with plain sqlite3); `attach` then gives it the database and the rest of the ids. The
queries module (SQLAlchemy) is imported only then, so that the first paint does not wait for it.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.domain.errors import DatabaseError
from desktop_app.domain.flags import Flag
from desktop_app.domain.status import Status
from desktop_app.services.roster_rows import FirstPage, RosterQuery, RosterRow, SortKey
from desktop_app.ui import labels
from desktop_app.ui.colours import pastel
from desktop_app.ui.roles import PERSON_ID_ROLE, STATUS_ROLE

if TYPE_CHECKING:
    from desktop_app.storage.db import Database

PAGE_SIZE = 200
MAX_CACHED_PAGES = 64

_STATUS_COLOURS = {
    Status.APPROVED.value: "#d8f0d8", Status.CROSSED.value: "#cde4f7", Status.EVACUATED.value: "#e2e2e2",
    Status.REJECTED.value: "#f7d6d6", Status.ON_HOLD.value: "#fbeccb", Status.UNREACHABLE.value: "#fbeccb",
}

# Roles as plain ints: the view asks data() for eight or so roles per cell and each paint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_PERSON_ID = int(PERSON_ID_ROLE)
_STATUS = int(STATUS_ROLE)
_ANSWERED_ROLES = frozenset({_DISPLAY, _BACKGROUND, _FOREGROUND, _TOOLTIP, _PERSON_ID, _STATUS})

_FLAG_MARKS = {Flag.MEDICAL: "✚", Flag.REDUCED_MOBILITY: "♿", Flag.PREGNANT: "P", Flag.UNACCOMPANIED_MINOR: "U",
               Flag.INFANT: "I", Flag.ELDERLY: "E"}


def _unreadable_row(person_id: int) -> RosterRow:
    """The line shown for a record a damaged roster file cannot give back."""
    return RosterRow(person_id, "?", QCoreApplication.translate("RosterTableModel", "(damaged record: cannot be read)"),
                     "", "", "", "", None, None, "", "", "", None, None, "", "", False, False, False, False,
                     dt.datetime.min)


class RosterColumn(NamedTuple):
    key: str
    title: str
    value: Callable[[RosterRow, dt.date], str]
    sort: SortKey | None = None


def _flags(row: RosterRow, today: dt.date) -> str:
    flags = row.flags(today)
    marks = [mark for flag, mark in _FLAG_MARKS.items() if flag in flags]
    if row.evidence_missing:  # issue 18: the basis for evacuation lacks evidence
        marks.append("⚠")
    return " ".join(marks)


COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("case_ref", QT_TRANSLATE_NOOP("RosterColumns", "Case"),
                 lambda r, _: r.case_ref, SortKey.CASE_REF),
    RosterColumn("name", QT_TRANSLATE_NOOP("RosterColumns", "Name"),
                 lambda r, _: " ".join(p for p in (r.surname, r.given_names, r.patronymic) if p)
                 or f"{r.surname_latin} {r.given_names_latin}", SortKey.NAME),
    RosterColumn("latin", QT_TRANSLATE_NOOP("RosterColumns", "Name as in passport"),
                 lambda r, _: f"{r.surname_latin} {r.given_names_latin}".strip()),
    RosterColumn("birth_date", QT_TRANSLATE_NOOP("RosterColumns", "Born"),
                 lambda r, _: r.birth_date or "", SortKey.BIRTH_DATE),
    RosterColumn("sex", QT_TRANSLATE_NOOP("RosterColumns", "Sex"), lambda r, _: r.sex or ""),
    RosterColumn("citizenships", QT_TRANSLATE_NOOP("RosterColumns", "Citizenship"),
                 lambda r, _: r.citizenships.replace(",", ", ")),
    RosterColumn("passport", QT_TRANSLATE_NOOP("RosterColumns", "Document"), lambda r, _: r.passport),
    RosterColumn("phone", QT_TRANSLATE_NOOP("RosterColumns", "Phone"),
                 lambda r, _: r.phone),
    RosterColumn("status", QT_TRANSLATE_NOOP("RosterColumns", "Status"),
                 lambda r, _: labels.status(r.status), SortKey.STATUS),
    RosterColumn("household", QT_TRANSLATE_NOOP("RosterColumns", "Household"), lambda r, _: r.household_ref or ""),
    RosterColumn("relationship", QT_TRANSLATE_NOOP("RosterColumns", "Relation"),
                 lambda r, _: labels.relationship(r.relationship)),
    RosterColumn("locality", QT_TRANSLATE_NOOP("RosterColumns", "Locality"),
                 lambda r, _: r.locality, SortKey.LOCALITY),
    RosterColumn("flags", QT_TRANSLATE_NOOP("RosterColumns", "Flags"), _flags),
    RosterColumn("updated", QT_TRANSLATE_NOOP("RosterColumns", "Updated"),
                 lambda r, _: f"{r.updated_at:%Y-%m-%d %H:%M}", SortKey.UPDATED),
)
COLUMN_KEYS = [c.key for c in COLUMNS]


def column_title(column: RosterColumn) -> str:
    """The column's title in the interface language."""
    return QCoreApplication.translate("RosterColumns", column.title)


def _queries() -> ModuleType:
    from desktop_app.services import roster

    return roster


class RosterTableModel(QAbstractTableModel):
    def __init__(self, db: Database | None, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._db = db
        self._query = RosterQuery()
        self._ids: list[int] = []
        self._count: int | None = None  # the roster's size while only the first page is known
        self._searched = False
        self._pages: OrderedDict[int, dict[int, RosterRow]] = OrderedDict()
        self._today = dt.date.today()

    # --- what is shown --------------------------------------------------------------------

    @property
    def searched(self) -> bool:
        """Whether a search has filled the model yet."""
        return self._searched

    @property
    def query(self) -> RosterQuery:
        return self._query

    @property
    def attached(self) -> bool:
        """Whether the model has its database (not just the first page read at start-up)."""
        return self._db is not None

    def set_database(self, db: Database) -> None:
        self._db = db
        self.set_query(RosterQuery())

    def show_first_page(self, page: FirstPage) -> None:
        """Show the unfiltered roster's first rows and its count before the database is attached."""
        self.beginResetModel()
        self._ids = [row.id for row in page.rows]
        self._count = page.count
        self._pages.clear()
        self._pages[0] = {row.id: row for row in page.rows}
        self._searched = True
        self.endResetModel()

    def attach(self, db: Database) -> None:
        """Give the model its database: the first page shown stays, the other rows become reachable."""
        self._db = db
        if self._count is None:
            self.set_query(self._query)
            return
        first, count = self._ids, self._count
        ids = _queries().search_ids(db, self._query)
        if ids[:len(first)] != first or len(ids) != count:  # the roster changed since the first look
            self._count = None
            self.set_query(self._query)
            return
        self._ids, self._count = ids, None
        self._pages[0] = _queries().fetch_rows(db, first)  # read again: an edit since the first look shows
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(COLUMNS) - 1))

    def set_query(self, query: RosterQuery) -> None:
        """Run a new search: the ids change, the cached pages go. Before the database is attached
        the query is only kept (a restored sort order), to be run by `attach`."""
        if self._db is None:
            self._query = query
            return
        ids = _queries().search_ids(self._db, query)
        self.beginResetModel()
        self._query = query
        self._searched = True
        self._ids = ids
        self._count = None
        self._pages.clear()
        self._today = query.today
        self.endResetModel()

    def refresh(self) -> None:
        """Re-run the current query (after an edit elsewhere)."""
        self.set_query(replace(self._query, today=dt.date.today()))

    def invalidate_person(self, person_id: int) -> None:
        """Forget the cached row of one person and repaint it."""
        try:
            row = self._ids.index(person_id)
        except ValueError:
            return
        self._pages.pop(row // PAGE_SIZE, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1),
                              [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
                               Qt.ItemDataRole.ForegroundRole])

    def person_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, person_id: int) -> int | None:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return None

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._ids) if self._count is None else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
                return column_title(COLUMNS[section])
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ANSWERED_ROLES:  # most of the view's calls: decided before touching the index
            return None
        position = index.row()
        if not 0 <= position < len(self._ids) or not index.isValid():
            return None
        if role == _PERSON_ID:
            return self._ids[position]
        row = self._row(position)
        if row is None:
            return None
        if role == _DISPLAY:
            return COLUMNS[index.column()].value(row, self._today)
        if role in (_BACKGROUND, _FOREGROUND):  # a pastel row sets its text colour too (dark mode)
            colour = _STATUS_COLOURS.get(row.status)
            return pastel(colour)[role == _FOREGROUND] if colour else None
        if role == _STATUS:
            return row.status
        if COLUMNS[index.column()].key == "flags":  # the tooltip
            words = [labels.flag(f.value) for f in row.flags(self._today)]
            if row.evidence_missing:
                words.append(QCoreApplication.translate("RosterTableModel", "evidence missing: %1").replace(
                    "%1", ", ".join(labels.word(e) for e in row.evidence_missing.split(","))))
            return ", ".join(words)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort_key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if sort_key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self._searched or self._db is None) and (sort_key, descending) == (self._query.sort,
                                                                                self._query.descending):
            return  # the view re-announces the sort it already shows (restoring the header): no new search
        self.set_query(replace(self._query, sort=sort_key, descending=descending))

    # --- paging ---------------------------------------------------------------------------

    def _row(self, row: int) -> RosterRow | None:
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            ids = self._ids[page_number * PAGE_SIZE:(page_number + 1) * PAGE_SIZE]
            page = self._fetch(ids) if self._db is not None else {}
            self._pages[page_number] = page
            if len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page.get(self._ids[row])

    def _fetch(self, ids: list[int]) -> dict[int, RosterRow]:
        """One page of rows; on a damaged roster, the rows that can be read and a marked line for each
        one that cannot (a page holding a garbled record must not stop the whole table painting)."""
        assert self._db is not None
        try:
            return _queries().fetch_rows(self._db, ids)
        except DatabaseError:
            if self._db.damage is None and self._db.target.path is None:
                raise  # a server's error is not a damaged page: the error presenter tells it
        page: dict[int, RosterRow] = {}
        for person_id in ids:
            try:
                page.update(_queries().fetch_rows(self._db, [person_id]))
            except DatabaseError:
                page[person_id] = _unreadable_row(person_id)
        return page

    @property
    def cached_pages(self) -> int:
        return len(self._pages)
