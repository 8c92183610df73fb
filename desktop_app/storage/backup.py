"""Backups of a roster file: written online, checked, rotated, listed and restored.

`backup_database(db, dest)` copies the open roster with SQLite's online backup API (for an
encrypted roster, between two SQLCipher connections under the same key), or with
`sqlcipher_export` when the copy must be encrypted under another key (the retention archive).
The copy is written under a temporary name, checked with `PRAGMA integrity_check`, then renamed:
a backup folder never holds a half-written file under a backup's name. Backups are named
`<roster>-backup-YYYYMMDD-HHMMSS.db`; `rotate_backups` keeps the newest few plus one a day.
`list_backups` reads each file read-only (nothing changes) to tell what it holds.
`restore_database` backs the current roster up first, then swaps the backup in atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import DatabaseError
from desktop_app.storage.db import (
    Database,
    connect_file,
    hold_exclusively,
    looks_encrypted,
    replace_file,
    row_counts,
)

STAMP_FORMAT = "%Y%m%d-%H%M%S"
BACKUP_PATTERN = re.compile(r"^(?P<stem>.+)-backup-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.db$")
KEEP_RECENT = 10
KEEP_DAILY_DAYS = 14

# Opens a file read-only with the right key (or raises); see `Database.connect_copy`.
Opener = Callable[[Path], Any]


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, read without changing it. `persons` is None when it cannot be read."""

    path: Path
    taken_at: dt.datetime
    persons: int | None
    last_change: dt.datetime | None
    encrypted: bool
    size: int
    problem: str = ""

    @property
    def size_mb(self) -> float:
        return self.size / 1_000_000


def backup_name(db_path: Path, at: dt.datetime) -> str:
    return f"{db_path.stem}-backup-{at.strftime(STAMP_FORMAT)}.db"


def backup_database(db: Database, dest: Path, *, encrypt_with: str | None = None,
                    now: dt.datetime | None = None) -> BackupInfo:
    """Copy the open roster to `dest` (a folder, or a file name ending in .db) and check the copy.

    `encrypt_with` writes the copy encrypted under that passphrase, whatever the roster's own key.
    Raises DatabaseError (nothing left behind) when the folder is missing, full or read-only.
    """
    if db.target.path is None:
        raise DatabaseError(f"{db.target.label}: a server database is backed up by its own tools")
    at = (now or dt.datetime.now()).replace(microsecond=0)
    destination = _destination(db.target.path, Path(dest), at)
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if encrypt_with is not None:
            _export_encrypted(db, partial, encrypt_with)
        else:
            _online_backup(db, partial)
        opener = _opener(db, encrypt_with)
        _check_copy(partial, opener)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"{destination.parent}: the backup could not be written ({exc.strerror or exc}); "
                            "the roster itself is unchanged") from None
    except DatabaseError:
        partial.unlink(missing_ok=True)
        raise
    except Exception as exc:  # sqlite3/sqlcipher3 errors: disk full, I/O error on a pulled USB stick
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"{destination.parent}: the backup could not be written ({exc}); the roster itself is "
                            "unchanged") from None
    return read_backup_info(destination, opener, taken_at=at)


def _destination(db_path: Path, dest: Path, at: dt.datetime) -> Path:
    if dest.is_dir():
        destination = dest / backup_name(db_path, at)
        counter = 1
        while destination.exists():
            destination = dest / f"{destination.stem.split('-backup-')[0]}-backup-{at.strftime(STAMP_FORMAT)}" \
                                 f"-{counter}.db"
            counter += 1
        return destination
    if not dest.parent.is_dir():
        raise DatabaseError(f"{dest.parent}: the backup folder does not exist (is the USB stick plugged in?)")
    if dest.exists():
        raise DatabaseError(f"{dest}: already exists; choose a new name or a folder")
    return dest


