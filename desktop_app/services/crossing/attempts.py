"""Every try to reach a person, with its outcome, who and when; who has not been reached yet.

    record_attempt(db, person_id, Outcome.NO_ANSWER, operator="anna", note="twice", list_id=3)
    attempts_of(db, person_id)               # newest first
    reached(db, [1, 2, 3], since=sent_at)    # {1}: those with a 'reached' attempt (since a time)
    approved_not_reached(db, day=tomorrow)   # the dashboard's calls still to make
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import and_, exists, or_, select

from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import ContactAttempt, EvacuationList, ListMember, Person


class Outcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    WRONG_NUMBER = "wrong_number"
    MESSAGE_LEFT = "message_left"


def parse_outcome(text: str) -> Outcome:
    """'no-answer', 'no answer' or 'no_answer' -> Outcome.NO_ANSWER."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Outcome(key)
    except ValueError:
        raise ValidationError("outcome", text, QT_TRANSLATE_NOOP("services.crossing", "is not one of {known}"),
                              known=", ".join(o.value.replace("_", "-") for o in Outcome)) from None


@dataclass(frozen=True)
class AttemptView:
    id: int
    person_id: int
    case_ref: str
    outcome: str
    note: str
    at: dt.datetime
    operator: str
    list_id: int | None


@accounts.guarded(Permission.LOG_CONTACTS)
def record_attempt(db: Database, person_id: int, outcome: Outcome, *, operator: str, note: str = "",
                   list_id: int | None = None) -> AttemptView:
    with db.transaction() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFound("person", person_id)
        attempt = ContactAttempt(person_id=person_id, list_id=list_id, outcome=outcome.value, note=note.strip(),
                                 at=audit.now(), operator=operator)
        session.add(attempt)
        session.flush()
        audit.record(session, operator, "attempt", "person", person.uuid, f"{person.case_ref}: {outcome.value}",
                     {"outcome": outcome.value, "note": attempt.note, "list_id": list_id})
        return AttemptView(attempt.id, person_id, person.case_ref, attempt.outcome, attempt.note, attempt.at,
                           operator, list_id)


@accounts.guarded(Permission.SEARCH)
def attempts_of(db: Database, person_id: int) -> list[AttemptView]:
    query = (select(ContactAttempt, Person.case_ref).join(Person, Person.id == ContactAttempt.person_id)
             .where(ContactAttempt.person_id == person_id).order_by(ContactAttempt.id.desc()))
    with db.reading() as session:
        return [AttemptView(a.id, a.person_id, ref, a.outcome, a.note, a.at, a.operator, a.list_id)
                for a, ref in session.execute(query)]


@accounts.guarded(Permission.SEARCH)
def last_outcomes(db: Database, person_ids: Iterable[int]) -> dict[int, AttemptView]:
    """The newest attempt of each of `person_ids` that has one."""
    ids = list(dict.fromkeys(person_ids))
    found: dict[int, AttemptView] = {}
    with db.reading() as session:
        for start in range(0, len(ids), 500):
            query = (select(ContactAttempt, Person.case_ref).join(Person, Person.id == ContactAttempt.person_id)
                     .where(ContactAttempt.person_id.in_(ids[start:start + 500])).order_by(ContactAttempt.id))
            for a, ref in session.execute(query):
                found[a.person_id] = AttemptView(a.id, a.person_id, ref, a.outcome, a.note, a.at, a.operator,
                                                 a.list_id)
    return found


@accounts.guarded(Permission.SEARCH)
def reached(db: Database, person_ids: Iterable[int], *, since: dt.datetime | None = None) -> set[int]:
    """Those of `person_ids` with a 'reached' attempt (at or after `since`, when given)."""
    ids = list(dict.fromkeys(person_ids))
    result: set[int] = set()
    with db.reading() as session:
        for start in range(0, len(ids), 500):
            query = select(ContactAttempt.person_id).where(ContactAttempt.person_id.in_(ids[start:start + 500]),
                                                           ContactAttempt.outcome == Outcome.REACHED.value)
            if since is not None:
                query = query.where(ContactAttempt.at >= since)
            result.update(session.scalars(query))
    return result


@dataclass(frozen=True)
class NotReached:
    person_id: int
    case_ref: str
    list_name: str


@accounts.guarded(Permission.SEARCH)
def approved_not_reached(db: Database, *, day: dt.date) -> list[NotReached]:
    """Approved on a list, not crossed, the approval still valid on `day` (tomorrow, for the dashboard),
    and nobody has reached them since the answer was recorded: the calls still to make tonight."""
    reached_since = exists().where(ContactAttempt.person_id == ListMember.person_id,
                                   ContactAttempt.outcome == Outcome.REACHED.value,
                                   or_(ListMember.answered_at.is_(None), ContactAttempt.at >= ListMember.answered_at))
    query = (select(Person.id, Person.case_ref, EvacuationList.name)
             .join(ListMember, ListMember.person_id == Person.id)
             .join(EvacuationList, EvacuationList.id == ListMember.list_id)
             .where(and_(ListMember.answer == Answer.APPROVED.value, ListMember.crossed_at.is_(None),
                         Person.deleted_at.is_(None), Person.status == Status.APPROVED.value,
                         or_(ListMember.valid_until.is_(None), ListMember.valid_until >= day), ~reached_since))
             .order_by(Person.sort_key))
    with db.reading() as session:
        seen: dict[int, NotReached] = {}
        for person_id, case_ref, list_name in session.execute(query):
            seen.setdefault(person_id, NotReached(person_id, case_ref, list_name))
        return list(seen.values())
