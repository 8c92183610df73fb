"""A twin whose surname is typed one letter off is still weighed as a twin (issue 14, session 16).

The independent bench's tuning seed 1 with ``--relatives 0.2`` matched 'IVAGOVA MARINA', born on the day of
Иванова Мария, with her own passport, at 0.99: the twin rules (`scoring.twin_like`) asked the surnames to agree
at Jaro-Winkler 0.94, and IVAGOVA is 0.93 from IVANOVA, so the surname typo took the pair out of the twin cap
that kept 'IVANOVA MARINA' at review. A surname one letter off is the twin's typed as often as the person's.

Left open (M20): letting a surname at Jaro-Winkler 0.88 into `twin_like` (SIMILAR_LEVEL for JW94) passes these
tests and takes seed 1's wrong match to review (tuning seed 1, FEBRL1/2, report seeds 2-5 with and without
relatives unchanged), but FEBRL3's duplicate recall falls 0.9826 -> 0.9815 (82 -> 89 to review, +review 0.9951
unchanged): a report set's cost, for the owner of the twin rules to weigh.

Usage: ``pytest tests/matching/test_twin_surname_typo_s16.py``
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex

TWINS_BORN = PartialDate(2012, 4, 9)
SURNAMES = ["Смирнова", "Кузнецова", "Попова", "Васильева", "Петрова", "Соколова", "Михайлова", "Новикова"]
GIVEN = ["Мария", "Марина", "Елена", "Ольга", "Анна", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия"]
PATRONYMICS = ["Ивановна", "Сергеевна", "Петровна", "Николаевна", "Андреевна", "Викторовна"]
PASSPORT = "753123456"


@pytest.fixture(scope="module")
def roster() -> RosterIndex:
    """Women carrying Мария and Марина (both names known on the roster), and the roster twin Иванова Мария."""
    rng = random.Random(5)
    crowd = []
    for i in range(1_500):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 25_000))
        if born == dt.date(2012, 4, 9):
            born += dt.timedelta(days=1)
        crowd.append(MatchRecord(i, rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(PATRONYMICS),
                                 birth_date=PartialDate(born.year, born.month, born.day),
                                 documents=(str(rng.randint(10**8, 10**9 - 1)),)))
    twin = MatchRecord("twin", "Иванова", "Мария", "Петровна", birth_date=TWINS_BORN, documents=(PASSPORT,))
    return RosterIndex([*crowd, twin])


def _decided(roster: RosterIndex, row: MatchRecord) -> tuple[str, str]:
    found = roster.candidates(row)
    return (str(found[0].key), found[0].decision) if found else ("", "none")


THE_OTHER_TWIN = [
    MatchRecord.from_full_name("one-cell", "IVAGOVA MARINA", birth_date=TWINS_BORN, documents=("753999111",)),
    MatchRecord.from_full_name("in-sequence", "IVAGOVA MARINA", birth_date=TWINS_BORN, documents=("753123457",)),
    MatchRecord.from_full_name("no-passport", "IVAGOVA MARINA", birth_date=TWINS_BORN),
    MatchRecord("two-columns", "IVAGOVA", "MARINA", birth_date=TWINS_BORN, documents=("753999111",)),
]


@pytest.mark.xfail(strict=True, reason="open (M20, session 16): twin_like asks the surnames to agree at "
                   "Jaro-Winkler 0.94; widening it to 0.88 costs FEBRL3's duplicate recall 0.9826 -> 0.9815")
@pytest.mark.parametrize("row", THE_OTHER_TWIN, ids=lambda row: str(row.key))
def test_the_twin_with_a_surname_typo_is_not_matched(roster: RosterIndex, row: MatchRecord) -> None:
    """Matched (0.99 to 1.0) while the surname spelt right is kept at review."""
    assert _decided(roster, row)[1] != "match"


@pytest.mark.parametrize("row", [
    MatchRecord.from_full_name("typo-and-passport", "IVAGOVA MARIYA", birth_date=TWINS_BORN, documents=(PASSPORT,)),
    MatchRecord.from_full_name("typo-no-passport", "IVAGOVA MARIYA", birth_date=TWINS_BORN),
], ids=lambda row: str(row.key))
def test_the_person_with_a_surname_typo_is_still_matched(roster: RosterIndex, row: MatchRecord) -> None:
    assert _decided(roster, row) == ("twin", "match")
