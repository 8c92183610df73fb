"""Undoable operations: the one place that finds an operation to undo and says why it cannot be.

An import, a reconcile apply, a merge, a status change for several persons and a package import
are each recorded as one `Operation` with the records it changed (`OperationChange`, with the
values before). Every undo starts the same way:

    with db.transaction() as session:
        operation = undoable(session, operation_id, "merge")     # NotFound, or ValidationError saying why not
        for change in changes_of(session, operation_id):         # in the order they were made
            ...
        mark_undone(operation, operator)

`undoable` refuses a number that belongs to another kind of operation by naming the command that
undoes it (the officer took the number from another command's output), and one already undone by
naming who undid it and when, both in the operator's language. `describe` gives the same check
without a transaction, as a plain record for the window and the command line to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Template
from desktop_app.services import audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import Operation, OperationChange

__all__ = ["UndoableOperation", "changes_of", "describe", "mark_undone", "undo_command", "undoable"]

# Each kind of operation: what it is called in a refusal, and the command that undoes number {number}.
_KINDS: dict[str, tuple[Template, str]] = {
    "import": (QT_TRANSLATE_NOOP("services.operations", "an import"), "mission-roster import --undo {number}"),
    "reconcile": (QT_TRANSLATE_NOOP("services.operations", "a reconciliation"),
                  "mission-roster reconcile --undo {number}"),
    "merge": (QT_TRANSLATE_NOOP("services.operations", "a merge"), "mission-roster merge --undo {number}"),
    "status": (QT_TRANSLATE_NOOP("services.operations", "a status change"), "mission-roster status --undo {number}"),
    "package": (QT_TRANSLATE_NOOP("services.operations", "a package import"), "mission-roster package undo {number}"),
}
# The record named when there is no operation of that number (domain.errors' names of records).
_NOT_FOUND = {"import": "import", "reconcile": "reconcile operation", "merge": "merge operation",
              "status": "status operation"}


@dataclass(frozen=True)
class UndoableOperation:
    """An import, reconciliation, merge, bulk status change or package import that can still be undone."""

    id: int
    kind: str
    at: dt.datetime
    operator: str
    file_name: str


def undo_command(kind: str, number: int) -> str:
    """The command line that undoes operation `number` of `kind` ('' for a kind nothing undoes)."""
    command = _KINDS.get(kind, (None, ""))[1]
    return command.format(number=number)


def undoable(session: Session, operation_id: int, kind: str) -> Operation:
    """Operation `operation_id` of `kind`, not undone yet, to be undone in `session`.

    Raises NotFound for no such operation; ValidationError for one of another kind (naming the
    command that undoes it) or one already undone (naming who undid it and when).
    """
    operation = session.get(Operation, operation_id)
    if operation is None:
        record = _NOT_FOUND.get(kind, "operation")  # every one a record word of domain.errors
        raise NotFound(record, operation_id)
    if operation.kind != kind:
        what = _KINDS[kind][0] if kind in _KINDS else kind
        if operation.kind in _KINDS:
            raise ValidationError("operation", operation_id, QT_TRANSLATE_NOOP(
                "services.operations", "is not {what} but {other}: undo it with `{command}`"),
                what=what, other=_KINDS[operation.kind][0], command=undo_command(operation.kind, operation_id))
        raise ValidationError("operation", operation_id, QT_TRANSLATE_NOOP(
            "services.operations", "is not {what} but a {kind} operation, which cannot be undone"),
            what=what, kind=operation.kind)
    if operation.undone_at is not None:
        raise ValidationError("operation", operation_id, QT_TRANSLATE_NOOP(
            "services.operations", "was already undone by {who} at {when}"),
            who=operation.undone_by or "", when=f"{operation.undone_at:%Y-%m-%d %H:%M}")
    return operation


def describe(db: Database, operation_id: int, kind: str) -> UndoableOperation:
    """`undoable`'s check in a read of its own, as a plain record (the operation stays as it is)."""
    with db.reading() as session:
        operation = undoable(session, operation_id, kind)
        return UndoableOperation(operation.id, operation.kind, operation.at, operation.operator,
                                 operation.file_name)


def changes_of(session: Session, operation_id: int, *, newest_first: bool = False) -> list[OperationChange]:
    """What operation `operation_id` did, record by record, in the order it did it (or the reverse)."""
    order = OperationChange.id.desc() if newest_first else OperationChange.id
    return list(session.scalars(select(OperationChange).where(OperationChange.operation_id == operation_id)
                                .order_by(order)))


def mark_undone(operation: Operation, operator: str) -> None:
    """Record that `operator` undid `operation` now (the caller writes its own audit entry)."""
    operation.undone_at = audit.now()
    operation.undone_by = operator
