"""A ranked candidate judged and explained when read gives what judging it at once gave.

`RosterIndex._ranked` judges a row's best two candidates (the runner-up can send the best to
review) without their reasons and contributions, and the rest not at all until read: a batch
ranks about four candidates a row and a matched row shows one. The reference here is the
ranking as it stood before: every candidate judged in full at once, the best turned to review
by a close runner-up or a twin's clash, a 'match' below the best read as review. Each
candidate must equal it field for field, whichever field is read first, and copy as a plain candidate.
"""

from __future__ import annotations

import copy
import math
from dataclasses import replace

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.matching import Candidate, MatchRecord, RosterIndex
from desktop_app.matching.comparisons import DIFFERENT, GIVEN_F
from desktop_app.matching.features import prepare
from desktop_app.matching.scoring import MATCH, NONE, REVIEW, judge, twin_like

Judged = tuple[object, float, str, tuple[str, ...], float, tuple[tuple[str, str, float], ...]]


def _at_once(index: RosterIndex, unfitted: RosterIndex, record: MatchRecord, limit: int) -> list[Judged]:
    """The candidates of one row as `_ranked` made them before: each judged in full when ranked.

    The pairs are those the batch compared (pruned with the model before the fit: `unfitted`
    compares as the batch did, `test_engine_fastpath`), ranked and judged with the fitted model.
    """
    query = prepare(record)
    compared = unfitted._compared(query, None)
    model, t = index.model, index.thresholds
    weights = index._weights([compared])[0]
    weighed = sorted(((w, p, c) for w, (p, c) in zip(weights, compared, strict=True)), key=lambda i: (-i[0], i[1]))
    odds = [2.0 ** min(w, 500.0) for w, _, _ in weighed]
    total = sum(odds)
    others = len(weighed) - 1
    label = (f"{others} other candidate{'s' if others != 1 else ''}" if others else "no other candidate"
             ) + f", {index.off_roster:.0%} of rows not on the roster"
    ranked: list[list[object]] = []
    for rank, (_, position, comparison) in enumerate(weighed[:max(limit, 2)]):
        target = index._prepared[position]
        extra = ("roster", label, -math.log2(index.off_roster + max(total - odds[rank], 0.0)))
        found = judge(query, target, comparison, model, match_threshold=t.match, review_threshold=t.review,
                      extra=extra)
        ranked.append([target.key, found.score, found.decision, found.reasons, found.weight, found.contributions])
    if ranked and ranked[0][2] != NONE and len(ranked) > 1:
        top, runner_up = ranked[0], ranked[1]
        clash = twin_like(weighed[0][2].levels) and weighed[0][2].levels[GIVEN_F] == DIFFERENT
        if runner_up[2] != NONE and runner_up[4] >= top[4] - t.ambiguity_margin:  # type: ignore[operator]
            top[2], top[3] = REVIEW, (*top[3], f"another person scores close ({runner_up[0]})")  # type: ignore[misc]
        elif runner_up[2] != NONE and clash and top[2] == MATCH:
            top[2], top[3] = REVIEW, (*top[3], f"another given name, and another person comes close "  # type: ignore[misc]
                                      f"({runner_up[0]}): a twin's document?")
    for candidate in ranked[1:]:
        if candidate[2] == MATCH:
            candidate[2], candidate[3] = REVIEW, (*candidate[3], "not the best candidate")  # type: ignore[misc]
    return [tuple(c) for c in ranked[:limit]]  # type: ignore[misc]


def _read(candidate: Candidate, explain_first: bool) -> Judged:
    if explain_first:
        reasons, contributions = candidate.reasons, candidate.contributions
        return candidate.key, candidate.score, candidate.decision, reasons, candidate.weight, contributions
    score, decision, weight = candidate.score, candidate.decision, candidate.weight
    return candidate.key, score, decision, candidate.reasons, weight, candidate.contributions


def test_candidates_read_later_equal_candidates_judged_at_once() -> None:
    people = make_roster(2_000, seed=41)
    answer, _ = make_answer(people, 300, seed=42)
    records = [roster_record(p) for p in people]
    index, unfitted = RosterIndex(records), RosterIndex(records)
    found = index.candidates_for_all(answer, limit=4)  # fits m on the answer: the reference judges with it
    assert index.fitted
    decisions = {candidate.decision for row in found for candidate in row}
    assert {MATCH, REVIEW, NONE} <= decisions  # every kind of candidate is compared below
    for number, (record, row) in enumerate(zip(answer, found, strict=True)):
        expected = _at_once(index, unfitted, record, 4)
        read = [_read(candidate, explain_first=(number + rank) % 2 == 0) for rank, candidate in enumerate(row)]
        assert read == expected, (record, read, expected)
        assert [copy.copy(c) for c in row] == row


def test_a_person_registered_four_times_reads_as_judged_at_once() -> None:
    """The best turned to review by its runner-up keeps that reason after its own when explained later."""
    people = make_roster(400, seed=45)
    person = roster_record(people[7])
    records = [roster_record(p) for p in people] + [replace(person, key=f"copy{n}") for n in range(3)]
    index = RosterIndex(records)
    found = index.candidates(replace(person, key="row"), limit=4)
    assert [c[:3] for c in _at_once(index, index, replace(person, key="row"), 4)] == [
        (c.key, c.score, c.decision) for c in found]
    assert found[0].decision == REVIEW and "another person scores close" in found[0].reasons[-1]
    assert [_read(c, explain_first=False) for c in found] == _at_once(index, index, replace(person, key="row"), 4)


def test_a_matched_rows_other_candidates_are_not_judged_until_read() -> None:
    people = make_roster(1_500, seed=43)
    answer, _ = make_answer(people, 200, seed=44)
    index = RosterIndex([roster_record(p) for p in people])
    found = index.candidates_for_all(answer, limit=4)
    later = [candidate for row in found for candidate in row[2:]]
    assert later and all(candidate._judged is None for candidate in later)
    assert all(candidate._explained is None for row in found for candidate in row)
    first = found[0][0]
    assert first.contributions and first.contributions[0][0] == "prior"  # the waterfall is there when read
    assert first._judge is None  # explained once: the records and model it was judged with are let go
