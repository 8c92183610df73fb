"""A document number borne by many roster persons: the reconcile's bound (issue 19, session 19).

A number held by more than `DUPLICATE_DOCUMENT_BLOCK` roster persons (the office's own, a placeholder typed where the
passport goes) identifies nobody; each answer row holding it met and compared every holder (a 1,000-row answer, 500
rows of it holding a number 1,999 persons hold: 1,999,000 pairs). Its rows now meet the holders by names and birth
dates only, in a batch (`candidates_for_all`) as in lookups after it (`candidates_of`): the rows that are holders
registered again are still matched, and nobody else is.
"""

from __future__ import annotations

import dataclasses
import random

from desktop_app.matching.engine import MATCH, RosterIndex
from desktop_app.matching.fastpath import DUPLICATE_DOCUMENT_BLOCK
from tests.matching.invented import invented_person

PLACEHOLDER = "AB1234567"


def test_an_answers_rows_holding_a_number_borne_by_hundreds_meet_its_holders_by_name_only() -> None:
    """Fails before the bound: every row compared all 600 holders (60,000 pairs for 100 rows)."""
    rng = random.Random(1929)
    holders = 3 * DUPLICATE_DOCUMENT_BLOCK
    roster = ([invented_person(rng, f"h{k}", PLACEHOLDER) for k in range(holders)]
              + [invented_person(rng, f"o{k}") for k in range(1_000)])
    again = [dataclasses.replace(roster[k], key=f"again{k}") for k in range(0, 100, 2)]  # holders, answered
    strangers = [invented_person(rng, f"new{k}", PLACEHOLDER) for k in range(50)]  # not on the roster, the same number
    answer = [row for pair in zip(again, strangers, strict=True) for row in pair]
    index = RosterIndex(roster)
    found = index.candidates_for_all(answer)
    assert index.comparisons < 10 * len(answer)  # a namesake or a birth date shared by chance, not the holders
    for row, candidates in zip(answer, found, strict=True):
        best = candidates[0] if candidates else None
        if row.key.startswith("again"):
            assert best is not None and best.decision == MATCH and best.key == f"h{row.key[len('again'):]}"
        else:
            assert best is None or best.decision != MATCH
    lookups = index.fresh()
    looked_up = lookups.candidates_of(answer[:10])
    assert lookups.comparisons < 100
    assert [c[0].key for c in looked_up[::2]] == [f"h{k}" for k in range(0, 10, 2)]
