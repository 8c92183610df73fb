"""The exchanged records as plain JSON values, read from the roster and written back.

    current = read_records(session)              # {key: (kind, {field: value})}
    apply_record(session, writer, key, kind, {field: value}) # write fields of one record

Keys are stable across sites: 'person:<uuid>', 'household:<uuid>', 'list:<uuid>',
'member:<list uuid>:<person uuid>', 'status:<digest of the entry>' (a status history entry never
changes, so its content names it), and liaison entries, contact attempts and check-ins likewise
('liaison:…', 'attempt:…', 'checkin:…', see journal.py). Values are what JSON keeps: dates as ISO text, references
to other records as their UUIDs, documents and phones as sorted lists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, aliased

from desktop_app.domain.partners import OrgKind
from desktop_app.domain.person import normalize_document_number
from desktop_app.services import audit
from desktop_app.services.packages.journal import (
    JOURNAL_KINDS,
    apply_journal,
    date_of,
    datetime_of,
    plain,
    read_journal,
)
from desktop_app.services.search_index import reindex, search_terms_of, sort_key_of
from desktop_app.storage.models import (
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

PERSON_COLUMNS: tuple[str, ...] = (
    "case_ref", "surname", "given_names", "patronymic", "surname_latin", "given_names_latin", "sex", "birth_date",
    "place_of_birth", "citizenships", "email", "messenger", "region", "locality", "address", "medical",
    "reduced_mobility", "pregnant", "unaccompanied_minor", "consent_to_share", "consent_date", "source", "notes",
    "relationship", "status")
# Fields whose change is never taken silently when both sides changed them (they always are a
# conflict then, as every field is) and whose one-sided change is named in the import's report.
GUARDED_FIELDS = frozenset({"status", "answer", "crossed_at", "valid_until"})
# Fields an edit made to a person merged away here is carried to (the survivor's data).
REDIRECTED_FIELDS = frozenset(PERSON_COLUMNS) - {"case_ref", "status", "relationship"} | {"documents", "phones"}
KIND_ORDER = ("household", "person", "list", "member", "status", *JOURNAL_KINDS)
LIST_COLUMNS = ("name", "state", "notes", "sent_at", "answered_at")
MEMBER_COLUMNS = ("answer", "valid_until", "crossed_at", "answered_at", "answer_note")


def status_key(person_uuid: str, at: Any, from_status: Any, to_status: Any, reason: Any) -> str:
    text = "\x1f".join(str(v) for v in (person_uuid, plain(at), from_status, to_status, reason))
    return "status:" + hashlib.sha256(text.encode()).hexdigest()[:32]


def read_records(session: Session) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every exchanged record of the roster, by key."""
    records: dict[str, tuple[str, dict[str, Any]]] = {}
    person_uuid = dict(session.execute(select(Person.id, Person.uuid)).all())
    list_uuid = dict(session.execute(select(EvacuationList.id, EvacuationList.uuid)).all())
    households = session.execute(select(Household.id, Household.uuid, Household.ref, Household.name, Household.notes,
                                        Household.head_person_id)).all()
    household_uuid = {row.id: row.uuid for row in households}
    for row in households:
        records[f"household:{row.uuid}"] = ("household", {
            "ref": row.ref, "name": row.name, "notes": row.notes,
            "head": person_uuid.get(row.head_person_id) if row.head_person_id else None})
    documents: dict[int, list[list[Any]]] = {}
    for d in session.execute(select(Document.person_id, Document.doc_type, Document.number, Document.issuing_country,
                                    Document.issue_date, Document.expiry_date)):
        documents.setdefault(d.person_id, []).append(
            [d.doc_type, d.number, d.issuing_country, plain(d.issue_date), plain(d.expiry_date)])
    phones: dict[int, list[list[Any]]] = {}
    for p in session.execute(select(Phone.person_id, Phone.e164, Phone.label)):
        phones.setdefault(p.person_id, []).append([p.e164, p.label])
    columns = [getattr(Person, c) for c in PERSON_COLUMNS]
    for row in session.execute(select(Person.id, Person.uuid, Person.household_id, Person.merged_into_id,
                                      Person.deleted_at, *columns)):
        values = {c: plain(getattr(row, c)) for c in PERSON_COLUMNS}
        values["household"] = household_uuid.get(row.household_id) if row.household_id else None
        values["merged_into"] = person_uuid.get(row.merged_into_id) if row.merged_into_id else None
        values["deleted"] = row.deleted_at is not None
        values["documents"] = sorted(documents.get(row.id, []), key=_sort_key)
        values["phones"] = sorted(phones.get(row.id, []), key=_sort_key)
        records[f"person:{row.uuid}"] = ("person", values)
    organization = aliased(Organization)
    for lst in session.execute(select(EvacuationList, organization.name).outerjoin(
            organization, organization.id == EvacuationList.organization_id)):
        evac, org_name = lst
        values = {c: plain(getattr(evac, c)) for c in LIST_COLUMNS}
        values["organization"] = org_name
        records[f"list:{evac.uuid}"] = ("list", values)
    for member in session.execute(select(ListMember.list_id, ListMember.person_id, ListMember.added_at,
                                         ListMember.added_by, *[getattr(ListMember, c) for c in MEMBER_COLUMNS])):
        values = {c: plain(getattr(member, c)) for c in MEMBER_COLUMNS}
        values.update(present=True, added_at=plain(member.added_at), added_by=member.added_by)
        records[f"member:{list_uuid[member.list_id]}:{person_uuid[member.person_id]}"] = ("member", values)
    for change in session.execute(select(StatusChange.person_id, StatusChange.from_status, StatusChange.to_status,
                                         StatusChange.reason, StatusChange.list_id, StatusChange.at,
                                         StatusChange.operator)):
        who = person_uuid[change.person_id]
        records[status_key(who, change.at, change.from_status, change.to_status, change.reason)] = ("status", {
            "person": who, "from": change.from_status, "to": change.to_status, "reason": change.reason,
            "list": list_uuid.get(change.list_id) if change.list_id else None, "at": plain(change.at),
            "operator": change.operator})
    records.update(read_journal(session, person_uuid, list_uuid))
    return records


