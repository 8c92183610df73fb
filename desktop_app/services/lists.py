"""Evacuation lists: who is sent to which partner, and what the partner answered for each.

One rule for every partner answer (the Lists page, `list answer`, a reconciled file): the
answer is a fact and is always recorded on the member; the person's status then follows as
far as the workflow allows (`domain.status.answer_path`), and what could not follow is
returned beside the recorded answer:

    recorded = record_answers(db, list_id, [person_id], Answer.REJECTED, operator="anna")
    recorded[0].not_moved   # None, or e.g. "status declined cannot become rejected"

Sending a list submits its members; members not yet verified are named first
(`unverified_members`) and can be verified in the same step (`mark_sent(verify_first=True)`).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import MEMBER_OF_LIST, DuplicateValue, NotFound, ValidationError
from desktop_app.domain.lists import Answer, ListState
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, label
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import ANSWER_TARGETS, Status, answer_gap, answer_path
from desktop_app.services import accounts, audit
from desktop_app.services.status import set_status
from desktop_app.storage.db import Database
from desktop_app.storage.models import EvacuationList, ListMember, Organization, Person


@dataclass(frozen=True)
class ListSummary:
    id: int
    uuid: str
    name: str
    organization: str | None
    state: str
    sent_at: dt.datetime | None
    members: int
    pending: int
    approved: int
    rejected: int
    crossed: int


@dataclass(frozen=True)
class ListMemberView:
    person_id: int
    case_ref: str
    name: str
    latin_name: str
    status: str
    answer: str
    valid_until: dt.date | None
    crossed_at: dt.datetime | None
    answer_note: str
    status_gap: str | None = None  # why the status does not show the recorded answer


@dataclass(frozen=True)
class AnswerRecorded:
    """One recorded answer: the status before and after, and why it stopped short (None when it did not)."""

    person_id: int
    case_ref: str
    answer: str
    status_before: str
    status_after: str
    not_moved: str | None


@dataclass(frozen=True)
class MembershipView:
    """One list a person is on, with the partner's answer (for the person's page)."""

    list_id: int
    list_name: str
    organization: str | None
    state: str
    answer: str
    valid_until: dt.date | None
    crossed_at: dt.datetime | None


@accounts.guarded(Permission.LISTS)
def create_list(db: Database, name: str, *, operator: str, organization_id: int | None = None,
                notes: str = "") -> ListSummary:
    clean = name.strip()
    if not clean:
        raise ValidationError("list name", name, QT_TRANSLATE_NOOP("services.lists", "is required"))
    with db.transaction() as session:
        if session.scalar(select(EvacuationList.id).where(EvacuationList.name == clean)) is not None:
            raise DuplicateValue(QT_TRANSLATE_NOOP("services.lists", "An evacuation list named {name!r} already "
                                                   "exists."), name=clean)
        if organization_id is not None and session.get(Organization, organization_id) is None:
            raise NotFound("organization", organization_id)
        evacuation_list = EvacuationList(uuid=str(uuid_module.uuid4()), name=clean, organization_id=organization_id,
                                         state=ListState.DRAFT.value, notes=notes, created_at=audit.now(),
                                         created_by=operator)
        session.add(evacuation_list)
        session.flush()
        audit.record(session, operator, "create", "list", evacuation_list.uuid, f"created list {clean!r}")
        return _summary(session, evacuation_list)


@accounts.guarded(Permission.SEARCH)
def find_list(db: Database, name: str) -> ListSummary:
    with db.reading() as session:
        evacuation_list = session.scalar(select(EvacuationList).where(EvacuationList.name == name.strip()))
        if evacuation_list is None:
            raise NotFound("evacuation list", name)
        return _summary(session, evacuation_list)


@accounts.guarded(Permission.SEARCH)
def get_list(db: Database, list_id: int) -> ListSummary:
    with db.reading() as session:
        return _summary(session, _list(session, list_id))


@accounts.guarded(Permission.SEARCH)
def all_lists(db: Database) -> list[ListSummary]:
    with db.reading() as session:
        return [_summary(session, lst) for lst in session.scalars(select(EvacuationList).order_by(EvacuationList.id))]


@accounts.guarded(Permission.LISTS)
def add_members(db: Database, list_id: int, person_ids: Iterable[int], *, operator: str) -> int:
    """Add persons to a list (those already on it are skipped); returns how many were added."""
    with db.transaction() as session:
        evacuation_list = _list(session, list_id)
        if evacuation_list.state == ListState.CLOSED.value:
            raise ValidationError("list", evacuation_list.name,
                                  QT_TRANSLATE_NOOP("services.lists", "is closed; open a new list"))
        present = set(session.scalars(select(ListMember.person_id).where(ListMember.list_id == list_id)))
        added: list[str] = []
        stamp = audit.now()
        for person_id in dict.fromkeys(person_ids):
            if person_id in present:
                continue
            person = session.get(Person, person_id)
            if person is None or person.deleted_at is not None:
                raise NotFound("person", person_id)
            if person.status == Status.MERGED.value:
                raise ValidationError("person", person.case_ref,
                                      QT_TRANSLATE_NOOP("services.lists", "was merged into another record"))
            session.add(ListMember(list_id=list_id, person_id=person_id, answer=Answer.PENDING.value,
                                   added_at=stamp, added_by=operator))
            added.append(person.uuid)
        if added:
            audit.record(session, operator, "update", "list", evacuation_list.uuid,
                         f"added {len(added)} persons to list {evacuation_list.name!r}", {"added": added})
        return len(added)


@accounts.guarded(Permission.LISTS)
def add_household(db: Database, list_id: int, household_id: int, *, operator: str) -> int:
    with db.reading() as session:
        ids = list(session.scalars(select(Person.id).where(Person.household_id == household_id,
                                                           Person.deleted_at.is_(None),
                                                           Person.status != Status.MERGED.value)))
    if not ids:
        raise NotFound("household with members", household_id)
    return add_members(db, list_id, ids, operator=operator)


@accounts.guarded(Permission.LISTS)
def remove_members(db: Database, list_id: int, person_ids: Iterable[int], *, operator: str) -> int:
    with db.transaction() as session:
        evacuation_list = _list(session, list_id)
        removed = []
        for member in session.scalars(select(ListMember).where(ListMember.list_id == list_id,
                                                               ListMember.person_id.in_(list(person_ids)))):
            removed.append(member.person_id)
            session.delete(member)
        if removed:
            audit.record(session, operator, "update", "list", evacuation_list.uuid,
                         f"removed {len(removed)} persons from list {evacuation_list.name!r}", {"removed": removed})
        return len(removed)


@accounts.guarded(Permission.SEARCH)
def unverified_members(db: Database, list_id: int) -> list[tuple[int, str, str]]:
    """Members still registered (id, case ref, status): sending would not submit them."""
    with db.reading() as session:
        _list(session, list_id)
        return [(p.id, p.case_ref, p.status) for p in _members(session, list_id)
                if p.status == Status.REGISTERED.value]


@accounts.guarded(Permission.LISTS)
def mark_sent(db: Database, list_id: int, *, operator: str, submit_members: bool = True,
              verify_first: bool = False) -> ListSummary:
    """Mark the list sent to its partner; verified members become 'submitted'.

    With `verify_first`, registered members are verified and submitted in the same transaction
    (the officer confirmed it); without it they stay registered (see `unverified_members`).
    """
    with db.transaction() as session:
        evacuation_list = _list(session, list_id)
        if evacuation_list.state != ListState.DRAFT.value:
            raise ValidationError("list", evacuation_list.name,
                                  QT_TRANSLATE_NOOP("services.lists", "was already {state}"),
                                  state=label(evacuation_list.state))
        # A click on a new list: once sent it cannot go back to draft, and persons added later are not submitted.
        if not session.scalar(select(func.count()).where(ListMember.list_id == list_id)):
            raise ValidationError("list", evacuation_list.name,
                                  QT_TRANSLATE_NOOP("services.lists", "has nobody on it yet: add persons, then send"))
        if submit_members:  # issue 18: a basis without its evidence is submitted only by an audited override
            from desktop_app.services.crossing.eligibility import blocked_members

            blocked = blocked_members(session, list_id)
            if blocked:
                raise ValidationError("list", evacuation_list.name, QT_TRANSLATE_NOOP(
                    "services.lists", "cannot be sent: evidence is missing for {members}; record it, or override "
                    "with the reason (eligibility-override)"),
                    members="; ".join(f"{f.case_ref} ({f.basis.value}: {', '.join(m.value for m in f.missing)})"
                                      for f in blocked))
        evacuation_list.state = ListState.SENT.value
        evacuation_list.sent_at = audit.now()
        reason = f"sent on list {evacuation_list.name!r}"
        if submit_members:
            for person in _members(session, list_id):
                if verify_first and person.status == Status.REGISTERED.value:
                    set_status(session, person, Status.VERIFIED, operator=operator,
                               reason=f"verified to be {reason}", list_id=list_id)
                if person.status == Status.VERIFIED.value:
                    set_status(session, person, Status.SUBMITTED, operator=operator, reason=reason, list_id=list_id)
        audit.record(session, operator, "update", "list", evacuation_list.uuid, f"list {evacuation_list.name!r} sent")
        return _summary(session, evacuation_list)


def _members(session: Session, list_id: int) -> list[Person]:
    return list(session.scalars(select(Person).join(ListMember, ListMember.person_id == Person.id)
                                .where(ListMember.list_id == list_id, Person.deleted_at.is_(None))
                                .order_by(Person.sort_key)))


# Hand-set list states: sending goes through mark_sent (it submits the members); a closed list reopens
# as it was answered or sent.
_STATE_MOVES: dict[str, tuple[str, ...]] = {
    ListState.DRAFT.value: (ListState.CLOSED.value,),
    ListState.SENT.value: (ListState.ANSWERED.value, ListState.CLOSED.value),
    ListState.ANSWERED.value: (ListState.CLOSED.value,),
    ListState.CLOSED.value: (ListState.ANSWERED.value,),
}


@accounts.guarded(Permission.LISTS)
def set_state(db: Database, list_id: int, state: ListState, *, operator: str) -> ListSummary:
    with db.transaction() as session:
        evacuation_list = _list(session, list_id)
        old = evacuation_list.state
        if state.value not in _STATE_MOVES.get(old, ()):
            raise ValidationError("list state", state.value, f"cannot follow '{old}' (a list is sent with 'Mark sent'; "
                                  "answered and closed lists can be closed or reopened)")
        evacuation_list.state = state.value
        audit.record(session, operator, "update", "list", evacuation_list.uuid,
                     f"list {evacuation_list.name!r}: {old} -> {state.value}", {"state": [old, state.value]})
        return _summary(session, evacuation_list)


@accounts.guarded(Permission.ANSWERS)
def record_answer(db: Database, list_id: int, person_id: int, answer: Answer, *, operator: str,
                  valid_until: dt.date | None = None, note: str = "", operation_id: int | None = None
                  ) -> AnswerRecorded:
    """The partner's answer for one member (see the module docstring)."""
    return record_answers(db, list_id, [person_id], answer, operator=operator, valid_until=valid_until, note=note,
                          operation_id=operation_id)[0]


