"""Twins whose names are real names the roster happens not to carry (breaker X14, session 8, issue 14).

`Model.twin_spelling` takes a look-alike given name nobody else on the roster carries for a typo and
weighs the twin down by the roster's share of persons whose name is theirs alone. On a roster without
households whose names come from a short list (a roster built from a name list, a mission's import),
that share is near nothing, so a twin named Данила, Марина, Дарина or Алёна beside a sibling with a
common name was taken for a typo: the twin who left the roster was matched to the one who stayed, and
the duplicate finder called twins on the roster one person. Each replay here went to "match" before
the fix. A twin's name is chosen to look like the other twin's, and a look-alike of a common name is
mostly its rarer variant, so the roster's share is never taken below the shipped prior.

Usage: ``pytest tests/matching/test_twins_attacks_s8.py``
"""

from __future__ import annotations

import random

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.spellings import ARABIC_SKELETON, equal_under_scheme, name_words
from desktop_app.matching import MatchRecord, RosterIndex, find_duplicates
from desktop_app.matching.features import prepare
from desktop_app.matching.model import UNSEEN_PRIOR

BORN = PartialDate(2005, 4, 9)
# Common Russian names, each carried by many: the twins' siblings below carry one of them.
NAMES = ["Иван", "Пётр", "Сергей", "Олег", "Юрий", "Павел", "Денис", "Роман", "Антон", "Игорь", "Мария", "Анна",
         "Алина", "Дарья", "Милана", "Ирина", "Даниил", "Полина", "Матвей"]
SURNAMES = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Волков", "Зайцев", "Белов", "Морозов"]
# (the twin on the roster, the other twin's name): both real names, the second carried by nobody on the roster
TWINS = [("Даниил", "Данила"), ("Мария", "Марина"), ("Дарья", "Дарина"), ("Алина", "Алёна")]
# the same in the Latin letters of a partner's answer
LEAVERS = [("Даниил", "DANILA"), ("Мария", "MARINA"), ("Дарья", "DARINA")]


def _crowd(size: int = 2_000, seed: int = 5) -> list[MatchRecord]:
    """Persons without households whose given names come from `NAMES`, none born on `BORN`."""
    rng = random.Random(seed)
    return [MatchRecord(i, f"{rng.choice(SURNAMES)}{rng.choice(['', 'ский', 'ин'])}", rng.choice(NAMES), "",
                        birth_date=PartialDate(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                        documents=(str(rng.randint(10**8, 10**9 - 1)),)) for i in range(size)]


@pytest.fixture(scope="module")
def crowd() -> list[MatchRecord]:
    return _crowd()


def _twin(key: str, given: str, passport: str) -> MatchRecord:
    return MatchRecord(key, "Орлов", given, "", birth_date=BORN, documents=(passport,), locality="Rafah",
                       address="Omar Mukhtar street 12")


@pytest.mark.parametrize("passport", ["500000002", "739104612"])  # next in sequence, or unlike
@pytest.mark.parametrize(("stayer", "leaver"), LEAVERS)
def test_the_twin_with_a_real_name_the_roster_lacks_is_not_matched(crowd: list[MatchRecord], stayer: str,
                                                                    leaver: str, passport: str) -> None:
    """The twin who left, named in Latin letters, is offered with the one who stayed, not matched to them."""
    index = RosterIndex([*crowd, _twin("stayer", stayer, "500000001")])
    row = MatchRecord("row", surname_latin="ORLOV", given_names_latin=leaver, birth_date=BORN,
                      documents=(passport,), locality="Rafah", address="Omar Mukhtar street 12")
    found = index.candidates(row)
    assert found and found[0].key == "stayer"
    assert found[0].decision == "review"


@pytest.mark.parametrize("passport", ["500000002", "739104612"])
@pytest.mark.parametrize(("first", "second"), TWINS)
def test_the_duplicate_finder_does_not_merge_twins_whose_name_only_they_carry(crowd: list[MatchRecord], first: str,
                                                                              second: str, passport: str) -> None:
    pairs = find_duplicates([*crowd, _twin("a", first, "500000001"), _twin("b", second, passport)])
    decided = {frozenset((str(p.key_a), str(p.key_b))): p.decision for p in pairs}
    assert decided.get(frozenset(("a", "b"))) == "review"


def test_a_roster_of_few_names_does_not_take_every_other_name_for_a_typo(crowd: list[MatchRecord]) -> None:
    """No roster's vocabulary makes the twin explanation less likely than the shipped prior says."""
    model = RosterIndex(crowd).model
    assert model.given_unseen >= UNSEEN_PRIOR
    row = prepare(MatchRecord("row", surname_latin="ORLOV", given_names_latin="DANILA", birth_date=BORN))
    assert model.twin_spelling(row, prepare(_twin("t", "Даниил", "1"))) >= UNSEEN_PRIOR


@pytest.mark.parametrize(("arabic", "latin"), [("رنا", "RANIA"), ("دانا", "DANIA"), ("هنا", "HANIA")])
def test_an_i_before_a_vowel_is_the_arabic_ya(arabic: str, latin: str) -> None:
    """Rana and Rania are two names: RANIA writes the ي of رانيا, which رنا has not."""
    assert equal_under_scheme(name_words(arabic)[0], latin) is None
    assert equal_under_scheme(name_words(arabic[:-1] + "يا")[0], latin) == ARABIC_SKELETON


@pytest.mark.parametrize(("arabic", "latin"), [("مريم", "MARIAM"), ("نادية", "NADIA"), ("سامية", "SAMIA"),
                                               ("صوفيا", "SOFIA"), ("زكريا", "ZAKARIA"), ("عطية", "ATIA"),
                                               ("رقية", "ROKAIA"), ("رنا", "RANA"), ("زياد", "ZIAD")])
def test_names_whose_ya_is_written_stay_one_name(arabic: str, latin: str) -> None:
    assert equal_under_scheme(name_words(arabic)[0], latin) == ARABIC_SKELETON


def test_rania_is_not_matched_to_her_twin_rana() -> None:
    """A demo roster's Arabic-script family: the twin who left, in the answer's Latin letters, is offered."""
    rng = random.Random(7)
    names = ["محمد", "أحمد", "خالد", "يوسف", "عمر", "سامي", "فاطمة", "مريم", "ليلى", "نور", "سارة", "هبة", "رنا"]
    families = ["أبو شنب", "الخطيب", "حداد", "المصري", "النجار", "شعث", "الحلو", "عوض", "سلامة"]
    crowd = [MatchRecord(i, rng.choice(families), rng.choice(names), "",
                         birth_date=PartialDate(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                         documents=(str(rng.randint(10**8, 10**9 - 1)),)) for i in range(500)]
    index = RosterIndex([*crowd, MatchRecord("stayer", "شعث", "رنا", "", birth_date=BORN, documents=("773466108",))])
    found = index.candidates(MatchRecord("row", surname_latin="SHAATH", given_names_latin="RANIA", birth_date=BORN,
                                         documents=("773466109",)))
    assert (found[0].key, found[0].decision) == ("stayer", "review")
