"""What the import compares rows with: the roster's identifiers, the persons rows name, the duplicate index.

`load_snapshot(db)` reads, with SQLAlchemy Core, the UUID and case reference of every
person (cheap: two short strings each). The full state of the persons the file names is
read only for those (`load_states`), and the matching engine's index over the roster is
built only when the file has new rows to check (`candidates`).

`field_changes(state, data)` is the one rule for what an update changes: every non-blank
cell whose value differs from the roster's; a Latin name derived from Cyrillic only fills
a blank; a document or phone the person lacks is added; a status moves one legal step; a
household reference moves the person to that household.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import FIELDS_BY_KEY, PERSON_FIELDS, Sex, normalize_document_number
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status, check_transition
from desktop_app.matching import MatchRecord, RosterIndex, prepare_fields
from desktop_app.services import accounts
from desktop_app.services.importing.model import DuplicateCandidate, FieldChange, RowData
from desktop_app.storage.db import Database
from desktop_app.storage.models import Document, Household, Person, Phone

CHUNK = 500
_FIELD_COLUMNS = [getattr(Person, spec.key) for spec in PERSON_FIELDS]


@dataclass
class PersonState:
    """A person as an update sees it: field column values, document keys, phones, status, household."""

    id: int
    case_ref: str
    version: int
    status: str
    values: dict[str, Any]
    household_ref: str | None = None
    documents: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)


def person_state(person: Person) -> PersonState:
    """The state of an ORM person (inside a write transaction, at commit)."""
    return PersonState(person.id, person.case_ref, person.version, person.status,
                       {spec.key: getattr(person, spec.key) for spec in PERSON_FIELDS},
                       person.household.ref if person.household else None,
                       {d.number_key for d in person.documents}, {p.e164 for p in person.phones})


def field_changes(state: PersonState, data: RowData) -> list[FieldChange]:
    """What `data` changes on the person (see the module docstring); TransitionRefused for a status."""
    changes: list[FieldChange] = []
    for key, new in data.fields.items():
        old = state.values.get(key)
        if key in data.derived and old:
            continue
        if key == "case_ref" and not new:
            continue
        if old != new:
            changes.append(FieldChange(key, FIELDS_BY_KEY[key].label, old, new))
    for document in data.documents:
        if normalize_document_number(document.number) not in state.documents:
            changes.append(FieldChange("document", "Document", None, f"{document.doc_type.value} {document.number}"))
    for phone in data.phones:
        if phone not in state.phones:
            changes.append(FieldChange("phone", "Phone", None, phone))
    if data.status and data.status != state.status:
        check_transition(Status(state.status), Status(data.status))
        changes.append(FieldChange("status", "Status", state.status, data.status))
    if data.household_ref and data.household_ref != state.household_ref:
        changes.append(FieldChange("household_ref", "Household", state.household_ref, data.household_ref))
    return changes


@dataclass(frozen=True)
class _Identity:
    id: int
    case_ref: str
    in_trash: bool
    merged: bool


class RosterSnapshot:
    """The roster as the preview saw it (identifiers for all, full state for the persons named)."""

    def __init__(self, db: Database, by_uuid: dict[str, _Identity], by_case_ref: dict[str, _Identity]) -> None:
        self._db = db
        self._by_uuid = by_uuid
        self._by_case_ref = by_case_ref
        self.persons: dict[int, PersonState] = {}
        self._index: RosterIndex | None = None
        self._shown: dict[int, tuple[str, str, str]] = {}
        self._file_numbers: list[tuple[str, ...]] = []

    def target_of(self, data: RowData) -> tuple[int | None, str | None]:
        """The person the row names (by UUID, else case ref), or a reason it cannot name one."""
        by_uuid = self._by_uuid.get(data.uuid) if data.uuid else None
        case_ref = data.fields.get("case_ref")
        by_ref = self._by_case_ref.get(case_ref) if case_ref else None
        if by_uuid and by_ref and by_uuid.id != by_ref.id:
            return None, (f"the record ID names {by_uuid.case_ref} but case ref. {case_ref} belongs to another "
                          "person")
        if data.uuid and not by_uuid and by_ref:
            return None, f"case ref. {case_ref} belongs to a person with another record ID"
        found = by_uuid or by_ref
        if found is None:
            return None, None
        if found.merged:
            return None, f"{found.case_ref} was merged into another record; import into that record instead"
        if found.in_trash:
            return None, f"{found.case_ref} is in the trash; restore it before importing into it"
        return found.id, None

    def load_states(self, ids: Iterable[int]) -> None:
        wanted = sorted(set(ids) - self.persons.keys())
        with self._db.reading() as session:
            for start in range(0, len(wanted), CHUNK):
                self.persons.update(_states(session, wanted[start:start + CHUNK]))

    def changes(self, person_id: int, data: RowData) -> list[FieldChange]:
        return field_changes(self.persons[person_id], data)

    # --- duplicates ---------------------------------------------------------------------------

    def weigh_file_numbers(self, rows: Iterable[RowData]) -> None:
        """Weigh a number the file gives several rows as the matching weighs one a partner's answer gives
        several (`Model.with_answer_numbers`): carried by that many (a group's travel document, a family's
        passport), it identifies nobody; the name and birth date still do."""
        self._file_numbers = [numbers for data in rows if (numbers := tuple(d.number for d in data.documents))]
        if self._index is not None:
            self._weigh(self._index)

    def _weigh(self, index: RosterIndex) -> None:
        # an empty roster has nobody to weigh the file's numbers against: candidates() meets nobody
        if self._file_numbers and len(index):
            index.model = index.model.with_answer_numbers(
                [prepare_fields(0, documents=numbers) for numbers in self._file_numbers])

    def candidates(self, data: RowData) -> Iterator[DuplicateCandidate]:
        if self._index is None:
            self._index = RosterIndex(self._records())
            self._weigh(self._index)
        if not len(self._index):
            return
        for candidate in self._index.candidates(match_record(0, data), limit=3):
            if candidate.decision == "none":
                continue
            case_ref, name, born = self._shown[int(candidate.key)]
            yield DuplicateCandidate(int(candidate.key), case_ref, name, born, candidate.score, candidate.reasons)

    @staticmethod
    def file_row_candidate(row: int, number: str) -> DuplicateCandidate:
        return DuplicateCandidate(0, f"row {row}", "(earlier row of this file)", "", 1.0,
                                  (f"same document {number}",))

    def _records(self) -> Iterator[MatchRecord]:
        documents: dict[int, list[str]] = {}
        query = (select(Person.id, Person.case_ref, Person.surname, Person.given_names, Person.patronymic,
                        Person.surname_latin, Person.given_names_latin, Person.birth_date, Person.sex)
                 .where(Person.deleted_at.is_(None), Person.merged_into_id.is_(None)))
        with self._db.reading() as session:
            for person_id, number in session.execute(select(Document.person_id, Document.number)):
                documents.setdefault(person_id, []).append(number)
            rows = session.execute(query).all()
        for row in rows:
            native = " ".join(p for p in (row.surname, row.given_names, row.patronymic) if p)
            latin = " ".join(p for p in (row.surname_latin, row.given_names_latin) if p)
            self._shown[row.id] = (row.case_ref, native or latin, row.birth_date or "")
            yield MatchRecord(row.id, row.surname, row.given_names, row.patronymic, row.surname_latin,
                              row.given_names_latin, birth_date=PartialDate.parse(row.birth_date)
                              if row.birth_date else None, sex=Sex(row.sex) if row.sex else None,
                              documents=tuple(documents.get(row.id, ())), case_ref=row.case_ref)


def match_record(key: int, data: RowData) -> MatchRecord:
    f = data.fields
    return MatchRecord(key, f.get("surname", ""), f.get("given_names", ""), f.get("patronymic", ""),
                       f.get("surname_latin", ""), f.get("given_names_latin", ""),
                       birth_date=PartialDate.parse(f["birth_date"]) if f.get("birth_date") else None,
                       sex=Sex(f["sex"]) if f.get("sex") else None,
                       documents=tuple(d.number for d in data.documents))


@accounts.guarded(Permission.SEARCH)
def load_snapshot(db: Database) -> RosterSnapshot:
    by_uuid: dict[str, _Identity] = {}
    by_case_ref: dict[str, _Identity] = {}
    query = select(Person.id, Person.uuid, Person.case_ref, Person.deleted_at, Person.merged_into_id, Person.status)
    with db.reading() as session:
        for row in session.execute(query):
            identity = _Identity(row.id, row.case_ref, row.deleted_at is not None,
                                 row.merged_into_id is not None or row.status == Status.MERGED.value)
            by_uuid[row.uuid] = identity
            by_case_ref[row.case_ref] = identity
    return RosterSnapshot(db, by_uuid, by_case_ref)


def _states(session: Session, ids: list[int]) -> dict[int, PersonState]:
    states: dict[int, PersonState] = {}
    query = (select(Person.id, Person.case_ref, Person.version, Person.status, Household.ref, *_FIELD_COLUMNS)
             .outerjoin(Household, Household.id == Person.household_id).where(Person.id.in_(ids)))
    for row in session.execute(query):
        values = {spec.key: row[5 + i] for i, spec in enumerate(PERSON_FIELDS)}
        states[row[0]] = PersonState(row[0], row[1], row[2], row[3], values, row[4])
    for person_id, key in session.execute(select(Document.person_id, Document.number_key)
                                          .where(Document.person_id.in_(ids))):
        states[person_id].documents.add(key)
    for person_id, e164 in session.execute(select(Phone.person_id, Phone.e164).where(Phone.person_id.in_(ids))):
        states[person_id].phones.add(e164)
    return states
