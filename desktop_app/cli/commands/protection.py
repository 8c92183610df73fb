"""Commands that protect the roster: encrypt, passphrase, backup, backups, restore, retention.

A passphrase never comes from an argument (it would stay in the shell history and the process
list): the roster's comes from the global `--passphrase-file FILE` or MISSION_ROSTER_PASSPHRASE,
a new one from `--new-passphrase-file FILE` or MISSION_ROSTER_NEW_PASSPHRASE. A trailing newline
in a file is not part of the passphrase.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli.commands.accounts import signed_on_file
from desktop_app.cli.commands.secret_files import read_secret_file
from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say, word
from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status, parse_status
from desktop_app.services import backups, retention
from desktop_app.storage.backup import KEEP_DAILY_DAYS, KEEP_HOURS, KEEP_RECENT, BackupInfo
from desktop_app.storage.db import is_encrypted, parse_target

ENV_PASSPHRASE = "MISSION_ROSTER_PASSPHRASE"
ENV_NEW_PASSPHRASE = "MISSION_ROSTER_NEW_PASSPHRASE"


def read_passphrase_file(path: str) -> str:
    """The passphrase in `path`: its text without the line breaks an editor adds at the end (UTF-8 or
    UTF-16, a byte-order mark is fine; a NUL character is refused with one line, see `secret_files`).

    A line break inside is refused: the window's passphrase field takes one line, so a roster
    encrypted under such a passphrase could never be opened there.
    """
    passphrase = read_secret_file(path, "passphrase file").rstrip("\r\n")
    if not passphrase:
        raise RosterError(QT_TRANSLATE_NOOP("commands.protection", "{path}: the passphrase file is empty"), path=path)
    if "\n" in passphrase or "\r" in passphrase:
        raise RosterError(QT_TRANSLATE_NOOP("commands.protection", "{path}: the passphrase file has more than one "
                                            "line; put the passphrase alone on one line (the window's passphrase "
                                            "field takes one line)"), path=path)
    return passphrase


def passphrase_from(file_option: str | None, variable: str = ENV_PASSPHRASE) -> str | None:
    """A passphrase from a file option, else from the environment variable, else None."""
    if file_option:
        return read_passphrase_file(file_option)
    return os.environ.get(variable) or None


def _roster_path(ctx: Any) -> Path:
    path = parse_target(ctx.target).path
    if path is None:
        raise RosterError(QT_TRANSLATE_NOOP("commands.protection", "encryption, backups and restore apply to a "
                                            "roster file, not a server database"))
    return path


def _required(value: str | None, *, new: bool = False) -> str:
    if value is None:
        option, variable = (("--new-passphrase-file FILE", ENV_NEW_PASSPHRASE) if new
                            else ("--passphrase-file FILE (before the command)", ENV_PASSPHRASE))
        if new:
            raise RosterError(QT_TRANSLATE_NOOP("commands.protection", "the new passphrase is needed: give it with "
                                                "{option} or the environment variable {variable}"),
                              option=option, variable=variable)
        raise RosterError(QT_TRANSLATE_NOOP("commands.protection", "the passphrase is needed: give it with {option} "
                                            "or the environment variable {variable}"), option=option, variable=variable)
    return value


def cmd_encrypt(ctx: Any) -> int:
    passphrase = _required(ctx.passphrase)
    path = _roster_path(ctx)
    a = ctx.args
    folders = [Path(folder) for folder in a.backup_folder or ()]
    operator, account = signed_on_file(ctx, path, passphrase if is_encrypted(path) else None,
                                       Permission.ENCRYPTION)
    if is_encrypted(path) and (a.remove_plain_copies or a.encrypt_plain_copies):
        copies = backups.plain_copies(path, folders)  # already encrypted: only its plain copies are left to do
    else:
        result = backups.encrypt_roster(path, passphrase, operator=operator, folders=folders, account=account)
        say(QT_TRANSLATE_NOOP("commands.protection", "{path}: encrypted ({rows} rows in {tables} tables checked); "
                              "keep the passphrase safe: without it the roster cannot be opened"),
            path=result.rewrite.path, rows=result.rewrite.rows, tables=result.rewrite.tables)
        copies = result.plain_copies
    if not copies:
        return 0
    if a.remove_plain_copies or a.encrypt_plain_copies:
        done = backups.protect_plain_copies(path, copies, remove=a.remove_plain_copies, passphrase=passphrase,
                                            operator=operator, account=account)
        for copy in done:
            say(QT_TRANSLATE_NOOP("commands.protection", "removed: {path}") if a.remove_plain_copies
                else QT_TRANSLATE_NOOP("commands.protection", "encrypted: {path}"), path=copy)
        return 0
    say(QT_TRANSLATE_NOOP("commands.protection", "{count} plain copies of the roster are still readable by anyone "
                          "who gets them:"), count=len(copies))
    for copy in copies:
        print(f"  {copy}")
    say(QT_TRANSLATE_NOOP("commands.protection", "encrypt them with `encrypt --encrypt-plain-copies`, or remove "
                          "them with `encrypt --remove-plain-copies`"))
    return 0


def cmd_passphrase(ctx: Any) -> int:
    old = _required(ctx.passphrase)
    new = _required(passphrase_from(ctx.args.new_passphrase_file, ENV_NEW_PASSPHRASE), new=True)
    path = _roster_path(ctx)
    operator, account = signed_on_file(ctx, path, old, Permission.ENCRYPTION)
    result = backups.change_roster_passphrase(path, old, new, operator=operator, account=account)
    say(QT_TRANSLATE_NOOP("commands.protection", "{path}: passphrase changed. Backups taken before keep the old "
                          "passphrase."), path=result.path)
    return 0


def _describe(info: BackupInfo) -> str:
    holds = (f"{info.persons} persons, last change {info.last_change:%Y-%m-%d %H:%M}" if info.persons is not None
             and info.last_change else f"{info.persons} persons" if info.persons is not None else info.problem)
    return (f"{info.taken_at:%Y-%m-%d %H:%M:%S}\t{info.reason or 'routine'}\t{holds}"
            f"\t{'encrypted' if info.encrypted else 'plain'}\t{info.size_mb:.1f} MB\t{info.path}")


def cmd_backup(ctx: Any) -> int:
    info = backups.backup_now(ctx.db, Path(ctx.args.dest), operator=ctx.operator, keep_recent=ctx.args.keep,
                              keep_days=ctx.args.days, keep_hours=ctx.args.hours)
    say(QT_TRANSLATE_NOOP("commands.protection", "backup written and checked: {backup}"), backup=_describe(info))
    return 0


def cmd_backups(ctx: Any) -> int:
    found = backups.list_backup_files(Path(ctx.args.folder), ctx.passphrase)
    for info in found:
        print(_describe(info))
    say(QT_TRANSLATE_NOOP("commands.protection", "{count} backups"), count=len(found))
    return 0


def cmd_restore(ctx: Any) -> int:
    source = Path(ctx.args.src)
    safety = Path(ctx.args.safety_folder) if ctx.args.safety_folder else _roster_path(ctx).parent
    result = backups.restore_backup(ctx.db, source, operator=ctx.operator, safety_folder=safety,
                                    other_roster=ctx.args.other_roster)
    ctx.replace_db(result.database)
    say(QT_TRANSLATE_NOOP("commands.protection", "restored {backup}"), backup=_describe(result.restored))
    say(QT_TRANSLATE_NOOP("commands.protection", "the roster as it was before is saved as {path}"),
        path=result.safety_copy.path)
    return 0


def cmd_retention(ctx: Any) -> int:
    a = ctx.args
    states = tuple(parse_status(s) for s in a.state)
    plan = retention.plan_retention(ctx.db, states, a.older_than)
    mode = retention.RetentionMode.DELETE if a.delete else retention.RetentionMode.ANONYMISE
    say(QT_TRANSLATE_NOOP("commands.protection", "{count} persons in {states} unchanged for {days} days would be "
                          "deleted") if a.delete else
        QT_TRANSLATE_NOOP("commands.protection", "{count} persons in {states} unchanged for {days} days would be "
                          "anonymised"), count=plan.count, states=[word(s.value) for s in states], days=a.older_than)
    if not a.yes or a.confirm_count is None:
        say(QT_TRANSLATE_NOOP("commands.protection", "nothing done: add --yes --confirm-count {count} to do it (an "
                              "encrypted archive is written first)"), count=plan.count)
        return 1
    passphrase = passphrase_from(a.archive_passphrase_file, ENV_PASSPHRASE) or ctx.passphrase
    if passphrase is None:
        raise ValidationError("archive passphrase", "", QT_TRANSLATE_NOOP(
            "commands.protection", "is needed: --archive-passphrase-file FILE or --passphrase-file FILE (the archive "
            "is always encrypted)"))
    result = retention.apply_retention(ctx.db, plan, mode=mode, archive=Path(a.archive),
                                       archive_passphrase=passphrase, confirm_count=a.confirm_count,
                                       operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.protection", "{count} persons deleted; encrypted archive: {path} ({archived} "
                          "persons)") if a.delete else
        QT_TRANSLATE_NOOP("commands.protection", "{count} persons anonymised; encrypted archive: {path} ({archived} "
                          "persons)"), count=result.persons, path=result.archive.path, archived=result.archive.persons)
    return 0


def register(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("encrypt", cmd_encrypt, "encrypt the roster file in place with the passphrase given by "
                "--passphrase-file or MISSION_ROSTER_PASSPHRASE; the plain copies left (backups, the copy "
                "before a migration) are listed")
    copies = p.add_mutually_exclusive_group()
    copies.add_argument("--encrypt-plain-copies", action="store_true",
                        help="encrypt the plain copies under the same passphrase")
    copies.add_argument("--remove-plain-copies", action="store_true",
                        help="overwrite the plain copies with zeros and delete them")
    p.add_argument("--backup-folder", action="append", metavar="DIR",
                   help="also look for plain backups here (repeatable)")
    p = command("passphrase", cmd_passphrase, "change the roster's passphrase (the current one from "
                "--passphrase-file, the new one from --new-passphrase-file or MISSION_ROSTER_NEW_PASSPHRASE)")
    p.add_argument("--new-passphrase-file", metavar="FILE")
    p = command("backup", cmd_backup, "back the roster up into a folder (rotated) or a file, and check the copy")
    p.add_argument("dest", metavar="DEST")
    p.add_argument("--keep", type=int, default=KEEP_RECENT, metavar="N",
                   help=f"the newest routine backups kept (default {KEEP_RECENT})")
    p.add_argument("--hours", type=int, default=KEEP_HOURS, metavar="H",
                   help=f"and every backup of the last H hours (default {KEEP_HOURS})")
    p.add_argument("--days", type=int, default=KEEP_DAILY_DAYS, metavar="D",
                   help=f"and one a day, and each copy taken before an import, apply, merge or retention, for D "
                   f"days (default {KEEP_DAILY_DAYS})")
    p = command("backups", cmd_backups, "list the backups in a folder with what each holds")
    p.add_argument("folder", metavar="FOLDER")
    p = command("restore", cmd_restore, "replace the roster by a backup (the current roster is backed up first)")
    p.add_argument("src", metavar="SRC")
    p.add_argument("--safety-folder", metavar="DIR", help="where the current roster is saved first "
                   "(default: the roster's folder)")
    p.add_argument("--other-roster", action="store_true", help="restore a backup of another roster (its audit "
                   "trail begins otherwise); refused without this")
    p = command("retention", cmd_retention, "archive the roster encrypted, then anonymise or delete persons in a "
                "final state unchanged for some days")
    p.add_argument("--state", action="append", required=True,
                   choices=[s.value for s in Status], help="repeatable, e.g. evacuated")
    p.add_argument("--older-than", type=int, required=True, metavar="DAYS", help="days since the last change")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--anonymise", action="store_true", help="keep statistics, remove identities (default)")
    how.add_argument("--delete", action="store_true", help="delete the persons")
    p.add_argument("--archive", required=True, metavar="FILE", help="the encrypted archive written first")
    p.add_argument("--archive-passphrase-file", metavar="FILE", help="default: the roster's passphrase")
    p.add_argument("--yes", action="store_true", help="really do it")
    p.add_argument("--confirm-count", type=int, metavar="N", help="the number of persons you agree to change")
