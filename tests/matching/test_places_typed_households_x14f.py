"""Breaker X14f on the places-only rule decided by the roster's households (issue 14).

`Model.places_finish` lifts the rule where the roster's persons of one surname do not share an address. A
mission roster is written by several clerks: one household's members come in with their address typed each in
its own way ('Street 9, house 4', 'St. 9, h. 4', the flat added, in Arabic with Arabic-Indic digits). Compared
as equal texts they are all at addresses of their own, and the roster of families looked household-free: an
answer row naming Рустам's brother Рамиль at Рустам's address (no birth date, no document) was matched to
Рустам at 0.999 ('the town and address finish the match: no households on this roster'); before the rule was
the roster's, and with the addresses typed alike, it went to review.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex, find_duplicates
from desktop_app.matching.features import prepare
from desktop_app.matching.model import Model, shared_addresses
from desktop_app.matching.scoring import PLACES_FINISH
from tests.matching.test_places_roster_households import _roster

TOWN, STREET = "Beit Hanoun", "Street 9, house 4"
PLACE_ONLY = "only the town and address make it a match"
SURNAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков",
            "Морозов", "Волков", "Абдуллаев", "Гусейнов", "Хасанов"]
GIVEN = ["Иван", "Пётр", "Сергей", "Алексей", "Андрей", "Дмитрий", "Михаил", "Николай", "Артём", "Егор", "Олег",
         "Юрий"]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# One address as four clerks typed it.
FORMS = ("street {s} house {h}", "st. {s}, h. {h}", "street {s}, house {h}, flat {f}", "شارع {a} منزل {b}")
RUSTAM = MatchRecord(1, surname="Зиннатуллин", given_names="Рустам", birth_date=PartialDate(1960, 5, 5),
                     locality=TOWN, address=STREET)
BROTHER_AT_HOME = MatchRecord.from_full_name("q", "ZINNATULLIN RAMIL", locality=TOWN, address="Street 9 house 4")


def _families(n: int) -> list[MatchRecord]:
    """`n` persons in households of two to four of one surname and town, each member's address typed in
    another form (a generation apart, another given name each: a household, not one person again)."""
    rng = random.Random(n)
    out: list[MatchRecord] = []
    household = 0
    while len(out) < n:
        household += 1
        surname, town = rng.choice(SURNAMES), rng.choice(["Rafah", "Gaza", "Khan Younis"])
        street, house, flat = rng.randrange(600), rng.randrange(400), 1 + rng.randrange(9)
        forms = rng.sample(FORMS, len(FORMS))
        for member in range(2 + rng.randrange(3)):
            address = forms[member].format(s=street, h=house, f=flat, a=str(street).translate(ARABIC_DIGITS),
                                           b=str(house).translate(ARABIC_DIGITS))
            out.append(MatchRecord(100 + len(out), surname=surname, given_names=GIVEN[(household + 5 * member) % 12],
                                   birth_date=PartialDate(1940 + 17 * member + rng.randrange(10),
                                                          1 + rng.randrange(12), 1 + rng.randrange(28)),
                                   locality=town, address=address))
    return out[:n]


def test_a_household_typed_by_several_clerks_is_still_a_household() -> None:
    found = shared_addresses([prepare(r) for r in _families(1_500)])
    assert found.at_one_address > found.persons // 2  # every member has a brother or father at home


def test_the_brother_at_the_same_address_stays_at_review() -> None:
    index = RosterIndex([*_families(2_000), RUSTAM])
    assert not index.model.places_finish()
    found = index.candidates(BROTHER_AT_HOME)
    assert (found[0].key, found[0].decision) == (1, "review")
    assert PLACE_ONLY in found[0].reasons and PLACES_FINISH not in found[0].reasons
    batch = index.candidates_for_all([BROTHER_AT_HOME], limit=2)
    assert [(c.key, c.decision) for c in batch[0][:1]] == [(1, "review")]


def test_the_duplicate_finder_does_not_join_a_father_and_his_son_named_after_him() -> None:
    """The son registered without a birth date at his father's address (a match at 0.99999 before the fix)."""
    son = MatchRecord(2, surname="Зиннатуллин", given_names="Рустам", locality=TOWN, address="Street 9 house 4")
    pairs = [p for p in find_duplicates([*_families(2_000), RUSTAM, son]) if {p.key_a, p.key_b} == {1, 2}]
    assert [p.decision for p in pairs] == ["review"]
    assert PLACE_ONLY in pairs[0].reasons


