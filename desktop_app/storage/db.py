"""The one way to open a roster database: checks, encryption, migrations, PRAGMAs and sessions.

`open_database(target, passphrase=...)` takes a file path or a SQLAlchemy URL. For a SQLite file it
refuses what is not a roster (the file is left exactly as it was), refuses a database
written by a newer version, saves a copy beside the file before migrating an older one,
and turns on foreign keys, WAL (the rollback journal on a network share, where WAL is unsafe:
see `desktop_app.system`), `synchronous=FULL` (and `fullfsync` on macOS) and a busy timeout.
`Database.warnings` says what the officer should know about where the file lies (a OneDrive or
Dropbox folder, a network share). Writes run in
`BEGIN IMMEDIATE` transactions so that two workstations on one file queue for the lock
instead of failing half-way.

Encryption at rest is SQLCipher (the `sqlcipher3` wheel, SQLAlchemy's `sqlite+pysqlcipher`
dialect). An encrypted file has no plain SQLite header; it is opened only with its passphrase,
checked first on a read-only connection so that a wrong one changes nothing. The passphrase
lives in memory only (the engine and `Database`); it is never logged nor stored. Copies made
from an encrypted roster (before a migration, backups) are written with the same key.
`encrypt_database` and `change_passphrase` rewrite a file under a new key: an encrypted copy is
written, checked (integrity and row counts), then swapped in atomically, the old bytes overwritten.

While a write transaction is open, a small file beside the database (`roster.db-writer`) names
who holds the lock: operator, computer, process id and time, nothing from the roster. Another
workstation that waits in vain for the lock says who holds it, and how old that note is: a note
left by a process that is gone (on this computer) or older than `STALE_WRITER_HOURS` is called
stale, never deleted on another computer's behalf (`writer_hint`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import getpass
import glob
import json
import logging
import os
import socket
import sqlite3
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop_app import system
from desktop_app.domain.errors import DatabaseError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message
from desktop_app.storage import migrations
from desktop_app.storage.errors import DiskFull, Failure, RecordConflict, failure_of, translate
from desktop_app.storage.paths import SQLITE_HEADER, default_database_path

BUSY_TIMEOUT_MS = 10_000
PAGE_CACHE_KIB = 65_536
POSTGRES_WRITER_LOCK = 0x6D697373  # an arbitrary key of this application's advisory lock
WRITER_SUFFIX = "-writer"
MIN_PASSPHRASE_LENGTH = 8
STALE_WRITER_HOURS = 12  # a writer note older than this is taken for one left behind
# The full integrity check at each opening is for files up to this size (a 200-household demo
# roster is 3.2 MB and takes 0.11-0.14 s on a busy 2-core machine; a 38,000-person one, 151 MB,
# takes 7.6-9.8 s): larger ones are checked in full by `verify` and by the window after it opens.
CHECK_AT_OPEN_MAX_BYTES = 8 * 1024 * 1024
CHECK_BUDGET_S = 1.0  # and never longer than this (a slow disk or stick)

log = logging.getLogger(__name__)


class PassphraseRequired(DatabaseError):
    """The roster is encrypted and no passphrase was given."""


class WrongPassphrase(DatabaseError):
    """The passphrase does not open the roster; the file was not touched."""


class DamagedRoster(DatabaseError):
    """The roster file failed its integrity check at open: it can be read, but nothing is written to it."""


@dataclass(frozen=True)
class Target:
    url: str
    path: Path | None  # None for a server database

    @property
    def label(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)


def parse_target(target: str | os.PathLike[str]) -> Target:
    text = os.fspath(target)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError:
            raise DatabaseError(f"{text}: not a database path or URL") from None
        if url.get_backend_name() == "sqlite":
            return Target(text, system.absolute(url.database) if url.database else None)
        return Target(text, None)
    path = system.absolute(text)  # not resolve(): a mapped drive would turn into its UNC path
    return Target(f"sqlite:///{path}", path)


# --- raw file connections (checks, backups, rewrites) ---------------------------------------------

def _cipher_module() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - the wheel is a dependency
        raise DatabaseError("encryption needs the sqlcipher3 package, which is not installed") from None
    return dbapi2


def connect_file(path: Path, passphrase: str | None = None, *, readonly: bool = False, cipher: bool = False) -> Any:
    """A DB-API connection (autocommit mode) to a SQLite file, keyed when `passphrase` is given.

    Used for checks, backups and rewrites, where SQLAlchemy has nothing to add. Read-only
    connections never create or change the file. `cipher` uses the SQLCipher driver even for a
    plain file (to ATTACH an encrypted one and `sqlcipher_export` into it).
    """
    path = system.absolute(path)  # a relative path has no file URI (`backup bk`, `restore bk/...`)
    uri = system.readonly_uri(path) if readonly else str(path)
    if passphrase is None and not cipher:
        return sqlite3.connect(uri, uri=readonly, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    module = _cipher_module()
    connection = module.connect(uri, uri=readonly, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr noise
    if passphrase is not None:
        connection.execute(f"PRAGMA key = {_quote(passphrase)}")
    return connection


def hold_exclusively(path: Path, passphrase: str | None) -> Any:
    """A connection that keeps every other one out of the roster at `path` until it is closed.

    Leaving WAL for an in-memory journal in exclusive locking mode fails while any other
    connection has the roster open, so a file about to be replaced is in nobody's hands.
    """
    connection = connect_file(path, passphrase, cipher=True)
    try:
        connection.execute("PRAGMA busy_timeout = 2000")
        # Leaving WAL needs every other connection gone; only then is the lock taken and kept.
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() == "delete":
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            mode = connection.execute("PRAGMA journal_mode = MEMORY").fetchone()[0]
            connection.execute("BEGIN EXCLUSIVE")
            connection.execute("COMMIT")
    except Exception as exc:
        connection.close()
        if is_disk_full(exc):
            raise DiskFull(f"{path.parent}: the disk is full; free some space and try again. The roster was not "
                           "changed") from None
        if "busy" not in str(exc).lower() and "locked" not in str(exc).lower():
            raise DatabaseError(f"{path}: the roster could not be held for this ({exc}); it was not changed") from None
        raise DatabaseError(f"{path}: the roster is open in another window or on another workstation; close it "
                            f"there first ({exc})") from None
    if str(mode).lower() != "memory":
        connection.close()
        raise DatabaseError(f"{path}: the roster is open elsewhere; close it there first")
    return connection


def is_disk_full(exc: BaseException) -> bool:
    """Whether a driver or OS error means no room is left (SQLITE_FULL, ENOSPC)."""
    return failure_of(exc) is Failure.FULL


def replace_file(old: Path, new: Path, holder: Any | None = None, *, replace: system.Replace = os.replace,
                 platform: str = sys.platform) -> None:
    """Put `new` in the place of `old` (fsynced), the old file set aside, overwritten with zeros, deleted.

    `holder` is a connection keeping `old` locked until the swap (closed just before it on Windows,
    which cannot rename an open file). Sharing violations are retried; if the swap still fails,
    both files are left as they were (see `system.replace_file`). An aside copy still held by
    another process stays hidden beside the roster and is wiped by the next `clean_stale_temporaries`.
    The old file's -wal, -shm and -journal are removed.
    """
    aside = old.with_name(f".{old.name}.aside-{os.getpid()}")
    close_first = holder.close if holder is not None and platform.startswith("win") else None
    system.replace_file(old, new, aside, replace=replace, platform=platform, before_move=close_first)
    for leftover in (old.with_name(old.name + "-wal"), old.with_name(old.name + "-shm"),
                     old.with_name(old.name + "-journal")):
        with contextlib.suppress(OSError):
            system.retried(functools.partial(leftover.unlink, missing_ok=True))


def recover_interrupted_swap(path: Path) -> Path | None:
    """Put back the roster a swap killed half-way set aside (`.roster.db.aside-PID`), if the roster's
    name is empty; returns the file put back."""
    if os.path.lexists(path):
        return None
    with contextlib.suppress(OSError):
        asides = sorted(path.parent.glob(f".{glob.escape(path.name)}.aside-*"), key=lambda p: p.stat().st_mtime)
        if asides:
            system.retried(lambda: os.replace(asides[-1], path))
            return asides[-1]
    return None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def looks_encrypted(path: Path) -> bool:
    """True for a file without the plain SQLite header whose size is whole pages (a SQLCipher file)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return size >= 1024 and size % 512 == 0 and header != SQLITE_HEADER


