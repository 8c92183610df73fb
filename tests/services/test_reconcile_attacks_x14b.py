"""Breaker X14b through the reconcile service: a twin who left the roster, named in a partner's answer.

A real roster (SQLite under tmp_path, persons and a household through the services) holds
twins, Даниил and Данила, passports issued in sequence; Данила is moved to the trash (he
left). The partner's answer (.xlsx written by openpyxl) approves SHCHERBAKOV DANILA with his
birth date and his own passport. It was recorded as a match for Даниил, who would have been
sent to the border in his brother's place; it must be a row for the officer, Даниил offered.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.person import Relationship
from desktop_app.services import households, persons
from desktop_app.services.reconciling import Outcome, reconcile_answer
from desktop_app.services.reconciling.roster import forget_roster_index
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR, _person, build_roster, write_answer


def test_the_twin_who_left_is_not_matched_to_his_brother(db: Database, tmp_path: Path) -> None:
    forget_roster_index()
    roster = build_roster(db)
    stayed = _person(db, "Щербаков", "Даниил", "2015-02-03", "72 5550003", sex="M")
    left = _person(db, "Щербаков", "Данила", "2015-02-03", "72 5550004", sex="M")
    for twin in (stayed, left):
        households.add_member(db, roster.household_id, twin, Relationship.CHILD, operator=OPERATOR)
    persons.delete_person(db, left, operator=OPERATOR)
    path = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                        [["SHCHERBAKOV DANILA", "03.02.2015", "725550004", "approved"]])
    row = reconcile_answer(db, path).rows[0]
    assert row.outcome is Outcome.REVIEW
    assert row.candidates and row.candidates[0].person.person_id == stayed
    own = write_answer(tmp_path / "own.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                       [["SHCHERBAKOV DANILA", "03.02.2015", "725550003", "approved"]])
    row = reconcile_answer(db, own).rows[0]  # his own passport with the name typed as his brother's: matched
    assert row.outcome is Outcome.MATCH and row.person is not None and row.person.person_id == stayed
