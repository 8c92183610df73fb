"""Retention: an encrypted archive first, then anonymise (statistics intact) or delete; audited; the count
confirmed must still be true."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app import cli
from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.person import DocumentData
from desktop_app.domain.status import Status
from desktop_app.services import audit, demo, duplicates, households, lists, partners, persons, roster, stats, status
from desktop_app.services.importing import list_imports
from desktop_app.services.retention import RetentionMode, apply_retention, plan_retention
from desktop_app.storage.backup import opener_for, read_backup_info
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry, Document, Person, Phone
from tests.engine_listening import listen_until_stopped
from tests.services.import_support import write_xlsx

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


# --- defect 7: nothing of a retained person is left anywhere ----------------------------------------

OLGA = ("Kuznetsova", "Olga", "751234567", "+201001234567", "olga.k@example.org")


def _text_columns_holding(path: Path, needles: Sequence[str]) -> list[str]:
    """Every 'table.column' of the raw SQLite file whose text holds one of `needles` (case-blind)."""
    found: list[str] = []
    with contextlib.closing(sqlite3.connect(path)) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]:
                for needle in needles:
                    # SQLite's lower() folds ASCII only: a Cyrillic needle is also looked for as written.
                    if connection.execute(f'SELECT 1 FROM "{table}" WHERE lower(CAST("{column}" AS TEXT)) '
                                          f'LIKE ? OR instr(CAST("{column}" AS TEXT), ?) > 0 LIMIT 1',
                                          (f"%{needle.lower()}%", needle)).fetchone():
                        found.append(f"{table}.{column}: {needle}")
    return found


def test_retention_leaves_nothing_of_the_person_in_any_table(db: Database, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    surname, given, passport, phone, email = OLGA
    needles = [surname, "Kuznetsov", passport, phone[1:], email, "Olya"]
    household = households.create_household(db, f"{surname} family", operator="t",
                                            notes=f"{given} looks after her mother")
    olga = persons.create_person(
        db, {"surname": "Kuznetsov", "given_names": "Olya", "email": email, "address": "12 Nile St",
             "notes": f"{surname} asked about her passport {passport}"}, operator="t",
        documents=[DocumentData.create("passport", passport, "RUS")], phones=[phone], household_id=household.id)
    copy = persons.create_person(db, {"surname": surname, "given_names": given}, operator="t",
                                 documents=[DocumentData.create("passport", passport, "RUS")])
    stranger = persons.create_person(db, {"surname": "Orlov", "given_names": "Pavel"}, operator="t")
    duplicates.dismiss_pair(db, olga.id, stranger.id, operator="t", note=f"{surname} is not Orlov")
    duplicates.merge_persons(db, olga.id, copy.id, operator="t")  # undo values keep the copy's fields
    # An import that corrects her name: operation_changes keeps 'Kuznetsov'/'Olya' to undo it.
    book = write_xlsx(tmp_path / "corrections.xlsx", [["Case ref", "Surname", "Given names"],
                                                       [olga.case_ref, surname, given]])
    assert cli.main(["--db", str(db.target.path), "--operator", "t", "import", str(book)]) == 0, capsys.readouterr()
    assert persons.get_person(db, olga.id).surname == surname
    evac_list = lists.create_list(db, "Rafah 9", operator="t")
    lists.add_members(db, evac_list.id, [olga.id, stranger.id], operator="t")
    status.change_status(db, olga.id, Status.VERIFIED, operator="t", reason=f"passport {passport} seen")
    lists.record_answer(db, evac_list.id, olga.id, Answer.APPROVED, operator="t", note=f"{surname} approved")
    partners.log_contact(db, f"Called {given} {surname} about the passport", operator="t", person_ids=[olga.id])
    partners.log_contact(db, f"Border asked about passport {passport}", operator="t")  # not linked to her
    kept_note = partners.log_contact(db, "Orlov's bus leaves at 9", operator="t", person_ids=[stranger.id])
    before = _text_columns_holding(db.target.path, needles)
    assert {hit.split(".")[0] for hit in before} == {  # she is in every place a person's data can be copied to
        "persons", "documents", "phones", "search_terms", "households", "status_changes", "list_members",
        "liaison_entries", "duplicate_dismissals", "operation_changes", "audit_entries"}
    assert {hit.split(": ")[1] for hit in before} == set(needles)

    plan = plan_retention(db, [Status(persons.get_person(db, olga.id).status)], 30, now=LATER)
    plan = dataclasses.replace(plan, person_ids=(olga.id,))
    apply_retention(db, plan, mode=RetentionMode.ANONYMISE, archive=tmp_path / "archive.db",
                    archive_passphrase=ARCHIVE_KEY, confirm_count=1, operator="t")

    assert _text_columns_holding(db.target.path, needles) == []
    assert persons.get_person(db, stranger.id).surname == "Orlov"
    assert partners.log_entries(db, person_id=stranger.id)[0].summary == kept_note.summary
    assert audit.verify_chain(db).intact
    (redaction,) = audit.browse(db, audit.AuditFilter(action="redact"))
    assert redaction.changes["entries"]  # the blanked entries are named by a chained entry


def test_delete_mode_leaves_nothing_either(db: Database, tmp_path: Path) -> None:
    surname, given, passport, phone, email = OLGA
    olga = persons.create_person(db, {"surname": surname, "given_names": given, "email": email}, operator="t",
                                 documents=[DocumentData.create("passport", passport, "RUS")], phones=[phone])
    partners.log_contact(db, f"{given} {surname} called", operator="t", person_ids=[olga.id])
    plan = dataclasses.replace(plan_retention(db, [Status.REGISTERED], 30, now=LATER), person_ids=(olga.id,))
    apply_retention(db, plan, mode=RetentionMode.DELETE, archive=tmp_path / "archive.db",
                    archive_passphrase=ARCHIVE_KEY, confirm_count=1, operator="t")
    assert _text_columns_holding(db.target.path, [surname, passport, phone[1:], email]) == []
    assert audit.verify_chain(db).intact


def test_retention_of_thousands_is_set_based(db: Database, tmp_path: Path) -> None:
    """The write lock is held for few statements per 500 persons, not several per person: the
    statements run inside the transaction are counted, never timed."""
    demo.fill_demo(db, households=150, operator="demo")
    plan = plan_retention(db, list(Status), 0, now=LATER)
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    listening = listen_until_stopped(db.engine, "before_cursor_execute", count)
    try:
        apply_retention(db, plan, mode=RetentionMode.ANONYMISE, archive=tmp_path / "archive.db",
                        archive_passphrase=ARCHIVE_KEY, confirm_count=plan.count, operator="t")
    finally:
        listening.stop()
    assert plan.count > 400
    assert len(statements) < plan.count / 4
    assert audit.verify_chain(db).intact


def _raw_hits(folder: Path, needles: Sequence[str]) -> list[str]:
    """Files beside the roster whose bytes hold a needle as UTF-8 or as JSON's escaped form."""
    forms = {needle: {needle.encode(), json.dumps(needle).strip('"').encode()} for needle in needles}
    return [f"{path.name}: {needle}" for path in sorted(folder.iterdir()) if path.is_file()
            and not path.name.startswith("archive") for needle, encoded in forms.items()
            if any(form in path.read_bytes() for form in encoded)]


