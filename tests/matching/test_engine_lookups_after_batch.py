"""Rows looked up again after an answer's batch (a list's namesakes) make only the blocks they ask for (issue 19).

`services.reconciling` looks some rows up again among all their candidates once the answer is
ranked (`_with_listed_namesakes`). Those lookups built every block of the roster on the index's
fresh copy, reconcile after reconcile: 2.9 s of a 9.2 s reconcile at 100,000 persons against a
list, about a minute and some 3 GB at 1,000,000 (the warm-up's figures). `RosterIndex.candidates_of`
makes the blocks the rows ask for, as a batch does, and ranks as the full index ranks.
"""

from __future__ import annotations

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.matching import RosterIndex
from desktop_app.matching.engine import Candidate


def _ranked(found: list[Candidate]) -> list[tuple[object, float, str, tuple[str, ...]]]:
    return [(c.key, c.score, c.decision, c.reasons) for c in found]


def test_rows_looked_up_after_a_batch_meet_their_blocks_only_and_rank_as_with_every_block() -> None:
    people = make_roster(3_000, seed=51)
    roster = [roster_record(p) for p in people]
    answer, _ = make_answer(people, 300, seed=52)
    kept = RosterIndex(roster)
    copy = kept.fresh()  # as a kept index answers a reconcile
    copy.candidates_for_all(answer)
    every = RosterIndex(roster)
    every.candidates_for_all(answer)  # the same fit
    every._all_blocks()  # every block, as single lookups used to build
    again = answer[::7]
    one_by_one = [copy.candidates(record, limit=None) for record in again]
    assert copy._blocks is None and kept._blocks is None  # no block built beyond those the rows ask for
    assert [_ranked(f) for f in one_by_one] == [_ranked(every.candidates(record, limit=None)) for record in again]
    assert sum(len(f) for f in one_by_one) > len(again)  # rows met several candidates: the comparison says something
    together = copy.candidates_of(again, limit=None)  # the rows' blocks made at once
    assert [_ranked(f) for f in together] == [_ranked(f) for f in one_by_one] and copy._blocks is None
