"""The accounts gate read once per guarded call, and on PostgreSQL without a transaction of its own (issue 19:
the first page of a search within 50 ms p95 on a server, where each statement is a round trip).

A page of the roster table is two guarded services (`first_page_ids`, then `fetch_rows`), and `fetch_rows` asks
a second permission (the medical flag): the accounts were read three times a page, each read in a transaction
of its own (BEGIN, SELECT, ROLLBACK: three round trips on a server). Now each call reads them once, the checks
made inside it reuse what its entry read, and a lone statement needs no transaction around it. A permission
revoked by another officer still holds from the next call on: each test below opens the roster twice, as two
officers would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from desktop_app.domain.roles import Permission, Role
from desktop_app.services import accounts, persons, roster
from desktop_app.services.accounts import PermissionRefused
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

HEAD_PIN, OTHER_HEAD_PIN, VOLUNTEER_PIN = "4711-consul", "5812-deputy", "1234-hotline"


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    """Every statement SQLAlchemy sends to the roster meanwhile."""
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _gate_reads(sent: list[str]) -> int:
    return sum(1 for statement in sent if re.search(r"\bFROM accounts\b", statement))


def _first_page(db: Database, text: str) -> dict[int, Any]:
    """What the roster table reads for a search's first page: its ids, then their rows."""
    return roster.fetch_rows(db, roster.first_page_ids(db, RosterQuery(text=text), 200))


def _staffed(db: Database) -> int:
    """Two heads and a volunteer; the first head signed in on `db`; a person with a medical need (her id)."""
    accounts.add_account(db, "A. Consul", Role.HEAD, HEAD_PIN, operator="setup")
    accounts.sign_in(db, accounts.authenticate(db, "A. Consul", HEAD_PIN))
    accounts.add_account(db, "B. Deputy", Role.HEAD, OTHER_HEAD_PIN, operator="setup")
    accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, VOLUNTEER_PIN, operator="setup")
    return persons.create_person(db, {"surname": "Иванова", "given_names": "Мария", "medical": True},
                                 operator="setup").id


def test_a_first_page_reads_the_accounts_once_per_service_call(db: Database) -> None:
    """Three reads before (the second permission of `fetch_rows` read them again), two now; the volunteer
    still sees no medical flag."""
    persons.create_person(db, {"surname": "Иванова", "given_names": "Мария", "medical": True}, operator="x")
    with _statements(db) as sent:  # a roster without accounts: each call asks whether it has any
        page = _first_page(db, "иванова")
    assert len(page) == 1 and next(iter(page.values())).medical
    assert _gate_reads(sent) == 2

    person = _staffed(db)
    accounts.sign_in(db, accounts.authenticate(db, "V. Hotline", VOLUNTEER_PIN))
    with _statements(db) as sent:  # signed in: each call reads the account as it stands now
        page = _first_page(db, "иванова")
    assert set(page) >= {person} and not page[person].medical
    assert _gate_reads(sent) == 2


def test_a_role_lowered_by_another_officer_holds_at_the_next_call(db_path: Path) -> None:
    consul = open_database(db_path)
    deputy = open_database(db_path)  # the other officer, on her own computer
    try:
        person = _staffed(consul)
        accounts.sign_in(deputy, accounts.authenticate(deputy, "B. Deputy", OTHER_HEAD_PIN))
        assert _first_page(consul, "иванова")[person].medical
        accounts.change_role(deputy, "A. Consul", Role.VOLUNTEER, operator="x")
        assert not _first_page(consul, "иванова")[person].medical  # the very next page
        accounts.disable_account(deputy, "A. Consul", operator="x")
        with pytest.raises(PermissionRefused, match="disabled"):
            roster.first_page_ids(consul, RosterQuery(text="иванова"), 200)
        with pytest.raises(PermissionRefused, match="disabled"):
            roster.fetch_rows(consul, [person])
    finally:
        consul.close()
        deputy.close()


def test_gate_once_reads_the_gate_once_and_forgets_it_when_an_account_changes(db: Database) -> None:
    """Several guarded calls in one `gate_once` (a page read as one piece of work) read the accounts once;
    an account changed inside it is read again (a head who made himself a volunteer may no longer)."""
    person = _staffed(db)
    with _statements(db) as sent, accounts.gate_once(db):
        assert _first_page(db, "иванова")[person].medical
        assert accounts.may(db, Permission.ACCOUNTS)
    assert _gate_reads(sent) == 1
    with accounts.gate_once(db):
        assert accounts.may(db, Permission.ACCOUNTS)
        accounts.change_role(db, "A. Consul", Role.VOLUNTEER, operator="x")
        assert not accounts.may(db, Permission.ACCOUNTS)
        assert not _first_page(db, "иванова")[person].medical
    with accounts.gate_once(db):
        assert not accounts.may(db, Permission.READ_NOTES)
        accounts.sign_in(db, accounts.authenticate(db, "B. Deputy", OTHER_HEAD_PIN))
        assert accounts.may(db, Permission.READ_NOTES)  # another sign-in: read again for the one signed in now


def _round_trips(trace: Path, start: int) -> list[str]:
    """What the client sent that waits for the server's answer, from libpq's own trace of the connection
    past `start` bytes: each simple Query (its text), and each Sync closing an extended query."""
    records = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\t)", trace.read_text(errors="replace")[start:])
    sent = []
    for record in records:
        fields = record.split("\t", 4)
        if len(fields) > 3 and fields[1] == "F" and fields[3].strip() in ("Query", "Sync"):
            sent.append(f"{fields[3].strip()} {fields[4] if len(fields) > 4 else ''}".strip())
    return sent


def test_on_postgresql_a_first_page_is_seven_round_trips_not_sixteen(postgres_url: str, tmp_path: Path) -> None:
    """libpq's trace of the connection (what went over the wire). A prefix search's first page: before,
    5 BEGIN + 5 ROLLBACK + 3 gate reads + 3 search statements; now one transaction (the page's ids, two
    statements), two gate reads and the rows' statement on their own."""
    db = open_database(postgres_url)
    trace = tmp_path / "libpq.trace"
    try:
        person = _staffed(db)
        with trace.open("w") as out:
            event.listen(db.engine, "connect", lambda dbapi, _record: dbapi.pgconn.trace(out.fileno()))
            db.engine.dispose()  # the next connection is traced from its start
            assert _first_page(db, "иванова")[person].medical  # warms the connection and the statement cache
            out.flush()
            start = trace.stat().st_size
            with _statements(db) as statements:
                assert _first_page(db, "иванова")[person].medical
            out.flush()
            db.engine.dispose()
        sent = _round_trips(trace, start)
        begun = [m for m in sent if m.startswith("Query") and "BEGIN" in m]
        ended = [m for m in sent if m.startswith("Query") and "ROLLBACK" in m]
        assert (len(begun), len(ended), _gate_reads(statements), len(statements)) == (1, 1, 2, 5), sent
        assert len(sent) == 7, sent
    finally:
        db.close()