def test_a_name_written_on_other_records_goes_too(tmp_path: Path) -> None:
    """Attack: her name in another person's notes and status reason, in the answer note on his list
    row, and so in his audit entries; after retention nothing in the roster's bytes names her."""
    folder = tmp_path / "roster"
    folder.mkdir()
    db = open_database(folder / "roster.db")
    try:
        maria = persons.create_person(db, {"surname": "Иванова", "given_names": "Мария"}, operator="t",
                                      documents=[DocumentData.create("passport", "754433221", "RUS")])
        status.change_status(db, maria.id, Status.VERIFIED, operator="t", reason="seen")
        pavel = persons.create_person(db, {"surname": "Orlov", "given_names": "Pavel",
                                           "notes": "travels with Мария Иванова"}, operator="t")
        status.change_status(db, pavel.id, Status.VERIFIED, operator="t", reason="vouched for by Иванова Мария")
        evac_list = lists.create_list(db, "Rafah 10", operator="t")
        lists.add_members(db, evac_list.id, [pavel.id], operator="t")
        lists.record_answer(db, evac_list.id, pavel.id, Answer.APPROVED, operator="t",
                            note="with Мария Иванова, passport 754433221")
        plan = dataclasses.replace(plan_retention(db, [Status.VERIFIED], 30, now=LATER), person_ids=(maria.id,))
        apply_retention(db, plan, mode=RetentionMode.ANONYMISE, archive=folder / "archive.db",
                        archive_passphrase=ARCHIVE_KEY, confirm_count=1, operator="t")
        assert persons.get_person(db, pavel.id).surname == "Orlov"
        assert audit.verify_chain(db).intact
        assert _text_columns_holding(db.target.path, ["Иванова", "754433221"]) == []
    finally:
        db.close()
    assert _raw_hits(folder, ["Иванова", "Мария", "754433221"]) == []


