"""Database failures told by SQLite's result code, each provoked for real: a colleague's lock held by
another process, a full tmpfs, a read-only mount, a damaged file, a garbage file, a missing folder;
and an unexpected database error that stays the bug it is."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from desktop_app.domain.errors import RosterError
from desktop_app.services import demo, lists, persons, stats
from desktop_app.storage import db as storage_db
from desktop_app.storage.db import open_database
from desktop_app.storage.errors import (
    CannotOpen,
    DamagedDatabase,
    DatabaseBusy,
    DiskFull,
    Failure,
    NotARoster,
    ReadOnlyDatabase,
    failure_of,
    result_code,
    translate,
)

HOLD_LOCK = """
import sys, time
from sqlalchemy import text
from desktop_app.storage.db import open_database
database = open_database(sys.argv[1], holder=sys.argv[3] if len(sys.argv) > 3 else "A. Colleague")
with database.transaction() as session:
    session.execute(text("UPDATE settings SET value = value"))
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextlib.contextmanager
def held_lock(target: Path | str, seconds: float, holder: str = "A. Colleague") -> Iterator[subprocess.Popen[str]]:
    """Another process, opened as `holder`, holding the write lock of the roster at `target` (a file or a
    server's URL) for `seconds`, as a colleague's long save does."""
    child = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(target), str(seconds), holder],
                             stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        yield child
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


@contextlib.contextmanager
def small_filesystem(where: Path, size: str) -> Iterator[Path]:
    """A real tiny filesystem (tmpfs); needs root, as on every machine of this project."""
    where.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"mounting a small tmpfs needs root here: {result.stderr}"
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _sqlite_error(path: str, statement: str, *, uri: bool = False) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught, \
            contextlib.closing(sqlite3.connect(path, uri=uri, timeout=0)) as connection:
        connection.execute(statement).fetchall()
    return caught.value


def test_a_colleagues_lock_held_by_another_process_is_busy_and_names_the_holder(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_path).close()
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 300)  # read when our connection opens: no 10 s wait
    database = open_database(db_path, holder="M. Haddad")
    try:
        with held_lock(db_path, 30):
            raw = _sqlite_error(str(db_path), "BEGIN IMMEDIATE")
            assert result_code(raw) == sqlite3.SQLITE_BUSY and failure_of(raw) is Failure.BUSY
            with pytest.raises(DatabaseBusy) as caught:
                lists.create_list(database, "Bus 1", operator="M. Haddad")
            assert caught.value.holder is not None and caught.value.holder.startswith("A. Colleague on ")
            assert "A. Colleague" in str(caught.value)
        lists.create_list(database, "Bus 1", operator="M. Haddad")  # the lock released: it goes through
        assert [s.name for s in lists.all_lists(database)] == ["Bus 1"]
    finally:
        database.close()


@pytest.mark.posix_only("mounts a small tmpfs (root)", linux=True)
def test_a_full_tmpfs_is_disk_full_by_its_code_and_the_roster_is_unchanged(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "small", "700k") as folder:
        database = open_database(folder / "roster.db")
        try:
            persons.create_person(database, {"surname": "First"}, operator="t")
            with pytest.raises(DiskFull) as caught:
                demo.fill_demo(database, households=400, operator="t")
            cause = caught.value.__cause__
            assert cause is not None and result_code(cause) is not None  # told by its code, not its words
            assert failure_of(cause) is Failure.FULL
            assert stats.roster_stats(database).persons == 1
        finally:
            database.close()


def test_a_page_limit_is_full_too(tmp_path: Path) -> None:
    path = tmp_path / "limited.db"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.execute("PRAGMA max_page_count = 3")
        with pytest.raises(sqlite3.Error) as caught:
            connection.execute("INSERT INTO t VALUES (zeroblob(100000))")
    assert result_code(caught.value) == sqlite3.SQLITE_FULL and failure_of(caught.value) is Failure.FULL
    assert isinstance(translate(caught.value, "limited.db"), DiskFull)


@pytest.mark.posix_only("mounts a small tmpfs (root)", linux=True)
def test_a_read_only_mount_is_read_only_by_its_code(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "stick", "4m") as folder:
        path = folder / "roster.db"
        open_database(path).close()
        with contextlib.closing(sqlite3.connect(path)) as connection:
            connection.execute("PRAGMA journal_mode = DELETE")  # WAL's shared memory would fail first on ro
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        error = _sqlite_error(str(path), "UPDATE settings SET value = value")
        assert result_code(error) is not None and failure_of(error) is Failure.READONLY
        known = translate(error, str(path))
        assert isinstance(known, ReadOnlyDatabase) and "read-only" in str(known)


