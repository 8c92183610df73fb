"""Backups, restore and encryption of the roster file, as workflows: each one checked and audited.

    backup_before(db, "import")            # a tiered copy, kept for weeks, named by its reason
    backup_now(db, folder, operator="…")   # checked, rotated in tiers, audited
    restore_backup(db, backup_file, operator="…", safety_folder=folder)
    result = encrypt_roster(path, passphrase, operator="…")   # result.plain_copies: still readable

`backup_now` copies the roster to the backup folder, checks the copy and rotates old ones;
`backup_before` is the copy the import, reconcile apply, merge and retention workflows take
first; `AutoBackup` decides when the automatic backups are due (at open, every N minutes while
changes happen, at close); `restore_backup` holds the roster, saves it, swaps a backup in and
reopens it; `encrypt_roster` and `change_roster_passphrase` rewrite the file under a key and
report the plain copies left behind, which `protect_plain_copies` encrypts or removes.
The passphrase is never recorded: the audit trail says only that encryption changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from desktop_app import system
from desktop_app.domain.errors import Cancelled, DatabaseError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit
from desktop_app.services.persons import CASE_REF_FLOOR_KEY, CASE_REF_PREFIX_KEY, GENERATED_REF_PREFIX
from desktop_app.storage import backup as storage_backup
from desktop_app.storage import recovery as storage_recovery
from desktop_app.storage.backup import BackupInfo
from desktop_app.storage.db import (
    Database,
    RewriteResult,
    change_passphrase,
    encrypt_database,
    is_encrypted,
    open_database,
)
from desktop_app.storage.errors import DatabaseBusy
from desktop_app.storage.models import AuditEntry

log = logging.getLogger(__name__)

BACKUP_ACTION = "backup"
DEFAULT_INTERVAL_MINUTES = 15
# The workflows that take a copy first (`backup_before`); each names its copies.
BEFORE_REASONS = ("import", "reconcile apply", "merge", "retention", "restore", "encrypt")


@accounts.guarded(Permission.BACKUP)
def backup_now(db: Database, dest: Path, *, operator: str, reason: str = "manual",
               keep_recent: int = storage_backup.KEEP_RECENT, keep_days: int = storage_backup.KEEP_DAILY_DAYS,
               keep_hours: int = storage_backup.KEEP_HOURS, now: dt.datetime | None = None,
               delete: Callable[[Path], None] = system.delete_file) -> BackupInfo:
    """Back the roster up into `dest` when the account may (an officer: a copy anywhere is all the data)."""
    return _take_backup(db, dest, operator=operator, reason=reason, keep_recent=keep_recent, keep_days=keep_days,
                        keep_hours=keep_hours, now=now, delete=delete)


def _take_backup(db: Database, dest: Path, *, operator: str, reason: str = "manual",
                 keep_recent: int = storage_backup.KEEP_RECENT, keep_days: int = storage_backup.KEEP_DAILY_DAYS,
                 keep_hours: int = storage_backup.KEEP_HOURS, now: dt.datetime | None = None,
                 delete: Callable[[Path], None] = system.delete_file,
                 before_entry: Callable[[], None] | None = None) -> BackupInfo:
    """Back the roster up into `dest` (a folder: rotated afterwards; or a file), checked and audited.

    A reason starting 'before' ('before import') names the copy and puts it in the tier kept for
    `keep_days` days whatever the routine backups do. The rotation never stops the audit entry: a
    backup another process holds open (`delete` raises, as Windows does) is named in the entry and
    left for the next rotation. `before_entry()`, given, waits until nobody else holds the write lock
    (`Workspace.wait_for_writer`, raising Cancelled when given up): the entry is then written once the lock
    is free, however long a colleague's save held it, instead of failing busy after the busy timeout (on a
    roster keeping the rollback journal a colleague's long read, which no look sees, still fails it busy).
    """
    dest = Path(dest).absolute()
    info = storage_backup.backup_database(db, dest, now=now, tag=storage_backup.reason_tag(reason))
    removed = storage_backup.Rotation()
    if dest.is_dir() and db.target.path is not None:
        try:
            removed = storage_backup.rotate_backups(dest, db.target.path.stem, keep_recent=keep_recent,
                                                    keep_hours=keep_hours, keep_days=keep_days, now=now,
                                                    delete=delete)
        except OSError as exc:  # the folder itself went away (a pulled stick): the backup is written, say so
            log.warning("backups not rotated: %s", exc.strerror or type(exc).__name__)
    if db.target.path is not None and dest.is_dir():
        try:  # the recovery file goes with the backups: a lost laptop's roster opens from them with the key
            storage_recovery.copy_to(db.target.path, dest)
        except OSError as exc:
            log.warning("recovery file not copied to the backups: %s", exc.strerror or type(exc).__name__)
    changes: dict[str, Any] = {"file": info.path.name, "persons": info.persons, "encrypted": info.encrypted,
                               "rotated_out": [path.name for path in removed]}
    if removed.held:
        changes["held_open"] = [path.name for path in removed.held]
    while True:
        if before_entry is not None:
            before_entry()
        try:
            with db.transaction() as session:
                audit.record(session, operator, BACKUP_ACTION, "roster", info.path.name,
                             f"backup ({reason}) of {info.persons} persons to {info.path.parent}", changes)
            break
        except DatabaseBusy:  # another writer came in between the wait and the entry: wait for it again
            # Not on a roster keeping the rollback journal (a network share): there a colleague's long read keeps
            # the commit out while the lock looks free, and each try, waiting for it, keeps every new read out too.
            if before_entry is None or not beside_saves(db):
                raise
    log.info("backup written (%s): %d persons, %d bytes, %d rotated out, %d held open", reason, info.persons or 0,
             info.size, len(removed), len(removed.held))
    return info


def use_backup_folder(db: Database, folder: Path) -> None:
    """The folder this roster is backed up to from now on (the window's choice); `backup_before` uses it."""
    if db.target.path is not None:
        storage_backup.remember_backup_folder(db.target.path, folder)


def backup_folder_of(db: Database) -> Path | None:
    """Where this roster's backups go: the chosen folder, else 'backups' beside it; None for a server."""
    return storage_backup.default_backup_folder(db.target.path) if db.target.path is not None else None


def backup_before(db: Database, reason: str, *, operator: str = "", now: dt.datetime | None = None
                  ) -> BackupInfo | None:
    """A checked copy taken before a workflow that changes many records ('import', 'reconcile apply',
    'merge', 'retention'), named by that reason and kept for weeks.

    It goes where this roster's backups go: the folder the window chose (`use_backup_folder`),
    else a 'backups' folder beside the roster if there is one. None when neither is set (a server
    database, or a roster nobody set a backup folder up for). A chosen folder that is missing (the
    USB stick) raises DatabaseError: the caller must not go on without its copy.
    """
    if db.target.path is None:
        return None
    folder = storage_backup.chosen_backup_folder(db.target.path)
    if folder is None:
        folder = db.target.path.parent / storage_backup.DEFAULT_FOLDER_NAME
        if not folder.is_dir():
            log.info("no backup folder set up for this roster: no copy taken before %s", reason)
            return None
    return backup_now(db, folder, operator=operator or db.holder, reason=f"before {reason}", now=now)


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


def beside_saves(db: Database) -> bool:
    """Whether a long read of this roster (its automatic backup, its full check at open) may run beside its
    saves instead of before them: SQLite in WAL mode, where the read sees one snapshot (one read transaction:
    a save committed meanwhile is wholly in a backup or wholly absent) and never holds a writer up. A roster
    on a network share keeps the rollback journal, where a reader keeps every save out until it ends (they
    would fail busy): its long reads wait their turn with the saves on the writer's worker. A server roster
    (PostgreSQL, whose reads never hold a writer up) is read beside its saves as well.

        run_in_background(window, title, work, done, reading=backups.beside_saves(db))
    """
    return db.target.path is None or system.journal_mode(db.target.path) == "WAL"


@dataclass
class AutoBackup:
    """When automatic backups are due: at open, every `interval` minutes if something changed, at close."""

    db: Database
    folder: Path
    operator: str
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES
    keep_recent: int = storage_backup.KEEP_RECENT
    keep_days: int = storage_backup.KEEP_DAILY_DAYS
    _backed_up_marker: int = -1
    # One backup at a time: the window's automatic one runs beside the saves (`beside_saves`), the one at close
    # on the writer's worker; the later waits for the earlier and skips what it already backed up.
    _one_at_a_time: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def due(self) -> bool:
        return last_change_marker(self.db) != self._backed_up_marker

    def run(self, reason: str, *, force: bool = False, cancelled: Callable[[], bool] = lambda: False,
            waiting: Callable[[], None] = lambda: None, before_entry: Callable[[], None] | None = None
            ) -> BackupInfo | None:
        """Back up now if anything changed since the last automatic backup (or `force`).

        A backup still writing is waited for (one at a time): `waiting()` is called once if it is, and
        `cancelled()` asked meanwhile raises Cancelled when it says so (nothing written). `before_entry` is
        `_take_backup`'s: the wait for a colleague's save before the backup's audit entry.

            auto.run("at close", cancelled=lambda: not progress(0, 0), before_entry=wait_for_the_lock)
        """
        if not self._one_at_a_time.acquire(blocking=False):
            waiting()
            while not self._one_at_a_time.acquire(timeout=_LOOK_S):
                if cancelled():
                    raise Cancelled(QT_TRANSLATE_NOOP(
                        "services.backups", "Not backed up: given up while the previous backup was being written."))
        try:
            marker = last_change_marker(self.db)
            if not force and marker == self._backed_up_marker:
                return None
            # The mission's own safety copies run whoever is signed in (issue 20): a volunteer's shift is backed up.
            signed = accounts.signed_in(self.db)
            info = _take_backup(self.db, self.folder, operator=signed.name if signed is not None else self.operator,
                                reason=reason, keep_recent=self.keep_recent, keep_days=self.keep_days,
                                before_entry=before_entry)
            self._backed_up_marker = marker
            return info
        finally:
            self._one_at_a_time.release()


_LOOK_S = 0.1  # how often a backup waiting for the one still writing asks whether it was given up


class AnotherRostersBackup(DatabaseError):
    """The backup chosen for a restore is a backup of another roster (see `restore_backup`)."""


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_copy: BackupInfo
    database: Database


@accounts.guarded(Permission.RESTORE)
def restore_backup(db: Database, backup_file: Path, *, operator: str, safety_folder: Path,
                   other_roster: bool = False) -> RestoreResult:
    """Replace the roster by `backup_file`; the roster as it is is saved to `safety_folder` first.

    A backup of another roster (its audit trail does not begin as this one's: another mission's
    file in a shared backup folder) is refused unless `other_roster` says it is meant.

    `db` is closed; the returned result holds the reopened roster. The safety copy is taken while
    the roster is held exclusively, and the swap happens under that same hold, so every write
    another process committed is either in the safety copy or waited and went into the restored
    roster. Case references handed out since the backup are never handed out again. The restore
    is audited in the restored roster (its trail continues from the backup's).
    """
    if db.target.path is None:
        raise DatabaseError(f"{db.target.label}: a server database is restored by its own tools")
    backup_file = Path(backup_file).absolute()
    if backup_file.resolve() == db.target.path.resolve():
        raise DatabaseError(f"{backup_file}: this is the roster itself, not a backup")
    opener = functools.partial(db.connect_copy, readonly=True)
    storage_backup.check_backup(backup_file, opener)
    restored = storage_backup.read_backup_info(backup_file, opener)
    if not other_roster:
        _refuse_another_rosters_backup(db, backup_file, opener)
    roster = db.target.path
    replaced: dict[str, Any] = {}
    carried: list[tuple[Any, ...]] = []  # the accounts as they are now (issue 20)

    def carry_over(current: Any, copy: Any) -> None:  # under the hold: the trail's end as it is replaced
        _carry_case_ref_floor(current, copy)
        carried.extend(_current_accounts(current))
        last = current.execute("SELECT id, hash FROM audit_entries ORDER BY id DESC LIMIT 1").fetchone()
        if last is not None:
            replaced.update(last_id=int(last[0]), last_hash=str(last[1]))

    def record(copy: Path, safety_path: Path) -> None:  # in the copy, before it takes the roster's place
        database = db.open_copy(copy)
        try:
            with database.transaction() as session:
                if carried:  # who may do what is now's, not the backup's: an old backup neither drops the
                    # accounts (leaving the roster open to anyone) nor brings back a disabled one
                    session.execute(text("DELETE FROM accounts"))
                    session.execute(text(f"INSERT INTO accounts ({', '.join(_ACCOUNT_COLUMNS)}) VALUES "
                                         f"({', '.join(':' + c for c in _ACCOUNT_COLUMNS)})"),
                                    [dict(zip(_ACCOUNT_COLUMNS, row, strict=True)) for row in carried])
                # The head it replaced: a restore killed before its head file followed the swap leaves
                # that head beside the roster, which verify then knows for the replaced trail's end.
                audit.record(session, operator, audit.RESTORE_ACTION, "roster", backup_file.name,
                             f"restored from the backup taken {restored.taken_at:%Y-%m-%d %H:%M} "
                             f"({restored.persons} persons); the roster before was saved as {safety_path.name}",
                             {"backup": backup_file.name, "safety_copy": safety_path.name,
                              "persons": restored.persons, audit.REPLACED_HEAD_KEY: replaced or None})
        finally:
            database.close()

    db.close()
    try:
        with _head_follows(roster, roster.with_name(f".{roster.name}.restore-{os.getpid()}")):
            safety_path = storage_backup.restore_database(db, backup_file, Path(safety_folder),
                                                          carry_over=carry_over, before_swap=record,
                                                          damaged=db.damage is not None)
    finally:
        reopened = db.reopen()
    safety = storage_backup.read_backup_info(safety_path, opener)
    log.info("roster restored from a backup: %s persons", restored.persons)
    return RestoreResult(restored, safety, reopened)


def _refuse_another_rosters_backup(db: Database, backup_file: Path, opener: Any) -> None:
    """Refuse a backup whose audit trail begins otherwise than the roster's (a roster with no trail
    yet, or one too damaged to read it, takes any backup)."""
    try:
        with db.reading() as session:
            ours = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id).limit(1))
    except DatabaseError:  # a roster too damaged to read its trail is restored from any sound backup
        return
    with contextlib.closing(opener(backup_file)) as connection:
        theirs = connection.execute("SELECT hash FROM audit_entries ORDER BY id LIMIT 1").fetchone()
    if ours is not None and theirs is not None and ours != theirs[0]:
        raise AnotherRostersBackup(f"{backup_file}: this is a backup of another roster (its audit trail does not begin "
                            f"as the trail of {db.target.label} does); nothing was changed. To replace this roster "
                            "by that one all the same, restore with --other-roster")


