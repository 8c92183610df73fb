"""Breaker X23c (issue 19): G39's pruning of the key build (852631a, `duplicate_pairs._meeting`) attacked for recall.

`_meeting` leaves out, before the key build's sort, the rows that meet nobody, told through a table of hashed
buckets shared by blocks. The risk is a row dropped that met somebody: a pair lost without a word. Here it meets
what should hurt a hash table: block numbers all falling in one bucket of the default table (made on purpose through
`_SPREAD`'s inverse) and numbers equal modulo the table's size, the rows filed about the table's size boundaries
(511 to 513, 1,023 to 1,025: the table doubles at 512 and 1,024), queries whose only record after them is the very
next one (copies registered in sequence), and rosters met through `RosterPairs` with every block squeezed into two
buckets: random rosters of 0 to 500, a block of everybody, blocks about `DUPLICATE_WIDE_BLOCK`, X19i's hostile
rosters and a camp. Everything held (the pairs are the set path's); these tests keep it so. They fail when `_meeting`
drops the query meeting only the next record (`> asked_by + 1`) or hashes the two sides into different tables.

    pytest -q tests/matching/test_duplicate_pairs_meeting_attacks_x23c.py
"""

from __future__ import annotations

import functools
import random

import numpy as np
import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import duplicate_pairs
from desktop_app.matching.duplicate_pairs import _SPREAD, RosterPairs, _buckets, _meeting
from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, MAX_BLOCK
from desktop_app.matching.features import Prepared, prepare
from desktop_app.matching.records import MatchRecord
from tests.matching import test_counts_and_pairs_attacks_x19i as x19i
from tests.matching.test_duplicate_pairs import GIVEN, NAMES, OTHERS, _birth, _number, _set_path
from tests.matching.test_duplicates_identical_copies import _camp

_INVERSE = pow(int(_SPREAD), -1, 1 << 64)  # block * _SPREAD * _INVERSE == block (modulo 2**64)


def _default_bits(filed: int) -> int:
    """The table `_meeting` takes by default for `filed` rows filed (at least twice them, at least 1,024 buckets)."""
    return max(int(2 * filed - 1).bit_length(), 10)


def _one_bucket(rng: random.Random, count: int, bits: int) -> list[int]:
    """`count` distinct block numbers below 2**62 that all fall in bucket 0 of a table of 2**`bits`."""
    out: set[int] = set()
    while len(out) < count:
        block = rng.randrange(1 << (64 - bits)) * _INVERSE % (1 << 64)  # its product with _SPREAD: top bits 0
        if block < 1 << 62:
            out.add(block)
    return sorted(out)


