"""Copies of one registration that the model itself offers, offered as a star (issues 14 and 19, session 20, G36).

A registration copied hundreds of times over whose copies the model offers (a rare name, a number of its own) was
offered as every pair of them: 260 copies made 33,670 pairs to review, and a registration of the same person with a
slip met each copy, one pair per copy. A class of more than `engine.STAR_COPIES` records alike in every compared field
is now offered each copy once, to its first record, on the model's decision; a record meeting the class meets its
first record once. Smaller classes (a person registered a handful of times) keep every pair.
"""

from __future__ import annotations

import dataclasses
import random

from desktop_app.matching.engine import STAR_COPIES, find_duplicates
from desktop_app.matching.records import MatchRecord
from tests.matching.invented import invented_person


def _roster(copies: int, small: int) -> tuple[MatchRecord, MatchRecord, MatchRecord, list[MatchRecord]]:
    """A person copied `copies` times, another `small` times, a registration of the first with a slip in the given
    name, among 5,000 invented persons (on this roster the model offers 200 copies every pair, 260 none)."""
    rng = random.Random(2036)
    person, other = invented_person(rng, "p"), invented_person(rng, "s")
    slipped = dataclasses.replace(person, key="slip", given_names=person.given_names[:-1] + "X")
    roster = [dataclasses.replace(person, key=f"p-{n:03d}") for n in range(copies)]
    roster += [dataclasses.replace(other, key=f"s-{n}") for n in range(small)]
    roster += [slipped, *(invented_person(rng, f"o{k}") for k in range(5_000))]
    return person, other, slipped, roster


def test_hundreds_of_copies_the_model_offers_are_offered_each_once_to_the_first() -> None:
    """Failed before: 19,900 pairs among the 200 copies (each for review) and 200 between the slipped registration
    and them."""
    copies = 200
    _, _, _, roster = _roster(copies, 0)
    pairs = find_duplicates(roster)
    among = [pair for pair in pairs if pair.key_a.startswith("p-") and pair.key_b.startswith("p-")]
    assert sorted((pair.key_a, pair.key_b) for pair in among) == [("p-000", f"p-{n:03d}") for n in range(1, copies)]
    assert len({(pair.decision, pair.reasons) for pair in among}) == 1  # the model's, alike for every copy
    slipped = [(pair.key_a, pair.key_b) for pair in pairs if "slip" in (pair.key_a, pair.key_b)]
    assert slipped == [("p-000", "slip")]  # the slip meets the class once, at its first record


def test_a_person_registered_a_handful_of_times_keeps_every_pair() -> None:
    """A class of `STAR_COPIES` records or fewer is not a star: pair-level counts (FEBRL3) see every true pair."""
    _, _, _, roster = _roster(0, STAR_COPIES)
    pairs = find_duplicates(roster)
    among = {(pair.key_a, pair.key_b) for pair in pairs if pair.key_a.startswith("s-")}
    assert among == {(f"s-{a}", f"s-{b}") for a in range(STAR_COPIES) for b in range(a + 1, STAR_COPIES)}
