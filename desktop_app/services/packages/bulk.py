"""Records new to this roster, written in bulk: one executemany per table and chunk (SQLAlchemy Core).

    writer.preload()                                   # uuid -> id of every person, household, list
    ids = create(writer, "person", rows)               # rows: StateRow of one kind, none in the roster yet
    insert_rows(writer, table, [{column: value, ...}, ...])   # any other rows, every column but the id
    ids["person:<uuid>"]                               # the new row's id (members and status entries: None)

The merge decides on plain rows in Python; only the writing is bulk. What a person gets is what
`records.apply_record(..., created=True)` would give it through the ORM: its columns, documents,
phones, sort key and search terms; a unique value another record holds here (a case reference, a
household reference, a list's name) is varied by `Writer.free` and remembered as an alias. A
reference to a record of the same kind that is itself new (a person merged into another new one,
a household's head) is set once every row of the kind is in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import ColumnElement

from desktop_app.domain.person import normalize_document_number
from desktop_app.domain.phones import display_phone
from desktop_app.services import audit
from desktop_app.services.packages.journal import JOURNAL_KINDS, create_journal, journal_ids, journal_table
from desktop_app.services.packages.records import (
    LIST_COLUMNS,
    MEMBER_COLUMNS,
    PERSON_COLUMNS,
    Writer,
    organization_id,
    status_key,
)
from desktop_app.services.packages.state import StateRow
from desktop_app.services.search_index import sort_key, term_rows
from desktop_app.storage.models import (
    Document,
    EvacuationList,
    Household,
    ListMember,
    Person,
    Phone,
    SearchTerm,
    StatusChange,
)

CHUNK = 2000  # rows a statement; SQLite binds at most 32,766 parameters in one IN (...)
_PERSONS = cast(Table, Person.__table__)
_HOUSEHOLDS = cast(Table, Household.__table__)
_LISTS = cast(Table, EvacuationList.__table__)
_NAMES = ("surname", "given_names", "patronymic", "surname_latin", "given_names_latin")


def _defaults(table: Table) -> dict[str, Any]:
    """Each column's Python-side scalar default (None where it has none), as the ORM would fill it."""
    return {c.name: c.default.arg if c.default is not None and c.default.is_scalar else None  # type: ignore[attr-defined]
            for c in table.columns if c.name != "id"}


_PERSON_DEFAULTS = _defaults(_PERSONS) | {"status": "registered", "case_ref": "", "version": 1}


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _chunks(rows: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def _ids_by_uuid(writer: Writer, column: ColumnElement[str], id_column: ColumnElement[int],
                 uuids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for part in _chunks(uuids):
        found.update((u, i) for u, i in writer.session.execute(select(column, id_column).where(column.in_(part))))
    return found


def insert_rows(writer: Writer, table: Table, rows: list[dict[str, Any]]) -> None:
    """`rows` (each with every column but the id) into `table`.

    On SQLite straight to the driver's executemany on the transaction's own connection, values in
    storage form by SQLAlchemy's own bind processors (as services.importing.new does): Core's
    executemany spent more time building each row's parameters than SQLite spent writing them."""
    if not rows:
        return
    connection = writer.session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        for part in _chunks(rows):
            connection.execute(insert(table), part)
        return
    names = list(rows[0])
    process = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
           f"VALUES ({', '.join('?' * len(names))})")
    driver = connection.connection.driver_connection
    assert driver is not None  # an open transaction's connection has its driver's
    cursor = driver.cursor()
    try:
        for part in _chunks(rows):
            cursor.executemany(sql, [tuple(row[name] if step is None else step(row[name])
                                           for name, step in zip(names, process, strict=True)) for row in part])
    except dialect.loaded_dbapi.Error as exc:  # as SQLAlchemy raises it, never with the values (personal data)
        raise DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error, hide_parameters=True,
                                  dialect=dialect) from exc
    finally:
        cursor.close()


def create(writer: Writer, kind: str, rows: list[StateRow]) -> dict[str, int | None]:
    """Insert `rows` (all of `kind`, none of them in the roster); returns each key's new row id."""
    if not rows:
        return {}
    if kind == "household":
        return _households(writer, rows)
    if kind == "person":
        return _persons(writer, rows)
    if kind == "list":
        return _lists(writer, rows)
    if kind == "member":
        return _members(writer, rows)
    if kind == "status":
        return _statuses(writer, rows)
    if kind in JOURNAL_KINDS:
        return create_journal(writer, kind, rows)
    return {}


def _uuid(row: StateRow) -> str:
    return row.key.split(":", 1)[1]


