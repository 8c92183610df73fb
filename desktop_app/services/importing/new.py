"""Insert an import's new persons in bulk, inside the commit's transaction.

Per person this writes what `persons.new_person` writes (the person with its sort key and a
generated case reference when the file has none, documents, phones, search terms given their
person's sort key so that no trigger has to fill it, the first status entry) but as one multi-row
INSERT per table and chunk of rows instead of one ORM unit of work per person: measured on
100,000 rows, the ORM path costs minutes, this one seconds.
Households named by a household column are found by reference or created (and recorded in
the operation, so that undo can remove them once empty); a member whose relationship is
'head' becomes the head of a household that has none.

On SQLite the rows go straight to the driver's `executemany` on the transaction's own
connection: values in storage form by SQLAlchemy's own bind processors, person ids the ones
SQLite would give (the largest id + 1 onwards: the transaction holds the write lock). At
100,000 rows the commit took 18.4 s of CPU through Core, 11.4 s so. A writer thread (sqlite3
lets go of the GIL while SQLite works) made it slower, 21.6 s against 16.2 s: the thread needs
the GIL back to bind every row and waits for it behind the thread preparing the next chunk.
PostgreSQL (psycopg) takes them by COPY, one a table and chunk, person ids drawn from the table's
sequence first: through SQLAlchemy Core (executemany, ids from RETURNING) a 10,000-row commit
was about 167,000 statements in psycopg's pipeline (one a row) and a client-side parse of each
multi-row INSERT of persons.
The tables written are analyzed at the end (PostgreSQL only). Any other database takes Core's path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop_app.domain.person import PERSON_FIELDS, FieldKind, normalize_document_number
from desktop_app.domain.phones import display_phone
from desktop_app.domain.status import Status
from desktop_app.services import audit
from desktop_app.services.importing.model import PreviewRow
from desktop_app.services.persons import next_generated_ref
from desktop_app.services.search_index import search_terms, sort_key
from desktop_app.storage.models import Document, Household, OperationChange, Person, Phone, SearchTerm, StatusChange
from desktop_app.storage.queries import refresh_server_statistics

CHUNK = 2000
UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE
# The SQLSTATE classes a row's own values can cause (data exception, integrity constraint, a value
# too large for an index, a trigger's refusal): any other failure during a COPY is not the row's.
_ROW_REFUSALS = ("22", "23", "54", "P0")
ANALYZE_AFTER = 1000  # new persons after which PostgreSQL's statistics are taken again
_NONE_KINDS = (FieldKind.SEX, FieldKind.PARTIAL_DATE, FieldKind.DATE, FieldKind.RELATIONSHIP)
_DEFAULTS: dict[str, Any] = {spec.key: False if spec.kind is FieldKind.BOOL else None if spec.kind in _NONE_KINDS
                             else "" for spec in PERSON_FIELDS}
_PERSONS: Table = Person.__table__  # type: ignore[assignment]
_PERSON_COLUMNS = tuple(c.name for c in _PERSONS.columns if c.name != "id")
_PERSON_VALUES: Callable[[dict[str, Any]], tuple[Any, ...]] = itemgetter(*_PERSON_COLUMNS)
_HOUSEHOLDS = cast(Table, Household.__table__)
_OPERATION_CHANGES = cast(Table, OperationChange.__table__)
_CASE_REF = _PERSON_COLUMNS.index("case_ref")
_STATUS = _PERSON_COLUMNS.index("status")
_SORT_KEY = _PERSON_COLUMNS.index("sort_key")
_NAMES = ("surname", "given_names", "patronymic", "surname_latin", "given_names_latin")
_CHILD_COLUMNS: dict[Table, tuple[str, ...]] = {
    Document.__table__: ("person_id", "doc_type", "number", "number_key", "issuing_country", "issue_date",  # type: ignore[dict-item]
                         "expiry_date"),
    Phone.__table__: ("person_id", "e164", "label", "display"),  # type: ignore[dict-item]
    SearchTerm.__table__: ("person_id", "term", "sort_key"),  # type: ignore[dict-item]
    StatusChange.__table__: ("person_id", "from_status", "to_status", "reason", "list_id", "operation_id",  # type: ignore[dict-item]
                             "at", "operator"),
    OperationChange.__table__: ("operation_id", "entity", "entity_id", "change", "before"),  # type: ignore[dict-item]
}


_ANALYZED: tuple[Table, ...] = (_PERSONS, _HOUSEHOLDS, *_CHILD_COLUMNS)


def json_value(value: Any) -> Any:
    """A column value as JSON keeps it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def insert_new_persons(session: Session, rows: Sequence[PreviewRow], operation_id: int, operator: str,
                       tick: Callable[[int], None]) -> list[int]:
    """Insert `rows` as new persons; returns their ids in row order. `tick(done)` may raise to cancel."""
    refs = sorted({row.data.household_ref for row in rows if row.data.household_ref})
    households = household_ids(session, refs, operation_id, operator) if refs else {}
    given = {row.data.fields["case_ref"] for row in rows if row.data.fields.get("case_ref")}

    def new_ref() -> str:
        while (ref := next_generated_ref(session)) in given:  # the file's own 'MR-000001' is not handed out again
            pass
        return ref

    created: list[int] = []
    with _writer(session) as writer:
        stamp = writer.stored(_PERSONS.c.created_at, audit.now())
        reason = f"registered by import #{operation_id}"
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            people = [_person_row(row, households, new_ref, stamp, operator, writer.stored_date) for row in chunk]
            ids = writer.add_persons(people, [row.row for row in chunk])
            documents: list[tuple[Any, ...]] = []
            phones: list[tuple[Any, ...]] = []
            terms: list[tuple[Any, ...]] = []
            for row, person, person_id in zip(chunk, people, ids, strict=True):
                keys = []
                for d in row.data.documents:
                    key = normalize_document_number(d.number)
                    keys.append(key)
                    documents.append((person_id, d.doc_type.value, d.number, key, d.issuing_country,
                                      writer.stored_date(d.issue_date), writer.stored_date(d.expiry_date)))
                phones += [(person_id, e164, "", display_phone(e164)) for e164 in row.data.phones]
                fields = row.data.fields
                order = person[_SORT_KEY]  # given: migration 0020's trigger would otherwise update each term row
                terms += [(person_id, term, order) for term in search_terms(
                    [fields.get(name, "") for name in _NAMES], person[_CASE_REF], keys, row.data.phones)]
            writer.add(Document.__table__, documents)  # type: ignore[arg-type]
            writer.add(Phone.__table__, phones)  # type: ignore[arg-type]
            writer.add(SearchTerm.__table__, terms)  # type: ignore[arg-type]
            writer.add(StatusChange.__table__, [  # type: ignore[arg-type]
                (person_id, None, person[_STATUS], reason, None, operation_id, stamp, operator)
                for person, person_id in zip(people, ids, strict=True)])
            writer.add(OperationChange.__table__, [  # type: ignore[arg-type]
                (operation_id, "person", person_id, "created", '{"version": 1}') for person_id in ids])
            created.extend(ids)
            tick(start + len(chunk))
    if households:
        _set_heads(session, rows, created, households)
    if len(created) >= ANALYZE_AFTER:
        refresh_server_statistics(session.connection(), [table.name for table in _ANALYZED])
    return created