@contextlib.contextmanager
def _head_follows(roster: Path, copy: Path) -> Iterator[None]:
    """The audit trail's head recorded beside `copy` (by its entry) goes beside `roster` once the copy
    took its place; it is dropped if the swap did not happen."""
    try:
        yield
    except BaseException:
        audit.head_file(copy).unlink(missing_ok=True)
        raise
    with contextlib.suppress(FileNotFoundError):
        os.replace(audit.head_file(copy), audit.head_file(roster))


def _carry_case_ref_floor(current: Any, restored: Any) -> None:
    """Record in the restored roster the highest case reference number the current one handed out,
    under 'MR-' and under the site's own prefix ('MR-CAI-', of either roster): the floor is one
    number for all of them, so no generated reference is ever handed out twice."""
    prefixes = {GENERATED_REF_PREFIX, *_site_prefixes(current), *_site_prefixes(restored)}
    highest = max(_highest_ref(connection, prefix) for connection in (current, restored) for prefix in prefixes)
    restored.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                     (CASE_REF_FLOOR_KEY, json.dumps(highest)))


_ACCOUNT_COLUMNS = ("id", "name", "role", "pin_hash", "pin_salt", "pin_params", "failed_attempts", "locked_until",
                    "disabled", "db_login", "created_at", "created_by")


