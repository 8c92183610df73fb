"""`mission-roster export` and `mission-roster profiles`: partner exports from the command line.

    mission-roster export OUT.xlsx|OUT.csv [--format xlsx|csv] [--profile NAME] [--list NAME]
                                   [--status STATUS ...] [--search TEXT] [--person REF ...]
                                   [--partner ORG] [--password-file FILE] [--title TEXT]
                                   [--include-without-consent] [--overwrite] [--json]
    mission-roster export OUT.pdf --profile flight_manifest --list NAME [--paper a4|letter] [--overwrite]
    mission-roster profiles [list | show NAME | save FILE.json | delete NAME]

A password is never accepted on the command line (it would stay in the shell history and
the process list): it is the first line of `--password-file`, without its line ending (UTF-8
or UTF-16, a byte-order mark is fine); a workbook only, a CSV cannot be protected. An existing
OUT is replaced only with `--overwrite`; the roster, its working files and any database are
never written (see `storage.output_files`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli import Context
from desktop_app.cli.commands.secret_files import read_password_file
from desktop_app.cli.commands.speech import Message, say
from desktop_app.domain.errors import ExchangeError, ValidationError
from desktop_app.domain.export_profile import ExportProfile
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.status import parse_status
from desktop_app.services import exporting
from desktop_app.services.exporting import ExportResult, Selection
from desktop_app.services.roster import RosterQuery


def _selection(ctx: Context) -> Selection:
    a = ctx.args
    return Selection(
        list_id=ctx.list_id(a.list) if a.list else None,
        statuses=tuple(parse_status(s) for s in a.status or ()),
        query=RosterQuery(text=a.search) if a.search else None,
        person_ids=tuple(ctx.person_id(ref) for ref in a.person) if a.person else None,
    )


def cmd_export(ctx: Context) -> int:
    a = ctx.args
    out = exporting.check_export_path(ctx.db, a.out, overwrite=a.overwrite)  # the roster, a database: refused first
    profile = exporting.get_profile(ctx.db, a.profile) if a.profile else None
    common: dict[str, Any] = dict(selection=_selection(ctx), profile=profile, partner=a.partner, title=a.title,
                                  operator=ctx.operator, include_without_consent=a.include_without_consent,
                                  overwrite=a.overwrite)
    suffix = out.suffix.lower()
    if a.format and suffix != f".{a.format}":
        raise ValidationError("file", out.name, QT_TRANSLATE_NOOP("commands.exporting", "must end in .{format} for "
                                                                  "--format {format}"), format=a.format)
    if suffix == ".pdf":
        if a.password_file:
            raise ValidationError("--password-file", a.password_file, "cannot protect a PDF manifest; print it, "
                                  "or export an .xlsx with a password")
        from desktop_app.rendering import ensure_gui_application, write_manifest_pdf  # Qt only when printing

        ensure_gui_application()
        result = exporting.export_manifest(ctx.db, out, render=write_manifest_pdf, paper=a.paper, **common)
    elif suffix == ".xlsx":
        password = read_password_file(a.password_file) if a.password_file else None
        result = exporting.export_persons(ctx.db, out, password=password, **common)
    elif suffix == ".csv":
        if a.password_file:
            raise ValidationError("--password-file", a.password_file, QT_TRANSLATE_NOOP(
                "commands.exporting", "cannot protect a CSV file; export an .xlsx with a password"))
        result = exporting.export_persons(ctx.db, out, **common)
    else:
        raise ValidationError("file", out.name,
                              QT_TRANSLATE_NOOP("commands.exporting", "must end in .xlsx (a workbook), .csv (a table "
                                                "for a partner's system) or .pdf (a printed manifest)"))
    _report(result, as_json=a.json)
    return 0


def _report(result: ExportResult, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    values = dict(path=result.path, rows=result.rows, persons=result.persons, profile=repr(result.profile),
                  partner=result.partner)
    if result.partner:
        wrote = Message(QT_TRANSLATE_NOOP("commands.exporting", "{path}: {rows} rows, {persons} persons, profile "
                                          "{profile} for {partner}"), **values)
    else:
        wrote = Message(QT_TRANSLATE_NOOP("commands.exporting", "{path}: {rows} rows, {persons} persons, profile "
                                          "{profile}"), **values)
    if result.encrypted:
        say(QT_TRANSLATE_NOOP("commands.exporting", "{wrote}, encrypted"), wrote=wrote)
    else:
        say(wrote)
    print(f"sha256 {result.sha256}")
    if result.without_consent:
        say(QT_TRANSLATE_NOOP("commands.exporting", "note: {count} of them have not consented to sharing their data"),
            count=result.without_consent, file=sys.stderr)


def cmd_profiles_list(ctx: Context) -> int:
    entries = exporting.list_profiles(ctx.db)
    if getattr(ctx.args, "json", False):
        print(json.dumps([{"key": e.key, "name": e.name, "builtin": e.builtin, "language": e.profile.language,
                           "grouping": e.profile.grouping.value, "columns": [c.key for c in e.profile.columns]}
                          for e in entries], ensure_ascii=False, indent=2))
        return 0
    for entry in entries:
        kind = "built-in" if entry.builtin else f"saved by {entry.updated_by}"
        print(f"{entry.key}\t{entry.name}\t{entry.profile.language}\t{entry.profile.grouping.value}"
              f"\t{len(entry.profile.columns)} columns\t{kind}")
    return 0


def cmd_profiles_show(ctx: Context) -> int:
    print(exporting.get_profile(ctx.db, ctx.args.name).dumps())
    return 0


def cmd_profiles_save(ctx: Context) -> int:
    path = ctx.args.file
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ExchangeError(QT_TRANSLATE_NOOP("commands.exporting", "cannot read the profile ({why})"),
                            path=path, why=exc.strerror or exc) from None
    try:
        profile = ExportProfile.loads(text)
    except ValidationError as exc:
        raise ExchangeError(exc.message, path=path) from None
    entry = exporting.save_profile(ctx.db, profile, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.exporting", "{name}: saved ({count} columns)"), name=entry.name,
        count=len(profile.columns))
    return 0


def cmd_profiles_delete(ctx: Context) -> int:
    exporting.delete_profile(ctx.db, ctx.args.name, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.exporting", "{name}: deleted"), name=ctx.args.name)
    return 0


def register(commands: Any, command: Any) -> None:
    """Add `export` and `profiles` to the command line (see cli.COMMAND_MODULES)."""
    p: argparse.ArgumentParser = command("export", cmd_export, "export persons to an .xlsx or .csv for a partner, "
                                         "or print a manifest to .pdf; every export is recorded in the audit trail")
    p.allow_abbrev = False  # "--password SECRET" must not pass for "--password-file"
    p.add_argument("out", metavar="OUT.xlsx|OUT.csv|OUT.pdf")
    p.add_argument("--format", choices=("xlsx", "csv", "pdf"), help="the file's format; OUT must end in it (by "
                   "default the format is OUT's suffix)")
    p.add_argument("--profile", metavar="NAME", help="export profile (default: the full roster for .xlsx, the "
                   "flight manifest for .pdf); see `mission-roster profiles`")
    p.add_argument("--list", metavar="NAME", help="only the members of this evacuation list (with their answers)")
    p.add_argument("--status", action="extend", nargs="+", metavar="STATUS", help="only persons in these statuses")
    p.add_argument("--search", metavar="TEXT", help="only persons the roster search finds for TEXT")
    p.add_argument("--person", action="extend", nargs="+", metavar="REF", help="only these persons (case ref or UUID)")
    p.add_argument("--partner", metavar="ORG", help="the partner organization receiving the file (recorded)")
    p.add_argument("--password-file", metavar="FILE", help="encrypt the .xlsx with the first line of FILE")
    p.add_argument("--title", metavar="TEXT", help="the title row (default: the profile's, or the list's name)")
    p.add_argument("--paper", choices=exporting.PAPER_SIZES, default="a4", help="paper of a PDF manifest")
    p.add_argument("--include-without-consent", action="store_true",
                   help="send persons who have not consented to sharing too (recorded by name in the audit trail)")
    p.add_argument("--overwrite", action="store_true", help="replace OUT if it exists (never the roster or a "
                   "database; without this an existing file is left alone and the command fails)")
    p.add_argument("--json", action="store_true", help="print path, sha256, rows, persons, profile, encrypted")

    p = command("profiles", cmd_profiles_list, "export profiles: list, show, save from JSON, delete")
    p.add_argument("--json", action="store_true")
    actions = p.add_subparsers(dest="profiles_command", metavar="ACTION")
    q = command("list", cmd_profiles_list, "list the built-in and saved profiles", actions)
    q.add_argument("--json", action="store_true")
    q = command("show", cmd_profiles_show, "print a profile as JSON (edit it and `save` it as your own)", actions)
    q.add_argument("name")
    q = command("save", cmd_profiles_save, "save a profile from a JSON file, shared by the whole mission", actions)
    q.add_argument("file", metavar="FILE.json")
    q = command("delete", cmd_profiles_delete, "delete a saved profile (built-in ones stay)", actions)
    q.add_argument("name")
