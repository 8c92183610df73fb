"""Invented persons for matching tests: random names of four syllables, a full birth date and a number of their own
(or one given), so that two of them never look alike by chance.

    rng = random.Random(1929)
    holder = invented_person(rng, "h1", "AB1234567")   # a number shared on purpose
"""

from __future__ import annotations

import random

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.records import MatchRecord


def invented_word(rng: random.Random) -> str:
    return "".join(rng.choice("BCDFGHKLMNPRSTVZ") + rng.choice("AEIOU") for _ in range(4))


def invented_person(rng: random.Random, key: str, number: str | None = None) -> MatchRecord:
    return MatchRecord(key, surname=invented_word(rng), given_names=invented_word(rng),
                       birth_date=PartialDate(rng.randint(1940, 2010), rng.randint(1, 12), rng.randint(1, 28)),
                       documents=(number or f"X{rng.randint(10 ** 7, 10 ** 8 - 1)}",))