def _person_row(row: PreviewRow, households: dict[str, int], new_ref: Callable[[], str], stamp: Any,
                operator: str, stored_date: Callable[[dt.date | None], Any]) -> tuple[Any, ...]:
    """The person's values in the order of _PERSON_COLUMNS."""
    values = _DEFAULTS | row.data.fields
    values["consent_date"] = stored_date(values["consent_date"])
    if not values["case_ref"]:
        values["case_ref"] = new_ref()
    values.update(uuid=row.data.uuid or str(uuid_module.uuid4()), status=row.data.status or Status.REGISTERED.value,
                  household_id=households.get(row.data.household_ref or ""), merged_into_id=None, deleted_at=None,
                  deleted_by=None, version=1, created_at=stamp, created_by=operator, updated_at=stamp,
                  updated_by=operator)
    values["sort_key"] = sort_key(*(values[name] for name in _NAMES))
    return _PERSON_VALUES(values)


class _CoreWriter:
    """Rows through SQLAlchemy Core, in the calling thread (any database)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def stored(self, column: Any, value: Any) -> Any:
        return value

    def stored_date(self, value: dt.date | None) -> Any:
        return value

    def add_persons(self, people: list[tuple[Any, ...]], file_rows: Sequence[int]) -> list[int]:
        statement = insert(_PERSONS).returning(_PERSONS.c.id, sort_by_parameter_order=True)
        return list(self._session.scalars(statement, [dict(zip(_PERSON_COLUMNS, p, strict=True)) for p in people]))

    def add(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            columns = _CHILD_COLUMNS[table]
            self._session.execute(insert(table), [dict(zip(columns, r, strict=True)) for r in rows])

    def close(self) -> None:
        pass


class _OnDriver:
    """A writer on the transaction's own driver connection: its dialect and a cursor, closed at the end."""

    def __init__(self, session: Session) -> None:
        self._connection = session.connection()
        self._dialect: Dialect = self._connection.dialect
        driver = self._connection.connection.driver_connection
        assert driver is not None  # an open session's connection has its driver's
        self._driver = driver
        self._cursor = driver.cursor()

    def close(self) -> None:
        self._cursor.close()


