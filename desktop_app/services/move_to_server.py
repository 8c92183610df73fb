"""Move a roster file onto a shared PostgreSQL server in one step (issue 16).

    probe = move_to_server.probe_server("postgresql+psycopg://officer@db.mission/roster")
    probe.version, probe.ready, probe.refusal          # "Test connection" in the window
    result = move_to_server.move_roster(Path("roster.db"), "postgresql+psycopg://officer@db.mission/roster",
                                        passphrase=None, operator="A. Officer", progress=progress)
    result.rows, result.tables, result.audit_entries

The roster file (plain or SQLCipher) is read through a read-only connection in one read
transaction, so it is never changed, not even migrated, and what is copied is one consistent
state even while a colleague writes to it. Before anything is written the file is checked in full
(`PRAGMA integrity_check` and the audit chain, with the head kept beside it); a damaged roster, an
older or newer schema, a server database that already holds tables are refused with one line.

Everything on the server happens in ONE transaction (PostgreSQL's DDL is transactional): the
schema by the migrations to head, every table copied in dependency order in batches through
SQLAlchemy Core with its ids (the foreign keys that close a cycle, households' head and a merged
person's survivor, are filled in once both sides are there), the sequences set past the highest
id, an audit entry saying from which file (its name only) and by whom, then the checks: row counts
per table, the audit chain recomputed on the server, every person's search terms. Cancel, a failed
check, a lost connection or the program killed: the transaction is rolled back and the server
database is left empty. `progress(done, total)` counts rows and returns False to cancel.

A password never needs to be in the address: psycopg reads it from PGPASSWORD or the password file
(PGPASSFILE, `~/.pgpass`, `%APPDATA%\\postgresql\\pgpass.conf`), as every PostgreSQL client does.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sqlalchemy import (
    Boolean,
    Connection,
    Engine,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool, StaticPool
from sqlalchemy.sql.ddl import sort_tables_and_constraints

from desktop_app import system
from desktop_app.domain.errors import Cancelled, DatabaseError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit
from desktop_app.storage import migrations
from desktop_app.storage.db import (
    POSTGRES_WRITER_LOCK,
    Database,
    PassphraseRequired,
    Target,
    check_health,
    check_passphrase,
    connect_file,
    looks_encrypted,
)
from desktop_app.storage.paths import SQLITE_HEADER
from desktop_app.storage.queries import refresh_server_statistics

log = logging.getLogger(__name__)

Progress = Callable[[int, int], bool]
BATCH_ROWS = 2000
MOVE_ACTION = "move"
_VERSION_TABLE = "alembic_version"


# --- the server ------------------------------------------------------------------------------------

def server_url(address: str) -> str:
    """The SQLAlchemy URL of a PostgreSQL `address` (`postgresql://…` gets the psycopg driver);
    DatabaseError for anything else, and for an address holding a password (psycopg reads it from
    PGPASSWORD or the password file)."""
    try:
        url = make_url(address.strip())
    except ArgumentError:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{address}: not a server address; write it "
                                              "as "
                                              "postgresql+psycopg://USER@HOST/DATABASE"), address=address) from None
    if url.get_backend_name() != "postgresql":
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{address}: a roster moves only to a "
                                              "PostgreSQL server "
                                              "(postgresql+psycopg://USER@HOST/DATABASE)"),
                            address=url.render_as_string(hide_password=True))
    if not url.database:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{address}: the address names no database; "
                                              "add it after the server: "
                                              "postgresql+psycopg://USER@HOST/DATABASE"),
                            address=url.render_as_string(hide_password=True))
    if url.password:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server",
                                              "the server address holds a password: it would stay in the settings, "
                                              "the shell's history and the process list. Leave it out and put it in "
                                              "the PostgreSQL password file (PGPASSFILE or ~/.pgpass) or PGPASSWORD"))
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def server_label(address: str) -> str:
    """The address as shown and audited: never its password."""
    try:  # unquoted: a socket folder reads '?host=/run/postgresql', as typed, not '%2Frun%2Fpostgresql'
        return unquote(make_url(address).render_as_string(hide_password=True))
    except ArgumentError:
        return address


@dataclass(frozen=True)
class ServerProbe:
    """What "Test connection" found: the server's version and whether the database can take a roster."""

    label: str
    version: str
    tables: int  # tables already in the database (0: empty, ready)
    revision: str | None  # the roster schema already there, if any
    refusal: str | None  # why a roster cannot move there (English; the error carries the template)

    @property
    def ready(self) -> bool:
        return self.refusal is None