def _households(writer: Writer, rows: list[StateRow]) -> dict[str, int | None]:
    stamp = audit.now()
    values = [{"uuid": _uuid(row), "name": row.values.get("name") or "", "notes": row.values.get("notes") or "",
               "ref": writer.free(row.key, "ref", Household.ref, row.values.get("ref") or "", None),
               "head_person_id": None, "created_at": stamp, "created_by": writer.operator, "updated_at": stamp,
               "updated_by": writer.operator} for row in rows]
    insert_rows(writer, _HOUSEHOLDS, values)
    ids = _ids_by_uuid(writer, Household.uuid, Household.id, [v["uuid"] for v in values])
    writer.household_ids.update(ids)
    for row in rows:
        if row.values.get("head"):
            writer.pending_heads[ids[_uuid(row)]] = row.values["head"]
    return {row.key: ids[_uuid(row)] for row in rows}


def _persons(writer: Writer, rows: list[StateRow]) -> dict[str, int | None]:
    stamp = audit.now()
    people: list[dict[str, Any]] = []
    for row in rows:
        values = row.values
        person = dict(_PERSON_DEFAULTS)
        person.update({name: values[name] for name in PERSON_COLUMNS if name in values})
        person["case_ref"] = writer.free(row.key, "case_ref", Person.case_ref, person["case_ref"] or "", None)
        person["consent_date"] = _date(person["consent_date"])
        deleted = bool(values.get("deleted"))
        person.update(uuid=_uuid(row), household_id=writer.household_id(values.get("household")),
                      merged_into_id=None, deleted_at=stamp if deleted else None,
                      deleted_by=writer.operator if deleted else None, created_at=stamp, created_by=writer.operator,
                      updated_at=stamp, updated_by=writer.operator,
                      sort_key=sort_key(*(person[name] or "" for name in _NAMES)))
        people.append(person)
    insert_rows(writer, _PERSONS, people)
    ids = _ids_by_uuid(writer, Person.uuid, Person.id, [p["uuid"] for p in people])
    writer.person_ids.update(ids)
    documents: list[dict[str, Any]] = []
    phones: list[dict[str, Any]] = []
    terms: list[dict[str, Any]] = []
    merged: list[dict[str, Any]] = []
    for row, person in zip(rows, people, strict=True):
        person_id = ids[person["uuid"]]
        keys = []
        for doc_type, number, country, issued, expires in row.values.get("documents") or []:
            key = normalize_document_number(number)
            keys.append(key)
            documents.append({"person_id": person_id, "doc_type": doc_type, "number": number, "number_key": key,
                              "issuing_country": country, "issue_date": _date(issued),
                              "expiry_date": _date(expires)})
        numbers = [e164 for e164, _label in row.values.get("phones") or []]
        phones += [{"person_id": person_id, "e164": e164, "label": label, "display": display_phone(e164)}
                   for e164, label in row.values.get("phones") or []]
        terms += [{"person_id": p, "term": t, "sort_key": person["sort_key"]} for p, t in term_rows(
            person_id, [person[name] or "" for name in _NAMES], person["case_ref"], keys, numbers)]
        if row.values.get("merged_into"):
            merged.append({"person": person_id, "survivor": row.values["merged_into"]})
    insert_rows(writer, cast(Table, Document.__table__), documents)
    insert_rows(writer, cast(Table, Phone.__table__), phones)
    insert_rows(writer, cast(Table, SearchTerm.__table__), terms)
    survivors = [{"person": m["person"], "survivor": writer.person_id(m["survivor"])} for m in merged]
    if survivors := [s for s in survivors if s["survivor"] is not None]:
        writer.session.connection().execute(update(_PERSONS).where(_PERSONS.c.id == bindparam("person"))
                               .values(merged_into_id=bindparam("survivor")), survivors)
    return {row.key: ids[_uuid(row)] for row in rows}


def _lists(writer: Writer, rows: list[StateRow]) -> dict[str, int | None]:
    stamp = audit.now()
    values: list[dict[str, Any]] = []
    for row in rows:
        given = row.values
        lst: dict[str, Any] = {"uuid": _uuid(row), "state": "draft", "notes": "", "sent_at": None,
                               "answered_at": None}
        lst.update({name: given[name] for name in LIST_COLUMNS if name in given})
        lst["name"] = writer.free(row.key, "name", EvacuationList.name, lst.get("name") or "", None)
        lst.update(sent_at=_datetime(lst["sent_at"]), answered_at=_datetime(lst["answered_at"]),
                   organization_id=organization_id(writer.session, given.get("organization")),
                   created_at=stamp, created_by=writer.operator)
        values.append(lst)
    insert_rows(writer, _LISTS, values)
    ids = _ids_by_uuid(writer, EvacuationList.uuid, EvacuationList.id, [v["uuid"] for v in values])
    writer.list_ids.update(ids)
    return {row.key: ids[_uuid(row)] for row in rows}