def read_ids(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    """Person and list UUIDs by row id."""
    return ({i: u for i, u in session.execute(select(Person.id, Person.uuid))},
            {i: u for i, u in session.execute(select(EvacuationList.id, EvacuationList.uuid))})


def _sort_key(item: list[Any]) -> list[str]:
    return [str(v) for v in item]


def absent(kind: str) -> dict[str, Any] | None:
    """The values of a record that was exchanged and is gone from the roster (None: nothing to say)."""
    return {"present": False} if kind == "member" else None


@dataclass
class Writer:
    """Writes records into one import's session; remembers what it created and what it did before."""

    session: Session
    operator: str
    person_ids: dict[str, int] = field(default_factory=dict)
    household_ids: dict[str, int] = field(default_factory=dict)
    list_ids: dict[str, int] = field(default_factory=dict)
    pending_heads: dict[int, str] = field(default_factory=dict)
    # Unique values ('H-00001', a case reference, a list's name) taken here by another record: the
    # record is written under a free variant, remembered per key so that it is not taken for an edit.
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)

    # The values of each unique column, read once per import, for records created by it.
    taken: dict[str, set[str]] = field(default_factory=dict)

    def free(self, key: str, name: str, column: Any, value: str, own_id: int | None) -> str:
        """`value`, or 'value (2)', 'value (3)'... when another row holds it."""
        candidate, n = value, 1
        if own_id is None:  # a new record: against every value read once, and those given meanwhile
            if column.key not in self.taken:
                with self.session.no_autoflush:
                    self.taken[column.key] = set(self.session.scalars(select(column)))
            used = self.taken[column.key]
            while candidate in used:
                n += 1
                candidate = f"{value} ({n})"
            used.add(candidate)
        else:
            with self.session.no_autoflush:
                while (taken := self.session.scalar(select(column.table.c.id).where(column == candidate))) \
                        is not None and taken != own_id:
                    n += 1
                    candidate = f"{value} ({n})"
            self.taken.get(column.key, set()).add(candidate)
        if candidate != value:
            self.aliases.setdefault(key, {})[name] = candidate
        return candidate

    # Persons created and not flushed yet: inserted in batches (one flush for many), their ids read
    # when something needs them.
    pending_persons: dict[str, Person] = field(default_factory=dict)

    def preload(self) -> None:
        """Read the id of every person, household and list once (a bulk import asks for most of them)."""
        self.person_ids.update((u, i) for u, i in self.session.execute(select(Person.uuid, Person.id)))
        self.household_ids.update((u, i) for u, i in self.session.execute(select(Household.uuid, Household.id)))
        self.list_ids.update((u, i) for u, i in self.session.execute(select(EvacuationList.uuid, EvacuationList.id)))

    def flush(self) -> None:
        if self.pending_persons:
            self.session.flush()
            self.person_ids.update((uuid, person.id) for uuid, person in self.pending_persons.items())
            self.pending_persons.clear()

    def person_id(self, uuid: str | None) -> int | None:
        if not uuid:
            return None
        if uuid in self.pending_persons:
            self.flush()
        if uuid not in self.person_ids:
            found = self.session.scalar(select(Person.id).where(Person.uuid == uuid))
            if found is None:
                return None
            self.person_ids[uuid] = found
        return self.person_ids[uuid]

    def household_id(self, uuid: str | None) -> int | None:
        if not uuid:
            return None
        if uuid not in self.household_ids:
            found = self.session.scalar(select(Household.id).where(Household.uuid == uuid))
            if found is None:
                return None
            self.household_ids[uuid] = found
        return self.household_ids[uuid]

    def list_id(self, uuid: str | None) -> int | None:
        if not uuid:
            return None
        if uuid not in self.list_ids:
            found = self.session.scalar(select(EvacuationList.id).where(EvacuationList.uuid == uuid))
            if found is None:
                return None
            self.list_ids[uuid] = found
        return self.list_ids[uuid]

    def finish(self) -> None:
        """Household heads named before their person arrived."""
        self.flush()
        self.session.flush()
        heads = [{"household": household_id, "head": self.person_id(head)}
                 for household_id, head in self.pending_heads.items()]
        if heads:
            table = Household.__table__
            self.session.connection().execute(update(table).where(table.c.id == bindparam("household"))
                                              .values(head_person_id=bindparam("head")), heads)
            self.session.expire_all()  # households loaded earlier in this session read their head again
        self.pending_heads.clear()


