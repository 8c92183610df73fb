"""A large demonstration roster built in bulk: the bench's and the ministry's million persons.

The same seeded families as `services.demo` (households, Arabic-script spouses and children,
namesakes, statuses along the workflow, members of the Rafah lists with their answers), but
written as multi-row INSERTs through SQLAlchemy Core, one transaction per chunk of about
`CHUNK` persons, instead of one ORM unit of work per person. Each person gets what
`persons.new_person` gives one (sort key, generated case reference, documents, phones, search
terms, the status history) so that every other feature takes the roster as it takes a typed-in
one. The whole build is one audit entry ('demo roster of N persons built'), written with the
last chunk, so the trail stays short and its chain intact.

    summary = build_demo_roster(db, persons=100_000, progress=lambda done, total: True)
    mission-roster demo --persons 1000000

`progress(done, total)` is called after each chunk (persons); returning False stops there: what
was committed stays, one consistent roster, and the audit entry names what was built.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import uuid as uuid_module
from collections.abc import Callable
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.lists import Answer
from desktop_app.domain.names import has_cyrillic, icao_latin
from desktop_app.domain.person import PERSON_FIELDS, FieldKind, Relationship, normalize_document_number
from desktop_app.domain.phones import display_phone
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.services.demo import (
    DemoFamily,
    DemoSummary,
    add_lists,
    add_partners,
    draw_family,
    log_entries,
)
from desktop_app.services.households import next_household_ref
from desktop_app.services.persons import next_generated_ref
from desktop_app.services.search_index import sort_key, term_rows
from desktop_app.storage.db import Database
from desktop_app.storage.models import (
    Document,
    Household,
    ListMember,
    Organization,
    Person,
    Phone,
    SearchTerm,
    StatusChange,
)

__all__ = ["CHUNK", "build_demo_roster"]

CHUNK = 5000  # persons per transaction
_PERSONS = cast(Table, Person.__table__)
_HOUSEHOLDS = cast(Table, Household.__table__)
_NAMES = ("surname", "given_names", "patronymic", "surname_latin", "given_names_latin")
_NONE_KINDS = (FieldKind.SEX, FieldKind.PARTIAL_DATE, FieldKind.DATE, FieldKind.RELATIONSHIP)
_EMPTY: dict[str, Any] = {spec.key: False if spec.kind is FieldKind.BOOL else None if spec.kind in _NONE_KINDS
                          else "" for spec in PERSON_FIELDS}
_PERSON_COLUMNS = tuple(c.name for c in _PERSONS.columns if c.name != "id")
_PERSON_VALUES: Callable[[dict[str, Any]], tuple[Any, ...]] = itemgetter(*_PERSON_COLUMNS)
_DOCUMENT_COLUMNS = ("person_id", "doc_type", "number", "number_key", "issuing_country", "issue_date", "expiry_date")
_PHONE_COLUMNS = ("person_id", "e164", "label", "display")
_CHANGE_COLUMNS = ("person_id", "from_status", "to_status", "reason", "list_id", "operation_id", "at", "operator")
_MEMBER_COLUMNS = ("list_id", "person_id", "answer", "valid_until", "crossed_at", "answered_at", "answer_note",
                   "added_at", "added_by")
_latin = functools.lru_cache(maxsize=4096)(icao_latin)  # names repeat


@accounts.guarded(Permission.MISSION)
def build_demo_roster(db: Database, *, persons: int, operator: str = "demo", seed: int = 2023,
                      today: dt.date | None = None,
                      progress: Callable[[int, int], bool] | None = None, chunk: int = CHUNK) -> DemoSummary:
    """Add exactly `persons` demonstration persons (fewer if `progress` stops it) in bulk, whole
    families of about `chunk` persons to a transaction; only the very last family may be cut short."""
    if persons < 1:
        return DemoSummary(0, 0, 0, 0, 0)
    rng = random.Random(seed)
    day = today or dt.date.today()
    with db.transaction() as session:
        organizations = add_partners(session, operator, audited=False)
        lists = add_lists(session, organizations, operator, day, audited=False)
        list_ids = [evacuation_list.id for evacuation_list in lists]
    done = households = 0
    logged = 0
    while done < persons:
        families: list[DemoFamily] = []
        size = 0
        while size < min(chunk, persons - done):
            family = draw_family(rng, day, len(list_ids))
            room = persons - done - size
            if len(family.members) > room:  # the last family, cut to the persons asked for (head first)
                family = DemoFamily(family.name, family.members[:room], family.path, family.list_index)
            families.append(family)
            size += len(family.members)
        last = done + size >= persons
        with db.transaction() as session:
            _write(session, families, list_ids, operator, day)
            done += size
            households += len(families)
            stopping = not last and progress is not None and not progress(done, persons)
            if last or stopping:
                logged = _finish(session, rng, organizations, operator, day, done, households)
        if last and progress is not None:
            progress(done, persons)
        if stopping:
            break
    return DemoSummary(households, done, len(lists), len(organizations), logged)


def _finish(session: Session, rng: random.Random, organizations: list[Organization], operator: str, day: dt.date,
            persons: int, households: int) -> int:
    """The liaison log and the build's one audit entry, in its last chunk's transaction."""
    entries = log_entries(session, rng, organizations, operator, day, audited=False)
    audit.record(session, operator, "demo", "roster", "demo", f"demo roster of {persons} persons built",
                 {"persons": persons, "households": households, "log_entries": entries})
    return entries


class _Rows:
    """Rows to one table as plain tuples, sent to the driver's executemany (SQLAlchemy Core's
    `exec_driver_sql`): binding every row through a compiled INSERT cost more than writing it."""

    def __init__(self, session: Session) -> None:
        self.connection = session.connection()
        self.dialect = self.connection.dialect
        self.sqlite = self.dialect.name == "sqlite"
        self._mark = "?" if self.dialect.paramstyle == "qmark" else "%s"
        self._date = _processor(cast(Table, Document.__table__).c.issue_date, self.dialect)

    def stored(self, column: Any, value: Any) -> Any:
        """`value` as the column's bind processor stores it (SQLite keeps dates and times as text)."""
        return _processor(column, self.dialect)(value)

    def date(self, value: dt.date | None) -> Any:
        return None if value is None else self._date(value)

    def add(self, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if rows:
            quote = self.dialect.identifier_preparer.quote
            self.connection.exec_driver_sql(
                f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
                f"VALUES ({', '.join([self._mark] * len(columns))})", rows)


def _processor(column: Any, dialect: Any) -> Callable[[Any], Any]:
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process or (lambda value: value)


def _write(session: Session, families: list[DemoFamily], list_ids: list[int], operator: str, day: dt.date) -> None:
    """One chunk of families: households, persons and everything each person has."""
    now = audit.now()
    # The households go first through a Core INSERT .. RETURNING: that also takes the write lock
    # (SQLite's BEGIN IMMEDIATE already holds it), so the persons' ids can be counted on from here.
    household_ids = list(session.scalars(
        insert(_HOUSEHOLDS).returning(_HOUSEHOLDS.c.id, sort_by_parameter_order=True),
        [dict(uuid=str(uuid_module.uuid4()), ref=next_household_ref(session), name=family.name, head_person_id=None,
              notes="", created_at=now, created_by=operator, updated_at=now, updated_by=operator)
         for family in families]))
    rows = _Rows(session)
    stamp = rows.stored(_PERSONS.c.created_at, now)
    people: list[dict[str, Any]] = []
    for family, household_id in zip(families, household_ids, strict=True):
        final = (family.path[-1] if family.path else Status.REGISTERED).value
        for member in family.members:
            columns = _EMPTY | member.fields
            for native, latin in (("surname", "surname_latin"), ("given_names", "given_names_latin")):
                if not columns[latin] and has_cyrillic(columns[native]):
                    columns[latin] = _latin(columns[native])
            columns.update(uuid=str(uuid_module.uuid4()), case_ref=next_generated_ref(session), status=final,
                           household_id=household_id, merged_into_id=None, deleted_at=None, deleted_by=None,
                           version=1, created_at=stamp, created_by=operator, updated_at=stamp, updated_by=operator,
                           sort_key=sort_key(*(columns[name] for name in _NAMES)))
            people.append(columns)
    if rows.sqlite:  # BEGIN IMMEDIATE: no other writer until the commit
        first = (session.scalar(select(func.max(_PERSONS.c.id))) or 0) + 1
        person_ids = list(range(first, first + len(people)))
        rows.add(_PERSONS, ("id", *_PERSON_COLUMNS),
                 [(i, *_PERSON_VALUES(p)) for i, p in zip(person_ids, people, strict=True)])
    else:
        person_ids = list(session.scalars(insert(_PERSONS).returning(_PERSONS.c.id, sort_by_parameter_order=True),
                                          [{**p, "created_at": now, "updated_at": now} for p in people]))
    documents: list[tuple[Any, ...]] = []
    phones: list[tuple[Any, ...]] = []
    terms: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    heads: list[dict[str, Any]] = []
    position = 0
    for family, household_id in zip(families, household_ids, strict=True):
        list_id = list_ids[family.list_index] if family.list_index is not None else None
        for member in family.members:
            person, person_id = people[position], person_ids[position]
            position += 1
            keys = []
            for d in member.documents:
                keys.append(normalize_document_number(d.number))
                documents.append((person_id, d.doc_type.value, d.number, keys[-1], d.issuing_country,
                                  rows.date(d.issue_date), rows.date(d.expiry_date)))
            phones += [(person_id, e164, "", display_phone(e164)) for e164 in member.phones]
            terms += [(*row, person["sort_key"]) for row in term_rows(  # with the key: no trigger to fill it
                person_id, [person[name] for name in _NAMES], person["case_ref"], keys, member.phones)]
            changes += _history(person_id, family.path, list_id, operator, stamp)
            if list_id is not None:
                members.append(_membership(person_id, person["case_ref"], family.path, list_id, operator, stamp,
                                           day, rows.date))
            if member.relation is Relationship.HEAD:
                heads.append({"household": household_id, "head": person_id})
    rows.add(cast(Table, Document.__table__), _DOCUMENT_COLUMNS, documents)
    rows.add(cast(Table, Phone.__table__), _PHONE_COLUMNS, phones)
    rows.add(cast(Table, SearchTerm.__table__), ("person_id", "term", "sort_key"), terms)
    rows.add(cast(Table, StatusChange.__table__), _CHANGE_COLUMNS, changes)
    rows.add(cast(Table, ListMember.__table__), _MEMBER_COLUMNS, members)
    if heads:
        session.execute(update(_HOUSEHOLDS).where(_HOUSEHOLDS.c.id == bindparam("household"))
                        .values(head_person_id=bindparam("head")), heads)


def _history(person_id: int, path: list[Status], list_id: int | None, operator: str,
             stamp: Any) -> list[tuple[Any, ...]]:
    """The status changes `persons.new_person` and `status.set_status` would have written (_CHANGE_COLUMNS)."""
    rows: list[tuple[Any, ...]] = [(person_id, None, Status.REGISTERED.value, "registered", None, None, stamp,
                                    operator)]
    previous = Status.REGISTERED.value
    for status in path:
        rows.append((person_id, previous, status.value, "demo", list_id if status is not Status.VERIFIED else None,
                     None, stamp, operator))
        previous = status.value
    return rows


def _membership(person_id: int, case_ref: str, path: list[Status], list_id: int, operator: str,
                stamp: Any, day: dt.date, stored_date: Callable[[dt.date | None], Any]) -> tuple[Any, ...]:
    """The person's row on the list they were submitted on, with the partner's answer so far (_MEMBER_COLUMNS)."""
    answer, answered, valid_until, crossed = Answer.PENDING, None, None, None
    if Status.APPROVED in path:
        answer, answered = Answer.APPROVED, stamp
        valid_until = day + dt.timedelta(days=int(case_ref[-1]) % 5 - 1)
    elif Status.REJECTED in path:
        answer, answered = Answer.REJECTED, stamp
    if Status.CROSSED in path:
        crossed = stamp
    return (list_id, person_id, answer.value, stored_date(valid_until), crossed, answered, "", stamp, operator)
