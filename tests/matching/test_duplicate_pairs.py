"""The duplicate finder's pairs met on arrays (issue 19): `duplicate_pairs.RosterPairs` meets the pairs the set path
(`fastpath.met_in_blocks` with `DuplicateNarrowing`, only the records after each) meets, batch by batch.

The roster has every kind of block the narrowing treats apart: namesakes past `DUPLICATE_WIDE_BLOCK` in three
scripts (a name block, its surname-and-initial block), full, estimated (a year alone, 1 January) and missing
birth dates, a full birth date shared by more than the limit (`b|`, narrowed by name words), a name word with its
year shared by more than the limit (`ty|`/`yo|`, narrowed by the other words' initials), a record with no name,
numbers one character off (`dd|`), persons with a given name and no surname, and with a surname alone (keys only
a query has).
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import duplicate_pairs, engine, features
from desktop_app.matching.duplicate_pairs import RosterPairs
from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, MAX_BLOCK, RosterIndex, find_duplicates
from desktop_app.matching.fastpath import (
    DUPLICATE_DOCUMENT_BLOCK,
    DuplicateNarrowing,
    build_part_blocks,
    key_parts,
    met_in_blocks,
)
from desktop_app.matching.features import Prepared, blocking_keys, prepare
from desktop_app.matching.records import MatchRecord

NAMES = [  # (surname, given names, their Latin forms): each borne by more than DUPLICATE_WIDE_BLOCK persons
    ("Иванов", "Иван", "IVANOV", "IVAN"),
    ("Иванова", "Мария", "IVANOVA", "MARIYA"),
    ("محمد", "أحمد", "MOHAMMED", "AHMED"),
    ("", "", "MOHAMMED", "AHMAD"),
    ("", "", "SMITH", "JOHN"),
    ("", "", "SMYTH", "JON"),
]
OTHERS = ("Orlov", "Kozlov", "Lebedev", "Novikov", "Morozov", "Volkov", "Sokolov", "Popov", "Zaytsev", "Pavlov")
GIVEN = ("Oleg", "Pavel", "Roman", "Sergey", "Timur", "Yuri", "Boris", "Denis", "Egor", "Filipp", "Gleb", "Ilya")


def _birth(rng: random.Random) -> PartialDate | None:
    year = rng.randint(1984, 1988)
    kind = rng.random()
    if kind < 0.1:
        return None
    if kind < 0.2:
        return PartialDate(year)
    if kind < 0.3:
        return PartialDate(year, 1, 1)
    if kind < 0.35:
        return PartialDate(year, rng.randint(1, 12))
    return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))


def _number(rng: random.Random, pool: list[str]) -> tuple[str, ...]:
    kind = rng.random()
    if kind < 0.5:
        return ()
    if kind < 0.7 and pool:  # one digit off another's
        other = rng.choice(pool)
        at = rng.randrange(len(other))
        return (other[:at] + str((int(other[at]) + 1) % 10) + other[at + 1:],)
    number = "".join(rng.choice("0123456789") for _ in range(9))
    pool.append(number)
    return (number,)


def _roster() -> list[MatchRecord]:
    rng = random.Random(1919)
    pool: list[str] = []
    records = []
    for k in range(330):
        surname, given, surname_latin, given_latin = rng.choice(NAMES)
        records.append(MatchRecord(f"n{k}", surname=surname, given_names=given, surname_latin=surname_latin,
                                   given_names_latin=given_latin, birth_date=_birth(rng),
                                   documents=_number(rng, pool), locality=rng.choice(("Tver", "Aleppo", ""))))
    for k in range(40):  # born on one day, other names: a wide full birth date
        records.append(MatchRecord(f"b{k}", surname=OTHERS[k % len(OTHERS)], given_names=GIVEN[k % len(GIVEN)],
                                   birth_date=PartialDate(1990, 3, 8), documents=_number(rng, pool)))
    for k in range(40):  # one surname, the year alone: a wide name word with its year
        records.append(MatchRecord(f"y{k}", surname="Kuznetsov", given_names=GIVEN[k % len(GIVEN)],
                                   birth_date=PartialDate(1975 + k % 2)))
    records.append(MatchRecord("blank", birth_date=PartialDate(1990, 3, 8)))
    records += [MatchRecord(f"g{k}", given_names="Ivan", birth_date=PartialDate(1986)) for k in range(25)]
    records += [MatchRecord(f"s{k}", surname=("Waller", "Ivanov")[k % 2], birth_date=_birth(rng),
                            documents=_number(rng, pool))
                for k in range(25)]  # a surname alone (one nobody with a given name bears): keys only a query has
    rng.shuffle(records)
    return records


def _set_path(prepared: list[Prepared], batch: int) -> list[tuple[list[int], list[int]]]:
    """The pairs `met_in_blocks` meets with the finder's narrowing, batch by batch (the code before the arrays)."""
    blocks = build_part_blocks([key_parts(record, indexing=True) for record in prepared])
    narrowing = DuplicateNarrowing(prepared)
    narrowing.wide = DUPLICATE_WIDE_BLOCK
    out = []
    for start in range(0, len(prepared), batch):
        queries = prepared[start:start + batch]
        rows, positions = met_in_blocks([blocking_keys(query, indexing=False) for query in queries], blocks,
                                        MAX_BLOCK, [query.birth_date for query in queries], narrowing, {}, queries,
                                        start)
        out.append((rows.tolist(), positions.tolist()))
    return out


