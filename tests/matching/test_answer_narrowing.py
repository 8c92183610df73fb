"""An answer row meets, in a wide block, only the roster records that also agree on a second key (issue 19).

`answer_narrowing.AnswerNarrowing`: at a million persons most pairs an answer row met came through
a full birth date (everyone born that day) or a name word with a birth year ('IL' is the sound of
Yulia, Ilya and Iuliia), not through its name. In a block of more than `ANSWER_WIDE_BLOCK` records a
birth date meets those sharing a name word's key, a word with a year those whose other name word
begins alike, a name those born within a year, on the day and month, or undated. The true pairs that
only such a block brings (a given name replaced by another spelling, a surname mistyped beyond its
keys, a day and month swapped, a roster person without a date) are still met; the others are not.
"""

from __future__ import annotations

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import answer_narrowing
from desktop_app.matching.answer_narrowing import ANSWER_WIDE_BLOCK
from desktop_app.matching.engine import RosterIndex
from desktop_app.matching.features import blocking_keys, prepare
from desktop_app.matching.records import MatchRecord

OTHERS = ("Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков", "Фёдоров",
          "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв", "Зайцев", "Соловьёв", "Борисов",
          "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв", "Макаров", "Никитин", "Захаров", "Зуев", "Титов",
          "Кудрявцев")
GIVEN = ("Дмитрий", "Сергей", "Олег", "Николай", "Павел", "Роман")
BORN = PartialDate(1980, 5, 17)


def _born_that_day() -> list[MatchRecord]:
    """Thirty men born on one day, and Петрова Анна born that day too."""
    people = [MatchRecord(100 + k, surname=surname, given_names=GIVEN[k % len(GIVEN)], birth_date=BORN)
              for k, surname in enumerate(OTHERS)]
    return [*people, MatchRecord(1, surname="Петрова", given_names="Анна", birth_date=BORN)]


def _yulias_of_1985() -> list[MatchRecord]:
    """Thirty women named Юлия born in 1985, and Иванова Юлия among them."""
    people = [MatchRecord(200 + k, surname=surname + "а", given_names="Юлия",
                          birth_date=PartialDate(1985, 1 + k % 12, 1 + k)) for k, surname in enumerate(OTHERS)]
    return [*people, MatchRecord(2, surname="Иванова", given_names="Юлия", birth_date=PartialDate(1985, 3, 3))]


def _namesakes() -> list[MatchRecord]:
    """Forty namesakes (a block narrowed now, not past the width of 150 before), three of them the answer's."""
    people = [MatchRecord(300 + k, surname="Абрамов", given_names="Игорь", birth_date=PartialDate(1950 + k, 2, 10))
              for k in range(40)]
    return [*people,
            MatchRecord(3, surname="Абрамов", given_names="Игорь"),  # no date on the roster
            MatchRecord(4, surname="Абрамов", given_names="Игорь", birth_date=PartialDate(1977, 4, 12)),
            MatchRecord(5, surname="Абрамов", given_names="Игорь", birth_date=PartialDate(1930, 6, 6))]


# Answer row -> the roster person it names.
ANSWER = [
    (MatchRecord(1, surname="PETROVA", given_names="KHANNA", birth_date=BORN), 1),  # given name in another spelling
    (MatchRecord(2, surname="IVANOCVA", given_names="IULIIA", birth_date=PartialDate(1985)), 2),  # surname mistyped
    (MatchRecord(3, surname="ABRAMOV", given_names="IGOR", birth_date=PartialDate(1961, 8, 8)), 3),  # undated roster
    (MatchRecord(4, surname="ABRAMOV", given_names="IGOR", birth_date=PartialDate(1977, 12, 4)), 4),  # day/month swap
    (MatchRecord(5, surname="ABRAMOV", given_names="IGOR", birth_date=PartialDate(1931, 7, 7)), 5),  # year one off
]


def _roster() -> list[MatchRecord]:
    return [*_born_that_day(), *_yulias_of_1985(), *_namesakes()]


def test_the_true_pairs_only_a_wide_block_brings_are_those_it_brings() -> None:
    roster = {record.key: record for record in _roster()}
    # What the first two rows share with their person: a birth date, a name word with the birth year.
    only: dict[object, str] = {1: "b|", 2: "ty|"}
    for row, person in ANSWER[:2]:
        shared = blocking_keys(prepare(row), indexing=False) & blocking_keys(prepare(roster[person]), indexing=True)
        assert shared and all(key.startswith(only[row.key]) for key in shared), shared
    assert len(OTHERS) > ANSWER_WIDE_BLOCK


def test_a_wide_block_meets_the_true_pairs_and_leaves_the_others() -> None:
    index = RosterIndex(_roster())
    for row, person in ANSWER:
        assert person in index.blocked(row), (row.key, person)
    assert index.blocked(ANSWER[0][0]) == {1}  # not the thirty men born that day
    # Not the Yulias whose surnames' sound keys share neither of the first two letters of IVANOCVA's (IVNCV): only
    # Novikova, Volkova, Pavlova, Vinogradova, Vorobyova and Zueva (a V) of the thirty.
    assert index.blocked(ANSWER[1][0]) == {2, 206, 208, 210, 213, 215, 227}
    met = index.blocked(ANSWER[3][0])
    assert {3, 4} <= met and len(met) < 10  # the undated, the namesakes born 1976-1978 or on 4 December / 12 April


def test_the_pairs_met_fall_and_the_batch_meets_what_the_single_lookup_meets(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [row for row, _ in ANSWER]
    narrowed = RosterIndex(_roster())
    found = narrowed.candidates_for_all(rows, limit=None)
    single = RosterIndex(_roster())
    for row, candidates in zip(rows, found, strict=True):
        assert [(c.key, c.decision) for c in candidates] == [(c.key, c.decision)
                                                            for c in single.candidates(row, limit=None)]
    monkeypatch.setattr(answer_narrowing, "ANSWER_WIDE_BLOCK", 10**9)  # every block whole, as before
    whole = RosterIndex(_roster())
    whole.candidates_for_all(rows, limit=None)
    assert whole.comparisons == 31 + 31 + 3 * 43  # each row met its whole block
    assert narrowed.comparisons <= 2 + 3 * 10
