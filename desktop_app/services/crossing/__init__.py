"""The crossing day (issue 18): check-in at the gate, telling the families, and the log of every attempt.

    from desktop_app.services.crossing import scan, gate_counts, notify_plan, NotifyGroup, record_attempt

    result = scan(db, list_id, "G-1042+8", operator="anna")       # checkin: found, or refused with the reason
    gate_counts(db, list_id).missing_by_household
    plan = notify_plan(db, NotifyGroup(list_id=list_id, approved_only=True), get_template(db, "default", "ar"),
                       NotifyFields(date="14.11", time="07:00", meeting_point="Rafah gate", bring="passports"))
    record_attempt(db, person_id, Outcome.NO_ANSWER, operator="anna")

`checkin` (the gate), `notify` (messages, links, files), `templates`, `attempts` hold the rules.
"""

from desktop_app.services.crossing.attempts import (
    AttemptView,
    NotReached,
    Outcome,
    approved_not_reached,
    attempts_of,
    last_outcomes,
    parse_outcome,
    reached,
    record_attempt,
)
from desktop_app.services.crossing.checkin import (
    BoardingExport,
    BoardingList,
    BoardingRow,
    CheckinKind,
    GateCounts,
    GatePerson,
    HouseholdMissing,
    Refusal,
    ScanResult,
    UndoneScan,
    boarding_list,
    export_boarding_list,
    gate_counts,
    scan,
    undo_scan,
)
from desktop_app.services.crossing.eligibility import (
    EligibilityView,
    Flagged,
    confirm,
    eligibility_of,
    flagged_on_list,
    override,
    set_basis,
    unconfirmed_since,
)
from desktop_app.services.crossing.notify import (
    NotifyGroup,
    NotifyOutputs,
    NotifyPlan,
    Recipient,
    RecipientPhone,
    links_html,
    notify_plan,
    sms_csv,
    write_outputs,
)
from desktop_app.services.crossing.templates import get_template, list_templates, save_template

__all__ = [
    "AttemptView",
    "BoardingExport",
    "BoardingList",
    "BoardingRow",
    "CheckinKind",
    "EligibilityView",
    "Flagged",
    "GateCounts",
    "GatePerson",
    "HouseholdMissing",
    "NotReached",
    "NotifyGroup",
    "NotifyOutputs",
    "NotifyPlan",
    "Outcome",
    "Recipient",
    "RecipientPhone",
    "Refusal",
    "ScanResult",
    "UndoneScan",
    "approved_not_reached",
    "attempts_of",
    "boarding_list",
    "confirm",
    "eligibility_of",
    "export_boarding_list",
    "flagged_on_list",
    "gate_counts",
    "get_template",
    "last_outcomes",
    "links_html",
    "list_templates",
    "notify_plan",
    "override",
    "parse_outcome",
    "reached",
    "record_attempt",
    "save_template",
    "scan",
    "set_basis",
    "sms_csv",
    "unconfirmed_since",
    "undo_scan",
    "write_outputs",
]