def _server_engine(url: str) -> Engine:
    # hide_parameters: an error's text never carries the names and numbers being copied.
    return create_engine(url, poolclass=NullPool, hide_parameters=True,
                         connect_args={"application_name": "mission-roster move-to-server"})


def _connection_failed(label: str, exc: BaseException) -> DatabaseError:
    first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    reason = first[0] if first else type(exc).__name__
    return DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{server}: cannot connect to the server "
                                           "({reason}); nothing was changed"), server=label, reason=reason[:300])


def _refusal(connection: Connection, label: str) -> DatabaseError | None:
    """Why the server database cannot take a roster (it holds one, a newer one, another program's
    tables), or None when it is empty."""
    names = [name for name in inspect(connection).get_table_names()]
    if not names:
        return None
    if _VERSION_TABLE in names:
        revision = connection.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).scalar()
        if revision is not None and revision not in migrations.known_revisions()[0]:
            return DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{server}: the database holds a roster "
                                                   "of a newer version of Mission Roster (schema {revision}); nothing "
                                                   "was changed"),
                                 server=label, revision=revision)
        return DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{server}: the database already holds a "
                                               "roster; a roster moves only into an empty database (ask for a new "
                                               "one). Nothing was changed"), server=label)
    return DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{server}: the database holds {count} tables of "
                                           "another program; a roster moves only into an empty database. Nothing was "
                                           "changed"),
                         server=label, count=len(names))


def probe_server(address: str) -> ServerProbe:
    """Connect to the server at `address` and say whether its database can take a roster (nothing is
    written). DatabaseError when the address is wrong or the server cannot be reached."""
    url = server_url(address)
    label = server_label(url)
    engine = _server_engine(url)
    try:
        with engine.connect() as connection:
            version = str(connection.execute(text("SHOW server_version")).scalar() or "")
            names = inspect(connection).get_table_names()
            revision = (connection.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).scalar()
                        if _VERSION_TABLE in names else None)
            refusal = _refusal(connection, label)
            connection.rollback()
    except DBAPIError as exc:
        raise _connection_failed(label, exc) from None
    finally:
        engine.dispose()
    return ServerProbe(label, version, len(names), revision, None if refusal is None else refusal.message)


# --- the roster file -------------------------------------------------------------------------------

def _check_source(path: Path, passphrase: str | None) -> None:
    if not path.is_file():
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: no such roster file"), path=path)
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        if not looks_encrypted(path):
            raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: not a roster database; nothing "
                                                  "was copied"), path=path)
        if passphrase is None:
            raise PassphraseRequired(f"{path}: this roster is encrypted; its passphrase is needed to move it")
        check_passphrase(path, passphrase)
    elif passphrase is not None:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: this roster is not encrypted, yet a "
                                              "passphrase was given"), path=path)


def _refuse_source_revision(path: Path, source: Connection) -> None:
    if not inspect(source).has_table(_VERSION_TABLE):
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: not a roster database; nothing was "
                                              "copied"), path=path)
    revision = source.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).scalar()
    revisions, head = migrations.known_revisions()
    if revision not in revisions:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: written by a newer version of "
                                              "Mission Roster (schema {revision}); update the program. Nothing was "
                                              "copied"),
                            path=path, revision=revision)
    if revision != head:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: the roster was last opened by an "
                                              "older version (schema {revision}); open it once with this version, "
                                              "which brings it up to date, then "
                                              "move it. Nothing was copied"), path=path, revision=revision)


def _refuse_damage(path: Path, source: Connection, database: Database) -> None:
    problem = check_health(source.connection.driver_connection, None)
    if problem is not None:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: the roster file is damaged "
                                              "({problem}); a damaged roster is not moved. Restore the last good "
                                              "backup first (Tools > Restore from "
                                              "backup). Nothing was copied"), path=path, problem=problem)
    report = audit.verify_chain(database)
    if not report.intact:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: the roster's audit trail is broken "
                                              "({problem}); a damaged roster is not moved. Restore the last good "
                                              "backup first. Nothing was copied"), path=path, problem=report.problem)


