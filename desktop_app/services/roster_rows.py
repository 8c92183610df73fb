"""What the roster table asks for and what it shows: the query, its sort keys and a row.

Kept apart from the queries (`roster.py`) because the window paints its first page of rows
before SQLAlchemy is loaded (`storage.first_look`), and that page is made of these rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.flags import Flag, person_flags
from desktop_app.domain.status import Status
from desktop_app.storage.first_look import older_schema, read_first_page


class SortKey(StrEnum):
    NAME = "name"
    CASE_REF = "case_ref"
    STATUS = "status"
    BIRTH_DATE = "birth_date"
    LOCALITY = "locality"
    UPDATED = "updated"
    CREATED = "created"


@dataclass(frozen=True)
class RosterQuery:
    """What the roster view shows: free text plus combinable filters."""

    text: str = ""
    statuses: tuple[Status, ...] = ()
    list_id: int | None = None
    household_id: int | None = None
    flags: tuple[Flag, ...] = ()
    citizenship: str | None = None
    locality: str | None = None
    include_merged: bool = False
    sort: SortKey = SortKey.NAME
    descending: bool = False
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def shows_everyone(self) -> bool:
        """No search and no filter: the whole roster (but the trash and merged records)."""
        return self == RosterQuery(sort=self.sort, descending=self.descending, today=self.today)


class RosterRow(NamedTuple):
    """One line of the roster table (a named tuple: made before the first paint, a dataclass costs more)."""

    id: int
    case_ref: str
    surname: str
    given_names: str
    patronymic: str
    surname_latin: str
    given_names_latin: str
    sex: str | None
    birth_date: str | None
    citizenships: str
    status: str
    locality: str
    household_ref: str | None
    relationship: str | None
    passport: str
    phone: str  # the first phone as shown ('+20 100 123 4567')
    medical: bool
    reduced_mobility: bool
    pregnant: bool
    unaccompanied_minor: bool
    updated_at: dt.datetime
    evidence_missing: str = ""  # issue 18: what the basis for evacuation lacks, comma-separated

    def flags(self, today: dt.date) -> set[Flag]:
        return person_flags(self, PartialDate.parse(self.birth_date) if self.birth_date else None, today)


_MAY_BE_NONE = (7, 8, 12, 13)  # sex, birth date, household, relationship
_BOOLEANS = (16, 17, 18, 19)
_UPDATED_AT = 20


def roster_row(values: Sequence[Any]) -> RosterRow:
    """A row from the columns of `roster.rows_statement`, as SQLAlchemy or plain sqlite3 returns them
    (sqlite3 gives booleans as 0/1 and the time as text)."""
    cells = [value if value is not None or i in _MAY_BE_NONE else "" for i, value in enumerate(values)]
    for i in _BOOLEANS:
        cells[i] = bool(cells[i])
    if isinstance(cells[_UPDATED_AT], str):
        cells[_UPDATED_AT] = dt.datetime.fromisoformat(cells[_UPDATED_AT])
    return RosterRow(*cells)


class FirstPage(NamedTuple):
    """The unfiltered roster's size and its first rows, in order."""

    count: int
    rows: list[RosterRow]


def needs_upgrade(target: str) -> bool:
    """Whether the roster file at `target` is at an older schema: opening it upgrades it (see `storage.first_look`)."""
    return older_schema(target)


def first_page(target: str, query: RosterQuery, limit: int) -> FirstPage | None:
    """The first `limit` rows of the whole roster, read before the database layer is loaded (see
    `storage.first_look`); None when `query` filters anything or the file must be opened the usual way."""
    if not query.shows_everyone:
        return None
    found = read_first_page(target, query.sort.value, query.descending, limit)
    if found is None:
        return None
    by_id = {values[0]: roster_row(values) for values in found.rows}
    return FirstPage(found.count, [by_id[person_id] for person_id in found.ids if person_id in by_id])
