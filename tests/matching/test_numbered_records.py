"""A roster's names and birth dates numbered by identity once (`roster_counts.NumberedRecords`) for every array made of
them: the model's counts, the batch blocks, the birth and answer narrowing, the pair fields and the name levels each
numbered the same objects themselves (issue 19). Each must make of the shared numbers what it made of its own.
"""

from __future__ import annotations

import random
from functools import cache

import numpy as np

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.domain.dates import PartialDate
from desktop_app.matching import RosterIndex
from desktop_app.matching.answer_narrowing import AnswerNarrowing
from desktop_app.matching.batch_blocks import RosterBlocks
from desktop_app.matching.fastpath import BirthNarrowing, NameLevels, PairFields
from desktop_app.matching.features import Prepared, RosterPreparing, blocking_keys, prepare
from desktop_app.matching.roster_counts import NumberedRecords, RosterCounts, by_identity

PERSONS = 600


@cache
def _records() -> tuple[Prepared, ...]:
    """A generated roster prepared as a roster read is: namesakes share one tokens tuple, and a person in three
    shares a birth date object with others (some born the same day in another object, some with a year alone)."""
    rng = random.Random(35)
    preparing = RosterPreparing()
    dates: dict[PartialDate | None, PartialDate | None] = {}
    records = []
    for number, person in enumerate(make_roster(PERSONS, seed=35)):
        record = roster_record(person)
        born = record.birth_date
        if born is not None and rng.random() < 0.1:
            born = PartialDate(born.year)
        if rng.random() < 0.33:
            born = dates.setdefault(born, born)
        records.append(preparing.prepared(
            record.key, record.surname, record.given_names, record.patronymic, record.surname_latin,
            record.given_names_latin, born, record.sex, record.documents, f"uuid-{number}", f"CASE-{number}",
            record.household_key, record.locality, record.address))
    return tuple(records)


def test_each_records_name_and_date_numbered_once_and_kept() -> None:
    records = list(_records())
    numbered = NumberedRecords(records)
    for field in ("tokens", "birth_date"):
        first, of = by_identity(numbered, field)
        assert by_identity(numbered, field)[0] is first  # kept: the next array made of them asks no sort again
        values = [getattr(record, field) for record in records]
        assert all(values[first[of[k]]] is values[k] for k in range(len(values)))
        assert len(first) == len({id(value) for value in values}) < len(values)  # namesakes and dates shared
        plain_first, plain_of = by_identity(records, field)  # a plain list numbers them each time, the same
        assert plain_first is not first and np.array_equal(plain_first, first) and np.array_equal(plain_of, of)
    assert list(numbered) == records


def test_the_roster_arrays_made_of_shared_numbers_equal_those_made_of_their_own() -> None:
    plain = list(_records())
    shared = NumberedRecords(plain)
    for roster in (plain, shared):  # the shared numbers made first, by the model's counts, as an index does
        RosterCounts(roster)
    counts = RosterCounts(plain), RosterCounts(shared)
    assert counts[0].names == counts[1].names and counts[0].dates == counts[1].dates
    assert np.array_equal(counts[0].name_of, counts[1].name_of) and np.array_equal(counts[0].date_of,
                                                                                   counts[1].date_of)
    births = BirthNarrowing(plain), BirthNarrowing(shared)
    assert np.array_equal(births[0]._year, births[1]._year)
    assert np.array_equal(births[0]._day_month, births[1]._day_month)
    answers = AnswerNarrowing(plain, births[0]), AnswerNarrowing(shared, births[1])
    assert answers[0]._names == answers[1]._names and np.array_equal(answers[0]._name_of, answers[1]._name_of)
    levels = NameLevels(plain), NameLevels(shared)
    for made, same in zip((levels[0]._t_roles, levels[0]._t_groups, levels[0]._t_count),
                          (levels[1]._t_roles, levels[1]._t_groups, levels[1]._t_count), strict=True):
        assert np.array_equal(made, same)
    fields = PairFields(plain)._columns, PairFields(shared)._columns
    for column in ("has_date", "full", "year", "month", "day", "iso", "iso10", "iso_bytes"):
        assert np.array_equal(getattr(fields[0], column), getattr(fields[1], column))
    answer, _ = make_answer(make_roster(PERSONS, seed=35), 200, seed=36)
    queries = [prepare(row) for row in answer]
    wanted = set().union(*(blocking_keys(query, indexing=False) for query in queries))
    assert RosterBlocks(plain).blocks(queries, wanted) == RosterBlocks(shared).blocks(queries, wanted)


def test_an_index_numbers_its_records_once() -> None:
    index = RosterIndex(_records())
    index.warm()
    assert isinstance(index._prepared, NumberedRecords) and set(index._prepared.numbered) == {"tokens", "birth_date"}
