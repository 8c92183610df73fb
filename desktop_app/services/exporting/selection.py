"""Which persons an export carries, in which order, and their records as `export_rows` wants them.

A `Selection` combines a list, statuses, a roster view's query and hand-picked ids (all
given parts must hold). Persons in the trash and merged records are never exported.
`resolve` runs the selection once, its rows fetched from the query a page at a time, and keeps
only keys (person id and list membership) in the order the profile needs: households together
for 'household' grouping, lists together for 'list' grouping, otherwise the roster view's order,
the hand-picked order, or by name. The keys, each person's UUID and who lacks consent are held
as machine integers and bytes (`RowKeys`: about 40 bytes a person, no Python object each), so a
million persons' selection takes tens of megabytes, not the gigabyte a list of rows took (issue 19).
`person_records` then reads the records a page at a time with SQLAlchemy Core (persons,
their best travel document, first phone, household, list answer), so memory stays flat
however large the roster is.

`snapshot(db)` gives the one read transaction an export runs `resolve` and `person_records` in,
so that a colleague's write committed between two pages is not seen (a person exported twice,
missed, or half old and half new): SQLite in WAL mode reads one snapshot for a whole read
transaction and its writers are not held up by it; PostgreSQL is asked for REPEATABLE READ, read
only. A roster file on a network share has no WAL (see `storage.db`): a read transaction there
would hold every writer off for the whole export, so each page is read in a transaction of its
own and a change that removes a person read earlier stops the export instead (see `person_records`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid as uuid_module
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeAlias, overload

from sqlalchemy import Select, and_, case, func, null, select
from sqlalchemy.orm import Session, aliased

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import NotFound
from desktop_app.domain.export_profile import ExportProfile, Grouping
from desktop_app.domain.person import DocumentType
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.exchange.export_errors import ExportError
from desktop_app.services import accounts, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database
from desktop_app.storage.models import (
    Document,
    EvacuationList,
    Household,
    ListMember,
    Person,
    Phone,
)

PAGE_SIZE = 1000
CONSENT_REFS_KEPT = 10  # the case references a refusal or the export dialog names
NO_MEMBER = -1
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"
# The document a partner wants to see first: travel documents before identity papers.
DOCUMENT_PREFERENCE = (DocumentType.FOREIGN_PASSPORT, DocumentType.PASSPORT, DocumentType.TRAVEL_DOCUMENT,
                       DocumentType.NATIONAL_ID, DocumentType.RESIDENCE_PERMIT, DocumentType.BIRTH_CERTIFICATE,
                       DocumentType.OTHER)
_DOCUMENT_RANK = {kind.value: rank for rank, kind in enumerate(DOCUMENT_PREFERENCE)}


@dataclass(frozen=True)
class Selection:
    """The persons to export; every part given must hold. An empty selection is the whole roster."""

    list_id: int | None = None
    statuses: tuple[Status, ...] = ()
    query: RosterQuery | None = None
    person_ids: tuple[int, ...] | None = None

    def describe(self) -> dict[str, Any]:
        """What was selected, for the audit entry (ids and filters, no names)."""
        described: dict[str, Any] = {}
        if self.list_id is not None:
            described["list_id"] = self.list_id
        if self.statuses:
            described["statuses"] = [s.value for s in self.statuses]
        if self.query is not None:
            described["roster_filter"] = {"text": bool(self.query.text), "statuses": [s.value for s in
                                                                                       self.query.statuses],
                                          "flags": [f.value for f in self.query.flags],
                                          "list_id": self.query.list_id, "household_id": self.query.household_id}
        if self.person_ids is not None:
            described["hand_picked"] = len(self.person_ids)
        return described or {"whole_roster": True}


class _PackedUuids:
    """UUIDs in order, 16 bytes each when canonical (the program writes them so; another mission's or an
    imported file's may differ and is kept as given)."""

    def __init__(self) -> None:
        self._packed = bytearray()
        self._other: dict[int, str] = {}
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, value: str) -> None:
        try:
            parsed = uuid_module.UUID(value)
        except ValueError:
            parsed = None
        if parsed is None or str(parsed) != value:
            self._other[self._count] = value
            parsed = uuid_module.UUID(int=0)
        self._packed += parsed.bytes
        self._count += 1

    def __getitem__(self, index: int) -> str:
        if index in self._other:
            return self._other[index]
        return str(uuid_module.UUID(bytes=bytes(self._packed[16 * index:16 * index + 16])))

    def __iter__(self) -> Iterator[str]:
        return (self[index] for index in range(self._count))


