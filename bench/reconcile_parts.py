"""Where a reconcile's CPU and memory go, by part (issue 19): one first reconcile of an answer against a roster.

    python -m bench.reconcile_parts ROSTER.db ANSWER.xlsx            # the parts, the total, the decisions' SHA-256
    python -m bench.reconcile_parts ROSTER.db ANSWER.xlsx --floor    # first the plain read beside it
    python -m bench.reconcile_parts ROSTER.db ANSWER.xlsx --warm     # then the window's paths, and rapidfuzz
    python -m bench.reconcile_parts COPY.db ANSWER.xlsx --list-every 100   # against a list (written into COPY.db)

The engine's own functions are wrapped (in this process only) to add up the CPU seconds
(`time.process_time`) spent in each, and the resident memory after each and the peak so far:
the roster's SQL read, making records ready (the index's constructor less the model's parts), the
model's counts (names and dates numbered, u sampling, name frequencies, twins, name caps), the
roster's arrays (PairFields, NameLevels, BirthNarrowing, the batch blocks' groups), the blocks the answer asks for,
the pairs met, comparing, EM, weights, ranking, and the assignment of rows. `--floor` first reads the same
columns of every active person with plain sqlite3 into Python tuples, in the same process. The
SHA-256 is `bench.matching_reconcile.decisions_digest`: equal before and after a change, the same
decisions. `--warm` then reconciles twice more in the same process, as the window does: once with
the index kept from the first (the roster unchanged), once after `warm_roster_index` (the window's
warm-up when a roster opens, the roster's side of a batch built), each with its SHA-256; and last plain rapidfuzz doing
the same work (the roster read, the answer read, the best name ratio among those born that day:
`bench.matching_bench.fuzzy_name_exact_birth`), the floor under the whole reconcile. `--list-every N`
first writes a list of every Nth person (by id) into the roster and reconciles the answer for it, as an
officer does: rows whose shown candidates are all off-list namesakes are looked up again. Run it on a copy
of a cached roster: opening an older one upgrades it, and a list is written into it.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

PERSONS = ("select id, uuid, case_ref, surname, given_names, patronymic, surname_latin, given_names_latin, sex, "
           "birth_date, household_id, status, version, locality, address from persons "
           "where deleted_at is null and status != 'merged' order by id")


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def plain_read(path: str) -> tuple[int, float]:
    """Every active person's columns, their documents and households read by sqlite3 into tuples: (persons, CPU s)."""
    started = time.process_time()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    households = dict(connection.execute("select id, ref from households"))
    documents: dict[int, list[str]] = {}
    for person_id, number in connection.execute("select person_id, number from documents order by id"):
        documents.setdefault(person_id, []).append(number)
    persons = connection.execute(PERSONS).fetchall()
    connection.close()
    seconds = time.process_time() - started
    del households, documents
    return len(persons), seconds


