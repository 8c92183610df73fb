"""Households: families registered together, each member with a relationship to the head."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message
from desktop_app.domain.person import Relationship
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import Household, ListMember, Person

_HOUSEHOLD_COUNTER = "next_household_ref"


@dataclass(frozen=True)
class MemberView:
    person_id: int
    case_ref: str
    name: str
    relationship: str | None
    status: str
    birth_date: str | None
    citizenships: str


@dataclass(frozen=True)
class HouseholdView:
    id: int
    uuid: str
    ref: str
    name: str
    head_person_id: int | None
    notes: str
    members: list[MemberView]

    @property
    def size(self) -> int:
        return len(self.members)


def next_household_ref(session: Session) -> str:
    counter = session.info.get(_HOUSEHOLD_COUNTER)
    if counter is None:
        counter = (session.scalar(select(func.max(Household.id))) or 0) + 1
        while session.scalar(select(Household.id).where(Household.ref == f"H-{counter:05d}")) is not None:
            counter += 1
    session.info[_HOUSEHOLD_COUNTER] = counter + 1
    return f"H-{counter:05d}"


def new_household(session: Session, name: str, operator: str, *, ref: str | None = None, notes: str = "") -> Household:
    stamp = audit.now()
    household = Household(uuid=str(uuid_module.uuid4()), ref=ref or next_household_ref(session), name=name.strip(),
                          notes=notes, created_at=stamp, created_by=operator, updated_at=stamp, updated_by=operator)
    session.add(household)
    audit.record(session, operator, "create", "household", household.uuid, f"created household {household.ref}")
    return household


@accounts.guarded(Permission.REGISTER)
def create_household(db: Database, name: str, *, operator: str, head_person_id: int | None = None,
                     notes: str = "") -> HouseholdView:
    """A new household, optionally with its head (who then joins it as 'head'). Notes need READ_NOTES
    (PermissionRefused, audited), as a person's do."""
    if notes.strip() and not accounts.may(db, Permission.READ_NOTES):
        accounts.require(db, Permission.READ_NOTES)
    with db.transaction() as session:
        household = new_household(session, name, operator, notes=notes)
        if head_person_id is not None:
            _join(session, household, _person(session, head_person_id), Relationship.HEAD, operator)
            household.head_person_id = head_person_id
        session.flush()
        return _view(session, household)


@accounts.guarded(Permission.REGISTER)
def add_member(db: Database, household_id: int, person_id: int, relationship: Relationship, *,
               operator: str) -> HouseholdView:
    """Put a person into a household (moving them out of another one, if any)."""
    with db.transaction() as session:
        household = _household(session, household_id)
        person = _person(session, person_id)
        if relationship is Relationship.HEAD:
            _make_head(session, household, person, operator)
        else:
            _join(session, household, person, relationship, operator)
        session.flush()
        return _view(session, household)


@accounts.guarded(Permission.REGISTER)
def set_head(db: Database, household_id: int, person_id: int, *, operator: str,
             former_head_becomes: Relationship = Relationship.OTHER_RELATIVE) -> HouseholdView:
    with db.transaction() as session:
        household = _household(session, household_id)
        _make_head(session, household, _person(session, person_id), operator, former_head_becomes)
        session.flush()
        return _view(session, household)


@accounts.guarded(Permission.REGISTER)
def set_relationship(db: Database, household_id: int, person_id: int, relationship: Relationship, *,
                     operator: str) -> HouseholdView:
    with db.transaction() as session:
        household = _household(session, household_id)
        person = _person(session, person_id)
        if person.household_id != household.id:
            raise ValidationError("person", person.case_ref, QT_TRANSLATE_NOOP(
                "services.households", "is not a member of household {household}"), household=household.ref)
        if relationship is Relationship.HEAD:
            _make_head(session, household, person, operator)
        else:
            if household.head_person_id == person.id:
                raise ValidationError("relationship", relationship.value,
                                      "cannot be set for the head; make someone else the head first")
            _set_relation(session, person, relationship, operator)
        session.flush()
        return _view(session, household)