def test_a_read_only_connection_is_read_only_by_its_code(db_path: Path) -> None:
    open_database(db_path).close()
    error = _sqlite_error(f"{db_path.as_uri()}?mode=ro", "UPDATE settings SET value = value", uri=True)
    assert result_code(error) == sqlite3.SQLITE_READONLY
    assert isinstance(translate(error, str(db_path)), ReadOnlyDatabase)


def test_a_damaged_file_is_corrupt_by_its_code(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA page_size = 1024")
        connection.execute("CREATE TABLE t (x TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [("x" * 200,) for _ in range(400)])
        connection.execute("CREATE INDEX t_x ON t (x)")
    with path.open("r+b") as handle:  # the table's root page (page 2): its b-tree header turned to garbage
        handle.seek(1024)
        handle.write(b"\xee" * 64)
    error = _sqlite_error(str(path), "SELECT count(*), max(x) FROM t")
    assert result_code(error) is not None and failure_of(error) is Failure.CORRUPT
    assert isinstance(translate(error, str(path)), DamagedDatabase)


def test_a_garbage_file_is_not_a_database_by_its_code(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(os.urandom(8192))
    error = _sqlite_error(str(path), "SELECT count(*) FROM sqlite_master")
    assert result_code(error) == sqlite3.SQLITE_NOTADB and failure_of(error) is Failure.NOTADB
    assert isinstance(translate(error, str(path)), NotARoster)


def test_a_missing_folder_cannot_be_opened_by_its_code(tmp_path: Path) -> None:
    error = _sqlite_error(str(tmp_path / "no such folder" / "roster.db"), "SELECT 1")
    assert result_code(error) == sqlite3.SQLITE_CANTOPEN and failure_of(error) is Failure.CANTOPEN
    assert isinstance(translate(error, "roster.db"), CannotOpen)


def test_the_code_wins_over_the_words(tmp_path: Path) -> None:
    """A statement whose text says 'locked' is still an ordinary SQL error: the code decides."""
    error = _sqlite_error(str(tmp_path / "t.db"), "SELECT * FROM locked_busy_full")
    assert result_code(error) == sqlite3.SQLITE_ERROR and failure_of(error) is None
    assert translate(error, "t.db") is None
    assert failure_of(RuntimeError("could not obtain lock on row")) is Failure.BUSY  # no code: the words


def test_an_unexpected_database_error_is_a_bug_not_a_message(db: storage_db.Database) -> None:
    """A bad statement is not told to the officer as a 'database problem': it reaches the crash
    dialog and the log with its traceback, as the driver's own error."""
    with pytest.raises(OperationalError) as caught, db.reading() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(caught.value, RosterError)
    with pytest.raises(OperationalError), db.transaction() as session:
        session.execute(text("UPDATE no_such_table SET x = 1"))


def test_one_cancellation_error_under_its_three_old_names() -> None:
    from desktop_app.domain.errors import Cancelled
    from desktop_app.exchange.export_errors import ExportCancelled
    from desktop_app.services.importing import ImportCancelled
    from desktop_app.services.reconciling import ReconcileCancelled

    assert ExportCancelled is Cancelled and ImportCancelled is Cancelled and ReconcileCancelled is Cancelled
    assert str(Cancelled()) == "Cancelled; nothing was changed."
    assert Cancelled("Export cancelled after 5 rows", rows_written=5).rows_written == 5


def test_a_text_cell_holding_bytes_that_are_not_text_is_damage(tmp_path: Path) -> None:
    """Python's sqlite3 raises this without a result code (a flipped byte in a name): told by its words."""
    path = tmp_path / "flipped.db"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("CREATE TABLE persons (status TEXT)")
        connection.execute("INSERT INTO persons VALUES (CAST(x'c3fffe' AS TEXT))")
    error = _sqlite_error(str(path), "SELECT status FROM persons")
    assert result_code(error) is None and failure_of(error) is Failure.CORRUPT
    assert isinstance(translate(error, str(path)), DamagedDatabase)


def test_a_server_that_cannot_be_reached_is_told_not_a_bug() -> None:
    """psycopg's refused connection carries no SQLSTATE: its words say what it is."""
    with pytest.raises(CannotOpen, match="cannot open"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/roster")
