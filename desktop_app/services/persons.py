"""Persons: create, read, edit, delete to the trash and restore, with documents and phones.

Every change is validated by the domain rules, recorded in the audit trail field by field
(old and new value), and re-indexed for search. Edits carry the version the user saw; an
edit to a person changed meanwhile by someone else is refused as a conflict.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import DuplicateValue, EditConflict, NotFound, ValidationError
from desktop_app.domain.flags import Flag, person_flags
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.names import has_cyrillic
from desktop_app.domain.person import (
    FIELDS_BY_KEY,
    DocumentData,
    Relationship,
    derived_latin,
    normalize_document_number,
    validate_field,
)
from desktop_app.domain.phones import normalize_phone
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.services.search_index import reindex, sort_key_of
from desktop_app.storage.db import Database
from desktop_app.storage.models import Document, Household, Person, Phone, Setting, StatusChange

GENERATED_REF_PREFIX = "MR-"
_REF_COUNTER_KEY = "next_generated_ref"
# The highest generated number ever handed out, kept by a restore: a roster put back to an older
# backup must not give a confirmed reference to someone else.
CASE_REF_FLOOR_KEY = "case_ref_floor"
# The generated references' prefix of this roster's site (services.packages.sites sets it).
CASE_REF_PREFIX_KEY = "case_ref_prefix"


@dataclass(frozen=True)
class DocumentView:
    id: int
    doc_type: str
    number: str
    issuing_country: str | None
    issue_date: dt.date | None
    expiry_date: dt.date | None

    def expired(self, today: dt.date) -> bool:
        return self.expiry_date is not None and self.expiry_date < today


@dataclass(frozen=True)
class PhoneView:
    id: int
    e164: str
    label: str


@dataclass(frozen=True)
class PersonView:
    """A person as the GUI and CLI see it (a snapshot, detached from the database)."""

    id: int
    uuid: str
    case_ref: str
    surname: str
    given_names: str
    patronymic: str
    surname_latin: str
    given_names_latin: str
    sex: str | None
    birth_date: PartialDate | None
    place_of_birth: str
    citizenships: list[str]
    email: str
    messenger: str
    region: str
    locality: str
    address: str
    medical: bool
    reduced_mobility: bool
    pregnant: bool
    unaccompanied_minor: bool
    consent_to_share: bool
    consent_date: dt.date | None
    source: str
    notes: str
    relationship: str | None
    status: str
    household_id: int | None
    household_ref: str | None
    version: int
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    deleted_at: dt.datetime | None
    merged_into_id: int | None
    documents: list[DocumentView] = field(default_factory=list)
    phones: list[PhoneView] = field(default_factory=list)
    withheld: bool = False  # medical need and notes withheld from a role without READ_NOTES (issue 20)

    @property
    def display_name(self) -> str:
        native = " ".join(p for p in (self.surname, self.given_names, self.patronymic) if p)
        return native or self.latin_name

    @property
    def latin_name(self) -> str:
        return " ".join(p for p in (self.surname_latin, self.given_names_latin) if p)

    def flags(self, today: dt.date | None = None) -> set[Flag]:
        return person_flags(self, self.birth_date, today or dt.date.today())

    def value(self, key: str) -> Any:
        """The stored value of a field of PERSON_FIELDS (for editors and exports)."""
        return getattr(self, key)


def person_view(person: Person) -> PersonView:
    household = person.household
    return PersonView(
        id=person.id, uuid=person.uuid, case_ref=person.case_ref,
        surname=person.surname, given_names=person.given_names, patronymic=person.patronymic,
        surname_latin=person.surname_latin, given_names_latin=person.given_names_latin,
        sex=person.sex, birth_date=PartialDate.parse(person.birth_date) if person.birth_date else None,
        place_of_birth=person.place_of_birth,
        citizenships=[c for c in person.citizenships.split(",") if c],
        email=person.email, messenger=person.messenger, region=person.region, locality=person.locality,
        address=person.address, medical=person.medical, reduced_mobility=person.reduced_mobility,
        pregnant=person.pregnant, unaccompanied_minor=person.unaccompanied_minor,
        consent_to_share=person.consent_to_share, consent_date=person.consent_date, source=person.source,
        notes=person.notes, relationship=person.relationship, status=person.status,
        household_id=person.household_id, household_ref=household.ref if household else None,
        version=person.version, created_at=person.created_at, created_by=person.created_by,
        updated_at=person.updated_at, updated_by=person.updated_by, deleted_at=person.deleted_at,
        merged_into_id=person.merged_into_id,
        documents=[DocumentView(d.id, d.doc_type, d.number, d.issuing_country, d.issue_date, d.expiry_date)
                   for d in person.documents],
        phones=[PhoneView(p.id, p.e164, p.label) for p in person.phones],
    )


# Fields only a role with READ_NOTES reads or writes (issue 20).
NOTE_FIELDS = ("medical", "notes")


def for_reader(db: Database, view: PersonView) -> PersonView:
    """`view` as the signed-in account may read it: without READ_NOTES, no medical need and no notes."""
    if accounts.may(db, Permission.READ_NOTES):
        return view
    return replace(view, medical=False, notes="", withheld=True)


def _check_note_fields(db: Database, fields: Mapping[str, Any]) -> None:
    """Refuse (audited) a change to the medical need or the notes by a role that may not read them."""
    if any(key in fields for key in NOTE_FIELDS) and not accounts.may(db, Permission.READ_NOTES):
        accounts.require(db, Permission.READ_NOTES)


# --- storing values ---------------------------------------------------------------------

def _stored(key: str, value: Any) -> Any:
    """The column value for a validated domain value."""
    if isinstance(value, PartialDate):
        return value.iso()
    if key == "citizenships":
        return ",".join(value)
    if isinstance(value, Relationship):
        return value.value
    if hasattr(value, "value") and key == "sex":
        return value.value
    return value


def _shown(key: str, column_value: Any) -> Any:
    """A column value as the audit trail records it (plain JSON)."""
    if isinstance(column_value, dt.date):
        return column_value.isoformat()
    return column_value


def validated_changes(changes: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """Column values for the given field changes; raises ValidationError for the first bad one."""
    result: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in FIELDS_BY_KEY:
            raise ValidationError(key, value, QT_TRANSLATE_NOOP("services.persons", "is not a field of a person"))
        result[key] = _stored(key, validate_field(key, value, today))
    return result


def apply_changes(session: Session, person: Person, columns: Mapping[str, Any], operator: str) -> dict[str, list[Any]]:
    """Set validated column values; return {field: [old, new]} of what really changed."""
    changed: dict[str, list[Any]] = {}
    for key, new in columns.items():
        old = getattr(person, key)
        if old != new:
            if key == "case_ref":
                _check_case_ref_free(session, new, person.id)
            setattr(person, key, new)
            changed[key] = [_shown(key, old), _shown(key, new)]
    if changed:
        person.updated_at = audit.now()
        person.updated_by = operator
        person.sort_key = sort_key_of(person)
        reindex(session, person)
    return changed


def _check_case_ref_free(session: Session, case_ref: str, own_id: int | None) -> None:
    taken = session.scalar(select(Person.id).where(Person.case_ref == case_ref))
    if taken is not None and taken != own_id:
        raise DuplicateValue(QT_TRANSLATE_NOOP("services.persons",
                                               "Case reference {ref!r} is already used by another person."),
                             ref=case_ref)


def next_generated_ref(session: Session) -> str:
    """The next free 'MR-000123' reference (counted per transaction for bulk inserts).

    Only references of the generated shape (prefix and six digits, seven past 'MR-999999') count, so
    a hand-typed 'MR-1' or 'MR-X' neither restarts nor repeats the sequence.
    """
    counter = session.info.get(_REF_COUNTER_KEY)
    prefix = session.info.get(CASE_REF_PREFIX_KEY)
    if counter is None or prefix is None:
        prefix = generated_ref_prefix(session)
        last = 0
        for digits in (7, 6):  # any seven-digit reference is past every six-digit one
            shaped = session.scalars(select(Person.case_ref).where(Person.case_ref.like(prefix + "_" * digits))
                                     .order_by(Person.case_ref.desc())
                                     .execution_options(yield_per=64))  # read until the first: not every one
            last = next((int(ref[len(prefix):]) for ref in shaped if ref[len(prefix):].isdigit()), 0)
            shaped.close()
            if last:
                break
        floor = session.get(Setting, CASE_REF_FLOOR_KEY)
        counter = max(last, int(floor.value) if floor is not None and floor.value.isdigit() else 0) + 1
    session.info[_REF_COUNTER_KEY] = counter + 1
    session.info[CASE_REF_PREFIX_KEY] = prefix
    return f"{prefix}{counter:06d}"


def generated_ref_prefix(session: Session) -> str:
    """'MR-', or the site's own ('MR-CAI-') once `site init` gave this roster one (issue 17), so that
    references generated at two missions never collide."""
    row = session.get(Setting, CASE_REF_PREFIX_KEY)
    return row.value if row is not None and row.value else GENERATED_REF_PREFIX


# --- creating -----------------------------------------------------------------------------

def new_person(session: Session, fields: Mapping[str, Any], operator: str, *,
               documents: Iterable[DocumentData] = (), phones: Iterable[str | tuple[str, str]] = (),
               phone_region: str | None = None, household_id: int | None = None,
               status: Status = Status.REGISTERED, uuid: str | None = None, audit_entry: bool = True) -> Person:
    """Insert a person inside the caller's transaction (used by create, import and demo)."""
    columns = validated_changes({k: v for k, v in fields.items() if v not in (None, "")})
    if not columns.get("surname_latin") and has_cyrillic(columns.get("surname", "")):
        columns["surname_latin"] = derived_latin(columns["surname"])
    if not columns.get("given_names_latin") and has_cyrillic(columns.get("given_names", "")):
        columns["given_names_latin"] = derived_latin(columns["given_names"])
    if not (columns.get("surname") or columns.get("surname_latin") or columns.get("given_names")):
        raise ValidationError("surname", "", QT_TRANSLATE_NOOP("services.persons", "is required (native or Latin)"))
    if columns.get("case_ref"):
        _check_case_ref_free(session, columns["case_ref"], None)
    else:
        columns["case_ref"] = next_generated_ref(session)
    stamp = audit.now()
    person = Person(uuid=uuid or str(uuid_module.uuid4()), status=status.value, household_id=household_id,
                    created_at=stamp, created_by=operator, updated_at=stamp, updated_by=operator, **columns)
    for document in documents:
        person.documents.append(_document_row(document))
    for phone in phones:
        number, label = (phone, "") if isinstance(phone, str) else phone
        e164 = normalize_phone(number, phone_region)
        same = next((p for p in person.phones if p.e164 == e164), None)
        if same is None:
            person.phones.append(Phone(e164=e164, label=label))
        elif not same.label:  # one number given twice (added, then typed again): once, with its label
            same.label = label
    person.sort_key = sort_key_of(person)
    reindex(session, person)
    person.status_changes.append(StatusChange(from_status=None, to_status=person.status, reason="registered",
                                              at=stamp, operator=operator))
    session.add(person)
    if audit_entry:
        recorded = {k: [None, _shown(k, v)] for k, v in columns.items()}
        if person.documents:
            recorded["documents"] = [None, [f"{d.doc_type} {d.number}" for d in person.documents]]
        if person.phones:
            recorded["phones"] = [None, [p.e164 for p in person.phones]]
        audit.record(session, operator, "create", "person", person.uuid, f"created {person.case_ref}", recorded)
    return person