def is_encrypted(target: str | os.PathLike[str]) -> bool:
    """Whether the roster at `target` is an encrypted file (so a passphrase must be asked for)."""
    path = parse_target(target).path
    return path is not None and path.is_file() and looks_encrypted(path)


def check_passphrase(path: Path, passphrase: str) -> None:
    """Raise WrongPassphrase unless `passphrase` opens the encrypted file (read-only, nothing changes)."""
    try:
        with contextlib.closing(connect_file(path, passphrase, readonly=True)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except _cipher_module().DatabaseError as exc:
        if "not a database" in str(exc).lower():
            raise WrongPassphrase(f"{path}: wrong passphrase, or not a roster database; the file was not "
                                  "changed") from None
        raise DatabaseError(f"{path}: cannot be read ({exc})") from None


# --- the open roster ------------------------------------------------------------------------------

class Database:
    """An open roster: the engine and the two kinds of session (reading, writing)."""

    def __init__(self, target: Target, engine: Engine, *, passphrase: str | None = None, holder: str = "") -> None:
        self.target = target
        self.engine = engine
        self.holder = holder
        self._passphrase = passphrase
        # Set when the file failed its check at open: the message (with the last good backup); no writes then.
        self.damage: str | None = None
        # What the officer should know about where the file lies (a sync folder, a network share).
        self.warnings: list[Message] = []
        self._write_sessions = sessionmaker(bind=engine.execution_options(roster_write=True),
                                            expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def encrypted(self) -> bool:
        return self._passphrase is not None

    def passphrase_matches(self, passphrase: str) -> bool:
        """Whether `passphrase` is this roster's (to unlock a locked window)."""
        return self._passphrase is not None and passphrase == self._passphrase

    def connect_copy(self, path: Path, *, readonly: bool = False, cipher: bool = False) -> Any:
        """A raw connection to another file with this roster's key (a backup, a migration copy)."""
        return connect_file(path, self._passphrase, readonly=readonly, cipher=cipher)

    def open_copy(self, path: Path) -> Database:
        """Another roster file (a copy about to take this one's place) opened with this one's key and holder."""
        return open_database(path, passphrase=self._passphrase, holder=self.holder)

    def reopen(self) -> Database:
        """The same roster opened afresh (after its file was replaced), with the same key and holder."""
        return open_database(self.target.path or self.target.url, passphrase=self._passphrase, holder=self.holder)

    @contextlib.contextmanager
    def raw_connection(self) -> Iterator[Any]:
        """The driver's own connection to this roster (sqlite3 or sqlcipher3), from the pool."""
        pooled = self.engine.raw_connection()
        try:
            yield pooled.driver_connection
        finally:
            pooled.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A Session in one write transaction: committed on success, rolled back on any error.

        Raises DamagedRoster, before anything is written, when the file failed its check at open.
        """
        if self.damage is not None:
            raise DamagedRoster(self.damage)
        session = self._write_sessions()
        try:
            with session.begin():
                if self.engine.dialect.name == "postgresql":
                    # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: the audit chain and the
                    # generated case references read the last value and write the next. Waited for as long
                    # as SQLite's busy timeout, then told busy with who holds it (it waited for good).
                    session.execute(text(f"SET LOCAL lock_timeout = {int(BUSY_TIMEOUT_MS)}"))
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_WRITER_LOCK})
                    # The write's own statements wait as the server's setting says (a role's or database's
                    # lock_timeout), but never for good where it says nothing: only another program's lock
                    # (an administrator's LOCK TABLE, a psql transaction left open) can hold them up, and
                    # the officer's save hung on it with no word.
                    session.execute(text("SELECT set_config('lock_timeout', CASE WHEN reset_val = '0' THEN :busy "
                                         "ELSE reset_val END, true) FROM pg_settings WHERE name = 'lock_timeout'"),
                                    {"busy": str(int(BUSY_TIMEOUT_MS))})
                yield session
        except DBAPIError as exc:
            _raise_known(exc, self.target, holder=self.server_lock_holder)
            raise  # not a known failure: a bug, for the crash dialog and the log
        finally:
            session.close()

    @contextlib.contextmanager
    def reading(self, *, one_statement: bool = False) -> Iterator[Session]:
        """A Session for reads; nothing it does is committed. `one_statement`: the read is a single
        statement, which on PostgreSQL then runs without a transaction around it (a lone statement sees
        the roster as of its own start either way): one round trip to the server instead of three
        (BEGIN, the statement, ROLLBACK). Two statements so read may see two states of the roster.

            with db.reading(one_statement=True) as session:
                staffed = session.scalar(select(Account.id).limit(1)) is not None
        """
        session = self._read_sessions()
        try:
            if one_statement and self.engine.dialect.name == "postgresql":
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            yield session
        except DBAPIError as exc:
            _raise_known(exc, self.target)
            raise  # not a known failure: a bug, for the crash dialog and the log
        finally:
            session.rollback()
            session.close()

    def check_integrity(self, stop: Callable[[], bool] | None = None) -> str | None:
        """The full `PRAGMA integrity_check` of a roster file, without a time limit (None: sound, or
        given up because `stop()` said so)."""
        if self.target.path is None:
            return None
        try:
            with self.raw_connection() as connection:
                return check_health(connection, None, stop)
        except Exception as exc:  # sqlite3 and sqlcipher3 errors alike: a page too damaged to read
            if _is_damage(exc):
                return str(exc)
            raise

    def needs_full_check(self) -> bool:
        """Whether the roster file was too large to be checked in full at open (see `check_integrity`)."""
        path = self.target.path
        return path is not None and self.damage is None and path.exists() and \
            path.stat().st_size > CHECK_AT_OPEN_MAX_BYTES

    def mark_damaged(self, problem: str) -> None:
        """Refuse writes from now on: a full check found `problem` after the roster was opened."""
        if self.target.path is not None and self.damage is None:
            self.damage = damage_message(self.target.path, self._passphrase, problem)

    def close(self) -> None:
        self.engine.dispose()

    def server_write_lock_free(self, look_s: float) -> bool:
        """PostgreSQL: whether the write lock could be taken within `look_s` (let go at once)."""
        with self.engine.connect() as connection, connection.begin() as look:
            try:
                connection.execute(text(f"SET LOCAL lock_timeout = {max(1, int(look_s * 1000))}"))
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_WRITER_LOCK})
            except DBAPIError as exc:
                if failure_of(exc) is not Failure.BUSY:
                    raise
                return False
            finally:
                look.rollback()
            return True

    def server_lock_holder(self) -> str | None:
        """PostgreSQL: who holds the write lock, in words (the holder its program named at open, the
        computer, the server's process, since when); None when nobody does or on a roster file."""
        if self.engine.dialect.name != "postgresql":
            return None
        with self.engine.connect() as connection:
            row = connection.execute(text(
                "SELECT a.application_name, a.usename, a.client_hostname, host(a.client_addr), a.pid, a.xact_start "
                "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = :key "
                "AND l.objsubid = 1 AND l.pid <> pg_backend_pid()"), {"key": POSTGRES_WRITER_LOCK}).first()
        if row is None:
            return None
        name, login, host, address, pid, since = row
        operator = holder_of_application_name(name) or "someone"
        operator += f" (server login {login})" if login else ""
        where = host or address or "this server"
        return f"{operator} on {where} (server process {pid})" + (f" since {since:%H:%M:%S}" if since else "")


def open_database(target: str | os.PathLike[str], *, create: bool = True, passphrase: str | None = None,
                  holder: str | None = None, on_upgrade: Callable[[Path | None], None] | None = None) -> Database:
    """Open (and if needed create and migrate) the roster at `target`.

    `passphrase` opens an encrypted roster, or creates a new one encrypted. `holder` is the name
    shown to another workstation that waits for this one's write lock (default: the login name).
    Raises DatabaseError with a one-line message for a missing folder, a file that is not
    a roster, a database from a newer version, a locked or read-only file; PassphraseRequired
    and WrongPassphrase (both DatabaseError) for an encrypted roster.
    `on_upgrade(backup)` is called (on this thread) when a roster of an older version is about to be backed
    up and upgraded, before either starts: `backup` is the copy's path (None on a server).
    """
    parsed = parse_target(target)
    if parsed.path is not None and (put_back := recover_interrupted_swap(parsed.path)) is not None:
        log.warning("a roster swap was interrupted: the roster was put back from its aside copy %s", put_back.name)
    if passphrase is not None and parsed.path is None:
        raise DatabaseError(f"{parsed.label}: only a roster file can be encrypted, not a server database")
    if passphrase == "":
        raise DatabaseError("the passphrase is empty")
    problem = _check_file(parsed.path, create=create, passphrase=passphrase) if parsed.path is not None else None
    if passphrase is not None and parsed.path is not None:
        url: str | URL = URL.create("sqlite+pysqlcipher", password=passphrase, database=str(parsed.path))
        parsed = Target(f"sqlite+pysqlcipher:///{parsed.path}", parsed.path)
        engine = create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False},
                               hide_parameters=True)
    else:
        # hide_parameters: an error's text must never carry the names and numbers it was writing.
        # A file's URL is built, not parsed: '?', '#' and '%' are legal in a folder's name.
        url = URL.create("sqlite", database=str(parsed.path)) if parsed.path is not None and "://" not in \
            os.fspath(target) else parsed.url
        server = make_url(url).get_backend_name() != "sqlite"
        engine = create_engine(url, future=True, hide_parameters=True, **(
            {"connect_args": {"application_name": application_name(holder or _login_name())}} if server else {}))
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, parsed, holder or _login_name(), wal=problem is None)
    database = Database(parsed, engine, passphrase=passphrase, holder=holder or _login_name())
    if parsed.path is not None:
        database.warnings = system.location_warnings(parsed.path)
        if (hint := writer_hint(parsed.path)) is not None and hint.stale:
            if hint.gone:  # this computer's own note, its process gone: nobody else's to keep
                with contextlib.suppress(OSError):
                    hint.file.unlink()
                    log.info("a writer note left by a process that ended was removed")
            else:
                database.warnings.append(hint.message())
    if problem is not None and parsed.path is not None:
        database.damage = damage_message(parsed.path, passphrase, problem)
        return database  # read-only from here: no migration, no statistics, no WAL switch
    _upgrade_waiting_for_creator(database, on_upgrade)
    return database


