"""A kept index warmed in the background (the roster's side of a batch built at once) decides as a cold one.

`RosterIndex.warm` builds what a kept index's first fresh copy would otherwise build (the cheap fields'
and name words' arrays, the narrowing, what a batch's blocks are made from), not every block; the fresh
copies a kept index hands out must then share it and give the plain path's pairs, counts and decisions,
answer after answer. The service's `warm_roster_index` builds the kept index of a real roster so that the
next reconcile finds it ready, and a reconcile after a warm-up reads as one without.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.domain.errors import Cancelled
from desktop_app.matching import RosterIndex
from desktop_app.matching.model import HouseholdsCount
from desktop_app.services import persons
from desktop_app.services.reconciling import reconcile_answer, warm_roster_index
from desktop_app.services.reconciling.roster import forget_roster_index, roster_index, roster_index_ready
from desktop_app.storage.db import Database
from tests.matching.test_engine_fastpath import _awkward, _decided, _plain
from tests.services.test_reconcile_roster import OPERATOR, build_roster, write_answer


def _roster_side(index: RosterIndex) -> tuple[object, ...]:
    """What every batch reads of the roster, as the index holds it."""
    return index._fields, index._name_levels, index._narrowing, index._by_second_key, index._batch_blocks


def test_a_warmed_index_decides_as_the_plain_path_answer_after_answer() -> None:
    people = make_roster(3_000, seed=41)
    roster, awkward, _ = _awkward([roster_record(p) for p in people], random.Random(42))
    kept = RosterIndex(roster)
    kept.warm()
    assert kept.warmed and kept._blocks is None  # every block is not built: each batch makes the blocks it asks for
    households = kept.model.shared_addresses
    assert isinstance(households, HouseholdsCount) and households.counted_yet  # a places answer's first need
    built = _roster_side(kept)
    assert all(part is not None for part in built)
    for seed in (43, 44):
        answer, _ = make_answer(people, 400, seed=seed)
        answer += awkward[:60]
        plain_index = RosterIndex(roster)
        plain, pairs, names = _plain(plain_index, answer)
        warm = kept.fresh()
        assert all(part is made for part, made in zip(_roster_side(warm), built, strict=True))  # not built again
        assert [_decided(found) for found in warm.candidates_for_all(answer)] == plain
        assert (warm.comparisons, warm.name_comparisons) == (pairs, names)
        assert sum(1 for found in plain if found and found[0][1] == "match") > 250


def test_a_warmed_roster_is_reconciled_without_building_again_and_as_without(db: Database, tmp_path: Path) -> None:
    forget_roster_index()
    build_roster(db)
    path = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                        [["SHCHERBAKOV IVAN", "05.03.1980", "721234567", "approved"],
                         ["SMIRNOV ALEKSEI", "09.04.2001", "", "approved"],
                         ["IVANOVA ANNA", "", "", "approved"],
                         ["NOBODY KNOWN", "01.01.1950", "", "approved"]])
    cold = reconcile_answer(db, path)
    forget_roster_index()
    assert warm_roster_index(db) == cold.roster_size
    persons, index = roster_index(db)
    assert index.warmed and index._blocks is None  # the warm-up built the roster's side of a batch, not every block
    assert warm_roster_index(db) == cold.roster_size and roster_index(db)[0] is persons  # nothing built again
    warm = reconcile_answer(db, path)
    assert [(r.row, r.outcome, [(c.person.person_id, c.score, c.decision) for c in r.candidates])
            for r in warm.rows] == [(r.row, r.outcome, [(c.person.person_id, c.score, c.decision)
                                                         for c in r.candidates]) for r in cold.rows]
    assert [r.outcome.value for r in warm.rows][:1] == ["match"]


def test_a_cancelled_warm_up_stops_and_keeps_nothing(db: Database) -> None:
    forget_roster_index()
    build_roster(db)
    with pytest.raises(Cancelled):
        warm_roster_index(db, cancelled=lambda: True)
    assert not roster_index_ready(db)
    warm_roster_index(db)
    assert roster_index_ready(db)
    persons.update_person(db, next(iter(roster_index(db)[0])), {"locality": "Rafah"}, operator=OPERATOR)
    assert not roster_index_ready(db)  # out of date once the roster changed


def test_a_reconciled_roster_is_ready_and_its_warm_up_builds_nothing_more(db: Database, tmp_path: Path) -> None:
    forget_roster_index()
    build_roster(db)
    path = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                        [["SHCHERBAKOV IVAN", "05.03.1980", "721234567", "approved"]])
    assert not roster_index_ready(db)
    reconcile_answer(db, path)  # the kept index's first fresh copy builds the roster's side of a batch
    assert roster_index_ready(db)
    built = _roster_side(roster_index(db)[1])
    warm_roster_index(db)
    assert all(part is made for part, made in zip(_roster_side(roster_index(db)[1]), built, strict=True))
