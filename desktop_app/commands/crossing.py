"""`mission-roster checkin` and `mission-roster boarding-list`: the gate from the command line.

    mission-roster checkin LIST CODE_OR_REF ... [--crossed] [--json]   # scan codes, case refs or passports
    mission-roster checkin --undo LIST CASE_REF ...                     # take wrong scans back
    mission-roster checkin LIST                                         # counts and the missing by household
    mission-roster boarding-list LIST OUT.pdf [--overwrite]             # the printed list with QR codes

Each scan is answered on its own line, in order; a refused scan is said on stderr with its
reason (not on the list, not approved, already checked in at a time, unknown code) and makes
the command exit with 1, after the other scans were made. Every scan is in the audit trail.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop_app.cli import Context
from desktop_app.commands.speech import QT_TRANSLATE_NOOP, say, spoken
from desktop_app.services import crossing

_CONTEXT = "commands.crossing"


def cmd_checkin(ctx: Context) -> int:
    a = ctx.args
    list_id = ctx.list_id(a.list)
    if a.undo:
        for ref in a.codes:
            undone = crossing.undo_scan(ctx.db, list_id, ref, operator=ctx.operator)
            say(QT_TRANSLATE_NOOP(_CONTEXT, "{ref}: check-in of {at} undone"), ref=undone.case_ref,
                at=undone.at.strftime("%H:%M:%S"))
            if undone.status_restored:
                say(QT_TRANSLATE_NOOP(_CONTEXT, "{ref}: status back to {status}"), ref=undone.case_ref,
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
        say(QT_TRANSLATE_NOOP(_CONTEXT, "{list}: expected {expected}, checked in {checked_in}, missing {missing}"),
            list=a.list, expected=counts.expected, checked_in=counts.checked_in, missing=counts.missing)
        if not a.codes:
            for household in counts.missing_by_household:
                title = household.household or spoken(QT_TRANSLATE_NOOP(_CONTEXT, "(no household)"))
                print(f"  {title}: " + ", ".join(f"{ref} {name}" for ref, name in household.persons))
    return 0 if all(r.accepted for r in results) else 1


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
    say(QT_TRANSLATE_NOOP(_CONTEXT, "{path}: boarding list of {persons} persons"), path=str(result.path),
        persons=result.persons)
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
