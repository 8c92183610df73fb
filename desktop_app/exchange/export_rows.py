"""Turn person records and an export profile into the sheets `write_workbook` writes.

The export service hands in persons as plain dicts keyed by column key (see
`EXPORT_COLUMNS`): the fields of `PERSON_FIELDS` as the domain stores them, plus 'uuid'
(required) and, where it has them, 'household_id' (groups a household; any hashable),
'household_ref', 'household_size', 'list_name', 'answer', 'approved_until' (the list
answer's validity), 'status', 'phone', 'document_type', 'document_number',
'document_country', 'valid_until' (the document's expiry), 'flight', 'seat'.
Missing keys give blank cells.

This module computes the rest: age on `today`, household size (for household grouping),
full names, nationality (the first citizenship), the row number; it writes names in
upper-case Latin when the profile asks (the passport's Latin form, else ICAO 9303 from the
Cyrillic), shows yes/no in the profile's language, and writes a birth date known only
to the year as the year, as text.

Rows are produced lazily: with grouping 'household' or 'list' the persons must come
ordered so that a household's members (or a list's members) are adjacent, which the
export service's query does; a household or list met again later is refused with
ExportError rather than silently split.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum
from itertools import groupby
from typing import Any

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.export_profile import (
    UUID_KEY,
    ColumnKind,
    ExportProfile,
    Grouping,
    full_roster_profile,
    word,
)
from desktop_app.domain.names import icao_latin
from desktop_app.exchange.export_errors import ExportError
from desktop_app.exchange.sheets import SheetColumn, SheetSpec, safe_sheet_name

Person = Mapping[str, Any]
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_NAME_KEYS = ("surname", "given_names", "patronymic")


def profile_sheets(persons: Iterable[Person], profile: ExportProfile | None = None, *,
                   today: dt.date | None = None, title: str | None = None) -> Iterator[SheetSpec]:
    """The sheets for `persons` laid out by `profile` (default: the full roster).

    `title` overrides the profile's title row; `today` fixes the date ages are computed on.
    Grouping 'list' gives one sheet per list (named after it, made safe for Excel); the
    others give one sheet named by the profile. An empty roster still gives one sheet.
    Everything is streamed from `persons`: read each sheet's rows before asking for the
    next sheet (as `write_workbook` does).
    """
    profile = profile or full_roster_profile()
    shaper = _RowShaper(profile, today or dt.date.today())
    heading = profile.title if title is None else title
    if profile.grouping is not Grouping.LIST:
        rows = (shaper.household_rows(persons) if profile.grouping is Grouping.HOUSEHOLD
                else shaper.person_rows(persons))
        yield _sheet(profile, profile.sheet_name, heading, rows)
        return
    taken: set[str] = set()
    seen: set[str] = set()
    for list_name, members in groupby(persons, key=lambda p: str(p.get("list_name") or "")):
        if list_name in seen:
            raise ExportError(f"the persons of list '{list_name}' are not together; order them by list")
        seen.add(list_name)
        name = safe_sheet_name(list_name or profile.sheet_name, taken)
        list_title = f"{heading} — {list_name}" if heading and list_name else heading or list_name
        yield _sheet(profile, name, list_title, shaper.person_rows(members))
    if not seen:
        yield _sheet(profile, profile.sheet_name, heading, iter(()))


def _sheet(profile: ExportProfile, name: str, title: str, rows: Iterable[list[Any]]) -> SheetSpec:
    columns = [SheetColumn(c.label, c.kind, hidden=c.key == UUID_KEY and not profile.show_uuid)
               for c in profile.output_columns()]
    return SheetSpec(name=name, title=title, columns=columns, rows=rows,
                     date_format=profile.date.excel, footer_label=word("total", profile.language),
                     right_to_left=profile.language == "ar")


class _RowShaper:
    """One value function per output column, chosen once; a row is those functions applied."""

    def __init__(self, profile: ExportProfile, today: dt.date) -> None:
        self._profile = profile
        self._today = today
        self._yes, self._no = word("yes", profile.language), word("no", profile.language)
        self._getters = [self._getter(c.key, c.kind) for c in profile.output_columns()]
        self._number = 0
        self._household_size: int | None = None

    def person_rows(self, persons: Iterable[Person]) -> Iterator[list[Any]]:
        self._number = 0
        for person in persons:
            yield self._row(person)

    def household_rows(self, persons: Iterable[Person]) -> Iterator[list[Any]]:
        """Rows with each household's members together; a person without one is a household of one."""
        self._number = 0
        seen: set[Any] = set()
        for key, group in groupby(persons, key=_household_key):
            if key in seen:
                raise ExportError(f"the members of household {key[1]!r} are not together; order them by household")
            seen.add(key)
            members = list(group)  # one household at a time: a few rows
            self._household_size = len(members)
            for person in members:
                yield self._row(person)
        self._household_size = None

    def _row(self, person: Person) -> list[Any]:
        self._number += 1
        return [get(person) for get in self._getters]

    def _getter(self, key: str, kind: ColumnKind) -> Callable[[Person], Any]:
        latin = self._profile.latin_upper_names
        special: dict[str, Callable[[Person], Any]] = {
            "row_number": lambda p: self._number,
            "age": self._age,
            "household_size": lambda p: self._household_size or p.get("household_size"),
            "household_ref": lambda p: self._plain(p.get("household_ref") or p.get("household_id")),
            "nationality": lambda p: (p.get("citizenships") or [None])[0],
            "citizenships": lambda p: ", ".join(p.get("citizenships") or ()) or None,
            "surname_latin": lambda p: _latin(p, "surname"),
            "given_names_latin": lambda p: _latin(p, "given_names"),
            "full_name_latin": lambda p: _join(_latin(p, "surname"), _latin(p, "given_names")),
            "full_name": (lambda p: _join(_latin(p, "surname"), _latin(p, "given_names"), _latin(p, "patronymic")))
            if latin else (lambda p: _join(p.get("surname"), p.get("given_names"), p.get("patronymic"))),
        }
        if key in special:
            return special[key]
        if latin and key in _NAME_KEYS:
            return lambda p: _latin(p, key) or None
        if kind is ColumnKind.DATE:
            return lambda p: self._date(p.get(key))
        return lambda p: self._plain(p.get(key))

    def _age(self, person: Person) -> int | None:
        birth = _partial(person.get("birth_date"))
        return None if birth is None else birth.age_on(self._today)

    def _date(self, value: Any) -> Any:
        """A full date as a date cell; a month and year, or a year alone, as text."""
        birth = _partial(value)
        if birth is None:
            return None
        full = birth.as_date()
        if full is not None:
            return full
        if birth.month is None:
            return f"{birth.year:04d}"
        return self._profile.date.month_year.format(y=birth.year, m=birth.month, mon=_MONTHS[birth.month - 1])

    def _plain(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return self._yes if value else self._no
        if isinstance(value, Enum):
            return str(value.value)
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value) or None
        return value


def _household_key(person: Person) -> tuple[str, Any]:
    household = person.get("household_id")
    return ("household", household) if household is not None else ("person", person.get(UUID_KEY))


def _partial(value: Any) -> PartialDate | None:
    if value is None or value == "":
        return None
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    return PartialDate.parse(str(value))


def _latin(person: Person, key: str) -> str:
    """The passport's Latin form of name part `key` if stored, else ICAO 9303 of the native form."""
    return str(person.get(f"{key}_latin") or icao_latin(person.get(key))).upper()


def _join(*parts: Any) -> str | None:
    return " ".join(str(p) for p in parts if p) or None