def _members(writer: Writer, rows: list[StateRow]) -> dict[str, int | None]:
    stamp = audit.now()
    values: list[dict[str, Any]] = []
    for row in rows:
        _, list_uuid, person_uuid = row.key.split(":")
        list_id, person_id = writer.list_id(list_uuid), writer.person_id(person_uuid)
        given = row.values
        if list_id is None or person_id is None or given.get("present", True) is False:
            continue
        member = {"answer": "pending", "valid_until": None, "crossed_at": None, "answered_at": None,
                  "answer_note": ""}
        member.update({name: given[name] for name in MEMBER_COLUMNS if name in given})
        member.update(list_id=list_id, person_id=person_id, answer=member["answer"] or "pending",
                      valid_until=_date(member["valid_until"]), crossed_at=_datetime(member["crossed_at"]),
                      answered_at=_datetime(member["answered_at"]),
                      added_at=_datetime(given.get("added_at")) or stamp,
                      added_by=given.get("added_by") or writer.operator)
        values.append(member)
    insert_rows(writer, cast(Table, ListMember.__table__), values)
    return dict.fromkeys((row.key for row in rows), None)


def _statuses(writer: Writer, rows: list[StateRow]) -> dict[str, int | None]:
    values: list[dict[str, Any]] = []
    for row in rows:
        given = row.values
        person_id = writer.person_id(given.get("person"))
        if person_id is None:
            continue
        values.append({"person_id": person_id, "from_status": given.get("from"), "to_status": given["to"],
                       "reason": given.get("reason") or "", "list_id": writer.list_id(given.get("list")),
                       "operation_id": None, "at": _datetime(given["at"]),
                       "operator": given.get("operator") or writer.operator})
    insert_rows(writer, cast(Table, StatusChange.__table__), values)
    return dict.fromkeys((row.key for row in rows), None)


def remove(writer: Writer, kind: str, keys: list[str]) -> None:
    """Delete the records of `kind` named by `keys` (created by an import being undone) and their
    package state; what they own goes with them (the database's ON DELETE CASCADE). A reference to a
    removed person or household from a record that stays is cleared first."""
    from desktop_app.storage.package_tables import PackageState

    session = writer.session
    ids = _ids_of(session, kind, keys)
    for part in _chunks(ids):
        if kind == "person":
            session.execute(update(Household).where(Household.head_person_id.in_(part)).values(head_person_id=None))
            session.execute(update(Person).where(Person.merged_into_id.in_(part)).values(merged_into_id=None),
                            execution_options={"synchronize_session": False})
            session.execute(delete(Person).where(Person.id.in_(part)), execution_options={"synchronize_session": False})
        elif kind == "household":
            session.execute(update(Person).where(Person.household_id.in_(part)).values(household_id=None),
                            execution_options={"synchronize_session": False})
            session.execute(delete(Household).where(Household.id.in_(part)),
                            execution_options={"synchronize_session": False})
        else:
            table: Any = {"list": EvacuationList, "member": ListMember, "status": StatusChange}.get(kind) \
                or journal_table(kind)
            session.execute(delete(table).where(table.id.in_(part)), execution_options={"synchronize_session": False})
    for part in _chunks(keys):
        session.execute(delete(PackageState).where(PackageState.key.in_(part)))
    session.expire_all()


def _ids_of(session: Any, kind: str, keys: list[str]) -> list[int]:
    uuids = [key.split(":", 1)[1] for key in keys]
    found: list[int] = []
    if kind in ("person", "household", "list"):
        model: Any = {"person": Person, "household": Household, "list": EvacuationList}[kind]
        for part in _chunks(uuids):
            found += session.scalars(select(model.id).where(model.uuid.in_(part)))
        return found
    wanted = set(keys)
    if kind == "member":
        lists = {u: i for i, u in session.execute(select(EvacuationList.id, EvacuationList.uuid))}
        people = {u: i for i, u in session.execute(select(Person.id, Person.uuid))}
        pairs = {(lists.get(k.split(":")[1]), people.get(k.split(":")[2])) for k in keys}
        return [row.id for row in session.execute(select(ListMember.id, ListMember.list_id, ListMember.person_id))
                if (row.list_id, row.person_id) in pairs]
    if kind == "status":
        people = {i: u for i, u in session.execute(select(Person.id, Person.uuid))}
        return [c.id for c in session.execute(select(StatusChange.id, StatusChange.person_id, StatusChange.at,
                                                     StatusChange.from_status, StatusChange.to_status,
                                                     StatusChange.reason))
                if status_key(people[c.person_id], c.at, c.from_status, c.to_status, c.reason) in wanted]
    return [i for key, i in journal_ids(session, kind).items() if key in wanted]
