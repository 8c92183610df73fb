"""Breaker X19c (issue 19): `demo --persons N` interrupted, and a colleague writing while it runs.

Each chunk is committed as it is written and the build's one audit entry comes with the last, so
an interrupted build (Ctrl+C) left thousands of persons (a million build: hundreds of thousands) on
the roster that no audit entry named. What was committed is now recorded before the interruption
goes on.

A person registered between two chunks under the build's operator name (the officer in the window
and the command line on one workstation both take the login name) was taken for one of the drawn
persons: the copying failed half-way ('NOT NULL constraint failed'). The copies now take the persons
the build wrote, chunk by chunk, and never a colleague's.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from desktop_app.domain.person import DocumentData
from desktop_app.services import audit, persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage import db as storage_db
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.errors import DatabaseBusy
from desktop_app.storage.models import AuditEntry, Document, Household, Person, Phone
from tests.storage.test_errors import held_lock

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


@pytest.mark.parametrize("colleague_operator", [OPERATOR, "another.officer"])
def test_a_person_registered_during_the_build_is_not_copied(db_path: Path, colleague_operator: str) -> None:
    db = open_database(db_path)
    colleague = open_database(db_path)
    registered: list[int] = []
    colleague_wrote: list[bool] = []

    def colleague_registers(session: Session) -> None:
        """After the build's first chunk is committed (this runs after every commit, the colleague's too)."""
        if colleague_wrote or session.info.get("colleague"):
            return
        with db.reading() as reading:
            if not reading.scalar(select(func.count()).select_from(Person)):
                return
        colleague_wrote.append(True)
        registered.append(persons.create_person(
                colleague, {"surname": "Haddad", "given_names": "Amal", "consent_to_share": True},
                operator=colleague_operator, documents=[DocumentData.create("passport", "P7654321", "PSE")],
                phones=["+970 59 765 4321"]).id)

    event.listen(Session, "after_commit", colleague_registers)
    try:
        summary = build_demo_roster(db, persons=700, operator=OPERATOR, today=DAY, chunk=100, block=300)
        with db.reading() as session:
            stored = session.scalar(select(func.count()).select_from(Person))
            copies = session.scalar(select(func.count()).select_from(Person).where(Person.surname == "Haddad"))
            passports = session.scalar(select(func.count()).select_from(Document).where(Document.number_key.like(
                "%7654321") | Document.number.like("P%")))
            phones = session.scalar(select(func.count()).select_from(Phone).where(Phone.person_id == registered[0]))
            entry = session.scalar(select(AuditEntry.summary).where(AuditEntry.action == "demo"))
    finally:
        event.remove(Session, "after_commit", colleague_registers)
        colleague.close()
        db.close()
    assert registered and summary.persons == 700 and stored == 701 and entry == "demo roster of 700 persons built"
    assert (copies, passports, phones) == (1, 1, 1)  # the colleague's person as registered, never copied


def test_a_build_that_never_got_the_lock_writes_nothing_and_does_not_wait_twice(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A colleague holds the write lock: the build fails with the colleague named, and, having committed
    nothing, does not queue for the lock again to record an interruption (a second busy timeout)."""
    open_database(db_path).close()
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 300)
    db = open_database(db_path)
    try:
        with held_lock(db_path, 30), caplog.at_level(logging.WARNING), pytest.raises(DatabaseBusy):
            build_demo_roster(db, persons=500, operator=OPERATOR, today=DAY, chunk=100, block=300)
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    finally:
        db.close()
    assert not [r for r in caplog.records if r.name == "desktop_app.services.demo_bulk"]
