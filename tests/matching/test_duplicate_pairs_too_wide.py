"""The duplicate finder on a roster whose every block is wider than `MAX_BLOCK` (found by breaker X19k, session 16).

A key shared by more than `MAX_BLOCK` records says too little to meet in, so its block is left out. A roster
of persons who all carry one name, one birth date and one number (placeholders typed into every row of an
import, or one family's name carried by thousands) leaves no block at all on the index side, while a query
may still hold keys of its own (the given name's sound initial, asked only by queries). `RosterPairs`
crashed there twice: the keys' weights were summed into an integer array (numpy's `bincount` of nothing is
integer even with float weights), and a range of keys with nothing filed and nothing looked up indexed the
end of an empty array. The finder must meet nobody there, as the set path (`met_in_blocks`) does.

    QT_QPA_PLATFORM=offscreen python -m pytest -q tests/matching/test_duplicate_pairs_too_wide.py
"""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.duplicate_pairs import RosterPairs
from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, IDENTICAL, MAX_BLOCK, find_duplicates
from desktop_app.matching.features import prepare
from desktop_app.matching.records import MatchRecord
from tests.matching.test_duplicate_pairs import _set_path

# Each: the same person typed `MAX_BLOCK + 1` times; every key they hold is shared by all of them.
SAME = {
    "a name with a year": MatchRecord("", surname="Ivanov", given_names="Ivan", birth_date=PartialDate(1990)),
    "a name alone": MatchRecord("", surname="Ivanov", given_names="Ivan"),
    "a birth date alone": MatchRecord("", birth_date=PartialDate(1990, 3, 8)),
    "a number alone": MatchRecord("", documents=("AB4938271",)),
    # Its given name's sound initial is a key only a query asks for: the index side has none, the query side has.
    "an Arabic name, a full date and a number": MatchRecord("", surname="محمد", given_names="أحمد",
                                                            birth_date=PartialDate(1990, 3, 8),
                                                            documents=("N123456",)),
}


def _copies(record: MatchRecord, count: int) -> list[MatchRecord]:
    return [MatchRecord(f"p{k}", surname=record.surname, given_names=record.given_names,
                        birth_date=record.birth_date, documents=record.documents) for k in range(count)]


@pytest.mark.parametrize("shape", sorted(SAME))
def test_a_roster_of_blocks_too_wide_meets_nobody_as_the_set_path(shape: str) -> None:
    prepared = [prepare(record) for record in _copies(SAME[shape], MAX_BLOCK + 1)]
    assert all(len(rows) == 0 for rows, _ in _set_path(prepared, 1000))  # the definition: nobody met
    pairs = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK)
    for start in range(0, len(prepared), 1000):
        rows, positions = pairs.met(start, start + 1000)
        assert len(rows) == len(positions) == 0
        assert rows.dtype == positions.dtype == np.int64


@pytest.mark.parametrize("shape", sorted(SAME))
def test_the_finder_finds_no_pair_where_every_block_is_too_wide(shape: str) -> None:
    """No block meets them; copies alike in names and a full birth date (session 19) are each offered for merging into
    the first, as copies of one registration (`engine.IDENTICAL`), and the others not at all."""
    found = [(pair.key_a, pair.key_b, IDENTICAL in pair.reasons) for pair in find_duplicates(_copies(SAME[shape],
                                                                                                     MAX_BLOCK + 1))]
    identical = shape == "an Arabic name, a full date and a number"
    assert sorted(found) == sorted(("p0", f"p{k}", True) for k in range(1, MAX_BLOCK + 1) if identical)


def test_one_block_narrow_enough_beside_the_too_wide_still_meets() -> None:
    """The roster above with two persons of another name: they meet each other, nobody else."""
    records = _copies(SAME["an Arabic name, a full date and a number"], MAX_BLOCK + 1)
    records += [MatchRecord("x1", surname="Orlov", given_names="Gleb", birth_date=PartialDate(1970, 2, 3),
                            documents=("77 1234567",)),
                MatchRecord("x2", surname="Orlov", given_names="Gleb", birth_date=PartialDate(1970, 2, 3),
                            documents=("77 1234567",))]
    prepared = [prepare(record) for record in records]
    pairs = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK)
    rows, positions = pairs.met(0, len(prepared))
    assert sorted(zip(rows.tolist(), positions.tolist(), strict=True)) == [(len(prepared) - 2, len(prepared) - 1)]
    assert [(pair.key_a, pair.key_b) for pair in find_duplicates(records) if IDENTICAL not in pair.reasons] == [
        ("x1", "x2")]
