"""Blocking meets the plausible pairs a record without a birth date lost (issue 14).

On the tuning sets a row with a passport number (different from the roster's, or mistyped) and no birth
date met a namesake only through its names' keys, so a typo in the given name lost the pair (FEBRL1:
Nichooas Campbell, no date, against Nicholas Campbell); a row with only a surname met nobody through its
names (FEBRL2: McCarthy, no given name, no date, against Alexander McCarthy). Such a row now also looks up
its surname's sound frame with the given name's first letter, and a surname alone looks up every namesake
of the surname; a row with a full birth date meets through it as before (`features.blocking_keys`).
"""

from __future__ import annotations

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.engine import RosterIndex
from desktop_app.matching.records import MatchRecord

NICHOLAS = MatchRecord(1, surname="CAMPBELL", given_names="NICHOLAS", birth_date=PartialDate(1904, 12, 12),
                       documents=("9882754",), locality="ALBION PARK", address="87 POYNTON STREET")
ALEXANDER = MatchRecord(2, surname="MCCARTHY", given_names="ALEXANDER", birth_date=PartialDate(1956, 6, 2),
                        documents=("6531276",), locality="COONAMBLE", address="40 LAUNCESTON STREET")
OTHERS = [MatchRecord(10 + k, surname=surname, given_names=given, birth_date=PartialDate(1950 + k, 1 + k, 2 + k),
                      documents=(f"{4000000 + k}",))
          for k, (surname, given) in enumerate((("CAMPBELL", "SARAH"), ("CAMPBELL", "NATALIE"), ("WHITE", "KODY"),
                                                ("MCCARTHY", "JAMES"), ("MCKENZIE", "ALEX"), ("SMITH", "NICHOLAS")))]
ROSTER = [NICHOLAS, ALEXANDER, *OTHERS]

MISTYPED_GIVEN = MatchRecord("r1", surname="CAMPBELL", given_names="NICHOOAS", documents=("7900575",),
                             locality="ALBION PARK", address="87 POYNTONSTREET")
SURNAME_ALONE = MatchRecord("r2", surname="MCCARTHY", documents=("6539267",), locality="COONAMBLE",
                            address="21 LAUNCESTONRSTREET")


def test_a_row_with_a_number_and_no_birth_date_meets_the_namesake_whose_given_name_it_mistyped() -> None:
    index = RosterIndex(ROSTER)
    met = index.blocked(MISTYPED_GIVEN)
    assert NICHOLAS.key in met
    assert 11 in met and 10 not in met  # Natalie Campbell shares the initial, Sarah does not
    (found,) = index.candidates_for_all([MISTYPED_GIVEN], limit=None)
    assert NICHOLAS.key in [c.key for c in found]


def test_a_surname_alone_without_a_birth_date_meets_its_namesakes() -> None:
    index = RosterIndex(ROSTER)
    met = index.blocked(SURNAME_ALONE)
    assert {ALEXANDER.key, 13} <= met and 14 not in met  # every McCarthy, not McKenzie
    (found,) = index.candidates_for_all([SURNAME_ALONE], limit=None)
    assert ALEXANDER.key in [c.key for c in found]


def test_a_row_with_a_full_birth_date_meets_through_it_as_before() -> None:
    dated = MatchRecord("r3", surname="CAMPBELL", given_names="NICHOOAS", birth_date=PartialDate(1980, 3, 4),
                        documents=("7900575",))
    assert NICHOLAS.key not in RosterIndex(ROSTER).blocked(dated)


def test_the_batch_meets_what_the_single_lookup_meets() -> None:
    rows = [MISTYPED_GIVEN, SURNAME_ALONE]
    batch = RosterIndex(ROSTER).candidates_for_all(rows, limit=None)
    single = RosterIndex(ROSTER)
    for row, candidates in zip(rows, batch, strict=True):
        assert sorted(str(c.key) for c in candidates) == sorted(str(c.key) for c in single.candidates(row, limit=None))
