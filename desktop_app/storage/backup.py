"""Backups of a roster file: written online, checked, kept in tiers, listed and restored.

    info = backup_database(db, Path("/media/usb/roster-backups"), tag="before-import")
    removed = rotate_backups(info.path.parent, "roster")
    safety = restore_database(db, backup_file, safety_folder)   # db closed first

`backup_database(db, dest)` copies the open roster with SQLite's online backup API (for an
encrypted roster, between two SQLCipher connections under the same key), or with
`sqlcipher_export` when the copy must be encrypted under another key (the retention archive).
`dest` is a folder (it must exist: a missing USB stick is said, never replaced by a file of its
name), or a file name with an extension. The copy is written under a hidden name carrying the
writer's process id, checked with `PRAGMA integrity_check`, then renamed: a backup folder never
holds a half-written file under a backup's name, and the next backup removes what a killed one
left. Backups are named `<roster>-backup-YYYYMMDD-HHMMSS[-before-import].db`; `rotate_backups`
keeps tiers: every backup of the last hours, the newest few, one a day for weeks, and the copies
taken before an import, an apply, a merge or a retention (named by that reason) for as long; it
deletes file by file, and a backup another process holds open (Windows refuses to delete it) is
left for the next rotation.
`restore_database` holds the roster exclusively first, then takes the safety copy and swaps
the backup in under that same hold, so no write can land in between and be lost.
`plain_copies` finds the unencrypted copies an encrypted roster left behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app import output_files, system
from desktop_app.domain.errors import DatabaseError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.storage.db import (
    BUSY_TIMEOUT_MS,
    WRITER_SUFFIX,
    Database,
    DiskFull,
    clean_stale_temporaries,
    connect_file,
    hold_exclusively,
    is_disk_full,
    looks_encrypted,
    overwrite_and_remove,
    replace_file,
    rewrite_file,
    row_counts,
)
from desktop_app.storage.paths import SQLITE_HEADER

STAMP_FORMAT = "%Y%m%d-%H%M%S"
BACKUP_PATTERN = re.compile(r"^(?P<stem>.+)-backup-(?P<stamp>\d{8}-\d{6})(?:-\d+)?(?:-(?P<tag>before-[a-z-]+))?"
                            r"\.db$")
KEEP_RECENT = 10
KEEP_HOURS = 24
KEEP_DAILY_DAYS = 28
DEFAULT_FOLDER_NAME = "backups"
# A hidden copy in progress: `.<backup name>.<process id>.partial` (with SQLite's -journal beside it, or the -wal and
# -shm its connection opens while the copy still has the roster's WAL header).
PARTIAL_PATTERN = re.compile(r"^\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.partial(?:-journal|-wal|-shm)?$")
_partial_numbers = itertools.count(1)  # each hidden copy's own number within the process
STALE_PARTIAL_S = 6 * 3600  # a partial untouched this long is stale, whatever process has its number now

# Opens a file read-only with the right key (or raises); see `Database.connect_copy`.
Opener = Callable[[Path], Any]

# Roster file -> the backup folder its window chose, so that a damaged roster can name its last good backup.
_chosen_folders: dict[Path, Path] = {}


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

    @property
    def reason(self) -> str:
        """'before import' and the like for a tiered copy, '' for a routine one."""
        match = BACKUP_PATTERN.match(self.path.name)
        return match["tag"].replace("-", " ") if match and match["tag"] else ""


# What an officer at a USB stick reads most, in the operator's language (the window and the CLI translate).
_NO_FOLDER = QT_TRANSLATE_NOOP("storage.backup", "folder {folder} does not exist: is the USB stick plugged in?")
_NO_FOLDER_NOTHING_WRITTEN = QT_TRANSLATE_NOOP(
    "storage.backup", "folder {folder} does not exist: is the USB stick plugged in? No backup was written")
_NOT_A_FOLDER = QT_TRANSLATE_NOOP("storage.backup",
                                  "{path}: already exists and is not a folder; choose a new name or a folder")
_READ_ONLY_FOLDER = QT_TRANSLATE_NOOP(
    "storage.backup", "{folder}: the backup folder is read-only (a write-protected USB stick?); no backup was "
                      "written and the roster is unchanged")
_NO_SUCH_BACKUP = QT_TRANSLATE_NOOP("storage.backup", "{path}: no such backup")

def backup_name(db_path: Path, at: dt.datetime, tag: str = "") -> str:
    return f"{db_path.stem}-backup-{at.strftime(STAMP_FORMAT)}{f'-{tag}' if tag else ''}.db"


def reason_tag(reason: str) -> str:
    """The file-name tag of a reason: 'before import' -> 'before-import'; a routine reason has none."""
    words = re.sub(r"[^a-z]+", "-", reason.lower()).strip("-")
    return words if words.startswith("before-") else ""


def remember_backup_folder(db_path: Path, folder: Path) -> None:
    """Note the folder the window backs this roster up to (searched for the last good backup)."""
    _chosen_folders[Path(db_path).absolute()] = Path(folder).absolute()


def chosen_backup_folder(db_path: Path) -> Path | None:
    """The folder the window chose for this roster's backups, if it did."""
    return _chosen_folders.get(Path(db_path).absolute())


