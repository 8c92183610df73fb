"""Backups, restore and encryption of the roster file, as workflows: each one checked and audited.

`backup_now` copies the roster to the backup folder, checks the copy and rotates old ones;
`AutoBackup` decides when the automatic backups are due (at open, every N minutes while
changes happen, at close); `restore_backup` backs the current roster up, then swaps a backup in
and reopens it; `encrypt_roster` and `change_roster_passphrase` rewrite the file under a key.
The passphrase is never recorded: the audit trail says only that encryption changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from desktop_app.domain.errors import DatabaseError
from desktop_app.services import audit
from desktop_app.storage import backup as storage_backup
from desktop_app.storage.backup import BackupInfo
from desktop_app.storage.db import Database, RewriteResult, change_passphrase, encrypt_database, open_database
from desktop_app.storage.models import AuditEntry

log = logging.getLogger(__name__)

BACKUP_ACTION = "backup"
DEFAULT_INTERVAL_MINUTES = 15


def backup_now(db: Database, dest: Path, *, operator: str, reason: str = "manual",
               keep_recent: int = storage_backup.KEEP_RECENT, keep_days: int = storage_backup.KEEP_DAILY_DAYS,
               now: dt.datetime | None = None) -> BackupInfo:
    """Back the roster up into `dest` (a folder: rotated afterwards; or a file), checked and audited."""
    info = storage_backup.backup_database(db, Path(dest), now=now)
    removed: list[Path] = []
    if Path(dest).is_dir() and db.target.path is not None:
        removed = storage_backup.rotate_backups(Path(dest), db.target.path.stem, keep_recent=keep_recent,
                                                keep_days=keep_days, now=now)
    with db.transaction() as session:
        audit.record(session, operator, BACKUP_ACTION, "roster", info.path.name,
                     f"backup ({reason}) of {info.persons} persons to {info.path.parent}",
                     {"file": info.path.name, "persons": info.persons, "encrypted": info.encrypted,
                      "rotated_out": [path.name for path in removed]})
    log.info("backup written (%s): %d persons, %d bytes, %d rotated out", reason, info.persons or 0, info.size,
             len(removed))
    return info


def list_backups(db: Database, folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first, read with this roster's key."""
    return storage_backup.list_backups(Path(folder), functools.partial(db.connect_copy, readonly=True))


def list_backup_files(folder: Path, passphrase: str | None = None) -> list[BackupInfo]:
    """The backups in `folder` without an open roster (the command line), read with `passphrase`."""
    return storage_backup.list_backups(Path(folder), storage_backup.opener_for(passphrase))


def last_change_marker(db: Database) -> int:
    """A number that grows with every change to the roster (backups themselves do not count)."""
    with db.reading() as session:
        return session.scalar(select(func.max(AuditEntry.id)).where(AuditEntry.action != BACKUP_ACTION)) or 0


@dataclass
class AutoBackup:
    """When automatic backups are due: at open, every `interval` minutes if something changed, at close."""

    db: Database
    folder: Path
    operator: str
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES
    _backed_up_marker: int = -1

    def due(self) -> bool:
        return last_change_marker(self.db) != self._backed_up_marker

    def run(self, reason: str, *, force: bool = False) -> BackupInfo | None:
        """Back up now if anything changed since the last automatic backup (or `force`)."""
        marker = last_change_marker(self.db)
        if not force and marker == self._backed_up_marker:
            return None
        info = backup_now(self.db, self.folder, operator=self.operator, reason=reason)
        self._backed_up_marker = marker
        return info


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_copy: BackupInfo
    database: Database


def restore_backup(db: Database, backup_file: Path, *, operator: str, safety_folder: Path) -> RestoreResult:
    """Replace the roster by `backup_file`: the current roster is backed up to `safety_folder` first.

    `db` is closed; the returned result holds the reopened roster. The restore is audited in the
    restored roster (its trail continues from the backup's).
    """
    if db.target.path is None:
        raise DatabaseError(f"{db.target.label}: a server database is restored by its own tools")
    backup_file = Path(backup_file).resolve()
    if backup_file == db.target.path:
        raise DatabaseError(f"{backup_file}: this is the roster itself, not a backup")
    opener = functools.partial(db.connect_copy, readonly=True)
    storage_backup.check_backup(backup_file, opener)
    restored = storage_backup.read_backup_info(backup_file, opener)
    safety = backup_now(db, safety_folder, operator=operator, reason="before restore")
    db.close()
    try:
        storage_backup.restore_database(db, backup_file)
    finally:
        reopened = db.reopen()
    with reopened.transaction() as session:
        audit.record(session, operator, "restore", "roster", backup_file.name,
                     f"restored from the backup taken {restored.taken_at:%Y-%m-%d %H:%M} "
                     f"({restored.persons} persons); the roster before was saved as {safety.path.name}",
                     {"backup": backup_file.name, "safety_copy": safety.path.name, "persons": restored.persons})
    log.info("roster restored from a backup: %s persons", restored.persons)
    return RestoreResult(restored, safety, reopened)


def encrypt_roster(path: Path, passphrase: str, *, operator: str) -> RewriteResult:
    """Encrypt a plain roster in place (copy, check, swap), then audit that it was done."""
    result = encrypt_database(Path(path), passphrase)
    _audit_key_change(Path(path), passphrase, operator, "encrypt", "the roster file was encrypted")
    return result


def change_roster_passphrase(path: Path, old: str, new: str, *, operator: str) -> RewriteResult:
    """Re-key an encrypted roster (copy, check, swap), then audit that it was done."""
    result = change_passphrase(Path(path), old, new)
    _audit_key_change(Path(path), new, operator, "rekey", "the roster's passphrase was changed")
    return result


def _audit_key_change(path: Path, passphrase: str, operator: str, action: str, summary: str) -> None:
    database = open_database(path, passphrase=passphrase, holder=operator)
    try:
        with database.transaction() as session:
            audit.record(session, operator, action, "roster", path.name, summary)
    finally:
        database.close()
    log.info("roster %s done", action)