class _ReadingOn(Database):
    """A roster read through one connection already in a transaction (the file's snapshot, or the
    server's copy not yet committed): what `audit.verify_chain` reads."""

    def __init__(self, target: Target, connection: Connection) -> None:
        super().__init__(target, connection.engine)
        self._connection = connection

    @contextlib.contextmanager
    def reading(self, *, one_statement: bool = False) -> Iterator[Session]:
        # Every read joins the connection's transaction, a lone statement too (never on its own).
        session = Session(bind=self._connection, join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            session.close()


# --- the move --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MoveResult:
    """A roster moved: from which file, to which server (no password), and what the checks counted."""

    source: Path
    server: str
    tables: dict[str, int] = field(default_factory=dict)  # rows per table on the server
    audit_entries: int = 0  # the chain verified on the server, the move's own entry included
    persons: int = 0
    encrypted_source: bool = False

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def to_json(self) -> dict[str, Any]:
        return {"source": str(self.source), "server": self.server, "rows": self.rows, "tables": self.tables,
                "persons": self.persons, "audit_entries": self.audit_entries, "chain_intact": True,
                "encrypted_source": self.encrypted_source}


def move_roster(source: Path, address: str, *, passphrase: str | None, operator: str,
                progress: Progress | None = None, batch_rows: int = BATCH_ROWS) -> MoveResult:
    """Copy the roster file `source` into the empty PostgreSQL database at `address` (see the module).

    Raises DatabaseError (one line; nothing changed on the server, the file never changed) for a
    refused source or server, Cancelled when `progress` returned False.
    """
    path = system.absolute(source)
    url = server_url(address)
    _check_source(path, passphrase)
    return _move(path, lambda: connect_file(path, passphrase, readonly=True), passphrase is not None, url,
                 operator, progress, batch_rows)


@accounts.guarded(Permission.MISSION)
def move_open_roster(db: Database, address: str, *, operator: str, progress: Progress | None = None,
                     batch_rows: int = BATCH_ROWS) -> MoveResult:
    """`move_roster` for the roster open in the window (its key stays inside `db`)."""
    path = db.target.path
    if path is None:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server",
                                              "{server}: this roster is on a server already"), server=db.target.label)
    url = server_url(address)
    return _move(path, lambda: db.connect_copy(path, readonly=True), db.encrypted, url, operator, progress,
                 batch_rows)


def _move(path: Path, connect: Callable[[], Any], encrypted: bool, url: str, operator: str,
          progress: Progress | None, batch_rows: int) -> MoveResult:
    label = server_label(url)
    # One read-only connection to the file (plain or SQLCipher) that never writes a byte.
    source_engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool, hide_parameters=True)
    server = _server_engine(url)
    try:
        with source_engine.connect() as reader:
            reader.exec_driver_sql("BEGIN")  # one snapshot of the file for the checks and the copy
            _refuse_source_revision(path, reader)
            _refuse_damage(path, reader, _ReadingOn(Target(f"sqlite:///{path}", path), reader))
            try:
                with server.connect() as writer, writer.begin():
                    counts = _copy(reader, writer, path, label, operator, progress, batch_rows)
            except DBAPIError as exc:
                if exc.connection_invalidated or isinstance(exc.orig, _psycopg_operational()):
                    raise _connection_failed(label, exc) from None
                raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{server}: the copy failed "
                                                      "({reason}); the server "
                                                      "database was left empty"), server=label,
                                    reason=str(exc.orig or exc).strip().splitlines()[0][:300]) from None
    finally:
        source_engine.dispose()
        server.dispose()
    log.info("roster moved to a server: %d tables, %d rows", len(counts.tables), counts.rows)
    return MoveResult(path, label, counts.tables, counts.audit_entries, counts.persons, encrypted)


def _psycopg_operational() -> type[BaseException]:
    import psycopg

    return psycopg.OperationalError