def default_backup_folder(db_path: Path) -> Path:
    """The chosen folder of this roster, else a 'backups' folder beside it (not created here)."""
    return _chosen_folders.get(Path(db_path).absolute(), Path(db_path).absolute().parent / DEFAULT_FOLDER_NAME)


def backup_database(db: Database, dest: Path, *, encrypt_with: str | None = None, now: dt.datetime | None = None,
                    tag: str = "") -> BackupInfo:
    """Copy the open roster to `dest` (an existing folder, or a file name with an extension) and check it.

    `encrypt_with` writes the copy encrypted under that passphrase, whatever the roster's own key;
    `tag` ('before-import') names why the copy was taken. Raises DatabaseError (DiskFull when no
    room is left), with nothing left behind, when the folder is missing, full or read-only.
    """
    if db.target.path is None:
        raise DatabaseError(f"{db.target.label}: a server database is backed up by its own tools")
    at = (now or dt.datetime.now()).replace(microsecond=0)
    into_folder = Path(dest).is_dir()
    for _attempt in range(20):
        destination = _destination(db.target.path, Path(dest).absolute(), at, tag)
        try:  # a name SQLite or the program uses beside the roster (-journal: every later open fails) is never taken
            output_files.check_target(destination, overwrite=False, roster=db.target.path)
            break
        except output_files.OutputError as exc:
            if into_folder and os.path.lexists(destination):
                continue  # another backup of the same second took the free name meanwhile: take the next
            raise DatabaseError(f"{exc}; no backup was written") from None
    else:
        raise DatabaseError(f"{destination}: already exists; it was not replaced")

    def copy(partial: Path) -> None:
        if encrypt_with is not None:
            _export_encrypted(db, partial, encrypt_with)
        else:
            with db.raw_connection() as source, contextlib.closing(db.connect_copy(partial)) as target:
                _online_copy(source, target)

    opener = _opener(db, encrypt_with)
    roster = db.target.path
    rename = (lambda: _destination(roster, destination.parent, at, tag)) if into_folder else None
    destination = _write_checked(destination, copy, opener, rename=rename)
    return read_backup_info(destination, opener, taken_at=at)


