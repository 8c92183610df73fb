"""The batch path's shortcuts give what the plain definitions give (issue 14, a first reconcile's speed).

A batch finds the roster numbers one character off a query's by hashing every number's
forms with one character left out on arrays, and makes as text only the forms whose hash a
query's key has; it compares document ends by hash; a field no query gives is one level for
every pair instead of an array. Each must leave the blocks and levels exactly as they were:
numbers of every length and script (Cyrillic series letters, Arabic-Indic and full-width
digits), ends that share a hash only being sent on to the distance.
"""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.matching import MatchRecord, batch_blocks
from desktop_app.matching.batch_blocks import _code_points, _hashes, _left_out_hashes, wanted_blocks
from desktop_app.matching.comparisons import ADDRESS_F, HOUSEHOLD_F, IDENTIFIER, LOCALITY_F, SEX_F, compare_other
from desktop_app.matching.fastpath import PairFields, _affix_hashes, build_blocks
from desktop_app.matching.features import blocking_keys, prepare

ALPHABET = "0123456789ABЖИКМН"


def _number(rng: random.Random) -> str:
    return "".join(rng.choices(ALPHABET, k=rng.randint(4, 14)))


def _typo(number: str, rng: random.Random) -> str:
    place = rng.randrange(len(number))
    kind = rng.randrange(3)
    if kind == 0:  # another character
        return number[:place] + rng.choice(ALPHABET) + number[place + 1:]
    if kind == 1 and place < len(number) - 1:  # two neighbours swapped
        return number[:place] + number[place + 1] + number[place] + number[place + 2:]
    return number[:place] + number[place + 1:] + rng.choice(ALPHABET)  # one out, one in at the end


def test_left_out_hashes_are_the_hashes_of_the_numbers_with_one_character_left_out() -> None:
    rng = random.Random(61)
    for length in (6, 9, 14):
        numbers = ["".join(rng.choices(ALPHABET, k=length)) for _ in range(200)]
        left_out = _left_out_hashes(_code_points(numbers, length))
        for row, number in enumerate(numbers):
            forms = [number[:i] + number[i + 1:] for i in range(length)]
            assert left_out[row].tolist() == _hashes(_code_points(forms, length - 1)).tolist()


def test_a_batchs_numbers_one_character_off_are_the_full_blocks() -> None:
    rng = random.Random(62)
    roster_numbers = [_number(rng) for _ in range(3_000)]
    roster = [prepare(MatchRecord(i, surname="X", documents=(number, _number(rng)) if i % 9 == 0 else (number,)))
              for i, number in enumerate(roster_numbers)]
    typed = [_typo(number, rng) for number in rng.sample(roster_numbers, 600)]
    queries = [prepare(MatchRecord(f"q{i}", surname="Y", documents=(number,)))
               for i, number in enumerate([*typed, "٧٢١٢٣٤٥٦٧", "７２1234567"])]
    wanted = set().union(*(blocking_keys(query, indexing=False) for query in queries))
    expected = build_blocks([blocking_keys(record, indexing=True) for record in roster], wanted)
    near = {key: block for key, block in expected.items() if key.startswith("dd|")}
    assert len(near) > 300  # typos of every kind met their numbers
    assert wanted_blocks(roster, queries, wanted) == expected


@pytest.mark.parametrize("sieve_bits", [2, 8, batch_blocks._SIEVE_BITS])
def test_a_batchs_numbers_one_character_off_through_a_sieve_letting_many_through(
        monkeypatch: pytest.MonkeyPatch, sieve_bits: int) -> None:
    """The sieve of the wanted hashes' low bits only spares looking: with 2 bits nearly every hash passes it."""
    monkeypatch.setattr(batch_blocks, "_SIEVE_BITS", sieve_bits)
    rng = random.Random(64)
    hashes = [rng.getrandbits(64) for _ in range(5_000)]
    values = np.array([*hashes, *(rng.getrandbits(64) for _ in range(20_000))], np.uint64).reshape(-1, 5)
    wanted = np.array(rng.sample(hashes, 700) + [rng.getrandbits(64) for _ in range(300)], np.uint64)
    found = batch_blocks._among(values, wanted)
    assert found.shape == values.shape and found.sum() >= 700
    assert found.tolist() == np.isin(values, wanted).tolist()
    test_a_batchs_numbers_one_character_off_are_the_full_blocks()


def test_document_ends_hash_alike_exactly_when_equal_or_shared_by_chance() -> None:
    rng = random.Random(63)
    numbers = ["", "AB", "123456", *(_number(rng) for _ in range(200))]
    prefix, suffix = _affix_hashes(numbers, np.array([len(n) for n in numbers]))
    for column, h in enumerate(range(2, 6)):
        for a, first in enumerate(numbers):
            if len(first) <= h:
                assert prefix[a, column] == suffix[a, column] == -1
                continue
            for b, second in enumerate(numbers[:40]):
                if len(second) > h:
                    assert (prefix[a, column] == prefix[b, column]) == (first[:h] == second[:h])
                    assert (suffix[a, column] == suffix[b, column]) == (first[-h:] == second[-h:])


def test_levels_equal_compare_other_when_no_query_gives_an_id_sex_household_or_place() -> None:
    people = make_roster(600, seed=64)
    roster = [prepare(replace(roster_record(p), uuid=f"u{i}", case_ref=f"C{i}", locality="Gaza",
                              address=f"block {i % 40}"))
              for i, p in enumerate(people)]
    answer, _ = make_answer(people, 150, seed=65)
    queries = [prepare(replace(r, uuid=None, case_ref=None, sex=None, household_key=None, locality="", address=""))
               for r in answer]
    rng = np.random.default_rng(66)
    rows, positions = rng.integers(0, len(queries), 6_000), rng.integers(0, len(roster), 6_000)
    fields = PairFields(roster)
    assert all(isinstance(fields.columns(queries, rows, positions)[f], int)
               for f in (IDENTIFIER, SEX_F, HOUSEHOLD_F, LOCALITY_F, ADDRESS_F))
    expected = [list(compare_other(queries[r], roster[p])) for r, p in zip(rows.tolist(), positions.tolist(),
                                                                           strict=True)]
    assert fields.levels(queries, rows, positions).tolist() == expected
    with_ids = [q._replace(uuid=roster[k].uuid, sex=roster[k].sex) if k % 3 == 0 else q
                for k, q in enumerate(queries)]
    expected = [list(compare_other(with_ids[r], roster[p])) for r, p in zip(rows.tolist(), positions.tolist(),
                                                                            strict=True)]
    assert fields.levels(with_ids, rows, positions).tolist() == expected
