"""`mission-roster import FILE`, `import --undo ID` and `imports`: spreadsheet import from the command line.

    mission-roster import FILE [--sheet NAME] [--header-row N] [--profile NAME] [--save-profile NAME]
                               [--map "Column header=field" ...] [--date-order DMY|MDY] [--dry-run]
                               [--accept-duplicates] [--reject-report OUT.xlsx [--overwrite]]
                               [--password-file FILE] [--json]
    mission-roster import --undo IMPORT_ID
    mission-roster imports [--json]

Possible duplicates are not imported unless `--accept-duplicates` (then they are created as
new persons): a script cannot look at the candidates, so the safe choice is the default.
Rejected rows are never imported; `--reject-report` saves them to fix and import again (checked
before anything is read or imported: never the roster, its working files or FILE itself, an
existing file only with `--overwrite`).
`--dry-run` previews and reports without writing (import_id is null). `--json` prints one
object: import_id, rows, created, updated, unchanged, duplicates, rejected, and problems
({row, column, value, message}; row as the spreadsheet shows it). Exit status 0 when the
import (or dry run) went through, even with rejected rows; 1 when nothing could be done.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from desktop_app.cli.commands.secret_files import read_password_file
from desktop_app.cli.commands.speech import Message, say
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Template
from desktop_app.services import importing
from desktop_app.services.importing import ImportPreview, ImportResult, Outcome, check_reject_report_path


def register(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("import", cmd_import, "import persons from a spreadsheet (.xlsx, .xls, .ods, .csv), or undo an import")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--undo", type=int, metavar="IMPORT_ID", help="undo a whole import (see `imports`)")
    p.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first visible one with data)")
    p.add_argument("--header-row", type=int, metavar="N", help="the header's row number (default: found)")
    p.add_argument("--profile", metavar="NAME", help="a saved column mapping (default: the one saved for "
                   "these headers, if any)")
    p.add_argument("--save-profile", metavar="NAME", help="save the mapping used under this name")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help="map a column (by header or letter) to a field; FIELD empty to leave the column out")
    p.add_argument("--date-order", choices=["DMY", "MDY"], help="how to read dates like 01/02/1980 "
                   "(default: the order most dates of the column show)")
    p.add_argument("--dry-run", action="store_true", help="preview only: write nothing")
    p.add_argument("--accept-duplicates", action="store_true", help="import possible duplicates as new persons")
    p.add_argument("--reject-report", metavar="OUT.xlsx", help="save the rejected rows with the reason")
    p.add_argument("--overwrite", action="store_true", help="replace the --reject-report file if it exists")
    p.add_argument("--password-file", metavar="FILE", help="a file holding the workbook's password")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p = command("imports", cmd_imports, "the history of imports")
    p.add_argument("--json", action="store_true")


def _overrides(pairs: Sequence[str]) -> dict[str, str | None]:
    overrides: dict[str, str | None] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        if not sep or not header.strip():
            raise ValidationError("--map", pair, 'must be written as "Column header=field"')
        overrides[header.strip()] = field.strip() or None
    return overrides


def _password(path: str | None) -> str | None:
    return None if path is None else read_password_file(path)


def cmd_import(ctx: Any) -> int:
    a = ctx.args
    if a.undo is not None:
        return _undo(ctx)
    if not a.file:
        raise ValidationError("import", "",
                              QT_TRANSLATE_NOOP("commands.importing", "needs a FILE (or --undo IMPORT_ID)"))
    if a.reject_report:
        check_reject_report_path(a.reject_report, source=a.file, roster=ctx.db.target.path, overwrite=a.overwrite)
    preview = importing.preview_import(ctx.db, a.file, sheet=a.sheet, header_row=a.header_row,
                                       mapping_overrides=_overrides(a.map), profile_name=a.profile,
                                       password=_password(a.password_file), date_order=a.date_order)
    if a.save_profile:
        importing.save_mapping_profile(ctx.db, a.save_profile, preview.headers,
                                       {h: preview.mapping.get(i, "") for i, h in enumerate(preview.headers) if h},
                                       operator=ctx.operator)
    result = None if a.dry_run else importing.commit_import(ctx.db, preview, operator=ctx.operator,
                                                            accept_duplicates_as_new=a.accept_duplicates)
    if a.reject_report and preview.rejected:
        importing.write_reject_report(preview, a.reject_report, roster=ctx.db.target.path, overwrite=a.overwrite)
    if a.json:
        print(json.dumps(_summary(preview, result, a.accept_duplicates), ensure_ascii=False, indent=2, default=str))
    else:
        _print_text(preview, result, a)
    return 0


def _summary(preview: ImportPreview, result: ImportResult | None, accept_duplicates: bool) -> dict[str, Any]:
    counts = preview.counts
    created = result.created if result else counts["new"] + (counts["duplicate"] if accept_duplicates else 0)
    return {
        "import_id": result.import_id if result else None,
        "file": preview.file_name, "sheet": preview.sheet, "header_row": preview.header_row,
        "profile": preview.profile_name, "date_order": preview.date_order,
        "mapping": preview.mapping_by_header(),
        "rows": len(preview.rows), "created": created,
        "updated": result.updated if result else counts["update"], "unchanged": counts["unchanged"],
        "duplicates": counts["duplicate"], "rejected": counts["rejected"],
        "problems": [{"row": p.row, "column": p.column, "value": p.value, "message": str(p.message),
                      "header": p.header, "blocking": p.blocking} for p in preview.problems()],
        "duplicate_rows": [{"row": r.row, "candidates": [str(c) for c in r.candidates]}
                           for r in preview.rows if r.outcome is Outcome.DUPLICATE],
        "skipped_rows": [{"row": r.row, "text": r.text} for r in preview.skipped],
        "unmapped_columns": [{"column": c.column, "header": c.header, "suggested": c.suggested}
                             for c in preview.unmapped],
        "lost_leading_zeros": [{"column": z.column, "header": z.header, "field": z.kind, "rows": list(z.rows)}
                               for z in preview.lost_zeros],
    }


def _print_text(preview: ImportPreview, result: ImportResult | None, a: argparse.Namespace) -> None:
    counts = preview.counts
    if preview.profile_name:
        say(QT_TRANSLATE_NOOP("commands.importing", "{source}, sheet '{sheet}', header in row {row}, "
                              "profile '{profile}'"),
            source=preview.file_name, sheet=preview.sheet, row=preview.header_row, profile=preview.profile_name)
    else:
        say(QT_TRANSLATE_NOOP("commands.importing", "{source}, sheet '{sheet}', header in row {row}"),
            source=preview.file_name, sheet=preview.sheet, row=preview.header_row)
    for index, target in preview.mapping.items():
        print(f"  {preview.headers[index]!r} -> {target}")
    for warning in preview.notes:
        say(QT_TRANSLATE_NOOP("commands.importing", "  note: {warning}"), warning=warning)
    for row in preview.rows:
        if row.outcome in (Outcome.REJECTED, Outcome.DUPLICATE):
            say(QT_TRANSLATE_NOOP("commands.importing", "row {row}: {outcome}: {details}"), row=row.row,
                outcome=Template("ImportOutcome", row.outcome.label), details=row.detail_text, file=sys.stderr)
        for problem in row.problems:
            if not problem.blocking:
                say(QT_TRANSLATE_NOOP("commands.importing", "warning: {problem}"), problem=problem.text,
                    file=sys.stderr)
    values = dict(rows=len(preview.rows), new=counts["new"], updated=counts["update"], unchanged=counts["unchanged"],
                  duplicates=counts["duplicate"], rejected=counts["rejected"])
    if result is None:
        counted = Message(QT_TRANSLATE_NOOP("commands.importing", "would import {rows} rows: {new} new, "
                                            "{updated} updated, {unchanged} unchanged, {duplicates} possible "
                                            "duplicates"), **values)
    else:
        counted = Message(QT_TRANSLATE_NOOP("commands.importing", "import #{n}: {rows} rows: {new} new, "
                                            "{updated} updated, {unchanged} unchanged, {duplicates} possible "
                                            "duplicates"), n=result.import_id, **values)
    left = (QT_TRANSLATE_NOOP("commands.importing", "created as new") if a.accept_duplicates
            else QT_TRANSLATE_NOOP("commands.importing", "left out (--accept-duplicates to create them)"))
    if a.reject_report and counts["rejected"]:
        rejected = Message(QT_TRANSLATE_NOOP("commands.importing", "{rejected} rejected (saved to {path})"),
                           rejected=counts["rejected"], path=a.reject_report)
    else:
        rejected = Message(QT_TRANSLATE_NOOP("commands.importing", "{rejected} rejected"),
                           rejected=counts["rejected"])
    say(QT_TRANSLATE_NOOP("commands.importing", "{counted} {left}, {rejected}"), counted=counted, left=left,
        rejected=rejected)


def _undo(ctx: Any) -> int:
    result = importing.undo_import(ctx.db, ctx.args.undo, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.importing", "import #{n} undone: {deleted} persons removed, {trashed} moved "
                          "to the trash (changed since), {restored} restored"), n=result.import_id,
        deleted=result.deleted, trashed=result.trashed, restored=result.restored)
    for conflict in result.conflicts:
        say(QT_TRANSLATE_NOOP("commands.importing", "conflict: {ref}: {message}"), ref=conflict.case_ref,
            message=conflict.message, file=sys.stderr)
    return 0


def cmd_imports(ctx: Any) -> int:
    history = importing.list_imports(ctx.db)
    if ctx.args.json:
        print(json.dumps([{"import_id": s.id, "at": s.at.isoformat(), "operator": s.operator, "file": s.file_name,
                           "sha256": s.file_sha256, "sheet": s.sheet, "counts": s.counts,
                           "undone_at": s.undone_at.isoformat() if s.undone_at else None} for s in history],
                         ensure_ascii=False, indent=2))
        return 0
    for s in history:
        counts = ", ".join(f"{v} {k}" for k, v in s.counts.items() if k != "rows")
        print(f"#{s.id}\t{s.at:%Y-%m-%d %H:%M}\t{s.operator}\t{s.file_name} ({s.sheet})\t{counts}\t{s.state}")
    return 0
