"""The one way to open a roster database: checks, migrations, PRAGMAs and sessions.

`open_database(target)` takes a file path or a SQLAlchemy URL. For a SQLite file it
refuses what is not a roster (the file is left exactly as it was), refuses a database
written by a newer version, saves a copy beside the file before migrating an older one,
and turns on foreign keys, WAL, `synchronous=FULL` and a busy timeout. Writes run in
`BEGIN IMMEDIATE` transactions so that two workstations on one file queue for the lock
instead of failing half-way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.domain.errors import DatabaseError
from desktop_app.storage import migrations

APP_DIR_NAME = "MissionRoster"
DEFAULT_FILE_NAME = "roster.db"
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"
ENV_DATABASE = "MISSION_ROSTER_DB"


def default_database_path() -> Path:
    """`roster.db` in the user's data folder (e.g. ~/.local/share/MissionRoster)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / DEFAULT_FILE_NAME


def resolve_target(option: str | None) -> str:
    """The database named by `--db`, else by MISSION_ROSTER_DB, else the default file."""
    return option or os.environ.get(ENV_DATABASE) or str(default_database_path())


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
            return Target(text, Path(url.database).resolve() if url.database else None)
        return Target(text, None)
    path = Path(text).expanduser().resolve()
    return Target(f"sqlite:///{path}", path)


class Database:
    """An open roster: the engine and the two kinds of session (reading, writing)."""

    def __init__(self, target: Target, engine: Engine) -> None:
        self.target = target
        self.engine = engine
        self._write_sessions = sessionmaker(bind=engine.execution_options(roster_write=True),
                                            expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A Session in one write transaction: committed on success, rolled back on any error."""
        session = self._write_sessions()
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            raise _translate_operational(exc, self.target) from exc
        finally:
            session.close()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A Session for reads; nothing it does is committed."""
        session = self._read_sessions()
        try:
            yield session
        except OperationalError as exc:
            raise _translate_operational(exc, self.target) from exc
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: str | os.PathLike[str], *, create: bool = True) -> Database:
    """Open (and if needed create and migrate) the roster at `target`.

    Raises DatabaseError with a one-line message for a missing folder, a file that is not
    a roster, a database from a newer version, or a locked or read-only file.
    """
    parsed = parse_target(target)
    if parsed.path is not None:
        _check_file(parsed.path, create=create)
    engine = create_engine(parsed.url, future=True)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    database = Database(parsed, engine)
    try:
        migrations.upgrade_on_open(database.engine, backup=lambda rev: _backup_before_migration(parsed, rev))
    except OperationalError as exc:
        engine.dispose()
        raise _translate_operational(exc, parsed) from exc
    except DatabaseError:
        engine.dispose()
        raise
    return database


def _check_file(path: Path, *, create: bool) -> None:
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"{path}: is a folder, not a roster database")
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise DatabaseError(f"{path}: not a roster database (not an SQLite file); it was left untouched")
        if header:
            _check_sqlite_tables(path)
        return
    if not create:
        raise DatabaseError(f"{path}: no such roster database")
    if not path.parent.exists():
        if path == default_database_path():
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise DatabaseError(f"{path.parent}: folder does not exist")


def _check_sqlite_tables(path: Path) -> None:
    """Refuse an SQLite file of another program, reading it without changing a byte."""
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: cannot be read as a roster database ({exc})") from None
    if tables and "alembic_version" not in tables:
        raise DatabaseError(f"{path}: an SQLite database of another program, not a roster; it was left untouched")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control from the sqlite3 module so that BEGIN is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        writing = connection.get_execution_options().get("roster_write", False)  # type: ignore[attr-defined]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")  # type: ignore[attr-defined]


def _backup_before_migration(target: Target, revision: str | None) -> Path | None:
    """Copy the file beside itself before a migration (SQLite's online backup, WAL included)."""
    if target.path is None or not target.path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = target.path.with_name(f"{target.path.name}.before-migration-{revision or 'empty'}-{stamp}")
    with contextlib.closing(sqlite3.connect(target.path)) as source, \
            contextlib.closing(sqlite3.connect(copy)) as destination:
        source.backup(destination)
    return copy


def _translate_operational(exc: OperationalError, target: Target) -> DatabaseError:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(f"{target.label}: the database is busy (another window or workstation is "
                             f"writing); waited {BUSY_TIMEOUT_MS // 1000} s. Try again in a moment.")
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(f"{target.label}: the database is read-only here; nothing was changed")
    if "disk is full" in lowered or "disk i/o" in lowered:
        return DatabaseError(f"{target.label}: the disk is full or failing; nothing was changed")
    if "unable to open" in lowered:
        return DatabaseError(f"{target.label}: cannot open the database file ({text})")
    if "not a database" in lowered:
        return DatabaseError(f"{target.label}: not a roster database")
    return DatabaseError(f"{target.label}: database error: {text}")


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