def _current_accounts(connection: Any) -> list[tuple[Any, ...]]:
    """The roster's accounts as stored (none from a roster too damaged to read them: the backup's stay)."""
    try:
        return [tuple(row) for row in connection.execute(f"SELECT {', '.join(_ACCOUNT_COLUMNS)} FROM accounts")]
    except Exception:  # sqlite3's or SQLCipher's error classes alike
        return []


def _site_prefixes(connection: Any) -> list[str]:
    return [str(value) for (value,) in connection.execute("SELECT value FROM settings WHERE key = ?",
                                                          (CASE_REF_PREFIX_KEY,)) if value]


def _highest_ref(connection: Any, prefix: str) -> int:
    numbers = [int(ref[len(prefix):]) for (ref,) in connection.execute(
        "SELECT case_ref FROM persons WHERE case_ref LIKE ?", (f"{prefix}______",))
        if ref[len(prefix):].isdigit()]
    floor = connection.execute("SELECT value FROM settings WHERE key = ?", (CASE_REF_FLOOR_KEY,)).fetchone()
    return max([*numbers, int(json.loads(floor[0])) if floor else 0])


@dataclass(frozen=True)
class EncryptResult:
    """The rewrite, and the plain copies of the roster still readable by anyone who gets them."""

    rewrite: RewriteResult
    plain_copies: list[Path] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.rewrite.path

    @property
    def rows(self) -> int:
        return self.rewrite.rows

    @property
    def tables(self) -> int:
        return self.rewrite.tables


