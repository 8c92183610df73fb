"""The dashboard's counts read the roster once (session 17, W1: about 6 s at 1,000,000 persons).

`roster_stats` counted each flag stored as a column (no index) by reading the whole persons table, and the
counts by status and by locality looked every person up from an index: six reads of every person. They are
now one pass, grouped by status and locality and summed in Python; the figures are the roster search's.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from desktop_app.domain.flags import Flag
from desktop_app.domain.status import Status
from desktop_app.services import demo, persons, roster, stats
from desktop_app.services.duplicates.merging import merge_persons
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A roster on SQLite (the test's file) and on a throwaway PostgreSQL server."""
    if request.param == "sqlite":
        yield request.getfixturevalue("db")
        return
    database = open_database(request.getfixturevalue("postgres_url"))
    yield database
    database.close()


def test_the_counts_are_the_roster_searchs(any_db: Database, operator: str) -> None:
    db = any_db
    demo.fill_demo(db, households=30, operator="demo", today=TODAY)
    everyone = roster.search_ids(db, RosterQuery(today=TODAY))
    persons.delete_person(db, everyone[0], operator=operator, reason="test")  # the trash is not counted
    merge_persons(db, everyone[1], everyone[2], operator=operator)  # nor a merged record
    figures = stats.roster_stats(db, today=TODAY)

    def found(**filters: object) -> int:
        return len(roster.search_ids(db, RosterQuery(today=TODAY, **filters)))  # type: ignore[arg-type]

    assert figures.persons == found() == len(everyone) - 2
    assert figures.by_status == {s.value: found(statuses=(s,)) for s in Status if s is not Status.MERGED}
    assert figures.approved_not_crossed == figures.by_status[Status.APPROVED.value]
    assert figures.by_flag == {f.value: found(flags=(f,)) for f in Flag}
    assert sum(figures.by_flag.values()) > 0
    assert figures.by_locality == {place: found(locality=place) for place in figures.by_locality}
    assert "" not in figures.by_locality and len(figures.by_locality) > 1
    assert list(figures.by_locality.items()) == sorted(figures.by_locality.items(), key=lambda i: (-i[1], i[0]))
    assert figures.in_trash == 1


def test_the_counts_read_every_person_once(db: Database) -> None:
    demo.fill_demo(db, households=5, operator="demo", today=TODAY)
    read_in_full = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def plan(connection: object, cursor: sqlite3.Cursor, statement: str, parameters: object, context: object,
             many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):  # SQLite's plan of it, on its own connection
            steps = cursor.connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            read_in_full.extend(step[3] for step in steps if step[3].startswith("SCAN persons")
                                and "COVERING INDEX" not in step[3])

    try:
        stats.roster_stats(db, today=TODAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", plan)
    assert len(read_in_full) == 1, read_in_full
