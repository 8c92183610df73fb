"""Where the duplicate finder's CPU and memory go, by part (issue 19): one `find_duplicates` over a roster.

    python -m bench.duplicates_parts ROSTER.db             # the parts, the total, the pairs' SHA-256
    python -m bench.duplicates_parts ROSTER.db --kinds     # and the pairs met by kind of blocking key

The engine's own functions are wrapped (in this process only) to add up the CPU seconds
(`time.process_time`) spent in each and the memory after each and the peak so far, as
`bench.reconcile_parts` does for a reconcile: the roster's SQL read, records made ready, the
model's counts (names and dates numbered, u sampling, name frequencies, twins, name caps), the roster's arrays, every
block built, the pairs met, comparing, EM, weights, judging. `--kinds` then counts, outside the
timed run, the pairs met (each pair of records once) by the kind of key they share (`n|` name
pairs, `ng|` surname and initial, `b|` full birth date, `ty|`/`yo|` a name word and the year,
`d|`/`dd|` numbers), each pair under every kind it meets through and under the one kind alone
that brings it. The SHA-256 is over the sorted (id, id, decision) lines as in
`bench.million_scale`'s duplicates: equal before and after a change, the same pairs and decisions.
Run it on a copy of a cached roster: opening an older one upgrades it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench.reconcile_parts import Parts, _peak_mb


def _kind(key: str) -> str:
    return key.split("|", 1)[0]


def count_kinds(db_path: str) -> None:
    """Pairs met by kind of key (each unordered pair once), as the finder meets them."""
    from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, MAX_BLOCK
    from desktop_app.matching.fastpath import DuplicateNarrowing, build_part_blocks, key_parts
    from desktop_app.matching.features import _dated_blocks, blocking_keys, prepare
    from desktop_app.services.reconciling import load_roster
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    try:
        with db.reading() as session:
            prepared = [prepare(person.match_record()) for person in load_roster(session).values()]
    finally:
        db.close()
    blocks = build_part_blocks([key_parts(record, indexing=True) for record in prepared])
    narrowing = DuplicateNarrowing(prepared)
    narrowing.wide = DUPLICATE_WIDE_BLOCK
    split: dict[str, Any] = {}
    through: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    total = 0
    for row, record in enumerate(prepared):
        kinds: dict[int, set[str]] = {}
        words = _dated_blocks(record.tokens)
        for key in blocking_keys(record, indexing=False):
            block = blocks.get(key)
            if not block or len(block) > MAX_BLOCK:
                continue
            kind = _kind(key)
            for part in narrowing.met(key, block, record.birth_date, split, words, record.tokens):
                for position in part:
                    if position > row:
                        kinds.setdefault(position, set()).add(kind)
        total += len(kinds)
        for found in kinds.values():
            through.update(found)
            if len(found) == 1:
                alone.update(found)
    print(f"pairs met {total:,} among {len(prepared):,} persons")
    for kind in sorted(through, key=lambda k: -through[k]):
        print(f"  {kind + '|':5s} through it {through[kind]:12,}   only through it {alone[kind]:12,}")


def run(roster: str) -> None:
    from desktop_app.matching import duplicate_pairs, engine, fastpath, model, roster_counts
    from desktop_app.services.duplicates import merging
    from desktop_app.storage.db import open_database

    parts = Parts()
    for owner, name, label in (
            (merging, "load_roster", "1 the roster's SQL read"),
            (engine.RosterIndex, "__init__", "2 records made ready and the model (3)"),
            (roster_counts.RosterCounts, "__init__", "3 model: names and dates numbered"),
            (engine, "estimate_u", "3 model: u sampling"),
            (model.Model, "with_term_frequencies", "3 model: name frequencies"),
            (model.Model, "with_twins", "3 model: twins"),
            (engine, "name_caps", "3 model: name caps"),
            (fastpath.PairFields, "__init__", "4 arrays: PairFields"),
            (fastpath.NameLevels, "__init__", "4 arrays: NameLevels"),
            (fastpath.BirthNarrowing, "__init__", "4 arrays: BirthNarrowing"),
            (engine.RosterIndex, "_every_block", "5 every block built"),
            (engine, "met_in_blocks", "5 pairs met in blocks"),
            (duplicate_pairs.RosterPairs, "__init__", "5 every block built (keys numbered, filed)"),
            (duplicate_pairs.RosterPairs, "met", "5 pairs met in blocks"),
            (engine.RosterIndex, "_compared_all", "6 comparing (less 4)"),
            (engine.RosterIndex, "fit", "7 EM"),
            (engine.RosterIndex, "_weights", "7 weights"),
            (engine, "judge", "7 judging")):
        parts.wrap(owner, name, label)
    db = open_database(roster)
    try:
        started, wall = time.process_time(), time.perf_counter()
        pairs = merging.find_duplicates(db)
        total, wall = time.process_time() - started, time.perf_counter() - wall
    finally:
        db.close()
    for label in sorted(parts.seconds):
        rss, peak = parts.memory[label]
        print(f"{label:42s} {parts.seconds[label]:6.1f} s CPU   {rss:6.0f} MB after, peak {peak:6.0f} MB")
    counted = sum(v for k, v in parts.seconds.items() if k.startswith("3"))
    print(f"{'2 records made ready (less the model)':42s} "
          f"{parts.seconds['2 records made ready and the model (3)'] - counted:6.1f} s CPU")
    arrays = sum(v for k, v in parts.seconds.items() if k.startswith("4") and "BirthNarrowing" not in k)
    print(f"{'6 comparing':42s} {parts.seconds['6 comparing (less 4)'] - arrays:6.1f} s CPU")
    print(f"duplicates: {total:.1f} s CPU, {wall:.1f} s wall, peak {_peak_mb():.0f} MB, load "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    decided = "\n".join(sorted(f"{pair.a.id},{pair.b.id},{pair.decision}" for pair in pairs))
    matches = sum(pair.decision == "match" for pair in pairs)
    print(f"pairs {len(pairs):,} ({matches:,} match), SHA-256 {hashlib.sha256(decided.encode()).hexdigest()}",
          flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("roster")
    parser.add_argument("--kinds", action="store_true", help="then count the pairs met by kind of blocking key")
    parser.add_argument("--kinds-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.kinds_only:
        run(args.roster)
    if args.kinds or args.kinds_only:
        count_kinds(args.roster)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
