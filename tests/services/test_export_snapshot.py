"""An export is read from one snapshot (issue 19), on SQLite (WAL) and on PostgreSQL (REPEATABLE READ).

The streamed export reads its records a page at a time (1,000 persons). A colleague's connection
commits between the first page and the second (driven from the export's progress callback, which
runs after the first thousand rows are written): a person renamed on both pages, a person moved to
the trash, a new person. None of it is in the file: it is the roster as it was when the export
began, each person once, and the audit entry names exactly the persons in it. The colleague's
writes are not held up by the export's long read; on SQLite the WAL checkpoint waits for the
export and catches up after it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app import system
from desktop_app.services import persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.exporting import export_persons
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry, Person

pytest_plugins = ["tests.helpers.postgres"]

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.officer"
PERSONS = 1_100  # past the first page of 1,000 records


@pytest.fixture(scope="module")
def sqlite_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("snapshot") / "roster.db"
    database = open_database(path)
    try:
        assert build_demo_roster(database, persons=PERSONS, operator=OPERATOR, today=DAY).persons == PERSONS
    finally:
        database.close()
    return path


@pytest.fixture
def sqlite_target(sqlite_roster: Path, tmp_path: Path) -> str:
    copy = tmp_path / "roster.db"
    copy.write_bytes(sqlite_roster.read_bytes())
    return str(copy)


@pytest.fixture
def postgres_target(postgres_url: str) -> Iterator[str]:
    database = open_database(postgres_url)
    try:
        assert build_demo_roster(database, persons=PERSONS, operator=OPERATOR, today=DAY).persons == PERSONS
    finally:
        database.close()
    yield postgres_url


def _exported(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _audited(db: Database, sha256: str) -> list[str]:
    with db.reading() as session:
        parts = session.scalars(select(AuditEntry.changes).where(AuditEntry.entity == "export_persons",
                                                                 AuditEntry.entity_key == sha256)
                                .order_by(AuditEntry.id)).all()
    return [uuid for part in parts for uuid in json.loads(part)["persons"]]


def _export_while_a_colleague_writes(target: str, out: Path,
                                     meanwhile: Callable[[Database], None] = lambda colleague: None) -> None:
    db = open_database(target)
    colleague = open_database(target)
    try:
        with db.reading() as session:
            in_order = session.execute(select(Person.id, Person.uuid, Person.surname)
                                       .order_by(Person.sort_key, Person.id)).all()
        (first_id, first_uuid, first_surname), (last_id, last_uuid, last_surname) = in_order[0], in_order[-1]
        wrote: list[str] = []

        def colleague_writes(done: int, total: int) -> bool:
            if done == 1000 and not wrote:  # the first page is in the file, the second not yet read
                persons.update_person(colleague, first_id, {"locality": "Snapshot A"}, operator="colleague")
                persons.update_person(colleague, last_id, {"locality": "Snapshot A", "surname": "Torn"},
                                      operator="colleague")
                persons.delete_person(colleague, last_id, operator="colleague", reason="registered twice")
                wrote.append(persons.create_person(colleague, {"surname": "Яяяя", "given_names": "Новый"},
                                                   operator="colleague").uuid)
                meanwhile(colleague)
            return True

        result = export_persons(db, out, operator=OPERATOR, today=DAY, include_without_consent=True,
                                progress=colleague_writes)
        assert wrote, "the colleague never wrote: the export was shorter than two pages"
        rows = _exported(out)
        uuids = [row["Record ID (UUID)"] for row in rows]
        assert len(uuids) == len(set(uuids)) == result.persons == PERSONS  # none twice, none missed
        assert wrote[0] not in uuids  # the new person came after the snapshot
        by_uuid = {row["Record ID (UUID)"]: row for row in rows}
        assert by_uuid[first_uuid]["Locality"] != "Snapshot A"  # on the first page: read before the change
        assert by_uuid[last_uuid]["Locality"] != "Snapshot A"  # on the second page: read after it, not seen
        assert by_uuid[last_uuid]["Surname"] == last_surname != "Torn" and by_uuid[first_uuid]["Surname"] == \
            first_surname
        assert _audited(db, result.sha256) == uuids
        assert persons.get_person(db, last_id).surname == "Torn"  # the colleague's change is kept
    finally:
        colleague.close()
        db.close()


def test_an_sqlite_export_is_one_snapshot_and_holds_no_writer_up(sqlite_target: str, tmp_path: Path) -> None:
    checkpoints: list[tuple[int, int, int]] = []

    def checkpoint(colleague: Database) -> None:
        with colleague.raw_connection() as connection:
            checkpoints.append(tuple(connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()))

    _export_while_a_colleague_writes(sqlite_target, tmp_path / "roster.csv", checkpoint)
    [(busy, frames, copied)] = checkpoints
    assert busy == 0 and 0 <= copied < frames  # the colleague's frames wait for the export's snapshot
    after = open_database(sqlite_target)
    try:
        with after.raw_connection() as connection:
            assert tuple(connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()) == (0, 0, 0)
    finally:
        after.close()


def test_on_a_network_share_the_export_reads_page_by_page_and_holds_no_writer_up(
        sqlite_roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without WAL (a roster on a share: the rollback journal) one read transaction would hold every
    writer off for the whole export; there each page is read on its own, and the colleague's write
    goes through (with one read transaction it waited for the export's lock and failed after the busy
    timeout)."""
    share = tmp_path / "share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//fs01/consular {share} cifs rw,vers=3.0 0 0\n", encoding="utf-8")
    monkeypatch.setattr(system, "MOUNTS_FILE", mounts)
    roster = share / "roster.db"
    roster.write_bytes(sqlite_roster.read_bytes())
    db = open_database(roster)
    colleague = open_database(roster)
    try:
        with db.raw_connection() as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        wrote: list[str] = []

        def colleague_writes(done: int, total: int) -> bool:
            if done == 1000 and not wrote:
                wrote.append(persons.create_person(colleague, {"surname": "Яяяя", "given_names": "Новый"},
                                                   operator="colleague").uuid)
            return True

        result = export_persons(db, tmp_path / "roster.csv", operator=OPERATOR, today=DAY,
                                include_without_consent=True, progress=colleague_writes)
        assert wrote and result.persons == PERSONS
        assert [row["Record ID (UUID)"] for row in _exported(tmp_path / "roster.csv")] == _audited(db, result.sha256)
    finally:
        colleague.close()
        db.close()


def test_a_postgresql_export_is_one_snapshot(postgres_target: str, tmp_path: Path) -> None:
    _export_while_a_colleague_writes(postgres_target, tmp_path / "roster.csv")
