"""The roster index: blocking, candidate scoring, the ambiguity rule, and the duplicate finder.

    index = RosterIndex(roster_records)            # once per reconcile run
    for row in answer_records:
        best = index.best(row)                     # Candidate or None
        ...
    pairs = find_duplicates(roster_records)        # every pair worth a look, scored

Only records sharing a blocking key (see `features`) are compared, so the cost grows with
the number of records, not with their product. `index.comparisons` counts the pairs scored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.matching.features import Prepared, blocking_keys, prepare
from desktop_app.matching.records import Key, MatchRecord
from desktop_app.matching.scoring import (
    AMBIGUITY_MARGIN,
    MATCH,
    MATCH_THRESHOLD,
    NONE,
    REVIEW,
    REVIEW_THRESHOLD,
    Decision,
    assess,
)

MAX_BLOCK = 2_000  # a key shared by more records than this says too little to block on


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The two score thresholds and the margin (in bits) between a match and its runner-up."""

    match: float = MATCH_THRESHOLD
    review: float = REVIEW_THRESHOLD
    ambiguity_margin: float = AMBIGUITY_MARGIN


@dataclass(frozen=True, slots=True)
class Candidate:
    """An indexed record scored against a query: score 0..1, decision, and why."""

    key: Key
    score: float
    decision: Decision
    reasons: tuple[str, ...]
    weight: float  # the evidence in bits behind `score`


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two roster records that may be one person (`key_a` comes before `key_b` in the input)."""

    key_a: Key
    key_b: Key
    score: float
    decision: Decision
    reasons: tuple[str, ...]


class RosterIndex:
    """Blocking indexes over a set of records, queried one record at a time."""

    def __init__(self, records: Iterable[MatchRecord], thresholds: Thresholds | None = None) -> None:
        self.thresholds = thresholds or Thresholds()
        self._prepared: list[Prepared] = []
        self._blocks: dict[str, list[int]] = defaultdict(list)
        self.comparisons = 0
        for position, record in enumerate(records):
            prepared = prepare(record)
            self._prepared.append(prepared)
            for key in blocking_keys(prepared, indexing=True):
                self._blocks[key].append(position)

    def __len__(self) -> int:
        return len(self._prepared)

    def candidates(self, record: MatchRecord, limit: int | None = 5) -> list[Candidate]:
        """Indexed records that may be `record`, best first, at most `limit` (None: all).

        Only the best candidate can be 'match', and only when no other candidate comes
        within the ambiguity margin. Candidates scoring 'none' are included when their
        names were weighed (near misses staff may want to see); pairs that even equal
        names could not lift to review are left out unscored.
        """
        return self._ranked(prepare(record), exclude=None)[:limit]

    def best(self, record: MatchRecord) -> Candidate | None:
        """The best candidate above the review threshold, or None when nobody comes close."""
        found = self.candidates(record, limit=1)
        return found[0] if found and found[0].decision != NONE else None

    def _positions(self, prepared: Prepared, exclude: int | None) -> set[int]:
        positions: set[int] = set()
        for key in blocking_keys(prepared, indexing=False):
            block = self._blocks.get(key)
            if block and len(block) <= MAX_BLOCK:
                positions.update(block)
        positions.discard(exclude)  # type: ignore[arg-type]
        return positions

    def _scored(self, prepared: Prepared, exclude: int | None) -> list[tuple[int, Candidate]]:
        scored = []
        t = self.thresholds
        positions = self._positions(prepared, exclude)
        self.comparisons += len(positions)
        for position in positions:
            target = self._prepared[position]
            found = assess(prepared, target, match_threshold=t.match, review_threshold=t.review, prune=True)
            if found is None:
                continue
            scored.append((position, Candidate(target.key, found.score, found.decision, found.reasons,
                                               found.weight)))
        scored.sort(key=lambda item: (-item[1].weight, item[0]))
        return scored

    def _ranked(self, prepared: Prepared, exclude: int | None) -> list[Candidate]:
        ranked = [candidate for _, candidate in self._scored(prepared, exclude)]
        if not ranked:
            return ranked
        top = ranked[0]
        if top.decision == MATCH and len(ranked) > 1:
            runner_up = ranked[1]
            if runner_up.decision != NONE and runner_up.weight >= top.weight - self.thresholds.ambiguity_margin:
                ranked[0] = _with(top, REVIEW, f"another person scores close ({runner_up.key})")
        return [ranked[0]] + [_with(c, REVIEW, "not the best candidate") if c.decision == MATCH else c
                              for c in ranked[1:]]


def _with(candidate: Candidate, decision: Decision, reason: str) -> Candidate:
    return Candidate(candidate.key, candidate.score, decision, (*candidate.reasons, reason), candidate.weight)


def find_duplicates(records: Iterable[MatchRecord], thresholds: Thresholds | None = None) -> list[DuplicatePair]:
    """Every pair of records scoring at least 'review', strongest first.

    Each pair appears once; the ambiguity rule does not apply (a person registered three
    times gives three pairs).
    """
    index = RosterIndex(records, thresholds)
    pairs: list[DuplicatePair] = []
    for position, prepared in enumerate(index._prepared):
        for other, candidate in index._scored(prepared, exclude=position):
            if other > position and candidate.decision != NONE:
                pairs.append(DuplicatePair(prepared.key, candidate.key, candidate.score, candidate.decision,
                                           candidate.reasons))
    pairs.sort(key=lambda pair: -pair.score)
    return pairs
