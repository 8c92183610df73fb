"""Breaker X14c (session 11, issue 14): a group's number typed one off, a family's passport.

A group's travel document agreed on is weighed by how many roster persons carry it; the same
number with one character typed wrong was still weighed as one person's passport one digit off
(about 6 bits) and let a surname that differs match under the given name: a woman of another
family born on a member's birthday, carrying the group's number with a typo, was matched to that
member (264 of 300 before; with the number typed right, 6 of 300, through surnames alike).

A child inscribed in a parent's passport carries the parent's number: a son named after his father
(or a daughter after her mother) on the roster was matched at 0.99998 to the parent's row, 30 years
apart, and the duplicate finder called father and son one person (0.998), 'document equal'
outweighing a birth date a generation away. Fixed where the roster shows the number is a family's
(other persons carry it); the child alone on the roster and the duplicate finder are left open.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex, find_duplicates
from desktop_app.matching.comparisons import compare
from desktop_app.matching.features import prepare
from tests.matching.test_group_documents import GROUP, _group
from tests.matching.test_match_engine import _crowd

TYPED_ONE_OFF = GROUP[:-1] + "9"  # GT0012349


@pytest.fixture(scope="module")
def roster() -> tuple[list[MatchRecord], RosterIndex]:
    group = _group()
    return group, RosterIndex([*_crowd(2_000), *group])


OTHER_SURNAMES = ["Weber", "Fischer", "Novak", "Kowalski", "Moreau", "Rossi", "Jansen", "Horvat"]


def _other_surname(surname: str) -> str:
    # a surname the matcher reads as different, not one alike (Haddad and Hamdan are another question)
    return OTHER_SURNAMES[len(surname) % len(OTHER_SURNAMES)]


def test_a_stranger_with_the_groups_number_typed_one_off_is_not_matched_to_a_member(
        roster: tuple[list[MatchRecord], RosterIndex]) -> None:
    group, index = roster
    matched = []
    for member in group[:60]:
        row = MatchRecord("row", surname_latin=_other_surname(member.surname_latin),
                          given_names_latin=member.given_names_latin, birth_date=member.birth_date,
                          documents=(TYPED_ONE_OFF,))
        found = index.candidates(row)
        matched += [(member.key, c.key) for c in found if c.decision == "match"]
    assert not matched


def test_the_same_strangers_in_one_answer_are_not_matched(roster: tuple[list[MatchRecord], RosterIndex]) -> None:
    group, index = roster
    rng = random.Random(4)
    rows = [MatchRecord(f"row{i}", surname_latin=rng.choice(OTHER_SURNAMES),
                        given_names_latin=m.given_names_latin, birth_date=m.birth_date, documents=(TYPED_ONE_OFF,))
            for i, m in enumerate(group[:150])]
    found = index.fresh().candidates_for_all(rows, limit=1)
    assert not [(row.key, c[0].key) for row, c in zip(rows, found, strict=True) if c and c[0].decision == "match"]


def test_a_member_whose_number_was_typed_one_off_is_still_matched(
        roster: tuple[list[MatchRecord], RosterIndex]) -> None:
    group, index = roster
    for member in group[:40]:
        found = index.candidates(MatchRecord("row", surname_latin=member.surname_latin,
                                             given_names_latin=member.given_names_latin,
                                             birth_date=member.birth_date, documents=(TYPED_ONE_OFF,)))
        assert (found[0].key, found[0].decision) == (member.key, "match"), (member, found[:2])


def test_one_off_a_groups_number_weighs_less_than_one_off_a_persons(
        roster: tuple[list[MatchRecord], RosterIndex]) -> None:
    group, index = roster
    model = index.model
    row = prepare(MatchRecord("row", surname_latin="X", given_names_latin="Y", documents=(TYPED_ONE_OFF,)))
    own = compare(prepare(MatchRecord("row", surname_latin="X", given_names_latin="Y", documents=("452871099",))),
                  prepare(MatchRecord("p", surname_latin="Q", given_names_latin="Z", documents=("452871093",))))
    for near in (compare(row, prepare(group[0])), compare(prepare(group[0]), row)):  # either side the group's
        assert near.levels[1] == own.levels[1] == 1
        assert model.field_bits(near)[1] < model.field_bits(own)[1] - 6


def test_the_duplicate_finder_weighs_the_groups_number_typed_one_off_no_more_than_typed_right() -> None:
    group = _group(120, seed=8)
    members = random.Random(6).sample(group, 30)
    crowd = _crowd(400)

    def found(number: str) -> dict[tuple[str, str], float]:
        typed = [MatchRecord(f"t{i}", surname_latin=_other_surname(m.surname_latin),
                             given_names_latin=m.given_names_latin, birth_date=m.birth_date, documents=(number,))
                 for i, m in enumerate(members)]
        pairs = find_duplicates([*crowd, *group, *typed])
        assert not [p for p in pairs if p.decision == "match" and p.key_a[0] != p.key_b[0]]
        return {(str(p.key_a), str(p.key_b)): p.score for p in pairs if p.key_a[0] != p.key_b[0]}

    right, one_off = found(GROUP), found(TYPED_ONE_OFF)
    assert right  # the group's number, a given name and a birth date: a married name for the officer to see
    assert not [(pair, score) for pair, score in one_off.items() if score > right.get(pair, 0.0)]


# -- a family's passport: a child inscribed in a parent's ----------------------------------------

FAMILY_PASSPORT = "N0034567"


def _father_and_son() -> tuple[MatchRecord, MatchRecord]:
    """A son named after his father, inscribed in the father's passport (as many countries did)."""
    return (MatchRecord("father", surname_latin="Haddad", given_names_latin="Khaled",
                        birth_date=PartialDate(1980, 3, 4), documents=(FAMILY_PASSPORT,)),
            MatchRecord("son", surname_latin="Haddad", given_names_latin="Khaled",
                        birth_date=PartialDate(2010, 8, 21), documents=(FAMILY_PASSPORT,)))