def _document_row(document: DocumentData) -> Document:
    return Document(doc_type=document.doc_type.value, number=document.number,
                    number_key=normalize_document_number(document.number),
                    issuing_country=document.issuing_country, issue_date=document.issue_date,
                    expiry_date=document.expiry_date)


@accounts.guarded(Permission.REGISTER)
def create_person(db: Database, fields: Mapping[str, Any], *, operator: str,
                  documents: Iterable[DocumentData] = (), phones: Iterable[str | tuple[str, str]] = (),
                  phone_region: str | None = None, household_id: int | None = None) -> PersonView:
    """Register a new person (status 'registered'); returns the stored person."""
    _check_note_fields(db, {key: value for key, value in fields.items() if value})
    with db.transaction() as session:
        person = new_person(session, fields, operator, documents=documents, phones=phones,
                            phone_region=phone_region, household_id=household_id)
        session.flush()
        view = person_view(_load(session, person.id))
    return for_reader(db, view)


# --- reading --------------------------------------------------------------------------------

def _load(session: Session, person_id: int, *, include_deleted: bool = True) -> Person:
    person = session.scalar(select(Person).where(Person.id == person_id).options(
        selectinload(Person.documents), selectinload(Person.phones), selectinload(Person.household)))
    if person is None or (person.deleted_at is not None and not include_deleted):
        raise NotFound("person", person_id)
    return person


