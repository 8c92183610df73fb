"""Recovery keys: open and re-key an encrypted roster whose passphrase is forgotten.

A recovery key is made once (at the first start, or later from the command line), shown once and
printed for the mission's safe; the recovery file beside the roster keeps the passphrase sealed
for it (`storage.recovery`). Recovering sets a new passphrase, audited, and the same recovery key
keeps working afterwards.

    key = make_recovery_key(path, passphrase, operator="A. Petrova")
    html = recovery_sheet(path, key, mission="Cairo")     # the page to print
    recover_roster(path, key, new_passphrase, operator="A. Petrova")
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path

from desktop_app.domain.errors import DatabaseError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit
from desktop_app.services.backups import rekey_recovered
from desktop_app.storage import recovery
from desktop_app.storage.db import WrongPassphrase, check_passphrase, is_encrypted, open_database
from desktop_app.storage.recovery import RecoveryKeyRefused, normalize_key, recovery_path

__all__ = [
    "RecoveryKeyRefused",
    "WrongPassphrase",
    "has_recovery_key",
    "make_recovery_key",
    "normalize_key",
    "recover_roster",
    "recovery_path",
    "recovery_sheet",
]

log = logging.getLogger(__name__)


def has_recovery_key(path: Path) -> bool:
    return recovery.exists(Path(path))


def make_recovery_key(path: Path, passphrase: str, *, operator: str,
                      account: accounts.AccountView | None = None) -> str:
    """A new recovery key for the encrypted roster at `path` (its passphrase checked first); audited.
    On a roster with accounts, `account` must hold the encryption permission (PermissionRefused)."""
    path = Path(path).absolute()
    if not is_encrypted(path):
        raise DatabaseError(QT_TRANSLATE_NOOP("services.recovery", "{path}: the roster is not encrypted; a recovery "
                                              "key is for an encrypted roster"), path=str(path))
    check_passphrase(path, passphrase)
    signed = accounts.require_on_file(path, passphrase, Permission.ENCRYPTION, account)
    operator = signed.name if signed is not None else operator
    key = recovery.create(path, passphrase)
    database = open_database(path, passphrase=passphrase, holder=operator)
    try:
        with database.transaction() as session:
            audit.record(session, operator, "recovery-key", "roster", path.name,
                         "a recovery key was made for the roster")
    finally:
        database.close()
    log.info("recovery key made")
    return key


def recover_roster(path: Path, key: str, new_passphrase: str, *, operator: str,
                   recovery_file: Path | None = None) -> Path:
    """Give the roster at `path` the passphrase `new_passphrase`, opened with its recovery `key`.

    `recovery_file` is the recovery file when it is not beside the roster (a backup restored on another
    computer: the copy kept in the backup folder). Raises RecoveryKeyRefused when the key does not open
    the recovery file (nothing changes).
    """
    path = Path(path).absolute()
    for old in recovery.unseal_all(path, key, recovery_file=recovery_file):  # newest first
        try:
            check_passphrase(path, old)
            break
        except WrongPassphrase:
            continue
    else:
        raise DatabaseError(QT_TRANSLATE_NOOP("services.recovery", "{path}: the passphrase kept for the recovery key "
                                              "no longer opens the roster (was the file replaced by another "
                                              "roster?); nothing was changed"), path=str(path)) from None
    if recovery_file is not None:
        recovery.adopt(path, recovery_file)  # so that the printed key keeps opening the roster here
    rekey_recovered(path, old, new_passphrase, operator=operator)  # re-seals the new one
    log.info("roster re-keyed with its recovery key")
    return path


def recovery_sheet(path: Path, key: str, *, mission: str = "", officer: str = "",
                   title: str = "Recovery key", advice: str = "") -> str:
    """The sheet to print and keep in the safe, as HTML (the window prints it to PDF with Qt)."""
    made = dt.date.today().isoformat()
    rows = "".join(f"<tr><th align='left'>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
                   for label, value in (("Mission", mission), ("Roster", str(path)),
                                        ("Recovery file", str(recovery_path(Path(path)))), ("Made by", officer),
                                        ("Date", made)) if value)
    return (f"<html><body><h1>{html.escape(title)}</h1><table cellpadding='4'>{rows}</table>"
            f"<p style='font-family: monospace; font-size: 20pt; font-weight: bold;'>{html.escape(key)}</p>"
            f"<p>{html.escape(advice)}</p></body></html>")


def write_key_file(path: Path, key: str, *, roster: Path, overwrite: bool = False) -> Path:
    """Write the recovery key alone on one line to `path` (mode 0600; an existing file only with `overwrite`)."""
    from desktop_app import output_files

    output_files.write_bytes(path, (key + "\n").encode("ascii"), overwrite=overwrite, roster=roster)
    return Path(path)
