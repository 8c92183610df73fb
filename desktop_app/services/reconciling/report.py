"""The reconciliation as a workbook for the file, and as a short text to paste into a report.

`write_reconcile_report(rec, out_path)` writes one sheet per group (matched, needs review
with every candidate on its own line, not on the roster, list members not mentioned) and
one of warnings, through the export writer (injection-safe, identifiers kept as text).
`export_reconcile_report(db, rec, out_path, operator=...)` does the same and records the
export in the audit trail, committed before the file appears. Both go through
`storage.output_files`: never over the roster, its working files or the answer being read,
an existing file only with `overwrite`; `check_report_path` refuses a wrong path up front.
`summary_text(rec)` gives the counts, the rows to look at and the warnings in plain lines.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from desktop_app import output_files
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.export_profile import ColumnKind
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, Template, Translate, english, render
from desktop_app.domain.roles import Permission
from desktop_app.exchange.sheets import SheetColumn, SheetSpec, WriteResult
from desktop_app.services import accounts, audit
from desktop_app.services.reconciling.model import Outcome, Reconciliation, RowResult
from desktop_app.storage.db import Database

_T, _I = ColumnKind.TEXT, ColumnKind.IDENTIFIER
_ROW_COLUMNS = [SheetColumn("Row", ColumnKind.NUMBER), SheetColumn("Name in the answer", _T),
                SheetColumn("Birth date in the answer", _T), SheetColumn("Document in the answer", _I),
                SheetColumn("Decision", _T), SheetColumn("Valid until", ColumnKind.DATE)]
_PERSON_COLUMNS = [SheetColumn("Case ref.", _I), SheetColumn("Name on the roster", _T),
                   SheetColumn("Latin name", _T), SheetColumn("Birth date", _T), SheetColumn("Documents", _I),
                   SheetColumn("Household", _I), SheetColumn("Status", _T)]
_SCORE_COLUMNS = [SheetColumn("Score", ColumnKind.NUMBER), SheetColumn("Reasons", _T),
                  SheetColumn("Differs", _T), SheetColumn("Note", _T)]


def _row_cells(result: RowResult) -> list[Any]:
    a = result.answer
    return [a.row, a.name, a.birth_date, ", ".join(a.documents), a.answer.value if a.answer else "unreadable",
            a.valid_until]


def _grouped(rec: Reconciliation, outcome: Outcome) -> Iterator[list[Any]]:
    for result in rec.group(outcome):
        candidates = result.candidates or ()
        if not candidates:
            yield _row_cells(result) + [""] * (len(_PERSON_COLUMNS) + len(_SCORE_COLUMNS) - 1) + [result.note]
        for number, candidate in enumerate(candidates):
            p = candidate.person
            head = _row_cells(result) if number == 0 else [result.row] + [""] * (len(_ROW_COLUMNS) - 1)
            yield [*head, p.case_ref, p.name, p.latin_name, p.birth_date, ", ".join(p.documents),
                   p.household_ref, p.status, candidate.score, "; ".join(candidate.reasons),
                   ", ".join(sorted(candidate.differing)), result.note if number == 0 else ""]


def check_report_path(out_path: str | os.PathLike[str], *, answer: str | os.PathLike[str],
                      roster: str | os.PathLike[str] | None, overwrite: bool) -> Path:
    """`out_path` if the report may be written there: an .xlsx that is neither the roster (nor one
    of its working files) nor the `answer` file; OutputExists for an existing file without `overwrite`."""
    path = output_files.check_target(out_path, overwrite=overwrite, roster=roster, reading=[answer])
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("report", str(path),
                              QT_TRANSLATE_NOOP("services.reconcile_report", "must be an .xlsx workbook (name ending "
                                                "in .xlsx)"))
    return path


def write_reconcile_report(rec: Reconciliation, out_path: str | os.PathLike[str], *,
                           roster: str | os.PathLike[str] | None = None, overwrite: bool = False,
                           before: Callable[[str], None] | None = None) -> WriteResult:
    """An .xlsx with the three groups, the members not mentioned and the warnings.

    Never written over `roster` or the answer file; `before(sha256)` runs before the file appears.
    """
    check_report_path(out_path, answer=rec.path, roster=roster, overwrite=overwrite)
    title = f"{rec.file_name} — {rec.list_name or 'whole roster'}"
    columns = _ROW_COLUMNS + _PERSON_COLUMNS + _SCORE_COLUMNS
    sheets = [
        SheetSpec("Matched", f"Matched: {title}", columns, _grouped(rec, Outcome.MATCH)),
        SheetSpec("Needs review", f"Needs review: {title}", columns, _grouped(rec, Outcome.REVIEW)),
        SheetSpec("Not on roster", f"Not on the roster (closest persons shown): {title}", columns,
                  _grouped(rec, Outcome.NONE)),
        SheetSpec("Not mentioned", f"List members the answer does not mention: {title}", _PERSON_COLUMNS,
                  ([p.case_ref, p.name, p.latin_name, p.birth_date, ", ".join(p.documents), p.household_ref, p.status]
                   for p in rec.not_mentioned)),
        SheetSpec("Warnings", f"Warnings: {title}", [SheetColumn("Kind", _T), SheetColumn("Rows", _T),
                                                     SheetColumn("Warning", _T)],
                  ([w.kind.replace("_", " "), ", ".join(map(str, w.rows)), w.message] for w in rec.warnings)),
    ]
    from desktop_app.exchange.xlsx_writer import write_workbook  # openpyxl only when a file is written

    return write_workbook(out_path, sheets, overwrite=overwrite, roster=roster, reading=[rec.path], before=before)


@accounts.guarded(Permission.EXPORT)
def export_reconcile_report(db: Database, rec: Reconciliation, out_path: str | os.PathLike[str], *,
                            operator: str, overwrite: bool = False) -> WriteResult:
    """Write the report and record the export in the audit trail (it holds personal data).

    The entry is committed before the file appears: if it cannot be, no file appears.
    """
    def record(sha256: str) -> None:
        with db.transaction() as session:
            audit.record(session, operator, "export", "reconcile_report", sha256[:16],
                         f"reconciliation report of {rec.file_name} written ({len(rec.rows)} answer rows)",
                         {"file": os.fspath(out_path), "sha256": sha256, "answer_sha256": rec.file_sha256,
                          "list": rec.list_name})

    return write_reconcile_report(rec, out_path, roster=db.target.path, overwrite=overwrite, before=record)


def summary_text(rec: Reconciliation, translate: Translate = english) -> str:
    """A few lines for a situation report: counts, rows to look at, warnings; in the language of
    `translate` (QCoreApplication.translate in the window), English by default."""
    def tr(template: Template, **values: object) -> str:
        return Message(template, **values).render(translate)

    against = tr(QT_TRANSLATE_NOOP("services.reconcile_report", "list '{name}'"), name=rec.list_name) \
        if rec.list_name else tr(QT_TRANSLATE_NOOP("services.reconcile_report", "the whole roster ({n} persons)"),
                                 n=rec.roster_size)
    matched = rec.group(Outcome.MATCH)
    approved = sum(1 for r in matched if r.answer.answer and r.answer.answer.value == "approved")
    rejected = sum(1 for r in matched if r.answer.answer and r.answer.answer.value == "rejected")
    lines = [tr(QT_TRANSLATE_NOOP("services.reconcile_report", "Partner answer {file} (sheet '{sheet}', {rows} rows) "
                                  "checked against {against}:"),
                file=rec.file_name, sheet=rec.sheet, rows=len(rec.rows), against=against),
             tr(QT_TRANSLATE_NOOP("services.reconcile_report",
                                  "- matched: {matched} ({approved} approved, {rejected} rejected)"),
                matched=len(matched), approved=approved, rejected=rejected),
             tr(QT_TRANSLATE_NOOP("services.reconcile_report", "- needs review: {n}"), n=rec.review)
             + _rows(rec.group(Outcome.REVIEW), translate),
             tr(QT_TRANSLATE_NOOP("services.reconcile_report", "- not on the roster: {n}"), n=rec.unmatched)
             + _rows(rec.group(Outcome.NONE), translate)]
    if rec.list_id is not None:
        shown = ", ".join(f"{p.case_ref} {p.name}" for p in rec.not_mentioned[:15])
        more = " …" if len(rec.not_mentioned) > 15 else ""
        lines.append(tr(QT_TRANSLATE_NOOP("services.reconcile_report", "- list members not mentioned: {n}"),
                        n=len(rec.not_mentioned)) + (f" ({shown}{more})" if shown else ""))
    important = [w for w in rec.warnings if w.kind != "cell"]
    cells = len(rec.warnings) - len(important)
    if important or cells:
        lines.append(tr(QT_TRANSLATE_NOOP("services.reconcile_report", "Warnings:")))
        lines += [f"- {render(w.text or w.message, translate)}" for w in important]
        if cells:
            lines.append(tr(QT_TRANSLATE_NOOP("services.reconcile_report",
                                              "- {n} cells could not be read (see the report)"), n=cells))
    return "\n".join(lines)


def _rows(results: list[RowResult], translate: Translate = english) -> str:
    if not results:
        return ""
    numbers = ", ".join(str(r.row) for r in results[:20])
    return " " + Message(QT_TRANSLATE_NOOP("services.reconcile_report", "(rows {numbers})"),
                         numbers=numbers + (" …" if len(results) > 20 else "")).render(translate)