@accounts.guarded(Permission.REGISTER)
def remove_member(db: Database, household_id: int, person_id: int, *, operator: str) -> HouseholdView:
    with db.transaction() as session:
        household = _household(session, household_id)
        person = _person(session, person_id)
        if person.household_id != household.id:
            raise ValidationError("person", person.case_ref, QT_TRANSLATE_NOOP(
                "services.households", "is not a member of household {household}"), household=household.ref)
        if household.head_person_id == person.id:
            household.head_person_id = None
        audit.record(session, operator, "update", "person", person.uuid,
                     f"{person.case_ref} left household {household.ref}",
                     {"household": [household.ref, None], "relationship": [person.relationship, None]})
        person.household_id = None
        person.relationship = None
        session.flush()
        return _view(session, household)


def _make_head(session: Session, household: Household, person: Person, operator: str,
               former_head_becomes: Relationship = Relationship.OTHER_RELATIVE) -> None:
    if household.head_person_id and household.head_person_id != person.id:
        former = session.get(Person, household.head_person_id)
        if former is not None:
            _set_relation(session, former, former_head_becomes, operator)
    _join(session, household, person, Relationship.HEAD, operator)
    household.head_person_id = person.id


def _join(session: Session, household: Household, person: Person, relationship: Relationship, operator: str) -> None:
    if person.household_id not in (None, household.id):
        old = session.get(Household, person.household_id)
        if old is not None and old.head_person_id == person.id:
            old.head_person_id = None
    if person.household_id != household.id:
        audit.record(session, operator, "update", "person", person.uuid,
                     f"{person.case_ref} joined household {household.ref}", {"household": [None, household.ref]})
        person.household_id = household.id
    _set_relation(session, person, relationship, operator)


def _set_relation(session: Session, person: Person, relationship: Relationship, operator: str) -> None:
    if person.relationship != relationship.value:
        audit.record(session, operator, "update", "person", person.uuid,
                     f"{person.case_ref} relationship: {relationship.value}",
                     {"relationship": [person.relationship, relationship.value]})
        person.relationship = relationship.value
        person.updated_by = operator
        person.updated_at = audit.now()


def _household(session: Session, household_id: int) -> Household:
    household = session.get(Household, household_id)
    if household is None:
        raise NotFound("household", household_id)
    return household


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise NotFound("person", person_id)
    if person.status == Status.MERGED.value:
        raise ValidationError("person", person.case_ref,
                              QT_TRANSLATE_NOOP("services.households", "was merged into another record"))
    return person


def _view(session: Session, household: Household) -> HouseholdView:
    members = session.scalars(select(Person).where(Person.household_id == household.id,
                                                   Person.deleted_at.is_(None)).order_by(Person.id))
    ordered = sorted(members, key=lambda p: (p.id != household.head_person_id, p.id))
    return HouseholdView(household.id, household.uuid, household.ref, household.name, household.head_person_id,
                         household.notes, [
                             MemberView(p.id, p.case_ref, " ".join(x for x in (p.surname, p.given_names) if x)
                                        or p.surname_latin, p.relationship, p.status, p.birth_date, p.citizenships)
                             for p in ordered])


def for_reader(db: Database, view: HouseholdView) -> HouseholdView:
    """`view` as the signed-in account may read it: without READ_NOTES, no notes (as a person's)."""
    if not view.notes or accounts.may(db, Permission.READ_NOTES):
        return view
    return replace(view, notes="")


@accounts.guarded(Permission.SEARCH)
def get_household(db: Database, household_id: int) -> HouseholdView:
    with db.reading() as session:
        view = _view(session, _household(session, household_id))
    return for_reader(db, view)


@accounts.guarded(Permission.SEARCH)
def list_households(db: Database, *, text: str = "", limit: int = 1000) -> list[HouseholdView]:
    query = select(Household).order_by(Household.ref).limit(limit)
    if text:
        query = query.where(Household.name.ilike(f"%{text}%") | Household.ref.ilike(f"%{text}%"))
    with db.reading() as session:
        views = [_view(session, h) for h in session.scalars(query)]
    if any(view.notes for view in views) and not accounts.may(db, Permission.READ_NOTES):
        views = [replace(view, notes="") for view in views]
    return views