ALONE_ON_THE_ROSTER = ("the son alone on the roster carrying the number is what FEBRL's true pairs whose birth date "
                      "was typed a generation off look like: keeping them at review cost FEBRL4 0.9772 -> 0.9482 "
                      "and FEBRL3 0.9826 -> 0.9448 (breaker X14c); left to the tuning owner")


@pytest.mark.parametrize("others", [pytest.param(0, marks=pytest.mark.xfail(strict=True, reason=ALONE_ON_THE_ROSTER)),
                                    1, 3])
def test_a_father_on_the_answer_is_not_matched_to_his_son_on_the_roster(others: int) -> None:
    father, son = _father_and_son()
    family = [MatchRecord(f"sibling{i}", surname_latin="Haddad", given_names_latin=name,
                          birth_date=PartialDate(2012 + i, 5, 20), documents=(FAMILY_PASSPORT,))
              for i, name in enumerate(["Omar", "Ali", "Yousef"][:others])]
    index = RosterIndex([*_crowd(1_000), son, *family])
    found = index.candidates(replace(father, key="row", surname_latin="HADDAD", given_names_latin="KHALED"))
    assert [(c.key, c.decision) for c in found[:1]] == [("son", "review")]  # the officer's to look at


def test_a_mother_on_the_answer_is_not_matched_to_her_daughter_named_after_her() -> None:
    daughter = MatchRecord("daughter", surname_latin="Nassar", given_names_latin="Huda",
                           birth_date=PartialDate(2008, 7, 9), documents=(FAMILY_PASSPORT,))
    father, _ = _father_and_son()  # the mother, who carries his number, is not on the roster
    index = RosterIndex([*_crowd(1_000), daughter, father])
    found = index.candidates(MatchRecord("row", surname_latin="NASSAR", given_names_latin="HUDA",
                                         birth_date=PartialDate(1984, 7, 9), documents=(FAMILY_PASSPORT,)))
    assert [(c.key, c.decision) for c in found[:1]] == [("daughter", "review")]


@pytest.mark.xfail(strict=True, reason="two registrations of one person carry one number too, and FEBRL3's "
                   "duplicates with a birth date typed a generation off look the same (breaker X14c); left open")
