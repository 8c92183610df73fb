"""Applying a reconciled answer in one transaction, and undoing it as a whole.

`apply_reconciliation` records each matched member's answer (approved or rejected, valid
until) through `lists.apply_answer`, the one rule every answer follows: the answer is always
recorded, and the person's status follows as far as the workflow allows, with the partner's
file named as the reason; where it cannot follow, `ApplyResult.not_moved` says why, beside
the recorded answer (never instead of it). The officer's review decisions (`{row: person_id or None}`) confirm or
correct rows; rows still under review, rows not on the roster and rows without a readable
decision are skipped, each with its reason. Everything is one `Operation(kind="reconcile")`
whose `OperationChange` rows keep the member's answer, validity, answer date and note and the
person's status from before, and the list's state.

`undo_reconciliation` puts every answer and the list state back and returns statuses to
what they were as new history entries (the history shows the approval and its undoing). It
refuses, naming them, when any of the persons or answers changed after the apply.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_module
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import func, select

from desktop_app.domain.errors import EditConflict, NotFound, ValidationError
from desktop_app.domain.lists import Answer, ListState
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.services.backups import backup_before
from desktop_app.services.lists import apply_answer
from desktop_app.services.operations import changes_of, mark_undone, undoable
from desktop_app.services.reconciling.model import (
    AnswerRow,
    ApplyResult,
    Outcome,
    Reconciliation,
    SkippedRow,
    UndoResult,
)
from desktop_app.services.status import set_status
from desktop_app.storage.db import Database
from desktop_app.storage.models import EvacuationList, ListMember, Operation, OperationChange, Person

Progress = Callable[[int, int], bool]
KIND = "reconcile"
_TARGET = {Answer.APPROVED: Status.APPROVED, Answer.REJECTED: Status.REJECTED}


def planned_answers(reconciliation: Reconciliation, decisions: Mapping[int, int | None] | None = None
                    ) -> tuple[list[tuple[AnswerRow, int]], list[SkippedRow]]:
    """The (row, person id) pairs to apply and the rows left out, before looking at the database.

    `decisions` (spreadsheet row -> person id, or None to leave the row out) overrides the
    engine for any row; without one a row applies only when it is a match.
    """
    decisions = decisions or {}
    known_rows = {r.row for r in reconciliation.rows}
    unknown = sorted(set(decisions) - known_rows)
    if unknown:
        raise ValidationError("review decision", unknown[0],
                              QT_TRANSLATE_NOOP("services.reconcile_apply", "is not a row of this answer"))
    chosen: list[tuple[AnswerRow, int]] = []
    skipped: list[SkippedRow] = []
    for result in reconciliation.rows:
        if result.row in decisions:
            person_id = decisions[result.row]
            if person_id is None:
                skipped.append(SkippedRow(result.row, "left out by the officer"))
                continue
        elif result.outcome is Outcome.MATCH and result.person is not None:
            person_id = result.person.person_id
        else:
            skipped.append(SkippedRow(result.row, "needs review" if result.outcome is Outcome.REVIEW
                                      else "not on the roster"))
            continue
        if result.answer.answer is None:
            skipped.append(SkippedRow(result.row, "the decision could not be read"))
            continue
        chosen.append((result.answer, person_id))
    by_person: dict[int, list[AnswerRow]] = {}
    for row, person_id in chosen:
        by_person.setdefault(person_id, []).append(row)
    planned: list[tuple[AnswerRow, int]] = []
    for person_id, rows in by_person.items():
        if len({r.answer for r in rows}) > 1:
            skipped += [SkippedRow(r.row, "the answer approves and rejects this person; decide by hand")
                        for r in rows]
            continue
        planned.append((rows[0], person_id))
        skipped += [SkippedRow(r.row, f"same person as row {rows[0].row}") for r in rows[1:]]
    return planned, sorted(skipped, key=lambda s: s.row)


@accounts.guarded(Permission.ANSWERS)
def apply_reconciliation(db: Database, reconciliation: Reconciliation, decisions: Mapping[int, int | None] | None
                         = None, *, operator: str, progress: Progress | None = None) -> ApplyResult:
    """Record the partner's answers on the list in one transaction; see the module docstring."""
    if reconciliation.list_id is None:
        raise ValidationError("evacuation list", "", "is needed to apply an answer: answers are recorded per list; "
                              "reconcile again with the list this answer is for")
    planned, skipped = planned_answers(reconciliation, decisions)
    list_id = reconciliation.list_id
    if planned:
        backup_before(db, "reconcile apply", operator=operator)  # kept for weeks, named by its reason
    with db.transaction() as session:
        evacuation_list = session.get(EvacuationList, list_id)
        if evacuation_list is None:
            raise NotFound("evacuation list", list_id)
        if evacuation_list.state == ListState.CLOSED.value:
            raise ValidationError("list", evacuation_list.name,
                                  QT_TRANSLATE_NOOP("services.reconcile_apply", "is closed; its answers can no "
                                                    "longer change"))
        members = {m.person_id: m for m in session.scalars(select(ListMember).where(
            ListMember.list_id == list_id, ListMember.person_id.in_([pid for _, pid in planned])))}
        applicable: list[tuple[AnswerRow, Person, ListMember]] = []
        for row, person_id in planned:
            person = session.get(Person, person_id)
            member = members.get(person_id)
            reason = _refusal(person, member)
            if reason:
                skipped.append(SkippedRow(row.row, reason))
            else:
                applicable.append((row, person, member))  # type: ignore[arg-type]
        skipped.sort(key=lambda s: s.row)
        if not applicable:
            return ApplyResult(None, 0, 0, 0, tuple(skipped))
        operation = Operation(uuid=str(uuid_module.uuid4()), kind=KIND, at=audit.now(), operator=operator,
                              file_name=reconciliation.file_name, file_sha256=reconciliation.file_sha256,
                              sheet=reconciliation.sheet, details="{}")
        session.add(operation)
        session.flush()
        session.add(OperationChange(operation_id=operation.id, entity="list", entity_id=list_id, change="updated",
                                    before=audit.to_json({"state": evacuation_list.state,
                                                          "answered_at": evacuation_list.answered_at})))
        status_changes = 0
        not_moved: list[SkippedRow] = []
        note = f"partner file {reconciliation.file_name}"
        for done, (row, person, member) in enumerate(applicable, start=1):
            before = {"person_id": person.id, "row": row.row, "answer": member.answer,
                      "valid_until": member.valid_until, "answered_at": member.answered_at,
                      "answer_note": member.answer_note, "status": person.status}
            session.add(OperationChange(operation_id=operation.id, entity="list_member", entity_id=member.id,
                                        change="updated", before=audit.to_json(before)))
            recorded = apply_answer(session, list_id, person.id, row.answer,  # type: ignore[arg-type]
                                    operator=operator, valid_until=row.valid_until, note=note,
                                    operation_id=operation.id)
            status_changes += recorded.status_after != recorded.status_before
            if recorded.not_moved:
                not_moved.append(SkippedRow(row.row, f"{person.case_ref}: {recorded.answer} recorded, "
                                                     f"{recorded.not_moved}"))
            if progress is not None and done % 200 == 0:
                progress(done, len(applicable))
        session.flush()
        approved = sum(1 for row, _, _ in applicable if row.answer is Answer.APPROVED)
        after = {str(member.id): {"answer": member.answer, "valid_until": member.valid_until,
                                  "answer_note": member.answer_note, "version": person.version,
                                  "status": person.status}
                 for _, person, member in applicable}
        operation.details = audit.to_json({
            "list_id": list_id, "list_name": evacuation_list.name, "rows": len(reconciliation.rows),
            "approved": approved, "rejected": len(applicable) - approved, "skipped": len(skipped),
            "after": after})
        audit.record(session, operator, "reconcile", "list", evacuation_list.uuid,
                     f"applied partner answer {reconciliation.file_name} to list {evacuation_list.name!r}: "
                     f"{approved} approved, {len(applicable) - approved} rejected, {len(skipped)} rows not applied "
                     f"(operation {operation.id})",
                     {"operation": operation.id, "file": reconciliation.file_name,
                      "sha256": reconciliation.file_sha256, "sheet": reconciliation.sheet,
                      "persons": [p.uuid for _, p, _ in applicable]})
        return ApplyResult(operation.id, approved, len(applicable) - approved, status_changes, tuple(skipped),
                           tuple(not_moved))