class SeenIds:
    """A set of positive person ids as a bitmap: an eighth of a byte per id, not a Python object each."""

    def __init__(self) -> None:
        self._bits = bytearray()

    def add(self, value: int) -> bool:
        """Mark `value`; whether it was new."""
        byte, bit = divmod(value, 8)
        if byte >= len(self._bits):
            self._bits.extend(bytes(max(byte + 1, 2 * len(self._bits)) - len(self._bits)))
        if self._bits[byte] >> bit & 1:
            return False
        self._bits[byte] |= 1 << bit
        return True

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int):
            return False
        byte, bit = divmod(value, 8)
        return byte < len(self._bits) and bool(self._bits[byte] >> bit & 1)


class RowKeys(Sequence[tuple[int, int | None]]):
    """The (person id, list membership id or None) of each row in export order, held as machine integers
    (8 bytes each, no Python object per row), so a million rows take a few megabytes."""

    def __init__(self) -> None:
        self._persons = array("q")
        self._members = array("q")  # NO_MEMBER for a row that is no list membership

    def append(self, person_id: int, member_id: int | None) -> None:
        self._persons.append(person_id)
        self._members.append(NO_MEMBER if member_id is None else member_id)

    def __len__(self) -> int:
        return len(self._persons)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int | None]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int | None]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int | None] | list[tuple[int, int | None]]:
        if isinstance(index, slice):
            return list(zip(self._persons[index], (None if m == NO_MEMBER else m for m in self._members[index]),
                            strict=True))
        member = self._members[index]
        return self._persons[index], None if member == NO_MEMBER else member


@dataclass(frozen=True)
class ResolvedSelection:
    """The selection run once: row keys in export order, each person's UUID once (in first-row order) and
    who lacks consent, all held compactly (see `RowKeys`): no Python object per person."""

    keys: RowKeys
    uuids: _PackedUuids  # each person once, in first-row order
    without_consent_refs: list[tuple[str, str]]  # (uuid, case ref) of the first persons without consent
    without_consent: int  # how many persons lack consent to share
    consent_missing: SeenIds  # the positions in `uuids` of those persons
    list_name: str | None = None
    list_organization_id: int | None = None

    @property
    def rows(self) -> int:
        return len(self.keys)

    @property
    def persons(self) -> int:
        return len(self.uuids)

    def without_consent_uuids(self) -> Iterator[str]:
        """The UUIDs of the persons without consent, in first-row order."""
        return (uuid for index, uuid in enumerate(self.uuids) if index in self.consent_missing)


@contextlib.contextmanager
def snapshot(db: Database) -> Iterator[Session | None]:
    """One read transaction for a whole export (see the module's docstring): the Session to hand to
    `resolve` and `person_records`, or None on a SQLite file without WAL (each read then its own)."""
    with db.reading() as session:
        if db.is_sqlite:
            journal = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
            if str(journal).lower() == "wal":
                yield session
            else:
                session.rollback()  # no lock held while the pages are read each in a transaction of its own
                yield None
        else:
            session.connection(execution_options={"isolation_level": "REPEATABLE READ",
                                                  "postgresql_readonly": True})
            yield session


def _reading(db: Database, session: Session | None) -> contextlib.AbstractContextManager[Session]:
    return contextlib.nullcontext(session) if session is not None else db.reading()


