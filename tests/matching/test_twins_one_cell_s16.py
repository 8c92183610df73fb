"""Twins whose compound given names clash are not one person when a row gives the name in one cell (issue 14,
breaker X14h, session 16).

`comparisons._given_clash` (session 13) holds two given names of two words or more, each with a word none
of the other's is like (Nour Aldeen and Nour Alhuda, Mohammed Ali and Mohammed Amin), for a given name that
differs. It read the roles the words were typed in, so a partner's row giving the whole name in one cell
('Nour Alhuda Haddad', as many answers do) had no given name of two words: its first word equal to the twin's
was the given name met, and the twin with the next passport, or none, was matched at once. The words of a
one-cell name now take the roles of the words they answered (as `comparisons.named_as_met` reads them for the
twin caution), so one cell or two decide alike.

Usage: ``pytest tests/matching/test_twins_one_cell_s16.py``
"""

from __future__ import annotations

import pytest

from desktop_app.matching import MatchRecord, RosterIndex, find_duplicates
from tests.matching.test_twins_attacks_s13 import BORN, NAMES, _crowd

SURNAME = {"latin": "Haddad", "arabic": "حداد"}
# (script, the twin on the roster, the twin in the row): compound names sharing their first word
COMPOUND_TWINS = [("latin", "Nour Aldeen", "Nour Alhuda"), ("latin", "Mohammed Ali", "Mohammed Amin"),
                  ("latin", "Anna-Maria", "Anna-Sofia"), ("arabic", "محمد علي", "محمد أمين")]
PASSPORTS = {"next": "N1234568", "same family, none": ""}


def _person(key: str, script: str, given: str, passport: str) -> MatchRecord:
    return MatchRecord(key, SURNAME[script], given, "", birth_date=BORN, documents=(passport,) if passport else ())


def _one_cell(key: str, script: str, given: str, passport: str, *, given_first: bool) -> MatchRecord:
    words = (given, SURNAME[script]) if given_first else (SURNAME[script], given)
    return MatchRecord.from_full_name(key, " ".join(words), birth_date=BORN,
                                      documents=(passport,) if passport else ())


@pytest.fixture(scope="module")
def crowd() -> list[MatchRecord]:
    return _crowd(NAMES)


@pytest.mark.parametrize("given_first", [True, False])
@pytest.mark.parametrize("passport", PASSPORTS)
@pytest.mark.parametrize(("script", "stayer", "twin"), COMPOUND_TWINS)
def test_a_twin_whose_compound_name_clashes_is_not_matched_in_one_cell(crowd: list[MatchRecord], script: str,
                                                                       stayer: str, twin: str, passport: str,
                                                                       given_first: bool) -> None:
    """Matched before (Nour Alhuda Haddad in one cell, the next passport or none); review in two cells."""
    index = RosterIndex([*crowd, _person("stayer", script, stayer, "N1234567")])
    row = _one_cell("row", script, twin, PASSPORTS[passport], given_first=given_first)
    two_cells = _person("row", script, twin, PASSPORTS[passport])
    assert index.candidates(two_cells)[0].decision != "match"  # the premise: two cells were held already
    found = index.candidates(row)
    assert not found or found[0].decision != "match"


@pytest.mark.parametrize(("script", "stayer", "twin"), COMPOUND_TWINS)
def test_the_finder_holds_a_twin_registered_in_one_cell(crowd: list[MatchRecord], script: str, stayer: str,
                                                        twin: str) -> None:
    """Both twins on the roster, one registered from a list giving the whole name in one cell."""
    twins = [_person("stayer", script, stayer, "N1234567"), _one_cell("twin", script, twin, "N1234568",
                                                                        given_first=True)]
    pairs = {frozenset((str(p.key_a), str(p.key_b))): p.decision for p in find_duplicates([*crowd, *twins])}
    assert pairs.get(frozenset(("stayer", "twin")), "none") != "match"


@pytest.mark.parametrize("given_first", [True, False])
@pytest.mark.parametrize(("script", "stayer", "row"), [("latin", "Mohammed", "Mohammed Ali"),
                                                       ("latin", "Nour Aldeen", "Nour Aldin"),
                                                       ("latin", "Nour Aldeen", "Nour Aldeen"),
                                                       ("arabic", "محمد", "محمد علي"),
                                                       ("arabic", "نور الدين", "نور الدين")])
def test_the_person_in_one_cell_is_still_matched(crowd: list[MatchRecord], script: str, stayer: str, row: str,
                                                 given_first: bool) -> None:
    """A second given name left out or respelt, or the name as registered: one cell is the person as two are."""
    index = RosterIndex([*crowd, _person("stayer", script, stayer, "N1234567")])
    found = index.candidates(_one_cell("row", script, row, "N1234567", given_first=given_first))
    assert (found[0].key, found[0].decision) == ("stayer", "match")


# Twins whose compound given names share a word and whose other words look alike (Mohammed Amin and Mohammed
# Amir, Rana Maria and Rania Maria): no word of either is unlike all the other's, so `_given_clash` saw none.
LOOK_ALIKE_TWINS = [("latin", "Mohammed Amin", "Mohammed Amir"), ("latin", "Rana Maria", "Rania Maria"),
                    ("arabic", "نور الدين", "نور الهدى"), ("arabic", "محمد أمين", "محمد أمير")]


@pytest.mark.parametrize("one_cell", [False, True])
@pytest.mark.parametrize("passport", PASSPORTS)
@pytest.mark.parametrize(("script", "stayer", "twin"), LOOK_ALIKE_TWINS)
def test_a_twin_whose_compound_name_looks_alike_is_not_matched(crowd: list[MatchRecord], script: str, stayer: str,
                                                              twin: str, passport: str, one_cell: bool) -> None:
    """Matched at 1.0 before, one cell or two: the given name took its best-met word (Mohammed) only."""
    index = RosterIndex([*crowd, _person("stayer", script, stayer, "N1234567")])
    row = (_one_cell("row", script, twin, PASSPORTS[passport], given_first=True) if one_cell
           else _person("row", script, twin, PASSPORTS[passport]))
    found = index.candidates(row)
    assert not found or found[0].decision != "match"
