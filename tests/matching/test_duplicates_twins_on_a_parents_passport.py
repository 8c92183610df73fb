"""Twins inscribed in a parent's passport, in the duplicate finder (found by breaker X21b, session 19).

Children are inscribed in a parent's passport (older Syrian and Iraqi passports): a mother and her twin sons carry
one number. The twins share it, a surname, a birth date, a sex, a household and an address; only their given
names differ. The finder takes a number few persons carry for the person's own (two registrations of one person
carry one number): the twins were matched at 1.0, which a hurried officer merges, and one child leaves the roster.
A number a holder born a generation before also carries is a parent's (`engine._a_parents`): the twins are now
offered for review, as twins with passports of their own are (tests/matching/test_twins_attacks_s8.py).
"""

from __future__ import annotations

import random

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.engine import MATCH, find_duplicates
from desktop_app.matching.records import MatchRecord


def _crowd(rng: random.Random, size: int) -> list[MatchRecord]:
    given = ["MOHAMMED", "AHMED", "ALI", "OMAR", "KHALED", "FATIMA", "AISHA", "MARYAM", "NOUR", "SARA", "HIBA"]
    surnames = ["AL-KHALIDI", "AL-HASSAN", "HAMDAN", "SALEH", "ABU ZAID", "NASSER", "AL-OMARI", "DARWISH"]
    return [MatchRecord(f"p{k}", surname=rng.choice(surnames), given_names=rng.choice(given),
                        sex=rng.choice("MF"), birth_date=PartialDate(rng.randint(1950, 2020), rng.randint(1, 12),
                                                                     rng.randint(1, 28)),
                        documents=(f"N{rng.randint(10 ** 6, 10 ** 7 - 1)}",) if rng.random() < 0.6 else (),
                        locality="ZAATARI", address=f"BLOCK {rng.randint(1, 12)}", household_key=f"h{k // 5}")
            for k in range(size)]


@pytest.mark.parametrize(("first", "second"), [("OMAR", "ALI"), ("عمر", "علي")])
def test_twins_inscribed_in_their_mothers_passport_are_not_matched(first: str, second: str) -> None:
    """Failed before (match, 1.0)."""
    family = {"surname": "HADDAD", "documents": ("N7654321",), "locality": "ZAATARI", "address": "BLOCK 7",
              "household_key": "haddad"}
    born = PartialDate(2016, 3, 1)
    roster = [*_crowd(random.Random(4), 3_000),
              MatchRecord("mother", given_names="LAILA", sex="F", birth_date=PartialDate(1990, 3, 4), **family),
              MatchRecord("twin1", given_names=first, sex="M", birth_date=born, **family),
              MatchRecord("twin2", given_names=second, sex="M", birth_date=born, **family)]
    decided = {frozenset((str(pair.key_a), str(pair.key_b))): pair.decision for pair in find_duplicates(roster)}
    assert decided.get(frozenset(("twin1", "twin2"))) != MATCH


def test_a_child_registered_twice_in_the_parents_passport_is_still_matched() -> None:
    """The rule leaves a person's own copies alone: the same child twice (in Latin and in Arabic letters) on the
    mother's passport is matched as before."""
    family = {"surname": "HADDAD", "documents": ("N7654321",), "locality": "ZAATARI", "address": "BLOCK 7",
              "household_key": "haddad"}
    born = PartialDate(2016, 3, 1)
    roster = [*_crowd(random.Random(5), 3_000),
              MatchRecord("mother", given_names="LAILA", sex="F", birth_date=PartialDate(1990, 3, 4), **family),
              MatchRecord("omar", given_names="OMAR", sex="M", birth_date=born, **family),
              MatchRecord("omar again", given_names="عمر", sex="M", birth_date=born, **family)]
    decided = {frozenset((str(pair.key_a), str(pair.key_b))): pair.decision for pair in find_duplicates(roster)}
    assert decided.get(frozenset(("omar", "omar again"))) == MATCH
