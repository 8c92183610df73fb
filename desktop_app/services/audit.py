"""The audit trail: every create, change, delete, import and export, hash-chained.

Each entry's hash covers its content and the previous entry's hash, so an entry edited
or removed afterwards breaks the chain at that point (`verify_chain`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry

GENESIS_HASH = "0" * 64
_LAST_HASH_KEY = "audit_last_hash"


def now() -> dt.datetime:
    """The time stamp used on records: local wall-clock time, to the second."""
    return dt.datetime.now().replace(microsecond=0)


def _json_default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def entry_hash(prev_hash: str, at: dt.datetime, operator: str, action: str, entity: str,
               entity_key: str, summary: str, changes: str) -> str:
    payload = json.dumps([prev_hash, at.isoformat(), operator, action, entity, entity_key, summary, changes],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(session: Session, operator: str, action: str, entity: str, entity_key: object,
           summary: str = "", changes: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry inside the caller's transaction."""
    prev_hash = session.info.get(_LAST_HASH_KEY)
    if prev_hash is None:
        prev_hash = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS_HASH
    at = now()
    changes_json = to_json(changes or {})
    digest = entry_hash(prev_hash, at, operator, action, entity, str(entity_key), summary, changes_json)
    entry = AuditEntry(at=at, operator=operator, action=action, entity=entity, entity_key=str(entity_key),
                       summary=summary, changes=changes_json, prev_hash=prev_hash, hash=digest)
    session.add(entry)
    session.info[_LAST_HASH_KEY] = digest
    return entry


@dataclass(frozen=True)
class AuditView:
    id: int
    at: dt.datetime
    operator: str
    action: str
    entity: str
    entity_key: str
    summary: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class AuditFilter:
    operator: str | None = None
    entity: str | None = None
    entity_key: str | None = None
    action: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def browse(db: Database, where: AuditFilter = AuditFilter(), *, limit: int = 500, offset: int = 0) -> list[AuditView]:
    """Entries newest first, filtered by operator, record, action and time."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    if where.operator:
        query = query.where(AuditEntry.operator == where.operator)
    if where.entity:
        query = query.where(AuditEntry.entity == where.entity)
    if where.entity_key:
        query = query.where(AuditEntry.entity_key == where.entity_key)
    if where.action:
        query = query.where(AuditEntry.action == where.action)
    if where.since:
        query = query.where(AuditEntry.at >= where.since)
    if where.until:
        query = query.where(AuditEntry.at < where.until)
    with db.reading() as session:
        return [AuditView(e.id, e.at, e.operator, e.action, e.entity, e.entity_key, e.summary, json.loads(e.changes))
                for e in session.scalars(query)]


def operators(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(AuditEntry.operator).distinct().order_by(AuditEntry.operator)))


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_bad_id: int | None
    problem: str

    @property
    def intact(self) -> bool:
        return self.first_bad_id is None


def verify_chain(db: Database) -> ChainReport:
    """Recompute every hash in order; report the first entry that does not fit."""
    prev = GENESIS_HASH
    count = 0
    with db.reading() as session:
        total = session.scalar(select(func.count(AuditEntry.id))) or 0
        for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000)):
            count += 1
            if entry.prev_hash != prev:
                return ChainReport(total, entry.id, f"entry {entry.id} does not follow the entry before it "
                                                    "(an entry was removed or inserted)")
            expected = entry_hash(prev, entry.at, entry.operator, entry.action, entry.entity, entry.entity_key,
                                  entry.summary, entry.changes)
            if expected != entry.hash:
                return ChainReport(total, entry.id, f"entry {entry.id} was altered after it was written")
            prev = entry.hash
    return ChainReport(count, None, "")