def _online_backup(db: Database, partial: Path) -> None:
    with db.raw_connection() as source, contextlib.closing(db.connect_copy(partial)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file


def _export_encrypted(db: Database, partial: Path, passphrase: str) -> None:
    """Write the roster encrypted under `passphrase`, one consistent snapshot.

    An encrypted roster exports itself (`sqlcipher_export`). A plain roster is copied table by
    table into a SQLCipher connection: the two SQLite libraries must never both open the roster's
    file in one process (POSIX locks are per process, and closing one library's file would drop
    the other's locks).
    """
    if db.encrypted:
        with db.raw_connection() as source:
            source.execute("ATTACH DATABASE ? AS archive KEY ?", (str(partial), passphrase))
            try:
                source.execute("SELECT sqlcipher_export('archive')")
            finally:
                source.execute("DETACH DATABASE archive")
        return
    with db.raw_connection() as source, contextlib.closing(connect_file(partial, passphrase)) as target:
        target.execute("PRAGMA journal_mode = DELETE")
        target.execute("BEGIN")
        source.execute("BEGIN")  # one snapshot of every table
        try:
            _copy_schema_and_rows(source, target)
        finally:
            source.execute("ROLLBACK")
        target.execute("COMMIT")


def _copy_schema_and_rows(source: Any, target: Any) -> None:
    objects = source.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                             "AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, "
                             "rowid").fetchall()
    for kind, name, sql in objects:
        if kind == "table":
            target.execute(sql)
            cursor = source.execute(f'SELECT * FROM "{name}"')
            width = len(cursor.description)
            insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" * width)})'
            while rows := cursor.fetchmany(5000):
                target.executemany(insert, rows)
    if source.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        target.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                           source.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
    for kind, _name, sql in objects:
        if kind != "table":
            target.execute(sql)
    target.execute(f"PRAGMA user_version = {int(source.execute('PRAGMA user_version').fetchone()[0])}")


def _opener(db: Database, encrypt_with: str | None) -> Opener:
    if encrypt_with is not None:
        return lambda path: connect_file(path, encrypt_with, readonly=True)
    return lambda path: db.connect_copy(path, readonly=True)


def opener_for(passphrase: str | None) -> Opener:
    """Open backups read-only with `passphrase` (None: plain files only)."""
    return lambda path: connect_file(path, passphrase, readonly=True)


def _check_copy(path: Path, opener: Opener) -> None:
    with contextlib.closing(opener(path)) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if result != "ok" or "persons" not in tables:
        raise DatabaseError(f"{path}: the copy failed its integrity check ({result}); it was not kept")


# --- what a backup holds --------------------------------------------------------------------------

def read_backup_info(path: Path, opener: Opener, *, taken_at: dt.datetime | None = None) -> BackupInfo:
    """Date, persons and last change of a backup, read-only (the file is not changed)."""
    stat = path.stat()
    encrypted = looks_encrypted(path)
    match = BACKUP_PATTERN.match(path.name)
    if taken_at is None:
        taken_at = (dt.datetime.strptime(match["stamp"], STAMP_FORMAT) if match
                    else dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0))
    try:
        with contextlib.closing(opener(path)) as connection:
            persons = connection.execute("SELECT count(*) FROM persons WHERE deleted_at IS NULL "
                                         "AND merged_into_id IS NULL").fetchone()[0]
            last = connection.execute("SELECT max(at) FROM audit_entries").fetchone()[0]
    except Exception as exc:
        problem = ("encrypted with another passphrase" if encrypted and "not a database" in str(exc).lower()
                   else f"cannot be read ({exc})")
        return BackupInfo(path, taken_at, None, None, encrypted, stat.st_size, problem)
    last_change = dt.datetime.fromisoformat(last) if isinstance(last, str) else last
    return BackupInfo(path, taken_at, persons, last_change, encrypted, stat.st_size)


def list_backups(folder: Path, opener: Opener | None = None) -> list[BackupInfo]:
    """The backups in `folder`, newest first, with what each holds (`opener`: default plain files only)."""
    opener = opener or opener_for(None)
    if not folder.is_dir():
        raise DatabaseError(f"{folder}: the backup folder does not exist (is the USB stick plugged in?)")
    found = [read_backup_info(path, opener) for path in folder.iterdir()
             if path.is_file() and BACKUP_PATTERN.match(path.name)]
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


