"""Breaker X19i (issue 19): the model's counts once per name and the duplicate finder's pairs on arrays, attacked.

`roster_counts.RosterCounts` counts each distinct name and birth date once and `duplicate_pairs.RosterPairs`
meets the finder's pairs on arrays; both claim the results of the person-by-person definitions. Here they
meet rosters built to find a corner where they differ: one name in three scripts, with and without a
patronymic, with invisible characters (zero-width space, right-to-left mark, soft hyphen, BOM, a combining
accent), one-letter names, a given name whose two words share a key, empty given names or surnames, a
patronymic alone, a full name only, persons with no birth date, a year alone, 1 January, a month alone, day
and month swapped, the first and last years a date may have (1850, 2200), equal dates in one object and in
several, numbers shared by a group and one digit off; rosters of 0, 1 and 2 persons, blocks of 19 to 22
registrations about `DUPLICATE_WIDE_BLOCK` (20), and blocks about the largest taken (`MAX_BLOCK`, 2,000,
scaled down here). Everything held: these tests keep it so (they fail when the wide limit or the largest
block is taken one off, when a query meets itself, when an undated query stops meeting the whole wide
block, when equal dates in two objects count twice, or when a name's given-name key counts twice).
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import duplicate_pairs
from desktop_app.matching.duplicate_pairs import RosterPairs
from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK
from desktop_app.matching.fastpath import DuplicateNarrowing, build_part_blocks, key_parts, met_in_blocks
from desktop_app.matching.features import Prepared, RosterPreparing, blocking_keys, prepare_fields
from desktop_app.matching.model import TWIN_PRIOR, TWIN_PSEUDO_RECORDS, Model, _look_alikes, _same_birth_date
from desktop_app.matching.roster_counts import RosterCounts
from tests.matching.test_model_counts_once import (
    _counted,
    _old_household_twins,
    _old_look_alikes,
    _old_same_birth_date,
    _old_term_frequencies,
)

INVISIBLE = ["\u200b", "\u200f", "\u00ad", "\ufeff", "\u0301", "\u00a0"]
# (surname, given names, patronymic, surname in Latin, full name)
NAMES = [("Иванов", "Иван", "", "IVANOV", ""), ("Ivanov", "Ivan", "Ivanovich", "", ""),
         ("إيفانوف", "إيفان", "", "", ""), ("Иванов", "Иван", "Иванович", "", ""), ("A", "", "", "", ""),
         ("", "B", "", "", ""), ("Ю", "Я", "", "", ""), ("", "", "Иванович", "", ""), ("", "", "", "", ""),
         ("محمد", "أحمد", "", "MOHAMMED", ""), ("Muhammad", "Ahmad", "", "", ""), ("Ali", "Ali", "", "", ""),
         ("علي", "علي", "", "", ""), ("Kuznetsov", "", "", "", ""), ("", "", "", "", "Ivan Ivanov"),
         ("Orlov", "O", "", "", ""), ("Mohammed Ali", "Ahmed", "", "", ""), ("Orlova", "Olga", "Olegovna", "", ""),
         ("Haddad", "Ivan Ivan", "", "", ""), ("Иванов", "Иван Ivan", "", "", "")]  # a given name's key twice


NameOf = Callable[[random.Random], tuple[str, str, str, str, str]]
DateOf = Callable[[random.Random, dict[PartialDate, PartialDate]], PartialDate | None]


def _dates(rng: random.Random, shared: dict[PartialDate, PartialDate]) -> PartialDate | None:
    year = rng.choice([1850, 1980, 1980, 1981, 2200])
    kind = rng.random()
    if kind < 0.12:
        return None
    if kind < 0.24:
        date = PartialDate(year)
    elif kind < 0.36:
        date = PartialDate(year, 1, 1)
    elif kind < 0.44:
        date = PartialDate(year, rng.randint(1, 12))
    elif kind < 0.6:
        date = PartialDate(year, *rng.choice([(3, 5), (5, 3)]))  # day and month swapped
    else:
        date = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
    return shared.setdefault(date, date) if rng.random() < 0.6 else PartialDate(date.year, date.month, date.day)


def _roster(seed: int, size: int, name: NameOf, date: DateOf = _dates, *, households: bool = True) -> list[Prepared]:
    """`size` persons: most prepared as a roster is read (namesakes share one tokens tuple), some alone."""
    rng = random.Random(seed)
    preparing = RosterPreparing()
    shared: dict[PartialDate, PartialDate] = {}
    pool: list[str] = []
    out: list[Prepared] = []
    for k in range(size):
        surname, given, patronymic, surname_latin, full_name = name(rng)
        if rng.random() < 0.15:
            surname += rng.choice(INVISIBLE)
        birth = date(rng, shared)
        kind = rng.random()
        documents: tuple[str, ...] = ()
        if kind < 0.15:
            documents = (f"GRP{rng.randint(0, 2)}",)
        elif kind < 0.35 and pool:  # one digit off another's
            other = rng.choice(pool)
            at = rng.randrange(len(other))
            documents = (other[:at] + str((int(other[at]) + 1) % 10) + other[at + 1:],)
        elif kind < 0.6:
            pool.append(f"{rng.randrange(10**9):09d}")
            documents = (pool[-1],)
        household = f"h{rng.randint(0, size // 3 + 1)}" if households else None
        locality = rng.choice(["Tver", "Aleppo", "", "حلب"])
        if full_name or rng.random() < 0.3:
            out.append(prepare_fields(k, surname=surname, given_names=given, patronymic=patronymic,
                                      surname_latin=surname_latin, full_name=full_name, birth_date=birth,
                                      documents=documents, household_key=household, locality=locality))
        else:
            out.append(preparing.prepared(k, surname, given, patronymic, surname_latin, "", birth, None, documents,
                                          None, None, household, locality, ""))
    return out


def _mixed(rng: random.Random) -> tuple[str, str, str, str, str]:
    return rng.choice(NAMES)


def _one_name(rng: random.Random) -> tuple[str, str, str, str, str]:
    return NAMES[0]


def _one_surname(rng: random.Random) -> tuple[str, str, str, str, str]:  # a wide name word with its year
    return "Kuznetsov", rng.choice(["", "A", "Oleg", "Olga", "Я", "Иван", "Oleg Ivan"]), rng.choice(["", "I"]), "", ""


def _one_day(rng: random.Random, shared: dict[PartialDate, PartialDate]) -> PartialDate:  # a wide birth date
    return rng.choice([PartialDate(1980, 3, 8), PartialDate(1980, 8, 3), shared.setdefault(
        PartialDate(1980, 3, 8), PartialDate(1980, 3, 8))])


def _one_year(rng: random.Random, shared: dict[PartialDate, PartialDate]) -> PartialDate | None:
    return rng.choice([PartialDate(1975), PartialDate(1975, 1, 1), PartialDate(1976), PartialDate(1975, 6), None])


# name -> (seed, persons, their names, their dates, households recorded)
ROSTERS: dict[str, tuple[int, int, NameOf, DateOf, bool]] = {
    "empty": (0, 0, _mixed, _dates, True), "one person": (1, 1, _mixed, _dates, True),
    "two persons": (2, 2, _one_name, _dates, True),
    **{f"{size} of one name": (size, size, _one_name, _dates, True) for size in (19, 20, 21, 22)},
    **{f"{size} born one day": (size, size, _mixed, _one_day, True) for size in (20, 21, 22)},
    **{f"{size} of one surname and year": (size, size, _one_surname, _one_year, True) for size in (20, 21, 22)},
    "mixed": (7, 260, _mixed, _dates, True), "mixed, no households": (8, 260, _mixed, _dates, False),
    "all one name": (9, 150, _one_name, _dates, False),
}


def _hostile(roster: str) -> list[Prepared]:
    seed, size, name, date, households = ROSTERS[roster]
    return _roster(seed, size, name, date, households=households)


def _set_path(prepared: list[Prepared], batch: int, largest: int) -> list[tuple[list[int], list[int]]]:
    """The pairs `met_in_blocks` meets with the finder's narrowing, batch by batch (the code before the arrays)."""
    blocks = build_part_blocks([key_parts(record, indexing=True) for record in prepared])
    narrowing = DuplicateNarrowing(prepared)
    narrowing.wide = DUPLICATE_WIDE_BLOCK
    out = []
    for start in range(0, len(prepared), batch):
        queries = prepared[start:start + batch]
        rows, positions = met_in_blocks([blocking_keys(query, indexing=False) for query in queries], blocks,
                                        largest, [query.birth_date for query in queries], narrowing, {}, queries,
                                        start)
        out.append((rows.tolist(), positions.tolist()))
    return out