@accounts.guarded(Permission.ANSWERS)
def record_answers(db: Database, list_id: int, person_ids: Iterable[int], answer: Answer, *, operator: str,
                   valid_until: dt.date | None = None, note: str = "", operation_id: int | None = None
                   ) -> list[AnswerRecorded]:
    """The same answer for several members, in one transaction; one AnswerRecorded each."""
    with db.transaction() as session:
        return [apply_answer(session, list_id, person_id, answer, operator=operator, valid_until=valid_until,
                             note=note, operation_id=operation_id) for person_id in dict.fromkeys(person_ids)]


def apply_answer(session: Session, list_id: int, person_id: int, answer: Answer, *, operator: str,
                 valid_until: dt.date | None = None, note: str = "", operation_id: int | None = None
                 ) -> AnswerRecorded:
    """Record `answer` on the member inside the caller's transaction, then move the status as far as it may."""
    evacuation_list = _list(session, list_id)
    member = session.scalar(select(ListMember).where(ListMember.list_id == list_id,
                                                     ListMember.person_id == person_id))
    person = session.get(Person, person_id)
    if member is None or person is None:  # named as the officer knows them, not by the row id
        raise NotFound(Message(MEMBER_OF_LIST, name=evacuation_list.name), person.case_ref if person else person_id)
    # The trash and merged records are off the roster: a reconciled answer skips them, so every answer does.
    if person.deleted_at is not None:
        raise ValidationError("person", person.case_ref,
                              QT_TRANSLATE_NOOP("services.lists", "is in the trash; restore it to record an answer"))
    if person.status == Status.MERGED.value:
        raise ValidationError("person", person.case_ref,
                              QT_TRANSLATE_NOOP("services.lists", "was merged; record the answer on the kept record"))
    if evacuation_list.state == ListState.CLOSED.value:
        raise ValidationError("list", evacuation_list.name,
                              QT_TRANSLATE_NOOP("services.lists", "is closed; its answers can no longer change"))
    old = (member.answer, member.valid_until)
    member.answer = answer.value
    member.valid_until = valid_until if answer is Answer.APPROVED else None
    member.answered_at = audit.now()
    member.answer_note = note
    if evacuation_list.state == ListState.SENT.value:
        evacuation_list.state = ListState.ANSWERED.value
        evacuation_list.answered_at = member.answered_at
    before = Status(person.status)
    not_moved: str | None = None
    target = ANSWER_TARGETS.get(answer.value)
    if target is not None:
        steps = answer_path(before, target)
        if steps is None:
            not_moved = answer_gap(answer.value, before)
        else:
            reason = f"answer on list {evacuation_list.name!r}" + (f": {note}" if note else "")
            for step in steps:
                set_status(session, person, step, operator=operator, reason=reason, list_id=list_id,
                           operation_id=operation_id)
    audit.record(session, operator, "answer", "list", evacuation_list.uuid,
                 f"{person.case_ref} on {evacuation_list.name!r}: {answer.value}"
                 + (f" ({not_moved})" if not_moved else ""),
                 {"answer": [old[0], answer.value], "valid_until": [old[1], member.valid_until],
                  "person": person.uuid, "status": [before.value, person.status]})
    return AnswerRecorded(person.id, person.case_ref, answer.value, before.value, person.status, not_moved)


