"""A roster's persons made ready once per distinct name (issue 19): the same records, namesakes sharing their tokens.

`features.RosterPreparing` makes each distinct name's tokens once and gives namesakes one tuple;
the index's per-name work (`fastpath.name_caps`, `fastpath.NameLevels`) then does each tuple once
and spreads it. Records, numbering, caps and decisions must be what record-by-record preparing gives.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.matching import MatchRecord, RosterIndex, RosterPreparing
from desktop_app.matching.batch_blocks import RosterBlocks
from desktop_app.matching.fastpath import BirthNarrowing, NameLevels, name_caps
from desktop_app.matching.features import Prepared, blocking_keys, prepare


def _roster() -> list[MatchRecord]:
    """The generated roster (households, twins, a son named after his father, Arabic-script spouses), with
    identifiers in another case and spacing, a placeholder number, a person without a name, and namesakes."""
    people = make_roster(600, seed=61)
    records = [roster_record(person) for person in people]
    records[3] = replace(records[3], uuid=f"  {records[3].uuid.upper()} " if records[3].uuid else "X")
    records[4] = replace(records[4], case_ref="r-00004 ", documents=("N/A", "72 1234567"))
    records[5] = replace(records[5], surname="", given_names="", patronymic="", surname_latin="",
                         given_names_latin="")
    records[6] = replace(records[6], birth_date=None)
    records += [replace(record, key=f"again-{k}", documents=(), locality="Rafah") for k, record in
                enumerate(records[:40])]
    return records


def _shared(records: list[MatchRecord]) -> list[Prepared]:
    preparing = RosterPreparing()
    return [preparing.prepared(r.key, r.surname, r.given_names, r.patronymic, r.surname_latin, r.given_names_latin,
                               r.birth_date, r.sex, r.documents, r.uuid, r.case_ref, r.household_key, r.locality,
                               r.address) for r in records]


def test_roster_preparing_gives_what_prepare_gives_and_namesakes_share_tokens() -> None:
    records = _roster()
    one_by_one = [prepare(record) for record in records]
    shared = _shared(records)

    assert shared == one_by_one
    assert shared[3].uuid == one_by_one[3].uuid and shared[4].case_ref == "r-00004"
    assert shared[0].tokens is shared[-40].tokens  # the same name: one tuple
    assert len({id(r.tokens) for r in shared}) < len({id(r.tokens) for r in one_by_one})


def test_prepared_columns_gives_what_prepare_gives_and_namesakes_share_tokens() -> None:
    """The roster's persons made ready column by column (`prepared_columns`, what `services.reconciling.roster`
    uses): the same records as one by one, an identifier not in its compared form among them, and namesakes
    sharing one tokens tuple with those `prepared` made before on the same `RosterPreparing`."""
    records = _roster()
    records[7] = replace(records[7], uuid=None, case_ref="", sex=None, household_key=None, address="  ")
    one_by_one = [prepare(record) for record in records]
    preparing = RosterPreparing()
    first = preparing.prepared(*(getattr(records[0], field) for field in _FIELDS))
    columns = [tuple(getattr(record, field) for record in records) for field in _FIELDS]
    made = preparing.prepared_columns(*columns)

    assert made == one_by_one and all(type(record) is Prepared for record in made)
    assert made[3].uuid == one_by_one[3].uuid and made[4].case_ref == "r-00004" and made[7].uuid is None
    assert made[0].tokens is first.tokens and made[0].tokens is made[-40].tokens
    assert len({id(r.tokens) for r in made}) < len({id(r.tokens) for r in one_by_one})
    lower = [record for record in records if record.uuid and record.uuid == record.uuid.strip().casefold()]
    assert lower and preparing.prepared_columns(*[tuple(getattr(record, field) for record in lower)
                                                  for field in _FIELDS]) == [prepare(record) for record in lower]
    assert preparing.prepared_columns(*[()] * len(_FIELDS)) == []


_FIELDS = ("key", "surname", "given_names", "patronymic", "surname_latin", "given_names_latin", "birth_date", "sex",
           "documents", "uuid", "case_ref", "household_key", "locality", "address")


def test_name_levels_and_caps_over_shared_tokens_number_as_record_by_record() -> None:
    records = _roster()
    one_by_one = [prepare(record) for record in records]
    shared = _shared(records)
    index = RosterIndex(one_by_one)

    plain, spread = NameLevels(one_by_one), NameLevels(shared)
    assert spread._numbering.words == plain._numbering.words  # words numbered in the order records first give them
    assert spread._numbering.role_list == plain._numbering.role_list
    for ours, theirs in ((spread._t_roles, plain._t_roles), (spread._t_groups, plain._t_groups),
                         (spread._t_count, plain._t_count)):
        assert np.array_equal(ours, theirs)
    assert name_caps(index.model, shared) == name_caps(index.model, one_by_one)


def test_batch_blocks_and_birth_narrowing_over_shared_tokens_and_dates_are_those_record_by_record() -> None:
    records = _roster()
    one_by_one = [prepare(record) for record in records]
    shared = _shared(records)

    plain, spread = RosterBlocks(one_by_one), RosterBlocks(shared)
    assert [tuple(map(id, t)) for t in spread._names] == [tuple(map(id, t)) for t in plain._names]
    for field in ("_group_of", "_year", "_full", "_birth"):
        assert np.array_equal(getattr(spread, field), getattr(plain, field)), field
    assert [m.tolist() for m in spread._members] == [m.tolist() for m in plain._members]
    wanted = set().union(*(blocking_keys(r, indexing=False) for r in shared[::7]))
    made = spread.blocks(shared[::7], wanted)
    assert made == plain.blocks(one_by_one[::7], wanted) and len(made) > 100
    narrowed, by_record = BirthNarrowing(shared), BirthNarrowing(one_by_one)
    assert np.array_equal(narrowed._year, by_record._year)
    assert np.array_equal(narrowed._day_month, by_record._day_month)
    assert set(narrowed._year.tolist()) > {-1}  # born in several years, one without a date


def test_an_index_over_shared_tokens_decides_as_one_over_records_prepared_one_by_one() -> None:
    records = _roster()
    answer, _ = make_answer(make_roster(600, seed=61), 120, seed=62)

    def decided(index: RosterIndex) -> list[list[tuple[object, ...]]]:
        return [[(c.key, c.decision, c.score, c.weight, c.reasons, c.contributions) for c in row]
                for row in index.candidates_for_all(answer, limit=4)]

    assert decided(RosterIndex(_shared(records))) == decided(RosterIndex([prepare(r) for r in records]))
