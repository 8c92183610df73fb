"""Two writers, a full disk, a read-only folder: a clear message naming the cause, and the roster unchanged."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from desktop_app.domain.errors import DatabaseError
from desktop_app.services import demo, persons, stats
from desktop_app.storage.db import WRITER_SUFFIX, open_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_waiting_writer_is_told_who_holds_the_lock(db_path: Path) -> None:
    first = open_database(db_path, holder="A. Petrova")
    second = open_database(db_path, holder="M. Haddad")
    second.engine.pool.dispose()

    @event.listens_for(second.engine, "connect")
    def _wait_less(dbapi_connection: sqlite3.Connection, _record: object) -> None:  # the test need not wait 10 s
        dbapi_connection.execute("PRAGMA busy_timeout = 300")

    try:
        with first.transaction() as session:
            persons.new_person(session, {"surname": "Holder"}, "A. Petrova")
            session.flush()
            info = json.loads(db_path.with_name(db_path.name + WRITER_SUFFIX).read_text())
            assert info["operator"] == "A. Petrova" and set(info) == {"operator", "host", "pid", "since"}
            with pytest.raises(DatabaseError, match=r"busy \(A\. Petrova on .* \(process \d+\) since"):
                persons.create_person(second, {"surname": "Waiter"}, operator="M. Haddad")
        assert not db_path.with_name(db_path.name + WRITER_SUFFIX).exists()  # gone once the writer committed
        persons.create_person(second, {"surname": "Waiter"}, operator="M. Haddad")  # now it goes through
        assert stats.roster_stats(first).persons == 2
    finally:
        first.close()
        second.close()


@contextlib.contextmanager
def _small_filesystem(where: Path, size: str) -> Iterator[Path]:
    """A real tiny filesystem (tmpfs); needs root, as on every machine of this project."""
    where.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"mounting a small tmpfs needs root here: {result.stderr}"
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.posix_only("mounts a small tmpfs (root)", linux=True)
def test_a_full_disk_says_so_and_the_roster_is_unchanged(tmp_path: Path) -> None:
    with _small_filesystem(tmp_path / "small", "700k") as folder:
        path = folder / "roster.db"
        database = open_database(path)
        persons.create_person(database, {"surname": "First"}, operator="t")
        count = stats.roster_stats(database).persons
        with pytest.raises(DatabaseError, match="disk is full"):
            demo.fill_demo(database, households=400, operator="t")
        assert stats.roster_stats(database).persons == count
        database.close()
        with contextlib.closing(sqlite3.connect(path)) as check:
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert check.execute("SELECT count(*) FROM persons").fetchone()[0] == count


@pytest.mark.posix_only("mounts a small tmpfs (root)", linux=True)
def test_a_read_only_folder_says_so_and_the_roster_is_unchanged(tmp_path: Path) -> None:
    with _small_filesystem(tmp_path / "stick", "4m") as folder:
        path = folder / "roster.db"
        database = open_database(path)
        persons.create_person(database, {"surname": "First"}, operator="t")
        database.close()
        before = _digest(path)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        with pytest.raises(DatabaseError, match="read-only disk"):
            database = open_database(path)
            persons.create_person(database, {"surname": "Second"}, operator="t")
        assert _digest(path) == before


def test_a_roster_reached_through_another_process_sees_acknowledged_writes(db_path: Path) -> None:
    database = open_database(db_path)
    persons.create_person(database, {"surname": "Seen"}, operator="t")
    database.close()
    out = subprocess.run([sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("
                          "'SELECT surname FROM persons').fetchone()[0])", str(db_path)],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "Seen"