@dataclass(frozen=True)
class _Counted:
    tables: dict[str, int]
    audit_entries: int
    persons: int

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _copy(reader: Connection, writer: Connection, path: Path, label: str, operator: str,
          progress: Progress | None, batch_rows: int) -> _Counted:
    """Inside the server's transaction: schema, rows, sequences, the audit entry, the checks."""
    # One writer at a time, as every roster write on a server: a program opening the database meanwhile
    # waits, then finds the schema at head and the roster whole.
    writer.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_WRITER_LOCK})
    if (refusal := _refusal(writer, label)) is not None:
        raise refusal
    from alembic import command

    config = migrations.alembic_config()
    config.attributes["connection"] = writer
    command.upgrade(config, "head")

    theirs, ours = MetaData(), MetaData()
    ours.reflect(writer)
    theirs.reflect(reader)
    tables = _ordered(ours)
    unknown = sorted(set(theirs.tables) - set(ours.tables))
    if unknown:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{path}: the roster holds tables this "
                                              "version does not know ({tables}); "
                                              "nothing was copied"), path=path, tables=", ".join(unknown))
    source_counts = {t.name: int(reader.execute(select(func.count()).select_from(theirs.tables[t.name])).scalar()
                                 or 0) for t in tables}
    total = sum(source_counts.values())
    deferred = _deferred_columns(ours, tables)
    done = [0]

    def advance(rows: int) -> None:
        done[0] += rows
        if progress is not None and not progress(done[0], total):
            raise Cancelled(QT_TRANSLATE_NOOP("services.move_to_server", "Cancelled; the server database was left "
                                              "empty and the roster file was not "
                                              "changed."))

    later: list[tuple[Table, str, list[dict[str, Any]]]] = []
    for table in tables:
        _, fills = _copy_table(reader, writer, theirs.tables[table.name], table, deferred.get(table.name, ()),
                               batch_rows, advance)
        later += [(table, column, rows) for column, rows in fills.items() if rows]
    for table, column, rows in later:
        key = _single_key(table)
        statement = update(table).where(table.c[key] == bindparam("_key")).values({column: bindparam("_value")})
        for start in range(0, len(rows), batch_rows):
            writer.execute(statement, rows[start:start + batch_rows])
    _set_sequences(writer, tables)
    refresh_server_statistics(writer, [table.name for table in tables])
    with Session(bind=writer, join_transaction_mode="create_savepoint") as session:
        audit.record(session, operator, MOVE_ACTION, "roster", path.name,
                     f"moved from {path.name} to the server {label}",
                     {"file": path.name, "server": label, "tables": len(tables), "rows": total})
        session.commit()
    return _checked(reader, writer, path, label, tables, source_counts, ours)


def _ordered(metadata: MetaData) -> list[Table]:
    """Tables parents first (cycles are broken by `_deferred_columns`), without Alembic's own."""
    pairs = sort_tables_and_constraints(list(metadata.tables.values()))  # type: ignore[no-untyped-call]
    ordered = [table for table, _ in pairs if table is not None]
    return [table for table in ordered if table.name != _VERSION_TABLE]


def _deferred_columns(metadata: MetaData, tables: list[Table]) -> dict[str, tuple[str, ...]]:
    """Foreign-key columns written NULL first and filled in once every table is there: those that
    refer to their own table (a merged person's survivor) and those that close a cycle (a
    household's head, a member of the household)."""
    pairs = sort_tables_and_constraints(tables)  # type: ignore[no-untyped-call]
    cycle = [fkc for table, fkcs in pairs if table is None for fkc in fkcs]
    found: dict[str, set[str]] = {}
    for table in tables:
        for fkc in table.foreign_key_constraints:
            if fkc.referred_table is table or fkc in cycle:
                found.setdefault(table.name, set()).update(fkc.column_keys)
    for name, columns in found.items():
        table = metadata.tables[name]
        if any(not table.c[column].nullable for column in columns):
            raise DatabaseError(f"{name}: a required reference closes a cycle; the table cannot be copied")
    return {name: tuple(sorted(columns)) for name, columns in found.items()}


