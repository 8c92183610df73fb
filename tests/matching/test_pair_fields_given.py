"""A roster's sex, household and places columns (`fastpath.PairFields`) are made for the first batch giving them.

Most answers give names, dates and passports only: at 1,000,000 persons the roster's columns of the four
fields no row gave were made for every cold reconcile. They are now made when a batch's queries first give
one, before the batch's own values are coded against the roster's; the levels stay `compare_other`'s pair by
pair, whichever batch came first.
"""

from __future__ import annotations

import numpy as np

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.domain.person import Sex
from desktop_app.matching.comparisons import ADDRESS_F, HOUSEHOLD_F, LOCALITY_F, SEX_F, compare_other
from desktop_app.matching.fastpath import PairFields
from desktop_app.matching.features import Prepared, prepare

OPTIONAL = {"sex", "household_key", "locality", "address"}


def _expected(queries: list[Prepared], roster: list[Prepared], rows: np.ndarray, positions: np.ndarray
              ) -> list[list[int]]:
    return [list(compare_other(queries[r], roster[p])) for r, p in zip(rows.tolist(), positions.tolist(),
                                                                         strict=True)]


def test_a_fields_roster_column_is_made_for_the_first_batch_giving_it_and_levels_stay_compare_others() -> None:
    people = make_roster(1_500, seed=61)
    rng = np.random.default_rng(63)
    towns = ["ZARQA", "IRBID", "IRBED", "MAFRAQ", "AMMAN", ""]
    streets = ["12 KING HUSSEIN ST", "12 KING HUSEIN ST", "4 RAINBOW ST", "7 AL-MADINA ST", ""]
    roster = [prepare(roster_record(p))._replace(
        sex=[Sex.MALE, Sex.FEMALE, None][k % 3], household_key=f"H{k // 4}" if k % 5 else None,
        locality=towns[int(rng.integers(0, len(towns)))], address=streets[int(rng.integers(0, len(streets)))])
        for k, p in enumerate(people)]
    answer, _ = make_answer(people, 300, seed=62)
    plain = [prepare(r)._replace(sex=None, household_key=None, locality="", address="") for r in answer]
    sources = rng.integers(0, len(roster), 300)
    echoed = [roster[p]._replace(key=f"echo{k}") for k, p in enumerate(sources.tolist())]
    sex_only = [record._replace(household_key=None, locality="", address="") for record in echoed]
    fields = PairFields(roster)
    rows, positions = rng.integers(0, 300, 20_000), rng.integers(0, len(roster), 20_000)
    rows[:300], positions[:300] = np.arange(300), sources  # each echo against its own person too

    assert fields.levels(plain, rows, positions).tolist() == _expected(plain, roster, rows, positions)
    assert fields._columns._made == set()  # no query gave any of them: no roster column made

    assert fields.levels(sex_only, rows, positions).tolist() == _expected(sex_only, roster, rows, positions)
    assert fields._columns._made == {"sex"}

    levels = fields.levels(echoed, rows, positions)
    assert levels.tolist() == _expected(echoed, roster, rows, positions)
    assert fields._columns._made == OPTIONAL
    for field in (SEX_F, HOUSEHOLD_F, LOCALITY_F, ADDRESS_F):  # equal and differing values were both met
        assert len(set(levels[:, field].tolist())) >= 2

    # A batch giving none after them: missing for every pair, as before.
    assert fields.levels(plain, rows, positions).tolist() == _expected(plain, roster, rows, positions)
