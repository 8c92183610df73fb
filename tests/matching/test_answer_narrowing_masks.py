"""An answer row's wide blocks masked on arrays meet what splitting each block into its groups met (issue 19).

`answer_narrowing.AnswerNarrowing.met` split every wide block an answer met into its groups (by
birth year, by day and month, by each name's second keys) once per answer, in Python; at a
million persons most wide keys are met by one or two rows, so the splitting cost more than it
saved. It now masks the block's arrays for the row. `_grouped_met` below is the definition
before, kept here as it was: on rosters built to be hostile (namesakes in three scripts,
undated, year-only, 1 January and full dates, day and month swapped, years one and two off,
one-word names) every row meets, through every key it asks for, the same records.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable

import numpy as np
import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.answer_narrowing import (
    _NOTHING,
    _OTHER_LETTERS,
    ANSWER_WIDE_BLOCK,
    GUESSED_AGE_SLACK,
    AnswerNarrowing,
    AnswerSplit,
)
from desktop_app.matching.engine import RosterIndex
from desktop_app.matching.fastpath import _NARROWED, _WORD_AND_YEAR, _day_month, other_initials
from desktop_app.matching.features import Prepared, _dated_blocks, blocking_keys, prepare
from desktop_app.matching.records import MatchRecord

SURNAMES = ("Иванова", "IVANOVA", "Ivanova", "إيفانوفا", "Петрова", "PETROVA", "Абрамов", "ABRAMOV", "Смирнов",
            "Кузнецова", "")
GIVEN = ("Юлия", "IULIIA", "Yulia", "Ilya", "Игорь", "IGOR", "Анна", "ANNA", "محمد", "Mohammed", "Olga", "Helga", "")


def _date(draw: random.Random) -> PartialDate | None:
    year = draw.choice((1960, 1961, 1962, 1963, 1964, 1985, 1986, 1987))
    kind = draw.randrange(6)
    if kind == 0:
        return None
    if kind == 1:
        return PartialDate(year)  # a year alone: estimated
    if kind == 2:
        return PartialDate(year, 1, 1)  # 1 January: estimated
    if kind == 3:
        return PartialDate(year, 5, 12)
    if kind == 4:
        return PartialDate(year, 12, 5)  # the day and month of kind 3 swapped
    return PartialDate(year, draw.randint(1, 12), draw.randint(1, 28))


def _record(key: int, draw: random.Random) -> MatchRecord:
    surname, given = draw.choice(SURNAMES), draw.choice(GIVEN)
    if not surname and not given:
        given = "Юлия"
    return MatchRecord(key, surname=surname, given_names=given, birth_date=_date(draw))


def _lists(positions: list[int], values: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for position, value in zip(positions, values, strict=True):
        out.setdefault(value, []).append(position)
    return out


def _grouped_met(narrowing: AnswerNarrowing, key: str, block: list[int], row: Prepared) -> set[int]:
    """What `met` gave before: the block split into its groups, the row's groups joined."""
    if len(block) <= ANSWER_WIDE_BLOCK:
        return set(block)
    where = np.array(block, np.int64)
    if key.startswith(_NARROWED):
        birth = row.birth_date
        if birth is None:
            return set(block)
        by_year = _lists(block, narrowing._year[where].tolist())
        by_day_month = _lists(block, narrowing._day_month[where].tolist())
        found = [by_year.get(year) for year in (-1, birth.year - 1, birth.year, birth.year + 1)]
        if birth.day is not None and birth.month is not None:
            found.append(by_day_month.get(_day_month(birth)))
        years = narrowing._year[where].tolist()
        estimated = narrowing._estimated[where].tolist()
        dated = _lists(block, years)
        dated.pop(-1, None)
        guessed = _lists([p for p, g in zip(block, estimated, strict=True) if g],
                         [y for y, g in zip(years, estimated, strict=True) if g])
        groups = dated if birth.day is None or (birth.day == 1 and birth.month == 1) else guessed
        found += [groups.get(year) for year in (birth.year - GUESSED_AGE_SLACK, birth.year + GUESSED_AGE_SLACK)]
        return {position for part in found if part for position in part}
    values: Callable[[int], frozenset[str]]
    if key.startswith("b|"):
        wanted, values = _dated_blocks(row.tokens), lambda name: _dated_blocks(narrowing._names[name])
    elif key.startswith(_WORD_AND_YEAR):
        word = key.split("|", 2)[1]
        wanted = other_initials(row.tokens, word, _OTHER_LETTERS)
        values = lambda name: other_initials(narrowing._names[name], word, _OTHER_LETTERS)  # noqa: E731
    else:
        return set(block)
    if not wanted:
        return set(block)
    by_value: defaultdict[str, list[int]] = defaultdict(list)
    for name, positions in _lists(block, narrowing._name_of[where].tolist()).items():
        for value in values(name) or frozenset((_NOTHING,)):
            by_value[value] += positions
    return {position for value in (_NOTHING, *wanted) for position in by_value.get(value, ())}


@pytest.mark.parametrize("seed", range(6))
def test_masked_blocks_meet_what_the_split_blocks_met(seed: int) -> None:
    draw = random.Random(seed)
    roster = [_record(k, draw) for k in range(400 + 100 * seed)]
    index = RosterIndex(roster)
    blocks = index._all_blocks()
    narrowing = index._answer_narrowing()
    split = AnswerSplit()  # shared by the rows, as one answer's
    asked = wide = 0
    for number in range(150):
        row = prepare(_record(10_000 + number, draw))
        for key in sorted(blocking_keys(row, indexing=False)):
            block = blocks.get(key)
            if not block:
                continue
            asked += 1
            wide += len(block) > ANSWER_WIDE_BLOCK
            met = narrowing.met(key, block, row, split)
            assert all(part == sorted(part) for part in met)
            assert {p for part in met for p in part} == _grouped_met(narrowing, key, block, row), (key, row)
    assert wide > 100 and asked > wide  # the rosters hold wide blocks of every kind the rows ask for
