"""The roster index: blocking, the model fitted to the roster and the answer, candidates, duplicates.

    index = RosterIndex(roster_records)            # once per reconcile run: u and name frequencies
    found = index.candidates_for_all(answer)       # EM on the answer's pairs, then every row's candidates
    best = index.best(row)                         # one row at a time, with the model as it stands
    pairs = find_duplicates(roster_records)        # every pair worth a look, scored

Only records sharing a blocking key (see `features`) are compared, so the cost grows with
the number of records, not with their product. `index.comparisons` counts the pairs
weighed (the cheap fields), `index.name_comparisons` those whose names were compared.
"""


from __future__ import annotations

import gc
import math
import random
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from desktop_app.matching.answer_narrowing import AnswerNarrowing, AnswerSplit, met_by_rows
from desktop_app.matching.batch_blocks import RosterBlocks
from desktop_app.matching.comparisons import (
    ADDRESS_F,
    AGREEING,
    BIRTH_F,
    D_EQUAL,
    D_SWAPPED,
    DIFFERENT,
    DOCUMENT_F,
    DOCUMENT_ONE_OFF,
    FIELDS,
    GIVEN_F,
    IDENTIFIER,
    LOCALITY_F,
    NAME_FIELDS,
    PATRONYMIC_F,
    SURNAME_F,
    Comparison,
    compare,
    compare_other,
    shared_documents,
)
from desktop_app.matching.duplicate_pairs import RosterPairs, identical_groups
from desktop_app.matching.fastpath import (
    BirthNarrowing,
    DuplicateNarrowing,
    NameLevels,
    PairFields,
    Split,
    build_part_blocks,
    key_parts,
    met_in_blocks,
    name_caps,
)
from desktop_app.matching.features import GIVEN, SURNAME, Prepared, blocking_keys, prepare
from desktop_app.matching.model import (
    DIFFERENT_DOCUMENTS,
    EM_MIN_ROWS,
    PLAUSIBLE_POPULATION,
    U_FLOOR,
    Model,
    documented_duplicates,
    estimate_u,
    expectation_maximisation,
)
from desktop_app.matching.records import Key, MatchRecord
from desktop_app.matching.roster_counts import NumberedRecords, RosterCounts
from desktop_app.matching.scoring import (
    AMBIGUITY_MARGIN,
    MATCH,
    MATCH_THRESHOLD,
    NONE,
    REVIEW,
    REVIEW_THRESHOLD,
    Assessment,
    Contribution,
    Decision,
    judge,
    twin_like,
    weight_of,
)

MAX_BLOCK = 2_000  # a key shared by more records than this says too little to block on
ON_ROSTER_SHARE = 0.9  # the expected share of an answer's rows that name someone on the roster
DUPLICATE_SHARE = 0.05  # the least share of a roster's records assumed to repeat another (EM may find more)
# Two registrations are judged pair by pair (no row to share among candidates). Wrong pairs scored up to
# 0.78 on FEBRL1/2 but 0.965 on the generated roster (no duplicates; namesakes born a digit apart).
DUPLICATE_MATCH_THRESHOLD = 0.98
# The duplicate finder's reason for a match two surnames others carry too leave to the officer (`find_duplicates`).
OTHER_FAMILIES = "both surnames carried by others on the roster: two families, not a typo"
# Persons (not one's own registrations) who must carry each of two differing surnames for them to be two families'
# names rather than a slip: one other can be the same slip typed for another person (FEBRL3: CAMPBLL, MATTYEWS).
OTHER_CARRIERS = 2
# The duplicate finder's reason for a pair offered on EM's own count of duplicates, which the documents cut
# (`find_duplicates`): registrations of one person giving two numbers look like namesakes to the cut.
FEW_AGREE = "few registrations on this roster agree on a number: the officer decides"
# A registration copied many times over (`duplicate_pairs.identical_groups`) that no pair offers, offered for merging.
IDENTICAL = "registered again alike in every field: the officer decides"
# A pair the roster's common birth day (`Model.adjusted_birth_date`) weighs below review that an equal date weighed as
# any day's would offer: offered for review only (copies of one person without a document, and namesakes, born on it).
COMMON_DAY = "born on a day many on this roster share: look"
# Copies of one registration (`duplicate_pairs.identical_groups`) beyond this many are offered as a star, each to the
# first (`_as_stars`), not as every pair of them: 260 copies made 33,670 pairs to review. A person registered again
# in earnest makes a handful of records (FEBRL3: 6 at most), whose every pair a pair-level count still sees; 20
# copies already make 190 pairs. The bench rosters (100,000 and 1,000,000 persons) hold no class at all.
STAR_COPIES = 20
# A name key or a full birth date shared by more records than this meets, in the duplicate finder, only the
# records alike in a second key (`fastpath.DuplicateNarrowing`): two registrations of one person share a
# number, or a name and a birth date typed with one slip. Namesakes born years apart were compared pair by
# pair, so that the pairs grew with the square of a common name's namesakes (a roster ten times larger met
# 100 times the pairs in its blocks).
DUPLICATE_WIDE_BLOCK = 20
PRUNE_SLACK = 2.0  # bits below the review threshold still compared in full (EM may move the weights)
# An answer's rows compared at a time: the arrays of their pairs (met in blocks, their cheap fields) are held for
# one batch only, since a row meets more records the larger the roster. A multiple of 250 (progress is reported so).
ROWS_PER_BATCH = 1_000
WEIGHT_TOLERANCE = 1e-6  # bits: a pair this close below review is judged, whatever rounding the arrays' sums took


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The two match-probability thresholds and the margin (in bits) between a match and its runner-up."""

    match: float = MATCH_THRESHOLD
    review: float = REVIEW_THRESHOLD
    ambiguity_margin: float = AMBIGUITY_MARGIN


class Candidate:
    """An indexed record scored against a query: match probability, decision, why, and each field's bits.

    A candidate the engine ranks is judged when first read and explained (`reasons`,
    `contributions`) when those are first read, both from the comparison it was ranked on:
    a batch ranks some 40,000 candidates, and a matched row shows only its first. Reading
    it later gives what judging it at once would have given. Immutable once made.
    """

    __slots__ = ("_demote", "_explained", "_judge", "_judged", "_suffix", "key")

    def __init__(self, key: Key, score: float, decision: Decision, reasons: tuple[str, ...], weight: float,
                 contributions: tuple[Contribution, ...] = ()) -> None:
        self.key = key
        self._judged: tuple[float, Decision, float] | None = (score, decision, weight)
        self._explained: tuple[tuple[str, ...], tuple[Contribution, ...]] | None = (reasons, contributions)
        self._judge: Callable[[bool], Assessment] | None = None
        self._suffix: tuple[str, ...] = ()
        self._demote = False

    @classmethod
    def judged_later(cls, key: Key, judge_pair: Callable[[bool], Assessment], judged: Assessment | None = None, *,
                     demote: bool = False) -> Candidate:
        """A candidate judged by `judge_pair(explain)` when read; `judged`: its unexplained judgement, if made.

        `demote`: not the best candidate of its row, so a 'match' reads as review.
        """
        candidate = object.__new__(cls)
        candidate.key = key
        candidate._judged = None if judged is None else (judged.score, judged.decision, judged.weight)
        candidate._explained = None
        candidate._judge = judge_pair
        candidate._suffix = ()
        candidate._demote = demote
        return candidate

    def _scored(self) -> tuple[float, Decision, float]:
        judged = self._judged
        if judged is None:
            judge_pair = self._judge
            if judge_pair is None:  # judged meanwhile on another thread (set before `_judge` is dropped)
                return self._judged  # type: ignore[return-value]
            found = judge_pair(False)
            decision = REVIEW if self._demote and found.decision == MATCH else found.decision
            judged = self._judged = (found.score, decision, found.weight)
        return judged

    def _explanation(self) -> tuple[tuple[str, ...], tuple[Contribution, ...]]:
        explained = self._explained
        if explained is None:
            judge_pair = self._judge
            if judge_pair is None:  # explained meanwhile on another thread
                return self._explained  # type: ignore[return-value]
            found = judge_pair(True)
            demoted = ("not the best candidate",) if self._demote and found.decision == MATCH else ()
            if self._judged is None:
                self._judged = (found.score, REVIEW if demoted else found.decision, found.weight)
            explained = self._explained = ((*found.reasons, *demoted, *self._suffix), found.contributions)
            self._judge = None  # what judging needs (both records, the model) is no longer held
        return explained

    @property
    def score(self) -> float:
        return self._scored()[0]

    @property
    def decision(self) -> Decision:
        return self._scored()[1]

    @property
    def weight(self) -> float:
        """The log-odds in bits behind `score`."""
        return self._scored()[2]

    @property
    def reasons(self) -> tuple[str, ...]:
        return self._explanation()[0]

    @property
    def contributions(self) -> tuple[Contribution, ...]:
        return self._explanation()[1]

    def amended(self, decision: Decision, reason: str) -> Candidate:
        """This candidate with another decision and one more reason (explained when read, as this one)."""
        score, _, weight = self._scored()
        if self._explained is not None and self._judge is None:
            reasons, contributions = self._explained
            return Candidate(self.key, score, decision, (*reasons, reason), weight, contributions)
        copy = Candidate.judged_later(self.key, self._judge, demote=self._demote)  # type: ignore[arg-type]
        copy._judged = (score, decision, weight)
        copy._suffix = (*self._suffix, reason)
        return copy

    def _fields(self) -> tuple[object, ...]:
        return (self.key, self.score, self.decision, self.reasons, self.weight, self.contributions)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Candidate) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return ("Candidate(key={!r}, score={!r}, decision={!r}, reasons={!r}, weight={!r}, contributions={!r})"
                .format(*self._fields()))

    def __reduce__(self) -> tuple[type[Candidate], tuple[object, ...]]:
        return Candidate, self._fields()


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two roster records that may be one person (`key_a` comes before `key_b` in the input)."""

    key_a: Key
    key_b: Key
    score: float
    decision: Decision
    reasons: tuple[str, ...]
    contributions: tuple[Contribution, ...] = ()


