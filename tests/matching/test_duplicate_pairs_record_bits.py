"""The finder's merged (block, record, look-up) numbers keep the record in the low bits of the roster's size rounded
up to a power of two (`RosterPairs._chunk`'s `shift`): at every size around a power of two, and a roster of one, the
arrays meet the pairs the set path meets, a wide block's groups numbered by key and group or densely.

The file's other tests use a roster of 461 records, whose last records already need the ninth bit: a shift worked
out one bit short only where the size is just above a power of two (257, 513) meets pairs of the wrong records there
and nowhere else (breaker X22a).
"""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.matching import duplicate_pairs
from desktop_app.matching.duplicate_pairs import RosterPairs
from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, MAX_BLOCK
from desktop_app.matching.features import Prepared, prepare
from tests.matching.test_duplicate_pairs import _roster, _set_path

BATCH = 100


def _prepared(size: int) -> list[Prepared]:
    """The first `size` records of the file's roster taken twice over (its records again under keys of their own:
    every pair of a person's two registrations is met), so that sizes past 512 are there."""
    records = _roster()
    doubled = [*records, *(dataclasses.replace(record, key=f"again-{record.key}") for record in records)]
    return [prepare(record) for record in doubled[:size]]


@pytest.mark.parametrize("codes", [duplicate_pairs._CODES, 1])  # a wide block's groups by key and group, or densely
@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 128, 129, 256, 257, 512, 513])
def test_the_arrays_meet_the_set_paths_pairs_at_every_size_around_a_power_of_two(
        monkeypatch: pytest.MonkeyPatch, codes: int, size: int) -> None:
    monkeypatch.setattr(duplicate_pairs, "_CODES", codes)
    prepared = _prepared(size)
    assert len(prepared) == size
    pairs = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK)
    met = []
    for start in range(0, size, BATCH):
        rows, positions = pairs.met(start, start + BATCH)
        met.append((rows.tolist(), positions.tolist()))
    assert met == _set_path(prepared, BATCH)
    if size > 256:  # the records past the last power of two are in pairs: their top bit is read
        top = 1 << (size - 1).bit_length() - 1
        assert any(start + row >= top or position >= top
                   for start, (rows, positions) in zip(range(0, size, BATCH), met, strict=True)
                   for row, position in zip(rows, positions, strict=True))
