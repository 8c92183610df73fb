"""`mission-roster checkin` and `mission-roster boarding-list`: the gate from the command line.

    mission-roster checkin LIST CODE_OR_REF ... [--crossed] [--json]   # scan codes, case refs or passports
    mission-roster checkin --undo LIST CASE_REF ...                     # take wrong scans back
    mission-roster checkin LIST                                         # counts and the missing by household
    mission-roster boarding-list LIST OUT.pdf [--overwrite]             # the printed list with QR codes
    mission-roster notify (--list NAME [--approved] | --status S ...) --template NAME --language ru|en|ar
                          [--date D --time T --meeting-point P --bring B] [--second-round]
                          [--call-sheet OUT.pdf] [--sms-csv OUT.csv] [--links OUT.html] [--json] [--overwrite]
    mission-roster attempt CASE_REF reached|no-answer|wrong-number|message-left [--note TEXT] [--list NAME]
    mission-roster templates [list | show NAME --language L | save NAME --language L (--text T | --file F)]
    mission-roster eligibility CASE_REF [--basis B --evidence passport,marriage_certificate [--one-parent]] [--json]
    mission-roster eligibility-override LIST CASE_REF --reason TEXT    # submit a flagged member anyway (audited)
    mission-roster confirm CASE_REF [--on YYYY-MM-DD]                  # the family confirmed they still go
    mission-roster notify ... --not-confirmed-days N                     # the re-confirmation round

Each scan is answered on its own line, in order; a refused scan is said on stderr with its
reason (not on the list, not approved, already checked in at a time, unknown code) and makes
the command exit with 1, after the other scans were made. Every scan is in the audit trail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from desktop_app.cli import Context
from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say, spoken
from desktop_app.domain.dates import parse_iso_date
from desktop_app.domain.eligibility import Basis, Evidence, parse_basis, parse_evidence
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.notify_templates import LANGUAGES, NotifyFields
from desktop_app.domain.status import parse_status
from desktop_app.services import crossing


def cmd_checkin(ctx: Context) -> int:
    a = ctx.args
    list_id = ctx.list_id(a.list)
    if a.undo:
        for ref in a.codes:
            undone = crossing.undo_scan(ctx.db, list_id, ref, operator=ctx.operator)
            say(QT_TRANSLATE_NOOP("commands.crossing", "{ref}: check-in of {at} undone"), ref=undone.case_ref,
                at=undone.at.strftime("%H:%M:%S"))
            if undone.status_restored:
                say(QT_TRANSLATE_NOOP("commands.crossing", "{ref}: status back to {status}"), ref=undone.case_ref,
                    status=undone.status_restored)
        return 0
    results = [crossing.scan(ctx.db, list_id, code, operator=ctx.operator, crossed=a.crossed) for code in a.codes]
    counts = crossing.gate_counts(ctx.db, list_id)
    if a.json:
        print(json.dumps({"scans": [r.as_json() for r in results], "counts": _counts_json(counts)},
                         ensure_ascii=False, indent=2))
        for result in results:
            if not result.accepted:
                print(spoken(result.message), file=sys.stderr)
    else:
        for result in results:
            print(spoken(result.message), file=sys.stdout if result.accepted else sys.stderr)
        say(QT_TRANSLATE_NOOP("commands.crossing",
                              "{list}: expected {expected}, checked in {checked_in}, missing {missing}"),
            list=a.list, expected=counts.expected, checked_in=counts.checked_in, missing=counts.missing)
        if not a.codes:
            for household in counts.missing_by_household:
                title = household.household or spoken(QT_TRANSLATE_NOOP("commands.crossing", "(no household)"))
                print(f"  {title}: " + ", ".join(f"{ref} {name}" for ref, name in household.persons))
    return 0 if all(r.accepted for r in results) else 1


def _iso_date(text: str) -> dt.date:
    try:
        return parse_iso_date(text, "date")
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _counts_json(counts: crossing.GateCounts) -> dict[str, Any]:
    return {"expected": counts.expected, "checked_in": counts.checked_in, "missing": counts.missing,
            "missing_by_household": [{"household": h.household, "persons": [{"case_ref": r, "name": n}
                                                                             for r, n in h.persons]}
                                     for h in counts.missing_by_household]}


def cmd_boarding_list(ctx: Context) -> int:
    a = ctx.args
    from desktop_app.rendering import (
        boarding_pdf,  # Qt only when printing (issue 15: rendering/)
        ensure_gui_application,
    )

    ensure_gui_application()
    result = crossing.export_boarding_list(ctx.db, ctx.list_id(a.list), a.out, render=boarding_pdf,
                                           operator=ctx.operator, overwrite=a.overwrite)
    say(QT_TRANSLATE_NOOP("commands.crossing", "{path}: boarding list of {persons} persons"), path=str(result.path),
        persons=result.persons)
    return 0


def cmd_notify(ctx: Context) -> int:
    a = ctx.args
    if not a.list and not a.status:
        raise ValidationError("--list or --status", "",
                              QT_TRANSLATE_NOOP("commands.crossing", "is needed: whom to notify"))
    group = crossing.NotifyGroup(list_id=ctx.list_id(a.list) if a.list else None, approved_only=a.approved,
                                 statuses=tuple(parse_status(s) for s in a.status or ()),
                                 second_round=a.second_round, unconfirmed_days=a.not_confirmed_days)
    template = crossing.get_template(ctx.db, a.template, a.language)
    plan = crossing.notify_plan(ctx.db, group, template, NotifyFields(a.date or "", a.time or "",
                                                                      a.meeting_point or "", a.bring or ""))
    render = None
    if a.call_sheet:
        from desktop_app.rendering import call_sheet_pdf, ensure_gui_application  # Qt only when printing

        ensure_gui_application()
        render = call_sheet_pdf
    outputs = crossing.write_outputs(ctx.db, plan, operator=ctx.operator, sms_csv_path=a.sms_csv,
                                     links_path=a.links, call_sheet_path=a.call_sheet, render_call_sheet=render,
                                     overwrite=a.overwrite)
    if a.json:
        print(json.dumps({"title": plan.title, "template": template.name, "language": template.language,
                          "recipients": [r.as_json() for r in plan.recipients], "not_reached": plan.not_reached,
                          "written": [{"kind": k, "path": p} for k, p in outputs.written]},
                         ensure_ascii=False, indent=2))
        return 0
    for r in plan.recipients:
        phones = ", ".join(p.e164 for p in r.phones) or "-"
        state = "reached" if r.reached else (r.last_attempt.outcome if r.last_attempt else "not tried")
        print(f"{r.order}\t{r.case_ref}\t{r.name}\t{phones}\t{state}\t"
              f"{r.segments.encoding} {r.segments.units} ch, {r.segments.segments} SMS")
    say(QT_TRANSLATE_NOOP("commands.crossing", "{count} persons, {missing} not reached yet"),
        count=len(plan.recipients), missing=plan.not_reached)
    for kind, path in outputs.written:
        say(QT_TRANSLATE_NOOP("commands.crossing", "{path}: {kind} written"), path=path, kind=kind.replace("_", " "))
    return 0


def cmd_attempt(ctx: Context) -> int:
    a = ctx.args
    attempt = crossing.record_attempt(ctx.db, ctx.person_id(a.ref), crossing.parse_outcome(a.outcome),
                                      operator=ctx.operator, note=a.note,
                                      list_id=ctx.list_id(a.list) if a.list else None)
    say(QT_TRANSLATE_NOOP("commands.crossing", "{ref}: {outcome} at {at}"), ref=attempt.case_ref,
        outcome=attempt.outcome.replace("_", "-"), at=attempt.at.strftime("%H:%M"))
    return 0


def cmd_templates(ctx: Context) -> int:
    a = ctx.args
    if a.action == "list":
        for template in crossing.list_templates(ctx.db):
            print(f"{template.name}\t{template.language}\t{'built-in' if template.builtin else 'saved'}")
        return 0
    if not a.name or not a.language:
        raise ValidationError("templates " + a.action, "",
                              QT_TRANSLATE_NOOP("commands.crossing", "needs NAME and --language"))
    if a.action == "show":
        print(crossing.get_template(ctx.db, a.name, a.language).text)
        return 0
    if a.file:
        with open(a.file, encoding="utf-8-sig") as source:
            text = source.read().strip()
    elif a.text is not None:
        text = a.text
    else:
        raise ValidationError("templates save", a.name,
                              QT_TRANSLATE_NOOP("commands.crossing", "needs --text or --file"))
    saved = crossing.save_template(ctx.db, a.name, a.language, text, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.crossing", "template {name} ({language}) saved"), name=saved.name,
        language=saved.language)
    return 0


def cmd_eligibility(ctx: Context) -> int:
    a = ctx.args
    if a.ref is None:  # --list NAME: the members flagged for missing evidence
        if not a.list:
            raise ValidationError("eligibility", "", QT_TRANSLATE_NOOP("commands.crossing",
                                                                       "needs CASE_REF or --list NAME"))
        flagged = crossing.flagged_on_list(ctx.db, ctx.list_id(a.list))
        for f in flagged:
            print(f"{f.case_ref}\t{f.basis.value}\tmissing: {', '.join(m.value for m in f.missing)}\t"
                  f"override: {f.override or '-'}")
        say(QT_TRANSLATE_NOOP("commands.crossing", "{list}: {count} members lack evidence, {waiting} without an "
                              "override"), list=a.list, count=len(flagged),
            waiting=sum(f.override is None for f in flagged))
        return 0
    person_id = ctx.person_id(a.ref)
    if a.basis:
        view = crossing.set_basis(ctx.db, person_id, parse_basis(a.basis), parse_evidence(a.evidence or ""),
                                  operator=ctx.operator, minor_with_one_parent=a.one_parent)
    else:
        view = crossing.eligibility_of(ctx.db, [person_id])[person_id]
    if a.json:
        print(json.dumps({"case_ref": a.ref, "basis": view.basis, "evidence": view.evidence,
                          "minor_with_one_parent": view.minor_with_one_parent, "missing": view.missing,
                          "last_confirmed": view.last_confirmed.isoformat() if view.last_confirmed else None},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{a.ref}\t{view.basis or '-'}\tevidence: {', '.join(view.evidence) or '-'}\t"
          f"missing: {', '.join(view.missing) or '-'}\tlast confirmed: {view.last_confirmed or '-'}")
    return 0


def cmd_eligibility_override(ctx: Context) -> int:
    a = ctx.args
    flagged = crossing.override(ctx.db, ctx.list_id(a.list), ctx.person_id(a.ref), a.reason, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.crossing", "{ref}: may be submitted on {list} without {missing}"),
        ref=flagged.case_ref, list=a.list, missing=", ".join(m.value for m in flagged.missing))
    return 0


def cmd_confirm(ctx: Context) -> int:
    a = ctx.args
    view = crossing.confirm(ctx.db, ctx.person_id(a.ref), operator=ctx.operator, on=a.on)
    say(QT_TRANSLATE_NOOP("commands.crossing", "{ref}: confirmed on {day}"), ref=a.ref, day=str(view.last_confirmed))
    return 0


def register(commands: Any, command: Any) -> None:
    p: argparse.ArgumentParser = command(
        "checkin", cmd_checkin, "check persons in at the gate: scanned codes, case references or passport numbers "
        "(a refused scan exits 1 and says why); with no code, the counts and who is missing")
    p.add_argument("list", metavar="LIST", help="the evacuation list's name")
    p.add_argument("codes", nargs="*", metavar="CODE_OR_REF")
    p.add_argument("--crossed", action="store_true", help="they crossed (the crossing is recorded on the list and "
                   "the status becomes crossed); without it: boarded")
    p.add_argument("--undo", action="store_true", help="take back the latest check-in of each CASE_REF (a wrong scan)")
    p.add_argument("--json", action="store_true")
    p = command("boarding-list", cmd_boarding_list, "print the list's approved members with a QR code each (PDF)")
    p.add_argument("list", metavar="LIST")
    p.add_argument("out", metavar="OUT.pdf")
    p.add_argument("--overwrite", action="store_true", help="replace OUT.pdf if it exists")
    p = command("notify", cmd_notify, "tell a group the crossing: a call sheet, SMS CSV and links from a template")
    p.add_argument("--list", metavar="NAME")
    p.add_argument("--approved", action="store_true", help="only the list's approved members")
    p.add_argument("--status", action="append", metavar="S", help="everyone with this status (repeat for more)")
    p.add_argument("--template", default="default", metavar="NAME")
    p.add_argument("--language", choices=LANGUAGES, default="en")
    p.add_argument("--date")
    p.add_argument("--time")
    p.add_argument("--meeting-point")
    p.add_argument("--bring")
    p.add_argument("--second-round", action="store_true", help="only those not reached yet")
    p.add_argument("--not-confirmed-days", type=int, metavar="N", help="the re-confirmation round: only those "
                   "not confirmed in the last N days")
    p.add_argument("--call-sheet", metavar="OUT.pdf")
    p.add_argument("--sms-csv", metavar="OUT.csv")
    p.add_argument("--links", metavar="OUT.html")
    p.add_argument("--overwrite", action="store_true", help="replace output files that exist")
    p.add_argument("--json", action="store_true")
    p = command("attempt", cmd_attempt, "log an attempt to reach a person: reached, no-answer, wrong-number, "
                "message-left")
    p.add_argument("ref", metavar="CASE_REF")
    p.add_argument("outcome", choices=[o.value.replace("_", "-") for o in crossing.Outcome])
    p.add_argument("--note", default="")
    p.add_argument("--list", metavar="NAME", help="the list the call was about")
    p = command("templates", cmd_templates, "message templates for the families: list, show, save")
    p.add_argument("action", choices=["list", "show", "save"], nargs="?", default="list")
    p.add_argument("name", nargs="?")
    p.add_argument("--language", choices=LANGUAGES)
    p.add_argument("--text")
    p.add_argument("--file", metavar="FILE", help="the template's text from a UTF-8 file")
    p = command("eligibility", cmd_eligibility, "show or record a person's basis for evacuation and the evidence seen")
    p.add_argument("ref", metavar="CASE_REF", nargs="?")
    p.add_argument("--list", metavar="NAME", help="without CASE_REF: the list's members lacking evidence")
    p.add_argument("--basis", choices=[b.value for b in Basis])
    p.add_argument("--evidence", metavar="E1,E2", help=", ".join(e.value for e in Evidence))
    p.add_argument("--one-parent", action="store_true", help="a minor travelling with one parent")
    p.add_argument("--json", action="store_true")
    p = command("eligibility-override", cmd_eligibility_override,
                "let a member whose evidence is missing be submitted on a list (audited, with the reason)")
    p.add_argument("list", metavar="LIST")
    p.add_argument("ref", metavar="CASE_REF")
    p.add_argument("--reason", required=True)
    p = command("confirm", cmd_confirm, "the family confirmed they still want to leave (and where they are)")
    p.add_argument("ref", metavar="CASE_REF")
    p.add_argument("--on", type=_iso_date, metavar="YYYY-MM-DD")
