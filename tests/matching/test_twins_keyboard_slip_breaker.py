"""Breaker X23a (session 21) against the typing-slip rule (`typing_slips`, `Model.twin_spelling`).

The rule weighs a twin down 0.05 more when the given name nobody on the roster carries and the dictionary lacks is
the other's with two neighbouring letters swapped (KRSITINA for Kristina). Attacked here:

- a twin brother whose given name the dictionary knows (Kristian, a swap of Kristina's) and who carries a second
  given name it lacks (Ilham): the swap was counted on the known word because another word was unknown, and the
  pair was matched in reconcile and in the duplicate finder (review before the rule). Fixed: only a word the
  dictionary lacks can be a slip.
- twins whose real names are a swap of each other and the dictionary lacks one of them (Noah and Noha, Aman and
  Amna, Marwa and Mawra: Arabic names in Latin letters, where the vowels move), registered together with passports
  in sequence: review before the rule, matched after it. The 0.05 is counted on the Latin names of Faker's and
  Mimesis's lists, which lack many transliterations; nothing in the spelling tells NOHA from KRSITINA (the share of
  swaps among the dictionary's close pairs is 0.8 % for names of 5 letters or fewer and 0.9 % for longer ones; of
  FEBRL1/2's typos 12 % and 22 %: no length bar is grounded; a trigram no dictionary name has marks 13 of
  FEBRL1/2's 20 swapped typos the dictionary lacks, and AMNA and MAWRA too). Fixed by the lead (precision first):
  no swap is counted when the pair's passports are one character apart (issued in sequence, not a slip of the
  hand), which X23a measured at FEBRL4 through the CLI 0.9798 -> 0.9794 (review 1.94 -> 1.98 %; FEBRL3 0.9826 / 82,
  FEBRL1 0.9740 / 0.9740 and FEBRL2 0.9860 / 0.9917 unchanged), still above the 0.9790 before the rule. On a camp
  roster of households (`_camp` of test_duplicates_identical_copies.py, 3,000 persons) such twins stay at review.

Usage: ``pytest tests/matching/test_twins_keyboard_slip_breaker.py``
"""

from __future__ import annotations

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching import MatchRecord, RosterIndex, find_duplicates
from desktop_app.matching.features import prepare
from desktop_app.matching.typing_slips import TWIN_SLIP_TRANSPOSITION, slip_of_given_names
from tests.matching.test_twins_spelling import common_name_crowd

NAMES = ["kristina", "anna", "sana", "tom", "tim", "joshua", "logan", "brooke", "kyle", "eliza", "jack", "thomas",
         "emily", "chloe", "olivia", "james", "lachlan", "jessica", "samuel", "sophie", "mitchell", "ella", "hayley",
         "kylie", "noah", "aman", "marwa", "ahmad", "omar", "fatima", "youssef", "layla", "mohammed", "ali"]
SURNAMES = ["webb", "reid", "white", "mason", "green", "salt", "david", "tu", "son", "browne", "ryan", "durr",
            "smith", "jones", "brown", "wilson", "taylor", "martin", "lee", "walker", "hall", "young", "allen",
            "haddad", "khalil"]
BORN = PartialDate(1945, 12, 19)
IN_SEQUENCE = ("3150586", "3150587")  # twins' passports, issued together
RETYPED = "9021733"


def _crowd() -> list[MatchRecord]:
    """Persons of common Latin and Arabic names, each registered once, none born on `BORN`."""
    return common_name_crowd(NAMES, SURNAMES)


@pytest.fixture(scope="module")
def crowd() -> list[MatchRecord]:
    return _crowd()


def _twins(first: str, second: str, passport: str, sexes: tuple[Sex | None, Sex | None] = (None, None),
           ) -> tuple[MatchRecord, MatchRecord]:
    return (MatchRecord("first", "Saleh", first, "", birth_date=BORN, documents=(IN_SEQUENCE[0],), sex=sexes[0]),
            MatchRecord("second", "Saleh", second, "", birth_date=BORN, documents=(passport,), sex=sexes[1]))


def _decisions(crowd: list[MatchRecord], first: MatchRecord, second: MatchRecord) -> tuple[str, str]:
    """The reconcile's decision for `second` as an answer row against the roster with `first`, and the duplicate
    finder's for the pair over the roster with both."""
    found = RosterIndex([*crowd, first]).candidates(second)
    reconciled = found[0].decision if found and found[0].key == "first" else "none"
    joined = {frozenset((str(p.key_a), str(p.key_b))): p.decision for p in find_duplicates([*crowd, first, second])}
    return reconciled, joined.get(frozenset(("first", "second")), "none")


def test_a_known_name_is_no_slip_beside_an_unknown_second_name() -> None:
    """Kristian is Kristina swapped and a name; Ilham, his second given name, is one the dictionary lacks."""
    kristina = prepare(MatchRecord("a", "Saleh", "Kristina", ""))
    assert slip_of_given_names(prepare(MatchRecord("b", "Saleh", "Kristian Ilham", "")), kristina) == 1.0  # was 0.05
    assert slip_of_given_names(prepare(MatchRecord("c", "Saleh", "Krsitina Ilham", "")), kristina) \
        == TWIN_SLIP_TRANSPOSITION


@pytest.mark.parametrize("passport", [IN_SEQUENCE[1], RETYPED])
def test_the_twin_brother_with_a_second_given_name_stays_at_review(crowd: list[MatchRecord], passport: str) -> None:
    """Kristina and her twin brother Kristian Ilham: matched in both (1.0, 0.995 joined) with the slip counted on
    Kristian; review before the rule and after the fix."""
    assert _decisions(crowd, *_twins("Kristina", "Kristian Ilham", passport)) == ("review", "review")


@pytest.mark.parametrize(("first", "second", "sexes"), [
    ("Noah", "Noha", (None, None)), ("Aman", "Amna", (None, None)), ("Marwa", "Mawra", (None, None)),
    # the sexes recorded, and different: matched too
    ("Noah", "Noha", (Sex.MALE, Sex.FEMALE)), ("Aman", "Amna", (Sex.MALE, Sex.FEMALE)),
])
def test_twins_whose_names_are_a_swap_of_each_other_stay_at_review(
        crowd: list[MatchRecord], first: str, second: str, sexes: tuple[Sex | None, Sex | None]) -> None:
    """A brother and sister (or two sisters) registered together, passports in sequence; the first name is carried
    by the crowd, the second by nobody and lacking from the dictionary, yet a real name. On a camp roster of
    households (`_camp` of test_duplicates_identical_copies.py, 3,000 persons) such twins stay at review. Matched in
    reconcile and the duplicate finder (1.0) while the swap was counted on passports in sequence (a strict xfail of
    X23a's until the lead's change: no swap counted when the numbers are one character apart, not a slip)."""
    assert _decisions(crowd, *_twins(first, second, IN_SEQUENCE[1], sexes)) == ("review", "review")