@pytest.mark.parametrize("chunk", [duplicate_pairs._CHUNK, 500])  # the keys in one range, and in many
@pytest.mark.parametrize("batch", [1000, 37])
@pytest.mark.parametrize("codes", [duplicate_pairs._CODES, 1])  # a wide block's groups by key and group, or densely
def test_the_arrays_meet_the_pairs_the_set_path_meets(monkeypatch: pytest.MonkeyPatch, chunk: int,
                                                      batch: int, codes: int) -> None:
    monkeypatch.setattr(duplicate_pairs, "_CHUNK", chunk)
    monkeypatch.setattr(duplicate_pairs, "_CODES", codes)
    prepared = [prepare(record) for record in _roster()]
    pairs = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK)
    expected = _set_path(prepared, batch)
    met = []
    for start in range(0, len(prepared), batch):
        rows, positions = pairs.met(start, start + batch)
        met.append((rows.tolist(), positions.tolist()))
    assert met == expected
    assert sum(len(rows) for rows, _ in met) > 3_000  # the wide blocks were there to narrow


def test_every_kind_of_block_was_narrowed() -> None:
    prepared = [prepare(record) for record in _roster()]
    blocks = build_part_blocks([key_parts(record, indexing=True) for record in prepared])
    wide = {key.split("|", 1)[0] for key, block in blocks.items() if DUPLICATE_WIDE_BLOCK < len(block) <= MAX_BLOCK}
    assert {"n", "ng", "b", "ty", "yo"} <= wide


def test_the_finder_meets_on_the_arrays_the_pairs_it_met_with_sets() -> None:
    records = _roster()
    index = RosterIndex(records, twins_off_roster=False, wide_block=DUPLICATE_WIDE_BLOCK,
                        narrowing=DuplicateNarrowing)
    met = [(position, other) for position, found in enumerate(index._roster_compared()) for other, _ in found]
    expected = [(start + row, position) for start, (rows, positions) in
                zip(range(0, len(records), engine.ROWS_PER_BATCH), _set_path(index._prepared, engine.ROWS_PER_BATCH),
                    strict=True)
                for row, position in zip(rows, positions, strict=True)]
    compared = set(met)
    assert compared and compared <= set(expected)  # the pairs compared are those met, pruned alike
    assert index.comparisons == len(expected)
    assert find_duplicates(records)  # decided through the arrays


def test_an_empty_roster_and_a_lone_record_meet_nobody() -> None:
    for roster in ([], [prepare(MatchRecord("a", surname="Ivanov", given_names="Ivan"))]):
        pairs = RosterPairs(roster, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK)
        rows, positions = pairs.met(0, 1000)
        assert len(rows) == len(positions) == 0
        assert rows.dtype == positions.dtype == np.int64


# Numbers `_Keys` numbers on arrays (`dd|`: a number less one character): runs of one character (one key for the
# run), letters of three scripts, numbers too long for a packed int64 (their characters' bytes compared instead),
# numbers below the fuzzy length (no `dd|`), a registration holding two numbers one off each other (a key once),
# numbers of different lengths one deletion apart. (Numbers typed for no document, 123456789 or 99999999, are
# not numbers to the matcher: none here.)
LONG = "A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6"
BINARY = "0" + "1" * 68 + "0"  # two characters, 70 of them: past an int64 in base 2
NUMBERS = [("1122334455",), ("122334455",), ("1123334455",), ("AB1234567",), ("АБ1234567",), ("ب١٢٣٤٥٦٧",),
           ("ЖЯ4938271",), (LONG,), (LONG[:7] + LONG[8:],), (LONG[:-1] + "Z",), ("1245",), ("493827160", "493827169"),
           ("493827169",), ("49382716",), ("7733884422",), ("773388442",), (), (BINARY,), ("1" + BINARY[1:],),
           ("738291645", "73829164")]


