"""The duplicate finder narrows a wide block by a second key (issue 19): `fastpath.DuplicateNarrowing`.

A roster ten times larger that repeats its names and birth dates (the bench's million) met a hundred
times the pairs: a common name's namesakes born within three years, and everybody born on one day,
met each other pair by pair. In the finder a name block wider than `engine.DUPLICATE_WIDE_BLOCK`
now meets, for a full birth date, the namesakes born in its month (its year or a year either side),
on its day in its year, on its day and month in any year, estimated dates (a year alone, 1 January)
a year either side, and the undated; a wide full birth date meets those sharing a name word. The
persons registered again with one slip in the date are still met and decided as before.
"""

from __future__ import annotations

import random

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import engine
from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, MAX_BLOCK, find_duplicates
from desktop_app.matching.fastpath import (
    BirthNarrowing,
    DuplicateNarrowing,
    build_part_blocks,
    key_parts,
    met_in_blocks,
)
from desktop_app.matching.features import blocking_keys, prepare
from desktop_app.matching.records import MatchRecord

NAMESAKES = 240  # 'Ivan Ivanov' born in three years: every one within a year of most others
BORN_ON_NEW_YEAR = 60  # other names, all entered as born on 1 January 1990 (an unknown day)

# A person registered twice, the second time with one slip in the birth date and no number shared.
AGAIN = [
    (MatchRecord("p1", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1986, 3, 14), locality="Tver"),
     MatchRecord("a1", surname="Иванов", given_names="Иван", surname_latin="IVANOV", given_names_latin="IVAN",
                 birth_date=PartialDate(1986, 3, 17), locality="Tver")),  # a digit of the day
    (MatchRecord("p2", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1986, 4, 21), locality="Tula"),
     MatchRecord("a2", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1986, 9, 21),
                 locality="Tula")),  # a digit of the month
    (MatchRecord("p3", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1958, 6, 2), locality="Pskov"),
     MatchRecord("a3", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1985, 6, 2),
                 locality="Pskov")),  # the year's digits swapped
    (MatchRecord("p4", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1987, 11, 5), locality="Orel"),
     MatchRecord("a4", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1987, 5, 11),
                 locality="Orel")),  # day and month swapped
    (MatchRecord("p5", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1985, 1, 1), locality="Omsk",
                 address="ul. Mira 12"),
     MatchRecord("a5", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1986, 7, 19),
                 locality="Omsk", address="ul. Mira 12")),  # estimated as 1 January, a year off
    (MatchRecord("p6", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1987), locality="Kursk",
                 address="ul. Sadovaya 3"),
     MatchRecord("a6", surname="IVANOV", given_names="IVAN", birth_date=PartialDate(1986, 2, 8),
                 locality="Kursk", address="ul. Sadovaya 3")),  # a year alone
    (MatchRecord("p7", surname="PETROVA", given_names="ANNA", birth_date=PartialDate(1990, 1, 1), locality="Perm"),
     MatchRecord("a7", surname="SMIRNOVA", given_names="ANNA", birth_date=PartialDate(1990, 1, 1),
                 locality="Perm")),  # married since: the given name and the date on New Year's Day
]
SURNAMES = ("Orlov", "Kozlov", "Lebedev", "Novikov", "Morozov", "Volkov", "Sokolov", "Popov", "Zaytsev", "Pavlov")
GIVEN = ("Oleg", "Pavel", "Roman", "Sergey", "Timur", "Yuri", "Boris", "Denis", "Egor", "Filipp", "Gleb", "Ilya")


def _roster() -> list[MatchRecord]:
    rng = random.Random(1914)
    records = [MatchRecord(f"n{k}", surname="IVANOV", given_names="IVAN",
                           birth_date=PartialDate(rng.randint(1985, 1987), rng.randint(1, 12), rng.randint(1, 28)))
               for k in range(NAMESAKES)]
    records += [MatchRecord(f"y{k}", surname=SURNAMES[k % len(SURNAMES)], given_names=GIVEN[k % len(GIVEN)],
                            birth_date=PartialDate(1990, 1, 1)) for k in range(BORN_ON_NEW_YEAR)]
    return records + [record for pair in AGAIN for record in pair]


def _met(records: list[MatchRecord], narrowing: type[BirthNarrowing]) -> set[tuple[str, str]]:
    """The pairs the finder meets in its blocks with `narrowing` (each pair once)."""
    prepared = [prepare(record) for record in records]
    blocks = build_part_blocks([key_parts(record, indexing=True) for record in prepared])
    narrowed = narrowing(prepared)
    narrowed.wide = DUPLICATE_WIDE_BLOCK
    rows, positions = met_in_blocks([blocking_keys(query, indexing=False) for query in prepared], blocks, MAX_BLOCK,
                                    [query.birth_date for query in prepared], narrowed, {},
                                    prepared)
    keys = [str(record.key) for record in records]
    return {(keys[a], keys[b]) if keys[a] < keys[b] else (keys[b], keys[a])
            for a, b in zip(rows.tolist(), positions.tolist(), strict=True) if a != b}


def test_a_wide_block_meets_the_registrations_alike_in_a_second_key() -> None:
    records = _roster()
    before = _met(records, BirthNarrowing)  # every namesake born within a year, everybody born that day
    after = _met(records, DuplicateNarrowing)
    for first, again in AGAIN:
        assert _pair(first.key, again.key) in after
    namesakes = NAMESAKES + 12
    assert len(before) > namesakes * (namesakes - 1) // 2 * 0.8
    assert len(after) < len(before) / 5
    new_year = {pair for pair in after if pair[0].startswith("y") and pair[1].startswith("y")}
    assert len(new_year) < BORN_ON_NEW_YEAR * (BORN_ON_NEW_YEAR - 1) // 2 / 4  # only those sharing a name word
    assert after <= before  # nothing met that was not met before


def test_the_registrations_again_are_decided_as_with_the_whole_block(monkeypatch: pytest.MonkeyPatch) -> None:
    records = _roster()
    narrowed = {_pair(p.key_a, p.key_b): p.decision for p in find_duplicates(records)}
    monkeypatch.setattr(engine, "DUPLICATE_WIDE_BLOCK", MAX_BLOCK)  # no block narrowed: every pair in a block met
    whole = {_pair(p.key_a, p.key_b): p.decision for p in find_duplicates(records)}
    for first, again in AGAIN:
        pair = _pair(first.key, again.key)
        assert narrowed.get(pair) is not None, pair
        assert narrowed.get(pair) == whole.get(pair), pair


def _pair(a: object, b: object) -> tuple[str, str]:
    first, second = sorted((str(a), str(b)))
    return first, second


def test_the_finder_meets_only_the_records_after_each_the_same_pairs() -> None:
    prepared = [prepare(record) for record in _roster()]
    blocks = build_part_blocks([key_parts(record, indexing=True) for record in prepared])
    narrowing = DuplicateNarrowing(prepared)
    narrowing.wide = DUPLICATE_WIDE_BLOCK
    keys = [blocking_keys(query, indexing=False) for query in prepared]
    births = [query.birth_date for query in prepared]
    rows, positions = met_in_blocks(keys, blocks, MAX_BLOCK, births, narrowing, {}, prepared)
    later = positions > rows
    for start in (0, 7):  # the queries as one batch, and from the eighth record on
        after_rows, after_positions = met_in_blocks(keys[start:], blocks, MAX_BLOCK, births[start:], narrowing, {},
                                                    prepared[start:], start)
        assert (after_rows + start).tolist() == rows[later & (rows >= start)].tolist()
        assert after_positions.tolist() == positions[later & (rows >= start)].tolist()
