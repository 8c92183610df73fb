"""Commands: `reconcile` a partner's answer, find `duplicates`, `merge` two records (each undoable).

    mission-roster reconcile ANSWER.xlsx [--list NAME] [--apply] [--json] [--report OUT.xlsx [--overwrite]]
                             [--answer approved|rejected] [--sheet NAME] [--header-row N]
    mission-roster reconcile --undo OPERATION_ID
    mission-roster duplicates [--json] [--not-duplicate REF REF]
    mission-roster merge KEEP_REF OTHER_REF [--take FIELD ...]
    mission-roster merge --undo OPERATION_ID

`reconcile --json` prints exactly {rows, matched, review, unmatched, matches}; each match is
{row, decision, person_id, case_ref, score, reasons, contributions} with `row` as the spreadsheet shows it
and `decision` one of match, review, none (for review: the best candidate; a none row names
its closest person, if any, under `closest`). Warnings and
what `--apply` did go to stderr then, so stdout stays one JSON document. `--apply` applies
the match rows only: review rows need a person to look at them, in the window. `--report`
is checked before anything is read: never the roster, its working files or the answer, an
existing file only with `--overwrite`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from desktop_app.cli.commands.speech import say, translate, word
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.reasons import service_note
from desktop_app.services import audit, duplicates
from desktop_app.services.reconciling import (
    Outcome,
    Reconciliation,
    apply_reconciliation,
    check_report_path,
    export_reconcile_report,
    reconcile_answer,
    summary_text,
    undo_reconciliation,
)


def register(commands: Any, command: Any) -> None:
    p = command("reconcile", cmd_reconcile, "match a partner's answer against the roster or a list; --apply records "
                "the matched answers")
    p.add_argument("answer", nargs="?", metavar="ANSWER.xlsx", help="the partner's answer (.xlsx, .xls, .ods, .csv)")
    p.add_argument("--list", metavar="NAME", help="the evacuation list the answer is for (default: whole roster, "
                   "for checking only)")
    p.add_argument("--apply", action="store_true", help="record the matched rows' answers (needs --list)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--report", metavar="OUT.xlsx", help="write the reconciliation to a workbook")
    p.add_argument("--overwrite", action="store_true", help="replace the --report file if it exists")
    p.add_argument("--answer", dest="answer_default", choices=[Answer.APPROVED.value, Answer.REJECTED.value],
                   help="the answer of every row when the file has no decision column")
    p.add_argument("--sheet", metavar="NAME")
    p.add_argument("--header-row", type=int, metavar="N")
    p.add_argument("--undo", type=int, metavar="OPERATION_ID", help="undo an applied reconciliation")

    p = command("duplicates", cmd_duplicates, "list persons who may be registered twice")
    p.add_argument("--json", action="store_true")
    p.add_argument("--not-duplicate", nargs=2, metavar=("REF", "REF"), help="mark two persons as different people")

    p = command("merge", cmd_merge, "merge OTHER_REF (or several, in one act) into KEEP_REF (each other becomes "
                "'merged'); --undo to separate")
    p.add_argument("refs", nargs="*", metavar="REF", help="KEEP_REF OTHER_REF [OTHER_REF ...]")
    p.add_argument("--take", nargs="+", default=[], metavar="FIELD",
                   help=f"fields to take from the other record ({', '.join(duplicates.PICKABLE)})")
    p.add_argument("--undo", type=int, metavar="OPERATION_ID", help="undo a merge")


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=audit._json_default))


def reconcile_json(rec: Reconciliation) -> dict[str, Any]:
    """The `--json` document: counts and one entry per answer row."""
    matches = []
    for result in rec.rows:
        person = result.person
        best = result.best if result.outcome is not Outcome.NONE else None
        matches.append({"row": result.row, "decision": result.outcome.value,
                        "person_id": person.person_id if person else None,
                        "case_ref": person.case_ref if person else None,
                        "score": best.score if best else 0.0,
                        "reasons": list(best.reasons) if best else [],
                        "contributions": _contributions(best.contributions) if best else []})
        closest = result.best if result.outcome is Outcome.NONE else None
        if closest is not None:  # not on the roster: the nearest person, for a look
            matches[-1]["closest"] = {"person_id": closest.person.person_id, "case_ref": closest.person.case_ref,
                                      "score": closest.score, "reasons": list(closest.reasons),
                                      "contributions": _contributions(closest.contributions)}
    return {"rows": len(rec.rows), "matched": rec.matched, "review": rec.review, "unmatched": rec.unmatched,
            "matches": matches}


def _contributions(contributions: tuple[tuple[str, str, float], ...]) -> list[dict[str, Any]]:
    """The model's waterfall for one pair: the prior, then each compared field with its level and bits."""
    return [{"field": field, "level": level, "bits": bits} for field, level, bits in contributions]


