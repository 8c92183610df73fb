"""Reconciling a partner's answer with the roster: who was approved, who needs a look, who is unknown.

    from desktop_app.services import reconciling

    rec = reconciling.reconcile_answer(db, "rafah_14nov.xlsx", list_id=7)    # reads and matches; changes nothing
    result = reconciling.apply_reconciliation(db, rec, {12: 345, 15: None}, operator="A. Petrova")
    reconciling.undo_reconciliation(db, result.operation_id, operator="A. Petrova")
    reconciling.write_reconcile_report(rec, "rafah_14nov_check.xlsx"); print(reconciling.summary_text(rec))
    reconciling.answer_conflicts(db, list_id=7)      # persons whose answers disagree between lists

This package's public face is `__all__` below; code outside it imports only from here (an import
contract in pyproject.toml keeps it so; tests may reach the modules behind it): `reconcile` (reading
and matching), `answer` (the answer sheet's columns and decisions), `model` (the dataclasses),
`apply` (writing the answers, and undoing them), `report` (the check workbook and the summary),
`roster` (the roster as the matching engine reads it, shared with duplicates), `conflicts`
(answers that disagree between lists), `review` (the officer's decisions on the rows).
"""

from __future__ import annotations

from desktop_app.services.reconciling.answer import read_answer
from desktop_app.services.reconciling.apply import apply_reconciliation, undo_reconciliation
from desktop_app.services.reconciling.conflicts import AnswerConflict, answer_conflicts
from desktop_app.services.reconciling.model import (
    COMPARED_FIELDS,
    AnswerRow,
    ApplyResult,
    CandidateMatch,
    Outcome,
    PersonCard,
    ReconcileCancelled,
    ReconcileWarning,
    Reconciliation,
    RowResult,
    UndoResult,
)
from desktop_app.services.reconciling.reconcile import differing_fields, reconcile_answer
from desktop_app.services.reconciling.report import (
    check_report_path,
    export_reconcile_report,
    summary_text,
    write_reconcile_report,
)
from desktop_app.services.reconciling.review import ReviewDecisions
from desktop_app.services.reconciling.roster import (
    RosterPerson,
    load_roster,
    prepared_roster,
    roster_index,
    warm_roster_index,
)

__all__ = [
    "COMPARED_FIELDS",
    "AnswerConflict",
    "AnswerRow",
    "ApplyResult",
    "CandidateMatch",
    "Outcome",
    "PersonCard",
    "ReconcileCancelled",
    "ReconcileWarning",
    "Reconciliation",
    "ReviewDecisions",
    "RosterPerson",
    "RowResult",
    "UndoResult",
    "answer_conflicts",
    "apply_reconciliation",
    "check_report_path",
    "differing_fields",
    "export_reconcile_report",
    "load_roster",
    "prepared_roster",
    "read_answer",
    "reconcile_answer",
    "roster_index",
    "summary_text",
    "undo_reconciliation",
    "warm_roster_index",
    "write_reconcile_report",
]