def test_persons_of_one_surname_in_other_towns_or_at_other_numbers_are_no_household() -> None:
    """The numbers of an address are shared with a household in the same town: namesakes at 'street 9 house 4'
    of another town, or at another number of the same town, are not at one address; a brother in Arabic is."""
    apart = [prepare(r) for r in _roster(1_500, households=False)]  # FEBRL-like: nobody shares an address
    base = MatchRecord(1, surname="Petrov", given_names="Ivan", birth_date=PartialDate(1950, 1, 1),
                       locality="Gaza", address="street 9 house 4")
    others = [MatchRecord(2, surname="Petrov", given_names="Oleg", birth_date=PartialDate(1970, 2, 2),
                          locality="Rafah", address="st. 9, h. 4"),
              MatchRecord(3, surname="Petrov", given_names="Yuri", birth_date=PartialDate(1980, 3, 3),
                          locality="Gaza", address="st. 9, h. 5")]
    alone = shared_addresses([*apart, *map(prepare, [base, *others])])
    assert alone.at_one_address == 0 and replace(Model.shipped(), shared_addresses=alone).places_finish()
    brother = MatchRecord(4, surname="Petrov", given_names="Sergei", birth_date=PartialDate(1975, 4, 4),
                          locality="Gaza", address="شارع ٩ منزل ٤")
    assert shared_addresses([*apart, *map(prepare, [base, *others, brother])]).at_one_address == 2


def _heads_with_the_address(n: int) -> list[MatchRecord]:
    """`n` persons in households the roster records (a household reference each), the address written on the
    head of the household only, the members' left empty."""
    rng = random.Random(n)
    out: list[MatchRecord] = []
    household = 0
    while len(out) < n:
        household += 1
        surname, town = rng.choice(SURNAMES), rng.choice(["Rafah", "Gaza", "Khan Younis"])
        address = f"street {rng.randrange(600)} house {rng.randrange(400)}"
        for member in range(2 + rng.randrange(3)):
            out.append(MatchRecord(100 + len(out), surname=surname, given_names=GIVEN[(household + 5 * member) % 12],
                                   birth_date=PartialDate(1940 + 17 * member + rng.randrange(10),
                                                          1 + rng.randrange(12), 1 + rng.randrange(28)),
                                   locality=town, address="" if member else address, household_key=f"H{household}"))
    return out[:n]


def test_households_the_roster_records_are_households_where_only_the_head_has_an_address() -> None:
    """A brother at the head's address was matched at 0.999: 1,655 heads at addresses of their own."""
    index = RosterIndex([*_heads_with_the_address(5_000), RUSTAM])
    assert not index.model.places_finish()
    found = index.candidates(BROTHER_AT_HOME)
    assert (found[0].key, found[0].decision) == (1, "review")
    assert PLACE_ONLY in found[0].reasons


WIVES = ["Fatima", "Aisha", "Mariam", "Zeinab", "Huda", "Salma", "Noor", "Rania", "Layla", "Amal"]


def _couples(n: int) -> list[MatchRecord]:
    """`n` persons, married couples at an address each: a wife keeps her own surname (Arab naming), the children
    are inscribed in their parents' documents and not registered, so no two persons of one surname share one."""
    rng = random.Random(n)
    out: list[MatchRecord] = []
    while len(out) < n:
        husband, wife = rng.sample(SURNAMES, 2)
        town = rng.choice(["Rafah", "Gaza", "Khan Younis"])
        address = f"street {rng.randrange(6000)} house {rng.randrange(400)}"
        born = 1940 + rng.randrange(50)
        for surname, given, year in ((husband, rng.choice(GIVEN), born), (wife, rng.choice(WIVES), born + 3)):
            out.append(MatchRecord(100 + len(out), surname=surname, given_names=given,
                                   birth_date=PartialDate(year, 1 + rng.randrange(12), 1 + rng.randrange(28)),
                                   locality=town, address=address))
    return out[:n]


