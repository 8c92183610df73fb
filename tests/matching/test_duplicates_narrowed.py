"""The duplicate finder compares namesakes of a common name only where their birth dates could be one (issue 19).

`engine.DUPLICATE_WIDE_BLOCK`: in a duplicate search a name key shared by more than that many
registrations ('Ivan Ivanov' in Cyrillic and Latin letters) meets, for each registration with a
birth date, the namesakes born in its year or a year either side, on its day and month in any year,
or with no date. Two registrations of one person share a number, a birth date, or a name and its
birth year: the persons registered again here, each with a mistyped date and no number shared, are
still compared and decided as when every namesake was compared, and the pairs compared no longer grow
with the square of the namesakes.
"""

from __future__ import annotations

import random

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import engine
from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, RosterIndex, find_duplicates
from desktop_app.matching.fastpath import WIDE_BLOCK
from desktop_app.matching.records import MatchRecord

NAMESAKES = 4 * DUPLICATE_WIDE_BLOCK  # wider than the finder's narrowing, narrower than the reconcile's
SPELLINGS = (("Иванов", "Иван", "IVANOV", "IVAN"), ("IVANOV", "IVAN", "", ""))

# A person registered twice: the first registration, then the second as typed again (no number shared).
AGAIN = [
    (MatchRecord("p1", surname="Иванов", given_names="Иван", surname_latin="IVANOV", given_names_latin="IVAN",
                 birth_date=PartialDate(1985, 3, 14), documents=("45 1234567",), locality="Tver"),
     MatchRecord("a1", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1958, 3, 14),
                 locality="Tver")),  # the year's digits swapped: day and month meet
    (MatchRecord("p2", surname="Иванов", given_names="Иван", surname_latin="IVANOV", given_names_latin="IVAN",
                 birth_date=PartialDate(1972, 11, 5), address="ul. Lenina 4", locality="Tula"),
     MatchRecord("a2", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1972, 5, 11),
                 address="ul. Lenina 4", locality="Tula")),  # day and month swapped: the year meets
    (MatchRecord("p3", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1990, 1, 1), locality="Pskov"),
     MatchRecord("a3", surname="Иванов", given_names="Иван", surname_latin="IVANOV", given_names_latin="IVAN",
                 birth_date=PartialDate(1991, 6, 20), locality="Pskov")),  # an estimated date: a year off
    (MatchRecord("p4", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1966, 2, 2),
                 documents=("72 7654321",)),
     MatchRecord("a4", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(2006, 8, 9),
                 documents=("72 7654321",))),  # another date altogether: the passport meets
]


def _roster() -> list[MatchRecord]:
    rng = random.Random(19)
    records = []
    for key in range(NAMESAKES):
        surname, given, surname_latin, given_latin = SPELLINGS[key % 2]
        records.append(MatchRecord(f"n{key}", surname=surname, given_names=given, surname_latin=surname_latin,
                                   given_names_latin=given_latin,
                                   birth_date=PartialDate(rng.randint(1940, 2020), rng.randint(1, 12),
                                                          rng.randint(1, 28))))
    return records + [record for pair in AGAIN for record in pair]


def _pair(a: object, b: object) -> tuple[str, str]:
    first, second = sorted((str(a), str(b)))
    return first, second


def _decided(records: list[MatchRecord]) -> dict[tuple[str, str], str]:
    return {_pair(p.key_a, p.key_b): p.decision for p in find_duplicates(records)}


def _compared(records: list[MatchRecord], wide_block: int | None) -> tuple[set[tuple[str, str]], int]:
    """The pairs whose names were compared, and how many pairs were met in blocks."""
    index = RosterIndex(records, twins_off_roster=False, wide_block=wide_block)
    keys = [str(record.key) for record in records]
    compared = {_pair(keys[position], keys[other])
                for position, found in enumerate(index._roster_compared()) for other, _ in found}
    return compared, index.comparisons


def test_a_common_name_meets_the_namesakes_its_birth_date_could_be() -> None:
    assert NAMESAKES < WIDE_BLOCK
    records = _roster()
    narrowed, met = _compared(records, DUPLICATE_WIDE_BLOCK)
    _, every = _compared(records, None)
    for first, again in AGAIN:
        assert _pair(first.key, again.key) in narrowed
    assert every >= NAMESAKES * (NAMESAKES - 1) // 2  # before: every namesake met every other
    assert met < every / 4


def test_the_duplicates_are_decided_as_with_the_whole_block(monkeypatch: pytest.MonkeyPatch) -> None:
    records = _roster()
    narrowed = _decided(records)
    monkeypatch.setattr(engine, "DUPLICATE_WIDE_BLOCK", None)  # the rule before: the reconcile's WIDE_BLOCK
    whole = _decided(records)
    for first, again in AGAIN:
        pair = _pair(first.key, again.key)
        assert narrowed.get(pair) == whole.get(pair), pair
    assert narrowed.get(("a4", "p4")) is not None  # the passport shared
    # What changed: only namesakes born years apart, not on one day and month, no longer offered.
    for (a, b), decision in whole.items():
        if (a, b) not in narrowed:
            born = {str(r.key): r.birth_date for r in records}
            date_a, date_b = born[a], born[b]
            assert date_a is not None and date_b is not None
            assert abs(date_a.year - date_b.year) > 1, (a, b, decision)