Compared = list[tuple[int, Comparison]]


_pausing = threading.Lock()
_pauses = 0  # pauses running now, in any thread: the last one out moves what they built
_enabled_before = False  # whether the collector was on when the first of the running pauses began


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while an index or its results are built.

    Building allocates millions of small objects (keys, tokens, comparisons) and no
    cycles; the collector's full passes over a growing heap cost more than the building.
    What the build keeps (a roster's index) is then moved to the collector's oldest
    generation at once, not left in its youngest, which the first collections after the
    pause would otherwise walk object by object (a million persons' records and keys);
    the oldest is walked by a full collection only, and a cycle left there is still freed.
    The outermost pause moves them, also with the collector off: the window collects on its
    GUI thread (`ui.garbage`), where walking a warmed index's young objects froze it.
    Moving objects between generations collects nothing, so no object is destroyed on
    the thread that pauses. Pauses in several threads at once (a reconcile during a warm-up) keep
    the collector off until the last one ends, which restores it as the first one found it.
    """
    global _pauses, _enabled_before
    with _pausing:  # the first pause in notes the collector's state, the last one out restores it
        if _pauses == 0:
            _enabled_before = gc.isenabled()
        _pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _pausing:
            _pauses -= 1
            if _pauses == 0:
                gc.freeze()  # every tracked object to the permanent generation, the generations' counts reset,
                gc.unfreeze()  # then all of them to the oldest generation
                if _enabled_before:
                    gc.enable()


def collector_pauses_running() -> bool:
    """Whether a `collector_paused` build runs now in some thread: the young generations hold mostly what it builds,
    which its end moves to the oldest generation (the window's collector does not count it as moved there)."""
    return _pauses > 0


class RosterIndex:
    """Blocking indexes and the model over a set of records, queried one record or one answer at a time.

    `records` may come prepared (`features.prepare_fields`: a roster read from the database makes
    no `MatchRecord` first). The model's u and name frequencies come from `records`; pass `model` to use another
    (a test's fixed weights). `expected_share` is the share of queries expected to be
    on the roster (the prior). Queries may be twins of roster persons who never were on it
    (`Model.with_twins_off_roster`); `twins_off_roster` False keeps the roster's own share (duplicates).
    """

    _by_second_key: AnswerNarrowing | None = None  # an answer row's wide blocks narrowed, made on first use

    @collector_paused()
    def __init__(self, records: Iterable[MatchRecord | Prepared], thresholds: Thresholds | None = None, *,
                 model: Model | None = None, expected_share: float = ON_ROSTER_SHARE,
                 twins_off_roster: bool = True, wide_block: int | None = None,
                 narrowing: type[BirthNarrowing] = BirthNarrowing) -> None:
        self.thresholds = thresholds or Thresholds()
        self._prepared: list[Prepared] = NumberedRecords(record if isinstance(record, Prepared) else prepare(record)
                                                         for record in records)
        # Every record's blocks, made on the first single lookup; a batch makes only the blocks it asks for.
        self._blocks: dict[str, list[int]] | None = None
        self._batch_blocks: RosterBlocks | None = None  # what a batch's blocks are made from, until every block is
        self.comparisons = 0
        self.name_comparisons = 0
        if model is None:
            shipped = Model.shipped()
            counts = RosterCounts(self._prepared)  # the model counts each distinct name and birth date once
            model = shipped.with_u(estimate_u(self._prepared, shipped, random.Random(len(self._prepared)),
                                              counts=counts))
            model = (model.with_term_frequencies(self._prepared, counts).with_twins(self._prepared, counts)
                     .with_households(self._prepared, counts))
            if twins_off_roster:
                model = model.with_twins_off_roster()
        population = max(len(self._prepared), PLAUSIBLE_POPULATION)
        self.model = model.with_prior(expected_share, population)
        self.off_roster = 1.0 - expected_share
        self._name_caps = name_caps(self.model, self._prepared)  # the model as built: pruning keeps PRUNE_SLACK
        self._caps_array = np.array(self._name_caps)
        self._fields: PairFields | None = None  # the cheap fields as arrays, made for the first batch
        self._narrowing: BirthNarrowing | None = None  # the records' birth years and days as arrays, made on first use
        self._wide_block = wide_block  # a name block wider than this is narrowed by birth (None: `WIDE_BLOCK`)
        self._narrowing_kind = narrowing  # the duplicate finder's is `DuplicateNarrowing`
        self._name_levels: NameLevels | None = None  # the roster's name words numbered, made for the first batch
        self.fitted = False
        self._unfitted = self.model

    def fresh(self) -> RosterIndex:
        """A copy sharing this index's roster side (records, keys, arrays, u), its m not yet fitted on any answer.

        An index kept between reconciles (the roster unchanged) answers each one through a fresh
        copy, so that one answer's EM fit and counters never reach the next. Each batch still builds
        only the blocks it asks for: every block of a 100,000-person roster costs several batches' worth.
        """
        self._batches_roster_side()
        copy = object.__new__(RosterIndex)
        copy.__dict__.update(self.__dict__)
        copy.model = self._unfitted
        copy.comparisons = copy.name_comparisons = 0
        copy.fitted = False
        return copy

    @collector_paused()
    def warm(self) -> None:
        """Build now the roster's side of a batch, as `fresh` would: the cheap fields' and name words' arrays,
        the birth and answer narrowing, and what a batch's blocks are made from (`RosterBlocks`).

        For an index kept between reconciles (`services.reconciling.roster`), built in the background
        when a roster opens: a batch then makes only the blocks it asks for and compares. Every block is
        not built: at 1,000,000 persons it costs most of a minute's CPU and several GB, for a small gain per
        reconcile over the blocks a batch makes itself. The roster's households are counted too: a cold
        reconcile counts them only when a pair agreeing on places alone asks (`Model.households`), and the
        window's first reconcile of an answer giving places would otherwise wait for the count.
        """
        self._batches_roster_side()
        self.model.households()

    def _batches_roster_side(self) -> None:
        """What every batch reads of the roster, made once and shared by the fresh copies (`warm`, `fresh`)."""
        if self._fields is None:
            self._fields = PairFields(self._prepared)
        if self._name_levels is None:
            self._name_levels = NameLevels(self._prepared)
        self._answer_narrowing()  # the birth narrowing with it
        if self._blocks is None and self._batch_blocks is None:
            self._batch_blocks = RosterBlocks(self._prepared)

    @property
    def warmed(self) -> bool:
        """Whether the roster's side of a batch is built (`warm`, or a kept index's first `fresh`): a batch then
        only makes its blocks and compares."""
        return (self._fields is not None and self._name_levels is not None and self._by_second_key is not None
                and (self._blocks is not None or self._batch_blocks is not None))

    def __len__(self) -> int:
        return len(self._prepared)

    def candidates(self, record: MatchRecord, limit: int | None = 5) -> list[Candidate]:
        """Indexed records that may be `record`, best first, at most `limit` (None: all).

        Only the best candidate can be 'match', and only when no other candidate comes
        within the ambiguity margin. Candidates scoring 'none' are included when their
        names were compared (near misses staff may want to see); pairs that even equal
        names could not lift to review are left out.
        """
        return self.candidates_of([record], limit)[0]

    def candidates_of(self, records: Sequence[MatchRecord], limit: int | None = 5) -> list[list[Candidate]]:
        """`candidates` of each of `records`, with the model as it stands (no EM on them).

        An index that makes a batch's blocks (`RosterBlocks`: after `candidates_for_all` or `warm`, a `fresh` copy)
        makes only the blocks these records ask for, all at once, as a batch does: every block of a
        1,000,000-person roster costs about a minute and some 3 GB, which a few lookups after an answer
        (`services.reconciling`'s namesakes on a list) paid before. Otherwise every block is built, once.
        """
        prepared = [prepare(record) for record in records]
        if self._blocks is not None or self._batch_blocks is None or not prepared:
            return [self._ranked(query, self._compared(query, None), limit) for query in prepared]
        keys = [blocking_keys(query, indexing=False) for query in prepared]
        blocks = self._batch_blocks.blocks(prepared, set().union(*keys))
        return [self._ranked(query, self._compared(query, None, keys=wanted, blocks=blocks), limit)
                for query, wanted in zip(prepared, keys, strict=True)]

    def blocked(self, record: MatchRecord) -> set[Key]:
        """The keys of the indexed records `record` meets in a block (for measuring blocking recall)."""
        return {self._prepared[p].key for p in self._positions(prepare(record), None)}

    def best(self, record: MatchRecord) -> Candidate | None:
        """The best candidate above the review threshold, or None when nobody comes close."""
        found = self.candidates(record, limit=1)
        return found[0] if found and found[0].decision != NONE else None

    @collector_paused()
    def candidates_for_all(self, records: Sequence[MatchRecord], limit: int | None = 5,
                           progress: object = None) -> list[list[Candidate]]:
        """`candidates` for every record of one answer, m fitted by EM on its pairs first when it is long enough.

        `progress(done, total)` is called every 250 records (comparing is most of the work).
        """
        prepared = [prepare(record) for record in records]
        self.model = self.model.with_answer_numbers(prepared)  # a number the answer typed for many
        queries = [blocking_keys(query, indexing=False) for query in prepared]
        blocks = self._blocks
        if blocks is None:
            if self._batch_blocks is None:
                self._batch_blocks = RosterBlocks(self._prepared)
            blocks = self._batch_blocks.blocks(prepared, set().union(*queries))
        compared: list[Compared] = []
        split = AnswerSplit()  # the wide blocks split by a second key, once for the whole answer
        for start in range(0, len(prepared), ROWS_PER_BATCH):  # the pairs' arrays held for one batch of rows
            end = start + ROWS_PER_BATCH
            met = met_by_rows(prepared[start:end], queries[start:end], blocks, MAX_BLOCK, self._answer_narrowing(),
                              split)
            compared += self._compared_all(prepared[start:end], *met, progress, first=start, total=len(prepared))
        if len(records) >= EM_MIN_ROWS:
            self.fit([c for pairs in compared for _, c in pairs])
        weights = self._weights(compared)
        return [self._ranked(query, pairs, limit, weighed)
                for query, pairs, weighed in zip(prepared, compared, weights, strict=True)]

    def fit(self, comparisons: Sequence[Comparison], levels: np.ndarray | None = None) -> float:
        """Estimate m by EM on compared pairs (u, name frequencies and the prior stay).

        Returns the expected number of true pairs among them, as EM estimates it. `levels`: the pairs' levels
        already as an array (`levels_of(comparisons)`), not made again.
        """
        if not comparisons:
            return 0.0
        m, share = expectation_maximisation(self.em_vectors(comparisons, levels=levels), self.model)
        self.model = self.model.with_m(m)  # the name caps stay the shipped m's: pruning keeps PRUNE_SLACK
        self.fitted = True
        return share * len(comparisons)

    def em_vectors(self, comparisons: Sequence[Comparison], group_level: int = DIFFERENT_DOCUMENTS, *,
                   levels: np.ndarray | None = None) -> np.ndarray:
        """The compared pairs' levels as EM reads them: a group's number counts as documents that differ (or as
        `group_level`: missing for `model.documented_duplicates`, where it speaks neither for nor against).
        `levels`: `levels_of(comparisons)` when already made (copied, not changed)."""
        vectors = levels_of(comparisons) if levels is None else levels.copy()
        if self.model.group_documents:  # a group's number says little of the person: EM must not anchor on it
            for k, comparison in enumerate(comparisons):
                if comparison.documents and self.model.group_holders(comparison):
                    vectors[k, DOCUMENT_F] = group_level
        return vectors

    def _all_blocks(self) -> dict[str, list[int]]:
        """Every record's blocks (built on the first single lookup; a batch builds only the blocks it asks for)."""
        if self._blocks is None:
            self._blocks = self._every_block()
        return self._blocks

    def _birth_narrowing(self) -> BirthNarrowing:
        """Which records of a wide name block a query meets (made on first use, shared by fresh copies after)."""
        if self._narrowing is None:
            self._narrowing = self._narrowing_kind(self._prepared)
            self._narrowing.wide = self._wide_block
        return self._narrowing

    def _answer_narrowing(self) -> AnswerNarrowing:
        """Which records of a wide block an answer row meets (made on first use, shared by fresh copies after)."""
        if self._by_second_key is None:
            self._by_second_key = AnswerNarrowing(self._prepared, self._birth_narrowing())
        return self._by_second_key

    def _every_block(self) -> dict[str, list[int]]:
        return build_part_blocks([key_parts(prepared, indexing=True) for prepared in self._prepared])

    def _positions(self, prepared: Prepared, exclude: int | None, keys: set[str] | None = None,
                   blocks: dict[str, list[int]] | None = None) -> set[int]:
        blocks = self._all_blocks() if blocks is None else blocks
        positions: set[int] = set()
        narrowing = self._birth_narrowing()
        split: Split = {}
        # A row of an answer (no position of its own) meets what `candidates_for_all` would give it.
        row_narrowing = self._answer_narrowing() if exclude is None else None
        row_split = AnswerSplit()
        for key in blocking_keys(prepared, indexing=False) if keys is None else keys:
            block = blocks.get(key)
            if block and len(block) <= MAX_BLOCK:
                for part in (narrowing.met(key, block, prepared.birth_date, split) if row_narrowing is None
                             else row_narrowing.met(key, block, prepared, row_split)):
                    positions.update(part)
        if exclude is not None:
            positions.discard(exclude)
        return positions

    def _compared(self, prepared: Prepared, exclude: int | None, after: int = -1, *, keys: set[str] | None = None,
                  blocks: dict[str, list[int]] | None = None) -> Compared:
        """The comparison of `prepared` with each record it meets in a block (positions above `after`).

        `keys` are `prepared`'s query keys when already known; `blocks` an index holding at least them.
        """
        model = self.model
        table = model.bits_table
        floor = (weight_of(self.thresholds.review) - PRUNE_SLACK - model.prior_bits
                 + math.log2(max(self.off_roster, 1e-6)))  # a candidate alone gains -log2(off_roster) at most
        caps = self._name_caps
        out: Compared = []
        positions = self._positions(prepared, exclude, keys, blocks)
        self.comparisons += len(positions)
        for position in positions:
            if position <= after:
                continue
            target = self._prepared[position]
            other = compare_other(prepared, target)
            if other[IDENTIFIER] != 0 and other[DOCUMENT_F] != 0 and (
                    sum(table[f][lv] for f, lv in enumerate(other)) + caps[position] < floor):
                continue
            self.name_comparisons += 1
            out.append((position, compare(prepared, target, other)))
        return out

    def _roster_compared(self, checkpoint: Callable[[], None] | None = None) -> list[Compared]:
        """`_compared(prepared, position, after=position)` for every indexed record: each pair of records once.
        `checkpoint()` is called before each batch (it raises to stop: the officer cancelled).

        The pairs are those the plain loop takes (the lower position's query keys against the
        blocks), worked out `ROWS_PER_BATCH` records at a time on arrays (`_compared_all`); each
        record's pairs come in position order. The blocks are not kept: they go before the pairs are weighed.
        With the finder's `DuplicateNarrowing` the pairs are met on arrays (`duplicate_pairs.RosterPairs`, the
        same pairs as `met_in_blocks`).
        """
        out: list[Compared] = []
        roster = self._prepared
        if issubclass(self._narrowing_kind, DuplicateNarrowing):  # the finder's: its pairs met on arrays
            pairs = RosterPairs(roster, wide=self._wide_block, largest=MAX_BLOCK,
                                checkpoint=checkpoint or (lambda: None))
            for start in range(0, len(roster), ROWS_PER_BATCH):
                if checkpoint is not None:
                    checkpoint()
                end = start + ROWS_PER_BATCH
                out += self._compared_all(roster[start:end], *pairs.met(start, end), indexed_from=start)
            pairs.release()
            return out
        blocks = self._blocks if self._blocks is not None else self._every_block()
        split: Split = {}
        narrowing = self._birth_narrowing()
        for start in range(0, len(roster), ROWS_PER_BATCH):
            if checkpoint is not None:
                checkpoint()
            queries = roster[start:start + ROWS_PER_BATCH]
            rows, positions = met_in_blocks([blocking_keys(query, indexing=False) for query in queries], blocks,
                                            MAX_BLOCK, [query.birth_date for query in queries], narrowing, split,
                                            queries, start)  # only the records after each
            out += self._compared_all(queries, rows, positions)
        return out

    def _compared_all(self, queries: Sequence[Prepared], rows: np.ndarray, positions: np.ndarray,
                      progress: object = None, *, first: int = 0, total: int | None = None,
                      indexed_from: int | None = None) -> list[Compared]:
        """`_compared` for many queries at once: query rows[k] met the record at positions[k] in a block.

        The cheap fields of every pair and the test of whether names could still lift it to
        review are worked out on arrays (`fastpath.PairFields`); names are compared, in Python,
        only for the pairs that pass, in the order `_compared` takes them. `queries` may be rows
        `first` on of an answer of `total` rows: progress is reported in the answer's rows. With `indexed_from`,
        `queries` are the indexed records from that position on (the duplicate finder's): their fields and name
        words are the index's own, not made again.
        """
        if self._fields is None:
            self._fields = PairFields(self._prepared)
        self.comparisons += len(rows)
        columns = self._fields.columns(queries, rows, positions, indexed_from=indexed_from)
        model = self.model
        floor = (weight_of(self.thresholds.review) - PRUNE_SLACK - model.prior_bits
                 + math.log2(max(self.off_roster, 1e-6)))  # as in `_compared`
        partial = np.zeros(len(rows))
        for field, bits in enumerate(model.bits_table):  # summed field by field, as `sum` does
            column = columns[field]
            partial = partial + (bits[column] if isinstance(column, int) else np.asarray(bits)[column])
        keep = ((columns[IDENTIFIER] == 0) | (columns[DOCUMENT_F] == 0)
                | ~(partial + self._caps_array[positions] < floor))
        kept = np.flatnonzero(keep)
        self.name_comparisons += len(kept)
        kept_rows = rows[kept].tolist()
        kept_positions = positions[kept].tolist()
        kept_levels = np.column_stack([np.full(len(kept), column, np.int64) if isinstance(column, int)
                                       else column[kept] for column in columns]).tolist()
        if self._name_levels is None:
            self._name_levels = NameLevels(self._prepared)
        named = self._name_levels.names(queries, rows[kept], positions[kept], indexed_from=indexed_from)
        out: list[Compared] = [[] for _ in queries]
        done = first
        every = len(queries) + first if total is None else total
        roster = self._prepared
        for row, position, other, names in zip(kept_rows, kept_positions, kept_levels, named, strict=True):
            while progress is not None and done < row + first:
                done += 1
                if done % 250 == 0:
                    progress(done, every)  # type: ignore[operator]
            if names is None:
                comparison = compare(queries[row], roster[position], tuple(other))
            else:  # as `compare` puts them together
                comparison = Comparison((other[IDENTIFIER], other[DOCUMENT_F], *names[0], *other[PATRONYMIC_F + 1:]),
                                        names[1], names[2],
                                        roster[position].locality if other[LOCALITY_F] == 0 else "",
                                        shared_documents(queries[row], roster[position], other),
                                        roster[position].birth_date if other[BIRTH_F] in (D_EQUAL, D_SWAPPED)
                                        else None,
                                        roster[position].address if other[ADDRESS_F] == 0 else "")
            out[row].append((position, comparison))
        while progress is not None and done < len(queries) + first:
            done += 1
            if done % 250 == 0:
                progress(done, every)  # type: ignore[operator]
        return out

    def _weights(self, compared: Sequence[Compared], levels: np.ndarray | None = None) -> list[list[float]]:
        """Each compared pair's log-odds in bits (`prior_bits` + `model.field_bits` summed field by field), per row.

        The levels' bits are looked up on arrays; the bits of agreeing names, adjusted by their
        frequency, are worked out once per name key and level. One definition for a row and a
        batch, so both rank alike. `levels`: the pairs' levels in that order (`levels_of`) when already made.
        """
        model = self.model
        flat = [c for pairs in compared for _, c in pairs]
        if not flat:
            return [[] for _ in compared]
        levels = levels_of(flat) if levels is None else levels
        bits = np.empty(levels.shape)
        for field, row in enumerate(model.bits_table):
            bits[:, field] = np.asarray(row)[levels[:, field]]
        adjusted: dict[tuple[int, str, int], float] = {}
        joined = bool(model.full_names)
        dates = bool(model.birth_date_frequencies)
        joint: dict[tuple[str, str, int, int], tuple[float, float] | None] = {}
        for k, comparison in enumerate(flat):
            for index, key in enumerate(comparison.name_keys):
                if key:
                    field = NAME_FIELDS[index]
                    level = comparison.levels[field]
                    value = adjusted.get((index, key, level))
                    if value is None:
                        tf = model.term_frequencies[index].get(key, model.tf_base[index])
                        value = adjusted[index, key, level] = math.log2(model.m[field][level] / max(tf, U_FLOOR))
                    bits[k, field] = value
            keys = comparison.name_keys
            if joined and keys[0] and keys[1]:  # a full name many carry (`Model.joint_names`)
                pair = (keys[0], keys[1], comparison.levels[SURNAME_F], comparison.levels[GIVEN_F])
                if pair not in joint:
                    joint[pair] = model.joint_names(comparison)
                names = joint[pair]
                if names is not None:
                    bits[k, SURNAME_F], bits[k, GIVEN_F] = names
            places = model.adjusted_places(comparison)  # the locality's frequency, a shared household
            if places is not None:
                bits[k, LOCALITY_F], bits[k, ADDRESS_F] = places
            document = model.adjusted_document(comparison)  # a group's number: how many carry it
            if document is not None:
                bits[k, DOCUMENT_F] = document
            if comparison.born is not None and dates:  # a birth date many share (`Model.adjusted_birth_date`)
                born = model.adjusted_birth_date(comparison)
                if born is not None:
                    bits[k, BIRTH_F] = born
        total = bits[:, 0]
        for field in range(1, bits.shape[1]):
            total = total + bits[:, field]
        weights = (model.prior_bits + total).tolist()
        out, start = [], 0
        for pairs in compared:
            out.append(weights[start:start + len(pairs)])
            start += len(pairs)
        return out

    def _ranked(self, prepared: Prepared, compared: Compared, limit: int | None,
                weights: list[float] | None = None) -> list[Candidate]:
        """Candidates best first, each scored as the row's person against every other candidate.

        A row names at most one person: the odds that it names candidate c are
        2**w_c / (off + sum of 2**w_j over the other candidates), with w the pair's log-odds
        and `off` the expected share of rows naming nobody on the roster. A pair alone in
        its block gains (its competitors were looked for and not found); namesakes share.
        """
        model = self.model
        weights = self._weights([compared])[0] if weights is None else weights
        weighed = sorted(((weight, position, c) for weight, (position, c) in zip(weights, compared, strict=True)),
                         key=lambda item: (-item[0], item[1]))
        odds = [2.0 ** min(weight, 500.0) for weight, _, _ in weighed]
        total = sum(odds)
        t = self.thresholds
        ranked = []
        top_clash = bool(weighed) and twin_like(weighed[0][2].levels) and weighed[0][2].levels[GIVEN_F] == DIFFERENT
        # Judged: the candidates shown, and the runner-up whose closeness can send the best to review.
        others = len(weighed) - 1
        label = (f"{others} other candidate{'s' if others != 1 else ''}" if others else "no other candidate"
                 ) + f", {self.off_roster:.0%} of rows not on the roster"
        # The best two are judged now (the runner-up can send the best to review); the rest when read.
        for rank, (_, position, comparison) in enumerate(weighed[:None if limit is None else max(limit, 2)]):
            target = self._prepared[position]
            rest = max(total - odds[rank], 0.0)
            extra = ("roster", label, -math.log2(self.off_roster + rest))
            judge_pair = partial(_judge_pair, prepared, target, comparison, model, t, extra)
            ranked.append(Candidate.judged_later(target.key, judge_pair, judge_pair(False) if rank < 2 else None,
                                                 demote=rank >= 2))
        if not ranked:
            return ranked
        top = ranked[0]
        if top.decision != NONE and len(ranked) > 1:
            runner_up = ranked[1]
            if runner_up.decision != NONE and runner_up.weight >= top.weight - t.ambiguity_margin:
                ranked[0] = _with(top, REVIEW, f"another person scores close ({runner_up.key})")
            elif runner_up.decision != NONE and top_clash and top.decision == MATCH:
                ranked[0] = _with(top, REVIEW, f"another given name, and another person comes close ({runner_up.key}):"
                                  " a twin's document?")
        if len(ranked) > 1 and ranked[1].decision == MATCH:  # the rest are demoted when judged
            ranked[1] = _with(ranked[1], REVIEW, "not the best candidate")
        return ranked[:limit]


def _with(candidate: Candidate, decision: Decision, reason: str) -> Candidate:
    return candidate.amended(decision, reason)


def _judge_pair(query: Prepared, target: Prepared, comparison: Comparison, model: Model, thresholds: Thresholds,
                extra: Contribution, explain: bool) -> Assessment:
    """`judge` of one ranked pair (a `Candidate` judges and explains itself through this when read)."""
    return judge(query, target, comparison, model, match_threshold=thresholds.match,
                 review_threshold=thresholds.review, extra=extra, explain=explain)


def levels_of(comparisons: Sequence[Comparison]) -> np.ndarray:
    """The comparisons' levels as one array, a row per comparison (int64, `len(FIELDS)` columns)."""
    return np.array([c.levels for c in comparisons], dtype=np.int64).reshape(-1, len(FIELDS))


@collector_paused()
def find_duplicates(records: Iterable[MatchRecord | Prepared], thresholds: Thresholds | None = None, *,
                    model: Model | None = None, checkpoint: Callable[[], None] | None = None) -> list[DuplicatePair]:
    """Every pair of records scoring at least 'review', strongest first. `checkpoint()`, if given, is called between
    the stages and every `ROWS_PER_BATCH` records within them; it raises to stop the search (the officer cancelled).

    Each pair appears once; the ambiguity rule does not apply (a person registered three
    times gives three pairs). m is fitted by EM on the compared pairs when there are enough records,
    and the prior is the number of duplicate pairs EM finds, as far as the documents bear it out
    (`model.documented_duplicates`: on a roster holding none, EM fits its namesakes). Two surnames
    that differ and that other persons carry too (not a slip) leave a match to the officer (`OTHER_FAMILIES`).
    A pair at one address EM's own count would offer and the documents' cut would not is offered for review
    (`FEW_AGREE`): registrations of one person that give two numbers (an identity card's and a passport's) look
    like namesakes to the cut. A pair born on a day many share (the 1 January typed for an unknown day,
    `Model.adjusted_birth_date`) that an equal date weighed as any day's would offer is offered for review
    (`COMMON_DAY`): copies of one person without a document born on it, whose match the day's share rightly refuses.
    """
    # Every registration has its own roster ID and case reference: no evidence between two of them.
    thresholds = thresholds or Thresholds(match=DUPLICATE_MATCH_THRESHOLD)
    # A roster read from the database comes prepared, namesakes sharing one tokens tuple (`RosterPreparing`).
    unidentified = (r._replace(uuid=None, case_ref=None) if isinstance(r, Prepared) else replace(r, uuid=None,
                                                                                                 case_ref=None)
                    for r in records)
    index = RosterIndex(unidentified, thresholds, model=model, twins_off_roster=False, wide_block=DUPLICATE_WIDE_BLOCK,
                        narrowing=DuplicateNarrowing)
    n = len(index)
    index.model = index.model.with_prior(DUPLICATE_SHARE * n, max(n, PLAUSIBLE_POPULATION) * max(n - 1, 1) / 2)
    check = checkpoint or (lambda: None)
    check()
    compared = index._roster_compared(checkpoint)
    check()
    everything = [c for pairs in compared for _, c in pairs]
    levels = levels_of(everything)  # made once for EM's fits and both weighings
    offered: Model | None = None  # the model before the documents' cut, where they cut: 'review' is judged on it too
    if n >= EM_MIN_ROWS:  # m, and the prior from the number of duplicate pairs EM finds among the compared
        unfitted = index.model
        expected = index.fit(everything, levels)
        check()
        # The roster's random pairs held some of its duplicates: u without them, then m again.
        index.model = index.model.without_true_pairs(expected / max(n * (n - 1) / 2, 1.0))
        expected = index.fit(everything, levels)
        believed, borne_out = documented_duplicates(
            index.em_vectors(everything, FIELDS[DOCUMENT_F].missing, levels=levels), index.model)
        least = max(expected, DUPLICATE_SHARE * n)
        if believed > borne_out:
            offered = index.model.with_prior(least, max(n, PLAUSIBLE_POPULATION) * max(n - 1, 1) / 2)
            # EM took namesakes for duplicates (on a roster holding none it fits its namesakes, and with them m
            # of documents that differ): the documents bear out only a share of its count. The count is cut to
            # that share, below the least share assumed if they say so, and the document's fitted m weighs
            # as much as that share, the shipped m the rest.
            borne = borne_out / believed
            m = list(index.model.m)
            m[DOCUMENT_F] = tuple(borne * fitted + (1.0 - borne) * shipped
                                  for fitted, shipped in zip(m[DOCUMENT_F], unfitted.m[DOCUMENT_F], strict=True))
            index.model = index.model.with_m(tuple(m))
            least = min(least, expected * borne)
        index.model = index.model.with_prior(least, max(n, PLAUSIBLE_POPULATION) * max(n - 1, 1) / 2)
    t = index.thresholds
    # A pair that is not identified and weighs below review is 'none' whatever `judge`'s rules say (they only
    # lower a decision): its weight, worked out on arrays as `judge` sums it, spares judging it.
    hopeless = weight_of(t.review) - WEIGHT_TOLERANCE
    check()
    weights = index._weights(compared, levels)
    offered_weights = weights
    if offered is not None:
        # The cut assumes a person's registrations mostly give one number; where they give two (an identity card's
        # beside the passport's, a renewed passport) it takes them for namesakes: what EM's own count would have
        # offered at one address stays offered, for review only (namesakes mostly live apart: at a million persons
        # offering every such pair was 51,381 reviews instead of 7,571).
        cut, index.model = index.model, offered
        offered_weights = index._weights(compared, levels)
        index.model = cut
    # The birth date weighed as any day's, for offering a pair for review only: the 1 January typed for an unknown day
    # weighs by how many were born on it, and copies of one person without a document born on it fell below review.
    frequencies = index.model.birth_date_frequencies or {}
    any_day = replace(index.model, birth_date_frequencies=None)
    equal_date = index.model.bits_table[BIRTH_F][D_EQUAL]
    lift = {date: equal_date - math.log2(index.model.m[BIRTH_F][D_EQUAL] / tf) for date, tf in frequencies.items()}
    pairs: list[DuplicatePair] = []
    carriers: _Carriers | None = None  # persons per surname, counted when first needed
    born_by_number: dict[str, set[int | None]] | None = None  # holders' birth years per number, when first needed
    for position, (found, weighed, offered_weighed) in enumerate(zip(compared, weights, offered_weights, strict=True)):
        if position % ROWS_PER_BATCH == 0:
            check()
        prepared = index._prepared[position]
        for (other, comparison), weight, offered_weight in zip(found, weighed, offered_weighed, strict=True):
            if (max(weight, offered_weight) < hopeless and comparison.levels[IDENTIFIER] != 0
                    and comparison.levels[DOCUMENT_F] != 0
                    and (comparison.born is None or comparison.levels[BIRTH_F] != D_EQUAL
                         or weight + lift.get(comparison.born, 0.0) < hopeless)):
                continue
            target = index._prepared[other]
            judged = judge(prepared, target, comparison, index.model, match_threshold=t.match,
                           review_threshold=t.review, surname_rule=False, family_rule=False)
            if (judged.decision == NONE and offered is not None and offered_weight >= hopeless
                    and comparison.levels[ADDRESS_F] == 0):
                judged = judge(prepared, target, comparison, offered, match_threshold=t.match,
                               review_threshold=t.review, surname_rule=False, family_rule=False)
                if judged.decision != NONE:
                    judged = replace(judged, decision=REVIEW, reasons=(*judged.reasons, FEW_AGREE))
            if (judged.decision == NONE and comparison.born is not None and comparison.levels[BIRTH_F] == D_EQUAL
                    and weight + lift.get(comparison.born, -math.inf) >= hopeless):
                judged = judge(prepared, target, comparison, any_day, match_threshold=t.match,
                               review_threshold=t.review, surname_rule=False, family_rule=False)
                if judged.decision != NONE:
                    judged = replace(judged, decision=REVIEW, reasons=(*judged.reasons, COMMON_DAY))
            if judged.decision == NONE:
                continue
            decision, reasons = judged.decision, judged.reasons
            if decision == MATCH and _other_surnames(comparison, index.model):
                if carriers is None:
                    carriers = _Carriers(index._prepared)
                if carriers.carried(prepared) and carriers.carried(target):
                    # A typing slip makes a spelling nobody else carries; two surnames that others carry too are
                    # two families (أبو عيشة and أبو شنب, one given name, birth date and block) or a married name.
                    decision, reasons = REVIEW, (*reasons, OTHER_FAMILIES)
            if (decision == MATCH and comparison.levels[GIVEN_F] == DIFFERENT and comparison.levels[DOCUMENT_F] == 0
                    and twin_like(comparison.levels) and comparison.documents):
                if born_by_number is None:
                    born_by_number = _birth_years_by_number(index._prepared)
                year = prepared.birth_date.year if prepared.birth_date is not None else None
                if year is not None and all(_a_parents(born_by_number.get(number, ()), year)
                                            for number in comparison.documents):
                    # Twins inscribed in a parent's passport: the number is also a holder's born a generation before
                    # (the parent's), and only the given names tell the two apart (breaker X21b); as twins with
                    # passports of their own, the officer decides.
                    decision = REVIEW
            pairs.append(DuplicatePair(prepared.key, target.key, judged.score, decision, reasons,
                                       judged.contributions))
    check()
    groups = identical_groups(index._prepared)
    pairs += _identical_unoffered(index, pairs, groups)
    pairs = _as_stars(index._prepared, [group for group in groups if len(group) > STAR_COPIES], pairs)
    pairs.sort(key=lambda pair: -pair.score)
    return pairs


def _birth_years_by_number(records: Sequence[Prepared]) -> dict[str, set[int | None]]:
    """The birth years (None: not given) of the persons carrying each number of `records`."""
    years: dict[str, set[int | None]] = {}
    for record in records:
        if record.documents:
            year = record.birth_date.year if record.birth_date is not None else None
            for number in record.documents:
                years.setdefault(number, set()).add(year)
    return years


PARENTS_YEARS = 14  # a holder of a number born this many years before a pair at least is a parent it is inscribed with


def _a_parents(years: Iterable[int | None], year: int) -> bool:
    """Whether one of `years` is a parent's of a person born in `year`: a generation before, and not the year typed
    with one digit wrong (1995 for 1985: a copy of the person with a slip carries their number too)."""
    return any(other is not None and year - other >= PARENTS_YEARS
               and sum(a != b for a, b in zip(str(other), str(year), strict=False)) > 1 for other in years)


def _identical_unoffered(index: RosterIndex, pairs: Sequence[DuplicatePair],
                         groups: Sequence[Sequence[int]]) -> list[DuplicatePair]:
    """A pair (for review at least, `IDENTICAL`) of each registration alike in every field to an earlier one
    (`duplicate_pairs.identical_groups`) that `pairs` offers with none of its copies, to the first of them.

    Copies of one registration weigh less together the more of them there are (their number looks a group's, their
    name and birth date common): a file imported again and again, or a placeholder, gave no pair of its copies past
    some 200 copies where names, a birth date and a number are all it holds, and past `MAX_BLOCK` copies none was
    even met; a number borne by thousands weighs against even three copies of a person written in it. The officer
    still has each to merge: one pair each, to the first copy.
    """
    roster = index._prepared
    if not groups:
        return []
    group_of = {roster[position].key: number for number, group in enumerate(groups) for position in group}
    reached: set[Key] = set()
    for pair in pairs:
        group = group_of.get(pair.key_a)
        if group is not None and group == group_of.get(pair.key_b):
            reached.update((pair.key_a, pair.key_b))
    t = index.thresholds
    out: list[DuplicatePair] = []
    for group in groups:
        kept = roster[group[0]]
        unreached = [roster[position] for position in group[1:] if roster[position].key not in reached]
        if not unreached and kept.key not in reached:  # its copies offered among themselves only
            unreached = [roster[group[1]]]
        for again in unreached:
            comparison = compare(kept, again)
            judged = judge(kept, again, comparison, index.model, match_threshold=t.match, review_threshold=t.review,
                           surname_rule=False, family_rule=False)
            decision = REVIEW if judged.decision == NONE else judged.decision
            out.append(DuplicatePair(kept.key, again.key, judged.score, decision, (*judged.reasons, IDENTICAL),
                                     judged.contributions))
    return out


def _as_stars(roster: Sequence[Prepared], stars: Sequence[Sequence[int]],
              pairs: Sequence[DuplicatePair]) -> list[DuplicatePair]:
    """`pairs` with each class of `stars` (positions in `roster`, ascending) offered as a star: each copy once, to
    the class's first record, on the best decision given inside the class; and a record meeting the class, once, to
    its first record, on the best decision given between them. Other pairs are kept as they are, in their order.

        pairs = _as_stars(roster, [group for group in identical_groups(roster) if len(group) > STAR_COPIES], pairs)

    A class's records are alike in every field compared but their household: nothing tells them apart, so the
    model's decision on one of them is its decision on each, and merging each into the first is the officer's work.
    A copy left to review says `IDENTICAL` too: the window merges such copies among the selected, and tells them so
    from namesakes alike in every field it shows (a camp's, sharing the office's number), which it does not.
    """
    if not stars:
        return list(pairs)
    first_of: dict[Key, int] = {roster[position].key: group[0] for group in stars for position in group}
    position_of: dict[Key, int] = {}

    def position(key: Key) -> int:
        found = first_of.get(key)
        if found is None:
            found = position_of.get(key)
            if found is None:  # an outsider meeting a class: looked up once
                if not position_of:
                    position_of.update((record.key, at) for at, record in enumerate(roster))
                found = position_of[key]
        return found

    best: dict[tuple[int, int], DuplicatePair] = {}  # (first, first) inside a class, else the two positions
    slots: list[DuplicatePair | tuple[int, int]] = []
    for pair in pairs:
        if pair.key_a not in first_of and pair.key_b not in first_of:
            slots.append(pair)
            continue
        a, b = position(pair.key_a), position(pair.key_b)
        slot = (min(a, b), max(a, b))
        held = best.get(slot)
        if held is None:
            slots.append(slot)
        if held is None or (pair.decision == MATCH, pair.score) > (held.decision == MATCH, held.score):
            best[slot] = pair
    group_of = {group[0]: group for group in stars}
    out: list[DuplicatePair] = []
    for entry in slots:
        if isinstance(entry, DuplicatePair):
            out.append(entry)
            continue
        chosen = best[entry]
        a, b = entry
        if a == b:
            first = roster[a].key
            reasons = chosen.reasons if chosen.decision == MATCH or IDENTICAL in chosen.reasons else (
                *chosen.reasons, IDENTICAL)
            out.extend(replace(chosen, key_a=first, key_b=roster[copy].key, reasons=reasons)
                       for copy in group_of[a][1:])
        else:
            out.append(replace(chosen, key_a=roster[a].key, key_b=roster[b].key))
    return out


def _other_surnames(comparison: Comparison, model: Model) -> bool:
    """The surnames differ beyond a sound-alike, and nothing else speaks for one person as `judge`'s surname rule
    reads it: no number equal, none one character off under one given name, no names in each other's place."""
    levels = comparison.levels
    return (AGREEING < levels[SURNAME_F] < FIELDS[SURNAME_F].missing and not model.identified(comparison)
            and not (levels[DOCUMENT_F] == DOCUMENT_ONE_OFF and levels[GIVEN_F] <= AGREEING
                     and not model.group_holders(comparison))
            and not any("in each other's place" in note for note in comparison.notes))


class _Carriers:
    """Persons per surname as written (`_surnames`), with the given name's initial, with the birth year, with both.

    A roster's namesakes share one tokens tuple (`RosterPreparing`): each name's surnames and initial are read
    once and the surnames numbered, so the keys counted are small tuples, not the words again.

        carriers = _Carriers(roster)
        carriers.carried(record)   # record: one of `roster`'s
    """

    def __init__(self, records: Sequence[Prepared]) -> None:
        self._records = records  # holds the tokens whose ids key `_names`
        self._names: dict[int, tuple[int, str]] = {}  # id(tokens) -> (the surnames' number, the given initial)
        self._numbers: dict[tuple[tuple[str, ...], ...], int] = {}
        self._counts: Counter[object] = Counter(key for record in records for key in self._keys(record))

    def carried(self, record: Prepared) -> bool:
        """Whether `OTHER_CARRIERS` persons who are not `record`'s own registrations carry its surname: persons
        sharing neither the given name's initial nor the birth year (copies of one person typed with slips share
        one of them)."""
        whole, initial, year, both = self._keys(record)
        counts = self._counts
        return counts[whole] - counts[initial] - counts[year] + counts[both] >= OTHER_CARRIERS

    def _keys(self, record: Prepared) -> tuple[object, object, object, object]:
        """The keys `record` is counted under: its surnames, with its given name's initial, its birth year, both."""
        name = self._names.get(id(record.tokens))
        if name is None:
            initial = next((token.words[0][:1] for token in record.tokens if token.role == GIVEN and token.words), "")
            name = self._names[id(record.tokens)] = (self._numbers.setdefault(_surnames(record), len(self._numbers)),
                                                     initial)
        surnames, initial = name
        year = record.birth_date.year if record.birth_date is not None else None
        return (surnames, (surnames, "initial", initial), (surnames, "year", year), (surnames, initial, year))


def _surnames(record: Prepared) -> tuple[tuple[str, ...], ...]:
    """`record`'s surnames as written (each token's words, in order): how the duplicate finder counts carriers."""
    return tuple(sorted(token.words for token in record.tokens if token.role == SURNAME))
