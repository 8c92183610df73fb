"""The roster's households counted when first asked (G32's 5a60c21), through the reconcile service's kept index
(breaker X21c, session 19).

The index is kept between reconciles while the roster is unchanged and each reconcile answers through a fresh copy
sharing one count (`HouseholdsCount`). On a real SQLite roster of persons at addresses of their own, where a town
and an address may finish a match (`Model.places_finish`): reconciles side by side, one answer giving places and
one not, decide as each alone on a cold index; a household then added at one address (persons of one surname)
must lift the places-only rule on the next reconcile, as a cold run after the edit does, not keep the count made
before the edit.
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.matching.model import HouseholdsCount
from desktop_app.services import persons
from desktop_app.services.reconciling import Outcome, Reconciliation, reconcile_answer
from desktop_app.services.reconciling.roster import forget_roster_index, roster_index
from desktop_app.storage.db import Database
from tests.matching.test_places_roster_households import RUSTAM, _roster
from tests.services.test_reconcile_roster import OPERATOR, write_answer

PLACES = ["Name", "Town", "Address", "Decision"]
NAMES = ["Name", "Decision"]


def _store(db: Database) -> None:
    """1,500 persons at addresses of their own (`_roster`), and Рустам at his (Street 9, house 4)."""
    for record in [*_roster(1_500, households=False), RUSTAM]:
        assert record.birth_date is not None
        persons.create_person(db, {"surname": record.surname, "given_names": record.given_names,
                                   "birth_date": record.birth_date.iso(), "locality": record.locality,
                                   "address": record.address}, operator=OPERATOR)


def _decided(reconciliation: Reconciliation) -> list[tuple[str, list[tuple[int, str, float, tuple[str, ...]]]]]:
    return [(row.outcome.value, [(c.person.person_id, c.decision, c.score, c.reasons) for c in row.candidates])
            for row in reconciliation.rows]


def test_places_counted_on_a_kept_index_decide_as_a_cold_run_side_by_side_and_after_a_household_moves_in(
        db: Database, tmp_path: Path) -> None:
    forget_roster_index()
    _store(db)
    places = write_answer(tmp_path / "places.xlsx", PLACES, [["ZINNATULLIN RUSTAM", RUSTAM.locality,
                                                              "Street 9 house 4", "approved"]])
    names = write_answer(tmp_path / "names.xlsx", NAMES, [["ZINNATULLIN RUSTAM", "approved"],
                                                          ["IVANOV IVAN", "approved"]])
    cold = {}
    for path in (places, names):
        forget_roster_index()
        cold[path] = _decided(reconcile_answer(db, path))
    assert cold[places][0][0] == Outcome.MATCH.value  # no households: his name, town and address finish it

    forget_roster_index()
    counting = roster_index(db)[1].model.shared_addresses
    assert isinstance(counting, HouseholdsCount) and not counting.counted_yet  # kept, its households not counted yet
    seen: dict[Path, list[object]] = {places: [], names: []}
    start = threading.Barrier(4)

    def reconcile(path: Path) -> None:
        start.wait()
        seen[path].append(_decided(reconcile_answer(db, path)))

    threads = [threading.Thread(target=reconcile, args=(path,)) for path in (places, names, places, names)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {path: [cold[path]] * 2 for path in (places, names)}
    assert counting.counted_yet and roster_index(db)[1].model.shared_addresses is counting

    # A household moves in: two brothers of one surname at one address. The roster now shows households.
    for given, born in (("Ахмед", "1970-01-02"), ("Тимур", "1975-06-07")):
        persons.create_person(db, {"surname": "Хамдан", "given_names": given, "birth_date": born,
                                   "locality": "Rafah", "address": "block 5, tent 12"}, operator=OPERATOR)
    after = _decided(reconcile_answer(db, places))
    forget_roster_index()
    assert after == _decided(reconcile_answer(db, places))
    assert after[0][0] == Outcome.REVIEW.value