def _refusal(person: Person | None, member: ListMember | None) -> str | None:
    """Why no answer can be recorded for this row (the status never stops it: see the module docstring)."""
    if person is None or person.deleted_at is not None:
        return "the person is no longer on the roster"
    if person.status == Status.MERGED.value:
        return f"{person.case_ref} was merged into another record"
    if member is None:
        return f"{person.case_ref} is not on this list"
    return None


@accounts.guarded(Permission.ANSWERS)
def undo_reconciliation(db: Database, operation_id: int, *, operator: str) -> UndoResult:
    """Put back every answer, validity, list state and status the reconcile operation changed."""
    with db.transaction() as session:
        operation = undoable(session, operation_id, KIND)
        details = json.loads(operation.details)
        changes = changes_of(session, operation_id)
        restoring: list[tuple[ListMember, Person, dict[str, Any]]] = []
        changed_since: list[str] = []
        # A later apply that is still in force recorded these answers again (the same file applied twice):
        # putting back what was there before this one would leave that apply hollow.
        members_of = [c.entity_id for c in changes if c.entity == "list_member"]
        later = session.scalar(
            select(func.min(Operation.id)).join(OperationChange, OperationChange.operation_id == Operation.id)
            .where(OperationChange.entity == "list_member", OperationChange.entity_id.in_(members_of),
                   Operation.id > operation_id, Operation.kind == KIND, Operation.undone_at.is_(None)))
        if later is not None:
            raise EditConflict(QT_TRANSLATE_NOOP(
                "services.reconcile_apply", "Operation {n} cannot be undone: operation {later} applied answers for "
                "the same members after it. Undo operation {later} first. Nothing was undone."),
                n=operation_id, later=later)
        for change in changes:
            if change.entity != "list_member":
                continue
            before = json.loads(change.before)
            member = session.get(ListMember, change.entity_id)
            person = session.get(Person, before["person_id"])
            after = details["after"][str(change.entity_id)]
            if member is None or person is None:
                changed_since.append(f"row {before['row']}: removed from the list since")
            elif person.version != after["version"] or member.answer != after["answer"] or \
                    _iso(member.valid_until) != after["valid_until"] or \
                    member.answer_note != after.get("answer_note", member.answer_note):
                changed_since.append(f"{person.case_ref} (changed by {person.updated_by} at "
                                     f"{person.updated_at:%Y-%m-%d %H:%M})")
            else:
                restoring.append((member, person, before))
        if changed_since:
            raise EditConflict(f"Operation {operation_id} cannot be undone: {len(changed_since)} of its records "
                               f"changed after it was applied: {', '.join(changed_since[:20])}"
                               + (" …" if len(changed_since) > 20 else "") + ". Nothing was undone.")
        reason = f"undo of reconcile operation {operation_id} ({operation.file_name})"
        status_changes = 0
        for member, person, before in restoring:
            member.answer = before["answer"]
            member.valid_until = _date(before["valid_until"])
            member.answered_at = _datetime(before["answered_at"])
            member.answer_note = before["answer_note"]
            if person.status != before["status"]:
                set_status(session, person, Status(before["status"]), operator=operator, reason=reason,
                           list_id=details.get("list_id"), operation_id=operation_id, check=False)
                status_changes += 1
        list_change = next((c for c in changes if c.entity == "list"), None)
        evacuation_list = session.get(EvacuationList, list_change.entity_id) if list_change else None
        if evacuation_list is not None and list_change is not None:
            before_list = json.loads(list_change.before)
            evacuation_list.state = before_list["state"]
            evacuation_list.answered_at = _datetime(before_list["answered_at"])
        mark_undone(operation, operator)
        audit.record(session, operator, "undo", "list", evacuation_list.uuid if evacuation_list else operation.uuid,
                     f"undid reconcile operation {operation_id} ({operation.file_name}): {len(restoring)} answers "
                     f"restored, {status_changes} statuses returned", {"operation": operation_id})
        return UndoResult(operation_id, len(restoring), status_changes)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _datetime(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def operation_summary(db: Database, operation_id: int) -> dict[str, Any]:
    """The recorded details of a reconcile operation (file, list, counts), for the CLI and window."""
    with db.reading() as session:
        operation = session.get(Operation, operation_id)
        if operation is None or operation.kind != KIND:
            raise NotFound("reconcile operation", operation_id)
        details = json.loads(operation.details)
        details.pop("after", None)
        return {"id": operation.id, "file": operation.file_name, "sha256": operation.file_sha256,
                "at": operation.at, "operator": operation.operator, "undone_at": operation.undone_at, **details}
