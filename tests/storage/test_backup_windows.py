"""Backups where Windows differs (issue 21), simulated on Linux: a backup another process holds open
cannot be deleted (a delete that raises the sharing violation Windows raises), a folder the permission
bits call writable that takes no file, a restore onto a roster on a network share."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from desktop_app import system
from desktop_app.domain.errors import DatabaseError
from desktop_app.services import audit, backups, persons
from desktop_app.storage.backup import backup_database, rotate_backups
from desktop_app.storage.db import Database, open_database

NOW = dt.datetime(2026, 12, 5, 18, 0)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "usb"
    path.mkdir()
    return path


class HeldOpen:
    """A delete that refuses the files in `held` as Windows does while another process has them open."""

    def __init__(self, *held: Path) -> None:
        self.held, self.tries = set(held), list[Path]()

    def __call__(self, path: Path) -> None:
        self.tries.append(path)
        if path in self.held:
            raise PermissionError(13, "being used by another process", str(path), 32)
        system.delete_file(path)


def five_old_backups(db: Database, folder: Path) -> list[Path]:
    return [backup_database(db, folder, now=NOW - dt.timedelta(days=40 + i)).path for i in range(5)]


def test_rotation_skips_a_held_backup_and_deletes_it_next_time(db: Database, folder: Path) -> None:
    persons.create_person(db, {"surname": "Шаат"}, operator="t")
    old = five_old_backups(db, folder)
    delete = HeldOpen(old[2])
    rotation = rotate_backups(folder, "roster", keep_recent=0, keep_days=7, now=NOW, delete=delete)
    assert sorted(rotation) == sorted(old[:2] + old[3:]) and rotation.held == [old[2]]
    assert [p.name for p in folder.iterdir()] == [old[2].name]
    assert sorted(delete.tries) == sorted(old)  # file by file: the held one did not stop the others
    again = rotate_backups(folder, "roster", keep_recent=0, keep_days=7, now=NOW)
    assert list(again) == [old[2]] and again.held == [] and list(folder.iterdir()) == []


def test_the_backups_audit_entry_is_written_whatever_the_rotation_meets(db: Database, folder: Path) -> None:
    persons.create_person(db, {"surname": "Шаат"}, operator="t")
    old = five_old_backups(db, folder)
    info = backups.backup_now(db, folder, operator="t", keep_recent=1, keep_days=7, keep_hours=1, now=NOW,
                              delete=HeldOpen(*old))
    assert info.path.exists() and all(path.exists() for path in old)
    (entry,) = audit.browse(db, audit.AuditFilter(action="backup"))
    assert entry.changes["rotated_out"] == [] and sorted(entry.changes["held_open"]) == sorted(p.name for p in old)
    backups.backup_now(db, folder, operator="t", keep_recent=1, keep_days=7, keep_hours=1,
                       now=NOW + dt.timedelta(minutes=1))
    assert not any(path.exists() for path in old)  # the next rotation deleted them
    assert len(audit.browse(db, audit.AuditFilter(action="backup"))) == 2


def test_a_folder_that_takes_no_file_is_refused_whatever_os_access_says(db: Database) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    with pytest.raises(DatabaseError, match="read-only"):
        backup_database(db, Path("/proc"))


def test_restore_onto_a_roster_on_a_network_share_keeps_the_rollback_journal(
        tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "share"
    share.mkdir()
    table = tmp_path / "mounts"
    table.write_text(f"/dev/sda1 / ext4 rw 0 0\nserver:/rosters {share} nfs4 rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(system, "MOUNTS_FILE", table)
    db = open_database(share / "roster.db")
    persons.create_person(db, {"surname": "Шаат"}, operator="t")
    info = backups.backup_now(db, folder, operator="t")
    persons.create_person(db, {"surname": "Абу"}, operator="t")
    result = backups.restore_backup(db, info.path, operator="t", safety_folder=folder)
    result.database.close()
    with contextlib.closing(sqlite3.connect(share / "roster.db")) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert connection.execute("SELECT count(*) FROM persons").fetchone() == (1,)
    assert not any(name.endswith(("-wal", "-shm")) or ".aside-" in name for name in os.listdir(share))