def encrypt_roster(path: Path, passphrase: str, *, operator: str, folders: Iterable[Path] = (),
                   account: accounts.AccountView | None = None) -> EncryptResult:
    """Encrypt a plain roster in place (copy, audit in the copy, check, swap) and find the plain copies left.

    `folders` are backup folders to look in besides the roster's own, its 'backups' folder and its
    chosen one. The copies are only reported: `protect_plain_copies` encrypts or removes them.
    A roster with accounts needs `account` (signed in on it) to hold the encryption permission.
    """
    path = Path(path).absolute()
    operator = _encryption_operator(path, passphrase if is_encrypted(path) else None, account, operator)
    result = _rewrite_audited(path, None, passphrase, operator, "encrypt", "the roster file was encrypted")
    return EncryptResult(result, storage_backup.plain_copies(path, folders))


def _rewrite_audited(path: Path, old: str | None, new: str, operator: str, action: str,
                     summary: str) -> RewriteResult:
    """Rewrite the roster under `new`; the audit entry is written into the checked copy before the swap,
    so the file under the roster's name is either the old one or the new one with its entry."""
    def record(copy: Path) -> None:
        _audit_key_change(copy, new, operator, action, summary, name=path.name)

    with _head_follows(path, path.with_name(f".{path.name}.rewrite-{os.getpid()}")):
        if old is None:
            result = encrypt_database(path, new, before_swap=record)
        else:
            result = change_passphrase(path, old, new, before_swap=record)
    storage_recovery.reseal(path, new)  # the printed recovery key keeps opening the roster
    log.info("roster %s done", action)
    return result


