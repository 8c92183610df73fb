"""Breaker X14's attacks on locality and address: places rank namesakes but never make a match alone.

A town and an address belong to a household and its neighbours, not to one person. Replayed:
an answer row 'ZINNATULLIN RAMIL' with the town and address of Зиннатуллин Рустам (his brother,
not on the roster) and no birth date or document was matched to Рустам at 0.9995; a row giving
only a name and the town of an off-list namesake was matched at 0.999 (without places the same
row went to review); a son without an address on the roster lost to his father who had one.
"""

from __future__ import annotations

import random
from dataclasses import replace

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching import MatchRecord, RosterIndex, find_duplicates
from desktop_app.services import persons
from desktop_app.services.duplicates import find_duplicates as find_duplicates_on_roster
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR

TOWN, STREET = "Beit Hanoun", "Street 9, house 4"


def _neighbours(n: int = 300) -> list[MatchRecord]:
    rng = random.Random(1)
    surnames = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов"]
    given = ["Иван", "Пётр", "Сергей", "Алексей", "Андрей", "Дмитрий"]
    return [MatchRecord(100 + i, surname=rng.choice(surnames), given_names=rng.choice(given),
                        birth_date=PartialDate(1950 + rng.randrange(60), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                        locality=rng.choice(["Rafah", "Gaza", "Khan Younis", TOWN]),
                        address=f"block {rng.randrange(300)}")
            for i in range(n)]


def _rustam(**extra: object) -> MatchRecord:
    fields: dict[str, object] = {"surname": "Зиннатуллин", "given_names": "Рустам",
                                 "birth_date": PartialDate(1960, 5, 5), "locality": TOWN, "address": STREET}
    fields.update(extra)
    return MatchRecord(1, **fields)  # type: ignore[arg-type]


def test_a_brother_at_the_same_address_is_not_matched() -> None:
    index = RosterIndex([*_neighbours(), _rustam()])
    for sex in (None, Sex.MALE):
        found = index.candidates(MatchRecord.from_full_name("q", "ZINNATULLIN RAMIL", sex=sex, locality=TOWN,
                                                            address="Street 9 house 4"))
        assert found[0].key == 1
        assert found[0].decision == "review"
        assert "only the town and address make it a match" in found[0].reasons


def test_a_name_and_a_town_alone_go_to_review() -> None:
    index = RosterIndex([*_neighbours(), _rustam()])
    for address in ("", "Street 9 house 4"):
        found = index.candidates(MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", locality=TOWN, address=address))
        assert (found[0].key, found[0].decision) == (1, "review")
        assert found[0].score > 0.99  # the places still rank him first and show in the score


def test_a_father_with_an_address_does_not_win_over_his_son_without_one() -> None:
    son = MatchRecord(2, surname="Зиннатуллин", given_names="Рустам", birth_date=PartialDate(1988, 3, 3),
                      household_key="H")
    index = RosterIndex([*_neighbours(), _rustam(household_key="H"), son])
    found = index.candidates(MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", locality=TOWN,
                                                        address="Street 9 house 4"))
    assert {c.key for c in found[:2]} == {1, 2}
    assert all(c.decision != "match" for c in found)


def test_places_still_confirm_a_person_their_birth_date_names() -> None:
    index = RosterIndex([*_neighbours(), _rustam()])
    found = index.candidates(MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", birth_date=PartialDate(1960, 5, 5),
                                                        locality=TOWN, address="Street 9 house 4"))
    assert (found[0].key, found[0].decision) == (1, "match")
    assert "only the town and address make it a match" not in found[0].reasons


def test_the_duplicate_finder_does_not_call_a_father_and_son_at_one_address_one_person() -> None:
    """Replayed: Рустам born 1960 and Рустам born 1988 at one address were a duplicate 'match' at 1.0."""
    father = MatchRecord(1, surname="Зиннатуллин", given_names="Рустам", birth_date=PartialDate(1960, 1, 1),
                         locality=TOWN, address=STREET)
    son = replace(father, key=2, birth_date=PartialDate(1988, 1, 1))
    brother = replace(father, key=3, given_names="Рамиль", birth_date=None)
    pairs = {frozenset((p.key_a, p.key_b)): p for p in find_duplicates([*_neighbours(), father, son, brother])}
    for pair in ({1, 2}, {1, 3}, {2, 3}):
        found = pairs.get(frozenset(pair))
        assert found is None or found.decision != "match"


def test_the_duplicates_service_does_not_merge_a_father_and_son_by_their_address(db: Database) -> None:
    fields = {"surname": "Зиннатуллин", "given_names": "Рустам", "locality": TOWN, "address": STREET}
    father = persons.create_person(db, {**fields, "birth_date": "1960-01-01"}, operator=OPERATOR).id
    son = persons.create_person(db, {**fields, "birth_date": "1988-01-01"}, operator=OPERATOR).id
    found = [p for p in find_duplicates_on_roster(db) if {p.a.id, p.b.id} == {father, son}]
    assert all(p.decision != "match" for p in found)