@accounts.guarded(Permission.SEARCH)
def get_person(db: Database, person_id: int) -> PersonView:
    with db.reading() as session:
        view = person_view(_load(session, person_id))
    return for_reader(db, view)


@accounts.guarded(Permission.SEARCH)
def find_person(db: Database, key: str) -> PersonView:
    """A person by UUID or case reference."""
    with db.reading() as session:
        person_id = session.scalar(select(Person.id).where(or_(Person.uuid == key.strip(),
                                                               Person.case_ref == key.strip())))
        if person_id is None:
            raise NotFound("person", key)
        view = person_view(_load(session, person_id))
    return for_reader(db, view)


# --- editing --------------------------------------------------------------------------------

def _load_for_edit(session: Session, person_id: int, expected_version: int | None) -> Person:
    person = _load(session, person_id)
    if person.deleted_at is not None:
        raise ValidationError("person", person.case_ref,
                              QT_TRANSLATE_NOOP("services.persons", "is in the trash; restore it before editing"))
    if person.status == Status.MERGED.value:
        raise ValidationError("person", person.case_ref,
                              QT_TRANSLATE_NOOP("services.persons", "was merged into another record and cannot be "
                                                "edited"))
    if expected_version is not None and person.version != expected_version:
        raise EditConflict(
            f"{person.case_ref} was changed by {person.updated_by} at {person.updated_at:%H:%M} after you opened "
            "it. Reload to see their change, then edit again.")
    return person