class _SqliteWriter(_OnDriver):
    """Rows through the driver's executemany on the transaction's own connection (SQLite)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._next_id = (session.scalar(select(func.max(_PERSONS.c.id))) or 0) + 1
        self._date = _processor(Document.__table__.c.issue_date, self._dialect)
        self._statements: dict[Table, str] = {}

    def stored(self, column: Any, value: Any) -> Any:
        return _processor(column, self._dialect)(value)

    def stored_date(self, value: dt.date | None) -> Any:
        return None if value is None else self._date(value)

    def add_persons(self, people: list[tuple[Any, ...]], file_rows: Sequence[int]) -> list[int]:
        ids = list(range(self._next_id, self._next_id + len(people)))
        self._next_id += len(people)
        self._execute(_PERSONS, ("id", *_PERSON_COLUMNS), [(i, *p) for i, p in zip(ids, people, strict=True)])
        return ids

    def add(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self._execute(table, _CHILD_COLUMNS[table], rows)

    def _execute(self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        quote = self._dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
               f"VALUES ({', '.join('?' * len(columns))})")
        try:
            self._cursor.executemany(sql, rows)
        except self._dialect.loaded_dbapi.Error as exc:  # as SQLAlchemy raises it, never with the values
            raise DBAPIError.instance(sql, None, exc, self._dialect.loaded_dbapi.Error, hide_parameters=True,
                                      dialect=self._dialect) from exc


class _PostgresWriter(_OnDriver):
    """Rows through COPY on the transaction's own connection (PostgreSQL): one COPY per table and chunk.

    Through SQLAlchemy Core each row was a statement of its own in psycopg's pipeline (about 17 a
    person) and the persons' multi-row INSERT ... RETURNING a client-side parse. Person ids are
    taken from the table's sequence first, in ascending order as RETURNING gave them. A row the
    server refuses is named by its file row and column, never by its value (COPY's own context
    line quotes the value)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._sequence = session.scalar(select(func.pg_get_serial_sequence(_PERSONS.name, "id")))
        self._file_rows: dict[int, int] = {}  # person id -> the file's row

    def stored(self, column: Any, value: Any) -> Any:
        return value

    def stored_date(self, value: dt.date | None) -> Any:
        return value

    def add_persons(self, people: list[tuple[Any, ...]], file_rows: Sequence[int]) -> list[int]:
        sql = "SELECT nextval(%s) FROM generate_series(1, %s)"
        try:
            self._cursor.execute(sql, (self._sequence, len(people)))
            drawn = self._cursor.fetchall()
        except self._dialect.loaded_dbapi.Error as exc:
            raise self._failure(sql, exc) from None
        ids = sorted(int(found[0]) for found in drawn)
        self._file_rows.update(zip(ids, file_rows, strict=True))
        self._copy(_PERSONS, ("id", *_PERSON_COLUMNS), [(i, *p) for i, p in zip(ids, people, strict=True)], 0)
        return ids

    def add(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            columns = _CHILD_COLUMNS[table]
            self._copy(table, columns, rows, columns.index("entity_id" if "entity_id" in columns else "person_id"))

    def _copy(self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]], person: int) -> None:
        quote = self._dialect.identifier_preparer.quote
        sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        error = self._dialect.loaded_dbapi.Error
        try:
            with self._cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except error as exc:
            state = getattr(exc, "sqlstate", None) or ""
            if state == UNIQUE_VIOLATION or not state.startswith(_ROW_REFUSALS):
                # A case reference or id taken meanwhile, or the server's own trouble (the connection
                # lost, a timeout, a full disk): the database's failure, told as any other write's.
                raise self._failure(sql, exc) from None
            where = re.search(r"line (\d+)(?:, column (\w+))?", getattr(exc.diag, "context", None) or "")
            line = int(where.group(1)) if where else 0
            refused = rows[line - 1][person] if 0 < line <= len(rows) else None
            raise RefusedRow(self._file_rows.get(refused, 0) if refused is not None else 0,
                             where.group(2) or "" if where else "",
                             exc.diag.message_primary or type(exc).__name__) from None

    def _failure(self, sql: str, exc: Exception) -> BaseException:
        """The driver's error as SQLAlchemy raises it (never with the values). A connection found broken
        is invalidated first, as SQLAlchemy does with its own: the transaction's rollback would
        otherwise be tried on it and raise 'the connection is lost' in place of the reason."""
        if self._driver.broken:
            self._connection.invalidate(exc)
        return DBAPIError.instance(sql, None, exc, self._dialect.loaded_dbapi.Error, hide_parameters=True,
                                   connection_invalidated=self._driver.broken, dialect=self._dialect)