@accounts.guarded(Permission.SEARCH)
def find_household_id(db: Database, ref: str) -> int | None:
    """The household whose reference is `ref` (the same case first, then any case) or whose UUID is `ref`; None
    if there is none. An exact look-up: `list_households(text=...)` stops at its limit, and a partner's numbered
    households ("7" in "17", "107", ... which sort before it) push the one named out of its first answers."""
    wanted = ref.strip()
    if not wanted:
        return None
    pattern = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = (select(Household.id, Household.ref, Household.uuid)
             .where(Household.ref.ilike(pattern, escape="\\") | (Household.uuid == wanted))
             .order_by(Household.id))
    with db.reading() as session:
        found = session.execute(query).all()
    for matches in (lambda row: row.ref == wanted or row.uuid == wanted,
                    lambda row: row.ref.casefold() == wanted.casefold()):
        for row in found:
            if matches(row):
                return int(row.id)
    return None


@dataclass(frozen=True)
class SplitWarning:
    household_id: int
    household_ref: str
    list_id: int
    approved: list[str]
    not_approved: list[str]

    @property
    def text(self) -> Message:
        """The warning in any language (`render`, or the window's `translated`)."""
        return Message(QT_TRANSLATE_NOOP("services.households", "Household {ref}: partner approved {approved} but "
                                         "not {not_approved}"),
                       ref=self.household_ref, approved=self.approved, not_approved=self.not_approved)

    @property
    def message(self) -> str:
        return str(self.text)


_HOUSEHOLDS_PER_READ = 500  # household ids bound in one IN


@accounts.guarded(Permission.SEARCH)
def split_households(db: Database, list_id: int | None = None, *,
                     household_id: int | None = None) -> list[SplitWarning]:
    """Households of which a partner approved some members on a list but not all of them (on list `list_id`
    only, of household `household_id` only, when given).

    A member who is not on that list at all counts as not approved: the family would be
    split at the border all the same.
    """
    approved_query = (select(ListMember.list_id, Person.household_id, Person.id)
                      .join(Person, Person.id == ListMember.person_id)
                      .where(Person.deleted_at.is_(None), Person.household_id.is_not(None),
                             ListMember.answer == Answer.APPROVED.value))
    if list_id is not None:
        approved_query = approved_query.where(ListMember.list_id == list_id)
    if household_id is not None:
        approved_query = approved_query.where(Person.household_id == household_id)
    warnings: list[SplitWarning] = []
    with db.reading() as session:
        approved: dict[tuple[int, int], set[int]] = {}
        for lid, hid, pid in session.execute(approved_query):
            approved.setdefault((lid, hid), set()).add(pid)
        # Every household's members and reference in a few reads, not two per household: a list of 175,000 on
        # a million-person roster has tens of thousands of approved households.
        household_ids = sorted({hid for _lid, hid in approved})
        members_of: dict[int, list[tuple[int, str]]] = {}
        refs: dict[int, str] = {}
        for start in range(0, len(household_ids), _HOUSEHOLDS_PER_READ):
            chunk = household_ids[start:start + _HOUSEHOLDS_PER_READ]
            for hid, pid, ref in session.execute(select(Person.household_id, Person.id, Person.case_ref).where(
                    Person.household_id.in_(chunk), Person.deleted_at.is_(None), Person.status != "merged")
                    .order_by(Person.household_id, Person.id)):
                members_of.setdefault(hid, []).append((pid, ref))
            refs.update((hid, ref) for hid, ref in session.execute(
                select(Household.id, Household.ref).where(Household.id.in_(chunk))))
        for (lid, hid), approved_ids in sorted(approved.items()):
            members = members_of.get(hid, [])
            left_out = [ref for pid, ref in members if pid not in approved_ids]
            if left_out and hid in refs:
                warnings.append(SplitWarning(hid, refs[hid], lid,
                                             sorted(ref for pid, ref in members if pid in approved_ids), left_out))
    return warnings
