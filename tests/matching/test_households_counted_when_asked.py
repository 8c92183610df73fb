"""The roster's households are counted when a pair first asks (issue 19): `Model.with_households` leaves
`shared_addresses` to count (`HouseholdsCount`), and only a pair agreeing on places alone asks whether the places
may finish it (`Model.places_finish`). An answer giving no places never counts them; one that does decides as if
they had been counted when the roster's index was built.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from desktop_app.matching import RosterIndex
from desktop_app.matching.features import prepare
from desktop_app.matching.model import HouseholdsCount, SharedAddresses, shared_addresses
from tests.matching.test_places_roster_households import ROW, RUSTAM, _roster

# Рустам by his names alone: no town, no address.
NAMES_ONLY = replace(ROW, key="n", locality="", address="")


def test_an_answer_without_places_never_counts_the_households() -> None:
    index = RosterIndex([*_roster(1_500, households=False), RUSTAM])
    counting = index.model.shared_addresses
    assert isinstance(counting, HouseholdsCount) and not counting.counted_yet
    found = index.candidates_for_all([NAMES_ONLY], limit=2)
    assert found[0][0].key == 1
    assert not counting.counted_yet
    assert index.fresh().model.shared_addresses is counting  # a kept index's fresh copies share the one count


def test_counted_when_asked_decides_as_counted_at_once() -> None:
    for households, decision in ((False, "match"), (True, "review")):
        records = [*_roster(1_500, households=households), RUSTAM]
        index = RosterIndex(records)
        at_once = RosterIndex(records, model=replace(
            index.model, shared_addresses=shared_addresses([prepare(r) for r in records])))
        rows = [ROW, replace(ROW, key="r"), NAMES_ONLY]
        found, expected = index.candidates_for_all(rows, limit=2), at_once.candidates_for_all(rows, limit=2)
        assert [(c.key, c.decision, c.score, c.reasons) for row in found for c in row] == [
            (c.key, c.decision, c.score, c.reasons) for row in expected for c in row]
        assert found[0][0].decision == decision
        counting = index.model.shared_addresses
        assert isinstance(counting, HouseholdsCount) and counting.counted_yet
        assert index.model.households() == counting.counted() == at_once.model.households()


def test_reconciles_side_by_side_count_once_alike() -> None:
    records = [prepare(r) for r in _roster(1_500, households=True)]
    counting = HouseholdsCount(records)
    seen: list[SharedAddresses] = []
    threads = [threading.Thread(target=lambda: seen.append(counting.counted())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [shared_addresses(records)] * 4
    assert counting == seen[0] and counting == HouseholdsCount(records) and counting != HouseholdsCount([])
