"""A batch's blocks made from the roster's records (`wanted_blocks`) are the full index's blocks for its keys.

The index no longer makes every roster record's blocking keys before its first batch: the
blocks a batch asks for are made from the records directly. They must be the blocks the
plain definition (`features.blocking_keys`, every key of every record) gives for those keys,
whole and in position order, for every kind of key: identifiers, numbers and numbers one
character off, full dates, years with name words on either side, names, initials.
"""

from __future__ import annotations

import random
from dataclasses import replace
from functools import cache

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex
from desktop_app.matching.batch_blocks import wanted_blocks
from desktop_app.matching.fastpath import build_blocks
from desktop_app.matching.features import Prepared, blocking_keys, prepare

PERSONS = 800


@cache
def _roster() -> list[MatchRecord]:
    """A generated roster with some persons known by a year of birth only, a full name only, two passports."""
    rng = random.Random(41)
    records = []
    for number, person in enumerate(make_roster(PERSONS, seed=29)):
        record = replace(roster_record(person), uuid=f"uuid-{number}", case_ref=f"CASE-{number}")
        draw = rng.random()
        if draw < 0.05 and record.birth_date is not None:
            record = replace(record, birth_date=PartialDate(record.birth_date.year))
        elif draw < 0.08:
            record = MatchRecord.from_full_name(record.key, f"{record.surname_latin} {record.given_names_latin}",
                                                birth_date=record.birth_date, documents=record.documents)
        elif draw < 0.1 and record.documents:
            record = replace(record, documents=(*record.documents, f"7{record.documents[0][1:]}"))
        records.append(record)
    return records


@cache
def _queries() -> list[MatchRecord]:
    """The generated answer, and rows echoing our identifiers, giving a year or nothing but a name."""
    answer, _ = make_answer(make_roster(PERSONS, seed=29), 200, seed=30)
    roster = _roster()
    extra = []
    for number, record in enumerate(roster[:200]):
        kind = number % 5
        if kind == 0:
            extra.append(MatchRecord(key=f"u{number}", surname=record.surname_latin, uuid=record.uuid))
        elif kind == 1:
            extra.append(MatchRecord(key=f"c{number}", given_names=record.given_names, case_ref=record.case_ref))
        elif kind == 2 and record.birth_date is not None:
            extra.append(replace(record, key=f"y{number}", birth_date=PartialDate(record.birth_date.year),
                                 documents=()))
        elif kind == 3:  # no date and no document: met through a surname and an initial
            extra.append(replace(record, key=f"n{number}", birth_date=None, documents=()))
        else:
            extra.append(MatchRecord.from_full_name(f"f{number}", f"{record.given_names_latin} {record.surname_latin}",
                                                    birth_date=record.birth_date))
    return [*answer, *extra]


def _expected(roster: list[Prepared], wanted: set[str]) -> dict[str, list[int]]:
    full = _full_blocks()
    return {key: full[key] for key in wanted if key in full}


@cache
def _full_blocks() -> dict[str, list[int]]:
    """Every block of `_roster()`, from every key of every record."""
    return build_blocks([blocking_keys(prepare(record), indexing=True) for record in _roster()])


def test_a_batchs_blocks_are_the_full_blocks_of_its_keys() -> None:
    roster = [prepare(record) for record in _roster()]
    queries = [prepare(record) for record in _queries()]
    wanted = set().union(*(blocking_keys(query, indexing=False) for query in queries))
    expected = _expected(roster, wanted)
    for prefix in ("u|", "c|", "d|", "dd|", "b|", "ty|", "yo|", "n|", "ng|"):  # every kind of key is met
        assert any(key.startswith(prefix) for key in expected), prefix
    assert wanted_blocks(roster, queries, wanted) == expected


def test_a_row_alone_gets_only_its_own_blocks() -> None:
    roster = [prepare(record) for record in _roster()]
    for query in [prepare(record) for record in _queries()][-200::7]:
        wanted = blocking_keys(query, indexing=False)
        assert wanted_blocks(roster, [query], wanted) == _expected(roster, wanted)


def test_an_index_decides_alike_with_every_block_built_or_only_the_batchs() -> None:
    records, answer = _roster(), _queries()
    lazy, warmed = RosterIndex(records), RosterIndex(records)
    warmed.warm()
    assert lazy._blocks is None
    assert lazy.candidates_for_all(answer, limit=3) == warmed.candidates_for_all(answer, limit=3)
    assert lazy._blocks is None  # the batch made its own blocks only
