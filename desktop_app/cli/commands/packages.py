"""Commands for mission-to-mission roster packages: `site` and `package` (issue 17).

    mission-roster site init Cairo [--prefix CAI]     # prints the public key line to send to the others
    mission-roster site add Ramallah 'mrsite1:…'      # after reading its fingerprint out by phone
    mission-roster site list [--json]
    mission-roster site rekey                          # new keys here; the next packages tell the partners
    mission-roster site replace-key Ramallah 'mrsite1:…'   # their new key, after reading it out by phone
    mission-roster package export out.mrpkg --to Ramallah [--to Tel-Aviv] [--since-last] [--json]
    mission-roster package export out.mrpkg --password-file agreed.txt
    mission-roster package export rafah.mrpkg --to Ramallah --list "Rafah 14"    # or --household H-00012 …
    mission-roster package import in.mrpkg [--password-file agreed.txt] [--dry-run] [--json]
    mission-roster package conflicts [--json]
    mission-roster package resolve MR-CAI-000001 surname theirs
    mission-roster package undo 17

A passphrase comes from the first line of --password-file, never from an argument. A refused
package prints one line and exits 1 with nothing changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli.commands.secret_files import read_secret_file
from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say
from desktop_app.domain.errors import RosterError
from desktop_app.services import packages


def _passphrase(path: str | None) -> str | None:
    if not path:
        return None
    first = read_secret_file(path, "password file").splitlines()
    if not first or not first[0].strip("\r\n"):
        raise RosterError(QT_TRANSLATE_NOOP("commands.packages", "{path}: the password file is empty"), path=path)
    return first[0]


def _json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def cmd_site_init(ctx: Any) -> int:
    site = packages.init_site(ctx.workspace.db, ctx.args.name, operator=ctx.operator, prefix=ctx.args.prefix)
    say(QT_TRANSLATE_NOOP("commands.packages", "this roster is site {name}; new case references start with "
                          "MR-{prefix}-; fingerprint {fingerprint}; public key:"),
        name=site.name, prefix=site.ref_prefix, fingerprint=site.fingerprint, file=sys.stderr)
    print(site.public_line)
    return 0


def cmd_site_add(ctx: Any) -> int:
    site = packages.add_site(ctx.workspace.db, ctx.args.name, ctx.args.public_key, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.packages", "added site {name}, fingerprint {fingerprint}"),
        name=site.name, fingerprint=site.fingerprint)
    return 0


def cmd_site_list(ctx: Any) -> int:
    sites = packages.list_sites(ctx.workspace.db)
    if ctx.args.json:
        _json([s.as_json() for s in sites])
        return 0
    for s in sites:
        print("\t".join([s.name, "self" if s.is_self else "", s.ref_prefix, s.fingerprint, s.uuid]))
    return 0


def cmd_site_rekey(ctx: Any) -> int:
    change = packages.rekey_site(ctx.workspace.db, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.packages", "new keys for site {name}: fingerprint {old} is now {new}; the "
                          "next package to each site tells it, signed by the old key; public key:"),
        name=change.site.name, old=change.old_fingerprint, new=change.site.fingerprint, file=sys.stderr)
    print(change.site.public_line)
    return 0


def cmd_site_replace_key(ctx: Any) -> int:
    change = packages.replace_site_key(ctx.workspace.db, ctx.args.name, ctx.args.public_key, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.packages", "replaced the key of site {name}: fingerprint {old} is now {new}"),
        name=change.site.name, old=change.old_fingerprint, new=change.site.fingerprint)
    return 0


def cmd_package_export(ctx: Any) -> int:
    result = packages.export_package(ctx.workspace.db, Path(ctx.args.out), operator=ctx.operator,
                                     to=ctx.args.to or (), passphrase=_passphrase(ctx.args.password_file),
                                     since_last=ctx.args.since_last, overwrite=ctx.args.overwrite,
                                     list_name=ctx.args.list, households=ctx.args.household or ())
    if ctx.args.json:
        _json(result.as_json())
    else:
        say(QT_TRANSLATE_NOOP("commands.packages", "{path}: {records} records ({counts})"), path=ctx.args.out,
            records=result.records, counts=", ".join(f"{k} {v}" for k, v in sorted(result.counts.items())))
    return 0


def _print_import(result: packages.ImportResult) -> None:
    say(QT_TRANSLATE_NOOP("commands.packages", "package {number} from {site} (fingerprint {fingerprint}): "
                          "{created} new, {updated} updated, {unchanged} unchanged persons, {conflicts} conflicts, "
                          "{duplicates} possible duplicates"),
        number=result.number, site=result.sender, fingerprint=result.fingerprint, created=result.created,
        updated=result.updated, unchanged=result.unchanged, conflicts=len(result.conflicts),
        duplicates=len(result.duplicates))
    for conflict in result.conflicts:
        print("\t".join(["conflict", conflict.person, conflict.field, json.dumps(conflict.ours, ensure_ascii=False),
                         json.dumps(conflict.theirs, ensure_ascii=False)]))
    for pair in result.duplicates:
        print("\t".join(["duplicate?", pair["new"], pair["existing"], str(pair["score"])]))
    if result.dry_run:
        say(QT_TRANSLATE_NOOP("commands.packages", "dry run: nothing was changed"))
    elif result.operation_id is not None:
        say(QT_TRANSLATE_NOOP("commands.packages", "undo with: package undo {number}"), number=result.operation_id)


def cmd_package_import(ctx: Any) -> int:
    result = packages.import_package(ctx.workspace.db, Path(ctx.args.src), operator=ctx.operator,
                                     passphrase=_passphrase(ctx.args.password_file), dry_run=ctx.args.dry_run)
    if result.missing:
        say(QT_TRANSLATE_NOOP("commands.packages", "warning: package(s) {numbers} from {site} were never "
                              "imported here; ask {site} for a package without --since-last"),
            numbers=", ".join(map(str, result.missing)), site=result.sender, file=sys.stderr)
    if ctx.args.json:
        _json(result.as_json())
    else:
        _print_import(result)
    return 0


def cmd_package_conflicts(ctx: Any) -> int:
    conflicts = packages.list_conflicts(ctx.workspace.db)
    if ctx.args.json:
        _json([c.as_json() for c in conflicts])
        return 0
    for c in conflicts:
        print("\t".join([c.person, c.field, json.dumps(c.ours, ensure_ascii=False),
                         json.dumps(c.theirs, ensure_ascii=False), c.sender]))
    return 0


def cmd_package_resolve(ctx: Any) -> int:
    view = packages.resolve_conflict(ctx.workspace.db, ctx.args.person, ctx.args.field, ctx.args.choice,
                                     operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.packages", "{person}: {field} resolved ({choice})"), person=view.person,
        field=view.field, choice=ctx.args.choice)
    return 0


def cmd_package_undo(ctx: Any) -> int:
    count = packages.undo_package_import(ctx.workspace.db, ctx.args.number, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.packages", "package import #{number} undone ({count} records put back)"),
        number=ctx.args.number, count=count)
    return 0


def register(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    site = commands.add_parser("site", help="this roster's site and keys, and the other missions'").add_subparsers(
        dest="site_command", metavar="ACTION", required=True)
    p = command("init", cmd_site_init, "give this roster its site id, key pair and case-reference prefix; prints "
                "the public key", site)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--prefix", metavar="LETTERS", help="case-reference prefix (default: from the name)")
    p = command("add", cmd_site_add, "trust another mission's site (its public key line)", site)
    p.add_argument("name", metavar="NAME")
    p.add_argument("public_key", metavar="PUBLIC_KEY")
    p = command("list", cmd_site_list, "this site and the others, with key fingerprints", site)
    p.add_argument("--json", action="store_true")
    command("rekey", cmd_site_rekey, "give this site new keys; the next packages tell the other sites, signed by "
            "the old key; prints the new public key", site)
    p = command("replace-key", cmd_site_replace_key, "replace another site's key by its new public key line (after "
                "reading its fingerprint out by phone)", site)
    p.add_argument("name", metavar="NAME")
    p.add_argument("public_key", metavar="NEWKEY")

    package = commands.add_parser("package", help="roster packages between missions").add_subparsers(
        dest="package_command", metavar="ACTION", required=True)
    p = command("export", cmd_package_export, "write an encrypted, signed package of this roster", package)
    p.add_argument("out", metavar="OUT.mrpkg")
    p.add_argument("--to", action="append", metavar="SITE", help="a recipient site (repeatable)")
    p.add_argument("--password-file", metavar="F", help="encrypt to the passphrase on the first line of F")
    p.add_argument("--since-last", action="store_true", help="only what changed since the last package to them")
    p.add_argument("--list", metavar="LIST", help="only this evacuation list: its members, their households, "
                   "history, contacts and check-ins")
    p.add_argument("--household", action="append", metavar="REF", help="only these households (repeatable)")
    p.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    p.add_argument("--json", action="store_true")
    p = command("import", cmd_package_import, "merge a package from another mission (a backup is taken first)",
                package)
    p.add_argument("src", metavar="IN.mrpkg")
    p.add_argument("--password-file", metavar="F", help="the passphrase on the first line of F")
    p.add_argument("--dry-run", action="store_true", help="say what would happen, change nothing")
    p.add_argument("--json", action="store_true")
    p = command("conflicts", cmd_package_conflicts, "fields changed at both missions, not resolved yet", package)
    p.add_argument("--json", action="store_true")
    p = command("resolve", cmd_package_resolve, "keep our value or take theirs for one conflict", package)
    p.add_argument("person", metavar="PERSON")
    p.add_argument("field", metavar="FIELD")
    p.add_argument("choice", choices=["ours", "theirs"])
    p = command("undo", cmd_package_undo, "take a package import back as a whole", package)
    p.add_argument("number", type=int, metavar="N")