class RefusedRow(Exception):
    """The server refused a row of the file: its row number (0: not known), the column and the server's reason
    (without the value)."""

    def __init__(self, row: int, column: str, reason: str) -> None:
        super().__init__(row, column, reason)
        self.row, self.column, self.reason = row, column, reason


@contextlib.contextmanager
def _writer(session: Session) -> Iterator[_CoreWriter | _SqliteWriter | _PostgresWriter]:
    dialect = session.get_bind().dialect.name
    writer = (_SqliteWriter(session) if dialect == "sqlite" else _PostgresWriter(session)
              if dialect == "postgresql" and session.get_bind().dialect.driver == "psycopg" else _CoreWriter(session))
    try:
        yield writer
    finally:
        writer.close()


def _processor(column: Any, dialect: Dialect) -> Callable[[Any], Any]:
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process or (lambda value: value)


def household_ids(session: Session, refs: Iterable[str], operation_id: int, operator: str) -> dict[str, int]:
    """Household id by reference, creating the households the roster does not have yet."""
    wanted = sorted(set(refs))
    found = _household_ids_of(session, wanted)
    missing = [ref for ref in wanted if ref not in found]
    if missing:
        stamp = audit.now()
        rows = [dict(uuid=str(uuid_module.uuid4()), ref=ref, name=ref, head_person_id=None, notes="",
                     created_at=stamp, created_by=operator, updated_at=stamp, updated_by=operator) for ref in missing]
        # Ids are read back by their unique reference: RETURNING in row order costs SQLite one
        # statement per row (25,000 households: 0.73 s of CPU, 0.56 s so).
        session.execute(insert(_HOUSEHOLDS), rows)
        created = _household_ids_of(session, missing)
        new = {ref: created[ref] for ref in missing}
        session.execute(insert(_OPERATION_CHANGES), [
            dict(operation_id=operation_id, entity="household", entity_id=household_id, change="created", before="{}")
            for household_id in new.values()])
        found.update(new)
    return found


def _household_ids_of(session: Session, refs: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(refs), CHUNK):  # a bound parameter per reference: SQLite allows 32,766
        found.update((ref, household_id) for ref, household_id in session.execute(
            select(Household.ref, Household.id).where(Household.ref.in_(refs[start:start + CHUNK]))))
    return found


def _set_heads(session: Session, rows: Sequence[PreviewRow], ids: list[int], households: dict[str, int]) -> None:
    heads: dict[int, int] = {}
    for row, person_id in zip(rows, ids, strict=True):
        if row.data.fields.get("relationship") == "head" and row.data.household_ref:
            heads.setdefault(households[row.data.household_ref], person_id)
    if heads:
        table = _HOUSEHOLDS
        session.execute(update(table).where(table.c.id == bindparam("household"), table.c.head_person_id.is_(None))
                        .values(head_person_id=bindparam("head")),
                        [{"household": household_id, "head": person_id} for household_id, person_id in heads.items()])