def cmd_reconcile(ctx: Any) -> int:
    a = ctx.args
    if a.undo is not None:
        if a.answer:
            raise ValidationError("--undo", a.undo, QT_TRANSLATE_NOOP("commands.reconcile", "takes no answer file"))
        undone = undo_reconciliation(ctx.db, a.undo, operator=ctx.operator)
        say(QT_TRANSLATE_NOOP("commands.reconcile", "operation {n} undone: {restored} answers restored, "
                              "{statuses} statuses returned"), n=undone.operation_id, restored=undone.restored,
            statuses=undone.status_changes)
        return 0
    if not a.answer:
        raise ValidationError("reconcile", "",
                              QT_TRANSLATE_NOOP("commands.reconcile", "needs the answer file (or --undo OPERATION_ID)"))
    if a.apply and not a.list:
        raise ValidationError("--apply", "",
                              QT_TRANSLATE_NOOP("commands.reconcile", "needs --list NAME: answers are recorded per "
                                                "evacuation list"))
    if a.report:
        check_report_path(a.report, answer=a.answer, roster=ctx.db.target.path, overwrite=a.overwrite)
    list_id = ctx.list_id(a.list) if a.list else None
    rec = reconcile_answer(ctx.db, a.answer, list_id=list_id, sheet=a.sheet, header_row=a.header_row,
                           default_answer=Answer(a.answer_default) if a.answer_default else None)
    notes = sys.stderr if a.json else sys.stdout
    if a.json:
        _print_json(reconcile_json(rec))
        for warning in rec.warnings:
            say(QT_TRANSLATE_NOOP("commands.reconcile", "warning: {message}"), message=warning.text or warning.message,
                file=sys.stderr)
    else:
        _print_rows(rec)
        print()
        print(summary_text(rec, translate()))
    if a.report:
        export_reconcile_report(ctx.db, rec, a.report, operator=ctx.operator, overwrite=a.overwrite)
        say(QT_TRANSLATE_NOOP("commands.reconcile", "report written to {path}"), path=a.report, file=notes)
    if a.apply:
        result = apply_reconciliation(ctx.db, rec, {}, operator=ctx.operator)
        reviews = rec.review
        if result.operation_id is None:
            say(QT_TRANSLATE_NOOP("commands.reconcile", "nothing applied ({count} rows left out)"),
                count=len(result.skipped), file=notes)
        else:
            say(QT_TRANSLATE_NOOP("commands.reconcile", "applied as operation {n}: {approved} approved, {rejected} "
                                  "rejected, {statuses} statuses changed; undo with `mission-roster reconcile "
                                  "--undo {n}`"), n=result.operation_id, approved=result.approved,
                rejected=result.rejected, statuses=result.status_changes, file=notes)
        if reviews:
            say(QT_TRANSLATE_NOOP("commands.reconcile", "{count} rows need review and were not applied: confirm "
                                  "them in the window (Lists > Reconcile partner answer…)"), count=reviews, file=notes)
        for skipped in result.skipped:
            if skipped.reason not in ("needs review", "not on the roster"):
                say(QT_TRANSLATE_NOOP("commands.reconcile", "row {row} not applied: {reason}"), row=skipped.row,
                    reason=service_note(str(skipped.reason)), file=notes)
        for stuck in result.not_moved:
            say(QT_TRANSLATE_NOOP("commands.reconcile", "row {row}: {reason}"), row=stuck.row,
                reason=service_note(str(stuck.reason)), file=notes)
    return 0