def _must_keep(filed: tuple[np.ndarray, np.ndarray], asked: tuple[np.ndarray, np.ndarray]
               ) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The rows that meet somebody, by the plain definition (a look-up meets its block's records after its query)."""
    last: dict[int, int] = {}
    for block, record in zip(*(side.tolist() for side in filed), strict=True):
        last[block] = max(last.get(block, -1), record)
    meeting = {(block, query) for block, query in zip(*(side.tolist() for side in asked), strict=True)
               if last.get(block, -1) > query}
    first: dict[int, int] = {}
    for block, query in meeting:
        first[block] = min(first.get(block, query), query)
    met = {(block, record) for block, record in zip(*(side.tolist() for side in filed), strict=True)
           if first.get(block, record) < record}
    return met, meeting


def _kept(filed: tuple[np.ndarray, np.ndarray], asked: tuple[np.ndarray, np.ndarray], n: int
          ) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    (filed_at, filed_by), (asked_at, asked_by) = _meeting(*filed, *asked, n)
    return (set(zip(filed_at.tolist(), filed_by.tolist(), strict=True)),
            set(zip(asked_at.tolist(), asked_by.tolist(), strict=True)))


@pytest.mark.parametrize("filed", [511, 512, 513, 1023, 1024, 1025])
@pytest.mark.parametrize("blocks", ["one bucket", "equal modulo the table", "dense"])
def test_no_meeting_row_is_dropped_about_the_tables_size_and_with_every_block_colliding(filed: int,
                                                                                        blocks: str) -> None:
    rng = random.Random(filed)
    bits = _default_bits(filed)
    if blocks == "one bucket":
        numbers = _one_bucket(rng, filed // 3, bits)
        assert len(set(_buckets(np.array(numbers, np.int64), bits).tolist())) == 1
    elif blocks == "equal modulo the table":
        numbers = [k << bits for k in range(filed // 3)] + [(k << bits) + 1 for k in range(filed // 3)]
    else:
        numbers = list(range(filed // 3))
    n = 3 * filed
    filed_rows = (np.array([rng.choice(numbers) for _ in range(filed)], np.int64),
                  np.array([rng.randrange(n) for _ in range(filed)], np.int64))
    asked_rows = (np.array([rng.choice(numbers) for _ in range(2 * filed)], np.int64),
                  np.array([rng.randrange(n) for _ in range(2 * filed)], np.int64))
    met, meeting = _must_keep(filed_rows, asked_rows)
    assert met and meeting
    kept_filed, kept_asked = _kept(filed_rows, asked_rows, n)
    assert met <= kept_filed and meeting <= kept_asked


def test_a_query_meeting_only_the_next_record_is_kept_among_many_that_meet_nobody() -> None:
    """Copies registered in sequence: each block holds a query q and a record q + 1 alone; thousands of look-ups of
    other blocks (records before them) meet nobody. Every pair stays, the others mostly go."""
    n = 20_000
    pairs = [(7 * k + 3, 2 * k) for k in range(2_000)]  # (block, query); its record is query + 1
    filed_rows = (np.array([block for block, _ in pairs] + [7 * k + 5 for k in range(4_000)], np.int64),
                  np.array([query + 1 for _, query in pairs] + [k for k in range(4_000)], np.int64))
    asked_rows = (np.array([block for block, _ in pairs] + [7 * k + 5 for k in range(4_000)], np.int64),
                  np.array([query for _, query in pairs] + [k + 10_000 for k in range(4_000)], np.int64))
    met, meeting = _must_keep(filed_rows, asked_rows)
    assert meeting == set(pairs) and len(met) == len(pairs)
    kept_filed, kept_asked = _kept(filed_rows, asked_rows, n)
    assert met <= kept_filed and meeting <= kept_asked
    assert len(kept_asked) < len(pairs) + 2_000  # most look-ups meeting nobody left out


def _random_roster(seed: int, size: int) -> list[MatchRecord]:
    """Namesakes of the wide blocks of test_duplicate_pairs, others, placeholder dates, shared and one-off numbers."""
    rng = random.Random(seed)
    pool: list[str] = []
    out = []
    for k in range(size):
        if rng.random() < 0.5:
            surname, given, surname_latin, given_latin = rng.choice(NAMES)
        else:
            surname, given, surname_latin, given_latin = rng.choice(OTHERS), rng.choice(GIVEN), "", ""
        birth = (_birth(rng) if rng.random() < 0.9
                 else rng.choice([None, PartialDate(1986, 1, 1), PartialDate(1986, 7, 1), PartialDate(1985)]))
        out.append(MatchRecord(f"r{k}", surname=surname, given_names=given, surname_latin=surname_latin,
                               given_names_latin=given_latin, birth_date=birth,
                               documents=_number(rng, pool) if rng.random() < 0.8 else ("AB1234567",)))
    return out


def _met(prepared: list[Prepared]) -> tuple[list[int], list[int]]:
    rows, positions = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK).met(0, len(prepared))
    return rows.tolist(), positions.tolist()


def _rosters() -> dict[str, list[Prepared]]:
    out = {f"random {seed}": [prepare(record) for record in _random_roster(seed, size)]
           for seed, size in ((0, 0), (1, 1), (2, 2), (3, 57), (4, 211), (5, 389), (6, 500))}
    for size in (DUPLICATE_WIDE_BLOCK, DUPLICATE_WIDE_BLOCK + 1, 201):
        out[f"{size} alike in every field"] = [prepare(MatchRecord(
            f"o{k}", surname="Ivanov", given_names="Ivan", birth_date=PartialDate(1980, 1, 1),
            documents=("AB1234567",))) for k in range(size)]
    out["mixed hostile (X19i)"] = x19i._hostile("mixed")
    out["21 of one surname and year (X19i)"] = x19i._hostile("21 of one surname and year")
    out["camp"] = [prepare(record) for record in _camp(random.Random(3), 1_500, ())]
    return out


@pytest.mark.parametrize("bits", [None, 1])  # the default table, and every block in two buckets
def test_the_finders_pairs_are_the_set_paths_with_the_pruning_at_any_table(monkeypatch: pytest.MonkeyPatch,
                                                                        bits: int | None) -> None:
    monkeypatch.setattr(duplicate_pairs, "_meeting", functools.partial(_meeting, bits=bits))
    for name, prepared in _rosters().items():
        expected = _set_path(prepared, max(len(prepared), 1))[0] if prepared else ([], [])
        assert _met(prepared) == expected, name
