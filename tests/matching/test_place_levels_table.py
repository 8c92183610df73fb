"""The duplicate finder's place levels read from a table by the pair of codes (`fastpath.KnownPlaces`).

The roster's own records as queries (`PairFields.columns(..., indexed_from=...)`) keep the level of each pair of
locality and address codes met; while a roster has at most `DENSE_PLACES` distinct values of a place the levels are
read from a square table by the two codes, beyond it from a dict. Both give `compare_other`'s levels, batch after
batch (a later batch reads what an earlier one filled in).
"""

from __future__ import annotations

import random

import numpy as np

from desktop_app.matching import MatchRecord
from desktop_app.matching.comparisons import ADDRESS_BANDS, ADDRESS_F, LOCALITY_BANDS, LOCALITY_F, compare_other
from desktop_app.matching.fastpath import DENSE_PLACES, KnownPlaces, PairFields
from desktop_app.matching.features import Prepared, prepare

LOCALITIES = ["Gaza City", "Gaza Citi", "Газа", "Khan Younis", "Khan Yunis", "Rafah", "", "Deir al-Balah"]
ADDRESSES = ["12 Omar Mukhtar St", "12 Omar Mukhtar Street", "21 Omar Mukhtar St", "Al-Rimal 5", "",
             "ул. Ленина 5", "Block 14"]


def _roster(size: int, addresses: list[str]) -> list[Prepared]:
    rng = random.Random(11)
    return [prepare(MatchRecord(i, surname="A", locality=rng.choice(LOCALITIES), address=rng.choice(addresses)))
            for i in range(size)]


def _batches(roster: list[Prepared], fields: PairFields, batch: int) -> tuple[np.ndarray, np.ndarray]:
    """The levels of each batch's records against every record after it, as the finder asks them, and
    `compare_other`'s, stacked."""
    found, plain = [], []
    for start in range(0, len(roster), batch):
        queries = roster[start:start + batch]
        rows = np.repeat(np.arange(len(queries)), len(roster))
        positions = np.tile(np.arange(len(roster)), len(queries))
        later = positions > rows + start
        rows, positions = rows[later], positions[later]
        found.append(fields.levels(queries, rows, positions, indexed_from=start))
        plain.append(np.array([compare_other(queries[r], roster[p]) for r, p in
                               zip(rows.tolist(), positions.tolist(), strict=True)]))
    return np.concatenate(found), np.concatenate(plain)


def test_the_table_gives_the_plain_levels_of_places_batch_after_batch() -> None:
    roster = _roster(120, ADDRESSES)
    fields = PairFields(roster)
    found, plain = _batches(roster, fields, 30)
    assert (found == plain).all()
    assert set(found[:, LOCALITY_F].tolist()) == {0, 1, 2, 3}
    assert set(found[:, ADDRESS_F].tolist()) == {0, 1, 2, 3, 4}
    locality, address = fields._places_known
    assert locality.table is not None and address.table is not None
    assert not locality.by_pair and not address.by_pair
    assert locality.side == len(set(LOCALITIES) - {""}) + 1
    # Every pair of values met is filled in, both ways round where both were met; the rest stay unknown (-1).
    assert (locality.table >= 0).sum() > locality.side * 2


def test_more_values_than_the_table_takes_are_kept_by_pair_and_give_the_plain_levels() -> None:
    many = [f"{n} Omar Mukhtar St" for n in range(DENSE_PLACES + 1)]
    roster = _roster(60, ADDRESSES)
    roster += [prepare(MatchRecord(60 + i, surname="A", locality="Rafah", address=address))
               for i, address in enumerate(many)]
    fields = PairFields(roster)
    queries = roster[:60]  # the first 60 against everyone after them, in two batches
    found, plain = [], []
    for start in (0, 30):
        batch = queries[start:start + 30]
        rows = np.repeat(np.arange(30), len(roster))
        positions = np.tile(np.arange(len(roster)), 30)
        later = positions > rows + start
        rows, positions = rows[later], positions[later]
        found.append(fields.levels(batch, rows, positions, indexed_from=start))
        plain.append(np.array([compare_other(batch[r], roster[p]) for r, p in
                               zip(rows.tolist(), positions.tolist(), strict=True)]))
    assert (np.concatenate(found) == np.concatenate(plain)).all()
    locality, address = fields._places_known
    assert locality.table is not None and address.table is None  # 7 localities; 2,048 and more addresses
    assert address.by_pair


def test_a_table_starts_with_missing_and_equal_and_is_made_again_for_another_number_of_values() -> None:
    known = KnownPlaces()
    table = known.square(3, ADDRESS_BANDS)
    assert table is not None and known.side == 4
    square = table.reshape(4, 4)
    missing = len(ADDRESS_BANDS) + 2
    assert (square[0] == missing).all() and (square[:, 0] == missing).all()
    assert square[1:, 1:].tolist() == [[0, -1, -1], [-1, 0, -1], [-1, -1, 0]]
    table[1 * 4 + 2] = 1
    assert known.square(3, ADDRESS_BANDS) is table  # kept while the values are as many
    wider = known.square(4, LOCALITY_BANDS)
    assert wider is not None and known.side == 5 and (wider >= -1).all() and wider[1 * 5 + 2] == -1
    assert known.square(DENSE_PLACES, LOCALITY_BANDS) is not None
    assert known.square(DENSE_PLACES + 1, LOCALITY_BANDS) is None