def plain_copies(path: Path, folders: Iterable[Path] = ()) -> list[Path]:
    """The unencrypted copies of the roster at `path` (before-migration copies, plain backups)."""
    return storage_backup.plain_copies(Path(path), folders)


def protect_plain_copies(path: Path, copies: Iterable[Path], *, remove: bool, passphrase: str | None,
                         operator: str, account: accounts.AccountView | None = None) -> list[Path]:
    """Encrypt each plain copy under `passphrase` (the roster's), or overwrite and delete it (`remove`).

    Only files `plain_copies` reports for this roster are touched. Audited in the roster (names of
    files only). Returns the copies handled. On a roster with accounts, `account` must hold the
    encryption permission.
    """
    operator = _encryption_operator(Path(path), passphrase if is_encrypted(path) else None, account, operator)
    allowed = set(storage_backup.plain_copies(Path(path), {Path(c).absolute().parent for c in copies}))
    done: list[Path] = []
    for copy in (Path(c).absolute() for c in copies):
        if copy not in allowed:
            raise DatabaseError(f"{copy}: not a plain copy of {Path(path).name}; it was left alone")
        if remove:
            storage_backup.remove_copy(copy)
        elif passphrase is None:
            raise DatabaseError("the passphrase is needed to encrypt the plain copies")
        else:
            storage_backup.encrypt_copy(copy, passphrase)
        done.append(copy)
    if done and passphrase is not None:
        verb = "removed" if remove else "encrypted"
        _audit_key_change(Path(path), passphrase, operator, "protect copies",
                          f"{len(done)} plain copies of the roster {verb}", {"files": [c.name for c in done],
                                                                             "done": verb})
    return done


def change_roster_passphrase(path: Path, old: str, new: str, *, operator: str,
                             account: accounts.AccountView | None = None) -> RewriteResult:
    """Re-key an encrypted roster (copy, audit in the copy, check, swap); on a roster with accounts,
    `account` must hold the encryption permission."""
    path = Path(path).absolute()
    operator = _encryption_operator(path, old, account, operator)
    return _rewrite_audited(path, old, new, operator, "rekey", "the roster's passphrase was changed")


def rekey_recovered(path: Path, old: str, new: str, *, operator: str) -> RewriteResult:
    """Re-key a roster opened with its recovery key (`services.recovery.recover_roster`): nobody can sign
    in on a roster whose passphrase is forgotten, so the recovery key from the safe is the permission."""
    return _rewrite_audited(Path(path).absolute(), old, new, operator, "rekey", "the roster's passphrase was changed")


def _encryption_operator(path: Path, passphrase: str | None, account: accounts.AccountView | None,
                         operator: str) -> str:
    """The name for the audit trail of work on the roster file's key: the account when the file has
    accounts (PermissionRefused, audited, when it may not), else the operator given."""
    signed = accounts.require_on_file(path, passphrase, Permission.ENCRYPTION, account)
    return signed.name if signed is not None else operator


def _audit_key_change(path: Path, passphrase: str, operator: str, action: str, summary: str,
                      changes: dict[str, Any] | None = None, *, name: str | None = None) -> None:
    database = open_database(path, passphrase=passphrase, holder=operator)
    try:
        with database.transaction() as session:
            audit.record(session, operator, action, "roster", name or path.name, summary, changes)
    finally:
        database.close()
