"""The audit trail: hash chain, append-only, and redaction that keeps the chain verifiable."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from desktop_app.domain.errors import DatabaseError as AppendOnlyRefused
from desktop_app.services import audit, persons
from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry


def _person(db: Database, operator: str) -> persons.PersonView:
    person = persons.create_person(db, {"surname": "Щербакова", "given_names": "Мария"}, operator=operator)
    persons.update_person(db, person.id, {"locality": "Rafah", "notes": "daughter in Moscow"}, operator=operator)
    return person


def test_entries_cannot_be_changed_or_removed(db: Database, operator: str) -> None:
    _person(db, operator)
    with pytest.raises(AppendOnlyRefused, match="append-only"), db.transaction() as session:
        session.execute(update(AuditEntry).values(summary="nothing happened"))
    with pytest.raises(AppendOnlyRefused, match="append-only"), db.transaction() as session:
        session.execute(AuditEntry.__table__.delete())
    # Even a "redaction" that also rewrites the chained columns is refused.
    with pytest.raises(AppendOnlyRefused, match="append-only"), db.transaction() as session:
        session.execute(update(AuditEntry).values(summary=audit.REDACTED, changes="{}", redacted_at=audit.now(),
                                                  operator="someone else"))
    assert audit.verify_chain(db).intact


def test_redaction_removes_the_content_and_the_chain_still_verifies(db: Database, operator: str) -> None:
    person = _person(db, operator)
    other = persons.create_person(db, {"surname": "Орлов"}, operator=operator)
    with db.transaction() as session:
        assert audit.redact(session, "person", [person.uuid]) == 2
    with db.reading() as session:
        entries = [(e.summary, e.changes, e.redacted_at, e.operator)
                   for e in session.scalars(select(AuditEntry).where(AuditEntry.entity_key == person.uuid))]
        text = " ".join(f"{e.summary} {e.changes}" for e in session.scalars(select(AuditEntry)))
    assert all(summary == audit.REDACTED and changes == "{}" and at for summary, changes, at, _ in entries)
    assert "Щербакова" not in text and "Moscow" not in text and "Орлов" in text
    assert [who for *_, who in entries] == [operator, operator]  # who acted, and when, stay
    assert audit.verify_chain(db).intact
    assert audit.browse(db, audit.AuditFilter(entity_key=other.uuid))[0].summary.startswith("created")


def test_a_faked_redaction_that_keeps_content_is_detected(db: Database, operator: str) -> None:
    person = _person(db, operator)
    with db.transaction() as session:
        audit.redact(session, "person", [person.uuid])
    with db.engine.begin() as connection:  # a tamperer with the file first removes the trigger
        connection.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
        entry_id = connection.exec_driver_sql("SELECT max(id) FROM audit_entries WHERE redacted_at IS NOT NULL"
                                              ).scalar()
        connection.exec_driver_sql(f"UPDATE audit_entries SET summary = 'edited by nobody' WHERE id = {entry_id}")
    report = audit.verify_chain(db)
    assert report.first_bad_id == entry_id and "redacted" in report.problem
