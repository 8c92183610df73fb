"""The audit trail: every create, change, delete, import and export, hash-chained.

Each entry's hash covers who did what to which record and when, a digest of the entry's
content, and the previous entry's hash, so an entry edited or removed afterwards breaks the
chain at that point (`verify_chain`). Because the chain holds the content's digest rather
than the content, closing a crisis can redact what an entry said about a person (`redact`)
and the chain still verifies. Entries written before digests existed chain their content
directly and cannot be redacted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
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
    """The hash of an entry written before content digests (it chains the content itself)."""
    payload = json.dumps([prev_hash, at.isoformat(), operator, action, entity, entity_key, summary, changes],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def content_digest(at: dt.datetime, operator: str, action: str, entity: str, entity_key: str, summary: str,
                   changes: str) -> str:
    payload = json.dumps([at.isoformat(), operator, action, entity, entity_key, summary, changes], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chained_hash(prev_hash: str, at: dt.datetime, operator: str, action: str, entity: str, entity_key: str,
                 digest: str) -> str:
    payload = json.dumps([prev_hash, at.isoformat(), operator, action, entity, entity_key, digest],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(session: Session, operator: str, action: str, entity: str, entity_key: object,
           summary: str = "", changes: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry inside the caller's transaction."""
    prev_hash = session.info.get(_LAST_HASH_KEY)
    if prev_hash is None:
        prev_hash = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS_HASH
    at = now()
    key = str(entity_key)
    changes_json = to_json(changes or {})
    digest = content_digest(at, operator, action, entity, key, summary, changes_json)
    entry = AuditEntry(at=at, operator=operator, action=action, entity=entity, entity_key=key, summary=summary,
                       changes=changes_json, prev_hash=prev_hash, content_digest=digest,
                       hash=chained_hash(prev_hash, at, operator, action, entity, key, digest))
    session.add(entry)
    session.info[_LAST_HASH_KEY] = entry.hash
    return entry


REDACTED = "[redacted when the crisis was closed]"


def redact(session: Session, entity: str, entity_keys: Iterable[str]) -> int:
    """Blank the content of every entry about these records (inside the caller's transaction);
    who acted, when, and on which record stay, and so does the chain. Returns how many."""
    keys = list(entity_keys)
    stamp = now()
    count = 0
    for start in range(0, len(keys), 500):
        result = session.execute(
            update(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_key.in_(keys[start:start + 500]),
                                     AuditEntry.redacted_at.is_(None), AuditEntry.content_digest.is_not(None))
            .values(summary=REDACTED, changes="{}", redacted_at=stamp).execution_options(synchronize_session=False))
        count += result.rowcount  # type: ignore[attr-defined]
    return count


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
            if entry.content_digest is None:
                expected = entry_hash(prev, entry.at, entry.operator, entry.action, entry.entity, entry.entity_key,
                                      entry.summary, entry.changes)
            else:
                if entry.redacted_at is not None and (entry.summary, entry.changes) != (REDACTED, "{}"):
                    return ChainReport(total, entry.id, f"entry {entry.id} is marked redacted but holds content")
                if entry.redacted_at is None and entry.content_digest != content_digest(
                        entry.at, entry.operator, entry.action, entry.entity, entry.entity_key, entry.summary,
                        entry.changes):
                    return ChainReport(total, entry.id, f"entry {entry.id} was altered after it was written")
                expected = chained_hash(prev, entry.at, entry.operator, entry.action, entry.entity,
                                        entry.entity_key, entry.content_digest)
            if expected != entry.hash:
                return ChainReport(total, entry.id, f"entry {entry.id} was altered after it was written")
            prev = entry.hash
    return ChainReport(count, None, "")
