"""The crossing day (issue 18): check-in at the gate, from a scanned code, a case reference or a passport.

    from desktop_app.services.crossing import boarding_list, gate_counts, scan, undo_scan

    result = scan(db, list_id, "G-1042+8", operator="anna")
    if not result.accepted:
        print(result.refusal, result.message)
    gate_counts(db, list_id).missing_by_household

See `checkin` for the rules (who is expected, what is refused, what an undo puts back).
"""

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

__all__ = [
    "BoardingExport",
    "BoardingList",
    "BoardingRow",
    "CheckinKind",
    "GateCounts",
    "GatePerson",
    "HouseholdMissing",
    "Refusal",
    "ScanResult",
    "UndoneScan",
    "boarding_list",
    "export_boarding_list",
    "gate_counts",
    "scan",
    "undo_scan",
]