def _single_key(table: Table) -> str:
    keys = list(table.primary_key.columns)
    if len(keys) != 1:
        raise DatabaseError(f"{table.name}: a deferred reference needs a one-column key")
    return keys[0].name


def _converter(column: Any) -> Callable[[Any], Any] | None:
    """SQLite keeps what it is given whatever the column's type: text and flags are made what the
    server's column expects."""
    if isinstance(column.type, Boolean):
        return lambda value: None if value is None else bool(value)
    if isinstance(column.type, String):
        return lambda value: value if value is None or isinstance(value, str) else str(value)
    return None


def _copy_table(reader: Connection, writer: Connection, source: Table, target: Table, deferred: tuple[str, ...],
                batch_rows: int, advance: Callable[[int], None]) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """Every row of `source` into `target` in batches, ids kept; returns the rows copied and the
    deferred references to fill in afterwards ({column: [{_key, _value}]})."""
    columns = [column.name for column in target.columns]
    missing = [name for name in columns if name not in source.c]
    if missing:
        raise DatabaseError(f"{source.name}: columns {', '.join(missing)} are missing from the roster file")
    converters = [_converter(target.c[name]) for name in columns]
    positions = {name: i for i, name in enumerate(columns)}
    key = _single_key(target) if deferred else None
    fills: dict[str, list[dict[str, Any]]] = {column: [] for column in deferred}
    order = list(source.primary_key.columns) or [source.c[columns[0]]]
    result = reader.execute(select(*(source.c[name] for name in columns)).order_by(*order))
    copied = 0
    try:
        while rows := result.fetchmany(batch_rows):
            payload = []
            for row in rows:
                values = {name: (value if convert is None else convert(value))
                          for name, value, convert in zip(columns, row, converters, strict=True)}
                for column in deferred:
                    if values[column] is not None:
                        fills[column].append({"_key": row[positions[key]], "_value": values[column]})  # type: ignore[index]
                        values[column] = None
                payload.append(values)
            writer.execute(insert(target), payload)
            copied += len(rows)
            advance(len(rows))
    finally:
        result.close()
    return copied, fills


def _set_sequences(writer: Connection, tables: list[Table]) -> None:
    """Every id sequence past the highest id copied, so that the next record gets a new one."""
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1:
            continue
        sequence = writer.execute(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                  {"table": table.name, "column": keys[0].name}).scalar()
        if sequence is None:
            continue
        highest = writer.execute(select(func.max(keys[0]))).scalar()
        writer.execute(text("SELECT setval(CAST(:sequence AS regclass), :value, :called)"),
                       {"sequence": sequence, "value": int(highest or 1), "called": highest is not None})


def _unsearchable(connection: Connection) -> int:
    """Persons (not merged away) that no search term finds."""
    return int(connection.execute(text(
        "SELECT count(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM search_terms s WHERE s.person_id = p.id)"
    )).scalar() or 0)


def _checked(reader: Connection, writer: Connection, path: Path, label: str, tables: list[Table],
             source_counts: dict[str, int], ours: MetaData) -> _Counted:
    """The checks before the commit: row counts, the chain on the server, search terms."""
    counts = {t.name: int(writer.execute(select(func.count()).select_from(t)).scalar() or 0) for t in tables}
    expected = {**source_counts, "audit_entries": source_counts.get("audit_entries", 0) + 1}
    differing = sorted(name for name in counts if counts[name] != expected[name])
    if differing:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{server}: after the copy the tables "
                                              "{tables} do not hold as many rows as the roster file; the server "
                                              "database was left empty"),
                            server=label, tables=", ".join(differing))
    report = audit.verify_chain(_ReadingOn(Target(writer.engine.url.render_as_string(), None), writer))
    if not report.intact:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{server}: the audit trail does not verify "
                                              "on the server ({problem}); the "
                                              "server database was left empty"),
                            server=label, problem=report.problem)
    if _unsearchable(writer) != _unsearchable(reader):
        raise DatabaseError(QT_TRANSLATE_NOOP("services.move_to_server", "{server}: search terms are missing on the "
                                              "server after the copy; the server "
                                              "database was left empty"), server=label)
    persons = counts.get("persons", 0)
    return _Counted(counts, report.entries, persons)

