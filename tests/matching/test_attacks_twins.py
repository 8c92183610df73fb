"""Twins against the matcher: the twin who left the roster must never be matched to the one who stayed.

Breaker X14b, issue 14. Twins share surname, birth date, household, address and, as
`model.U_DOCUMENT_ONE_OFF` says, passports issued in sequence. When one twin has left the
roster (moved on, deleted) and the partner's answer names them, the roster holds only the
other: surname, birth date, town and address all agree, the given names are close
(Daniil and Danila, Maria and Marina) and the passports differ. Such a row was matched to
the twin who stayed whenever both sides gave a passport (one digit apart or not at all
alike), although the same row without a passport stayed at review.

A roster without households estimates its twins from its own pairs that look like twins, with the
population's share as the prior (it counted none until breaker X14b, see
test_attacks_twins_no_households.py and test_twins_estimated.py); there the row without a passport
stays at review too.
"""

from __future__ import annotations

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex
from tests.matching.test_match_engine import _crowd
from tests.matching.test_match_tuning import _with_households

BORN = PartialDate(2005, 4, 9)


def _roster(stayer: str, document: str, *, households: bool) -> RosterIndex:
    crowd = _crowd(2_000)
    staying = MatchRecord("stayer", "Орлов", stayer, "", birth_date=BORN, documents=(document,),
                          locality="Rafah", address="Omar Mukhtar street 12",
                          household_key="H" if households else None)
    return RosterIndex([*(_with_households(crowd, 10**9) if households else crowd), staying])


def _row(given: str, document: str, *, places: bool = True) -> MatchRecord:
    return MatchRecord("row", surname_latin="ORLOV", given_names_latin=given, birth_date=BORN, documents=(document,),
                       locality="Rafah" if places else "", address="Omar Mukhtar street 12" if places else "")


@pytest.mark.parametrize("places", [True, False])
@pytest.mark.parametrize("document", ["5000001", "7391046"])  # the twin's passport: next in sequence, or unlike
@pytest.mark.parametrize(("stayer", "leaver"), [("Даниил", "DANILA"), ("Мария", "MARINA"), ("Иван", "IOANN")])
def test_the_twin_who_left_is_not_matched_to_the_one_who_stayed(stayer: str, leaver: str, document: str,
                                                                 places: bool) -> None:
    found = _roster(stayer, "5000002", households=True).candidates(_row(leaver, document, places=places))
    assert found and found[0].key == "stayer"
    assert found[0].decision == "review"  # the officer sees the twin who stayed, and decides


def test_the_same_person_with_the_passport_typed_in_is_still_matched() -> None:
    """The passport equal tells the twins apart: a given name typed otherwise does not hold the match back."""
    found = _roster("Даниил", "5000002", households=True).candidates(_row("DANILA", "5000002"))
    assert (found[0].key, found[0].decision) == ("stayer", "match")


def test_the_same_person_with_the_same_given_name_and_a_renewed_passport_is_still_matched() -> None:
    found = _roster("Даниил", "5000002", households=True).candidates(_row("DANIIL", "7391046"))
    assert (found[0].key, found[0].decision) == ("stayer", "match")


def test_without_households_the_twin_without_a_passport_stays_at_review() -> None:
    found = _roster("Даниил", "5000002", households=False).candidates(
        MatchRecord("row", surname_latin="ORLOV", given_names_latin="DANILA", birth_date=BORN,
                    locality="Rafah", address="Omar Mukhtar street 12"))
    assert (found[0].key, found[0].decision) == ("stayer", "review")
