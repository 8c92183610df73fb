"""Twins on a roster without households: the twin who left must not be matched to the one who stayed.

Breaker X14b, issue 14 (replay /tmp/x14b/twins.py, the rows without households). A roster imported
without a household column counted no twins at all (`Model.with_twins` gave `NO_TWINS`), so the
twin cap was off: "PAVEL ZINNATULLIN", born the same day at the same address, was matched at 1.0 to
Пётр Зиннатуллин, and Ioann to Ivan or Danila to Daniil as soon as both gave passports. Such a
roster's share of twins is estimated from its own pairs that look like twins, with the population's
share as the prior (`Model.with_twins`): 2,001 persons without such a pair keep enough caution.

Usage: ``pytest tests/matching/test_attacks_twins_no_households.py``
"""

from __future__ import annotations

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching import MatchRecord, RosterIndex
from desktop_app.matching.model import TWIN_PRIOR
from tests.matching.test_match_engine import _crowd

BORN = PartialDate(2005, 4, 9)
ADDRESS = "Omar Mukhtar street 12"

# (stayer's given name, its Latin form, the twin who left, sex, surname, its Latin form): the replay's rows
# whose given names differ as twins' do (Мария / MARIYA is one name transliterated, not a twin).
TWINS = [
    ("Хасан", "HUSEIN", Sex.MALE, "Абу Шанаб", "ABU SHANAB"),
    ("Иван", "IOANN", Sex.MALE, "Петров", "PETROV"),
    ("Даниил", "DANILA", Sex.MALE, "Орлов", "ORLOV"),
    ("Пётр", "PAVEL", Sex.MALE, "Зиннатуллин", "ZINNATULLIN"),
]


@pytest.fixture(scope="module")
def crowd() -> list[MatchRecord]:
    return _crowd(2_000)


def _index(crowd: list[MatchRecord], surname: str, stayer: str, sex: Sex, passports: bool) -> RosterIndex:
    staying = MatchRecord("stayer", surname, stayer, "", birth_date=BORN, sex=sex,
                          documents=("5000002",) if passports else (), locality="Rafah", address=ADDRESS)
    return RosterIndex([*crowd, staying])


@pytest.mark.parametrize("passports", [False, True])
@pytest.mark.parametrize(("stayer", "leaver", "sex", "surname", "surname_latin"), TWINS)
def test_the_twin_who_left_is_not_matched_on_a_roster_without_households(
        crowd: list[MatchRecord], stayer: str, leaver: str, sex: Sex, surname: str, surname_latin: str,
        passports: bool) -> None:
    index = _index(crowd, surname, stayer, sex, passports)
    # No pair on this roster looks like twins: the share goes below the population's, but a roster of
    # 2,001 persons does not say 'none' (`model.TWIN_PSEUDO_LOOSE`).
    assert 1e-4 < index.model.twin_share < TWIN_PRIOR
    row = MatchRecord("row", surname_latin=surname_latin, given_names_latin=leaver, birth_date=BORN, sex=sex,
                      documents=("5000001",) if passports else (), locality="Rafah", address=ADDRESS)
    found = index.candidates(row)
    assert found and found[0].key == "stayer"  # the twin who stayed is still the closest person shown
    assert found[0].decision != "match"
    if leaver in ("IOANN", "DANILA"):  # close given names: only the officer can tell them apart
        assert found[0].decision == "review"


def test_the_same_person_with_the_passport_typed_in_is_still_matched_without_households(
        crowd: list[MatchRecord]) -> None:
    index = _index(crowd, "Орлов", "Даниил", Sex.MALE, passports=True)
    row = MatchRecord("row", surname_latin="ORLOV", given_names_latin="DANILA", birth_date=BORN, sex=Sex.MALE,
                      documents=("5000002",), locality="Rafah", address=ADDRESS)
    found = index.candidates(row)
    assert (found[0].key, found[0].decision) == ("stayer", "match")
