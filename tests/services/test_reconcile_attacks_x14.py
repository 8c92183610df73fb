"""Breaker X14's attacks on reconcile through the service: one person repeated through a whole answer.

Replayed: an answer of 10,000 rows all naming one roster person gave every row a note naming
every other row ('row 3, 4, 5, ... 10001 names the same person'): 10,000 notes of 50,000
characters, built in quadratic time, written to the report and the JSON. A note now names the
first few other rows; every row still goes to review.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.services import persons
from desktop_app.services.reconciling import reconcile_answer
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR, write_answer


def test_an_answer_repeating_one_person_names_a_few_other_rows_in_each_note(db: Database, tmp_path: Path) -> None:
    person = persons.create_person(db, {"surname": "Захарова", "given_names": "Ольга", "birth_date": "1972-09-28",
                                        "locality": "Khan Younis"}, operator=OPERATOR).id
    path = write_answer(tmp_path / "answer.xlsx", ["Surname", "Given names", "Date of birth", "Decision"],
                        [["ZAKHAROVA", "OLGA", "1972-09-28", "approved"]] * 2_000)
    result = reconcile_answer(db, path)
    assert len(result.rows) == 2_000
    assert {row.outcome.value for row in result.rows} == {"review"}
    assert all(row.candidates[0].person.person_id == person for row in result.rows)
    first, last = result.rows[0].note, result.rows[-1].note
    assert first == "row 3, 4, 5, 6, 7 names the same person"
    assert last == "row 2, 3, 4, 5, 6 names the same person"
    twice = [w for w in result.warnings if w.kind == "approved_twice"]
    assert len(twice) == 1 and len(twice[0].rows) == 2_000
    assert twice[0].message.endswith("(rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 … 2001)")