def _number_roster() -> list[MatchRecord]:
    rng = random.Random(22)
    return [MatchRecord(f"d{k}", surname=rng.choice(OTHERS), given_names=rng.choice(GIVEN),
                        birth_date=_birth(rng) if k % 3 else None, documents=NUMBERS[k % len(NUMBERS)])
            for k in range(3 * len(NUMBERS))]


def test_the_numbers_keys_on_arrays_are_the_blocks_of_their_texts() -> None:
    prepared = [prepare(record) for record in _number_roster()]
    keys = duplicate_pairs._Keys(prepared)
    numbers, holders = keys._documents
    by_number: dict[int, list[int]] = {}
    for number, holder in zip(numbers.tolist(), holders.tolist(), strict=True):
        by_number.setdefault(number, []).append(holder)
    by_text: dict[str, list[int]] = {}
    for position, record in enumerate(prepared):
        for key in features._document_keys(record.documents):
            by_text.setdefault(key, []).append(position)
    assert len(numbers) == sum(map(len, by_text.values()))  # each (key, registration) once
    assert sorted(map(sorted, by_number.values())) == sorted(map(sorted, by_text.values()))
    assert max(map(len, by_text.values())) > 3  # numbers one off met across registrations


@pytest.mark.parametrize("batch", [1000, 7])
def test_the_arrays_meet_through_numbers_as_the_set_path(batch: int) -> None:
    prepared = [prepare(record) for record in _number_roster()]
    pairs = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK)
    met = []
    for start in range(0, len(prepared), batch):
        rows, positions = pairs.met(start, start + batch)
        met.append((rows.tolist(), positions.tolist()))
    assert met == _set_path(prepared, batch)
    assert sum(len(rows) for rows, _ in met) > 50


def test_blocks_of_thousands_are_left_or_narrowed_as_the_set_path() -> None:
    """A name and a number shared past `MAX_BLOCK` say too little to meet in (nor do its `dd|` keys); a name block
    of over a thousand is narrowed by birth dates; a number shared by a hundred meets them all."""
    rng = random.Random(2000)
    shared = ["".join(rng.choice("0123456789") for _ in range(9)) for _ in range(20)]
    records = [MatchRecord(f"w{k}", surname="Petrov", given_names="Petr", birth_date=_birth(rng),
                           documents=("738291645", shared[k % 20]))
               for k in range(MAX_BLOCK + 150)]
    records += [MatchRecord(f"m{k}", surname="Sidorov", given_names=GIVEN[k % 3], birth_date=_birth(rng),
                            documents=(f"7777777{k % 100:02d}",)) for k in range(1_200)]
    prepared = [prepare(record) for record in records]
    pairs = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK)
    rows, positions = pairs.met(0, len(prepared))
    ((expected_rows, expected_positions),) = _set_path(prepared, len(prepared))
    assert (rows.tolist(), positions.tolist()) == (expected_rows, expected_positions)
    assert len(rows) < len(prepared) * 200  # narrowed: not the 3,350 by 3,350 of the whole blocks
    assert len(rows) > (MAX_BLOCK + 150) * 100 / 2  # each Petrov met the hundred-odd holding his second number


def test_namesakes_in_tuples_of_their_own_are_one_name() -> None:
    """`_Keys` takes each tokens object once (namesakes read from a roster share one): equal tuples that are
    different objects are still one name, their keys and pairs those of the set path."""
    shared = [prepare(record) for record in _roster()]
    own = [record._replace(tokens=tuple(list(record.tokens))) if position % 2 else record
           for position, record in enumerate(shared)]
    assert any(a.tokens is not b.tokens for a, b in zip(shared, own, strict=True))
    names = duplicate_pairs._Keys(own).names.tolist()
    by_tokens: dict[tuple[object, ...], set[int]] = {}
    for record, name in zip(own, names, strict=True):
        by_tokens.setdefault(record.tokens, set()).add(name)
    assert all(len(numbers) == 1 for numbers in by_tokens.values())
    assert len(set(names)) == len(by_tokens)
    rows, positions = RosterPairs(own, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK).met(0, len(own))
    ((expected_rows, expected_positions),) = _set_path(own, len(own))
    assert (rows.tolist(), positions.tolist()) == (expected_rows, expected_positions)


_LATIN = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@pytest.mark.parametrize(("width", "letters"), [(6, "AB"), (9, _LATIN), (14, _LATIN),
                                                (8, "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" + _LATIN)])
