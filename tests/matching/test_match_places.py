"""Locality and address as Fellegi-Sunter fields: levels, term frequencies, the batch path, and the services.

A partner's answer with a City or Address column, and two registrations on one roster, are
weighed on where the person lives as well as on names, birth date and documents; a
household's members share their address, so a shared household leaves the places no
evidence of their own.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex
from desktop_app.matching.comparisons import (
    ADDRESS_BANDS,
    ADDRESS_F,
    HOUSEHOLD_F,
    LOCALITY_BANDS,
    LOCALITY_F,
    compare,
    compare_other,
    place_level,
)
from desktop_app.matching.fastpath import PairFields
from desktop_app.matching.features import prepare
from desktop_app.matching.model import Model, estimate_u
from desktop_app.matching.normalize import place_text
from desktop_app.services import persons
from desktop_app.services.duplicates import find_duplicates
from desktop_app.services.reconciling import reconcile_answer
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR, write_answer


def test_place_text_folds_scripts_punctuation_and_marks() -> None:
    assert place_text("Газа, ул. Омара Мухтара 12") == "GAZA UL OMARA MUKHTARA 12"
    assert place_text("16 O'Shanassy  St.") == "16 OSHANASSY ST"
    assert place_text("Déir al-Baláh") == "DEIR AL BALAH"
    assert place_text("رفح") != ""  # Arabic letters read in Latin (anyascii)
    assert place_text("  ") == ""


@pytest.mark.parametrize(("a", "b", "bands", "level"), [
    ("RAFAH", "RAFAH", LOCALITY_BANDS, 0),
    ("GAZA CITY", "GAZA CITI", LOCALITY_BANDS, 1),
    ("RAFAH", "JABALIA", LOCALITY_BANDS, 2),
    ("", "RAFAH", LOCALITY_BANDS, 3),
    ("16 OSHANASSY ST", "16 OSHANASY ST", ADDRESS_BANDS, 1),
    ("16 OSHANASSY ST", "61 OSHANASSY STREET", ADDRESS_BANDS, 2),
    ("16 OSHANASSY ST", "2 KING ROAD", ADDRESS_BANDS, 3),
    ("16 OSHANASSY ST", "", ADDRESS_BANDS, 4),
])
def test_place_levels(a: str, b: str, bands: tuple[float, ...], level: int) -> None:
    assert place_level(a, b, bands) == level


def test_batch_path_gives_the_plain_levels_of_places() -> None:
    rng = random.Random(3)
    localities = ["Gaza City", "Gaza Citi", "Газа", "Khan Younis", "Khan Yunis", "Rafah", "", "Deir al-Balah"]
    addresses = ["12 Omar Mukhtar St", "12 Omar Mukhtar Street", "21 Omar Mukhtar St", "Al-Rimal 5", "",
                 "ул. Ленина 5", "Block 14"]
    roster = [prepare(MatchRecord(i, surname="A", locality=rng.choice(localities), address=rng.choice(addresses)))
              for i in range(150)]
    queries = [prepare(MatchRecord(i, surname="A", locality=rng.choice([*localities, "Rafa"]),
                                   address=rng.choice([*addresses, "12 Omar Muktar"]))) for i in range(40)]
    rows, positions = np.repeat(np.arange(40), 150), np.tile(np.arange(150), 40)
    batch = PairFields(roster).levels(queries, rows, positions)
    plain = np.array([compare_other(queries[r], roster[p]) for r, p in zip(rows.tolist(), positions.tolist(),
                                                                            strict=True)])
    assert (batch == plain).all()
    assert set(batch[:, LOCALITY_F].tolist()) == {0, 1, 2, 3}
    assert set(batch[:, ADDRESS_F].tolist()) == {0, 1, 2, 3, 4}


def _roster_with_towns() -> list[MatchRecord]:
    rng = random.Random(5)
    records = []
    for i in range(1_500):
        town = "Rafah" if i % 2 else f"Village {i % 300}"  # half the roster in one town
        records.append(MatchRecord(i, surname_latin=f"S{i}", given_names_latin="G",
                                   birth_date=PartialDate(1950 + rng.randrange(60), 1 + rng.randrange(12), 1),
                                   locality=town, address=f"{town} block {rng.randrange(40)}"))
    return records


def test_a_rare_locality_agreeing_says_more_than_a_common_one() -> None:
    prepared = [prepare(r) for r in _roster_with_towns()]
    shipped = Model.shipped()
    model = shipped.with_u(estimate_u(prepared, shipped)).with_term_frequencies(prepared)
    common = compare(prepare(MatchRecord("q", locality="RAFAH")), prepared[1])
    rare = compare(prepare(MatchRecord("q", locality="village 4")), prepared[4])
    assert common.levels[LOCALITY_F] == rare.levels[LOCALITY_F] == 0
    common_bits, rare_bits = model.field_bits(common)[LOCALITY_F], model.field_bits(rare)[LOCALITY_F]
    assert 0.0 < common_bits < 1.0 < rare_bits
    assert model.u[LOCALITY_F][0] > 0.15  # sampled: a quarter of the roster's random pairs share Rafah


def test_a_shared_household_leaves_places_no_evidence_of_their_own() -> None:
    model = Model.shipped()
    a = prepare(MatchRecord(1, surname="Иванов", given_names="Иван", locality="Rafah", address="Block 4",
                            household_key="H-1"))
    b = prepare(MatchRecord(2, surname="Иванов", given_names="Пётр", locality="Rafah", address="Block 4",
                            household_key="H-1"))
    c = prepare(MatchRecord(3, surname="Иванов", given_names="Пётр", locality="Rafah", address="Block 4"))
    in_household, apart = model.field_bits(compare(a, b)), model.field_bits(compare(a, c))
    assert in_household[LOCALITY_F] == in_household[ADDRESS_F] == 0.0
    assert apart[LOCALITY_F] > 0.0 and apart[ADDRESS_F] > 0.0


def _person(db: Database, surname: str, given: str, born: str, locality: str, address: str) -> int:
    fields = {"surname": surname, "given_names": given, "birth_date": born, "locality": locality, "address": address}
    return persons.create_person(db, fields, operator=OPERATOR).id


def test_an_answers_city_column_ranks_the_namesake_who_lives_there_first(db: Database, tmp_path: Path) -> None:
    far = _person(db, "Иванова", "Анна", "1971-07-07", "Khan Younis", "Al-Amal, block 9")
    near = _person(db, "Иванова", "Анна", "1990-02-14", "Rafah", "Tal as-Sultan, block 3")
    path = write_answer(tmp_path / "answer.xlsx", ["Name", "City", "Address", "Decision"],
                        [["IVANOVA ANNA", "Rafah", "Tal as Sultan block 3", "approved"]])
    row = reconcile_answer(db, path).rows[0]
    assert row.candidates[0].person.person_id == near
    blind = write_answer(tmp_path / "blind.xlsx", ["Name", "Decision"], [["IVANOVA ANNA", "approved"]])
    assert reconcile_answer(db, blind).rows[0].candidates[0].person.person_id == far  # names alone: a tie
    shown = {field: (level, bits) for field, level, bits in row.candidates[0].contributions}
    assert shown["locality"][0] == "equal" and shown["locality"][1] > 0
    assert shown["address"][0] == "equal" and shown["address"][1] > 0


def test_duplicates_weigh_the_address_of_two_registrations(db: Database) -> None:
    first = _person(db, "Петров", "Олег", "1979-09-09", "Rafah", "Tal as-Sultan, block 3")
    second = _person(db, "Петров", "Олег", "1979-09-09", "Rafah", "Tal as Sultan block 3")
    found = [p for p in find_duplicates(db) if {p.a.id, p.b.id} == {first, second}]
    assert found
    shown = {field: level for field, level, _ in found[0].contributions}
    assert shown["address"] == "equal" and shown["locality"] == "equal"


def test_ranking_weights_carry_the_localitys_frequency_and_the_household_rule() -> None:
    """The index ranks on arrays (`RosterIndex._weights`): the same bits as `Model.field_bits`, places included."""
    roster = _roster_with_towns()
    roster = [replace(r, household_key=f"H-{r.key // 2}") if r.key < 200 else r for r in roster]
    index = RosterIndex(roster)
    queries = [replace(r, key=f"q{r.key}", given_names_latin="GG") for r in roster[:400]]
    compared = [index._compared(prepare(record), None) for record in queries]
    weights = index._weights(compared)
    expected = [[index.model.prior_bits + sum(index.model.field_bits(c)) for _, c in pairs] for pairs in compared]
    assert [w for row in weights for w in row] == pytest.approx([w for row in expected for w in row], rel=1e-12,
                                                                abs=1e-12)
    assert any(c.place_key for pairs in compared for _, c in pairs)
    assert any(c.levels[HOUSEHOLD_F] == 0 for pairs in compared for _, c in pairs)
