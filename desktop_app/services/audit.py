"""The audit trail: every create, change, delete, import and export, hash-chained.

Each entry's hash covers who did what to which record and when, a digest of the entry's
content, and the previous entry's hash, so an entry edited or removed afterwards breaks the
chain at that point (`verify_chain`). Because the chain holds the content's digest rather
than the content, closing a crisis can redact what an entry said about a person (`redact`)
and the chain still verifies. Entries written before digests existed chain their content
directly and cannot be redacted.

A redaction is itself a chained entry (action `redact`) listing the entries it blanked;
`verify_chain` refuses any blanked entry that no earlier-written redaction entry covers, so
an UPDATE made with the trigger dropped is caught.

The end of the chain is kept outside the database too: after every commit that added entries,
the head (last id, its hash, the first entry's hash) is written to `ROSTER.audit-head` beside a
roster file (`head_file`). Entries cut from the end are then reported by `verify_chain`, and the
next entry takes the id after the recorded head, so no id is handed out twice. Usage:

    with db.transaction() as session:
        audit.record(session, operator, "update", "person", person.uuid, "edited MR-000012", changes)
    report = audit.verify_chain(db)   # report.intact, report.problem
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry

P = ParamSpec("P")
R = TypeVar("R")

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
TRAIL_KEY = "trail"  # in the first entry's changes: a random id of the trail
_LAST_HASH_KEY = "audit_last_hash"
_LAST_ID_KEY = "audit_last_id"
_WRITTEN_KEY = "audit_written"  # the last entry this transaction added, for the head file
_CHAINED_TO_KEY = "audit_chained_to"  # the hash this transaction's first entry follows
HEAD_SUFFIX = ".audit-head"
REDACT_ACTION = "redact"
RESTORE_ACTION = "restore"  # a restored roster's trail legitimately ends before the head it replaced
REPLACED_HEAD_KEY = "replaced_head"  # in a restore entry: {last_id, last_hash} of the trail it replaced


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
        prev_hash, last_id = _chain_end(session, action)
        session.info[_CHAINED_TO_KEY] = prev_hash
    else:
        last_id = session.info[_LAST_ID_KEY]
    at = now()
    key = str(entity_key)
    if prev_hash == GENESIS_HASH:
        # A trail's first entry names the trail, so that two rosters begun alike (the demonstration
        # roster, or one sheet imported in the same second) still begin with different hashes: the
        # first hash is how a backup of another roster is told from this roster's own.
        changes = {**(changes or {}), TRAIL_KEY: uuid.uuid4().hex}
    changes_json = to_json(changes or {})
    digest = content_digest(at, operator, action, entity, key, summary, changes_json)
    # The id is given, not left to the database: after a cut tail SQLite would hand out the cut ids again.
    entry = AuditEntry(id=last_id + 1, at=at, operator=operator, action=action, entity=entity, entity_key=key,
                       summary=summary, changes=changes_json, prev_hash=prev_hash, content_digest=digest,
                       hash=chained_hash(prev_hash, at, operator, action, entity, key, digest))
    session.add(entry)
    session.info[_LAST_HASH_KEY] = entry.hash
    session.info[_LAST_ID_KEY] = entry.id
    session.info[_WRITTEN_KEY] = entry
    return entry


def _chain_end(session: Session, action: str) -> tuple[str, int]:
    """The hash to chain to and the id to count from: the trail's last entry, or past the head
    recorded outside when entries were cut from the end (so their ids stay unused)."""
    last = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    if last is None:
        return GENESIS_HASH, 0
    last_id, last_hash = int(last[0]), str(last[1])
    head = read_head(_roster_path(session))
    if head is not None and action != RESTORE_ACTION and head.last_id > last_id \
            and not _replaced_by_restore(session, head):
        first = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id).limit(1))
        if first == head.first_hash:  # the same trail, shorter than it was: entries were removed
            log.warning("audit trail ends at entry %d, its recorded head is entry %d", last_id, head.last_id)
            return last_hash, head.last_id
    return last_hash, last_id


def _replaced_by_restore(session: Session, head: ChainHead) -> bool:
    """Whether `head` is the end of a trail a restore replaced (its entry says so): the head file of a
    restore killed between the swap and moving the restored roster's head beside it."""
    changes = session.scalar(select(AuditEntry.changes).where(AuditEntry.action == RESTORE_ACTION)
                             .order_by(AuditEntry.id.desc()).limit(1))
    try:
        replaced = json.loads(changes).get(REPLACED_HEAD_KEY) if changes else None
    except ValueError:
        return False
    return isinstance(replaced, dict) and (replaced.get("last_id"), replaced.get("last_hash")) == (
        head.last_id, head.last_hash)


# --- the head kept outside the database ------------------------------------------------------------

