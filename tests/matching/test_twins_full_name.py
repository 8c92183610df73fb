"""A given name typed in one cell with the surname is weighed as one typed in its own (issue 14, session 16).

`Model.twin_spelling` tells a typo (a spelling nobody carries and the dictionary lacks) from a twin's
name. It read the given name from the row's given-name column only, so a partner's answer giving the
whole name in one cell ('Kyale Grimshaw', the independent bench's answers and many real ones) weighed the
twin as likely as ever: Kyale with the next passport was matched when typed in two columns and left at
review in one. The words of a full name now take the roles they answered in the roster person's name
(`comparisons.named_as_met`); twins named what the dictionary knows keep the caution either way.

Usage: ``pytest tests/matching/test_twins_full_name.py``
"""

from __future__ import annotations

import pytest

from desktop_app.matching import MatchRecord
from desktop_app.matching.comparisons import named_as_met
from desktop_app.matching.features import GIVEN, NAME, SURNAME, prepare
from tests.matching.test_given_names import BORN, LATIN_SURNAME, STAYER_SURNAME, TWINS, TYPOS, _index, _stayer


def _one_cell(script: str, given: str, passport: str, *, latin: bool, given_first: bool) -> MatchRecord:
    surname = LATIN_SURNAME[script] if latin else STAYER_SURNAME[script]
    words = (given, surname) if given_first else (surname, given)
    return MatchRecord.from_full_name("row", " ".join(words), birth_date=BORN, documents=(passport,))


def _two_cells(script: str, given: str, passport: str, *, latin: bool) -> MatchRecord:
    if latin:
        return MatchRecord("row", surname_latin=LATIN_SURNAME[script], given_names_latin=given, birth_date=BORN,
                           documents=(passport,))
    return MatchRecord("row", STAYER_SURNAME[script], given, "", birth_date=BORN, documents=(passport,))


def _decided(script: str, row: MatchRecord) -> tuple[str, str]:
    found = _index(script).candidates(row)
    return (str(found[0].key), found[0].decision) if found else ("", "none")


def _next(script: str, looks_like: str) -> str:
    return str(int(_stayer(script, looks_like).documents[0]) + 1)


@pytest.mark.parametrize("given_first", [True, False])
@pytest.mark.parametrize(("script", "given", "looks_like", "latin"), TYPOS)
def test_a_typo_in_a_full_name_weighs_the_twin_as_in_its_own_column(script: str, given: str, looks_like: str,
                                                                    latin: bool, given_first: bool) -> None:
    index = _index(script)
    target = prepare(_stayer(script, looks_like))
    number = _next(script, looks_like)
    one_cell = prepare(_one_cell(script, given, number, latin=latin, given_first=given_first))
    two_cells = prepare(_two_cells(script, given, number, latin=latin))
    assert index.model.twin_spelling(one_cell, target) == index.model.twin_spelling(two_cells, target) < 1.0
    assert index.model.twin_spelling(target, one_cell) == index.model.twin_spelling(target, two_cells)


@pytest.mark.parametrize("given_first", [True, False])
@pytest.mark.parametrize(("script", "given", "looks_like", "latin"), TYPOS)
def test_a_typo_in_a_full_name_with_the_next_passport_is_matched(script: str, given: str, looks_like: str, latin: bool,
                                                                 given_first: bool) -> None:
    """Before, the two-column row was matched and the one-cell row kept at review."""
    number = _next(script, looks_like)
    assert _decided(script, _two_cells(script, given, number, latin=latin)) == (looks_like, "match")
    assert _decided(script, _one_cell(script, given, number, latin=latin, given_first=given_first)) == (
        looks_like, "match")


@pytest.mark.parametrize("given_first", [True, False])
@pytest.mark.parametrize("passport", ["next", "digit", "unlike", "none"])
@pytest.mark.parametrize(("script", "given", "looks_like", "latin"), TWINS)
def test_a_twin_named_in_one_cell_is_not_matched(script: str, given: str, looks_like: str, latin: bool,
                                                 passport: str, given_first: bool) -> None:
    """Данила beside Даниил, Kylie beside Kyle, رانيا beside رنا: one cell or two, never matched."""
    own = int(_stayer(script, looks_like).documents[0])
    number = {"next": str(own + 1), "digit": str(own + 10_000), "unlike": "739104612", "none": ""}[passport]
    row = _one_cell(script, given, number, latin=latin, given_first=given_first)  # "none": no number given
    assert _decided(script, row)[1] != "match"


def test_the_words_take_the_roles_they_answered() -> None:
    stayer = prepare(_stayer("latin", "stayer"))
    for text in ("Kyale Grimshaw", "GRIMSHAW KYALE"):
        row = prepare(MatchRecord.from_full_name("row", text, birth_date=BORN))
        assert [token.role for token in row.tokens] == [NAME, NAME]
        named = named_as_met(row, stayer)
        assert {token.words[0].casefold(): token.role for token in named.tokens} == {"kyale": GIVEN,
                                                                                      "grimshaw": SURNAME}
    assert named_as_met(stayer, row) is stayer  # roles known: as it is
