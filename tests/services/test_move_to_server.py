"""Moving a roster file onto a shared PostgreSQL server (services.move_to_server), on a real private
server (tests/helpers/postgres.py): everything arrives with its ids, the chain verifies there, the
file never changes, refusals change nothing, and Cancel leaves the server database empty."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from desktop_app.domain.errors import Cancelled, DatabaseError
from desktop_app.services import audit, demo, move_to_server, packages, persons, roster
from desktop_app.services.crossing import scan
from desktop_app.services.roster import RosterQuery
from desktop_app.storage.db import PassphraseRequired, WrongPassphrase, encrypt_database, open_database

pytest_plugins = ["tests.helpers.postgres"]

PASSPHRASE = "correct horse battery"


def build_demo(path: Path, households: int = 40) -> None:
    """A demo roster with households, lists, answers, a crossing at the gate and this site's keys."""
    db = open_database(path)
    try:
        demo.fill_demo(db, households=households, operator="demo")
        with contextlib.closing(sqlite3.connect(path)) as raw:
            list_id, case_ref = raw.execute(
                "SELECT m.list_id, p.case_ref FROM list_members m JOIN persons p ON p.id = m.person_id "
                "WHERE m.answer = 'approved' AND p.status = 'approved' ORDER BY m.id LIMIT 1").fetchone()
        assert scan(db, list_id, case_ref, operator="gate", crossed=True).accepted
        packages.init_site(db, "Cairo", operator="demo")
    finally:
        db.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("move") / "source.db"
    build_demo(path)
    return path


@pytest.fixture
def roster_file(demo_file: Path, tmp_path: Path) -> Path:
    """A copy of the demo roster for one test, with its audit head (the chain is checked against it)."""
    copy = tmp_path / "roster.db"
    shutil.copyfile(demo_file, copy)
    head = audit.head_file(demo_file)
    if head.exists():
        shutil.copyfile(head, audit.head_file(copy))
    return copy