def rotate_backups(folder: Path, stem: str, *, keep_recent: int = KEEP_RECENT, keep_days: int = KEEP_DAILY_DAYS,
                   now: dt.datetime | None = None) -> list[Path]:
    """Delete this roster's backups beyond the newest `keep_recent` and one a day for `keep_days` days.

    Returns the deleted files. Other files in the folder are never touched.
    """
    now = now or dt.datetime.now()
    ours: list[tuple[dt.datetime, Path]] = []
    for path in folder.iterdir():
        match = BACKUP_PATTERN.match(path.name)
        if match and match["stem"] == stem and path.is_file():
            ours.append((dt.datetime.strptime(match["stamp"], STAMP_FORMAT), path))
    ours.sort(reverse=True)
    keep = {path for _, path in ours[:keep_recent]}
    days_kept: set[dt.date] = set()
    for taken, path in ours:  # newest first: the last backup of each day is the one kept
        if (now.date() - taken.date()).days < keep_days and taken.date() not in days_kept:
            days_kept.add(taken.date())
            keep.add(path)
    removed = [path for _, path in ours if path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


# --- restore --------------------------------------------------------------------------------------

def check_backup(backup: Path, opener: Opener) -> dict[str, int]:
    """Refuse a backup that cannot be read with this roster's key or fails its integrity check."""
    if not backup.is_file():
        raise DatabaseError(f"{backup}: no such backup")
    try:
        with contextlib.closing(opener(backup)) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            counts = row_counts(connection)
    except Exception as exc:
        if looks_encrypted(backup) and "not a database" in str(exc).lower():
            raise DatabaseError(f"{backup}: this backup is encrypted with another passphrase than the roster's; "
                                "nothing was changed") from None
        raise DatabaseError(f"{backup}: not a readable roster backup ({exc}); nothing was changed") from None
    if result != "ok" or "alembic_version" not in counts or "persons" not in counts:
        raise DatabaseError(f"{backup}: not a sound roster backup ({result}); nothing was changed")
    return counts


def restore_database(db: Database, backup: Path) -> None:
    """Replace the file of the (closed) roster `db` by a checked copy of `backup`, under the roster's key."""
    assert db.target.path is not None
    restore_file(db.target.path, backup, db._passphrase)  # the key stays inside storage


def restore_file(db_path: Path, backup: Path, passphrase: str | None) -> None:
    """Replace the (closed) roster at `db_path` by a checked copy of `backup`, atomically.

    The copy is written beside the roster, checked, then renamed over it while the roster is held
    exclusively, so a crash leaves either the old roster or the restored one, never a mix.
    """
    if backup.is_file() and looks_encrypted(backup) != (passphrase is not None):
        raise DatabaseError(f"{backup}: this backup is {'encrypted' if looks_encrypted(backup) else 'not encrypted'}"
                            f" but the roster is {'encrypted' if passphrase else 'not'}; nothing was changed")
    opener = opener_for(passphrase)
    expected = check_backup(backup, opener)
    copy = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}")
    copy.unlink(missing_ok=True)
    holder = hold_exclusively(db_path, passphrase)
    try:
        with contextlib.closing(opener(backup)) as source, \
                contextlib.closing(connect_file(copy, passphrase)) as destination:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = WAL")
        with contextlib.closing(opener(copy)) as check:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok" or row_counts(check) != expected:
                raise DatabaseError(f"{backup}: the restored copy does not match the backup; nothing was changed")
        replace_file(db_path, copy, holder)
    except OSError as exc:
        raise DatabaseError(f"{db_path.parent}: the backup could not be restored here ({exc.strerror or exc}); "
                            "the roster is unchanged") from None
    finally:
        copy.unlink(missing_ok=True)
        with contextlib.suppress(Exception):
            holder.close()