def _arrays(prepared: list[Prepared], batch: int, largest: int) -> list[tuple[list[int], list[int]]]:
    pairs = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=largest)
    out = []
    for start in range(0, len(prepared), batch):
        rows, positions = pairs.met(start, start + batch)
        out.append((rows.tolist(), positions.tolist()))
    return out


@pytest.mark.parametrize("roster", list(ROSTERS))
def test_the_arrays_meet_the_set_paths_pairs_on_hostile_rosters(roster: str) -> None:
    prepared = _hostile(roster)
    for batch in (7, 1000):
        met = _arrays(prepared, batch, 2_000)
        assert met == _set_path(prepared, batch, 2_000), roster
    for rows, positions in met:  # no person meets itself, each pair once and in one order
        pairs = list(zip(rows, positions, strict=True))
        assert all(row < position for row, position in pairs) and len(set(pairs)) == len(pairs)


@pytest.mark.parametrize("size", [29, 30, 31])
def test_a_block_just_past_the_largest_taken_is_left_alike(size: int) -> None:
    """`MAX_BLOCK` (2,000) scaled down to 30: a block of 30 is met (narrowed), one of 31 not, on both paths."""
    prepared = _roster(size, size, _one_name)
    assert _arrays(prepared, 1000, 30) == _set_path(prepared, 1000, 30)