@accounts.guarded(Permission.SEARCH)
def resolve(db: Database, selection: Selection, profile: ExportProfile, *,
            session: Session | None = None) -> ResolvedSelection:
    """Run `selection` and order it for `profile`'s grouping, streaming its rows from the query (no
    list of every row is made: a million persons' keys are held in a few megabytes); in `session`
    (an export's `snapshot`) when given."""
    by_list = profile.grouping is Grouping.LIST or selection.list_id is not None
    member = aliased(ListMember)
    member_id = member.id if by_list else null()
    statement = (select(Person.id, member_id, Person.uuid, Person.case_ref, Person.consent_to_share)
                 .where(Person.deleted_at.is_(None), Person.merged_into_id.is_(None),
                        Person.status != Status.MERGED.value)
                 .outerjoin(Household, Household.id == Person.household_id))
    if by_list:
        join_on = member.person_id == Person.id
        if selection.list_id is not None:
            join_on = and_(join_on, member.list_id == selection.list_id)
            statement = statement.join(member, join_on)
        else:
            statement = statement.outerjoin(member, join_on)
    if selection.statuses:
        statement = statement.where(Person.status.in_([s.value for s in selection.statuses]))
    if selection.query is not None:
        roster.check_filters(db, selection.query)
    keys = RowKeys()
    uuids = _PackedUuids()
    seen = SeenIds()
    consent_missing = SeenIds()
    refs: list[tuple[str, str]] = []
    missing = 0
    with _reading(db, session) as reading:
        list_name, list_org = _list_of(reading, selection.list_id)
        for person_id, membership_id, uuid, case_ref, consent in _rows(reading, statement, selection, profile,
                                                                       by_list, member):
            keys.append(person_id, membership_id)
            if not seen.add(person_id):
                continue
            if not consent:
                consent_missing.add(len(uuids))
                missing += 1
                if len(refs) < CONSENT_REFS_KEPT:
                    refs.append((uuid, case_ref))
            uuids.append(uuid)
    return ResolvedSelection(keys, uuids, refs, missing, consent_missing, list_name, list_org)


def _rows(session: Session, statement: AnySelect, selection: Selection, profile: ExportProfile, by_list: bool,
          member: Any) -> Iterator[Any]:
    """The selection's rows in export order, read from the query a page at a time."""
    if profile.grouping is Grouping.PERSON and (selection.query is not None or selection.person_ids is not None):
        # In the roster view's (or the hand-picked) order: that order's ids a page at a time, their rows each.
        order: Iterable[int]
        if selection.query is not None:
            wanted = set(selection.person_ids) if selection.person_ids is not None else None
            order = (person_id for person_id, in _streamed(session, roster.ids_statement(selection.query))
                     if wanted is None or person_id in wanted)
        else:
            order = dict.fromkeys(selection.person_ids or ())
        for page in _pages(iter(order)):
            found = {row[0]: row for row in session.execute(statement.where(Person.id.in_(page)))}
            yield from (found[person_id] for person_id in page if person_id in found)
        return
    allowed: SeenIds | set[int] | None = None
    if selection.query is not None:
        picked = set(selection.person_ids) if selection.person_ids is not None else None
        allowed = SeenIds()
        for person_id, in _streamed(session, roster.ids_statement(selection.query)):
            if picked is None or person_id in picked:
                allowed.add(person_id)
    elif selection.person_ids is not None:
        allowed = set(selection.person_ids)
    for row in _streamed(session, statement.order_by(*_order(profile.grouping, by_list, member))):
        if allowed is None or row[0] in allowed:
            yield row


def _pages(ids: Iterator[int]) -> Iterator[list[int]]:
    while page := list(islice(ids, PAGE_SIZE)):
        yield page


def _streamed(session: Session, statement: AnySelect) -> Iterator[Any]:
    """The rows of `statement`, fetched PAGE_SIZE at a time (a server-side cursor on PostgreSQL)."""
    yield from session.execute(statement.execution_options(yield_per=PAGE_SIZE))


def _order(grouping: Grouping, by_list: bool, member: Any) -> list[Any]:
    by_name = [Person.sort_key, Person.id]
    if grouping is Grouping.LIST and by_list:
        return [case((member.list_id.is_(None), 0), else_=1), member.list_id, *by_name]
    if grouping is Grouping.HOUSEHOLD:
        return [case((Person.household_id.is_(None), 1), else_=0), Household.ref,
                case((Person.relationship == "head", 0), else_=1), Person.birth_date, Person.id]
    return by_name


def _list_of(session: Session, list_id: int | None) -> tuple[str | None, int | None]:
    if list_id is None:
        return None, None
    found = session.get(EvacuationList, list_id)
    if found is None:
        raise NotFound("evacuation list", list_id)
    return found.name, found.organization_id


