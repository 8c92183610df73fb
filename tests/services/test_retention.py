"""Retention: an encrypted archive first, then anonymise (statistics intact) or delete; audited; the count
confirmed must still be true."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app import cli
from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.domain.status import Status
from desktop_app.services import audit, demo, roster, stats
from desktop_app.services.retention import RetentionMode, apply_retention, plan_retention
from desktop_app.storage.backup import opener_for, read_backup_info
from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry, Document, Person, Phone

ARCHIVE_KEY = "archive passphrase 2023"
STATES = (Status.REGISTERED, Status.VERIFIED)
LATER = dt.datetime.now() + dt.timedelta(days=40)


@pytest.fixture
def roster_db(db: Database) -> Database:
    demo.fill_demo(db, households=12, operator="demo")
    return db


def _identities(db: Database, ids: tuple[int, ...]) -> list[tuple[str, str, str | None]]:
    with db.reading() as session:
        return list(session.execute(select(Person.surname, Person.given_names, Person.birth_date)
                                    .where(Person.id.in_(ids))).all())


def test_anonymise_keeps_the_statistics_and_removes_identities(roster_db: Database, tmp_path: Path) -> None:
    before = stats.roster_stats(roster_db)
    plan = plan_retention(roster_db, STATES, 30, now=LATER)
    assert plan.count > 0
    with roster_db.reading() as session:
        planned = list(session.scalars(select(Person).where(Person.id.in_(plan.person_ids))))
        names = [p.surname for p in planned]
        # What the trail recorded when they were registered: their names and birth dates.
        recorded = set(session.scalars(select(AuditEntry.changes).where(
            AuditEntry.entity_key.in_([p.uuid for p in planned]), AuditEntry.action == "create")))
    result = apply_retention(roster_db, plan, mode=RetentionMode.ANONYMISE, archive=tmp_path / "archive.db",
                             archive_passphrase=ARCHIVE_KEY, confirm_count=plan.count, operator="t")
    assert result.persons == plan.count
    after = stats.roster_stats(roster_db)
    stored_flags = ("medical", "reduced_mobility", "pregnant", "unaccompanied_minor")
    assert (after.persons, after.by_status, after.by_list, after.by_locality, after.households) == (
        before.persons, before.by_status, before.by_list, before.by_locality, before.households)
    assert {f: after.by_flag[f] for f in stored_flags} == {f: before.by_flag[f] for f in stored_flags}
    for surname, given, born in _identities(roster_db, plan.person_ids):
        assert surname == "ANONYMISED" and given == "" and (born is None or len(born) == 4)
    with roster_db.reading() as session:
        assert not session.scalars(select(Document).where(Document.person_id.in_(plan.person_ids))).first()
        assert not session.scalars(select(Phone).where(Phone.person_id.in_(plan.person_ids))).first()
    assert set(roster.search_ids(roster_db, roster.RosterQuery(text=names[0]))).isdisjoint(plan.person_ids)
    archive = read_backup_info(result.archive.path, opener_for(ARCHIVE_KEY))
    assert archive.encrypted and archive.persons == before.persons
    assert names[0].encode() not in result.archive.path.read_bytes()
    (entry,) = audit.browse(roster_db, audit.AuditFilter(action="retention_anonymise"))
    assert entry.changes["persons"] == plan.count
    assert entry.changes["audit_entries_redacted"] >= plan.count
    assert audit.verify_chain(roster_db).intact
    with roster_db.reading() as session:
        uuids = set(session.scalars(select(Person.uuid).where(Person.id.in_(plan.person_ids))))
        about_them = [(e.redacted_at, e.summary)
                      for e in session.scalars(select(AuditEntry).where(AuditEntry.entity_key.in_(uuids)))]
        everything = " ".join(f"{e.summary} {e.changes}" for e in session.scalars(select(AuditEntry)))
    assert about_them and all(at is not None and summary == audit.REDACTED for at, summary in about_them)
    assert recorded and not any(changes in everything for changes in recorded)


def test_delete_removes_the_persons_after_archiving(roster_db: Database, tmp_path: Path) -> None:
    before = stats.roster_stats(roster_db).persons
    plan = plan_retention(roster_db, STATES, 30, now=LATER)
    apply_retention(roster_db, plan, mode=RetentionMode.DELETE, archive=tmp_path / "archive.db",
                    archive_passphrase=ARCHIVE_KEY, confirm_count=plan.count, operator="t")
    assert stats.roster_stats(roster_db).persons == before - plan.count
    assert _identities(roster_db, plan.person_ids) == []
    (entry,) = audit.browse(roster_db, audit.AuditFilter(action="retention_delete"))
    assert sum(entry.changes["by_status"].values()) == plan.count


def test_recent_changes_are_kept(roster_db: Database) -> None:
    assert plan_retention(roster_db, STATES, 30).count == 0  # everything changed today


def test_a_stale_count_or_a_weak_passphrase_changes_nothing(roster_db: Database, tmp_path: Path) -> None:
    plan = plan_retention(roster_db, STATES, 30, now=LATER)
    with pytest.raises(RosterError, match="changed"):
        apply_retention(roster_db, plan, mode=RetentionMode.DELETE, archive=tmp_path / "a.db",
                        archive_passphrase=ARCHIVE_KEY, confirm_count=plan.count + 1, operator="t")
    with pytest.raises(ValidationError, match="at least"):
        apply_retention(roster_db, plan, mode=RetentionMode.DELETE, archive=tmp_path / "a.db",
                        archive_passphrase="short", confirm_count=plan.count, operator="t")
    stale = dataclasses.replace(plan, person_ids=plan.person_ids[1:])
    with pytest.raises(RosterError):
        apply_retention(roster_db, stale, mode=RetentionMode.DELETE, archive=tmp_path / "a.db",
                        archive_passphrase=ARCHIVE_KEY, confirm_count=stale.count, operator="t")
    assert not (tmp_path / "a.db").exists()
    assert stats.roster_stats(roster_db).persons == len(_identities(roster_db, tuple(range(1, 10_000))))


def test_command_line_asks_for_yes_and_the_count(roster_db: Database, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "archive.key"
    key.write_text(ARCHIVE_KEY + "\n")
    db = str(roster_db.target.path)
    roster_db.close()
    base = ["--db", db, "retention", "--state", "registered", "--older-than", "0", "--archive",
            str(tmp_path / "arch.db"), "--archive-passphrase-file", str(key)]
    assert cli.main(base) == 1
    out = capsys.readouterr().out
    count = int(out.split()[0])
    assert "nothing done" in out and count > 0
    assert cli.main([*base, "--yes", "--confirm-count", str(count + 1)]) == 1
    assert "changed" in capsys.readouterr().err
    assert cli.main([*base, "--yes", "--confirm-count", str(count)]) == 0
    assert f"{count} persons anonymised" in capsys.readouterr().out
