"""Issue 12's backup and opening defects, each replayed as found: a missing or read-only backup folder,
relative paths, a damaged roster, a roster from a newer version, restore leftovers, stale partials."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.domain.errors import DatabaseError
from desktop_app.services import backups, demo, persons
from desktop_app.storage import backup as storage_backup
from desktop_app.storage.db import DamagedRoster, Database, open_database
from tests.storage.test_failures import _small_filesystem


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return list(connection.iterdump())


@pytest.fixture
def roster(db_path: Path) -> Iterator[Path]:
    database = open_database(db_path)
    demo.fill_demo(database, households=20, operator="demo")
    database.close()
    yield db_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- 11, 12, 13: the backup folder ---------------------------------------------------------------

def test_a_missing_backup_folder_is_refused_and_no_file_takes_its_name(
        roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    media = tmp_path / "media"
    media.mkdir()
    stick = media / "roster-backups"  # the stick is not plugged in: its folder is not there
    code, out, err = _run(capsys, "--db", str(roster), "backup", str(stick))
    assert code == 1 and "backup written" not in out
    assert f"folder {stick} does not exist: is the USB stick plugged in?" in err
    assert not stick.exists() and list(media.iterdir()) == []
    code, _, err = _run(capsys, "--db", str(roster), "backups", str(stick))
    assert code == 1 and "does not exist" in err
    # The window's automatic backups go the same way: refused, nothing written.
    database = open_database(roster)
    try:
        auto = backups.AutoBackup(database, stick, "t")
        with pytest.raises(DatabaseError, match="is the USB stick plugged in"):
            auto.run("at open")
        assert not stick.exists()
    finally:
        database.close()


@pytest.mark.posix_only("mounts a small tmpfs (root)", linux=True)
def test_a_read_only_backup_folder_says_one_line(roster: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with _small_filesystem(tmp_path / "stick", "1m") as folder:
        result = os.system(f"mount -o remount,ro {folder}")  # a write-protected stick
        assert result == 0, "remounting the tmpfs read-only needs root"
        code, out, err = _run(capsys, "--db", str(roster), "backup", str(folder))
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err and "read-only" in err
        assert list(folder.iterdir()) == []


def test_relative_backup_paths_work(roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bk").mkdir()
    code, out, err = _run(capsys, "--db", "roster.db", "backup", "bk")
    assert (code, err) == (0, "") and "backup written and checked" in out
    code, out, err = _run(capsys, "--db", "roster.db", "backups", "bk")
    assert code == 0 and "cannot be read" not in out and "1 backups" in out
    (taken,) = (tmp_path / "bk").iterdir()
    code, out, err = _run(capsys, "--db", "roster.db", "restore", f"bk/{taken.name}", "--safety-folder", "bk")
    assert (code, err) == (0, ""), err
    assert "restored" in out


# --- 14: a damaged roster ------------------------------------------------------------------------

def _flip_persons_page(path: Path, offset: int = 600) -> None:
    """Flip 64 bytes inside a page of the persons table (names garbled, indexes no longer agree)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'persons' AND pagetype = 'leaf' ORDER BY pageno")]
    data = bytearray(path.read_bytes())
    start = (pages[len(pages) // 2] - 1) * page_size + offset
    data[start:start + 64] = bytes(b ^ 0xFF for b in data[start:start + 64])
    path.write_bytes(bytes(data))


def test_a_damaged_roster_refuses_writes_and_names_the_last_good_backup(
        roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = open_database(roster)
    (roster.parent / "backups").mkdir()
    good = backups.backup_now(database, roster.parent / "backups", operator="t")
    database.close()
    _flip_persons_page(roster)
    with contextlib.closing(sqlite3.connect(f"file:{roster}?mode=ro", uri=True)) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    damaged = open_database(roster)
    try:
        assert damaged.damage is not None and str(good.path) in damaged.damage
        with pytest.raises(DamagedRoster, match="damaged"):
            persons.create_person(damaged, {"surname": "Written"}, operator="t")
        assert damaged.check_integrity() is not None
    finally:
        damaged.close()
    before = _digest(roster)
    code, _out, err = _run(capsys, "--db", str(roster), "person", "add", "--surname", "Written")
    assert code == 1 and "damaged" in err and str(good.path) in err and "Traceback" not in err
    code, _out, err = _run(capsys, "--db", str(roster), "person", "edit", "MR-000001", "surname=Edited")
    assert code == 1 and "damaged" in err
    code, _out, err = _run(capsys, "--db", str(roster), "verify")
    assert code == 1 and "damaged" in err
    assert _digest(roster) == before  # nothing was written, not even a journal mode
    code, _out, err = _run(capsys, "--db", str(roster), "restore", str(good.path))
    assert code == 0, err
    code, _out, err = _run(capsys, "--db", str(roster), "person", "add", "--surname", "Written")
    assert code == 0, err


# --- 15: a roster from a newer version -----------------------------------------------------------

def test_a_newer_roster_is_refused_without_changing_a_byte(roster: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    with contextlib.closing(sqlite3.connect(roster)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")  # as a backup or a copied file is
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.commit()
    before = _digest(roster)
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(roster)
    code, _, err = _run(capsys, "--db", str(roster), "stats")
    assert code == 1 and "newer version" in err and "not changed" in err
    assert _digest(roster) == before
    assert sorted(p.name for p in roster.parent.iterdir()
                  if p.name.startswith("roster.db") and not p.name.endswith(".audit-head")) == ["roster.db"]


# --- 16: leftovers -------------------------------------------------------------------------------

def test_a_restore_leaves_no_hidden_copy_wal_or_shm(roster: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bk"
    folder.mkdir()
    database = open_database(roster)
    taken = backups.backup_now(database, folder, operator="t")
    result = backups.restore_backup(database, taken.path, operator="t", safety_folder=folder)
    result.database.close()
    hidden = [p.name for p in list(roster.parent.iterdir()) + list(folder.iterdir()) if p.name.startswith(".")]
    assert hidden == []


def test_the_next_backup_removes_what_a_killed_one_left(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "bk"
    folder.mkdir()
    dead = 2 ** 22 + 12345  # above Linux's default pid_max: no such process
    stale = folder / f".roster-backup-20240101-101010.db.{dead}.partial"
    stale.write_bytes(b"\0" * 8192)
    (folder / f"{stale.name}-journal").write_bytes(b"\0" * 512)
    older = folder / ".roster-backup-20240101-090000.db.partial"  # an older version's name
    older.write_bytes(b"\0" * 4096)
    running = folder / f".roster-backup-20240101-101011.db.{os.getppid()}.partial"  # a live writer's
    running.write_bytes(b"\0" * 4096)
    mine = folder / "notes.partial.txt"
    mine.write_text("not ours")
    backups.backup_now(db, folder, operator="t")
    names = sorted(p.name for p in folder.iterdir())
    assert stale.name not in names and f"{stale.name}-journal" not in names and older.name not in names
    assert running.name in names and mine.name in names


@pytest.mark.posix_only("mounts a small tmpfs (root)", linux=True)
def test_backup_and_encrypt_on_a_full_disk_say_disk_full(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with _small_filesystem(tmp_path / "small", "4m") as folder:
        path = folder / "roster.db"
        database = open_database(path)
        demo.fill_demo(database, households=40, operator="t")
        database.close()
        with contextlib.closing(sqlite3.connect(path)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        filler = folder / "filler"
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        filler.write_bytes(b"\0" * max(0, free - size // 2))  # room for half a copy
        before = _dump(path)
        key = tmp_path / "key.txt"
        key.write_text("a passphrase long enough\n")
        code, _out, err = _run(capsys, "--db", str(path), "--passphrase-file", str(key), "encrypt")
        assert code == 1 and "disk is full" in err and "another window" not in err, err
        assert _dump(path) == before  # still plain, every row as it was
        code, _out, err = _run(capsys, "--db", str(path), "backup", str(folder))
        assert code == 1 and "disk is full" in err, err
        assert sorted(p.name for p in folder.iterdir() if p.name != "filler" and not p.name.startswith("roster.db")
                      ) == []
        database = open_database(path)
        try:
            assert database.check_integrity() is None
        finally:
            database.close()


def test_plain_copies_after_encrypt_are_named_and_can_be_encrypted_or_removed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "roster.db"
    database = open_database(path)
    persons.create_person(database, {"surname": "Шаат"}, operator="t")
    (tmp_path / "backups").mkdir()
    first = backups.backup_before(database, "import", operator="t")
    second = backups.backup_now(database, tmp_path / "backups", operator="t")
    database.close()
    migration_copy = tmp_path / "roster.db.before-migration-0008-20240101-101010"
    migration_copy.write_bytes(first.path.read_bytes() if first else b"")
    key = tmp_path / "key.txt"
    key.write_text("correct horse battery staple\n")
    code, out, err = _run(capsys, "--db", str(path), "--passphrase-file", str(key), "encrypt")
    assert code == 0, err
    assert "3 plain copies" in out
    for copy in (migration_copy, first.path if first else None, second.path):
        assert str(copy) in out
    code, out, err = _run(capsys, "--db", str(path), "--passphrase-file", str(key), "encrypt",
                          "--encrypt-plain-copies")
    assert code == 0, err
    assert "Шаат".encode() not in second.path.read_bytes() and "Шаат".encode() not in migration_copy.read_bytes()
    listed = storage_backup.list_backups(tmp_path / "backups", storage_backup.opener_for("correct horse battery "
                                                                                           "staple"))
    assert [info.persons for info in listed] == [1, 1]
    assert backups.plain_copies(path) == []
    # An encrypted roster and a plain backup written later by hand: removed on request.
    plain = tmp_path / "backups" / "roster-backup-20240102-101010.db"
    with contextlib.closing(sqlite3.connect(plain)) as connection:
        connection.execute("CREATE TABLE persons (surname TEXT)")
        connection.execute("INSERT INTO persons VALUES ('Шаат')")
        connection.commit()
    code, out, err = _run(capsys, "--db", str(path), "--passphrase-file", str(key), "encrypt",
                          "--remove-plain-copies")
    assert code == 0 and f"removed: {plain}" in out, err
    assert not plain.exists()


def test_a_damaged_encrypted_roster_is_refused_writes_and_restored_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.db"
    key = tmp_path / "key.txt"
    key.write_text("correct horse battery staple\n")
    database = open_database(path, passphrase="correct horse battery staple")
    demo.fill_demo(database, households=10, operator="demo")
    (tmp_path / "backups").mkdir()
    good = backups.backup_now(database, tmp_path / "backups", operator="t")
    with database.raw_connection() as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(b ^ 0xFF for b in data[middle:middle + 64])  # fails the page's HMAC
    path.write_bytes(bytes(data))
    code, _out, err = _run(capsys, "--db", str(path), "--passphrase-file", str(key), "person", "add", "--surname",
                           "Written")
    assert code == 1 and "damaged" in err and str(good.path) in err and "Traceback" not in err, err
    code, _out, err = _run(capsys, "--db", str(path), "--passphrase-file", str(key), "verify")
    assert code == 1 and "damaged" in err
    code, out, err = _run(capsys, "--db", str(path), "--passphrase-file", str(key), "restore", str(good.path))
    assert code == 0, err
    assert "-before-restore-damaged.db" in out  # the damaged file is kept as it was
    code, _out, err = _run(capsys, "--db", str(path), "--passphrase-file", str(key), "verify")
    assert code == 0, err