def test_an_entry_naming_them_written_after_the_early_search_is_redacted_too(db: Database) -> None:
    """The trail is searched for their names before the write lock is taken; an entry that names
    them and is committed between that search and the lock is found under the lock."""
    from desktop_app.services.retention import _EarlyScan, _redact_trail, _Trace

    maria = persons.create_person(db, {"surname": "Иванова", "given_names": "Мария"}, operator="t")
    persons.create_person(db, {"surname": "Orlov", "notes": "sister of Мария Иванова"}, operator="t")
    with db.reading() as session:
        early = _EarlyScan.run(session, [maria.id])
    assert len(early.found) == 1
    late = persons.create_person(db, {"surname": "Petrov", "notes": "cousin of Иванова Мария"}, operator="t")
    with db.transaction() as session:
        _redact_trail(session, _Trace.collect(session, [maria.id]), "t", early)
    (entry,) = audit.browse(db, audit.AuditFilter(entity_key=late.uuid))
    assert entry.summary == audit.REDACTED and audit.verify_chain(db).intact
    texts = [f"{e.summary} {e.changes}" for e in audit.browse(db) if e.action != "redact"]
    assert not any("Иванова" in text for text in texts), texts


def test_undo_values_of_another_person_naming_them_go_too(db: Database, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Attack: his note named her; an import replaced the note, and the import's undo values kept the
    old one. After her retention nothing names her, and the import can still be undone."""
    maria = persons.create_person(db, {"surname": "Иванова", "given_names": "Мария"}, operator="t")
    status.change_status(db, maria.id, Status.VERIFIED, operator="t", reason="seen")
    pavel = persons.create_person(db, {"surname": "Orlov", "given_names": "Pavel",
                                       "notes": "sister Мария Иванова waits in Cairo"}, operator="t")
    book = write_xlsx(tmp_path / "notes.xlsx", [["Case ref", "Surname", "Given names", "Notes"],
                                                 [pavel.case_ref, "Orlov", "Pavel", "sister left"]])
    assert cli.main(["--db", str(db.target.path), "--operator", "t", "import", str(book)]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert persons.get_person(db, pavel.id).notes == "sister left"
    assert "operation_changes.before: Иванова" in _text_columns_holding(db.target.path, ["Иванова"])
    plan = dataclasses.replace(plan_retention(db, [Status.VERIFIED], 30, now=LATER), person_ids=(maria.id,))
    apply_retention(db, plan, mode=RetentionMode.ANONYMISE, archive=tmp_path / "archive.db",
                    archive_passphrase=ARCHIVE_KEY, confirm_count=1, operator="t")
    assert _text_columns_holding(db.target.path, ["Иванова", "Мария"]) == []
    assert audit.verify_chain(db).intact
    (done,) = list_imports(db)
    assert cli.main(["--db", str(db.target.path), "--operator", "t", "import", "--undo", str(done.id)]) == 0, \
        capsys.readouterr()
    assert persons.get_person(db, pavel.id).surname == "Orlov"


def test_an_import_that_corrected_a_retained_person_can_still_be_undone(db: Database, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Attack: an import corrected her name, retention anonymised her, then `import --undo`: a
    KeyError traceback (her undo values lost their nesting). Now the undo runs and names nobody."""
    olga = persons.create_person(db, {"surname": "Kuznetsov", "given_names": "Olya"}, operator="t")
    status.change_status(db, olga.id, Status.VERIFIED, operator="t", reason="seen")
    book = write_xlsx(tmp_path / "c.xlsx", [["Case ref", "Surname", "Given names"],
                                            [olga.case_ref, "Kuznetsova", "Olga"]])
    path = str(db.target.path)
    assert cli.main(["--db", path, "--operator", "t", "import", str(book)]) == 0, capsys.readouterr()
    plan = dataclasses.replace(plan_retention(db, [Status.VERIFIED], 30, now=LATER), person_ids=(olga.id,))
    apply_retention(db, plan, mode=RetentionMode.ANONYMISE, archive=tmp_path / "archive.db",
                    archive_passphrase=ARCHIVE_KEY, confirm_count=1, operator="t")
    capsys.readouterr()
    (done,) = list_imports(db)
    assert cli.main(["--db", path, "--operator", "t", "import", "--undo", str(done.id)]) == 0, capsys.readouterr()
    assert persons.get_person(db, olga.id).surname == "ANONYMISED"
    assert _text_columns_holding(db.target.path, ["Kuznetsov", "Olya", "Olga"]) == []
    assert audit.verify_chain(db).intact