def _destination(db_path: Path, dest: Path, at: dt.datetime, tag: str) -> Path:
    if dest.is_dir():
        folder = dest
    elif dest.suffix and not dest.exists():
        if not dest.parent.is_dir():
            raise DatabaseError(_NO_FOLDER_NOTHING_WRITTEN, folder=str(dest.parent))
        return dest
    elif dest.exists():
        raise DatabaseError(_NOT_A_FOLDER, path=str(dest))
    else:
        raise DatabaseError(_NO_FOLDER_NOTHING_WRITTEN, folder=str(dest))
    destination = folder / backup_name(db_path, at, tag)
    counter = 1
    while destination.exists():
        destination = folder / f"{db_path.stem}-backup-{at.strftime(STAMP_FORMAT)}-{counter}" \
                               f"{f'-{tag}' if tag else ''}.db"
        counter += 1
    return destination


def _write_checked(destination: Path, copy: Callable[[Path], None], opener: Opener, *, check: bool = True,
                   rename: Callable[[], Path] | None = None) -> Path:
    """Write a copy under a hidden name with `copy(partial)`, check it, fsync it, then give it its name.

    `check=False` keeps a copy of a damaged roster as it is (evidence, and what can still be read).
    `rename()` gives the next free name when another backup took `destination` meanwhile (two
    backups in the same second: the window's automatic one and the command line's); without it
    that is refused. Returns the name given.
    """
    folder = destination.parent
    if not system.folder_writable(folder):  # by creating a file: os.access says yes to any folder on Windows
        raise DatabaseError(_READ_ONLY_FOLDER, folder=str(folder))
    clean_stale_partials(folder)
    # Numbered within the process: two backups of the same second (the automatic one on its own worker, one the
    # officer asked) never write, nor discard, the same hidden copy.
    partial = folder / f".{output_files.fitting_name(destination.name)}-{next(_partial_numbers)}.{os.getpid()}.partial"
    _discard(partial)
    try:
        copy(partial)
        if check:
            _check_copy(partial, opener)
        with open(partial, "rb+") as handle:
            system.full_sync(handle.fileno())
        for _attempt in range(20):
            try:
                _publish(partial, destination)
                break
            except _NameTaken:
                if rename is None:
                    raise DatabaseError(f"{destination}: already exists; it was not replaced") from None
                destination = rename()
        else:
            raise DatabaseError(f"{destination}: already exists; it was not replaced")
    except DatabaseError:
        _discard(partial)
        raise
    except Exception as exc:  # OSError, sqlite3/sqlcipher3 errors: disk full, a pulled USB stick
        _discard(partial)
        raise _write_error(folder, exc) from None
    return destination


class _NameTaken(Exception):
    """Another writer gave its file the name this copy was to take."""


def _publish(partial: Path, destination: Path) -> None:
    """Give the checked copy its name without ever replacing a file (a hard link fails if the name is taken)."""
    try:
        os.link(partial, destination)
    except FileExistsError:
        raise _NameTaken from None
    except OSError:  # no hard links here (FAT on a USB stick): the name was checked free just before
        if destination.exists():
            raise _NameTaken from None
        system.retried(lambda: os.replace(partial, destination))
        return
    system.retried(partial.unlink)


def _write_error(folder: Path, exc: BaseException) -> DatabaseError:
    if is_disk_full(exc):
        return DiskFull(f"{folder}: the disk is full; no backup was written and the roster is unchanged")
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return DatabaseError(f"{folder}: the backup could not be written ({reason}); the roster itself is unchanged")


