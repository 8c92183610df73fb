"""A household's address weighed given its surname (issue 14): its u counted on the roster's own pairs.

A household shares its surname and its town and address, so Fellegi-Sunter's independence overweighs
the places of a pair whose surname agrees: on a roster of families its brother at the same address
gains the address's full bits. `Model.address_given_surname` counts, on the roster's pairs of persons
sharing a surname key, how often they share the address too: high on a roster of families (the address
says little beyond the surname), low on a roster of persons registered alone (it says much), the prior
of a crisis roster of families on a roster too small or without places to tell.
"""

from __future__ import annotations

import random

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex
from desktop_app.matching.comparisons import name_key
from desktop_app.matching.features import prepare
from desktop_app.matching.model import ADDRESS_GIVEN_SURNAME_PRIOR, address_given_surname
from tests.matching.test_attacks_households import _household_roster

SURNAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков",
            "Морозов", "Волков", "Абдуллаев", "Гусейнов", "Хасанов", "Зайцев", "Орлов", "Белов", "Сидоров"]
GIVEN = ["Иван", "Пётр", "Сергей", "Алексей", "Андрей", "Дмитрий", "Рустам", "Рамиль", "Михаил", "Николай"]
TOWNS = ["Rafah", "Gaza", "Khan Younis", "Deir al-Balah", "Beit Hanoun", "Jabalia"]


def _alone(n: int, seed: int = 3) -> list[MatchRecord]:
    """Persons each registered alone: surname, town and address drawn apart (FEBRL's kind of roster)."""
    rng = random.Random(seed)
    surnames = [f"{a}{b}" for a in SURNAMES for b in ("", "ский", "енко", "ишвили", "ян", "оглу")]
    return [MatchRecord(f"p{i}", surname=rng.choice(surnames), given_names=rng.choice(GIVEN),
                        birth_date=PartialDate(1940 + rng.randrange(60), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                        locality=rng.choice(TOWNS), address=f"street {rng.randrange(60)} house {rng.randrange(40)}")
            for i in range(n)]


def _address_bits(index: RosterIndex, row: MatchRecord, key: object) -> float:
    found = next(c for c in index.candidates(row, limit=10) if c.key == key)
    return next(bits for field, _, bits in found.contributions if field == "address")


def test_the_roster_says_how_often_persons_of_one_surname_share_the_address() -> None:
    families, _ = _household_roster(1, households=600)
    counted = address_given_surname([prepare(r) for r in families])
    assert 0.01 < counted.overall < 0.05  # 15 surnames: most pairs sharing one are of two households
    assert counted.of(name_key(("ПЕТРОВ",))) > counted.overall  # the Petrovs' households are fewer than most
    assert address_given_surname([prepare(r) for r in _alone(2_000)]).overall < 0.005  # one in 2,400 addresses
    # Too few pairs to tell, or no addresses recorded: a crisis roster's families are assumed.
    assert address_given_surname([prepare(r) for r in _alone(3)]).overall == ADDRESS_GIVEN_SURNAME_PRIOR


def test_a_son_named_alike_at_the_same_address_on_a_roster_of_families_gains_less_from_it() -> None:
    """The waterfall shows the address's smaller part: his surname already said 'this household'."""
    families, _ = _household_roster(1, households=600)
    head = next(r for r in families if r.key == "0-0")
    son = MatchRecord("row", surname=head.surname, given_names=head.given_names, locality=head.locality,
                      address=head.address)
    index = RosterIndex(families)
    assert _address_bits(index, son, head.key) < 6.5  # 8.9 bits before: the address's u among random pairs
    assert all(c.decision != "match" for c in index.candidates(son))
    alone = [r for r in _alone(1_000) if r.surname != head.surname or r.address != head.address]
    assert _address_bits(RosterIndex([*alone, head]), son, head.key) > 9.0  # one in 2,400 addresses


def test_a_surname_that_differs_keeps_the_address_weighed_as_before() -> None:
    """Only a pair whose surname agrees shares the household's evidence: another family at the address is rare."""
    families, _ = _household_roster(1, households=600)
    head = next(r for r in families if r.key == "0-0")
    other = "Сидоров" if head.surname != "Сидоров" else "Орлов"
    row = MatchRecord("row", surname=other, given_names=head.given_names, birth_date=head.birth_date,
                      locality=head.locality, address=head.address)
    assert _address_bits(RosterIndex(families), row, head.key) > 8.0
