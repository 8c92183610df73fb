"""Breaker X19c (issue 19): `demo --persons N` interrupted (Ctrl+C) between its chunks.

Each chunk is committed as it is written and the build's one audit entry comes with the last, so
an interrupted build left thousands of persons (a million build: hundreds of thousands) on the
roster that no audit entry named. What was committed is now recorded before the interruption goes on.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from desktop_app.services import audit
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry, Household, Person

pytest_plugins = ["tests.helpers.postgres"]

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.officer"


@pytest.mark.parametrize("interrupted_at", [2, 5], ids=["drawing", "copying"])
def test_an_interrupted_build_records_the_persons_it_committed(db: Database, interrupted_at: int) -> None:
    _interrupt_and_check(db, interrupted_at)


def test_an_interrupted_build_is_recorded_on_postgresql(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        _interrupt_and_check(db, 5)
    finally:
        db.close()


def _interrupt_and_check(db: Database, interrupted_at: int) -> None:
    calls: list[int] = []

    def press_ctrl_c(done: int, total: int) -> bool:
        calls.append(done)
        if len(calls) == interrupted_at:  # inside that chunk's transaction: it is given up
            raise KeyboardInterrupt
        return True

    with pytest.raises(KeyboardInterrupt):
        build_demo_roster(db, persons=1000, operator=OPERATOR, today=DAY, chunk=100, block=300,
                          progress=press_ctrl_c)
    with db.reading() as session:
        stored = session.scalar(select(func.count()).select_from(Person))
        households = session.scalar(select(func.count()).select_from(Household))
        entries = session.execute(select(AuditEntry.summary, AuditEntry.changes, AuditEntry.operator)).all()
    assert 0 < stored == calls[-2] < 1000  # the chunks before the interrupted one
    [(summary, changes, operator)] = entries
    assert operator == OPERATOR and summary == f"demo roster of {stored} persons built (interrupted; 1000 asked)"
    recorded = json.loads(changes)  # the trail's first entry names the trail too
    assert {key: recorded[key] for key in ("persons", "households", "asked")} == {
        "persons": stored, "households": households, "asked": 1000}
    assert audit.verify_chain(db).intact


def test_an_interrupt_before_the_first_chunk_records_the_partners_and_lists(db: Database) -> None:
    def press_ctrl_c(done: int, total: int) -> bool:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_demo_roster(db, persons=500, operator=OPERATOR, today=DAY, chunk=100, block=300, progress=press_ctrl_c)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
        assert session.scalars(select(AuditEntry.summary)).all() == [
            "demo roster of 0 persons built (interrupted; 500 asked)"]
    assert audit.verify_chain(db).intact