def _discard(partial: Path) -> None:
    for path in (partial, *(partial.with_name(partial.name + suffix) for suffix in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):  # a read-only or vanished folder: nothing to clean there
            path.unlink(missing_ok=True)


def clean_stale_partials(folder: Path) -> list[Path]:
    """Remove the hidden copies that killed backups left in `folder` (not those of a running one)."""
    removed = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = PARTIAL_PATTERN.match(path.name)
            if match and path.is_file() and _is_stale(path, match["pid"]):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def _is_stale(path: Path, pid: str | None) -> bool:
    if pid is None:
        return True  # an older version's name: its writer is long gone
    # Untouched for hours: whoever has its number now (ids start again after a power cut cut a backup off) is not
    # its writer. Asked first, as the process cannot be asked on Windows (os.kill would end it there).
    if time.time() - path.stat().st_mtime > STALE_PARTIAL_S:
        return True
    if int(pid) == os.getpid() or os.name == "nt":
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _online_copy(source: Any, target: Any) -> None:
    source.backup(target)
    target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file


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
    folder = Path(folder).absolute()
    if not folder.is_dir():
        raise DatabaseError(_NO_FOLDER, folder=str(folder))
    found = [read_backup_info(path, opener) for path in folder.iterdir()
             if path.is_file() and BACKUP_PATTERN.match(path.name)]
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


def _ours(folder: Path, stem: str) -> list[tuple[dt.datetime, str, Path]]:
    """This roster's backups in `folder`, newest first: (taken, tag, path)."""
    found = []
    for path in folder.iterdir():
        match = BACKUP_PATTERN.match(path.name)
        if match and match["stem"] == stem and path.is_file():
            found.append((dt.datetime.strptime(match["stamp"], STAMP_FORMAT), match["tag"] or "", path))
    return sorted(found, key=lambda item: (item[0], item[2].name), reverse=True)


class Rotation(list[Path]):
    """The backups a rotation deleted (the list itself), and those `held` open by another process,
    which stay until a later rotation can delete them."""

    def __init__(self, removed: Iterable[Path] = (), held: Iterable[Path] = ()) -> None:
        super().__init__(removed)
        self.held = list(held)


def rotate_backups(folder: Path, stem: str, *, keep_recent: int = KEEP_RECENT, keep_hours: int = KEEP_HOURS,
                   keep_days: int = KEEP_DAILY_DAYS, now: dt.datetime | None = None,
                   delete: Callable[[Path], None] = system.delete_file) -> Rotation:
    """Delete this roster's backups that no tier keeps, one by one; returns the deleted files (and,
    as `.held`, those another process held open: skipped, tried again next time). `delete` is
    `system.delete_file` (retried through a passing sharing violation).

    Kept: every backup of the last `keep_hours` hours; the newest `keep_recent` routine ones (at
    open, close, every few minutes, by hand); the last of each day for `keep_days` days; and every
    copy taken before an import, apply, merge or retention for `keep_days` days, plus the newest of
    each such reason whatever its age. Routine backups therefore never push a pre-import copy out.
    Other files in the folder are never touched, nor a backup opened as a roster since.
    """
    now = now or dt.datetime.now()
    ours = _ours(folder, stem)
    keep: set[Path] = set()
    routine = [path for _, tag, path in ours if not tag]
    keep.update(routine[:keep_recent])
    days_kept: set[dt.date] = set()
    newest_of_reason: set[str] = set()
    for taken, tag, path in ours:  # newest first: the last backup of each day is the one kept
        age = now - taken
        if age < dt.timedelta(hours=keep_hours):
            keep.add(path)
        if tag:
            if age < dt.timedelta(days=keep_days) or tag not in newest_of_reason:
                keep.add(path)
            newest_of_reason.add(tag)
        elif (now.date() - taken.date()).days < keep_days and taken.date() not in days_kept:
            days_kept.add(taken.date())
            keep.add(path)
    rotation = Rotation()
    for path in (path for _, _, path in ours if path not in keep and not _used_as_roster(path)):
        try:
            delete(path)
        except OSError:  # held open (a sharing violation on Windows), or gone read-only: next time
            rotation.held.append(path)
        else:
            rotation.append(path)
    return rotation


def _used_as_roster(path: Path) -> bool:
    """Whether a file named as a backup has been opened as a roster (an officer opened yesterday's
    backup and went on working in it): a backup never has working files beside it, a roster in
    use has -wal/-shm, and one written to keeps its .audit-head. Such a file is never rotated away."""
    return any(os.path.lexists(path.with_name(path.name + suffix))
               for suffix in ("-wal", "-shm", "-journal", WRITER_SUFFIX, ".audit-head"))


def last_good_backup(db_path: Path, passphrase: str | None, *, limit: int = 5) -> Path | None:
    """The newest backup of this roster that opens with `passphrase` and passes its integrity check.

    Looked for in the folder chosen for it, a 'backups' folder beside it and its own folder; at
    most `limit` candidates are checked.
    """
    db_path = Path(db_path).absolute()
    folders = dict.fromkeys([default_backup_folder(db_path), db_path.parent / DEFAULT_FOLDER_NAME, db_path.parent])
    candidates = []
    for folder in folders:
        with contextlib.suppress(OSError):
            candidates.extend(_ours(folder, db_path.stem))
    opener = opener_for(passphrase)
    for _taken, _tag, path in sorted(candidates, key=lambda item: item[0], reverse=True)[:limit]:
        with contextlib.suppress(Exception):
            check_backup(path, opener)
            return path
    return None


# --- plain copies of an encrypted roster ----------------------------------------------------------

def plain_copies(db_path: Path, folders: Iterable[Path] = ()) -> list[Path]:
    """Unencrypted copies of the roster: before-migration copies beside it, plain backups and leftovers.

    Looked for beside the roster, in a 'backups' folder beside it, its chosen backup folder and
    `folders`. A copy is plain when it starts with SQLite's plain header (anyone can read it). A
    backup opened as a roster since is a roster of its own, not a copy: never reported here, so
    never removed or encrypted under this roster's passphrase.
    """
    db_path = Path(db_path).absolute()
    places = dict.fromkeys([db_path.parent, db_path.parent / DEFAULT_FOLDER_NAME, default_backup_folder(db_path),
                            *(Path(folder).absolute() for folder in folders)])
    found: list[Path] = []
    for folder in places:
        with contextlib.suppress(OSError):
            for path in sorted(folder.iterdir()):
                # A killed backup's hidden copy keeps its -journal beside it: still a copy, never opened as a roster.
                if path != db_path and _is_copy_of(path, db_path) and _plain(path) and (
                        PARTIAL_PATTERN.match(path.name) is not None or not _used_as_roster(path)):
                    found.append(path)
    return found


def _is_copy_of(path: Path, db_path: Path) -> bool:
    name = path.name
    if name.startswith(f"{db_path.name}.before-migration-"):
        return True
    partial = PARTIAL_PATTERN.match(name)
    # A hidden copy's backup name carries its number within the process (`<backup name>-<n>`): a killed backup's
    # copy is the whole roster, unencrypted.
    match = BACKUP_PATTERN.match(name) or (partial and not name.endswith(("-journal", "-wal", "-shm"))
                                           and BACKUP_PATTERN.match(re.sub(r"-\d+$", "", partial["name"])))
    return bool(match) and match["stem"] == db_path.stem and path.is_file()


def _plain(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def encrypt_copy(path: Path, passphrase: str) -> None:
    """Encrypt a plain copy in place under `passphrase` (checked, swapped; its plain bytes overwritten)."""
    rewrite_file(Path(path), None, passphrase, wal=False)


def remove_copy(path: Path) -> None:
    """Overwrite a plain copy with zeros, then delete it."""
    overwrite_and_remove(Path(path))


# --- restore --------------------------------------------------------------------------------------

def check_backup(backup: Path, opener: Opener) -> dict[str, int]:
    """Refuse a backup that cannot be read with this roster's key or fails its integrity check."""
    if not backup.is_file():
        raise DatabaseError(_NO_SUCH_BACKUP, path=str(backup))
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


# Runs under the hold, before the swap: (the current roster, the restored copy), both raw connections.
CarryOver = Callable[[Any, Any], None]


def restore_database(db: Database, backup: Path, safety_folder: Path, *, carry_over: CarryOver | None = None,
                     before_swap: Callable[[Path, Path], None] | None = None, damaged: bool = False,
                     wait_s: float = BUSY_TIMEOUT_MS / 1000) -> Path:
    """Replace the file of the (closed) roster `db` by a checked copy of `backup`; returns the safety copy.

    In this order, all under one exclusive hold of the roster (taken within `wait_s` seconds, or
    refused): the safety copy of the roster as it is is written to `safety_folder` and checked;
    the backup is copied beside the roster and checked; `carry_over` may bring values from the
    current roster into the copy (what must never be handed out twice); `before_swap(copy, safety)`
    may write into the copy (the restore's audit entry); the copy is renamed over the roster.
    A write from another process either lands before the hold (and so in the safety copy) or waits
    for the hold and goes into the restored roster. A crash leaves the old roster or the restored
    one, never a mix; what a killed restore left beside it is removed by the next one.
    The safety copy of a `damaged` roster is its file as it is, byte for byte, named so.
    """
    assert db.target.path is not None
    db_path, passphrase = db.target.path, db._passphrase  # the key stays inside storage
    backup = Path(backup).absolute()
    if backup.is_file() and looks_encrypted(backup) != (passphrase is not None):
        raise DatabaseError(f"{backup}: this backup is {'encrypted' if looks_encrypted(backup) else 'not encrypted'}"
                            f" but the roster is {'encrypted' if passphrase else 'not'}; nothing was changed")
    opener = opener_for(passphrase)
    expected = check_backup(backup, opener)
    taken, safety_tag = dt.datetime.now().replace(microsecond=0), "before-restore-damaged" if damaged \
        else "before-restore"
    safety_destination = _destination(db_path, Path(safety_folder).absolute(), taken, safety_tag)
    copy = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}")
    clean_stale_temporaries(db_path)
    _remove_with_sidecars(copy)
    holder = _hold_within(db_path, passphrase, wait_s)
    try:
        def safety(partial: Path) -> None:
            if damaged:  # the online copy would stop at the first bad page
                shutil.copyfile(db_path, partial)
                return
            with contextlib.closing(connect_file(partial, passphrase, cipher=True)) as target:
                _online_copy(holder, target)

        safety_destination = _write_checked(
            safety_destination, safety, opener, check=not damaged,
            rename=lambda: _destination(db_path, safety_destination.parent, taken, safety_tag))
        with contextlib.closing(opener(backup)) as source, \
                contextlib.closing(connect_file(copy, passphrase)) as destination:
            source.backup(destination)
        with contextlib.closing(opener(copy)) as check:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok" or row_counts(check) != expected:
                raise DatabaseError(f"{backup}: the restored copy does not match the backup; nothing was changed")
        if carry_over is not None:
            with contextlib.closing(connect_file(copy, passphrase, cipher=True)) as destination:
                carry_over(holder, destination)
        if before_swap is not None:
            before_swap(copy, safety_destination)
        with contextlib.closing(connect_file(copy, passphrase)) as switch:
            # As every roster (the rollback journal on a network share); its -wal is gone once closed.
            switch.execute(f"PRAGMA journal_mode = {system.journal_mode(db_path)}")
        replace_file(db_path, copy, holder)
    except DatabaseError:
        raise
    except Exception as exc:  # OSError, sqlite3/sqlcipher3 errors: a full disk while copying
        if is_disk_full(exc):
            raise DiskFull(f"{db_path.parent}: the disk is full; the roster is unchanged") from None
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DatabaseError(f"{db_path.parent}: the backup could not be restored here ({reason}); the roster is "
                            "unchanged") from None
    finally:
        _remove_with_sidecars(copy)
        with contextlib.suppress(Exception):
            holder.close()
    return safety_destination


def _hold_within(db_path: Path, passphrase: str | None, wait_s: float) -> Any:
    """`hold_exclusively`, tried again while other processes come and go, for up to `wait_s` seconds."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return hold_exclusively(db_path, passphrase)
        except DiskFull:
            raise
        except DatabaseError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _remove_with_sidecars(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)
