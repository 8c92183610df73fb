"""A number of another kind of document is not compared with the roster person's (issue 14).

Seed 1 of the independent bench (tuning): a Palestinian answers with the 9-digit number of an identity card
while the roster holds the 7-digit number of the passport (HASSAN SKAIK, born 1969 for 1962). The numbers
were 'different' (-3.4 bits: the person's own document disagreeing) and kept the pair at review. Numbers of
different lengths that are not one character apart are two kinds of document, never compared: 'missing', as a
row without a number is. Numbers of one length that differ still disagree (a renewed passport, or another
person's), and twins keep their caution: a row without a comparable number tells a twin no better than one
without a number.

Usage: ``pytest tests/matching/test_document_kinds.py``
"""

from __future__ import annotations

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex
from desktop_app.matching.comparisons import document_level
from tests.matching.test_twins_spelling import _roster

BORN = PartialDate(1962, 12, 26)
PASSPORT = "2479245"
IDENTITY_CARD = "957677544"


@pytest.mark.parametrize(("row", "roster", "level"), [
    ({IDENTITY_CARD}, {PASSPORT}, 3),              # 9 digits beside 7: two kinds of document
    ({"4510123456"}, {"751234567"}, 3),            # an internal passport beside a foreign one
    ({"9576775"}, {PASSPORT}, 2),                  # one kind, another number
    ({"247924"}, {PASSPORT}, 1),                   # one digit dropped: the number typed
    ({IDENTITY_CARD, "9576775"}, {PASSPORT}, 2),   # a number of the same kind among them disagrees
    ({IDENTITY_CARD}, {PASSPORT, "958677544"}, 1),
])
def test_numbers_of_different_lengths_are_not_compared(row: set[str], roster: set[str], level: int) -> None:
    assert document_level(frozenset(row), frozenset(roster)) == level


@pytest.fixture(scope="module")
def index() -> RosterIndex:
    hassan = MatchRecord("hassan", "Skaik", "Hassan", "", birth_date=BORN, documents=(PASSPORT,))
    return RosterIndex([*_roster(3_000, 7), hassan])


def _decisions(index: RosterIndex, row: MatchRecord) -> list[tuple[object, str]]:
    """The best candidate's key and decision, looked up alone and in a batch (the fast path's levels)."""
    alone = index.candidates(row)[0]
    batch = index.fresh().candidates_for_all([row])[0][0]
    return [(alone.key, alone.decision), (batch.key, batch.decision)]


def test_an_identity_card_beside_the_passport_is_no_evidence_against(index: RosterIndex) -> None:
    """The name and an identity card's number, no birth date: weighed as the name alone (review before)."""
    row = MatchRecord("row", "Skaik", "Hassan", "", documents=(IDENTITY_CARD,))
    assert _decisions(index, row) == [("hassan", "match")] * 2
    assert "documents differ" not in index.candidates(row)[0].reasons


def test_a_passport_number_that_differs_still_speaks_against(index: RosterIndex) -> None:
    """The same name with a passport's number of the same kind that is not the person's: review, as before."""
    row = MatchRecord("row", "Skaik", "Hassan", "", documents=("9576775",))
    assert _decisions(index, row) == [("hassan", "review")] * 2
    assert "documents differ" in index.candidates(row)[0].reasons


@pytest.mark.parametrize("given", ["Hussein", "Hassam"])
def test_a_twin_with_a_number_of_another_kind_is_not_matched(index: RosterIndex, given: str) -> None:
    """Born the same day, another given name or one a letter off: the number of another kind tells nothing,
    so the twin caution of a row without a number holds."""
    row = MatchRecord("row", "Skaik", given, "", birth_date=BORN, documents=(IDENTITY_CARD,))
    assert [decision for _, decision in _decisions(index, row)] == ["review"] * 2