# How long a program opening a roster waits for another that is creating or migrating it: a migration
# on a slow shared disk outlasts the ordinary write lock's patience, and giving up half-way through
# someone else's creation helps nobody.
CREATION_PATIENCE_S = 120.0


def _upgrade_waiting_for_creator(database: Database,
                                 on_upgrade: Callable[[Path | None], None] | None = None) -> None:
    """Bring the schema to head. While another program holds the lock and the schema is not yet at
    head (it is creating or migrating the roster), wait for it with fresh connections instead of
    failing after the ordinary write lock's patience."""
    engine, parsed = database.engine, database.target
    # A retry copies the roster again into the copy it made and told of (the other program may have
    # written meanwhile), instead of a new whole copy for every wait.
    copies: dict[str | None, Path | None] = {}

    def backup(revision: str | None) -> Path | None:
        if revision not in copies:
            copies[revision] = _migration_copy(database, revision)
            if on_upgrade is not None:
                on_upgrade(copies[revision])
        return _backup_before_migration(database, copies[revision])

    deadline = time.monotonic() + CREATION_PATIENCE_S
    while True:
        try:
            migrations.upgrade_on_open(engine, backup=backup)
            return
        except DBAPIError as exc:
            engine.dispose()
            if failure_of(exc) is Failure.BUSY and time.monotonic() < deadline and _schema_unfinished(engine):
                log.info("the roster is being created or migrated by another program: waiting for it")
                time.sleep(0.2)
                continue
            _raise_known(exc, parsed)
            raise
        except DatabaseError:
            engine.dispose()
            raise


