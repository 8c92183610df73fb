"""Recovery keys on the command line, beside the protection commands.

    mission-roster --db roster.db --passphrase-file pw.txt recovery-key --out KEY.txt [--sheet KEY.html]
    mission-roster --db roster.db recover --recover-with KEY.txt --new-passphrase-file new.txt
    mission-roster --db restored.db recover --recover-with KEY.txt --recovery-file STICK/roster.db.recovery …

`recovery-key` makes a new recovery key for an encrypted roster and writes it alone on one line to a
new file (and the sheet to print, if asked); a recovery key made before stops working. `recover`
sets a new passphrase on a roster whose passphrase is lost, opened with its recovery key; the key
stays good afterwards. Neither ever prints the key or a passphrase.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli.commands.accounts import signed_on_file
from desktop_app.cli.commands.protection import ENV_NEW_PASSPHRASE, _required, _roster_path, passphrase_from
from desktop_app.cli.commands.secret_files import read_secret_file
from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say
from desktop_app.domain.roles import Permission
from desktop_app.services import recovery


def cmd_recovery_key(ctx: Any) -> int:
    passphrase = _required(ctx.passphrase)
    path = _roster_path(ctx)
    out = Path(ctx.args.out)
    sheet = Path(ctx.args.sheet) if ctx.args.sheet else None
    from desktop_app import output_files
    from desktop_app.output_files import OutputRefused

    places = [os.path.normcase(os.path.abspath(p)) for p in (out, sheet, recovery.recovery_path(path)) if p is not None]
    if len(set(places)) < len(places):  # the sheet over the key, or the key over the recovery file made just before
        raise OutputRefused(QT_TRANSLATE_NOOP("commands.recovery", "{out}: the key file, the sheet and the roster's "
                                              "recovery file ({made}) must be different files; nothing was made"),
                            out=str(out), made=str(recovery.recovery_path(path)))
    for target in (out, sheet):  # refused before the key is made: a key nobody kept would replace the old one
        if target is not None:
            output_files.check_target(target, overwrite=False, roster=path)
    operator, account = signed_on_file(ctx, path, passphrase, Permission.ENCRYPTION)
    key = recovery.make_recovery_key(path, passphrase, operator=operator, account=account)
    recovery.write_key_file(out, key, roster=path)
    if sheet is not None:
        page = recovery.recovery_sheet(path, key, officer=ctx.operator, advice=(
            "Keep this sheet in the mission's safe. With it, the roster can be opened and given a new passphrase "
            "when the passphrase is forgotten: mission-roster recover --recover-with KEYFILE."))
        output_files.write_bytes(sheet, page.encode("utf-8"), overwrite=False, roster=path)
    say(QT_TRANSLATE_NOOP("commands.recovery", "{path}: recovery key written to {out}; print it, keep it in the "
                          "safe, and delete the file (a key made before no longer works)"), path=path, out=out)
    return 0


def cmd_recover(ctx: Any) -> int:
    path = _roster_path(ctx)
    key = read_secret_file(ctx.args.recover_with, "recovery key file").strip()
    new = _required(passphrase_from(ctx.args.new_passphrase_file, ENV_NEW_PASSPHRASE), new=True)
    copy = Path(ctx.args.recovery_file) if ctx.args.recovery_file else None
    recovery.recover_roster(path, key, new, operator=ctx.operator, recovery_file=copy)
    say(QT_TRANSLATE_NOOP("commands.recovery", "{path}: opened with the recovery key and given the new passphrase; "
                          "the recovery key still works"), path=path)
    return 0


def register(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("recovery-key", cmd_recovery_key, "make a recovery key for the encrypted roster (its passphrase from "
                "--passphrase-file or MISSION_ROSTER_PASSPHRASE) and write it to a new file to print; one made "
                "before stops working")
    p.add_argument("--out", required=True, metavar="FILE", help="the new file that receives the key")
    p.add_argument("--sheet", metavar="FILE", help="also write the sheet to print (HTML)")
    p = command("recover", cmd_recover, "give a roster whose passphrase is lost a new passphrase, opened with its "
                "recovery key (the new one from --new-passphrase-file or MISSION_ROSTER_NEW_PASSPHRASE)")
    p.add_argument("--recover-with", required=True, metavar="KEYFILE", help="the file holding the recovery key")
    p.add_argument("--new-passphrase-file", metavar="FILE")
    p.add_argument("--recovery-file", metavar="FILE", help="the recovery file kept with the backups, for a backup "
                   "restored on another computer (default: the one beside the roster)")