@accounts.guarded(Permission.REGISTER)
def update_person(db: Database, person_id: int, changes: Mapping[str, Any], *, operator: str,
                  expected_version: int | None = None) -> PersonView:
    """Change fields of a person; unchanged values are ignored. Returns the stored person."""
    _check_note_fields(db, changes)
    columns = validated_changes(changes)
    if "case_ref" in columns and not columns["case_ref"]:
        raise ValidationError("case_ref", "",
                              QT_TRANSLATE_NOOP("services.persons", "cannot be emptied: every person keeps a case "
                                                "reference"))
    try:
        with db.transaction() as session:
            person = _load_for_edit(session, person_id, expected_version)
            _follow_native_names(person, columns)
            if not any(columns.get(key, getattr(person, key)) for key in ("surname", "surname_latin", "given_names")):
                raise ValidationError("surname", "",
                                      QT_TRANSLATE_NOOP("services.persons", "is required (native or Latin)"))
            changed = apply_changes(session, person, columns, operator)
            if changed:
                audit.record(session, operator, "update", "person", person.uuid,
                             f"edited {person.case_ref}: {', '.join(changed)}", changed)
            session.flush()
            view = person_view(person)
        return for_reader(db, view)
    except StaleDataError:
        raise EditConflict("This person was changed on another workstation at the same moment. "
                           "Reload and edit again.") from None


def _follow_native_names(person: Person, columns: dict[str, Any]) -> None:
    """A Latin name that was the ICAO form of the Cyrillic one follows when the Cyrillic one is edited
    (a Latin name typed from the passport, or edited in the same change, is left alone)."""
    for native, latin in (("surname", "surname_latin"), ("given_names", "given_names_latin")):
        if native in columns and latin not in columns and has_cyrillic(columns[native]) \
                and getattr(person, latin) == derived_latin(getattr(person, native)):
            columns[latin] = derived_latin(columns[native])


def _edit_record(db: Database, person_id: int, operator: str,
                 change: Callable[[Person], tuple[str, dict[str, list[Any]]]]) -> PersonView:
    """Apply `change` (which returns the audit summary and changes) to a person's documents or
    phones in one transaction, then re-index the person for search."""
    with db.transaction() as session:
        person = _load_for_edit(session, person_id, None)
        summary, changes = change(person)
        _touch(person, operator)
        session.flush()
        reindex(session, person)
        audit.record(session, operator, "update", "person", person.uuid, summary, changes)
        session.flush()
        view = person_view(person)
    return for_reader(db, view)


@accounts.guarded(Permission.REGISTER)
def add_document(db: Database, person_id: int, document: DocumentData, *, operator: str) -> PersonView:
    def change(person: Person) -> tuple[str, dict[str, list[Any]]]:
        person.documents.append(_document_row(document))
        return (f"added a document to {person.case_ref}",
                {"document": [None, f"{document.doc_type.value} {document.number}"]})

    return _edit_record(db, person_id, operator, change)