def _schema_unfinished(engine: Engine) -> bool:
    """True when the roster's schema is not (yet, or not readably) at this version's head."""
    try:
        return migrations.current_revision(engine) != migrations.known_revisions()[1]
    except DBAPIError:
        return True
    finally:
        engine.dispose()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment
        return "unknown"


def _check_file(path: Path, *, create: bool, passphrase: str | None) -> str | None:
    """Refuse what cannot be opened, reading without changing a byte; the damage found (None: sound)."""
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"{path}: is a folder, not a roster database")
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        # The folder by creating a file in it: on Windows os.access calls every folder writable.
        if header and not (os.access(path, os.W_OK) and system.folder_writable(path.parent)):
            raise DatabaseError(f"{path}: the roster is on a read-only disk or in a read-only folder (a write-"
                                "protected USB stick?); copy it to a writable folder to work on it. Nothing was "
                                "changed")
        if header and header != SQLITE_HEADER:
            if not looks_encrypted(path):
                raise DatabaseError(f"{path}: not a roster database (not an SQLite file); it was left untouched")
            if passphrase is None:
                raise PassphraseRequired(f"{path}: this roster is encrypted; its passphrase is needed to open it")
            check_passphrase(path, passphrase)
            return _check_sqlite_tables(path, passphrase)
        if header and passphrase is not None:
            raise DatabaseError(f"{path}: this roster is not encrypted, yet a passphrase was given; open it without "
                                "one, or encrypt it first (mission-roster encrypt)")
        if header:
            return _check_sqlite_tables(path, None)
        return None
    if not create:
        raise DatabaseError(f"{path}: no such roster database")
    if not path.parent.exists():
        if path == default_database_path():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a read-only profile or stick, a file where the folder should be
                raise DatabaseError(f"{path.parent}: the folder for the default roster cannot be made "
                                    f"({exc.strerror or exc}); name a roster in a writable folder with --db, or "
                                    "copy the program to a writable folder") from exc
        else:
            raise DatabaseError(f"{path.parent}: folder does not exist")
    return None