def _print_rows(rec: Reconciliation) -> None:
    for result in rec.rows:
        person = result.person
        who = f"{person.case_ref} {person.name}" if person else "-"
        score = f"{result.best.score:.3f}" if result.best and person else ""
        answer = result.answer.answer.value if result.answer.answer else "?"
        note = result.note
        if person is None and result.candidates:  # not on the roster: the note announced whom to look at
            note += ": " + ", ".join(f"{c.person.case_ref} {c.person.name} {c.score:.3f}" for c in result.candidates)
        print(f"row {result.row:>5}  {result.outcome.value:<6}  {answer:<8}  {result.answer.name[:40]:<40}  "
              f"{who}  {score}" + (f"  ({note})" if note else ""))


def cmd_duplicates(ctx: Any) -> int:
    a = ctx.args
    if a.not_duplicate:
        first, second = (ctx.person_id(ref) for ref in a.not_duplicate)
        duplicates.dismiss_pair(ctx.db, first, second, operator=ctx.operator)
        say(QT_TRANSLATE_NOOP("commands.reconcile", "{a} and {b} marked as different persons"),
            a=a.not_duplicate[0], b=a.not_duplicate[1])
        return 0
    pairs = duplicates.find_duplicates(ctx.db)
    if a.json:
        _print_json([{"a": {"person_id": p.a.id, "case_ref": p.a.case_ref}, "b": {"person_id": p.b.id,
                      "case_ref": p.b.case_ref}, "decision": p.decision, "score": p.score,
                      "reasons": list(p.reasons), "contributions": _contributions(p.contributions)}
                     for p in pairs])
        return 0
    for p in pairs:
        print(f"{p.a.case_ref:<10} {p.a.name[:30]:<30} {p.b.case_ref:<10} {p.b.name[:30]:<30} {p.decision:<6} "
              f"{p.score:.3f}  {'; '.join(p.reasons)}")
    say(QT_TRANSLATE_NOOP("commands.reconcile", "{count} possible duplicates"), count=len(pairs))
    return 0


def cmd_merge(ctx: Any) -> int:
    a = ctx.args
    if a.undo is not None:
        if a.refs:
            raise ValidationError("--undo", a.undo,
                                  QT_TRANSLATE_NOOP("commands.reconcile", "takes no person references"))
        restored = duplicates.undo_merge(ctx.db, a.undo, operator=ctx.operator)
        refs = duplicates.merged_refs(ctx.db, a.undo)
        if len(refs) > 1:  # a merge of several: every record is restored, each named
            say(QT_TRANSLATE_NOOP("commands.reconcile", "merge {n} undone: {count} records ({refs}) are records "
                                  "of their own again"), n=a.undo, count=len(refs), refs=", ".join(refs))
            return 0
        say(QT_TRANSLATE_NOOP("commands.reconcile", "merge {n} undone: {ref} is a record of its own again "
                              "({state})"), n=a.undo, ref=restored.case_ref, state=word(restored.status))
        return 0
    if len(a.refs) < 2:
        raise ValidationError("merge", " ".join(a.refs),
                              QT_TRANSLATE_NOOP("commands.reconcile", "needs KEEP_REF OTHER_REF (or --undo "
                                                "OPERATION_ID)"))
    keep, *others = (ctx.person_id(ref) for ref in a.refs)
    picks = dict.fromkeys(a.take, "other")
    if len(others) == 1:
        survivor = duplicates.merge_persons(ctx.db, keep, others[0], picks=picks, operator=ctx.operator)
    else:  # one registration entered many times: one act, one backup, one undo
        survivor = duplicates.merge_many(ctx.db, keep, others, picks=picks, operator=ctx.operator)
    operation = duplicates.merge_operations(ctx.db, survivor.id)[0]
    if len(others) == 1:
        say(QT_TRANSLATE_NOOP("commands.reconcile", "{other} merged into {keep} (operation {n}); undo with "
                              "`mission-roster merge --undo {n}`"), other=a.refs[1], keep=survivor.case_ref,
            n=operation)
    else:
        say(QT_TRANSLATE_NOOP("commands.reconcile", "{count} records ({others}) merged into {keep} in one act "
                              "(operation {n}); undo all of them with `mission-roster merge --undo {n}`"),
            count=len(others), others=", ".join(a.refs[1:]), keep=survivor.case_ref, n=operation)
    return 0
