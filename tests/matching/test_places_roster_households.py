"""The places-only rule is the roster's (issue 14): a town and an address finish a match only where the roster
shows it holds no households.

A pair that only its town and address lift to a match stays at review on a roster of families (a brother or a
son at the same address, breaker X14). On a roster whose persons of one surname live at addresses of their own
(FEBRL's), that rule threw away true pairs: the roster counts, at each opening, how many of its persons have
another person of their surname, not the same person typed again, at their address (`Model.places_finish`).
"""

from __future__ import annotations

import random
from dataclasses import replace

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex, find_duplicates
from desktop_app.matching.features import prepare
from desktop_app.matching.model import PLACES_RULE_BAR, Model, SharedAddresses, shared_addresses
from desktop_app.matching.scoring import PLACES_FINISH

TOWN, STREET = "Beit Hanoun", "Street 9, house 4"
PLACE_ONLY = "only the town and address make it a match"
SURNAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов"]
GIVEN = ["Иван", "Пётр", "Сергей", "Алексей", "Андрей", "Дмитрий", "Михаил", "Николай", "Егор", "Олег", "Фёдор",
         "Юрий", "Борис", "Григорий", "Лев", "Роман", "Тимур", "Ярослав", "Вадим", "Кирилл"]
RUSTAM = MatchRecord(1, surname="Зиннатуллин", given_names="Рустам", birth_date=PartialDate(1960, 5, 5),
                     locality=TOWN, address=STREET)
# Surname and given name, the town and the address: without the places below a match, with them above it.
ROW = MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", locality=TOWN, address="Street 9 house 4")


def _roster(n: int, *, households: bool) -> list[MatchRecord]:
    """`n` persons of ten surnames: each at an address of their own, or in households of two to four of one
    surname (the same persons, names and birth dates alike)."""
    rng = random.Random(n)
    out: list[MatchRecord] = []
    home = 0
    while len(out) < n:
        surname, size = rng.choice(SURNAMES), (2 + rng.randrange(3) if households else 1)
        for _ in range(size):
            home += not households or not out or out[-1].surname != surname or size == 1
            out.append(MatchRecord(100 + len(out), surname=surname, given_names=rng.choice(GIVEN),
                                   birth_date=PartialDate(1940 + rng.randrange(60), 1 + rng.randrange(12),
                                                          1 + rng.randrange(28)),
                                   locality=rng.choice(["Rafah", "Gaza", "Khan Younis", TOWN]),
                                   address=f"street {home % 97} house {home // 97}"))
    return out[:n]


def test_a_roster_without_households_lets_the_places_finish_the_match() -> None:
    index = RosterIndex([*_roster(1_500, households=False), RUSTAM])
    assert index.model.places_finish()
    found = index.candidates(ROW)
    assert (found[0].key, found[0].decision) == (1, "match")
    assert PLACES_FINISH in found[0].reasons and PLACE_ONLY not in found[0].reasons


def test_the_same_pair_stays_at_review_on_a_roster_of_households() -> None:
    index = RosterIndex([*_roster(1_500, households=True), RUSTAM])
    assert not index.model.places_finish()
    found = index.candidates(ROW)
    assert (found[0].key, found[0].decision) == (1, "review")
    assert PLACE_ONLY in found[0].reasons and PLACES_FINISH not in found[0].reasons


def test_a_small_roster_keeps_the_rule() -> None:
    """300 persons at addresses of their own: too few to show there are no households."""
    index = RosterIndex([*_roster(300, households=False), RUSTAM])
    assert not index.model.places_finish()
    assert index.model.shared_addresses == SharedAddresses(300, 0)
    assert (index.candidates(ROW)[0].decision, PLACE_ONLY in index.candidates(ROW)[0].reasons) == ("review", True)


def test_the_batch_path_decides_as_the_pair_alone() -> None:
    for households, decision in ((False, "match"), (True, "review")):
        index = RosterIndex([*_roster(1_500, households=households), RUSTAM])
        found = index.candidates_for_all([ROW, replace(ROW, key="r")], limit=2)
        assert [(row[0].key, row[0].decision) for row in found] == [(1, decision)] * 2


def test_the_duplicate_finder_asks_its_roster_too() -> None:
    """Рустам registered twice, once without his birth date: his name, town and address."""
    again = replace(RUSTAM, key=2, birth_date=None, address="Street 9 house 4")
    for households, decision in ((False, "match"), (True, "review")):
        pairs = find_duplicates([*_roster(1_500, households=households), RUSTAM, again])
        found = [p for p in pairs if {p.key_a, p.key_b} == {1, 2}]
        assert [p.decision for p in found] == [decision]
        assert (PLACES_FINISH if households is False else PLACE_ONLY) in found[0].reasons


def test_registrations_of_one_person_are_no_household() -> None:
    """A person typed again at one address (another given-name key or birth date, but two of the same initial,
    birth year and number) is not another person sharing it; a brother (another initial, year and number) is."""
    person = MatchRecord(1, surname="Kirra", given_names="Kirra", birth_date=PartialDate(1990, 11, 11),
                         documents=("6678130",), address="5 Main street")
    again = [replace(person, key=2, given_names="Kira", birth_date=PartialDate(1901, 3, 4)),   # initial, number
             replace(person, key=3, given_names="Mira", birth_date=PartialDate(1990, 3, 4)),   # year, number
             replace(person, key=4, given_names="Kirill", birth_date=PartialDate(1990, 1, 1),
                     documents=())]   # initial and year
    for registration in again:  # each beside the person (two copies may share only the number: two persons)
        assert shared_addresses([prepare(r) for r in [person, registration]]) == SharedAddresses(0, 0)
    brother = replace(person, key=5, given_names="Bob", birth_date=PartialDate(1960, 1, 1), documents=("1",))
    elsewhere = replace(brother, key=6, given_names="Tom", address="7 Other street")
    assert shared_addresses([prepare(r) for r in [person, brother, elsewhere]]) == SharedAddresses(3, 2)


def test_the_bound_needs_enough_persons() -> None:
    assert SharedAddresses(1_000, 0).upper() > PLACES_RULE_BAR >= SharedAddresses(1_500, 0).upper()
    assert SharedAddresses(100_000, 300).upper() > PLACES_RULE_BAR  # 0.3 %: households, if few
    assert not Model.shipped().places_finish()  # no roster counted: the rule holds