def apply_record(writer: Writer, key: str, kind: str, values: dict[str, Any], created: bool) -> int | None:
    """Write `values` (the fields to set; every field when `created`) of one record; returns its row id."""
    uuid = key.split(":", 1)[1]
    if kind == "person":
        return _apply_person(writer, uuid, values, created)
    if kind == "household":
        return _apply_household(writer, uuid, values, created)
    if kind == "list":
        return _apply_list(writer, uuid, values, created)
    if kind == "member":
        return _apply_member(writer, key, values, created)
    if kind == "status":
        return _apply_status(writer, values) if created else None
    if kind in JOURNAL_KINDS and not created:
        return apply_journal(writer, key, kind, values)
    return None


def _apply_person(writer: Writer, uuid: str, values: dict[str, Any], created: bool) -> int | None:
    session = writer.session
    stamp = audit.now()
    if created:
        person = Person(uuid=uuid, created_at=stamp, created_by=writer.operator, status="registered", case_ref="")
    else:
        found = session.scalar(select(Person).where(Person.uuid == uuid))
        if found is None:
            return None
        person = found
    for name in PERSON_COLUMNS:
        if name in values:
            value = values[name]
            if name == "case_ref":
                value = writer.free(f"person:{uuid}", name, Person.case_ref, value, person.id)
            setattr(person, name, date_of(value) if name == "consent_date" else value)
    if "household" in values:
        person.household_id = writer.household_id(values["household"])
    if "merged_into" in values:
        person.merged_into_id = writer.person_id(values["merged_into"])
    if "deleted" in values:
        if values["deleted"] and person.deleted_at is None:
            person.deleted_at, person.deleted_by = stamp, writer.operator
        elif not values["deleted"]:
            person.deleted_at, person.deleted_by = None, None
    if "documents" in values:
        person.documents[:] = [Document(doc_type=t, number=n, number_key=normalize_document_number(n),
                                        issuing_country=c, issue_date=date_of(i), expiry_date=date_of(e))
                               for t, n, c, i, e in values["documents"]]
    if "phones" in values:
        person.phones[:] = [Phone(e164=e164, label=label) for e164, label in values["phones"]]
    person.updated_at, person.updated_by = stamp, writer.operator
    person.sort_key = sort_key_of(person)
    if created:
        person.search_terms = [SearchTerm(term=term, sort_key=person.sort_key) for term in search_terms_of(person)]
        session.add(person)
        writer.pending_persons[uuid] = person
        return None
    session.flush()
    writer.person_ids[uuid] = person.id
    reindex(session, person)
    return person.id