def test_a_numbers_codes_less_one_character_are_those_of_the_number_made_without_it(width: int, letters: str) -> None:
    """`_codes_less_one` (each code put together from the digits before and after) gives the codes of the rows made
    without each column, numbers (or bytes, past int64: 36 letters in 14 places) equal for equal rows only."""
    rng = random.Random(width)
    texts = ["".join(rng.choice(letters) for _ in range(width)) for _ in range(300)]
    texts += [text[:3] + text[4:] + text[3] for text in texts[:50]] + texts[:20]  # neighbours and repeats
    rows = np.frombuffer("".join(texts).encode("utf-32-le"), np.uint32).reshape(len(texts), width)
    alphabet = np.unique(rows)
    made = duplicate_pairs._codes_less_one(rows, alphabet)
    assert len(made) == width
    for k, codes in enumerate(made):
        expected = duplicate_pairs._row_codes(np.delete(rows, k, axis=1), alphabet)
        assert codes.dtype == expected.dtype
        assert np.array_equal(codes, expected)
        dropped = [text[:k] + text[k + 1:] for text in texts]
        assert len(np.unique(codes)) == len(set(dropped))  # equal codes for equal texts only


def _unique_word(rng: random.Random) -> str:
    return "".join(rng.choice("BCDFGHKLMNPRSTVZ") + rng.choice("AEIOU") for _ in range(4))


def test_a_number_typed_for_hundreds_meets_nobody_and_a_familys_meets_them_all() -> None:
    """A number borne by more than `DUPLICATE_DOCUMENT_BLOCK` persons (the office's own, typed where the passport goes:
    breaker X20b) identifies nobody: its block (and its `dd|` keys') meets no pair, on the arrays as on the set path,
    so that its holders are not compared pair by pair; a family's shared number still meets all of them, and two
    registrations of one person among the holders still meet by name and birth date."""
    rng = random.Random(2028)
    holders = DUPLICATE_DOCUMENT_BLOCK + 50
    records = [MatchRecord(f"o{k}", surname=_unique_word(rng), given_names=_unique_word(rng),
                           birth_date=PartialDate(rng.randint(1940, 2010), rng.randint(1, 12), rng.randint(1, 28)),
                           documents=("AB1234567",)) for k in range(holders)]
    twice = dataclasses.replace(records[7], key="again")  # one of them registered again
    family = [MatchRecord(f"f{k}", surname=_unique_word(rng), given_names=_unique_word(rng),
                          birth_date=PartialDate(1980 + k * 3, 5, 9), documents=("AB7654321",)) for k in range(4)]
    prepared = [prepare(record) for record in [*records, twice, *family]]
    rows, positions = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK).met(0, len(prepared))
    ((expected_rows, expected_positions),) = _set_path(prepared, len(prepared))
    assert (rows.tolist(), positions.tolist()) == (expected_rows, expected_positions)
    met = set(zip(rows.tolist(), positions.tolist(), strict=True))
    assert len(met) < 20  # not the 150 * 151 / 2 pairs of the holders: a birth date shared by chance at most
    assert (7, holders) in met  # the registration again: its name and birth date
    assert {(a, b) for a in range(holders + 1, len(prepared)) for b in range(a + 1, len(prepared))} <= met
    assert [(pair.key_a, pair.key_b) for pair in find_duplicates([*records, twice])] == [("o7", "again")]


def test_a_records_birth_groups_are_its_dates_whether_persons_share_the_date_object_or_not() -> None:
    """`_SecondKeys` makes each birth date's groups once (a roster's persons share their date objects) and gathers
    them for the date's records: each record's groups are `DuplicateNarrowing._split`'s of its own date, whether
    equal dates are one object (as read from a roster) or each record's own, and the pairs are the set path's."""
    own = [prepare(record) for record in _roster()]
    one_object: dict[PartialDate | None, PartialDate | None] = {}
    shared = [record._replace(birth_date=one_object.setdefault(record.birth_date, record.birth_date))
              for record in own]
    assert len({id(record.birth_date) for record in shared}) < len({id(record.birth_date) for record in own})
    for prepared in (own, shared):
        expected: list[list[int]] = [[] for _ in prepared]
        for group, members in DuplicateNarrowing(prepared)._split(list(range(len(prepared)))).items():
            for member in members:
                expected[member].append(group + 1)
        seconds = duplicate_pairs._SecondKeys(prepared, duplicate_pairs._Keys(prepared))
        records = np.arange(len(prepared))[::-1]  # any order, as a range's rows come
        groups, counts = seconds.filed(duplicate_pairs._NAME, np.zeros(len(prepared), np.int64), records)
        starts = (np.cumsum(counts) - counts).tolist()
        made = [sorted(groups[start:start + count].tolist()) for start, count in zip(starts, counts.tolist(),
                                                                                    strict=True)]
        assert made == [sorted(expected[record]) for record in records.tolist()]
        assert {len(found) for found in made} == {1, 2, 4}  # undated, estimated and full dates all there
        rows, positions = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK).met(0, len(prepared))
        ((expected_rows, expected_positions),) = _set_path(prepared, len(prepared))
        assert (rows.tolist(), positions.tolist()) == (expected_rows, expected_positions)
