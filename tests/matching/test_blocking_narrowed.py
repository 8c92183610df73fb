"""A common name on a large roster meets only the namesakes an answer row's birth date could be (issue 19).

`answer_narrowing.AnswerNarrowing`: a name key shared by more than `ANSWER_WIDE_BLOCK` roster persons ('Abbas
Mohammed' in Latin, Arabic and Cyrillic letters) gives a row with a birth date the namesakes born
in its year or a year either side, on its day and month in any year, or with no date; a row with
no date meets them all. The true pairs of a cross-script answer whose dates were mistyped (a year's
digits swapped, day and month swapped, a year estimated) still reach scoring, the batch and the
single lookup meet the same persons, and the decisions are those of the whole block.
"""

from __future__ import annotations

import random

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import answer_narrowing
from desktop_app.matching.engine import RosterIndex
from desktop_app.matching.fastpath import WIDE_BLOCK
from desktop_app.matching.records import MatchRecord

NAMESAKES = 3 * WIDE_BLOCK
SPELLINGS = (("ABBAS", "MOHAMMED", "", ""), ("عباس", "محمد", "", ""), ("Аббас", "Мухаммед", "ABBAS", "MUKHAMMED"))


def _roster() -> list[MatchRecord]:
    rng = random.Random(19)
    records = []
    for key in range(1, NAMESAKES + 1):
        surname, given, surname_latin, given_latin = SPELLINGS[key % 3]
        birth = None if key % 50 == 0 else PartialDate(rng.randint(1950, 2010), rng.randint(1, 12), rng.randint(1, 28))
        records.append(MatchRecord(key, surname=surname, given_names=given, surname_latin=surname_latin,
                                   given_names_latin=given_latin, birth_date=birth, sex=None))
    # The persons the answer names, among their namesakes.
    records += [
        MatchRecord(1001, surname="ABBAS", given_names="MOHAMMED", birth_date=PartialDate(1985, 3, 14),
                    documents=("N1234567",)),
        MatchRecord(1002, surname="عباس", given_names="محمد", birth_date=PartialDate(1972, 11, 5)),
        MatchRecord(1003, surname="Аббас", given_names="Мухаммед", surname_latin="ABBAS",
                    given_names_latin="MUKHAMMED", birth_date=PartialDate(1990, 1, 1)),
        MatchRecord(1004, surname="ABBAS", given_names="MOHAMMED"),  # no birth date on the roster
    ]
    return records


# Answer row -> the roster person it names: each in another script than the roster's, each date mistyped.
ANSWER = [
    (MatchRecord(1, surname="عباس", given_names="محمد", birth_date=PartialDate(1958, 3, 14),
                 documents=("N1234567",)), 1001),  # the year's digits swapped: the day and month meet
    (MatchRecord.from_full_name(2, "Mohamed Abbas", birth_date=PartialDate(1972, 5, 11)), 1002),  # day/month swapped
    (MatchRecord(3, surname="ABBAS", given_names="MUHAMMAD", birth_date=PartialDate(1991, 6, 20)), 1003),  # estimated
    (MatchRecord(4, surname="Аббас", given_names="Мухаммед", birth_date=PartialDate(1966, 2, 2)), 1004),
    (MatchRecord(5, surname="ABBAS", given_names="MOHAMMED"), 1001),  # no date: the whole block
]


def test_a_wide_name_block_meets_the_namesakes_the_birth_date_could_be_in_every_script() -> None:
    index = RosterIndex(_roster())
    for row, person in ANSWER:
        assert person in index.blocked(row), (row.key, person)
    met = index.blocked(ANSWER[1][0])
    assert 1003 not in met and len(met) < NAMESAKES // 5  # 1990-01-01 is neither 1971-1973 nor 5 November
    assert len(index.blocked(ANSWER[4][0])) == NAMESAKES + 4  # a row with no date meets every namesake


def test_the_batch_meets_what_the_single_lookup_meets() -> None:
    index = RosterIndex(_roster())
    rows = [row for row, _ in ANSWER]
    found = index.candidates_for_all(rows, limit=None)
    single = RosterIndex(_roster())
    for row, candidates in zip(rows, found, strict=True):
        assert [(c.key, c.decision) for c in candidates] == [(c.key, c.decision)
                                                            for c in single.candidates(row, limit=None)]
    assert index.comparisons < len(rows) * NAMESAKES // 2  # before: every row met every namesake


def test_the_decisions_are_those_of_the_whole_block(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [row for row, _ in ANSWER]
    narrowed = RosterIndex(_roster())
    decided = [(c[0].key, c[0].decision) if c else None for c in narrowed.candidates_for_all(rows, limit=3)]
    monkeypatch.setattr(answer_narrowing, "ANSWER_WIDE_BLOCK", 10**9)  # the rule before: every namesake met
    whole = RosterIndex(_roster())
    assert decided == [(c[0].key, c[0].decision) if c else None for c in whole.candidates_for_all(rows, limit=3)]
    assert narrowed.comparisons < whole.comparisons / 3
    assert decided[0] == (1001, "match")  # the number and the day and month outweigh the swapped year