def _apply_household(writer: Writer, uuid: str, values: dict[str, Any], created: bool) -> int | None:
    session = writer.session
    stamp = audit.now()
    if created:
        household = Household(uuid=uuid, created_at=stamp, created_by=writer.operator)
    else:
        found = session.scalar(select(Household).where(Household.uuid == uuid))
        if found is None:
            return None
        household = found
    if "ref" in values:
        household.ref = writer.free(f"household:{uuid}", "ref", Household.ref, values["ref"], household.id)
    for name in ("name", "notes"):
        if name in values:
            setattr(household, name, values[name])
    household.updated_at, household.updated_by = stamp, writer.operator
    session.add(household)
    session.flush()
    writer.household_ids[uuid] = household.id
    if "head" in values:
        if values["head"] is None:
            household.head_person_id = None
        else:
            writer.pending_heads[household.id] = values["head"]
    return household.id


def organization_id(session: Session, name: Any) -> int | None:
    """The partner organization named `name`, created here (kind 'other') when this roster does not
    know it: a list or liaison entry read back must name the organization it arrived with."""
    if not name:
        return None
    found = session.scalar(select(Organization.id).where(Organization.name == str(name)))
    if found is None:
        organization = Organization(name=str(name), kind=OrgKind.OTHER.value, notes="")
        session.add(organization)
        session.flush()
        found = organization.id
    return found


def _apply_list(writer: Writer, uuid: str, values: dict[str, Any], created: bool) -> int | None:
    session = writer.session
    if created:
        evac = EvacuationList(uuid=uuid, created_at=audit.now(), created_by=writer.operator, state="draft")
    else:
        found = session.scalar(select(EvacuationList).where(EvacuationList.uuid == uuid))
        if found is None:
            return None
        evac = found
    for name in LIST_COLUMNS:
        if name in values:
            value = values[name]
            if name == "name":
                value = writer.free(f"list:{uuid}", name, EvacuationList.name, value, evac.id)
            setattr(evac, name, datetime_of(value) if name.endswith("_at") else value)
    session.add(evac)
    if "organization" in values:
        evac.organization_id = organization_id(session, values["organization"])
    session.flush()
    writer.list_ids[uuid] = evac.id
    return evac.id


def _apply_member(writer: Writer, key: str, values: dict[str, Any], created: bool) -> int | None:
    session = writer.session
    _, list_uuid, person_uuid = key.split(":")
    list_id, person_id = writer.list_id(list_uuid), writer.person_id(person_uuid)
    if list_id is None or person_id is None:
        return None
    member = None if created else session.scalar(select(ListMember).where(ListMember.list_id == list_id,
                                                                        ListMember.person_id == person_id))
    if values.get("present", True) is False:
        if member is not None:
            session.delete(member)
        return None
    if member is None:
        member = ListMember(list_id=list_id, person_id=person_id, answer=values.get("answer") or "pending",
                            added_at=datetime_of(values.get("added_at")) or audit.now(),
                            added_by=values.get("added_by") or writer.operator)
        session.add(member)
    for name in MEMBER_COLUMNS:
        if name in values:
            value = values[name]
            setattr(member, name, date_of(value) if name == "valid_until"
                    else datetime_of(value) if name.endswith("_at") else value)
    return None


def _apply_status(writer: Writer, values: dict[str, Any]) -> int | None:
    person_id = writer.person_id(values.get("person"))
    if person_id is None:
        return None
    change = StatusChange(person_id=person_id, from_status=values.get("from"), to_status=values["to"],
                          reason=values.get("reason") or "", list_id=writer.list_id(values.get("list")),
                          at=datetime_of(values["at"]), operator=values.get("operator") or writer.operator)
    writer.session.add(change)
    return None


def ordered(keys: dict[str, Any]) -> Iterator[str]:
    """Keys in the order records are written: households, persons, lists, members, status history."""
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return iter(sorted(keys, key=lambda k: (rank.get(k.split(":", 1)[0], 99), k)))