def test_a_name_block_one_past_the_wide_limit_is_narrowed() -> None:
    """20 namesakes (`DUPLICATE_WIDE_BLOCK`) born years and days apart meet every pair; 21 meet fewer: the cut is
    where the set path has it."""
    def born_apart(size: int) -> list[Prepared]:
        return [prepare_fields(k, surname="Иванов", given_names="Иван", birth_date=PartialDate(1900 + 3 * k, 1 + k % 12,
                                                                                               1 + k))
                for k in range(size)]

    met = {}
    for size in (20, 21):
        prepared = born_apart(size)
        assert _arrays(prepared, 1000, 2_000) == _set_path(prepared, 1000, 2_000)
        met[size] = sum(len(rows) for rows, _ in _arrays(prepared, 1000, 2_000))
    assert met[20] == 20 * 19 // 2 and met[21] < met[20]


@pytest.mark.parametrize("roster", list(ROSTERS))
def test_the_counts_once_per_name_equal_the_person_by_person_counts_on_hostile_rosters(roster: str) -> None:
    records = _hostile(roster)
    counts = RosterCounts(records)
    shipped = Model.shipped()
    old = _counted(_old_term_frequencies(shipped, records))
    assert _counted(shipped.with_term_frequencies(records)) == old
    assert _counted(shipped.with_term_frequencies(records, counts)) == old
    assert _same_birth_date(records, counts) == _old_same_birth_date(records)
    assert _look_alikes(records, counts) == _old_look_alikes(records)
    twins, members = _old_household_twins(records)
    if members:
        share = (twins + TWIN_PSEUDO_RECORDS * TWIN_PRIOR) / (members + TWIN_PSEUDO_RECORDS)
        assert shipped.with_twins(records, counts).twin_share == share
    assert sum(counts.name_records) == sum(counts.date_records) == len(records)


@pytest.mark.parametrize("roster", ["mixed", "mixed, no households", "22 born one day"])
def test_groups_past_the_width_a_key_holds_do_not_spill_into_the_next_keys(monkeypatch: pytest.MonkeyPatch,
                                                                           roster: str) -> None:
    """A wide block's records are filed under key * width + group (the width `duplicate_pairs._GROUPS`, 2^23): a
    group numbered past it (a name word's number on a roster of more than 8.4 million distinct name words) was filed
    under the next key's groups and met its records. The width is now past every group the roster can number, 2^23
    at least: here that floor is 64, which the birth groups (a million and more) and the roster's name words pass."""
    monkeypatch.setattr(duplicate_pairs, "_GROUPS", 64)
    prepared = _hostile(roster)
    assert _arrays(prepared, 1000, 2_000) == _set_path(prepared, 1000, 2_000)