@pytest.mark.xfail(strict=True, reason="left open (breaker X14f): a household whose roster persons all carry "
                   "different surnames (couples; children not registered) shows nobody of one surname at one "
                   "address; counting persons of any surname at one address instead sees 121 of FEBRL2's 4,000 "
                   "originals and would keep the rule on every roster")
def test_a_son_named_after_his_father_on_a_roster_of_couples_stays_at_review() -> None:
    """Рустам's son, named after him, at his address, no birth date: matched at 1.0 since the rule is the roster's
    (review before)."""
    index = RosterIndex([*_couples(3_000), RUSTAM])
    son = MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", locality=TOWN, address="Street 9 house 4")
    found = index.candidates(son)
    assert (found[0].key, found[0].decision) == (1, "review")


def test_brothers_of_one_initial_are_a_household() -> None:
    """Arab families whose sons share a first letter (Ahmed, Ali, Abdullah; Mohammed, Mahmoud, Mustafa) at one
    address typed alike: all 3,001 persons were taken for one person registered again, none at one address, and
    Рустам's son named after him, at his address, no birth date, was matched at 1.0."""
    surnames = ["Haddad", "Khalil", "Nasser", "Saleh", "Hamdan", "Odeh", "Barakat", "Sabbagh", "Awad", "Darwish"]
    given = {"A": ["Ahmed", "Ali", "Abdullah", "Amir", "Anas", "Adel"],
             "M": ["Mohammed", "Mahmoud", "Mustafa", "Muhannad", "Majd", "Marwan"]}
    rng = random.Random(3)
    roster: list[MatchRecord] = []
    while len(roster) < 3_000:
        surname, names = rng.choice(surnames), given[rng.choice("AM")]
        town, address = rng.choice(["Rafah", "Gaza"]), f"street {rng.randrange(3000)} house {rng.randrange(400)}"
        for member, name in enumerate(rng.sample(names, 2 + rng.randrange(3))):
            roster.append(MatchRecord(100 + len(roster), surname=surname, given_names=name,
                                      birth_date=PartialDate(1945 + 20 * (member > 0) + rng.randrange(15),
                                                             1 + rng.randrange(12), 1 + rng.randrange(28)),
                                      locality=town, address=address))
    index = RosterIndex([*roster, RUSTAM])
    assert not index.model.places_finish()
    son = MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", locality=TOWN, address="Street 9 house 4")
    assert (index.candidates(son)[0].key, index.candidates(son)[0].decision) == (1, "review")


def test_children_inscribed_in_their_fathers_passport_are_a_household() -> None:
    """Families whose children carry their father's passport number (inscribed in it), the mother her own number
    and surname: the children were taken for the father registered again (0 of 3,001 at one address), and
    Рустам's son named after him, at his address, no birth date, was matched at 1.0."""
    rng = random.Random(7)
    roster: list[MatchRecord] = []
    while len(roster) < 3_000:
        husband, wife = rng.sample(SURNAMES, 2)
        town, address = rng.choice(["Rafah", "Gaza"]), f"street {rng.randrange(6000)} house {rng.randrange(400)}"
        born, passport = 1945 + rng.randrange(30), str(10 ** 8 + rng.randrange(9 * 10 ** 8))
        members = [(husband, rng.choice(GIVEN), born, passport),
                   (wife, rng.choice(WIVES), born + 3, str(10 ** 8 + rng.randrange(9 * 10 ** 8)))]
        members += [(husband, child, born + 22 + rng.randrange(12), passport)
                    for child in rng.sample(GIVEN, 1 + rng.randrange(3))]
        for surname, given, year, number in members:
            roster.append(MatchRecord(100 + len(roster), surname=surname, given_names=given,
                                      birth_date=PartialDate(year, 1 + rng.randrange(12), 1 + rng.randrange(28)),
                                      documents=(number,), locality=town, address=address))
    index = RosterIndex([*roster, RUSTAM])
    assert not index.model.places_finish()
    son = MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", locality=TOWN, address="Street 9 house 4")
    assert (index.candidates(son)[0].key, index.candidates(son)[0].decision) == (1, "review")