def test_the_duplicate_finder_does_not_merge_a_father_and_his_son_on_one_passport() -> None:
    father, son = _father_and_son()
    pairs = [p for p in find_duplicates([*_crowd(1_000), father, son]) if {p.key_a, p.key_b} == {"father", "son"}]
    assert [p.decision for p in pairs] == ["review"]


def test_a_roster_reference_echoed_still_matches_across_a_birth_year_typed_far_off() -> None:
    father, _ = _father_and_son()
    index = RosterIndex([*_crowd(1_000), replace(father, case_ref="MR-2024-0042")])
    found = index.candidates(MatchRecord("row", surname_latin="HADDAD", given_names_latin="KHALED",
                                         birth_date=PartialDate(2010, 3, 4), case_ref="MR-2024-0042"))
    assert (found[0].key, found[0].decision) == ("father", "match")


# -- an answer that typed the group's number for every member ---------------------------------

def test_an_answer_typing_the_groups_number_for_each_member_matches_no_sibling_or_namesake() -> None:
    """The roster registered six members with the group's number too, the rest with their own passports;
    the partner typed the group's number for all 300. Six holders on the roster made it one family's
    passport that identifies: a brother three years younger (0.9955) and a woman of another surname born
    that day with the member's given name (1.0) were matched."""
    rng = random.Random(2)
    group = _group()
    on_roster = [replace(member, documents=(str(rng.randint(10**8, 10**9 - 1)), *((GROUP,) if i < 6 else ())))
                 for i, member in enumerate(group)]
    index = RosterIndex([*_crowd(1_000), *on_roster])
    strangers = []
    for i, member in enumerate(group[:6]):
        assert member.birth_date is not None
        younger = PartialDate(member.birth_date.year + 3, member.birth_date.month, 5)
        strangers += [MatchRecord(f"brother{i}{name}", surname_latin=member.surname_latin, given_names_latin=name,
                                  birth_date=younger, documents=(GROUP,))
                      for name in ("Ahmad", "Omar", "Rami") if name != member.given_names_latin]
        strangers.append(MatchRecord(f"married{i}", surname_latin=OTHER_SURNAMES[i], birth_date=member.birth_date,
                                     given_names_latin=member.given_names_latin, documents=(GROUP,)))
    members = [MatchRecord(f"row{i}", surname_latin=m.surname_latin.upper(),
                           given_names_latin=m.given_names_latin.upper(), birth_date=m.birth_date, documents=(GROUP,))
               for i, m in enumerate(group)]
    found = index.fresh().candidates_for_all([*strangers, *members], limit=1)
    assert not [(row.key, c[0].key, c[0].score) for row, c in zip(strangers, found, strict=False)
                if c and c[0].decision == "match"]
    own = found[len(strangers):len(strangers) + 6]  # the six registered with the group's number
    assert [(c[0].key, c[0].decision) for c in own] == [(m.key, "match") for m in group[:6]]


def test_an_answer_typing_the_heads_passport_for_each_family_member_matches_only_the_head() -> None:
    """The partner typed the head's passport for his wife, children and brother; only the head is on the
    roster. The brother (Khalil, three years younger) was matched to the head (Khaled) at 1.0."""
    head = MatchRecord("head", surname_latin="Haddad", given_names_latin="Khaled",
                       birth_date=PartialDate(1980, 3, 4), documents=(FAMILY_PASSPORT,))
    index = RosterIndex([*_crowd(1_000), head])
    family = [("HADDAD", "KHALED", PartialDate(1980, 3, 4)), ("NASSAR", "HUDA", PartialDate(1984, 7, 9)),
              ("HADDAD", "OMAR", PartialDate(2012, 5, 20)), ("HADDAD", "KHALID", PartialDate(2010, 3, 4)),
              ("HADDAD", "KHALIL", PartialDate(1983, 1, 2))]
    rows = [MatchRecord(f"row{i}", surname_latin=surname, given_names_latin=given, birth_date=born,
                        documents=(FAMILY_PASSPORT,)) for i, (surname, given, born) in enumerate(family)]
    found = index.fresh().candidates_for_all(rows, limit=1)
    assert [row.key for row, c in zip(rows, found, strict=True) if c and c[0].decision == "match"] == ["row0"]
