"""1 January for a birth date whose day and month nobody knows (issue 14).

Many registers and identity documents write 1 January when only the year of birth is known
(a Palestinian identity card, a refugee's papers). Against the full date on the roster such a
row was 'within 5 years' and lost 5.5 bits, so a person named and documented alike stayed at
review or below (the independent bench's seed 1, tuning: Khalid Hamza Bakr, Ashour Yousef). A 1 January
date now meets a full date of the same year as a year known without day and month, on both the
pair-by-pair and the batch path, also when the other date is one digit from it (7 January is not
a typo of a day nobody knew; breaker X14 s9: twins), and another year stays what it was.

Usage: ``pytest tests/matching/test_birth_placeholder.py``
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching import MatchRecord, RosterIndex
from desktop_app.matching.comparisons import BIRTH_F, D_DIGIT, D_EQUAL, D_NEAR, D_YEAR, compare_other, date_level
from desktop_app.matching.fastpath import PairFields
from desktop_app.matching.features import prepare
from tests.matching.test_match_engine import _crowd

ON_ROSTER = PartialDate(1996, 10, 27)


@pytest.mark.parametrize(("answer", "roster", "level"), [
    (PartialDate(1996, 1, 1), ON_ROSTER, D_YEAR),          # the day and month were not known
    (ON_ROSTER, PartialDate(1996, 1, 1), D_YEAR),          # nor on the roster's side
    (PartialDate(1997, 1, 1), ON_ROSTER, D_NEAR),          # another year: as before
    (PartialDate(1996, 1, 1), PartialDate(1996, 1, 7), D_YEAR),   # not one digit off: the day was not known
    (PartialDate(1996, 1, 1), PartialDate(1997, 1, 1), D_DIGIT),  # another year one digit off: as before
    (PartialDate(1996, 1, 1), PartialDate(1996, 1, 1), D_EQUAL),
    (PartialDate(1996, 2, 1), ON_ROSTER, D_NEAR),          # the first of another month is a date
])
def test_the_first_of_january_is_a_year_without_day_and_month(answer: PartialDate, roster: PartialDate,
                                                              level: int) -> None:
    assert date_level(answer, roster) == level


def test_the_batch_path_gives_the_same_levels() -> None:
    rng = random.Random(3)
    years = range(1990, 1996)
    dates = [PartialDate(rng.choice(years), *rng.choice([(1, 1), (1, 7), (1, 10), (10, 1), (7, 21)]))
             for _ in range(60)]
    records = [prepare(MatchRecord(i, "Ashour", "Yousef", "", birth_date=d)) for i, d in enumerate(dates)]
    pairs = np.array([(a, b) for a in range(len(records)) for b in range(len(records))])
    levels = PairFields(records).levels(records, pairs[:, 0], pairs[:, 1]).tolist()
    expected = [list(compare_other(records[a], records[b])) for a, b in pairs.tolist()]
    assert levels == expected
    assert D_YEAR in {row[BIRTH_F] for row in levels}


BAKR_BORN = PartialDate(1975, 2, 15)


def _index() -> RosterIndex:
    bakr = MatchRecord("bakr", "بكر", "خالد", "حمزة", birth_date=BAKR_BORN, sex=Sex.MALE, documents=("3232654",))
    return RosterIndex([*_crowd(2_000), bakr])


def _row(born: PartialDate) -> MatchRecord:
    # the father's name between given name and surname, an identity card instead of the passport
    return MatchRecord("row", full_name="KHALID HAMZA BAKR", birth_date=born, sex=Sex.MALE, documents=("843372156",))


def test_a_row_born_on_the_first_of_january_of_the_persons_year_is_matched() -> None:
    found = _index().candidates(_row(PartialDate(1975, 1, 1)))
    assert (found[0].key, found[0].decision) == ("bakr", "match")
    assert "birth year equal, full date not known" in found[0].reasons


def test_a_namesake_born_on_the_first_of_january_of_another_year_is_not_matched() -> None:
    found = _index().candidates(_row(PartialDate(1973, 1, 1)))
    assert not found or found[0].decision != "match"
