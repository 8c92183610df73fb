"""The audit trail: hash chain, append-only, and redaction that keeps the chain verifiable."""

from __future__ import annotations

from pathlib import Path

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
        assert audit.redact(session, "person", [person.uuid], operator=operator, reason="test") == 2
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
        audit.redact(session, "person", [person.uuid], operator=operator, reason="test")
    with db.engine.begin() as connection:  # a tamperer with the file first removes the trigger
        connection.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
        entry_id = connection.exec_driver_sql("SELECT max(id) FROM audit_entries WHERE redacted_at IS NOT NULL"
                                              ).scalar()
        connection.exec_driver_sql(f"UPDATE audit_entries SET summary = 'edited by nobody' WHERE id = {entry_id}")
    report = audit.verify_chain(db)
    assert report.first_bad_id == entry_id and "redacted" in report.problem


# --- defect 10: a redaction nobody recorded --------------------------------------------------------

def _export_entry(db: Database, operator: str) -> int:
    with db.transaction() as session:
        entry = audit.record(session, operator, "export", "export", "a3f1", "exported 3 persons to UNHCR",
                             {"recipient": "UNHCR", "persons": 3})
        session.flush()
        return entry.id


def test_a_forged_redaction_of_an_export_entry_fails_verify(db: Database, operator: str) -> None:
    _person(db, operator)
    entry_id = _export_entry(db, operator)
    persons.create_person(db, {"surname": "Орлов"}, operator=operator)
    # The append-only trigger lets this UPDATE through: it looks like a redaction.
    with db.transaction() as session:
        session.execute(update(AuditEntry).where(AuditEntry.id == entry_id)
                        .values(summary=audit.REDACTED, changes="{}", redacted_at=audit.now()))
    report = audit.verify_chain(db)
    assert report.first_bad_id == entry_id and "without a redaction record" in report.problem


def test_a_redaction_is_a_chained_entry_naming_what_it_blanked(db: Database, operator: str) -> None:
    person = _person(db, operator)
    with db.transaction() as session:
        assert audit.redact(session, "person", [person.uuid], operator=operator, reason="retention") == 2
    (redaction,) = audit.browse(db, audit.AuditFilter(action="redact"))
    blanked = [e.id for e in audit.browse(db, audit.AuditFilter(entity_key=person.uuid))]
    assert sorted(redaction.changes["entries"]) == sorted(blanked) and redaction.operator == operator
    assert audit.verify_chain(db).intact
    # The redaction record itself cannot be blanked afterwards without verify noticing.
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
        connection.exec_driver_sql(f"UPDATE audit_entries SET summary = '{audit.REDACTED}', changes = '{{}}', "
                                   f"redacted_at = '2026-01-01 00:00:00' WHERE id = {redaction.id}")
    assert "redaction record" in audit.verify_chain(db).problem


# --- defect 9: cutting the tail ---------------------------------------------------------------------

def _cut_tail(db: Database, count: int) -> list[int]:
    with db.engine.begin() as connection:  # as anyone with the file can
        connection.exec_driver_sql("DROP TRIGGER audit_entries_no_delete")
        ids = [row[0] for row in connection.exec_driver_sql(
            f"SELECT id FROM audit_entries ORDER BY id DESC LIMIT {count}")]
        connection.exec_driver_sql(f"DELETE FROM audit_entries WHERE id IN ({', '.join(map(str, ids))})")
    return sorted(ids)


def test_cutting_the_last_entries_is_reported_and_their_ids_are_not_reused(db: Database, operator: str) -> None:
    _person(db, operator)
    for name in ("Орлов", "Петров", "Сидоров"):
        persons.create_person(db, {"surname": name}, operator=operator)
    assert db.target.path is not None
    head = audit.read_head(db.target.path)
    assert head is not None and head.last_id == 5 and audit.verify_chain(db).intact
    assert audit.head_file(db.target.path).read_text().count(head.last_hash) == 1

    cut = _cut_tail(db, 3)
    assert cut == [3, 4, 5]
    report = audit.verify_chain(db)
    assert not report.intact and report.first_bad_id == 3
    assert "3 entries are missing at the end of the trail: entries 3-5" in report.problem

    later = persons.create_person(db, {"surname": "Новиков"}, operator=operator)  # work goes on
    (entry,) = audit.browse(db, audit.AuditFilter(entity_key=later.uuid))
    assert entry.id == 6  # not 3 again
    report = audit.verify_chain(db)
    assert report.first_bad_id == 3 and "entries 3-5" in report.problem