@dataclass(frozen=True)
class ChainHead:
    """The end of the chain as last committed: its entry's id (the count: ids run 1, 2, 3...) and hash."""

    last_id: int
    last_hash: str
    first_hash: str
    at: str = ""

    def to_json(self) -> str:
        return json.dumps({"entries": self.last_id, "last_id": self.last_id, "last_hash": self.last_hash,
                           "first_hash": self.first_hash, "at": self.at})


def head_file(roster: Path) -> Path:
    """Where the chain's head is kept beside the roster file `roster`."""
    return roster.with_name(roster.name + HEAD_SUFFIX)


def read_head(roster: Path | None) -> ChainHead | None:
    """The head recorded beside `roster`, or None (no file, a server database, unreadable)."""
    if roster is None:
        return None
    try:
        data = json.loads(head_file(roster).read_text(encoding="utf-8"))
        return ChainHead(int(data["last_id"]), str(data["last_hash"]), str(data["first_hash"]), str(data.get("at", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("audit head file unreadable: %s", exc)
        return None


def chain_head(session: Session) -> ChainHead | None:
    """The head of the trail in this session's database (for a backup's own record), None when empty."""
    last = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    if last is None:
        return None
    first = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id).limit(1)) or GENESIS_HASH
    return ChainHead(int(last[0]), str(last[1]), first)


def write_head(roster: Path, head: ChainHead) -> None:
    """Replace the head file beside `roster` atomically; a failure is logged, never raised (the
    commit it follows is already made)."""
    target = head_file(roster)
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(head.to_json())
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError as exc:
        log.warning("audit head not written beside the roster: %s", exc.strerror or exc)


def _roster_path(session: Session) -> Path | None:
    bind = session.get_bind()
    url = bind.engine.url if hasattr(bind, "engine") else None
    if url is None or url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    written: AuditEntry | None = session.info.pop(_WRITTEN_KEY, None)
    chained_to = session.info.pop(_CHAINED_TO_KEY, None)
    session.info.pop(_LAST_HASH_KEY, None)
    session.info.pop(_LAST_ID_KEY, None)
    if written is None:
        return
    roster = _roster_path(session)
    if roster is None:
        return
    first = written.hash if written.prev_hash == GENESIS_HASH else None
    if first is None:
        known = read_head(roster)
        # The head's first entry is taken over only when this transaction continued that head: a head
        # of another trail would otherwise be copied forward and switch the end-of-trail check off.
        first = known.first_hash if known is not None and known.last_hash == chained_to else None
    if first is None:
        with contextlib.closing(session.get_bind().connect()) as connection:  # type: ignore[union-attr]
            first = connection.scalar(select(AuditEntry.hash).order_by(AuditEntry.id).limit(1)) or GENESIS_HASH
    write_head(roster, ChainHead(written.id, written.hash, first, written.at.isoformat()))


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    for key in (_WRITTEN_KEY, _LAST_HASH_KEY, _LAST_ID_KEY, _CHAINED_TO_KEY):
        session.info.pop(key, None)


REDACTED = "[redacted when the crisis was closed]"


def redact(session: Session, entity: str, entity_keys: Iterable[str], *, operator: str, reason: str) -> int:
    """Blank the content of every entry about these records (inside the caller's transaction);
    who acted, when, and on which record stay, and so does the chain. A `redact` entry records
    which entries were blanked and why. Returns how many."""
    keys = list(entity_keys)
    ids: list[int] = []
    for start in range(0, len(keys), 500):
        ids += session.scalars(select(AuditEntry.id).where(
            AuditEntry.entity == entity, AuditEntry.entity_key.in_(keys[start:start + 500]),
            AuditEntry.redacted_at.is_(None), AuditEntry.content_digest.is_not(None),
            AuditEntry.action != REDACT_ACTION))
    return redact_entries(session, ids, operator=operator, reason=reason)


def redact_entries(session: Session, entry_ids: Iterable[int], *, operator: str, reason: str) -> int:
    """Blank the content of these entries and record a chained `redact` entry naming them."""
    ids = sorted(set(entry_ids))
    if not ids:
        return 0
    stamp = now()
    count = 0
    for start in range(0, len(ids), 500):
        result = session.execute(
            update(AuditEntry).where(AuditEntry.id.in_(ids[start:start + 500]), AuditEntry.redacted_at.is_(None),
                                     AuditEntry.content_digest.is_not(None))
            .values(summary=REDACTED, changes="{}", redacted_at=stamp).execution_options(synchronize_session=False))
        count += result.rowcount  # type: ignore[attr-defined]
    record(session, operator, REDACT_ACTION, "audit", f"{ids[0]}-{ids[-1]}",
           f"redacted {count} audit entries ({reason})", {"entries": ids, "reason": reason})
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


def _needs_search(function: Callable[P, R]) -> Callable[P, R]:
    """`accounts.guarded(Permission.SEARCH)` for this module's reads (the trail names persons and what
    changed about them): made at the first call, as services.accounts records through this module and
    cannot be imported while it loads; services.accounts lists them in its GUARDS."""
    from desktop_app.domain.roles import Permission

    made: list[Callable[P, R]] = []

    @functools.wraps(function)
    def entry(*args: P.args, **kwargs: P.kwargs) -> R:
        if not made:
            from desktop_app.services import accounts

            made.append(accounts.guarded(Permission.SEARCH)(function))
        return made[0](*args, **kwargs)

    entry.permission = Permission.SEARCH  # type: ignore[attr-defined]
    return entry


@_needs_search
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
        views = [AuditView(e.id, e.at, e.operator, e.action, e.entity, e.entity_key, e.summary, json.loads(e.changes))
                 for e in session.scalars(query)]
    from desktop_app.domain.roles import Permission  # below: services.accounts imports this module
    from desktop_app.services import accounts

    if views and not accounts.may(db, Permission.READ_NOTES):  # issue 20: old and new notes stay unread
        views = [replace(view, changes={key: WITHHELD if key in NOTE_KEYS else value
                                        for key, value in view.changes.items()}) for view in views]
    return views


NOTE_KEYS = ("medical", "notes")  # the changes a role without READ_NOTES does not read
WITHHELD = "(withheld)"


@_needs_search
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
    """Recompute every hash in order; report the first entry that does not fit, a blanked entry no
    redaction entry covers, ids missing in the sequence, and entries missing since the head kept
    beside the roster file."""
    prev = GENESIS_HASH
    count = 0
    last_id = 0
    first_hash = GENESIS_HASH
    redacted: list[tuple[int, str, str]] = []  # (id, entity, entity_key) of blanked entries
    covered: set[int] = set()
    retained_keys: list[tuple[int, set[str]]] = []  # before redaction entries existed: retention's uuids
    with db.reading() as session:
        total = session.scalar(select(func.count(AuditEntry.id))) or 0
        for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000)):
            count += 1
            if entry.prev_hash != prev:
                return ChainReport(total, entry.id, f"entry {entry.id} does not follow the entry before it "
                                                    "(an entry was removed or inserted)")
            if db.is_sqlite and entry.id != last_id + 1:
                return ChainReport(total, last_id + 1, _missing(last_id + 1, entry.id - 1, f"before entry {entry.id}"))
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
            if entry.redacted_at is not None:
                if entry.action == REDACT_ACTION:
                    return ChainReport(total, entry.id, f"entry {entry.id}, a redaction record, was blanked")
                redacted.append((entry.id, entry.entity, entry.entity_key))
            elif entry.action == REDACT_ACTION:
                covered.update(i for i in json.loads(entry.changes).get("entries", []) if i < entry.id)
            elif entry.action.startswith("retention_"):
                retained_keys.append((entry.id, set(json.loads(entry.changes).get("uuids", []))))
            if count == 1:
                first_hash = entry.hash
            prev = entry.hash
            last_id = entry.id
    for entry_id, entity, key in redacted:
        legacy = entity == "person" and any(entry_id < at and key in keys for at, keys in retained_keys)
        if entry_id not in covered and not legacy:
            return ChainReport(count, entry_id, f"entry {entry_id} was blanked without a redaction record (a "
                                                "redaction is made only by retention and is itself an entry)")
    head = read_head(db.target.path)
    if count and head is None and db.target.path is not None and head_file(db.target.path).exists():
        return ChainReport(count, last_id, f"the head of the trail recorded beside the roster "
                                           f"({head_file(db.target.path).name}) cannot be read: it was damaged or "
                                           "replaced, so entries cut from the end would not show")
    if count and head is not None and head.first_hash != first_hash:
        return ChainReport(count, 1, "the trail does not begin with the entry recorded beside the roster as its "
                                     "first: it was rewritten from its first entry, or the roster file was "
                                     "replaced by another roster's")
    if head is not None and count and head.first_hash == first_hash:
        with db.reading() as session:
            if _replaced_by_restore(session, head):
                return ChainReport(count, None, "")
        if head.last_id > last_id:
            return ChainReport(count, last_id + 1, _missing(last_id + 1, head.last_id, "at the end of the trail")
                               + f" (the last head recorded beside the roster is entry {head.last_id}"
                               + (f", written {head.at}" if head.at else "") + ")")
        with db.reading() as session:
            known = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == head.last_id))
        if known != head.last_hash:
            return ChainReport(count, head.last_id, f"entry {head.last_id} is not the entry recorded as the head "
                                                    "beside the roster (the end of the trail was rewritten)")
    return ChainReport(count, None, "")


def _missing(first: int, last: int, where: str) -> str:
    many = last - first + 1
    ids = f"entry {first}" if many == 1 else f"entries {first}-{last}"
    return f"{many} {'entry is' if many == 1 else 'entries are'} missing {where}: {ids} (removed)"
