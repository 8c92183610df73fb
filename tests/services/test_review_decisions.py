"""The officer's review of a real reconciliation as plain Python: choose a candidate, leave a row out, clear
it again; what will be applied is counted as `apply_reconciliation` then applies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.reconciling import Outcome, ReviewDecisions, apply_reconciliation, reconcile_answer
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR, Roster, build_roster, write_answer

HEADER = ["Name", "Date of birth", "Passport No", "Decision"]


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


def test_choose_leave_out_and_clear_count_what_is_applied(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [["IVANOVA ANNA", "", "", "approved"],
                                                           ["SHCHERBAKOV IVAN", "05.03.1980", "721234567", "approved"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    review = rec.group(Outcome.REVIEW)[0]
    decisions = ReviewDecisions()
    assert decisions.to_apply(rec.rows) == (1, 1) and decisions.decided(rec.rows) == 0

    anna = roster.ids["anna_1"]
    decisions.choose(review, anna)
    assert decisions == {review.row: anna} and decisions.to_apply(rec.rows) == (2, 0)
    assert decisions.chosen_index(review) == [c.person.person_id for c in review.candidates].index(anna)
    with pytest.raises(ValueError, match="not a candidate"):
        decisions.choose(review, roster.ids["ivan"])

    decisions.leave_out(review)
    assert decisions == {review.row: None} and decisions.to_apply(rec.rows) == (1, 0)
    assert decisions.chosen_index(review) is None and decisions.decided(rec.rows) == 1
    decisions.undecide(review)
    assert decisions == {} and decisions.to_apply(rec.rows) == (1, 1)

    decisions.choose(review, anna)
    applied = apply_reconciliation(db, rec, decisions, operator=OPERATOR)
    assert applied.operation_id is not None and applied.applied == 2