@accounts.guarded(Permission.LISTS)
def record_crossing(db: Database, list_id: int, person_id: int, *, operator: str,
                    at: dt.datetime | None = None) -> None:
    """The member crossed the border: date kept on the list, status 'crossed'."""
    record_crossings(db, list_id, [person_id], operator=operator, at=at)


@accounts.guarded(Permission.LISTS)
def record_crossings(db: Database, list_id: int, person_ids: Iterable[int], *, operator: str,
                     at: dt.datetime | None = None) -> None:
    """Several members crossed, in one transaction: all are recorded, or (one not approved) none."""
    with db.transaction() as session:
        for person_id in dict.fromkeys(person_ids):
            _record_crossing(session, list_id, person_id, operator=operator, at=at)


def _record_crossing(session: Session, list_id: int, person_id: int, *, operator: str,
                     at: dt.datetime | None) -> None:
    member = session.scalar(select(ListMember).where(ListMember.list_id == list_id,
                                                     ListMember.person_id == person_id))
    person = session.get(Person, person_id)
    if member is None or person is None or person.deleted_at is not None:
        raise NotFound("list member", person.case_ref if person else person_id)
    if member.answer != Answer.APPROVED.value:
        raise ValidationError("crossing", person.case_ref,
                              QT_TRANSLATE_NOOP("services.lists", "needs the partner's approval first"))
    before = member.crossed_at
    member.crossed_at = at or audit.now()
    if set_status(session, person, Status.CROSSED, operator=operator, reason="crossed the border",
                  list_id=list_id) is None:  # already crossed: the date is corrected, and that is recorded
        audit.record(session, operator, "update", "list", str(list_id), f"{person.case_ref}: crossing date",
                     {"crossed_at": [before, member.crossed_at], "person": person.uuid})


