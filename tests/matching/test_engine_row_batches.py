"""An answer's rows are compared a batch at a time (`engine.ROWS_PER_BATCH`): the same decisions, less held at once.

A row meets more roster records the larger the roster (issue 19): the arrays of every pair of a
10,000-row answer (which records each row met, each pair's cheap fields) were held at once, some
300 MB on the 100,000-person bench roster. Compared a batch of rows at a time, only one batch's are.
The decisions, the EM fit, the counters and the progress reported must not change.
"""

from __future__ import annotations

import random
import tracemalloc
from dataclasses import replace

import pytest

from bench.matching_data import Person, make_answer, make_roster, roster_record
from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching import MatchRecord, RosterIndex, engine
from desktop_app.matching.records import Key

Decided = list[list[tuple[Key, str, float, float, tuple[str, ...], tuple[object, ...]]]]


def _one_off(number: str) -> str:
    return number[:-1] + ("8" if number.endswith("9") else "9")


def _answer(people: list[Person], roster: list[MatchRecord], rows: int, seed: int) -> list[MatchRecord]:
    """Typed rows of the generated roster (romanised otherwise, Arabic-script spouses typed in Latin, typos),
    strangers, and rows whose passport is one character off or missing."""
    answer, _ = make_answer(people, rows, seed=seed + 1)
    rng = random.Random(seed + 2)
    extra = []
    for number, person in enumerate(rng.sample(roster, rows // 4)):
        documents = (_one_off(person.documents[0]),) if person.documents and number % 2 else ()
        extra.append(replace(person, key=f"x{number}", documents=documents, uuid=None, case_ref=None))
    return answer + extra


def _decided(index: RosterIndex, answer: list[MatchRecord], progress: list[tuple[int, int]]) -> Decided:
    found = index.candidates_for_all(answer, limit=4, progress=lambda done, total: progress.append((done, total)))
    return [[(c.key, c.decision, c.score, c.weight, c.reasons, c.contributions) for c in row] for row in found]


def test_rows_compared_in_batches_decide_as_all_rows_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    people = make_roster(900, seed=41)  # households: twins, a son named after his father, Arabic-script spouses
    roster = [roster_record(person) for person in people]
    answer = _answer(people, roster, 200, seed=42)
    all_progress: list[tuple[int, int]] = []
    monkeypatch.setattr(engine, "ROWS_PER_BATCH", 10**9)
    at_once = RosterIndex(roster)
    all_rows = _decided(at_once, answer, all_progress)
    batch_progress: list[tuple[int, int]] = []
    monkeypatch.setattr(engine, "ROWS_PER_BATCH", 60)  # progress is still reported every 250 rows
    batched = RosterIndex(roster)
    in_batches = _decided(batched, answer, batch_progress)

    assert in_batches == all_rows
    assert batched.model.m == at_once.model.m  # the same EM fit, on the same pairs in the same order
    assert (batched.comparisons, batched.name_comparisons) == (at_once.comparisons, at_once.name_comparisons)
    assert batch_progress == all_progress == [(done, len(answer)) for done in range(250, len(answer) + 1, 250)]
    assert sum(1 for row in in_batches if row and row[0][1] == "match") > 130  # two working engines compared
    assert len(answer) == 250  # five batches, the last one short


def _peak(index: RosterIndex, answer: list[MatchRecord]) -> int:
    tracemalloc.start()
    try:
        index.candidates_for_all(answer, limit=1)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_pairs_of_one_batch_of_rows_are_held_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Namesakes: every row meets hundreds of records, none worth comparing names for (another sex,
    another passport; the rows give no birth date, so the wide name block is met whole, `BirthNarrowing`).

    Tripling the answer triples the pairs met; held all at once (the code before: one batch of
    every row) the peak grew by their arrays, well over 100 bytes a pair.
    """
    rng = random.Random(5)
    roster = [MatchRecord(key=k, surname="IVANOV", given_names=rng.choice(("IVAN", "PETR")), sex=Sex.MALE,
                          birth_date=PartialDate(1940 + k % 20, 1 + k % 12, 1 + k % 28),
                          documents=(f"P{1_000_000 + k}",)) for k in range(1_000)]
    monkeypatch.setattr(engine, "ROWS_PER_BATCH", 100)

    def answer(rows: int) -> list[MatchRecord]:
        return [MatchRecord(key=f"a{k}", surname="IVANOV", given_names="IVAN", sex=Sex.FEMALE,
                            documents=(f"Q{1_000_000 + k}",))  # a passport of the same kind: compared
                for k in range(rows)]

    index = RosterIndex(roster)
    index.candidates_for_all(answer(10), limit=1)  # the roster side's arrays made before measuring
    met = index.comparisons // 10
    assert met > 400  # each row meets its namesakes
    small, large = _peak(index, answer(100)), _peak(index, answer(300))
    assert large - small < 50 * 200 * met, (small, large, met)