class Parts:
    """CPU seconds and memory per wrapped function."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.memory: dict[str, tuple[float, float]] = {}

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.process_time() - started
                self.memory[label] = (_rss_mb(), _peak_mb())

        setattr(owner, name, timed)


def _timed(label: str, work: Callable[[], Any]) -> Any:
    """`work()`, its CPU and wall seconds printed under `label`."""
    started, wall = time.process_time(), time.perf_counter()
    done = work()
    print(f"{label}: {time.process_time() - started:.1f} s CPU, {time.perf_counter() - wall:.1f} s wall, "
          f"peak {_peak_mb():.0f} MB, load {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    return done


def window_paths(roster: str, answer: str, list_id: int | None = None) -> None:
    """The reconcile again with the index kept, then after the warm-up, then plain rapidfuzz; in this process."""
    from bench.matching_bench import fuzzy_name_exact_birth
    from bench.matching_reconcile import decisions_digest
    from desktop_app.services import reconciling
    from desktop_app.services.reconciling.roster import forget_roster_index
    from desktop_app.storage.db import open_database

    db = open_database(roster)
    try:
        kept = _timed("again, the index kept", lambda: reconciling.reconcile_answer(db, answer, list_id=list_id))
        print(f"decisions SHA-256 {decisions_digest(kept)}")
        del kept
        forget_roster_index()
        _timed("the window's warm-up (index, a batch's roster side)", lambda: reconciling.warm_roster_index(db))
        warmed = _timed("after the warm-up", lambda: reconciling.reconcile_answer(db, answer, list_id=list_id))
        print(f"decisions SHA-256 {decisions_digest(warmed)}")
        del warmed
        forget_roster_index()

        def plain() -> int:
            with db.reading() as session:
                persons = [person.match_record() for person in reconciling.load_roster(session).values()]
            rows = [record for _, record in reconciling.read_answer(answer).rows]
            return len(fuzzy_name_exact_birth(persons, rows))

        _timed("plain rapidfuzz doing the same work", plain)
    finally:
        db.close()


def write_list(roster: str, every: int) -> int:
    """A list of every `every`th active person of `roster` (by id), written through the service; its id."""
    from sqlalchemy import select

    from desktop_app.services import lists
    from desktop_app.storage.db import open_database
    from desktop_app.storage.models import Person

    db = open_database(roster)
    try:
        with db.reading() as session:
            ids = session.scalars(select(Person.id).where(Person.id % every == 0, Person.deleted_at.is_(None))).all()
        listed = lists.create_list(db, f"bench every {every} {time.time():.0f}", operator="bench")
        lists.add_members(db, listed.id, ids, operator="bench")
    finally:
        db.close()
    print(f"list {listed.id}: {len(ids):,} members (every {every}th person)", flush=True)
    return listed.id


def run(roster: str, answer: str, floor: bool, warm: bool = False, list_id: int | None = None) -> None:
    if floor:
        persons, seconds = plain_read(roster)
        print(f"plain sqlite3 read of {persons:,} persons: {seconds:.1f} s CPU, peak {_peak_mb():.0f} MB", flush=True)
    from bench.matching_reconcile import decisions_digest
    from desktop_app.matching import batch_blocks, engine, fastpath, model, roster_counts
    from desktop_app.services import reconciling
    from desktop_app.services.reconciling import reconcile
    from desktop_app.services.reconciling import roster as reconcile_roster
    from desktop_app.storage.db import open_database

    parts = Parts()
    for owner, name, label in (
            (reconcile, "read_answer", "0 the answer read"),
            (reconcile_roster, "load_roster", "1 the roster's SQL read"),
            (engine.RosterIndex, "__init__", "2 records made ready and the model (3)"),
            (roster_counts.RosterCounts, "__init__", "3 model: names and dates numbered"),
            (engine, "estimate_u", "3 model: u sampling"),
            (model.Model, "with_term_frequencies", "3 model: name frequencies"),
            (model.Model, "with_twins", "3 model: twins"),
            (engine, "name_caps", "3 model: name caps"),
            (fastpath.PairFields, "__init__", "4 arrays: PairFields"),
            (fastpath.NameLevels, "__init__", "4 arrays: NameLevels"),
            (fastpath.BirthNarrowing, "__init__", "4 arrays: BirthNarrowing"),
            (batch_blocks.RosterBlocks, "__init__", "4 arrays: RosterBlocks"),
            (batch_blocks.RosterBlocks, "blocks", "5 the blocks the answer asks for"),
            (engine, "met_by_rows", "5 pairs met in blocks"),
            (engine.RosterIndex, "_compared_all", "6 comparing"),
            (engine.RosterIndex, "fit", "7 EM"),
            (engine.RosterIndex, "_weights", "7 weights"),
            (engine.RosterIndex, "_ranked", "7 ranking and judging"),
            (reconcile, "_assign", "8 rows assigned")):
        parts.wrap(owner, name, label)
    met: set[int] = set()  # the roster positions some row meets in a block
    counted_pairs = engine.met_by_rows

    counting = [0.0]  # CPU seconds of this counting, left out of the total

    def met_counted(*args: Any, **kwargs: Any) -> Any:
        found = counted_pairs(*args, **kwargs)
        started = time.process_time()
        met.update(found[1].tolist())
        counting[0] += time.process_time() - started
        return found

    engine.met_by_rows = met_counted  # type: ignore[assignment]
    db = open_database(roster)
    try:
        started, wall = time.process_time(), time.perf_counter()
        result = reconciling.reconcile_answer(db, answer, list_id=list_id)
        total, wall = time.process_time() - started - counting[0], time.perf_counter() - wall
    finally:
        db.close()
    for label in sorted(parts.seconds):
        rss, peak = parts.memory[label]
        print(f"{label:42s} {parts.seconds[label]:6.1f} s CPU   {rss:6.0f} MB after, peak {peak:6.0f} MB")
    counted = sum(v for k, v in parts.seconds.items() if k.startswith("3"))
    print(f"{'2 records made ready (less the model)':42s} "
          f"{parts.seconds['2 records made ready and the model (3)'] - counted:6.1f} s CPU")
    print(f"reconcile: {total:.1f} s CPU, {wall:.1f} s wall, peak {_peak_mb():.0f} MB, load "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"roster persons some row meets in a block: {len(met):,} of {result.roster_size:,}")
    print(f"decisions SHA-256 {decisions_digest(result)} ({len(result.rows):,} rows)", flush=True)
    if warm:
        del result
        window_paths(roster, answer, list_id)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("roster")
    parser.add_argument("answer")
    parser.add_argument("--floor", action="store_true", help="first read the same columns with plain sqlite3")
    parser.add_argument("--warm", action="store_true",
                        help="then the reconcile with the index kept, after the warm-up, and plain rapidfuzz")
    parser.add_argument("--list-every", type=int, metavar="N",
                        help="reconcile for a list of every Nth person, written into the roster first")
    args = parser.parse_args(argv)
    list_id = write_list(args.roster, args.list_every) if args.list_every else None
    run(args.roster, args.answer, args.floor, args.warm, list_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