@accounts.guarded(Permission.REGISTER)
def remove_document(db: Database, person_id: int, document_id: int, *, operator: str) -> PersonView:
    def change(person: Person) -> tuple[str, dict[str, list[Any]]]:
        document = next((d for d in person.documents if d.id == document_id), None)
        if document is None:
            raise NotFound("document", document_id)
        person.documents.remove(document)
        return (f"removed a document from {person.case_ref}",
                {"document": [f"{document.doc_type} {document.number}", None]})

    return _edit_record(db, person_id, operator, change)


@accounts.guarded(Permission.REGISTER)
def add_phone(db: Database, person_id: int, number: str, *, operator: str, label: str = "",
              region: str | None = None) -> PersonView:
    """Record a phone number; one the person already has is not recorded twice (nothing changes)."""
    e164 = normalize_phone(number, region)
    current = get_person(db, person_id)
    if any(phone.e164 == e164 for phone in current.phones):
        return current

    def change(person: Person) -> tuple[str, dict[str, list[Any]]]:
        person.phones.append(Phone(e164=e164, label=label))
        return f"added a phone to {person.case_ref}", {"phone": [None, e164]}

    return _edit_record(db, person_id, operator, change)


@accounts.guarded(Permission.REGISTER)
def remove_phone(db: Database, person_id: int, phone_id: int, *, operator: str) -> PersonView:
    def change(person: Person) -> tuple[str, dict[str, list[Any]]]:
        phone = next((p for p in person.phones if p.id == phone_id), None)
        if phone is None:
            raise NotFound("phone", phone_id)
        person.phones.remove(phone)
        return f"removed a phone from {person.case_ref}", {"phone": [phone.e164, None]}

    return _edit_record(db, person_id, operator, change)


def _touch(person: Person, operator: str) -> None:
    person.updated_at = audit.now()
    person.updated_by = operator


# --- trash ----------------------------------------------------------------------------------

@accounts.guarded(Permission.TRASH)
def delete_person(db: Database, person_id: int, *, operator: str, reason: str = "") -> PersonView:
    """Move a person to the trash (restorable; nothing is erased)."""
    with db.transaction() as session:
        person = _load(session, person_id)
        if person.deleted_at is not None:
            raise ValidationError("person", person.case_ref,
                                  QT_TRANSLATE_NOOP("services.persons", "is already in the trash"))
        person.deleted_at = audit.now()
        person.deleted_by = operator
        was_head_of = _detach_from_household(session, person)
        audit.record(session, operator, "delete", "person", person.uuid,
                     f"moved {person.case_ref} to the trash" + (f": {reason}" if reason else ""),
                     {"head_of": [was_head_of, None]} if was_head_of else {})
        session.flush()
        return person_view(person)


def _detach_from_household(session: Session, person: Person) -> str | None:
    """A deleted person keeps its household link for restore, but stops being its head.

    Returns the reference of the household they headed, if any."""
    if person.household_id is None:
        return None
    household = session.get(Household, person.household_id)
    if household is not None and household.head_person_id == person.id:
        household.head_person_id = None
        return household.ref
    return None


@accounts.guarded(Permission.TRASH)
def restore_person(db: Database, person_id: int, *, operator: str) -> PersonView:
    with db.transaction() as session:
        person = _load(session, person_id)
        if person.deleted_at is None:
            raise ValidationError("person", person.case_ref,
                                  QT_TRANSLATE_NOOP("services.persons", "is not in the trash"))
        person.deleted_at = None
        person.deleted_by = None
        _touch(person, operator)
        household = session.get(Household, person.household_id) if person.household_id else None
        if household is not None and household.head_person_id is None and person.relationship == "head":
            household.head_person_id = person.id  # the household had kept no other head meanwhile
        audit.record(session, operator, "restore", "person", person.uuid, f"restored {person.case_ref} from the trash")
        session.flush()
        return person_view(person)


@accounts.guarded(Permission.SEARCH)
def list_trash(db: Database) -> list[PersonView]:
    with db.reading() as session:
        people = session.scalars(select(Person).where(Person.deleted_at.is_not(None))
                                 .order_by(Person.deleted_at.desc())
                                 .options(selectinload(Person.documents), selectinload(Person.phones),
                                          selectinload(Person.household)))
        return [person_view(p) for p in people]
