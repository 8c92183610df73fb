"""The duplicate finder's key build leaves out, before its sort, the rows that meet nobody (issue 19):
`duplicate_pairs._meeting` against the plain definition, with the table's buckets shared by many blocks and not.

A look-up (block, query) meets the records filed in its block after its query; a record filed (block, record) is met
by the look-ups of its block before it. `_meeting` may keep a row meeting nobody (its bucket shared with a block that
meets), never drop one that meets somebody, and the pairs met are the same with its rows as with all of them.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from desktop_app.matching.duplicate_pairs import _SPREAD, _buckets, _meeting


def _rows(rng: random.Random, count: int, blocks: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    at = np.array([rng.randrange(blocks) * 1_000_003 for _ in range(count)], np.int64)  # sparse block numbers
    return at, np.array([rng.randrange(n) for _ in range(count)], np.int64)


def _pairs(filed: tuple[np.ndarray, np.ndarray], asked: tuple[np.ndarray, np.ndarray]) -> set[tuple[int, int, int]]:
    """(block, query, record) for every look-up and record after its query in its block: the plain definition."""
    by_block: dict[int, list[int]] = {}
    for block, record in zip(*filed, strict=True):
        by_block.setdefault(int(block), []).append(int(record))
    return {(int(block), int(query), record) for block, query in zip(*asked, strict=True)
            for record in by_block.get(int(block), ()) if record > query}


@pytest.mark.parametrize("bits", [1, 3, None])  # every block in one or two buckets, eight, the default table
@pytest.mark.parametrize("seed", range(6))
def test_rows_meeting_nobody_are_left_out_and_the_pairs_stay(bits: int | None, seed: int) -> None:
    rng = random.Random(seed)
    n = 60
    filed, asked = _rows(rng, 300, 40, n), _rows(rng, 500, 60, n)  # many look-ups of blocks holding no record
    (filed_at, filed_by), (asked_at, asked_by) = _meeting(*filed, *asked, n, bits=bits)
    pairs = _pairs(filed, asked)
    assert pairs  # the rows meet somebody
    assert _pairs((filed_at, filed_by), (asked_at, asked_by)) == pairs
    kept_asked = set(zip(asked_at.tolist(), asked_by.tolist(), strict=True))
    kept_filed = set(zip(filed_at.tolist(), filed_by.tolist(), strict=True))
    assert {(block, query) for block, query, _ in pairs} <= kept_asked
    assert {(block, record) for block, _, record in pairs} <= kept_filed
    if bits is None:  # the default table: most rows meeting nobody are left out
        assert len(asked_at) < len(asked[0]) and len(filed_at) < len(filed[0])
        meeting = {(block, query) for block, query, _ in pairs}
        assert len(kept_asked - meeting) <= len(meeting)


def test_nothing_filed_or_nothing_asked_meets_nobody() -> None:
    rows = (np.array([5, 5], np.int64), np.array([0, 1], np.int64))
    none = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    for filed, asked in ((rows, none), (none, rows)):
        (filed_at, _), (asked_at, _) = _meeting(*filed, *asked, 2)
        assert len(filed_at) == 0 and len(asked_at) == 0


def test_a_query_meets_the_records_after_it_only() -> None:
    """A record filed at the query's own position or before it is not met; one after it is."""
    filed = (np.array([7, 7, 9], np.int64), np.array([3, 4, 2], np.int64))
    asked = (np.array([7, 9], np.int64), np.array([3, 2], np.int64))
    (filed_at, filed_by), (asked_at, asked_by) = _meeting(*filed, *asked, 10, bits=20)
    assert list(zip(filed_at.tolist(), filed_by.tolist(), strict=True)) == [(7, 4)]
    assert list(zip(asked_at.tolist(), asked_by.tolist(), strict=True)) == [(7, 3)]


@pytest.mark.parametrize("bits", [1, 10, 23, 40])
def test_a_blocks_bucket_is_the_top_bits_of_its_number_times_the_spread(bits: int) -> None:
    """`_buckets` as Python's integers work it out: (block * `_SPREAD`) modulo 2**64, its top `bits` bits."""
    rng = random.Random(bits)
    blocks = [0, 1, 2, (1 << 62) - 1, *(rng.randrange(1 << 62) for _ in range(200))]
    found = _buckets(np.array(blocks, np.int64), bits)
    assert found.tolist() == [(block * int(_SPREAD)) % (1 << 64) >> (64 - bits) for block in blocks]
    assert found.min() >= 0 and found.max() < 1 << bits
