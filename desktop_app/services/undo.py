"""Undoing a status change: an audited step back that the forward workflow would refuse.

The window's Undo (and `mission-roster status-undo`) puts a person back to the status they
had before a change. The workflow only allows forward moves (approved -> submitted is
refused), so an undo is its own audited action: it is recorded in the status history and
the audit trail like any change, with the reason saying what was undone, and it is refused
when someone else has changed the status since (the person is no longer where the undo
expects them).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop_app.domain.errors import EditConflict, NotFound, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts
from desktop_app.services.status import set_status
from desktop_app.storage.db import Database
from desktop_app.storage.models import Person, StatusChange


@dataclass(frozen=True)
class StatusReverted:
    person_id: int
    case_ref: str
    from_status: str
    to_status: str


@accounts.guarded(Permission.STATUS)
def revert_status(db: Database, person_id: int, back_to: Status, *, expected_current: Status, operator: str,
                  reason: str = "") -> StatusReverted:
    """Put the person back to `back_to`, provided they are still at `expected_current`."""
    if Status.MERGED in (back_to, expected_current):
        raise ValidationError("status", Status.MERGED.value,
                              "is set and cleared only by merging duplicates: undo the merge (Tools > Find duplicates)")
    with db.transaction() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFound("person", person_id)
        if person.merged_into_id is not None:
            raise ValidationError("status", person.status,
                                  QT_TRANSLATE_NOOP("services.undo", "belongs to a merged record: undo the merge "
                                                    "instead"))
        if person.status != expected_current.value:
            raise EditConflict(f"{person.case_ref} is now {person.status.replace('_', ' ')}, not "
                               f"{expected_current.value.replace('_', ' ')}: someone changed the status since. "
                               "Nothing was undone.")
        set_status(session, person, back_to, operator=operator, check=False,
                   reason=f"undo: {expected_current.value} -> {back_to.value}" + (f" ({reason})" if reason else ""))
        return StatusReverted(person.id, person.case_ref, expected_current.value, back_to.value)


@accounts.guarded(Permission.STATUS)
def undo_last_status_change(db: Database, person_id: int, *, operator: str) -> StatusReverted:
    """Revert the person's most recent status change (the CLI's `status-undo`)."""
    with db.reading() as session:
        last = session.scalar(select(StatusChange).where(StatusChange.person_id == person_id)
                              .order_by(StatusChange.id.desc()).limit(1))
        if last is None or last.from_status is None:
            raise ValidationError("status", "",
                                  QT_TRANSLATE_NOOP("services.undo", "has no earlier status to go back to"))
        current, previous = Status(last.to_status), Status(last.from_status)
    return revert_status(db, person_id, previous, expected_current=current, operator=operator)
