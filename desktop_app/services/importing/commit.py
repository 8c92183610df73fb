"""Commit a previewed import in one transaction, and undo it as a whole.

`commit_import` writes every accepted row or nothing: a failure, or a cancel through
`progress`, rolls the whole transaction back. New persons are inserted in bulk inside that
transaction (persons, documents, phones, search terms, the first status entry: `import_new`,
the driver's executemany on SQLite, COPY on PostgreSQL, SQLAlchemy Core elsewhere), which keeps a
100,000-row import to seconds; updates go through the
ORM one person at a time with the same rules as a hand edit (`persons.apply_changes`,
`status.set_status`). The import is an `Operation` (file name, SHA-256, sheet, mapping,
counts) with one `OperationChange` per person created or updated; an updated person's
`before` holds the old and new value of every field it changed.

Audit trail: one 'import' entry for the operation (counts, mapping, file hash) covers the
persons it created (they are listed in its operation changes and their first status
entry names the import); each updated person gets its own entry with every field's old
and new value, as a hand edit does.

Undo (`undo_import`): a person the import created and nobody touched since (same version,
on no list, in no liaison entry) is deleted for good: it was never really on the roster.
One touched since is moved to the trash instead, so that the work done on it can still be
restored. An updated person gets its old values back only if every field the import
changed still holds the imported value; otherwise it is left alone and reported as a
conflict. Households the import created are removed once empty. Undoing twice is refused.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.errors import DatabaseError, DuplicateValue, TransitionRefused, ValidationError
from desktop_app.domain.person import FIELDS_BY_KEY, normalize_document_number
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.services.backups import backup_before
from desktop_app.services.importing.model import (
    ImportPreview,
    ImportResult,
    ImportSummary,
    Outcome,
    PreviewRow,
    UndoConflict,
    UndoResult,
)
from desktop_app.services.importing.new import RefusedRow, household_ids, insert_new_persons, json_value
from desktop_app.services.importing.preview import ImportCancelled
from desktop_app.services.importing.roster import field_changes, person_state
from desktop_app.services.operations import changes_of, mark_undone, undoable
from desktop_app.services.persons import apply_changes, validated_changes
from desktop_app.services.search_index import reindex
from desktop_app.services.status import set_status
from desktop_app.storage.db import Database
from desktop_app.storage.models import (
    Document,
    Household,
    LiaisonPerson,
    ListMember,
    Operation,
    OperationChange,
    Person,
    Phone,
)

Progress = Callable[[int, int], bool]
KIND = "import"
CHUNK = 500


@accounts.guarded(Permission.IMPORT)
def commit_import(db: Database, preview: ImportPreview, *, operator: str, accept_duplicates_as_new: bool = False,
                  progress: Progress | None = None) -> ImportResult:
    """Write the preview's new and updated rows in one transaction (see the module docstring).

    Possible duplicates are left out unless `accept_duplicates_as_new`; rejected and
    unchanged rows are never written. Raises ImportCancelled when `progress` returns False,
    DuplicateValue when a case reference or record ID was taken since the preview, and
    ValidationError when a person the file updates changed so that the row no longer applies
    (moved to the trash, or a status change no longer legal), or when the server refuses a new
    row (named by file, sheet, row and column, PostgreSQL); nothing is written then.
    """
    creating = [r for r in preview.rows if r.outcome is Outcome.NEW
                or (accept_duplicates_as_new and r.outcome is Outcome.DUPLICATE)]
    updating = [r for r in preview.rows if r.outcome is Outcome.UPDATE]
    total = len(creating) + len(updating)

    def tick(done: int) -> None:
        if progress is not None and not progress(done, total):
            raise ImportCancelled("the import was cancelled; nothing was written", path=preview.path)

    tick(0)
    if total:
        backup_before(db, "import", operator=operator)  # kept for weeks, named by its reason
    try:
        with db.transaction() as session:
            operation = Operation(uuid=str(uuid_module.uuid4()), kind=KIND, at=audit.now(), operator=operator,
                                  file_name=preview.file_name, file_sha256=preview.file_sha256, sheet=preview.sheet,
                                  details="{}")
            session.add(operation)
            session.flush()
            created = insert_new_persons(session, creating, operation.id, operator, tick)
            updated = [_update_person(session, row, operation.id, operator) for row in updating]
            tick(total)
            counts = preview.counts
            counts = {"rows": len(preview.rows), "created": len(created), "updated": len(updated),
                      "unchanged": counts["unchanged"], "duplicates": counts["duplicate"],
                      "rejected": counts["rejected"]}
            details = {"counts": counts, "mapping": preview.mapping_by_header(), "header_row": preview.header_row,
                       "profile": preview.profile_name, "date_order": preview.date_order,
                       "duplicates_accepted_as_new": accept_duplicates_as_new, "format": preview.file_format}
            operation.details = audit.to_json(details)
            audit.record(session, operator, KIND, "operation", operation.uuid,
                         f"import #{operation.id} of {preview.file_name} ({preview.sheet}): {len(created)} created, "
                         f"{len(updated)} updated, {counts['rejected']} rejected",
                         details | {"file_sha256": preview.file_sha256})
            session.flush()
            import_id = operation.id
    except RefusedRow as refused:
        headers = {target: header for header, target in preview.mapping_by_header().items()}
        row = f"row {refused.row}" if refused.row else ""
        where = ", ".join(part for part in (preview.file_name, preview.sheet, row,
                                             headers.get(refused.column, refused.column)) if part)
        raise ValidationError(where, "", f"the database refused it ({refused.reason}); nothing was imported") from None
    except DatabaseError as exc:
        if not isinstance(exc.__cause__, IntegrityError):
            raise
        raise DuplicateValue("A case reference or record ID in the file was given to another person after the "
                             "preview; nothing was imported. Preview the file again.") from exc
    return ImportResult(import_id, len(preview.rows), len(created), len(updated), counts["unchanged"],
                        counts["duplicates"], counts["rejected"], tuple(created), tuple(updated))


def _update_person(session: Session, row: PreviewRow, operation_id: int, operator: str) -> int:
    """Apply an update row through the ORM with the same rules as a hand edit; returns the person id."""
    person = session.scalar(select(Person).where(Person.id == row.person_id).options(
        selectinload(Person.documents), selectinload(Person.phones), selectinload(Person.household)))
    if person is None or person.deleted_at is not None or person.merged_into_id is not None:
        raise ValidationError(f"row {row.row}", row.case_ref, "was deleted or merged since the preview; "
                              "nothing was imported. Preview the file again.")
    try:
        changes = field_changes(person_state(person), row.data)
    except (ValidationError, TransitionRefused) as exc:
        raise ValidationError(f"row {row.row}", row.case_ref, f"{exc.message}; nothing was imported") from None
    columns = {c.field: c.new for c in changes if c.field in FIELDS_BY_KEY}
    before: dict[str, Any] = {"fields": {c.field: json_value(c.old) for c in changes if c.field in FIELDS_BY_KEY},
                              "after": {k: json_value(v) for k, v in columns.items()}}
    changed = apply_changes(session, person, columns, operator)
    added_documents = [Document(doc_type=d.doc_type.value, number=d.number,
                                number_key=normalize_document_number(d.number), issuing_country=d.issuing_country,
                                issue_date=d.issue_date, expiry_date=d.expiry_date)
                       for d in row.data.documents
                       if any(c.field == "document" and c.new.endswith(d.number) for c in changes)]
    added_phones = [Phone(e164=c.new, label="") for c in changes if c.field == "phone"]
    person.documents.extend(added_documents)
    person.phones.extend(added_phones)
    status_change = next((c for c in changes if c.field == "status"), None)
    if status_change is not None:
        set_status(session, person, Status(status_change.new), operator=operator, reason=f"import #{operation_id}",
                   operation_id=operation_id)
    household = next((c for c in changes if c.field == "household_ref"), None)
    if household is not None:
        before["household_id"] = [person.household_id, _household_id(session, household.new, operation_id, operator)]
        person.household_id = before["household_id"][1]
    if added_documents or added_phones or household is not None:
        person.updated_at = audit.now()
        person.updated_by = operator
        reindex(session, person)
    session.flush()
    before["documents"] = [d.id for d in added_documents]
    before["phones"] = [p.id for p in added_phones]
    before["status"] = [status_change.old, status_change.new] if status_change else None
    shown = {c.field: [json_value(c.old), json_value(c.new)] for c in changes}
    audit.record(session, operator, "update", "person", person.uuid,
                 f"import #{operation_id}: {person.case_ref}: {', '.join(shown)}", shown | changed)
    session.add(OperationChange(operation_id=operation_id, entity="person", entity_id=person.id, change="updated",
                                before=audit.to_json(before)))
    return person.id


def _household_id(session: Session, ref: str, operation_id: int, operator: str) -> int:
    return household_ids(session, [ref], operation_id, operator)[ref]


# --- undo ------------------------------------------------------------------------------------------

@accounts.guarded(Permission.IMPORT)
def undo_import(db: Database, import_id: int, *, operator: str) -> UndoResult:
    """Take back import `import_id` as a whole (see the module docstring); refuses a second undo."""
    with db.transaction() as session:
        operation = undoable(session, import_id, KIND)
        changes = changes_of(session, import_id)
        conflicts: list[UndoConflict] = []
        restored = 0
        for change in changes:
            if change.entity == "person" and change.change == "updated":
                conflict = _restore(session, change, import_id, operator)
                if conflict is None:
                    restored += 1
                else:
                    conflicts.append(conflict)
        created = {c.entity_id: json.loads(c.before).get("version", 1) for c in changes
                   if c.entity == "person" and c.change == "created"}
        deleted, trashed = _remove_created(session, created, import_id, operator)
        _remove_empty_households(session, [c.entity_id for c in changes
                                           if c.entity == "household" and c.change == "created"])
        mark_undone(operation, operator)
        audit.record(session, operator, "undo-import", "operation", operation.uuid,
                     f"undid import #{import_id} of {operation.file_name}: {deleted} removed, {trashed} to the trash, "
                     f"{restored} restored, {len(conflicts)} conflicts",
                     {"deleted": deleted, "trashed": trashed, "restored": restored,
                      "conflicts": [c.case_ref for c in conflicts]})
    return UndoResult(import_id, deleted, trashed, restored, tuple(conflicts))


def _restore(session: Session, change: OperationChange, import_id: int, operator: str) -> UndoConflict | None:
    before = json.loads(change.before)
    person = session.get(Person, change.entity_id)
    if person is None:
        return UndoConflict(change.entity_id, "?", "the person no longer exists")
    moved = [key for key, value in before["after"].items() if json_value(getattr(person, key)) != value]
    status = before.get("status")
    if status and person.status != status[1]:
        moved.append("status")
    household = before.get("household_id")
    if household and person.household_id != household[1]:
        moved.append("household")
    if person.deleted_at is not None:
        moved.append("moved to the trash")
    if moved:
        return UndoConflict(person.id, person.case_ref, f"changed since the import ({', '.join(moved)}); "
                            "left as it is")
    changed = apply_changes(session, person, validated_changes(before["fields"]), operator)
    for document in [d for d in person.documents if d.id in before.get("documents", [])]:
        person.documents.remove(document)
    for phone in [p for p in person.phones if p.id in before.get("phones", [])]:
        person.phones.remove(phone)
    if household:
        person.household_id = household[0]
    if status:
        set_status(session, person, Status(status[0]), operator=operator, reason=f"undo of import #{import_id}",
                   check=False)
    session.flush()
    reindex(session, person)
    audit.record(session, operator, "update", "person", person.uuid,
                 f"undo of import #{import_id}: {person.case_ref} restored", changed)
    return None


def _remove_created(session: Session, created: dict[int, int], import_id: int, operator: str) -> tuple[int, int]:
    ids = sorted(created)
    untouched: list[int] = []
    touched: list[tuple[int, str, str]] = []
    for chunk in _chunks(ids):
        rows = session.execute(select(Person.id, Person.version, Person.deleted_at, Person.uuid, Person.case_ref)
                               .where(Person.id.in_(chunk))).all()
        busy = _busy(session, chunk)
        for row in rows:
            if row.version == created[row.id] and row.deleted_at is None and row.id not in busy:
                untouched.append(row.id)
            elif row.deleted_at is None:
                touched.append((row.id, row.uuid, row.case_ref))
    stamp = audit.now()
    for chunk in _chunks(untouched):
        session.execute(update(Household).where(Household.head_person_id.in_(chunk)).values(head_person_id=None))
        session.execute(delete(Person).where(Person.id.in_(chunk)))
    for person_id, uuid, case_ref in touched:
        session.execute(update(Person).where(Person.id == person_id).values(deleted_at=stamp, deleted_by=operator))
        audit.record(session, operator, "delete", "person", uuid,
                     f"undo of import #{import_id}: {case_ref} was changed since, moved to the trash")
    return len(untouched), len(touched)


def _busy(session: Session, ids: Sequence[int]) -> set[int]:
    """Persons among `ids` that work since the import refers to: lists, liaison entries, merges."""
    busy = set(session.scalars(select(ListMember.person_id).where(ListMember.person_id.in_(ids))))
    busy |= set(session.scalars(select(LiaisonPerson.person_id).where(LiaisonPerson.person_id.in_(ids))))
    busy |= set(session.scalars(select(Person.merged_into_id).where(Person.merged_into_id.in_(ids))))
    return busy


def _remove_empty_households(session: Session, household_ids: Iterable[int]) -> None:
    for household_id in household_ids:
        has_members = session.scalar(select(exists().where(Person.household_id == household_id)))
        if not has_members:
            session.execute(delete(Household).where(Household.id == household_id))


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


# --- history ---------------------------------------------------------------------------------------

def list_imports(db: Database, *, limit: int = 200) -> list[ImportSummary]:
    """The most recent imports first."""
    with db.reading() as session:
        operations = session.scalars(select(Operation).where(Operation.kind == KIND)
                                     .order_by(Operation.id.desc()).limit(limit))
        return [ImportSummary(o.id, o.uuid, o.at, o.operator, o.file_name, o.file_sha256, o.sheet,
                              json.loads(o.details or "{}").get("counts", {}), o.undone_at, o.undone_by)
                for o in operations]
