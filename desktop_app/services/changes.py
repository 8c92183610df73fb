"""Changes to the roster made elsewhere (another window, a command, another workstation), without Qt.

A `ChangeWatcher` keeps its own connection to the roster and says when another connection
committed something, and what kinds of records it touched:

- on SQLite by `PRAGMA data_version`, which changes when any other connection commits; the
  audit entries written since the last look then say what changed (each entry's record kind);
- on PostgreSQL by `LISTEN roster_changes`: migration 0011's trigger on `audit_entries` sends
  one notification per record kind and action at each commit (PostgreSQL folds duplicates); the
  audit entries past the last head are then read for their ids, as on SQLite.

Every change to a record is audited, so a commit that wrote no audit entry is not news: each
program that opens a SQLite roster commits planner statistics (ANALYZE), which would otherwise
reload every open window. More new entries than are worth reading, or a trail that went back
(a restored roster), are reported as `ALL_KINDS`: read everything again. Usage, in a thread of
its own:

    watcher = ChangeWatcher(db)               # the baseline: what is committed now
    change = watcher.poll(timeout=0.5)        # None, or Change(kinds=frozenset({"persons"}), entries=1)
    stop = threading.Event()
    threading.Thread(target=watcher.watch, args=(print, stop), daemon=True).start()
    ...
    stop.set()                                # watch() closes the watcher's connection and returns

The watcher's connection is opened in the thread that polls first (sqlite3 connections belong
to one thread), so create it anywhere and poll it from one thread only.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select

from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 0.25  # SQLite: how often data_version is read; PostgreSQL: how long one wait lasts
MAX_ENTRIES = 500  # more new audit entries than this: report everything rather than read them all
CHANNEL = "roster_changes"  # the channel of migration 0011's trigger

# Record kinds, as the screens think of them.
PERSONS = "persons"
HOUSEHOLDS = "households"
LISTS = "lists"
PARTNERS = "partners"
LIAISON = "liaison"
OPERATIONS = "operations"
EXPORTS = "exports"
PROFILES = "profiles"
SETTINGS = "settings"
BACKUPS = "backups"
ALL_KINDS = frozenset({PERSONS, HOUSEHOLDS, LISTS, PARTNERS, LIAISON, OPERATIONS, EXPORTS, PROFILES, SETTINGS,
                       BACKUPS})

# The audit trail's `entity` -> the kinds of records such an entry means changed.
ENTITY_KINDS: dict[str, frozenset[str]] = {
    "person": frozenset({PERSONS}),
    "household": frozenset({HOUSEHOLDS, PERSONS}),  # the roster shows each person's household
    "list": frozenset({LISTS}),
    "organization": frozenset({PARTNERS}),
    "contact": frozenset({PARTNERS}),
    "liaison": frozenset({LIAISON}),
    # One entry for a whole import, reconciliation, merge or status operation (or its undo).
    "operation": frozenset({OPERATIONS, PERSONS, HOUSEHOLDS, LISTS}),
    "export": frozenset({EXPORTS}),
    "export_persons": frozenset({EXPORTS}),  # the persons of a large export, listed apart
    "reconcile_report": frozenset({EXPORTS}),
    "export_profile": frozenset({PROFILES}),
    "mapping_profile": frozenset({PROFILES}),
    "setting": frozenset({SETTINGS}),
    "message_template": frozenset({PROFILES}),  # kept like export profiles
    "site": frozenset({SETTINGS}),
    # A roster package's import (or its undo) brings persons, households, lists and answers; its export is a file.
    "package": frozenset({OPERATIONS, PERSONS, HOUSEHOLDS, LISTS, EXPORTS}),
    # Accounts (sign-ins, roles) are shown with the settings; a refused permission changed nothing.
    "account": frozenset({SETTINGS}),
    "permission": frozenset(),
}


@dataclass(frozen=True)
class Change:
    """What another connection committed since the last look."""

    kinds: frozenset[str]
    entries: int  # audit entries behind it (0 when nothing says what changed)
    ids: frozenset[int] = frozenset()  # those entries' ids, when known (empty: unknown)


@dataclass(frozen=True)
class OwnCommit:
    """What one of our own writes committed: the audit entries `after` < id <= `head`, and their kinds.

    The window announces `kinds` itself, and the watcher's later word about the same entries is
    then not news (`covers`)."""

    after: int
    head: int
    kinds: frozenset[str]

    def covers(self, entry_id: int) -> bool:
        return self.after < entry_id <= self.head


def kinds_of(entity: str, action: str) -> frozenset[str]:
    """The record kinds one audit entry says changed: `kinds_of("person", "status") == {"persons"}`."""
    if entity == "roster":  # a backup changes no record; a restore or retention run may change them all
        return frozenset({BACKUPS}) if action == "backup" else ALL_KINDS
    return ENTITY_KINDS.get(entity, ALL_KINDS)


def change_of(entries: Iterable[tuple[str, str]], ids: Iterable[int] = ()) -> Change:
    """One Change for audit entries given as (entity, action) pairs (and their ids, when known)."""
    kinds: set[str] = set()
    count = 0
    for entity, action in entries:
        kinds |= kinds_of(entity, action)
        count += 1
    return Change(frozenset(kinds) if count else ALL_KINDS, count, frozenset(ids))


def can_watch(db: Database) -> bool:
    """Whether changes to `db` can be watched: a roster file, or a PostgreSQL database."""
    return (db.engine.dialect.name == "sqlite" and db.target.path is not None) or db.engine.dialect.name == "postgresql"


def audit_head(db: Database) -> int:
    """The id of the newest audit entry (0 for an empty trail)."""
    with db.reading() as session:
        return int(session.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())


def committed_since(db: Database, after: int) -> OwnCommit:
    """What was committed to the audit trail past entry `after`: read by a write right after its commit
    (entries another connection committed meanwhile count with it; the window reloads for them too)."""
    with db.reading() as session:
        rows = session.execute(select(AuditEntry.entity, AuditEntry.action).where(AuditEntry.id > after)
                               .order_by(AuditEntry.id).limit(MAX_ENTRIES + 1)).all()
        head = int(session.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())
    if head < after or len(rows) > MAX_ENTRIES:
        return OwnCommit(after, max(head, after), ALL_KINDS)
    kinds = change_of((str(entity), str(action)) for entity, action in rows).kinds if rows else frozenset()
    return OwnCommit(after, head, kinds)


class _Source(Protocol):
    blocking: bool

    def poll(self, timeout: float) -> Change | None: ...

    def close(self) -> None: ...


class _SqliteSource:
    """`PRAGMA data_version` on a connection of its own, then the audit entries past the last head."""

    blocking = False

    def __init__(self, db: Database) -> None:
        path = db.target.path
        assert path is not None
        self._db = db
        self._path = path
        self._head = audit_head(db)  # taken now: what is committed before the first poll is not news
        self._connection: Any = None
        self._version: int | None = None

    def _connect(self) -> None:
        self._connection = self._db.connect_copy(self._path)
        self._version = self._data_version()
        if self._read_head() != self._head:  # committed between the baseline and this thread's first look
            self._version = -1

    def _data_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def _read_head(self) -> int:
        return int(self._connection.execute("SELECT coalesce(max(id), 0) FROM audit_entries").fetchone()[0])

    def poll(self, timeout: float) -> Change | None:
        deadline = time.monotonic() + timeout
        if self._connection is None:
            self._connect()
        while True:
            version = self._data_version()
            if version != self._version:
                self._version = version
                change = self._read_entries()
                if change is not None:
                    return change
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            time.sleep(min(POLL_INTERVAL_S, left))

    def _read_entries(self) -> Change | None:
        head = self._read_head()
        if head < self._head:  # a restored roster: its trail ends before the one it replaced
            self._head = head
            return Change(ALL_KINDS, 0)
        rows = self._connection.execute(
            "SELECT id, entity, action FROM audit_entries WHERE id > ? ORDER BY id LIMIT ?",
            (self._head, MAX_ENTRIES + 1)).fetchall()
        count, self._head = head - self._head, head
        if len(rows) > MAX_ENTRIES:
            return Change(ALL_KINDS, count)
        if not rows:
            return None
        return change_of(((str(entity), str(action)) for _id, entity, action in rows),
                         (int(entry_id) for entry_id, _entity, _action in rows))

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class _PostgresSource:
    """LISTEN on a connection taken out of the engine's pool (autocommit, so notifications arrive); on a
    notification, the audit entries past the last head are read, so that the change names its entries
    (the window then knows its own commit, as on SQLite, and reloads once)."""

    blocking = True

    def __init__(self, db: Database) -> None:
        pooled = db.engine.raw_connection()
        connection = pooled.driver_connection  # psycopg's
        assert connection is not None
        pooled.detach()  # ours alone from now on; the pool opens another in its place
        connection.rollback()
        connection.autocommit = True
        connection.execute(f"LISTEN {CHANNEL}")
        self._connection: Any = connection
        self._head = self._read_head()  # taken after LISTEN: a commit after it is both notified and past it

    def _read_head(self) -> int:
        return int(self._connection.execute("SELECT coalesce(max(id), 0) FROM audit_entries").fetchone()[0])

    def poll(self, timeout: float) -> Change | None:
        notes = list(self._connection.notifies(timeout=max(timeout, 0.0), stop_after=1))
        if not notes:
            return None
        # A commit's notifications arrive together: take what is already here.
        notes += self._connection.notifies(timeout=0.01)
        noted = change_of(tuple(note.payload.partition(" ")[::2]) for note in notes)
        rows = self._connection.execute(
            "SELECT id, entity, action FROM audit_entries WHERE id > %s ORDER BY id LIMIT %s",
            (self._head, MAX_ENTRIES + 1)).fetchall()
        if len(rows) > MAX_ENTRIES:
            self._head = max(self._head, self._read_head())
            return Change(ALL_KINDS, len(rows))
        if not rows:
            # Ids are drawn before commit, so a transaction can commit after a later id was read: its
            # entries lie below the head. The notification's kinds still say what changed (no ids).
            return noted
        self._head = int(rows[-1][0])
        read = change_of(((str(entity), str(action)) for _id, entity, action in rows),
                         (int(entry_id) for entry_id, _entity, _action in rows))
        return Change(read.kinds | noted.kinds, read.entries, read.ids)

    def close(self) -> None:
        self._connection.close()


class ChangeWatcher:
    """Tells when another connection committed changes to `db`, and what kinds of records they touched."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._closed = False
        if not can_watch(db):
            raise ValueError(f"cannot watch a {db.engine.dialect.name} database in memory for changes")
        self._source: _Source = _PostgresSource(db) if db.engine.dialect.name == "postgresql" else _SqliteSource(db)

    def poll(self, timeout: float = 0.0) -> Change | None:
        """What was committed by others since the last poll, waiting up to `timeout` seconds for it."""
        if self._closed:
            raise RuntimeError("the change watcher is closed")
        return self._source.poll(timeout)

    def watch(self, on_change: Callable[[Change], None], stop: threading.Event,
              interval: float = POLL_INTERVAL_S) -> None:
        """Call `on_change` for each change until `stop` is set; then close the connection.

        A failed look (the file locked away for a restore, the server restarting) is logged and
        tried again at the next interval.
        """
        try:
            while not stop.is_set():
                try:
                    change = self._source.poll(interval if self._source.blocking else 0.0)
                except Exception as exc:  # sqlite3, sqlcipher3 and psycopg errors alike; the next look may work
                    log.warning("looking for changes failed: %s", type(exc).__name__)
                    change = None
                    stop.wait(interval)
                if change is not None and not stop.is_set():
                    on_change(change)
                if not self._source.blocking:
                    stop.wait(interval)
        finally:
            self.close()

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(Exception):  # a connection to a server gone away closes with an error
            self._source.close()