def _check_sqlite_tables(path: Path, passphrase: str | None) -> str | None:
    """Refuse an SQLite file of another program or of a newer version, reading it without changing a byte
    (no WAL switch, no migration copy); then check its pages within `CHECK_BUDGET_S` (see `check_health`)."""
    module: Any = sqlite3 if passphrase is None else _cipher_module()
    try:
        with contextlib.closing(connect_file(path, passphrase, readonly=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "alembic_version" not in tables:
                raise DatabaseError(f"{path}: an SQLite database of another program, not a roster; it was left "
                                    "untouched")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() if tables else None
            if revision is not None and revision[0] not in migrations.known_revisions()[0]:
                raise DatabaseError(f"{path}: written by a newer version of Mission Roster (schema {revision[0]}); "
                                    "update the program. The database was not changed.")
            # int(): SQLCipher answers these PRAGMAs as text.
            pages, page_size = (int(conn.execute(f"PRAGMA {name}").fetchone()[0]) for name in ("page_count",
                                                                                               "page_size"))
            return check_health(conn, CHECK_BUDGET_S) if pages * page_size <= CHECK_AT_OPEN_MAX_BYTES else None
    except module.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)  # opened for reading only, so that it can be restored
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise DatabaseError(f"{path}: the roster is held by another program (a restore or an encryption "
                                f"under way?); waited {BUSY_TIMEOUT_MS // 1000} s. Try again in a moment") from None
        raise DatabaseError(f"{path}: cannot be read as a roster database ({exc})") from None


def check_health(connection: Any, budget_s: float | None, stop: Callable[[], bool] | None = None) -> str | None:
    """What `PRAGMA integrity_check` finds wrong (None: sound, or not checked), on a raw connection.

    The check reads every page and holds every index against its table (a few flipped bytes in a
    name are found only so). With a budget it is given up after `budget_s` seconds, or whenever
    `stop()` says so, and the roster counts as unchecked: `verify` checks it in full.
    """
    try:
        return _checked(connection, budget_s, stop)
    except Exception as exc:  # a page too damaged to be read at all (or an encrypted page failing its HMAC)
        if _is_damage(exc):
            return str(exc)
        raise


def _is_damage(exc: BaseException) -> bool:
    return failure_of(exc) is Failure.CORRUPT


def _checked(connection: Any, budget_s: float | None, stop: Callable[[], bool] | None) -> str | None:
    if budget_s is None and stop is None:
        return _problems(connection.execute("PRAGMA integrity_check(20)").fetchall())
    deadline = time.monotonic() + budget_s if budget_s is not None else float("inf")
    connection.set_progress_handler(lambda: time.monotonic() > deadline or (stop is not None and stop()), 20_000)
    try:
        return _problems(connection.execute("PRAGMA integrity_check(20)").fetchall())
    except Exception as exc:  # sqlite3 and sqlcipher3 each have their own OperationalError
        if "interrupt" not in str(exc).lower():
            raise
        return None
    finally:
        connection.set_progress_handler(None, 0)


def _problems(rows: list[tuple[Any, ...]]) -> str | None:
    found = [str(row[0]) for row in rows]
    return None if found == ["ok"] else "; ".join(found[:3]) + ("; …" if len(found) > 3 else "")


def damage_message(path: Path, passphrase: str | None, problem: str) -> str:
    """One message for a damaged roster that names the last good backup, if one is found."""
    from desktop_app.storage.backup import last_good_backup  # backup.py builds on this module

    good = last_good_backup(path, passphrase)
    offer = (f"the last good backup is {good} (mission-roster restore {good}, or Tools > Restore from backup)"
             if good is not None else "no sound backup was found beside it: look on your backup stick")
    return (f"{path}: the roster file is damaged ({problem}); it can be read but nothing is written to it. "
            f"Keep this file as it is; {offer}")


def _configure_sqlite(engine: Engine, target: Target, holder: str, *, wal: bool = True) -> None:
    writer_file = target.path.with_name(target.path.name + WRITER_SUFFIX) if target.path else None
    # WAL, except on a network share (its shared memory does not cross computers) and on a damaged file.
    journal = system.journal_mode(target.path) if wal and target.path is not None else None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control from the sqlite3 module so that BEGIN is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if journal is not None:
            _set_journal(cursor, journal)
        cursor.execute("PRAGMA synchronous = FULL")
        for pragma in system.sqlite_sync_pragmas():  # macOS: fsync alone leaves commits in the drive's cache
            cursor.execute(pragma)
        # 64 MiB of page cache: SQLCipher decrypts every page it reads, so a roster search that
        # re-reads the same index pages cost 4x the plain one with SQLite's default 2 MiB.
        cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        writing = connection.get_execution_options().get("roster_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
        if writing and writer_file is not None:
            _write_holder(writer_file, holder)
            connection.info["wrote_holder"] = True

    def _on_end(connection: Any) -> None:
        if writer_file is not None and connection.info.pop("wrote_holder", False):  # only the holder clears it
            with contextlib.suppress(OSError):
                writer_file.unlink()

    event.listen(engine, "commit", _on_end)
    event.listen(engine, "rollback", _on_end)


def _set_journal(cursor: Any, journal: str) -> None:
    """Switch the journal; leaving WAL fails while another process still has the file open in WAL (an
    older version on another workstation): it then stays as it is until the last one closes it."""
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).upper() == journal:
        return  # nothing to switch (every later connection of a roster on a share)
    if journal != "WAL":  # asked once, not waited for: the others keep it open for hours
        cursor.execute("PRAGMA busy_timeout = 100")
    try:
        cursor.execute(f"PRAGMA journal_mode = {journal}")
    except Exception as exc:  # sqlite3 and sqlcipher3 each have their own OperationalError
        if journal == "WAL" or ("locked" not in str(exc).lower() and "busy" not in str(exc).lower()):
            raise
        log.warning("the roster stays in WAL mode until every other connection to it has closed")
    finally:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _write_holder(writer_file: Path, holder: str) -> None:
    """Name the lock holder for others: who, on which computer, which process, since when. No roster data."""
    info = {"operator": holder[:100], "host": socket.gethostname(), "pid": os.getpid(),
            "since": dt.datetime.now().isoformat(timespec="seconds")}
    with contextlib.suppress(OSError):  # only a courtesy to others: a read-only folder must not stop the write
        writer_file.write_text(json.dumps(info), encoding="utf-8")


WRITER_NOTE = QT_TRANSLATE_NOOP(
    "storage.db", "{file} says {operator} on {host} (process {pid}) has been writing since {since} ({age}). "
                  "{why} It is only a note: if nobody is working on the roster there, it is left over from a "
                  "program that ended without clearing it, and the next write replaces it")
WHY_GONE = QT_TRANSLATE_NOOP("storage.db", "That process no longer runs on this computer.")
WHY_OLD = QT_TRANSLATE_NOOP("storage.db", "No write lasts that long.")


@dataclass(frozen=True)
class WriterHint:
    """What `roster.db-writer` says: who held the write lock, where, since when; stale if left over."""

    file: Path
    operator: str
    host: str
    pid: int
    since: dt.datetime
    age: dt.timedelta
    stale: bool
    gone: bool  # the process it names is gone (asked on this computer only)

    def words(self) -> str:
        return f"{self.operator} on {self.host} (process {self.pid}) since {self.since:%H:%M:%S}"

    def message(self) -> Message:
        """The note for the officer, with its age and why it looks stale (shown only when it does)."""
        return Message(WRITER_NOTE, file=self.file.name, operator=self.operator, host=self.host, pid=self.pid,
                       since=f"{self.since:%Y-%m-%d %H:%M}", age=_age_words(self.age),
                       why=Message(WHY_GONE) if self.gone else Message(WHY_OLD))


def writer_hint(path: Path, *, now: dt.datetime | None = None, host: str | None = None,
                alive: Callable[[int], bool] = system.process_alive,
                stale_after: dt.timedelta = dt.timedelta(hours=STALE_WRITER_HOURS)) -> WriterHint | None:
    """The writer note beside the roster at `path`, or None. Stale when it names a process of this
    computer (`host`) that is gone, or is older than `stale_after`; another computer's process is
    never asked about (its pid means nothing here) and its note is never deleted from here."""
    file = path.with_name(path.name + WRITER_SUFFIX)
    try:
        info = json.loads(file.read_text(encoding="utf-8"))
        since = dt.datetime.fromisoformat(info["since"])
        operator, hint_host, pid = str(info["operator"]), str(info["host"]), int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    age = max((now or dt.datetime.now()) - since, dt.timedelta(0))
    gone = hint_host == (host or socket.gethostname()) and not alive(pid)
    return WriterHint(file, operator, hint_host, pid, since, age, gone or age > stale_after, gone)


def _age_words(age: dt.timedelta) -> str:
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return "under a minute ago"
    if minutes < 120:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago" if minutes < 48 * 60 else f"{minutes // 1440} days ago"


_APPLICATION = "mission-roster "


def application_name(holder: str) -> str:
    """The server's name for this program's connections, naming `holder` for a colleague waiting for
    its write lock. PostgreSQL keeps 63 bytes of printable ASCII, so the name goes percent-encoded."""
    name = _APPLICATION
    for character in holder:  # whole characters only
        encoded = urllib.parse.quote(character, safe=" .,'-_@()")
        if len(name) + len(encoded) > 63:
            break
        name += encoded
    return name


def holder_of_application_name(name: str | None) -> str | None:
    """The holder `application_name` named; None for another program's connection."""
    if not name or not name.startswith(_APPLICATION):
        return None
    return urllib.parse.unquote(name[len(_APPLICATION):], errors="replace") or None


def lock_holder(path: Path) -> str | None:
    """Who holds the write lock on the roster at `path`, in words, if a writer said so (and whether
    that note looks left over)."""
    hint = writer_hint(path)
    if hint is None:
        return None
    return hint.words() + (f" ({_age_words(hint.age)}; probably left over, see {hint.file.name})" if hint.stale
                           else "")


def _migration_copy(database: Database, revision: str | None) -> Path | None:
    """Where the file is copied before a migration from `revision` (None: a server, or no file to copy)."""
    target = database.target
    if target.path is None or not target.path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return target.path.with_name(f"{target.path.name}.before-migration-{revision or 'empty'}-{stamp}")


def _backup_before_migration(database: Database, copy: Path | None) -> Path | None:
    """Copy the file to `copy` before a migration (SQLite's online backup, WAL included, same key).

    The copy is written under a hidden name and given its own once whole and synced: a program
    killed while copying a large roster left a half file under the copy's name (some of its pages
    and a hot journal: no roster, yet named as its copy and found as a plain copy of it). What such
    a kill left is removed by the next copy."""
    target = database.target
    if target.path is None or copy is None:
        return None
    from desktop_app.storage.backup import clean_stale_partials  # backup builds on this module

    clean_stale_partials(copy.parent)
    partial = copy.with_name(f".{copy.name}.{os.getpid()}.partial")
    try:
        with contextlib.closing(database.connect_copy(target.path)) as source, \
                contextlib.closing(database.connect_copy(partial)) as destination:
            source.backup(destination)
        with open(partial, "rb+") as handle:
            system.full_sync(handle.fileno())
        os.replace(partial, copy)  # a retry's copy replaces the one this open made before it
    except BaseException as exc:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        # A disk too full (or failing) for the copy is told as the roster's, not raised as the driver's bug.
        known = translate(exc, target.label) if isinstance(exc, Exception) else None
        if known is not None:
            raise known from exc
        raise
    return copy


def _raise_known(exc: DBAPIError, target: Target, *, holder: Callable[[], str | None] | None = None) -> None:
    """Raise the typed error (storage.errors) for a known failure, told by SQLite's result code; return
    for anything else, which the caller re-raises as the bug it is. The driver's text, never the bound
    values, goes into the sentence. `holder` names a server's lock holder (a file's is in its note)."""
    if isinstance(exc, IntegrityError):  # any driver's
        raise RecordConflict(f"{target.label}: the change conflicts with a record already on the roster "
                             f"({exc.orig}); nothing was changed") from exc
    known = translate(exc, target.label, holder=lambda: lock_holder(target.path) if target.path else (
        holder() if holder is not None else None), waited_s=BUSY_TIMEOUT_MS // 1000)
    if known is not None:
        raise known from exc


@dataclass(frozen=True)
class RewriteResult:
    path: Path
    tables: int
    rows: int


def encrypt_database(path: Path, passphrase: str, *, before_swap: Callable[[Path], None] | None = None
                     ) -> RewriteResult:
    """Encrypt the plain roster at `path` in place: copy, check, swap; nothing plain is left behind."""
    path = system.absolute(path)
    _check_new_passphrase(passphrase)
    if looks_encrypted(path):
        raise DatabaseError(f"{path}: this roster is already encrypted (change its passphrase instead)")
    if (problem := _check_file(path, create=False, passphrase=None)) is not None:
        raise DamagedRoster(damage_message(path, None, problem))
    return rewrite_file(path, None, passphrase, before_swap=before_swap)


def change_passphrase(path: Path, old: str, new: str, *, before_swap: Callable[[Path], None] | None = None
                      ) -> RewriteResult:
    """Re-key the encrypted roster at `path`: a copy under the new key is written, checked, swapped in."""
    path = system.absolute(path)
    _check_new_passphrase(new)
    if not looks_encrypted(path):
        raise DatabaseError(f"{path}: this roster is not encrypted; encrypt it first")
    check_passphrase(path, old)
    return rewrite_file(path, old, new, before_swap=before_swap)


def _check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise DatabaseError(f"the passphrase is too short: use at least {MIN_PASSPHRASE_LENGTH} characters "
                            "(several words are easier to remember and harder to guess)")


def rewrite_file(path: Path, old_key: str | None, new_key: str, *, wal: bool = True,
                 before_swap: Callable[[Path], None] | None = None) -> RewriteResult:
    """sqlcipher_export into a copy under `new_key`, holding the source locked, then an atomic swap.

    The source is switched to an in-memory journal in exclusive locking mode: that fails while any
    other connection has the roster open (so nobody's writes can be lost), and keeps every other
    connection out until the swap is done. `wal=False` leaves the copy in rollback mode (a backup).
    `before_swap(copy)` runs once the copy is checked (the audit entry goes into the copy, so that the
    file that appears under the roster's name already records how it came to be).
    """
    temporary = path.with_name(f".{path.name}.rewrite-{os.getpid()}")
    clean_stale_temporaries(path)
    temporary.unlink(missing_ok=True)
    source = hold_exclusively(path, old_key)
    try:
        counts = row_counts(source)
        user_version = source.execute("PRAGMA user_version").fetchone()[0]
        try:
            source.execute("ATTACH DATABASE ? AS rewritten KEY ?", (str(temporary), new_key))
            source.execute("SELECT sqlcipher_export('rewritten')")
            source.execute(f"PRAGMA rewritten.user_version = {int(user_version)}")
            source.execute("DETACH DATABASE rewritten")
        except Exception as exc:
            if is_disk_full(exc):
                raise DiskFull(f"{path.parent}: the disk is full, so the encrypted copy could not be written; free "
                               "some space and try again. The roster was not changed") from None
            raise DatabaseError(f"{path}: the encrypted copy could not be written ({exc}); the roster was not "
                                "changed") from None
        _verify_copy(temporary, new_key, counts)
        if before_swap is not None:
            before_swap(temporary)
        with contextlib.closing(connect_file(temporary, new_key)) as switch:
            switch.execute(f"PRAGMA journal_mode = {system.journal_mode(path) if wal else 'DELETE'}")
        replace_file(path, temporary, source)
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(f"{path.parent}: the disk is full; free some space and try again. The roster was not "
                           "changed") from None
        raise DatabaseError(f"{path}: could not be rewritten ({exc.strerror or exc}); it was not changed") from None
    finally:
        for leftover in (temporary, *(temporary.with_name(temporary.name + s) for s in ("-wal", "-shm", "-journal"))):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        with contextlib.suppress(Exception):
            source.close()
    return RewriteResult(path, len(counts), sum(counts.values()))


def clean_stale_temporaries(path: Path) -> list[Path]:
    """Remove the hidden copies (`.roster.db.rewrite-PID`, `.roster.db.restore-PID`, with their -wal,
    -shm, -journal) that a killed encryption or restore of the roster at `path` left beside it, and
    wipe the old rosters a swap set aside (`.roster.db.aside-PID`) that were still held then."""
    removed = []
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for leftover in path.parent.iterdir():
            name = leftover.name
            if not name.startswith(prefix):
                continue
            kind, _, rest = name[len(prefix):].partition("-")
            pid = rest.split("-", 1)[0].split(".", 1)[0]
            if kind == "aside" and not path.exists():
                continue  # the roster's only copy: `recover_interrupted_swap` puts it back
            if kind in ("rewrite", "restore", "aside") and pid.isdigit() and not process_alive(int(pid)):
                with contextlib.suppress(OSError):
                    if kind == "aside" and leftover.stat().st_size:  # the old roster: its bytes are wiped first
                        system.wipe_and_delete(leftover)
                    else:
                        leftover.unlink()
                    removed.append(leftover)
    return removed


def process_alive(pid: int) -> bool:
    """Whether process `pid` runs on this computer (see `system.process_alive`)."""
    return system.process_alive(pid)


def overwrite_and_remove(path: Path) -> None:
    """Overwrite a file's bytes with zeros (best effort on SSDs), then delete it."""
    system.wipe_and_delete(path)


def row_counts(connection: Any, schema: str = "main") -> dict[str, int]:
    """Rows in every table of the database behind a raw connection."""
    names = [row[0] for row in connection.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0] for name in names}


def _verify_copy(copy: Path, key: str, expected: dict[str, int]) -> None:
    try:
        with contextlib.closing(connect_file(copy, key)) as check:
            integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
            counts = row_counts(check)
    except Exception as exc:
        raise DatabaseError(f"{copy}: the encrypted copy cannot be read back ({exc}); the roster was not "
                            "changed") from None
    if integrity != "ok" or counts != expected:
        raise DatabaseError(f"{copy}: the encrypted copy does not match the roster ({integrity}); the roster was "
                            "not changed")
