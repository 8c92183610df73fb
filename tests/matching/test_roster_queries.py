"""The duplicate finder's queries are the roster's own records (issue 19): `indexed_from` reads them from the index.

`fastpath.PairFields.columns` and `fastpath.NameLevels.names` with `indexed_from` take the queries' fields and
name words from the arrays made for the roster (and keep the word pairs' levels, the patterns and each pair of
places' level from one batch to the next) instead of making them again from the records. Batch by batch, they
must give what the general path gives for the same records passed as queries.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from bench.matching_data import make_roster, roster_record
from desktop_app.matching import RosterPreparing
from desktop_app.matching.comparisons import ADDRESS_BANDS, ADDRESS_F, LOCALITY_BANDS, LOCALITY_F
from desktop_app.matching.fastpath import NameLevels, PairFields
from desktop_app.matching.features import Prepared


def _roster() -> list[Prepared]:
    """The generated roster made ready as the database's is (namesakes sharing tokens), with a record without
    a name, one with more name words than the bulk path takes, one with two numbers, one undated, and namesakes
    born elsewhere."""
    records = [roster_record(person) for person in make_roster(1_500, seed=71)]
    records[5] = replace(records[5], surname="", given_names="", patronymic="", surname_latin="",
                         given_names_latin="")
    records[6] = replace(records[6], surname="A B C D E F G", given_names="H")
    records[7] = replace(records[7], documents=("72 1234567", "AB1234567"))
    records[8] = replace(records[8], birth_date=None)
    records += [replace(record, key=f"again-{k}", locality="Rafah", address="") for k, record in
                enumerate(records[:60])]
    # Places written alike and apart, so that each level of a place is met, many times over, across batches.
    localities = ("Rafah", "Rafa", "Rafah Camp", "Khan Younis", "Khan Yunis", "Gaza", "Gazza", "Deir al-Balah")
    streets = ("Omar Mukhtar St", "Omar Al Mukhtar Street", "Salah al-Din Rd", "Salah Eldin Road", "Al Jalaa St")
    records = [replace(record, locality=localities[k % len(localities)],
                       address=f"{streets[k % len(streets)]} {k % 11}") if k % 3 == 0 else record
               for k, record in enumerate(records)]
    preparing = RosterPreparing()
    return [preparing.prepared(r.key, r.surname, r.given_names, r.patronymic, r.surname_latin, r.given_names_latin,
                               r.birth_date, r.sex, r.documents, r.uuid, r.case_ref, r.household_key, r.locality,
                               r.address) for r in records]


def _batches(n: int, size: int) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """Batches of `size` queries from 0 on, each met with records after it (rows within the batch) and with
    random records (some before it)."""
    rng = np.random.default_rng(72)
    out = []
    for start in range(0, n, size):
        count = min(size, n - start)
        rows = rng.integers(0, count, 6_000)
        positions = np.concatenate((np.minimum(start + rows[:3_000] + rng.integers(1, 40, 3_000), n - 1),
                                    rng.integers(0, n, 3_000)))
        out.append((start, rows, positions))
    return out


def test_the_rosters_own_queries_give_the_general_paths_fields_and_names_batch_by_batch() -> None:
    roster = _roster()
    fields, names = PairFields(roster), NameLevels(roster)
    plain_fields, plain_names = PairFields(roster), NameLevels(roster)
    named = schemes = 0
    met: set[tuple[int, ...]] = set()
    for start, rows, positions in _batches(len(roster), 400):
        queries = roster[start:start + 400]
        indexed = fields.levels(queries, rows, positions, indexed_from=start)
        assert indexed.tolist() == plain_fields.levels(queries, rows, positions).tolist()
        met.update(tuple(row) for row in indexed.tolist())
        found = names.names(queries, rows, positions, indexed_from=start)
        assert found == plain_names.names(queries, rows, positions)
        named += sum(1 for pair in found if pair is not None)
        schemes += sum(1 for pair in found if pair is not None and pair[2])
    assert len(met) > 20  # the cheap fields met at many levels, not one for all
    for field, bands in ((LOCALITY_F, LOCALITY_BANDS), (ADDRESS_F, ADDRESS_BANDS)):  # every level of a place
        assert {row[field] for row in met} == set(range(len(bands) + 3))
    assert named > 20_000 and schemes > 0  # names compared in bulk, some with notes
    assert len(names._roster_levels) > 1_000  # word pairs kept from batch to batch

