"""A batch's pairs from its blocks (`fastpath.met_in_blocks`) are the positions `RosterIndex._positions` meets.

Every query gets the union of its blocks of at most the largest size, each position once and
ascending; a query meeting nothing, or only blocks too large to say anything, gets no pair.
"""

from __future__ import annotations

import random

from desktop_app.matching.fastpath import met_in_blocks

LARGEST = 2_000


def test_pairs_met_in_blocks_are_each_querys_union_of_blocks() -> None:
    rng = random.Random(61)
    blocks = {f"k{i}": sorted(rng.sample(range(5_000), rng.randint(1, 40))) for i in range(3_000)}
    blocks["everyone"] = list(range(LARGEST + 1))  # too large: met by nobody
    blocks["empty"] = []
    keys = [set(rng.sample(sorted(blocks), rng.randint(0, 6))) | ({"everyone"} if rng.random() < 0.1 else set())
            | ({"unknown key"} if rng.random() < 0.1 else set()) for _ in range(800)]
    keys[5] = {"everyone", "unknown key"}
    rows, positions = met_in_blocks(keys, blocks, LARGEST)
    expected = []
    for row, query_keys in enumerate(keys):
        met: set[int] = set()
        for key in query_keys:
            block = blocks.get(key)
            if block and len(block) <= LARGEST:
                met.update(block)
        expected += [(row, position) for position in sorted(met)]
    assert list(zip(rows.tolist(), positions.tolist(), strict=True)) == expected
    assert len(expected) > 10_000 and 5 not in set(rows.tolist())


def test_no_pairs_when_nothing_is_met() -> None:
    rows, positions = met_in_blocks([set(), {"nothing"}], {"a": [1, 2]}, LARGEST)
    assert rows.tolist() == [] and positions.tolist() == []
