"""Insert an import's new persons in bulk with SQLAlchemy Core, inside the commit's transaction.

Per person this writes what `persons.new_person` writes (the person with its sort key and a
generated case reference when the file has none, documents, phones, search terms, the first
status entry) but as a few multi-row INSERTs per chunk of rows instead of one ORM unit of
work per person: measured on 100,000 rows, the ORM path costs minutes, this one seconds.
Households named by a household column are found by reference or created (and recorded in
the operation, so that undo can remove them once empty); a member whose relationship is
'head' becomes the head of a household that has none.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Callable, Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.person import PERSON_FIELDS, FieldKind, normalize_document_number
from desktop_app.domain.status import Status
from desktop_app.services import audit
from desktop_app.services.import_model import PreviewRow
from desktop_app.services.persons import next_generated_ref, search_terms_of, sort_key_of
from desktop_app.storage.models import Document, Household, OperationChange, Person, Phone, SearchTerm, StatusChange

CHUNK = 2000
_NONE_KINDS = (FieldKind.SEX, FieldKind.PARTIAL_DATE, FieldKind.DATE, FieldKind.RELATIONSHIP)
_DEFAULTS: dict[str, Any] = {spec.key: False if spec.kind is FieldKind.BOOL else None if spec.kind in _NONE_KINDS
                             else "" for spec in PERSON_FIELDS}


def json_value(value: Any) -> Any:
    """A column value as JSON keeps it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def insert_new_persons(session: Session, rows: Sequence[PreviewRow], operation_id: int, operator: str,
                       tick: Callable[[int], None]) -> list[int]:
    """Insert `rows` as new persons; returns their ids in row order. `tick(done)` may raise to cancel."""
    refs = sorted({row.data.household_ref for row in rows if row.data.household_ref})
    households = household_ids(session, refs, operation_id, operator) if refs else {}
    created: list[int] = []
    stamp = audit.now()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        people = [_person_row(session, row, households, stamp, operator) for row in chunk]
        ids = list(session.scalars(insert(Person.__table__).returning(Person.__table__.c.id,
                                                                      sort_by_parameter_order=True), people))
        _children(session, chunk, people, ids, operation_id, stamp, operator)
        created.extend(ids)
        tick(start + len(chunk))
    if households:
        _set_heads(session, rows, created, households)
    return created


def _person_row(session: Session, row: PreviewRow, households: dict[str, int], stamp: dt.datetime,
                operator: str) -> dict[str, Any]:
    values = _DEFAULTS | row.data.fields
    if not values["case_ref"]:
        values["case_ref"] = next_generated_ref(session)
    values.update(uuid=row.data.uuid or str(uuid_module.uuid4()), status=row.data.status or Status.REGISTERED.value,
                  household_id=households.get(row.data.household_ref or ""), merged_into_id=None, deleted_at=None,
                  deleted_by=None, version=1, created_at=stamp, created_by=operator, updated_at=stamp,
                  updated_by=operator)
    values["sort_key"] = sort_key_of(SimpleNamespace(**values))  # type: ignore[arg-type]
    return values


def _children(session: Session, chunk: Sequence[PreviewRow], people: list[dict[str, Any]], ids: list[int],
              operation_id: int, stamp: dt.datetime, operator: str) -> None:
    documents: list[dict[str, Any]] = []
    phones: list[dict[str, Any]] = []
    terms: list[dict[str, Any]] = []
    statuses: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for row, person, person_id in zip(chunk, people, ids, strict=True):
        own_documents = [dict(person_id=person_id, doc_type=d.doc_type.value, number=d.number,
                              number_key=normalize_document_number(d.number), issuing_country=d.issuing_country,
                              issue_date=d.issue_date, expiry_date=d.expiry_date) for d in row.data.documents]
        own_phones = [dict(person_id=person_id, e164=e164, label="") for e164 in row.data.phones]
        documents += own_documents
        phones += own_phones
        shape = SimpleNamespace(**person, documents=[SimpleNamespace(**d) for d in own_documents],
                                phones=[SimpleNamespace(**p) for p in own_phones])
        terms += [dict(person_id=person_id, term=term) for term in search_terms_of(shape)]  # type: ignore[arg-type]
        statuses.append(dict(person_id=person_id, from_status=None, to_status=person["status"],
                             reason=f"registered by import #{operation_id}", list_id=None,
                             operation_id=operation_id, at=stamp, operator=operator))
        changes.append(dict(operation_id=operation_id, entity="person", entity_id=person_id, change="created",
                            before='{"version": 1}'))
    for model, values in ((Document, documents), (Phone, phones), (SearchTerm, terms), (StatusChange, statuses),
                          (OperationChange, changes)):
        if values:
            session.execute(insert(model.__table__), values)


def household_ids(session: Session, refs: Iterable[str], operation_id: int, operator: str) -> dict[str, int]:
    """Household id by reference, creating the households the roster does not have yet."""
    wanted = sorted(set(refs))
    found: dict[str, int] = {ref: household_id for ref, household_id in
                             session.execute(select(Household.ref, Household.id).where(Household.ref.in_(wanted)))}
    missing = [ref for ref in wanted if ref not in found]
    if missing:
        stamp = audit.now()
        rows = [dict(uuid=str(uuid_module.uuid4()), ref=ref, name=ref, head_person_id=None, notes="",
                     created_at=stamp, created_by=operator, updated_at=stamp, updated_by=operator) for ref in missing]
        ids = session.scalars(insert(Household.__table__).returning(Household.__table__.c.id,
                                                                    sort_by_parameter_order=True), rows)
        new = dict(zip(missing, ids, strict=True))
        session.execute(insert(OperationChange.__table__), [
            dict(operation_id=operation_id, entity="household", entity_id=household_id, change="created", before="{}")
            for household_id in new.values()])
        found.update(new)
    return found


def _set_heads(session: Session, rows: Sequence[PreviewRow], ids: list[int], households: dict[str, int]) -> None:
    heads: dict[int, int] = {}
    for row, person_id in zip(rows, ids, strict=True):
        if row.data.fields.get("relationship") == "head" and row.data.household_ref:
            heads.setdefault(households[row.data.household_ref], person_id)
    if heads:
        table = Household.__table__
        session.execute(update(table).where(table.c.id == bindparam("household"), table.c.head_person_id.is_(None))
                        .values(head_person_id=bindparam("head")),
                        [{"household": household_id, "head": person_id} for household_id, person_id in heads.items()])