def test_verify_on_the_command_line_reports_the_cut(db: Database, operator: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.cli import main

    for name in ("Орлов", "Петров", "Сидоров"):
        persons.create_person(db, {"surname": name}, operator=operator)
    path = str(db.target.path)
    assert main(["--db", path, "verify"]) == 0
    assert "intact: 3 entries" in capsys.readouterr().out
    _cut_tail(db, 1)
    db.close()
    assert main(["--db", path, "verify"]) == 1
    assert "1 entry is missing at the end of the trail: entry 3" in capsys.readouterr().err


def test_a_new_roster_in_place_of_an_old_one_starts_its_own_head(tmp_path: Path, operator: str) -> None:
    from desktop_app.storage.db import open_database

    path = tmp_path / "roster.db"
    first = open_database(path)
    for name in ("Орлов", "Петров", "Сидоров"):
        persons.create_person(first, {"surname": name}, operator=operator)
    first.close()
    path.unlink()
    second = open_database(path)
    persons.create_person(second, {"surname": "Новиков"}, operator=operator)
    assert audit.verify_chain(second).intact
    head = audit.read_head(path)
    assert head is not None and head.last_id == 1
    second.close()


def test_a_restored_older_backup_is_not_taken_for_a_cut(db: Database, operator: str, tmp_path: Path) -> None:
    from desktop_app.services import backups

    persons.create_person(db, {"surname": "Орлов"}, operator=operator)
    folder = tmp_path / "usb"
    folder.mkdir()
    (tmp_path / "safe").mkdir()
    taken = backups.backup_now(db, folder, operator=operator)
    for name in ("Петров", "Сидоров"):
        persons.create_person(db, {"surname": name}, operator=operator)
    result = backups.restore_backup(db, taken.path, operator=operator, safety_folder=tmp_path / "safe")
    try:
        assert audit.verify_chain(result.database).intact, audit.verify_chain(result.database).problem
        persons.create_person(result.database, {"surname": "Новиков"}, operator=operator)
        assert audit.verify_chain(result.database).intact
    finally:
        result.database.close()


# --- attacks on the head beside the roster ----------------------------------------------------------

def _rewrite_from(db: Database, first_id: int, summary: str) -> None:
    """Change one entry's content and recompute every hash from it on, as anyone with the file and
    this module can: only the head kept beside the roster can tell."""
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
        connection.exec_driver_sql(f"UPDATE audit_entries SET summary = '{summary}' WHERE id = {first_id}")
    with db.transaction() as session:
        prev = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == first_id - 1)) or audit.GENESIS_HASH
        for entry in session.scalars(select(AuditEntry).where(AuditEntry.id >= first_id).order_by(AuditEntry.id)):
            entry.content_digest = audit.content_digest(entry.at, entry.operator, entry.action, entry.entity,
                                                        entry.entity_key, entry.summary, entry.changes)
            entry.prev_hash = prev
            entry.hash = prev = audit.chained_hash(prev, entry.at, entry.operator, entry.action, entry.entity,
                                                   entry.entity_key, entry.content_digest)


def test_a_trail_rewritten_from_its_first_entry_is_reported(db: Database, operator: str) -> None:
    for name in ("Орлов", "Петров", "Сидоров"):
        persons.create_person(db, {"surname": name}, operator=operator)
    _rewrite_from(db, 1, "created nobody")
    report = audit.verify_chain(db)
    assert report.first_bad_id == 1 and "rewritten from its first entry" in report.problem


def test_an_unreadable_head_beside_a_cut_trail_is_reported(db: Database, operator: str) -> None:
    for name in ("Орлов", "Петров", "Сидоров"):
        persons.create_person(db, {"surname": name}, operator=operator)
    _cut_tail(db, 1)
    assert db.target.path is not None
    audit.head_file(db.target.path).write_text("{}", encoding="utf-8")
    report = audit.verify_chain(db)
    assert not report.intact and "cannot be read" in report.problem


def test_another_trails_head_is_replaced_not_carried_forward(tmp_path: Path, operator: str) -> None:
    """A head left by another roster (its file copied over this one's) is not copied forward by the
    next write: the cut that follows is still found."""
    from desktop_app.storage.db import open_database

    other, path = tmp_path / "other.db", tmp_path / "roster.db"
    for target, names in ((other, ("Орлов", "Петров", "Сидоров", "Новиков")), (path, ("Ким", "Ли"))):
        database = open_database(target)
        for name in names:
            persons.create_person(database, {"surname": name}, operator=operator)
        database.close()
    audit.head_file(path).write_bytes(audit.head_file(other).read_bytes())
    db = open_database(path)
    try:
        persons.create_person(db, {"surname": "Пак"}, operator=operator)
        assert audit.verify_chain(db).intact
        _cut_tail(db, 1)
        report = audit.verify_chain(db)
        assert report.first_bad_id == 3 and "entry 3" in report.problem
    finally:
        db.close()
