"""The roster table model: holds the matching person ids, fetches rows a page at a time, all
off the GUI thread.

A new search or filter (`set_query`) reads, through the runner's read pool
(`ui.latest_read.LatestRead`), the first page of matching ids and its rows (a LIMIT query, fast
at a million persons) and shows them (a model reset); then every matching id and so the count
arrive in the background and the rows below the first page are added. A reload of the same
search (`refresh`, a colleague's change) reads the ids again and replaces them with a layout
change that moves the selection and the current person to their new rows by id, the rows
already read shown until their fresh page comes. `data()` asks for the 200-row page that holds
a row the first time it is shown, off the GUI thread; the row is a placeholder until it arrives
(`dataChanged`). A bounded number of pages is kept, so a million-person roster costs memory for
the ids and a few pages only. An answer overtaken by a newer search, or about another roster
(`set_database`), is dropped. `loading` says whether ids are still on their way, `complete`
whether every matching id is known (the count label says "200+" until then).

    model = RosterTableModel(db, page)    # reads through `page` (a QWidget): errors are shown over it
    model.set_query(RosterQuery(text="ivan"))
    model.set_query(query, resolve)       # resolve(db, query) -> query, run off the GUI thread first

At start-up the model can show the first page before it has a database (`show_first_page`,
read with plain sqlite3); `attach` then gives it the database and the rest of the ids. The
queries module (SQLAlchemy) is imported only then, so that the first paint does not wait for it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QWidget

from desktop_app.domain.errors import DatabaseError
from desktop_app.domain.flags import Flag
from desktop_app.domain.status import Status
from desktop_app.services.roster_rows import FirstPage, RosterQuery, RosterRow, SortKey
from desktop_app.ui import labels
from desktop_app.ui.colours import pastel
from desktop_app.ui.roles import PERSON_ID_ROLE, STATUS_ROLE

if TYPE_CHECKING:
    from desktop_app.storage.db import Database
    from desktop_app.ui.latest_read import LatestRead

Resolve = Callable[["Database", RosterQuery], RosterQuery]

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
_NAME_COLUMN = 1  # where a row still on its way shows its placeholder
_PLACEHOLDER = "…"
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


def _fetch(db: Database, ids: list[int]) -> dict[int, RosterRow]:
    """One page of rows (on a worker); on a damaged roster, the rows that can be read and a marked line for
    each one that cannot (a page holding a garbled record must not stop the whole table painting)."""
    try:
        return _queries().fetch_rows(db, ids)
    except DatabaseError:
        if db.damage is None and db.target.path is None:
            raise  # a server's error is not a damaged page: the error presenter tells it
    page: dict[int, RosterRow] = {}
    for person_id in ids:
        try:
            page.update(_queries().fetch_rows(db, [person_id]))
        except DatabaseError:
            page[person_id] = _unreadable_row(person_id)
    return page


def _same_search(one: RosterQuery, other: RosterQuery) -> bool:
    """Whether two queries are one search (a reload only moves `today` on)."""
    return replace(one, today=other.today) == other


class RosterTableModel(QAbstractTableModel):
    loaded = Signal()  # the ids of the newest search were shown (the first page, or all of them)

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = RosterQuery()  # the newest search asked (resolved once its answer is shown)
        self._resolve: Resolve | None = None
        self._shown: RosterQuery | None = None  # the search whose ids are shown
        self._ids: list[int] = []
        self._count: int | None = None  # rows shown beyond the ids known (start-up's count; a shrinking reload)
        self._complete = False  # every matching id is known
        self._searched = False
        self._pages: OrderedDict[int, dict[int, RosterRow]] = OrderedDict()
        self._stale: dict[int, RosterRow] = {}  # rows read before a reload, shown until their fresh page comes
        self._asked_pages: set[int] = set()
        self._generation = 0  # moves on whenever the ids shown are replaced: older pages are dropped
        self._reads: LatestRead | None = None
        self._pages_reading = 0
        self._attaching = False  # attach waits for the ids
        self._asked_ids_since_attach = False  # a search asked meanwhile overtakes attach's ids
        self._today = dt.date.today()
        self._searches = 0  # how many searches were asked for (set_query, another roster)
        self._searches_shown = 0  # the search whose ids are shown
        self._reads_held: Callable[[], bool] = lambda: False  # nobody may read yet (issue 20): see `hold_reads`
        self._read_held = False  # a search asked while reads were held, run by `resume`

    # --- what is shown --------------------------------------------------------------------

    @property
    def searched(self) -> bool:
        """Whether a search has filled the model yet."""
        return self._searched

    @property
    def query(self) -> RosterQuery:
        """The search whose answer is shown (the household filter's id resolved)."""
        return self._shown if self._shown is not None else self._query

    @property
    def asked(self) -> RosterQuery:
        """The newest search asked, its answer perhaps still on its way."""
        return self._query

    @property
    def attached(self) -> bool:
        """Whether the model has its database (not just the first page read at start-up)."""
        return self._db is not None

    @property
    def loading(self) -> bool:
        """Whether ids (the first page or every one) are still on their way."""
        return self._attaching or (self._reads is not None and self._reads.busy)

    @property
    def pages_loading(self) -> bool:
        """Whether rows asked for by the view are still on their way."""
        return self._pages_reading > 0

    @property
    def complete(self) -> bool:
        """Whether every matching id is known (so `rowCount` is the count)."""
        return self._complete

    def set_database(self, db: Database) -> None:
        """Another roster: nothing of the old one stays shown (its ids are not the new one's persons)."""
        self._db = db
        self.beginResetModel()
        self._ids, self._count, self._shown, self._complete, self._searched = [], None, None, False, False
        self._forget_rows()
        self.endResetModel()
        # The order is the officer's choice of view, shown by the header's indicator: it stays.
        self.set_query(RosterQuery(sort=self._query.sort, descending=self._query.descending))

    def show_first_page(self, page: FirstPage) -> None:
        """Show the unfiltered roster's first rows and its count before the database is attached."""
        self.beginResetModel()
        self._ids = [row.id for row in page.rows]
        self._count = page.count if page.count > len(self._ids) else None
        self._forget_rows()
        self._pages[0] = {row.id: row for row in page.rows}
        self._shown = self._query
        self._complete = self._count is None
        self._searched = True
        self.endResetModel()

    def attach(self, db: Database) -> None:
        """Give the model its database: the first page shown at start-up stays, the other rows become
        reachable. The ids are read off the GUI thread and waited for, the event loop turning meanwhile, so
        that a roster found damaged only now raises here (the window is not left half-built); the first page
        is read again (an edit since the first look shows)."""
        self._db = db
        if not self._searched:
            self._read(first_page=True)
            return
        from desktop_app.ui.operations import run_read

        query, resolve = self._query, self._resolve
        self._asked_ids_since_attach = False
        found: list[tuple[RosterQuery, list[int]]] = []
        errors: list[BaseException] = []

        def every_id() -> tuple[RosterQuery, list[int]]:
            resolved = resolve(db, query) if resolve is not None else query
            return resolved, _queries().search_ids(db, resolved)

        self._attaching = True
        try:
            run_read(self._widget(), every_id, found.append, errors.append).wait()
        finally:
            if shiboken6.isValid(self):
                self._attaching = False
        if errors:
            raise errors[0]
        if found and shiboken6.isValid(self) and self._db is db and not self._asked_ids_since_attach:
            self._show_ids(found[0])

    def set_query(self, query: RosterQuery, resolve: Resolve | None = None) -> None:
        """Run a new search off the GUI thread (see the module); `resolve(db, query)` completes the query on
        the worker first (the household filter's look-up). Before the database is attached the query is only
        kept (a restored sort order), to be run by `attach`."""
        self._query, self._resolve = query, resolve
        self._searches += 1
        if self._db is not None:
            self._read(first_page=True)

    def when_complete(self, use: Callable[[list[int]], None]) -> None:
        """Give `use` every id of the search asked for, once all are known: at once if they are, else when
        they arrive; nothing if another search or roster is asked for first. For what acts on "everyone the
        roster shows": `ids` holds only the first page until every id has come."""
        if self._complete and self._searches_shown == self._searches:
            use(list(self._ids))
            return
        asked = self._searches

        def arrived() -> None:
            if self._searches != asked:
                self.loaded.disconnect(arrived)
            elif self._complete and self._searches_shown == asked:
                self.loaded.disconnect(arrived)
                use(list(self._ids))

        self.loaded.connect(arrived)

    def refresh(self) -> None:
        """Re-run the current query (after an edit elsewhere), keeping the selection by id."""
        self._query = replace(self._query, today=dt.date.today())
        if self._db is not None:
            self._read(first_page=self._shown is None or not _same_search(self._shown, self._query))

    def invalidate_person(self, person_id: int) -> None:
        """Read one person's row again; the row read before is shown until the fresh one comes."""
        row = self.row_of(person_id)
        if row is None:
            return
        number = row // PAGE_SIZE
        self._keep_stale(self._pages.pop(number, {}))
        self._asked_pages.discard(number)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1),
                              [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
                               Qt.ItemDataRole.ForegroundRole])

    def person_id(self, row: int) -> int:
        return self._ids[row]

    def known_id(self, row: int) -> int | None:
        """The person on `row`, or None while the ids down there are still on their way."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: int) -> int | None:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return None

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    # --- reading off the GUI thread ---------------------------------------------------------

    def _widget(self) -> QWidget:
        parent = self.parent()
        if not isinstance(parent, QWidget):
            raise RuntimeError("the roster model reads through its widget: give it a QWidget parent")
        return parent

    def _latest(self) -> LatestRead:
        if self._reads is None:
            from desktop_app.ui.latest_read import LatestRead

            self._reads = LatestRead(self._widget(), lambda: self._db)
        return self._reads

    def hold_reads(self, held: Callable[[], bool]) -> None:
        """While `held()` (a roster with accounts, nobody signed in who may search: issue 20) the model reads
        nothing: a search asked is kept for `resume`, a page asked is asked again when next painted."""
        self._reads_held = held

    def resume(self) -> None:
        """Reads are allowed again: the search asked while they were held runs now."""
        if self._read_held and self._db is not None and not self._reads_held():
            self._read_held = False
            self._read(first_page=True)

    def _read(self, *, first_page: bool) -> None:
        """The first page and then every id of the newest search (`first_page`), or every id at once (a reload
        of the search shown)."""
        db, query, resolve = self._db, self._query, self._resolve
        assert db is not None
        if self._reads_held():
            self._read_held = True
            return
        self._asked_ids_since_attach = True
        reads = self._latest()
        queries = _queries()

        def every_id(resolved: RosterQuery) -> tuple[RosterQuery, list[int]]:
            return resolved, queries.search_ids(db, resolved)

        def resolved_query() -> RosterQuery:
            return resolve(db, query) if resolve is not None else query

        if not first_page:
            reads.run(lambda: every_id(resolved_query()), self._show_ids)
            return

        def read_first() -> tuple[RosterQuery, list[int], dict[int, RosterRow]]:
            from desktop_app.services import accounts

            with accounts.gate_once(db):  # the page's reads are one piece of work: the accounts read once
                resolved = resolved_query()
                ids = queries.first_page_ids(db, resolved, PAGE_SIZE)
                return resolved, ids, _fetch(db, ids)

        def show_first(found: tuple[RosterQuery, list[int], dict[int, RosterRow]]) -> None:
            resolved, ids, rows = found
            self._show_new(resolved, ids, complete=len(ids) < PAGE_SIZE, first_rows=rows)
            if len(ids) >= PAGE_SIZE:
                reads.run(lambda: every_id(resolved), self._show_ids)

        reads.run(read_first, show_first)

    def _show_new(self, query: RosterQuery, ids: list[int], *, complete: bool,
                  first_rows: dict[int, RosterRow] | None = None) -> None:
        """Another search's ids: a model reset (the selection of the search before goes)."""
        self.beginResetModel()
        self._query = self._shown = query
        self._ids, self._count, self._complete, self._searched = ids, None, complete, True
        self._searches_shown = self._searches  # an overtaken search's answer never comes here (LatestRead)
        self._today = query.today
        self._forget_rows()
        if first_rows is not None:
            self._pages[0] = first_rows
        self.endResetModel()
        self.loaded.emit()

    def _show_ids(self, found: tuple[RosterQuery, list[int]]) -> None:
        query, ids = found
        if self._shown is None or not _same_search(self._shown, query):
            self._show_new(query, ids, complete=True)
            return
        reload = self._complete  # every id was shown: this is a reload, the rows read may be out of date
        self._query = self._shown = query
        self._today = query.today
        self._replace_ids(ids, rows_changed=reload or self._count is not None)
        self._complete = True
        self._searches_shown = self._searches
        self.loaded.emit()

    def _replace_ids(self, ids: list[int], *, rows_changed: bool) -> None:
        """The same search's ids, read again: the rows are added at the end if the ids shown begin them,
        else the rows move by id (the selection and the current person with them; one gone is unselected)."""
        old, shown, wanted = self._ids, self.rowCount(), len(ids)
        if rows_changed:
            self._forget_rows(keep_stale=True)
        if len(old) == shown and ids[:shown] == old:
            if wanted > shown:
                self.beginInsertRows(QModelIndex(), shown, wanted - 1)
                self._ids = ids
                self.endInsertRows()
        else:
            if not rows_changed:
                # The pages are numbered by position: once the ids move, a page read (or on its way) holds
                # the persons of other rows. Their rows stay shown by id until the fresh pages come.
                self._forget_rows(keep_stale=True)
            if wanted > shown:
                self.beginInsertRows(QModelIndex(), shown, wanted - 1)
                self._count = wanted  # the new rows exist before the ids move
                self.endInsertRows()
            self.layoutAboutToBeChanged.emit()
            before = self.persistentIndexList()  # the selection's and the current index among them
            after = []
            for index in before:
                person_id = self.known_id(index.row())
                row = self._row_in(ids, person_id) if person_id is not None else None
                after.append(self.index(row, index.column()) if row is not None else QModelIndex())
            self._ids = ids
            self._count = shown if wanted < shown else None
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()
            if wanted < shown:
                self.beginRemoveRows(QModelIndex(), wanted, shown - 1)
                self._count = None
                self.endRemoveRows()
        if rows_changed and self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    @staticmethod
    def _row_in(ids: list[int], person_id: int) -> int | None:
        try:
            return ids.index(person_id)
        except ValueError:
            return None

    def _forget_rows(self, *, keep_stale: bool = False) -> None:
        """The pages read belong to the ids before: dropped, or kept by id to be shown until read again."""
        if keep_stale:
            for page in self._pages.values():
                self._keep_stale(page)
        else:
            self._stale.clear()
        self._pages.clear()
        self._asked_pages.clear()
        self._generation += 1

    def _keep_stale(self, rows: dict[int, RosterRow]) -> None:
        """Keep `rows` to be shown until read again: the newest kept, no more than the cache of pages holds (each
        reload added the pages cached then, and rows never scrolled back to stayed for the window's life)."""
        stale = self._stale
        for person_id, row in rows.items():
            stale.pop(person_id, None)  # to the end: the newest
            stale[person_id] = row
        excess = len(stale) - MAX_CACHED_PAGES * PAGE_SIZE
        if excess > 0:
            for person_id in list(itertools.islice(stale, excess)):
                del stale[person_id]

    def _ask_page(self, number: int) -> None:
        db = self._db
        if db is None or number in self._asked_pages or self._reads_held():
            return
        from desktop_app.ui.errors import show_error
        from desktop_app.ui.operations import run_read

        self._asked_pages.add(number)
        ids = self._ids[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
        generation = self._generation
        widget = self._widget()

        def current() -> bool:
            return shiboken6.isValid(self) and generation == self._generation and db is self._db

        def arrived(rows: dict[int, RosterRow]) -> None:
            if current():
                self._page_arrived(number, ids, rows)

        def failed(exc: BaseException) -> None:
            if current():
                self._page_arrived(number, ids, {})  # not asked again at each repaint: told once
                show_error(widget, exc)

        def finished() -> None:
            if shiboken6.isValid(self):
                self._pages_reading -= 1

        self._pages_reading += 1
        run_read(widget, lambda: _fetch(db, ids), arrived, failed).finished.connect(finished)

    def _page_arrived(self, number: int, ids: list[int], rows: dict[int, RosterRow]) -> None:
        self._pages[number] = rows
        for person_id in ids:
            self._stale.pop(person_id, None)
        while len(self._pages) > MAX_CACHED_PAGES:
            dropped, _rows = self._pages.popitem(last=False)
            self._asked_pages.discard(dropped)  # read again when scrolled back to
        first = number * PAGE_SIZE
        last = min(first + len(ids), len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

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
        if not 0 <= position < self.rowCount() or not index.isValid():
            return None
        if position >= len(self._ids):  # its id is still on its way
            return _PLACEHOLDER if role == _DISPLAY and index.column() == _NAME_COLUMN else None
        if role == _PERSON_ID:
            return self._ids[position]
        row = self._row(position)
        if row is None:  # its page is on its way
            return _PLACEHOLDER if role == _DISPLAY and index.column() == _NAME_COLUMN else None
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
        if (self._searched or self._db is None or self.loading) and (sort_key, descending) == (
                self._query.sort, self._query.descending):
            return  # the view re-announces the sort it already shows (restoring the header): no new search
        self.set_query(replace(self._query, sort=sort_key, descending=descending), self._resolve)

    # --- paging ---------------------------------------------------------------------------

    def _row(self, row: int) -> RosterRow | None:
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            self._ask_page(page_number)
            return self._stale.get(self._ids[row])
        self._pages.move_to_end(page_number)
        return page.get(self._ids[row])

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    @property
    def stale_rows(self) -> int:
        """How many rows read before a reload are kept to be shown until their page is read again."""
        return len(self._stale)
