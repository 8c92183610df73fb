"""Which persons an export carries, in which order, and their records as `export_rows` wants them.

A `Selection` combines a list, statuses, a roster view's query and hand-picked ids (all
given parts must hold). Persons in the trash and merged records are never exported.
`resolve` runs the selection once and keeps only keys (person id and list membership) in
the order the profile needs: households together for 'household' grouping, lists together
for 'list' grouping, otherwise the roster view's order, the hand-picked order, or by name.
`person_records` then reads the records a page at a time with SQLAlchemy Core (persons,
their best travel document, first phone, household, list answer), so memory stays flat
however large the roster is: only the keys of the whole selection are held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, null, select
from sqlalchemy.orm import Session, aliased

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import NotFound
from desktop_app.domain.export_profile import ExportProfile, Grouping
from desktop_app.domain.person import DocumentType
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
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


@dataclass(frozen=True)
class ResolvedSelection:
    """The selection run once: row keys in export order, and who lacks consent."""

    keys: list[tuple[int, int | None]]  # (person id, list membership id or None), one per row
    uuids: list[str]  # each person once, in first-row order
    without_consent: list[tuple[str, str]]  # (uuid, case ref) of persons without consent to share
    list_name: str | None = None
    list_organization_id: int | None = None

    @property
    def rows(self) -> int:
        return len(self.keys)

    @property
    def persons(self) -> int:
        return len(self.uuids)


@accounts.guarded(Permission.SEARCH)
def resolve(db: Database, selection: Selection, profile: ExportProfile) -> ResolvedSelection:
    """Run `selection` and order it for `profile`'s grouping."""
    order_from: list[int] | None = None
    if selection.query is not None:
        order_from = roster.search_ids(db, selection.query)
    if selection.person_ids is not None:
        wanted = set(selection.person_ids)
        order_from = [i for i in order_from if i in wanted] if order_from is not None \
            else list(dict.fromkeys(selection.person_ids))
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
    statement = statement.order_by(*_order(profile.grouping, by_list, member))
    with db.reading() as session:
        list_name, list_org = _list_of(session, selection.list_id)
        rows = list(session.execute(statement))
    if order_from is not None:
        rows = _reordered(rows, order_from, keep_sql_order=profile.grouping is not Grouping.PERSON)
    keys: list[tuple[int, int | None]] = []
    uuids: dict[str, None] = {}
    missing_consent: dict[str, str] = {}
    for person_id, membership_id, uuid, case_ref, consent in rows:
        keys.append((person_id, membership_id))
        uuids[uuid] = None
        if not consent:
            missing_consent[uuid] = case_ref
    return ResolvedSelection(keys, list(uuids), list(missing_consent.items()), list_name, list_org)


def _order(grouping: Grouping, by_list: bool, member: Any) -> list[Any]:
    by_name = [Person.sort_key, Person.id]
    if grouping is Grouping.LIST and by_list:
        return [case((member.list_id.is_(None), 0), else_=1), member.list_id, *by_name]
    if grouping is Grouping.HOUSEHOLD:
        return [case((Person.household_id.is_(None), 1), else_=0), Household.ref,
                case((Person.relationship == "head", 0), else_=1), Person.birth_date, Person.id]
    return by_name


def _reordered(rows: list[Any], order: list[int], *, keep_sql_order: bool) -> list[Any]:
    """Rows of persons in `order` only; in that order unless the grouping's SQL order must stay."""
    if keep_sql_order:
        wanted = set(order)
        return [row for row in rows if row[0] in wanted]
    position = {person_id: index for index, person_id in enumerate(order)}
    return sorted((row for row in rows if row[0] in position), key=lambda row: position[row[0]])


def _list_of(session: Session, list_id: int | None) -> tuple[str | None, int | None]:
    if list_id is None:
        return None, None
    found = session.get(EvacuationList, list_id)
    if found is None:
        raise NotFound("evacuation list", list_id)
    return found.name, found.organization_id


@accounts.guarded(Permission.SEARCH)
def person_records(db: Database, keys: Sequence[tuple[int, int | None]],
                   page_size: int = PAGE_SIZE) -> Iterator[dict[str, Any]]:
    """The export record of each key, in order, read `page_size` rows at a time; without READ_NOTES
    (a volunteer's preview) the medical need and the notes are left empty (issue 20)."""
    notes_readable = accounts.may(db, Permission.READ_NOTES)
    for start in range(0, len(keys), page_size):
        page = keys[start:start + page_size]
        with db.reading() as session:
            records = _page(session, page)
        for person_id, member_id in page:
            record = dict(records.persons[person_id])
            if member_id is not None:
                record.update(records.members[member_id])
            if not notes_readable:
                record.update(medical=None, notes="")
            yield record


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
