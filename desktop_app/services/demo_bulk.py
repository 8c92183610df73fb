"""A large demonstration roster built in bulk: the bench's and the ministry's million persons.

The same seeded families as `services.demo` (households, Arabic-script spouses and children,
namesakes, statuses along the workflow, members of the Rafah lists with their answers), but
written as multi-row INSERTs through SQLAlchemy Core, one transaction per chunk of about
`CHUNK` persons, instead of one ORM unit of work per person. Each person gets what
`persons.new_person` gives one (sort key, generated case reference, documents, phones, search
terms, the status history) so that every other feature takes the roster as it takes a typed-in
one. The whole build is one audit entry ('demo roster of N persons built'), written with the
last chunk, so the trail stays short and its chain intact. Past `BLOCK` persons the drawn ones are
copied in SQL (`_replicate`: other names, birth dates, references, documents and phones per copy)
instead of drawn one by one.

    summary = build_demo_roster(db, persons=100_000, progress=lambda done, total: True)
    mission-roster demo --persons 1000000

`progress(done, total)` is called after each chunk (persons); returning False stops there: what
was committed stays, one consistent roster, and the audit entry names what was built. A build
interrupted otherwise (Ctrl+C, a failure) records the persons its committed chunks hold, 'demo roster
of N persons built (interrupted; M asked)', before the interruption goes on.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import random
import uuid as uuid_module
from collections.abc import Callable
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    case,
    func,
    insert,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    update,
)
from sqlalchemy import cast as cast_
from sqlalchemy.orm import Session, aliased

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
from desktop_app.services.persons import generated_ref_prefix, next_generated_ref
from desktop_app.services.search_index import search_terms, sort_key, term_rows
from desktop_app.storage.db import Database
from desktop_app.storage.models import (
    AuditEntry,
    Document,
    EvacuationList,
    Household,
    ListMember,
    Organization,
    Person,
    Phone,
    SearchTerm,
    StatusChange,
)
from desktop_app.storage.queries import refresh_server_statistics

__all__ = ["BLOCK", "CHUNK", "build_demo_roster"]

logger = logging.getLogger(__name__)

CHUNK = 5000  # persons per transaction
BLOCK = 100_000  # persons drawn; a larger roster is copies of them (_replicate)
_PERSONS = cast(Table, Person.__table__)
_HOUSEHOLDS = cast(Table, Household.__table__)
_LISTS = cast(Table, EvacuationList.__table__)
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
                      progress: Callable[[int, int], bool] | None = None, chunk: int = CHUNK,
                      block: int = BLOCK) -> DemoSummary:
    """Add exactly `persons` demonstration persons (fewer if `progress` stops it) in bulk, whole
    families of about `chunk` persons to a transaction; only the very last family may be cut short.
    Past `block` persons the families drawn are copied (`_replicate`) instead of drawn again."""
    if persons < 1:
        return DemoSummary(0, 0, 0, 0, 0)
    with db.reading() as session:
        before = tuple(session.scalar(select(func.coalesce(func.max(table.c.id), 0)))
                       for table in (_PERSONS, _HOUSEHOLDS, _LISTS, cast(Table, AuditEntry.__table__)))
    try:
        return _build(db, persons=persons, operator=operator, seed=seed, today=today, progress=progress,
                      chunk=chunk, block=block)
    except BaseException:  # Ctrl+C, a failure: the chunks committed stay, and the trail must name them
        try:
            _record_interrupted(db, operator, persons, cast(tuple[int, int, int, int], before))
        except Exception:
            logger.exception("the interrupted demonstration build could not be recorded")
        raise


def _record_interrupted(db: Database, operator: str, asked: int, before: tuple[int, int, int, int]) -> None:
    """The build's audit entry when it did not end by itself (its last chunk writes the entry otherwise):
    the persons and households committed since the ids `before` (persons, households, lists, audit entries)."""
    persons_before, households_before, lists_before, entries_before = before
    recorded = select(func.count()).select_from(AuditEntry).where(
        AuditEntry.id > entries_before, AuditEntry.action == "demo", AuditEntry.entity == "roster")
    committed = [select(func.count()).where(table.c.id > since) for table, since in (
        (_PERSONS, persons_before), (_HOUSEHOLDS, households_before), (_LISTS, lists_before))]
    with db.reading() as session:  # without the write lock: a build that never got it has nothing to record
        if session.scalar(recorded) or not any(session.scalar(count) for count in committed):
            return  # recorded by the last chunk, or nothing committed
    with db.transaction() as session:
        if session.scalar(recorded):
            return
        persons = session.scalar(select(func.count()).where(_PERSONS.c.id > persons_before,
                                                            _PERSONS.c.created_by == operator)) or 0
        households = session.scalar(select(func.count()).where(_HOUSEHOLDS.c.id > households_before,
                                                                _HOUSEHOLDS.c.created_by == operator)) or 0
        audit.record(session, operator, "demo", "roster", "demo",
                     f"demo roster of {persons} persons built (interrupted; {asked} asked)",
                     {"persons": persons, "households": households, "asked": asked})


def _build(db: Database, *, persons: int, operator: str, seed: int, today: dt.date | None,
           progress: Callable[[int, int], bool] | None, chunk: int, block: int) -> DemoSummary:
    rng = random.Random(seed)
    day = today or dt.date.today()
    with db.transaction() as session:
        organizations = add_partners(session, operator, audited=False)
        lists = add_lists(session, organizations, operator, day, audited=False)
        list_ids = [evacuation_list.id for evacuation_list in lists]
    drawn = min(persons, block)  # drawn family by family; the rest copies these (_replicate)
    done = households = logged = 0
    persons_drawn: list[int] = []
    stopping = False
    while done < drawn:
        families: list[DemoFamily] = []
        size = 0
        while size < min(chunk, drawn - done):
            family = draw_family(rng, day, len(list_ids))
            room = drawn - done - size
            if len(family.members) > room:  # the last family, cut to the persons asked for (head first)
                family = DemoFamily(family.name, family.members[:room], family.path, family.list_index)
            families.append(family)
            size += len(family.members)
        last = done + size >= persons
        with db.transaction() as session:
            persons_drawn += _write(session, families, list_ids, operator, day)
            done += size
            households += len(families)
            stopping = not last and progress is not None and not progress(done, persons)
            if last or stopping:
                logged = _finish(session, rng, organizations, operator, day, done, households)
        if last and progress is not None:
            progress(done, persons)
        if stopping:
            break
    if done < persons and not stopping:
        done, households, logged = _replicate(db, rng, organizations, operator, day, persons=persons,
                                              block=list(zip(persons_drawn[::2], persons_drawn[1::2], strict=True)),
                                              done=done,
                                              households=households, chunk=chunk, progress=progress)
    if not db.is_sqlite:
        with db.transaction() as session:
            refresh_server_statistics(session.connection())
    return DemoSummary(households, done, len(lists), len(organizations), logged)


def _finish(session: Session, rng: random.Random, organizations: list[Organization], operator: str, day: dt.date,
            persons: int, households: int, drawn: int | None = None) -> int:
    """The liaison log and the build's one audit entry, in its last chunk's transaction (`drawn`: the
    persons drawn when the rest are copies of them)."""
    entries = log_entries(session, rng, organizations, operator, day, audited=False)
    built: dict[str, int] = {"persons": persons, "households": households, "log_entries": entries}
    if drawn is not None:
        built["drawn"] = drawn
    audit.record(session, operator, "demo", "roster", "demo", f"demo roster of {persons} persons built", built)
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


def _write(session: Session, families: list[DemoFamily], list_ids: list[int], operator: str,
           day: dt.date) -> tuple[int, int]:
    """One chunk of families: households, persons and everything each person has; the first and last
    person id written."""
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
    return min(person_ids), max(person_ids)


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


# --- copies of the drawn block ---------------------------------------------------------------

_DOCUMENTS = cast(Table, Document.__table__)
_PHONES = cast(Table, Phone.__table__)
_TERMS = cast(Table, SearchTerm.__table__)
_CHANGES = cast(Table, StatusChange.__table__)
_MEMBERS = cast(Table, ListMember.__table__)
_DOCUMENT_SHIFT = 3_141_593  # added to a document's last seven digits per copy (modulo 10 ** 7)
_PHONE_SHIFT = 2_718_281  # the same for a phone number
_ALIKE = 10  # families of a shape shared by fewer take their names person by person
_NAMES_FROM = Table("demo_copy_names", MetaData(), Column("person_id", Integer, primary_key=True),
                    Column("names_of", Integer, nullable=False), Column("born_as", Integer, nullable=False),
                    prefixes=["TEMPORARY"])  # ids only
_HOUSEHOLD_NAMES_FROM = Table("demo_copy_household_names", MetaData(),
                              Column("household_id", Integer, primary_key=True),
                              Column("names_of", Integer, nullable=False), prefixes=["TEMPORARY"])


def _replicate(db: Database, rng: random.Random, organizations: list[Organization], operator: str, day: dt.date, *,
               persons: int, block: list[tuple[int, int]], done: int, households: int, chunk: int,
               progress: Callable[[int, int], bool] | None) -> tuple[int, int, int]:
    """Copy the drawn persons (`block`: the first and last id of each chunk drawn, so that a colleague's
    person registered between two chunks is never taken for one) with their households, until `persons`:
    a chunk of whole households a transaction, an INSERT .. SELECT per table. A copied family keeps its shape,
    addresses, statuses, lists and answers, and takes the names of another drawn family of the same
    shape (members' sexes in order; another one in each copy; a member of a family of a rare shape takes
    another person's of the same sex): every full name is borne once per copy, so it is borne as many
    times as there are copies; each person takes the birth date of another of their sex and relationship
    (`_born_as`). Ids, UUIDs, case and household references are new, and document and phone numbers
    have their last seven digits moved (no two copies share a passport). Returns persons, households
    and log entries."""
    with db.reading() as session:
        drawn = session.execute(select(_PERSONS.c.id, _PERSONS.c.household_id, _PERSONS.c.sex,
                                       _PERSONS.c.relationship)
                                .where(or_(*(_PERSONS.c.id.between(*ids) for ids in block)))
                                .order_by(_PERSONS.c.id)).all()
    members: dict[int, list[int]] = {}
    shapes: dict[int, list[str | None]] = {}
    for person_id, household_id, sex, _ in drawn:
        members.setdefault(household_id, []).append(person_id)
        shapes.setdefault(household_id, []).append(sex)
    alike: dict[tuple[str | None, ...], list[int]] = {}
    for household_id, shape in shapes.items():
        alike.setdefault(tuple(shape), []).append(household_id)
    sexes: dict[str | None, list[int]] = {}
    roles: dict[tuple[str | None, str | None], list[int]] = {}  # sex and relationship: of an age
    for person_id, _, sex, relationship in drawn:
        sexes.setdefault(sex, []).append(person_id)
        roles.setdefault((sex, relationship), []).append(person_id)
    rank = {p: i for pool in sexes.values() for i, p in enumerate(pool)}
    stride = {sex: len(pool) // 10 + 1 for sex, pool in sexes.items()}
    role_of = {p: role for role, pool in roles.items() for p in pool}
    role_rank = {p: i for pool in roles.values() for i, p in enumerate(pool)}
    slices: list[list[int]] = [[]]
    in_slice = 0  # persons in the last slice
    for household_id in members:
        if in_slice >= chunk:
            slices.append([])
            in_slice = 0
        slices[-1].append(household_id)
        in_slice += len(members[household_id])
    logged, copy = 0, 0
    while True:
        copy += 1
        names_of: dict[int, int] = {}  # household: the household whose names it takes
        person_names: dict[int, int] = {}
        for group in alike.values():
            step = copy * (len(group) // 10 + 1)
            names_of.update((h, group[(i + step) % len(group)]) for i, h in enumerate(group))
            if len(group) < _ALIKE:  # a rare shape: each member takes the names of a person of their sex
                for h in group:
                    names_of[h] = h
                    person_names.update((p, sexes[sex][(rank[p] + copy * stride[sex]) % len(sexes[sex])])
                                        for p, sex in zip(members[h], shapes[h], strict=True))
        for families in slices:
            room = persons - done
            first = members[families[0]][0]
            families = [h for h in families if members[h][0] < first + room]
            last = min(members[families[-1]][-1], first + room - 1)
            names = [(p, person_names.get(p, n)) for h in families
                     for p, n in zip(members[h], members[names_of[h]], strict=True) if p <= last]
            dated = [(p, n, _born_as(roles[role_of[p]], role_rank[p], copy, n)) for p, n in names]
            with db.transaction() as session:
                _copy(session, copy, (families[0], families[-1]), (first, last), dated,
                      [(h, names_of[h]) for h in families])
                done += last - first + 1
                households += len(families)
                final = done >= persons
                stopping = not final and progress is not None and not progress(done, persons)
                if final or stopping:
                    logged = _finish(session, rng, organizations, operator, day, done, households,
                                     drawn=len(drawn))
            if final and progress is not None:
                progress(done, persons)
            if final or stopping:
                return done, households, logged


def _born_as(role: list[int], rank: int, copy: int, names_of: int) -> int:
    """The drawn person of the same sex and relationship (so of an age) whose birth date copy `copy` of the
    one at `rank` takes: moved by another stride than the names, and never the one whose names it took (that
    would be that person again)."""
    at = rank + copy * (len(role) // 7 + 1)
    return next((p for p in (role[at % len(role)], role[(at + 1) % len(role)]) if p != names_of), names_of)


class _Sql:
    """The few expressions that SQLite and PostgreSQL spell differently."""

    def __init__(self, session: Session) -> None:
        self.sqlite = session.connection().dialect.name == "sqlite"

    def uuid(self) -> Any:
        if not self.sqlite:
            return cast_(func.gen_random_uuid(), String)
        hexes = "lower(hex(randomblob({})))"
        return literal_column(  # version 4: 4 random bits fixed, 2 for the variant
            f"{hexes.format(4)} || '-' || {hexes.format(2)} || '-4' || substr({hexes.format(2)}, 2) || '-' || "
            f"substr('89ab', 1 + abs(random()) % 4, 1) || substr({hexes.format(2)}, 2) || '-' || {hexes.format(6)}",
            String)

    def digits(self, number: Any, width: int) -> Any:
        """`number` as text, zero-padded to `width` digits (longer numbers whole)."""
        if self.sqlite:
            return func.printf(f"%0{width}d", number, type_=String)
        return case((number < 10**width, func.lpad(cast_(number, String), width, "0")), else_=cast_(number, String))

    def moved_tail(self, text: Any, shift: int) -> Any:
        """`text` with its last seven digits moved by `shift` (modulo 10 ** 7)."""
        head = func.substr(text, 1, func.length(text) - 7, type_=String)
        tail = cast_(func.substr(text, func.length(text) - 6, type_=String), Integer)
        return head.concat(self.digits((tail + shift) % 10_000_000, 7))

    def without_digits(self, text: Any) -> Any:
        if self.sqlite:
            return ~text.op("GLOB", is_comparison=True)("*[0-9]*")
        return ~text.op("~", is_comparison=True)("[0-9]")


def _copy(session: Session, copy: int, households: tuple[int, int], persons: tuple[int, int],
          names: list[tuple[int, int, int]], household_names: list[tuple[int, int]]) -> None:
    """Copy number `copy` of the drawn households `households` and persons `persons` (first to last id),
    each with the names of another (`names`, `household_names`: whose names each takes)."""
    sql = _Sql(session)
    connection = session.connection()
    for mapping in (_NAMES_FROM, _HOUSEHOLD_NAMES_FROM):
        mapping.create(connection, checkfirst=True)
    session.execute(insert(_NAMES_FROM), [{"person_id": p, "names_of": n, "born_as": b} for p, n, b in names])
    session.execute(insert(_HOUSEHOLD_NAMES_FROM), [{"household_id": h, "names_of": n} for h, n in household_names])
    if not sql.sqlite:  # the new ids are counted from the largest: no other writer may take one meanwhile
        session.execute(text("LOCK TABLE persons, households IN SHARE ROW EXCLUSIVE MODE"))
    person_shift = (session.scalar(select(func.max(_PERSONS.c.id))) or 0) + 1 - persons[0]
    household_shift = (session.scalar(select(func.max(_HOUSEHOLDS.c.id))) or 0) + 1 - households[0]
    prefix = generated_ref_prefix(session)
    first_ref = int(next_generated_ref(session)[len(prefix):])
    named_household = aliased(_HOUSEHOLDS)
    session.execute(insert(_HOUSEHOLDS).from_select(
        ["id", "uuid", "ref", "name", "head_person_id", "notes", "created_at", "created_by", "updated_at",
         "updated_by"],
        select(_HOUSEHOLDS.c.id + household_shift, sql.uuid(),
               literal("H-", String).concat(sql.digits(_HOUSEHOLDS.c.id + household_shift, 5)),
               named_household.c.name, null(), _HOUSEHOLDS.c.notes, _HOUSEHOLDS.c.created_at,
               _HOUSEHOLDS.c.created_by, _HOUSEHOLDS.c.updated_at, _HOUSEHOLDS.c.updated_by)
        .join(_HOUSEHOLD_NAMES_FROM, _HOUSEHOLD_NAMES_FROM.c.household_id == _HOUSEHOLDS.c.id)
        .join(named_household, named_household.c.id == _HOUSEHOLD_NAMES_FROM.c.names_of)))
    person = _PERSONS.c
    named, born = aliased(_PERSONS), aliased(_PERSONS)
    made = {"id": person.id + person_shift, "uuid": sql.uuid(),
            "case_ref": literal(prefix, String).concat(sql.digits(person.id - persons[0] + first_ref, 6)),
            "household_id": person.household_id + household_shift,
            **{name: named.c[name] for name in (*_NAMES, "sort_key")}, "birth_date": born.c.birth_date}
    every = [c.name for c in _PERSONS.columns]
    session.execute(insert(_PERSONS).from_select(every, select(*(made.get(name, person[name]) for name in every))
                                                 .join(_NAMES_FROM, _NAMES_FROM.c.person_id == person.id)
                                                 .join(named, named.c.id == _NAMES_FROM.c.names_of)
                                                 .join(born, born.c.id == _NAMES_FROM.c.born_as)))
    drawn = aliased(_HOUSEHOLDS)
    session.execute(update(_HOUSEHOLDS).where(_HOUSEHOLDS.c.id.between(households[0] + household_shift,
                                                                       households[1] + household_shift))
                    .values(head_person_id=select(drawn.c.head_person_id + person_shift)
                            .where(drawn.c.id == _HOUSEHOLDS.c.id - household_shift,
                                   drawn.c.head_person_id <= persons[1]).scalar_subquery()))
    session.execute(insert(_TERMS).from_select(  # the names' terms: the case reference's, documents' and
        ["person_id", "term", "sort_key"],      # phones' follow below
        select(_NAMES_FROM.c.person_id + person_shift, _TERMS.c.term, _TERMS.c.sort_key)
        .join(_TERMS, _TERMS.c.person_id == _NAMES_FROM.c.names_of).where(sql.without_digits(_TERMS.c.term))))
    changes: list[tuple[Table, tuple[str, ...], dict[str, Any]]] = [
            (_CHANGES, _CHANGE_COLUMNS, {}),
            (_MEMBERS, _MEMBER_COLUMNS, {}),
            (_DOCUMENTS, _DOCUMENT_COLUMNS, {"number": sql.moved_tail(_DOCUMENTS.c.number, _DOCUMENT_SHIFT * copy),
                                             "number_key": sql.moved_tail(_DOCUMENTS.c.number_key,
                                                                          _DOCUMENT_SHIFT * copy)})]
    for table, columns, changed in changes:
        drawn_rows = table.c.person_id.between(*persons)
        changed["person_id"] = table.c.person_id + person_shift
        session.execute(insert(table).from_select(
            list(columns), select(*(changed.get(name, table.c[name]) for name in columns)).where(drawn_rows)))
    rows = _Rows(session)
    phones = [(person_id + person_shift, e164[:-7] + f"{(int(e164[-7:]) + _PHONE_SHIFT * copy) % 10_000_000:07d}")
              for person_id, e164 in session.execute(select(_PHONES.c.person_id, _PHONES.c.e164)
                                                     .where(_PHONES.c.person_id.between(*persons)))]
    rows.add(_PHONES, _PHONE_COLUMNS, [(person_id, e164, "", display_phone(e164)) for person_id, e164 in phones])
    made_persons = (persons[0] + person_shift, persons[1] + person_shift)
    keys: dict[int, list[str]] = {}
    for person_id, key in session.execute(select(_DOCUMENTS.c.person_id, _DOCUMENTS.c.number_key)
                                          .where(_DOCUMENTS.c.person_id.between(*made_persons))):
        keys.setdefault(person_id, []).append(key)
    numbers: dict[int, list[str]] = {}
    for person_id, e164 in phones:
        numbers.setdefault(person_id, []).append(e164)
    rows.add(_TERMS, ("person_id", "term", "sort_key"), [
        (person_id, term, key) for person_id, case_ref, key in session.execute(
            select(person.id, person.case_ref, person.sort_key).where(person.id.between(*made_persons)))
        for term in search_terms((), case_ref, keys.get(person_id, ()), numbers.get(person_id, ()))
        if any(c.isdigit() for c in term)])
    _NAMES_FROM.drop(connection)
    _HOUSEHOLD_NAMES_FROM.drop(connection)
    if not sql.sqlite:  # the sequences past the ids written explicitly
        for name in ("persons", "households"):
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM "
                                 f"{name}))"))