@accounts.guarded(Permission.SEARCH)
def members(db: Database, list_id: int) -> list[ListMemberView]:
    # The columns shown, not whole Person and ListMember entities: a list of 175,000 on a million-person
    # roster took 1 GB and 11 s as entities, which the Lists page waited for on every visit.
    query = (select(Person.id, Person.case_ref, Person.surname, Person.given_names, Person.patronymic,
                    Person.surname_latin, Person.given_names_latin, Person.status, ListMember.answer,
                    ListMember.valid_until, ListMember.crossed_at, ListMember.answer_note)
             .join(ListMember, ListMember.person_id == Person.id)
             .where(ListMember.list_id == list_id).order_by(Person.sort_key))
    with db.reading() as session:
        _list(session, list_id)
        return [ListMemberView(person_id, case_ref, " ".join(x for x in (surname, given_names, patronymic) if x),
                               " ".join(x for x in (surname_latin, given_names_latin) if x), status,
                               answer, valid_until, crossed_at, answer_note, answer_gap(answer, Status(status)))
                for (person_id, case_ref, surname, given_names, patronymic, surname_latin, given_names_latin, status,
                     answer, valid_until, crossed_at, answer_note) in session.execute(query)]


@accounts.guarded(Permission.SEARCH)
def memberships(db: Database, person_id: int) -> list[MembershipView]:
    query = (select(EvacuationList, ListMember, Organization.name)
             .join(ListMember, ListMember.list_id == EvacuationList.id)
             .outerjoin(Organization, Organization.id == EvacuationList.organization_id)
             .where(ListMember.person_id == person_id).order_by(EvacuationList.id))
    with db.reading() as session:
        return [MembershipView(lst.id, lst.name, org, lst.state, m.answer, m.valid_until, m.crossed_at)
                for lst, m, org in session.execute(query)]


def _list(session: Session, list_id: int) -> EvacuationList:
    evacuation_list = session.get(EvacuationList, list_id)
    if evacuation_list is None:
        raise NotFound("evacuation list", list_id)
    return evacuation_list


def _summary(session: Session, evacuation_list: EvacuationList) -> ListSummary:
    counts = dict(session.execute(select(ListMember.answer, func.count()).where(
        ListMember.list_id == evacuation_list.id).group_by(ListMember.answer)).all())
    crossed = session.scalar(select(func.count()).where(ListMember.list_id == evacuation_list.id,
                                                        ListMember.crossed_at.is_not(None))) or 0
    organization = session.get(Organization, evacuation_list.organization_id) if evacuation_list.organization_id \
        else None
    return ListSummary(evacuation_list.id, evacuation_list.uuid, evacuation_list.name,
                       organization.name if organization else None, evacuation_list.state, evacuation_list.sent_at,
                       sum(counts.values()), counts.get(Answer.PENDING.value, 0),
                       counts.get(Answer.APPROVED.value, 0), counts.get(Answer.REJECTED.value, 0), crossed)