def file_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as raw:
        names = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                                           "'sqlite_%' AND name != 'alembic_version'")]
        return {name: raw.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def server_tables(url: str) -> list[str]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return sorted(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_demo_roster_arrives_whole_with_its_ids_chain_and_search(roster_file: Path, postgres_url: str) -> None:
    before = file_counts(roster_file)
    assert before["persons"] and before["households"] and before["list_members"] and before["checkins"] == 1
    assert before["sites"] == 1 and before["search_terms"] and before["status_changes"]
    fingerprint = digest(roster_file)

    result = move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer")

    assert digest(roster_file) == fingerprint  # the file is never changed
    expected = {**before, "audit_entries": before["audit_entries"] + 1}  # the move's own entry
    assert result.tables == expected
    assert result.persons == before["persons"] and result.audit_entries == expected["audit_entries"]
    server = open_database(postgres_url)
    try:
        assert audit.verify_chain(server).intact
        entry = audit.browse(server, audit.AuditFilter(action="move"))[0]
        assert (entry.operator, entry.entity, entry.entity_key) == ("A. Officer", "roster", "roster.db")
        assert entry.changes["file"] == "roster.db" and str(roster_file.parent) not in entry.summary
        with contextlib.closing(sqlite3.connect(roster_file)) as raw:
            surname, case_ref, person_id, household_head = raw.execute(
                "SELECT p.surname, p.case_ref, p.id, h.head_person_id FROM persons p JOIN households h "
                "ON h.id = p.household_id ORDER BY p.id LIMIT 1").fetchone()
        found = roster.search_ids(server, RosterQuery(text=surname[:4]))
        assert person_id in found
        assert roster.search_ids(server, RosterQuery(text=case_ref)) == [person_id]
        with server.reading() as session:  # the cycle households <-> persons was closed after the copy
            assert session.execute(text("SELECT head_person_id FROM households h JOIN persons p ON "
                                        "p.household_id = h.id WHERE p.id = :id"), {"id": person_id}).scalar() \
                == household_head
        # The sequences run past the copied ids: a new person gets a new id and the next case reference.
        # The planner knows the tables' sizes at once, not after autovacuum's next round: with the
        # sizes of empty tables it counted each household's members in an export by a scan of everyone.
        with server.reading() as session:
            planned = dict(session.execute(text("SELECT relname, reltuples FROM pg_class WHERE relname IN "
                                                "('persons', 'households', 'search_terms')")).all())
        assert planned == {name: before[name] for name in ("persons", "households", "search_terms")}
        added = persons.create_person(server, {"surname": "Новикова", "given_names": "Анна", "birth_date": "1990"},
                                      operator="A. Officer")
        assert added.id > max(found)
        assert audit.verify_chain(server).intact
    finally:
        server.close()


def test_an_encrypted_roster_moves_with_its_passphrase_only(roster_file: Path, postgres_url: str) -> None:
    encrypt_database(roster_file, PASSPHRASE)
    fingerprint = digest(roster_file)
    with pytest.raises(PassphraseRequired):
        move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer")
    with pytest.raises(WrongPassphrase):
        move_to_server.move_roster(roster_file, postgres_url, passphrase="not the passphrase", operator="A. Officer")
    assert server_tables(postgres_url) == []

    result = move_to_server.move_roster(roster_file, postgres_url, passphrase=PASSPHRASE, operator="A. Officer")

    assert result.encrypted_source and result.persons > 0
    assert digest(roster_file) == fingerprint


def test_a_server_database_holding_a_roster_is_refused_and_left_as_it_was(roster_file: Path,
                                                                          postgres_url: str) -> None:
    existing = open_database(postgres_url)
    persons.create_person(existing, {"surname": "Server", "given_names": "Only"}, operator="colleague")
    existing.close()
    probe = move_to_server.probe_server(postgres_url)
    assert not probe.ready and probe.revision is not None and "already holds a roster" in (probe.refusal or "")

    with pytest.raises(DatabaseError, match="already holds a roster"):
        move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer")

    server = open_database(postgres_url)
    try:
        assert roster.search_ids(server, RosterQuery(text="")) and len(roster.search_ids(server, RosterQuery())) == 1
        assert audit.verify_chain(server).entries == 1
    finally:
        server.close()


@pytest.mark.parametrize(("statements", "refusal"), [
    (["CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)",
      "INSERT INTO alembic_version VALUES ('9999')"], "newer version"),
    (["CREATE TABLE invoices (id integer PRIMARY KEY)"], "another program"),
])
def test_a_newer_roster_or_another_program_s_tables_are_refused(roster_file: Path, postgres_url: str,
                                                               statements: list[str], refusal: str) -> None:
    engine = create_engine(postgres_url, poolclass=NullPool)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()
    before = server_tables(postgres_url)

    with pytest.raises(DatabaseError, match=refusal) as raised:
        move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer")

    assert "\n" not in str(raised.value)
    assert server_tables(postgres_url) == before


def test_a_damaged_roster_file_is_refused_before_the_server_is_touched(roster_file: Path, postgres_url: str) -> None:
    with contextlib.closing(sqlite3.connect(roster_file)) as raw:  # into one file, so the damage is in it
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("PRAGMA journal_mode = DELETE")
        page_size = raw.execute("PRAGMA page_size").fetchone()[0]
        root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_search_terms_term'").fetchone()[0]
    with roster_file.open("r+b") as handle:  # an index page overwritten: readable, but not sound
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\x7f" * 64)
    fingerprint = digest(roster_file)

    with pytest.raises(DatabaseError, match="damaged"):
        move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer")

    assert digest(roster_file) == fingerprint
    assert server_tables(postgres_url) == []


def test_a_roster_whose_audit_trail_was_altered_is_refused(roster_file: Path, postgres_url: str) -> None:
    with contextlib.closing(sqlite3.connect(roster_file)) as raw:
        raw.execute("DROP TRIGGER audit_entries_no_update")
        raw.execute("UPDATE audit_entries SET operator = 'someone else' WHERE id = 3")
        raw.commit()

    with pytest.raises(DatabaseError, match="audit trail is broken"):
        move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer")

    assert server_tables(postgres_url) == []


def test_a_roster_last_opened_by_an_older_version_is_sent_to_be_opened_first(roster_file: Path,
                                                                             postgres_url: str) -> None:
    with contextlib.closing(sqlite3.connect(roster_file)) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0015'")
        raw.commit()
    fingerprint = digest(roster_file)

    with pytest.raises(DatabaseError, match="open it once with this version"):
        move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer")

    assert digest(roster_file) == fingerprint  # not migrated behind the officer's back
    assert server_tables(postgres_url) == []


def test_cancel_leaves_the_server_database_empty_and_a_second_move_succeeds(roster_file: Path,
                                                                           postgres_url: str) -> None:
    calls: list[tuple[int, int]] = []

    def cancel_on_third_batch(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 3

    with pytest.raises(Cancelled):
        move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer",
                                   progress=cancel_on_third_batch, batch_rows=50)

    assert len(calls) == 3 and calls[-1][0] < calls[-1][1]  # cancelled mid-copy, counted in rows
    assert server_tables(postgres_url) == []
    result = move_to_server.move_roster(roster_file, postgres_url, passphrase=None, operator="A. Officer")
    assert result.persons == file_counts(roster_file)["persons"]


def test_addresses_that_are_not_a_postgresql_database_are_refused(roster_file: Path, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="only to a PostgreSQL server"):
        move_to_server.move_roster(roster_file, f"sqlite:///{tmp_path / 'other.db'}", passphrase=None, operator="x")
    with pytest.raises(DatabaseError, match="names no database"):
        move_to_server.probe_server("postgresql://roster@localhost")
    assert move_to_server.server_url("postgresql://roster@db.mission/roster").startswith("postgresql+psycopg://")
    assert "s3cret" not in move_to_server.server_label("postgresql+psycopg://roster:s3cret@db/roster")
    with pytest.raises(DatabaseError, match="holds a password") as raised:
        move_to_server.probe_server("postgresql://roster:s3cret@db.mission/roster")
    assert "s3cret" not in str(raised.value)


def test_an_unreachable_server_is_said_in_one_line(roster_file: Path, tmp_path: Path) -> None:
    address = f"postgresql+psycopg://roster@/nothing?host={tmp_path}"  # no server listens there
    with pytest.raises(DatabaseError, match="cannot connect to the server") as raised:
        move_to_server.move_roster(roster_file, address, passphrase=None, operator="A. Officer")
    assert "\n" not in str(raised.value)
