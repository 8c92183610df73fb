"""Status changes along the evacuation workflow, each kept in the person's history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.status import Status, check_transition
from desktop_app.services import audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import EvacuationList, Person, StatusChange


@dataclass(frozen=True)
class StatusChangeView:
    at: dt.datetime
    operator: str
    from_status: str | None
    to_status: str
    reason: str
    list_name: str | None


def set_status(session: Session, person: Person, new: Status, *, operator: str, reason: str,
               list_id: int | None = None, operation_id: int | None = None, check: bool = True) -> StatusChange | None:
    """Move `person` to `new` inside the caller's transaction; None when it already is there."""
    current = Status(person.status)
    if current is new:
        return None
    if check:
        check_transition(current, new)
    stamp = audit.now()
    person.status = new.value
    person.updated_at = stamp
    person.updated_by = operator
    change = StatusChange(from_status=current.value, to_status=new.value, reason=reason, list_id=list_id,
                          operation_id=operation_id, at=stamp, operator=operator)
    person.status_changes.append(change)
    audit.record(session, operator, "status", "person", person.uuid,
                 f"{person.case_ref}: {current.value} -> {new.value}" + (f" ({reason})" if reason else ""),
                 {"status": [current.value, new.value], "reason": reason, "list_id": list_id})
    return change


def change_status(db: Database, person_id: int, new: Status, *, operator: str, reason: str = "",
                  list_id: int | None = None) -> None:
    """Change one person's status by hand; an illegal transition raises TransitionRefused."""
    with db.transaction() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFound("person", person_id)
        if list_id is not None and session.get(EvacuationList, list_id) is None:
            raise NotFound("evacuation list", list_id)
        if new is Status.MERGED:
            raise ValidationError("status", new.value, "is set by merging duplicates, not by hand")
        set_status(session, person, new, operator=operator, reason=reason, list_id=list_id)


def history(db: Database, person_id: int) -> list[StatusChangeView]:
    """The person's status changes, oldest first."""
    query = (select(StatusChange, EvacuationList.name)
             .outerjoin(EvacuationList, EvacuationList.id == StatusChange.list_id)
             .where(StatusChange.person_id == person_id).order_by(StatusChange.id))
    with db.reading() as session:
        return [StatusChangeView(c.at, c.operator, c.from_status, c.to_status, c.reason, name)
                for c, name in session.execute(query)]
