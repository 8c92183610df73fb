"""Attacks on the accounts gate read once per guarded call (breaker X21d, session 19, on 9a564b1 / ae7aea6).

`accounts.gate_once` keeps what the gate read in a context variable for the length of a guarded call; the
next call must read the accounts afresh, so that a role lowered or an account disabled by another officer
(a second open of the roster, as on her own computer) holds from the next service call on. Here the gate is
pushed where a context variable travels: a context copied during the call (an asyncio task, a thread run in
`contextvars.copy_context()`), a worker thread reused for the next job, a call that failed, a call that lowers
its own role and then calls another guarded service. And `Database.reading(one_statement=True)`, which puts a
pooled PostgreSQL connection in autocommit for one read, must leave the next write's transaction whole.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop_app.domain.roles import Permission, Role
from desktop_app.services import accounts, persons, roster
from desktop_app.services.accounts import PermissionRefused
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

HEAD_PIN, OTHER_HEAD_PIN = "4711-consul", "5812-deputy"


def _two_officers(target: Path | str) -> tuple[Database, Database, int]:
    """The consul signed in on one open of the roster, his deputy (another head) on another; a person with
    a medical need (her id), whose flag only a role that may read notes sees."""
    consul, deputy = open_database(target), open_database(target)
    accounts.add_account(consul, "A. Consul", Role.HEAD, HEAD_PIN, operator="setup")
    accounts.sign_in(consul, accounts.authenticate(consul, "A. Consul", HEAD_PIN))
    accounts.add_account(consul, "B. Deputy", Role.HEAD, OTHER_HEAD_PIN, operator="setup")
    accounts.sign_in(deputy, accounts.authenticate(deputy, "B. Deputy", OTHER_HEAD_PIN))
    person = persons.create_person(consul, {"surname": "Аль-Хаддад", "given_names": "Фатима", "medical": True},
                                   operator="setup").id
    return consul, deputy, person


def _medical_seen(db: Database, person: int) -> bool:
    return roster.fetch_rows(db, [person])[person].medical


@accounts.guarded(Permission.SEARCH)
def _search_leaving_work_behind(db: Database, start: Callable[[Callable[[], None]], None],
                                later: Callable[[], None]) -> None:
    """A guarded read that hands `later` to work outliving it (started by `start` while the call runs)."""
    roster.first_page_ids(db, RosterQuery(text="фатима"), 10)
    start(later)


def test_work_started_in_a_copied_context_does_not_keep_the_gate_after_the_call(db_path: Path) -> None:
    """A thread run in a context copied inside a guarded call (what asyncio.to_thread and a task do) shares
    the call's gate: once the call is over, its reads must see a role lowered meanwhile, not the entry's."""
    consul, deputy, person = _two_officers(db_path)
    call_over, lowered = threading.Event(), threading.Event()
    seen: list[bool] = []

    def later() -> None:
        call_over.wait(10)
        lowered.wait(10)
        seen.append(_medical_seen(consul, person))

    workers: list[threading.Thread] = []

    def start(job: Callable[[], None]) -> None:
        workers.append(threading.Thread(target=contextvars.copy_context().run, args=(job,)))
        workers[0].start()

    try:
        _search_leaving_work_behind(consul, start, later)
        call_over.set()
        accounts.change_role(deputy, "A. Consul", Role.VOLUNTEER, operator="x")
        lowered.set()
        workers[0].join(10)
        assert seen == [False]  # the volunteer sees no medical flag
    finally:
        consul.close()
        deputy.close()


def test_an_asyncio_task_started_in_a_guarded_call_reads_the_gate_afresh_after_it(db_path: Path) -> None:
    consul, deputy, person = _two_officers(db_path)
    tasks: list[asyncio.Task[Any]] = []

    async def main() -> bool:
        lowered = asyncio.Event()

        async def later_reads() -> bool:
            await lowered.wait()
            return _medical_seen(consul, person)

        _search_leaving_work_behind(consul, lambda _job: tasks.append(asyncio.get_running_loop().create_task(
            later_reads())), lambda: None)
        accounts.change_role(deputy, "A. Consul", Role.VOLUNTEER, operator="x")
        lowered.set()
        return await tasks[0]

    try:
        assert asyncio.run(main()) is False
    finally:
        consul.close()
        deputy.close()


def test_a_reused_worker_thread_and_a_failed_call_keep_no_gate(db_path: Path) -> None:
    """The same thread runs a call that fails inside the gate, then (after a colleague disables the account)
    the next call: refused, as at any next call."""
    consul, deputy, person = _two_officers(db_path)
    outcomes: list[object] = []

    @accounts.guarded(Permission.SEARCH)
    def failing(db: Database) -> None:
        assert _medical_seen(db, person)
        raise RuntimeError("the read broke half-way")

    def jobs() -> None:
        with pytest.raises(RuntimeError):
            failing(consul)
        accounts.disable_account(deputy, "A. Consul", operator="x")
        try:
            _medical_seen(consul, person)
            outcomes.append("read")
        except PermissionRefused as refused:
            outcomes.append(refused)

    try:
        worker = threading.Thread(target=jobs)
        worker.start()
        worker.join(30)
        assert len(outcomes) == 1 and isinstance(outcomes[0], PermissionRefused)
    finally:
        consul.close()
        deputy.close()


def test_a_call_that_lowers_its_own_role_then_calls_another_guarded_service_is_refused(db_path: Path) -> None:
    consul, deputy, person = _two_officers(db_path)

    @accounts.guarded(Permission.SEARCH)
    def lower_then_read_notes(db: Database) -> bool:
        assert _medical_seen(db, person)
        accounts.change_role(db, "A. Consul", Role.VOLUNTEER, operator="x")
        return _medical_seen(db, person)

    try:
        assert lower_then_read_notes(consul) is False
        with pytest.raises(PermissionRefused):
            accounts.list_accounts(consul)
    finally:
        consul.close()
        deputy.close()


def test_on_postgresql_a_lone_read_leaves_the_next_write_in_one_transaction(postgres_url: str) -> None:
    """`one_statement` puts the pooled connection in autocommit for its read; the same connection, taken
    next for a write, must be back in a transaction (else the writer lock, SET LOCAL and the write's
    atomicity would be gone): one transaction id for two statements, and a rolled-back write leaves nothing."""
    db = open_database(postgres_url)
    try:
        db.engine.dispose()
        with db.reading(one_statement=True) as session:
            first = session.connection().connection.dbapi_connection
            assert session.scalar(text("SELECT 1")) == 1
        with db.transaction() as session:
            assert session.connection().connection.dbapi_connection is first  # the pool gave the same one back
            ids = [session.scalar(text("SELECT pg_current_xact_id()::text")) for _ in range(2)]
            assert ids[0] == ids[1]
        with db.reading() as session:
            assert session.connection().connection.dbapi_connection is first
            assert session.scalar(text("SELECT pg_current_xact_id()::text")) == \
                session.scalar(text("SELECT pg_current_xact_id()::text"))
        with pytest.raises(RuntimeError), db.transaction() as session:
            session.execute(text("CREATE TEMP TABLE x21d_probe (id int)"))
            raise RuntimeError("rolled back")
        with db.reading(one_statement=True) as session:
            assert session.scalar(text("SELECT to_regclass('pg_temp.x21d_probe') IS NULL"))
    finally:
        db.close()


def test_on_postgresql_a_role_lowered_and_an_account_disabled_hold_at_the_next_page(postgres_url: str) -> None:
    """The gate's reads run in autocommit on PostgreSQL, beside the page's REPEATABLE READ ids on the same
    pooled connections: what the deputy committed is seen at the consul's very next page, not a snapshot
    kept from before it."""
    consul, deputy, person = _two_officers(postgres_url)
    try:
        for _ in range(3):  # the pool's connections have been through both kinds of read
            ids = roster.first_page_ids(consul, RosterQuery(text="фатима"), 200)
            assert roster.fetch_rows(consul, ids)[person].medical
        accounts.change_role(deputy, "A. Consul", Role.VOLUNTEER, operator="x")
        ids = roster.first_page_ids(consul, RosterQuery(text="фатима"), 200)
        assert person in ids and not roster.fetch_rows(consul, ids)[person].medical
        accounts.disable_account(deputy, "A. Consul", operator="x")
        with pytest.raises(PermissionRefused, match="disabled"):
            roster.first_page_ids(consul, RosterQuery(text="фатима"), 200)
        with pytest.raises(PermissionRefused, match="disabled"):
            roster.fetch_rows(consul, [person])
    finally:
        consul.close()
        deputy.close()
