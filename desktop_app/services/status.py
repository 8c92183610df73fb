"""Status changes along the evacuation workflow, each kept in the person's history.

One person by hand (`change_status`), or many at once (a roster selection or filter, a
list's members, a household) as one audited, undoable operation:

    done = change_statuses(db, [12, 13, 14], Status.VERIFIED, operator="anna", reason="papers seen")
    done.changed, done.refused    # case refs moved; (case ref, why) left as they were
    undo_status_operation(db, done.operation_id, operator="anna")
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import EditConflict, NotFound, RosterError, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status, check_transition
from desktop_app.services import accounts, audit
from desktop_app.services.operations import changes_of, mark_undone, undoable
from desktop_app.storage.db import Database
from desktop_app.storage.models import EvacuationList, ListMember, Operation, OperationChange, Person, StatusChange


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
    # Linked from the change's side: appending to person.status_changes loaded the person's whole history
    # (and flushed the session) for every person of a status change for many.
    change = StatusChange(from_status=current.value, to_status=new.value, reason=reason, list_id=list_id,
                          operation_id=operation_id, at=stamp, operator=operator)
    session.add(change)
    change.person = person
    audit.record(session, operator, "status", "person", person.uuid,
                 f"{person.case_ref}: {current.value} -> {new.value}" + (f" ({reason})" if reason else ""),
                 {"status": [current.value, new.value], "reason": reason, "list_id": list_id})
    return change


@accounts.guarded(Permission.STATUS)
def change_status(db: Database, person_id: int, new: Status, *, operator: str, reason: str = "",
                  list_id: int | None = None) -> bool:
    """Change one person's status by hand; an illegal transition raises TransitionRefused. False when the person
    already had `new` (a colleague set it meanwhile): nothing written, no history entry."""
    with db.transaction() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFound("person", person_id)
        if list_id is not None:
            evacuation_list = session.get(EvacuationList, list_id)
            if evacuation_list is None:
                raise NotFound("evacuation list", list_id)
            if person_id not in _member_ids(session, list_id):  # the history would name a list they are not on
                raise ValidationError("list", evacuation_list.name, NOT_ON_LIST_REASON)
        if new is Status.MERGED:
            raise ValidationError("status", new.value,
                                  QT_TRANSLATE_NOOP("services.status", "is set by merging duplicates, not by hand"))
        return set_status(session, person, new, operator=operator, reason=reason, list_id=list_id) is not None


KIND = "status"


@dataclass(frozen=True)
class BulkStatusResult:
    """One operation's outcome: who moved, who stayed (with the workflow's reason), and who already was there."""

    operation_id: int | None  # None when nobody moved
    status: str
    changed: tuple[str, ...]
    refused: tuple[tuple[str, str], ...]
    unchanged: tuple[str, ...]


@accounts.guarded(Permission.STATUS)
def change_statuses(db: Database, person_ids: Iterable[int], new: Status, *, operator: str, reason: str = "",
                    list_id: int | None = None) -> BulkStatusResult:
    """Move every person the workflow allows to `new`, in one transaction and one undoable operation.

    Persons whose status may not become `new` by hand, and persons in the trash (a list or a
    household still names them), stay as they are and are named in `refused`.
    """
    if new is Status.MERGED:
        raise ValidationError("status", new.value,
                              QT_TRANSLATE_NOOP("services.status", "is set by merging duplicates, not by hand"))
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        raise ValidationError("status change", "",
                              QT_TRANSLATE_NOOP("services.status", "names nobody: select persons, a list or a "
                                                "household"))
    with db.transaction() as session:
        evacuation_list = session.get(EvacuationList, list_id) if list_id is not None else None
        if list_id is not None and evacuation_list is None:
            raise NotFound("evacuation list", list_id)
        members = _member_ids(session, list_id) if list_id is not None else set()
        people: list[Person] = []
        for person_id in ids:
            person = session.get(Person, person_id)
            if person is None:
                raise NotFound("person", person_id)
            people.append(person)
        movable: list[Person] = []
        refused: list[tuple[str, str]] = []
        unchanged: list[str] = []
        for person in people:
            if person.deleted_at is not None:
                refused.append((person.case_ref, "is in the trash"))
                continue
            if evacuation_list is not None and person.id not in members:
                # A reference typed beside --list: recorded on that list, the history would say they were on it.
                refused.append((person.case_ref, f"is not on list {evacuation_list.name!r}"))
                continue
            if person.status == new.value:
                unchanged.append(person.case_ref)
                continue
            try:
                check_transition(Status(person.status), new)
            except RosterError as exc:
                refused.append((person.case_ref, str(exc)))
                continue
            movable.append(person)
        if not movable:
            return BulkStatusResult(None, new.value, (), tuple(refused), tuple(unchanged))
        operation = Operation(uuid=str(uuid_module.uuid4()), kind=KIND, at=audit.now(), operator=operator,
                              file_name="", file_sha256="", sheet="", details="{}")
        session.add(operation)
        session.flush()
        for person in movable:
            session.add(OperationChange(operation_id=operation.id, entity="person", entity_id=person.id,
                                        change="updated", before=audit.to_json({"status": person.status})))
            set_status(session, person, new, operator=operator, reason=reason, list_id=list_id,
                       operation_id=operation.id)
        changed = tuple(p.case_ref for p in movable)
        operation.details = audit.to_json({"status": new.value, "reason": reason, "list_id": list_id,
                                           "persons": len(changed)})
        audit.record(session, operator, "status", "operation", operation.uuid,
                     f"{len(changed)} persons -> {new.value}" + (f" ({reason})" if reason else "")
                     + (f"; {len(refused)} refused" if refused else "") + f" (operation {operation.id})",
                     {"operation": operation.id, "persons": [p.uuid for p in movable], "status": new.value})
        return BulkStatusResult(operation.id, new.value, changed, tuple(refused), tuple(unchanged))


@accounts.guarded(Permission.STATUS)
def undo_status_operation(db: Database, operation_id: int, *, operator: str) -> int:
    """Put every person of a bulk status change back; refused (nothing undone) when any moved on since.

    Returns how many persons went back."""
    with db.transaction() as session:
        operation = undoable(session, operation_id, KIND)
        details = json.loads(operation.details)
        target = details["status"]
        changes = changes_of(session, operation_id)
        people = [(session.get(Person, c.entity_id), json.loads(c.before)["status"]) for c in changes]
        moved = [p.case_ref for p, _ in people if p is not None and p.status != target]
        if moved:
            raise EditConflict(QT_TRANSLATE_NOOP("services.status", "Operation {n} cannot be undone: {refs} changed "
                                                 "status since. Nothing was undone."),
                               n=operation_id, refs=", ".join(moved[:20]))
        for person, before in people:
            if person is not None:
                set_status(session, person, Status(before), operator=operator, check=False,
                           reason=f"undo of status operation {operation_id}", list_id=details.get("list_id"),
                           operation_id=operation_id)
        mark_undone(operation, operator)
        audit.record(session, operator, "undo", "operation", operation.uuid,
                     f"undid status operation {operation_id}: {len(people)} persons back", {"operation": operation_id})
        return len(people)


NOT_ON_LIST_REASON = QT_TRANSLATE_NOOP("services.status", "does not have this person on it; a status change is "
                                                         "recorded on a list only for its members")


def _member_ids(session: Session, list_id: int) -> set[int]:
    return set(session.scalars(select(ListMember.person_id).where(ListMember.list_id == list_id)))


@accounts.guarded(Permission.SEARCH)
def history(db: Database, person_id: int) -> list[StatusChangeView]:
    """The person's status changes, oldest first."""
    query = (select(StatusChange, EvacuationList.name)
             .outerjoin(EvacuationList, EvacuationList.id == StatusChange.list_id)
             .where(StatusChange.person_id == person_id).order_by(StatusChange.id))
    with db.reading() as session:
        return [StatusChangeView(c.at, c.operator, c.from_status, c.to_status, c.reason, name)
                for c, name in session.execute(query)]