@accounts.guarded(Permission.SEARCH)
def person_records(db: Database, keys: Sequence[tuple[int, int | None]], page_size: int = PAGE_SIZE, *,
                   session: Session | None = None) -> Iterator[dict[str, Any]]:
    """The export record of each key, in order, read `page_size` rows at a time, in `session` (an
    export's `snapshot`) when given, else each page in a read of its own; without READ_NOTES (a
    volunteer's preview) the medical need and the notes are left empty (issue 20)."""
    notes_readable = accounts.may(db, Permission.READ_NOTES)
    for start in range(0, len(keys), page_size):
        page = keys[start:start + page_size]
        with _reading(db, session) as reading:
            records = _page(reading, page)
        vanished = sum(person_id not in records.persons or (member_id is not None and member_id not in records.members)
                       for person_id, member_id in page)  # a colleague's change since the selection was run
        if vanished:
            raise ExportError(f"the selection changed while it was read: {vanished} of its persons were removed from "
                              "the roster or the list meanwhile (a colleague's change); nothing was exported, "
                              "try again")
        for person_id, member_id in page:
            record = dict(records.persons[person_id])
            if member_id is not None:
                record.update(records.members[member_id])
            if not notes_readable:
                record.update(medical=None, notes="")
            yield record
        del records  # one page held at a time: not the last one while the next is read


@dataclass
class _Page:
    persons: dict[int, dict[str, Any]]
    members: dict[int, dict[str, Any]]


_PERSON_COLUMNS = (Person.id, Person.uuid, Person.case_ref, Person.surname, Person.given_names, Person.patronymic,
                   Person.surname_latin, Person.given_names_latin, Person.sex, Person.birth_date,
                   Person.place_of_birth, Person.citizenships, Person.email, Person.messenger, Person.region,
                   Person.locality, Person.address, Person.medical, Person.reduced_mobility, Person.pregnant,
                   Person.unaccompanied_minor, Person.consent_to_share, Person.consent_date, Person.source,
                   Person.notes, Person.relationship, Person.status, Person.household_id)


def _page(session: Session, keys: Sequence[tuple[int, int | None]]) -> _Page:
    person_ids = list({person_id for person_id, _ in keys})
    member_ids = [member_id for _, member_id in keys if member_id is not None]
    live_members = (select(func.count(Person.id)).where(Person.household_id == Household.id,
                                                        Person.deleted_at.is_(None),
                                                        Person.merged_into_id.is_(None))
                    .correlate(Household).scalar_subquery())
    statement = (select(*_PERSON_COLUMNS, Household.ref, live_members)
                 .outerjoin(Household, Household.id == Person.household_id).where(Person.id.in_(person_ids)))
    persons: dict[int, dict[str, Any]] = {}
    for row in session.execute(statement):
        values = row._mapping
        record = {column.key: values[column.key] for column in _PERSON_COLUMNS}
        record["birth_date"] = PartialDate.parse(record["birth_date"]) if record["birth_date"] else None
        record["citizenships"] = [c for c in (record["citizenships"] or "").split(",") if c]
        record["household_ref"] = row[-2]
        record["household_size"] = row[-1]
        persons[record.pop("id")] = record
    for person_id, document in _best_documents(session, person_ids).items():
        persons[person_id].update(document_type=document.doc_type.replace("_", " "), document_number=document.number,
                                  document_country=document.issuing_country, valid_until=document.expiry_date)
    phones = session.execute(select(Phone.person_id, Phone.e164).where(Phone.person_id.in_(person_ids))
                             .order_by(Phone.id.desc()))
    for person_id, e164 in phones:  # newest first: the first phone wins last
        persons[person_id]["phone"] = e164
    members: dict[int, dict[str, Any]] = {}
    if member_ids:
        statement_members = (select(ListMember.id, EvacuationList.name, ListMember.answer, ListMember.valid_until)
                             .join(EvacuationList, EvacuationList.id == ListMember.list_id)
                             .where(ListMember.id.in_(member_ids)))
        for member_id, list_name, answer, valid_until in session.execute(statement_members):
            members[member_id] = {"list_name": list_name, "answer": answer, "approved_until": valid_until}
    return _Page(persons, members)


def _best_documents(session: Session, person_ids: list[int]) -> dict[int, Any]:
    """Each person's most useful document: travel documents first, then the one valid longest."""
    best: dict[int, Any] = {}
    unknown = dt.date.min  # a document without an expiry date comes after one known to be valid
    for document in session.execute(select(Document.person_id, Document.doc_type, Document.number,
                                           Document.issuing_country, Document.expiry_date, Document.id)
                                    .where(Document.person_id.in_(person_ids))):
        rank = (_DOCUMENT_RANK.get(document.doc_type, len(_DOCUMENT_RANK)),
                -(document.expiry_date or unknown).toordinal(), -document.id)
        current = best.get(document.person_id)
        if current is None or rank < current[0]:
            best[document.person_id] = (rank, document)
    return {person_id: document for person_id, (_, document) in best.items()}
