"""Breaker X23b's attacks on M19's camp weighting (issue 14, commit 0dd45f7): a block weighed by the share living
there (`Model.address_frequencies`) and given names met word for word (`comparisons._given_met`).

Open (strict xfail): a block typed in more than one form ('BLOCK 5' and 'BLK 5', or an Arabic 'بلوك 5') is counted
form by form, so two namesakes who share a rarer form weigh it as if few lived there and are matched again; and a
son on his father's passport, named after his grandfather (own and father's names in each other's order), born
30 years after the father, is matched to the father by the reconcile. Held: the degenerate rosters below.

Usage: ``pytest tests/matching/test_camp_weighting_breaker_x23b.py``
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.engine import MATCH, RosterIndex, find_duplicates
from desktop_app.matching.records import MatchRecord
from tests.matching.test_duplicates_identical_copies import _camp

FORMS = {"BLOCK": "BLOCK {}", "BLK": "BLK {}", "BLOCK, ZAATARI": "BLOCK {}, ZAATARI", "Arabic": "بلوك {}"}


def _camp_in_forms(forms: list[str]) -> list[MatchRecord]:
    """The camp of test_duplicates_camp_namesakes' block test (70 % born on a 1 January), each block typed in one of
    `forms`, chosen at random person by person (offices and clerks type it their own way)."""
    dates, typed = random.Random(11), random.Random(5)
    out = []
    for person in _camp(random.Random(3), 20_000, ()):
        if person.birth_date is not None and dates.random() < 0.35 / 0.65:
            person = dataclasses.replace(person, birth_date=PartialDate(person.birth_date.year, 1, 1))
        if person.address:
            block = person.address.split()[1]
            person = dataclasses.replace(person, address=FORMS[typed.choice(forms)].format(block))
        out.append(person)
    return out


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "open (X23b): address_frequencies counts an address form by form; a block typed two ways weighs its rarer "
    "form as if half as many lived there (BLK 5: 4.34 bits, match 0.988; four forms: 5.23-5.33 bits, match 0.993; "
    "BLOCK alone: 3.42 bits, review 0.978). Telling forms of one block apart from distinct addresses needs "
    "the FEBRL figures re-run (their addresses share numbers too)"))
@pytest.mark.parametrize(("forms", "theirs"), [(["BLOCK", "BLK"], "BLK"),
                                               (["BLOCK", "BLK", "BLOCK, ZAATARI", "Arabic"], "Arabic")],
                         ids=["two forms", "four forms, Arabic"])
def test_namesakes_in_a_block_typed_another_way_are_not_matched(forms: list[str], theirs: str) -> None:
    """Two persons AHMED MOHAMMED AL-DURI born 1 January 1993, ZAATARI, block 5, no document (the pair M19's block
    weighing leaves to review), on a camp whose block 5 is typed in `forms`; both typed the way `theirs` is.
    Failed on 0dd45f7: matched at 0.988 (two forms), 0.994 (four)."""
    one = MatchRecord("one", surname="AL-DURI", given_names="AHMED MOHAMMED", sex="M",
                      birth_date=PartialDate(1993, 1, 1), locality="ZAATARI", address=FORMS[theirs].format(5),
                      household_key="h-one")
    other = dataclasses.replace(one, key="other", household_key="h-other")
    assert [(pair.key_a, pair.key_b) for pair in find_duplicates([*_camp_in_forms(forms), one, other])
            if pair.decision == MATCH and {pair.key_a, pair.key_b} & {"one", "other"}] == []


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "open (X23b): the reconcile matches a son on his father's passport 30 years younger, his given names the "
    "father's in the other order (or the same), at 0.998 (0.997 before 0dd45f7); the duplicate finder leaves the "
    "same pair to review (0.61, 'same name, another generation'). The equal document outweighs the generation. "
    "Measured by the lead: review for every pair a generation apart on one number (not only a number other roster "
    "persons carry) costs FEBRL4 through the CLI 0.9794 -> 0.9506 (review 1.98 -> 4.86 %), and 0.9508 when the "
    "day of the year must differ too: FEBRL's true pairs carry wholly other dates on one number"))
@pytest.mark.parametrize("given", ["MOHAMMED ALI", "ALI MOHAMMED"], ids=["named after the grandfather", "the same"])
def test_a_son_on_his_fathers_passport_is_not_the_father(given: str) -> None:
    """ALI MOHAMMED AL-KHALIDI born 10 March 1975 on a camp roster of 20,000; a border row of his son MOHAMMED (son of)
    ALI AL-KHALIDI, born 1 January 2005, inscribed in the father's passport, same household and block. A row born
    30 years after the roster person is not that person. Failed on 0dd45f7: match 0.998."""
    father = MatchRecord("father", surname="AL-KHALIDI", given_names="ALI MOHAMMED", sex="M",
                         birth_date=PartialDate(1975, 3, 10), documents=("N7730412",), locality="ZAATARI",
                         address="BLOCK 5", household_key="h-f")
    son = dataclasses.replace(father, key="son", given_names=given, birth_date=PartialDate(2005, 1, 1))
    [candidates] = RosterIndex([*_camp(random.Random(3), 20_000, ()), father]).candidates_for_all([son])
    assert [candidate.key for candidate in candidates if candidate.decision == MATCH] == []


LONG = "MOHAMMED AHMED ALI HASSAN OMAR KHALED SAMI YOUSEF IBRAHIM MUSTAFA"


@pytest.mark.parametrize("case", ["one person", "two persons", "empty given names", "ten given names",
                                  "every address equal", "no address"])
def test_degenerate_rosters_neither_crash_nor_match_namesakes(case: str) -> None:
    """Held on 0dd45f7: rosters of one or two persons (an address nobody else gives), fifty persons with no given
    name in one block, ten-word given names in both orders (the word-for-word matching is a bipartite one), one
    address on every record and none at all. Both the duplicate finder and the reconcile run; no namesakes of
    the camp are matched."""
    camp = _camp(random.Random(3), 3_000, ())
    rosters = {
        "one person": [MatchRecord("a", surname="AL-X", given_names="AHMED ALI", address="BLOCK 5")],
        "two persons": [MatchRecord(k, surname="AL-X", given_names="AHMED ALI", address="BLOCK 5") for k in "ab"],
        "empty given names": [MatchRecord(f"e{k}", surname="AL-X", given_names="", address="BLOCK 1")
                              for k in range(50)],
        "ten given names": [MatchRecord(f"w{k}", surname="AL-X",
                                        given_names=LONG if k % 2 else " ".join(reversed(LONG.split())),
                                        birth_date=PartialDate(1990, 1, 1), address="BLOCK 5") for k in range(40)],
        "every address equal": [dataclasses.replace(person, address="ZAATARI CAMP") for person in camp],
        "no address": [dataclasses.replace(person, address="") for person in camp],
    }
    roster = rosters[case]
    pairs = find_duplicates(roster)
    [first] = RosterIndex(roster).candidates_for_all(roster[:1])
    assert roster[0].key in {candidate.key for candidate in first}
    if case in ("every address equal", "no address"):
        assert [pair for pair in pairs if pair.decision == MATCH] == []


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "open (X23b): a share 'living there' (and 'born that day') counts persons over records: with every camp person "
    "registered twice (a second round imported) two namesakes weigh the block 4.70 bits instead of 3.42 (and the "
    "1 January 7.17 instead of 6.59, surname 9.33 / 8.53, given name 2.83 / 2.19: m and u sampled on a roster of "
    "copies) and are matched at 0.9996 (review 0.9775 with one registration each). _address_frequencies' total "
    "counts records with an address while its numerator counts persons"))
def test_namesakes_are_not_matched_when_the_whole_camp_is_registered_twice() -> None:
    """The block test's camp (70 % born on a 1 January, 20,000 persons) where every person was registered again (a
    second registration round, each copy its own household), and two distinct persons AHMED MOHAMMED AL-DURI born
    1 January 1993 at ZAATARI, BLOCK 5, registered once each. Failed on 959df9b: matched at 0.9996."""
    dates = random.Random(11)
    roster = [dataclasses.replace(person, birth_date=PartialDate(person.birth_date.year, 1, 1))
              if person.birth_date is not None and dates.random() < 0.35 / 0.65 else person
              for person in _camp(random.Random(3), 20_000, ())]
    again = [dataclasses.replace(person, key=f"{person.key}-again", household_key=f"{person.household_key}-again")
             for person in roster]
    one = MatchRecord("one", surname="AL-DURI", given_names="AHMED MOHAMMED", sex="M",
                      birth_date=PartialDate(1993, 1, 1), locality="ZAATARI", address="BLOCK 5", household_key="h-one")
    other = dataclasses.replace(one, key="other", household_key="h-other")
    assert [(pair.key_a, pair.key_b) for pair in find_duplicates([*roster, *again, one, other])
            if pair.decision == MATCH and {pair.key_a, pair.key_b} == {"one", "other"}] == []
