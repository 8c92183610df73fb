"""A ministry-wide roster (issue 19): building it in bulk, and search at 100,000 and 1,000,000 persons.

Each roster is built once by `services.demo_bulk.build_demo_roster` (what `demo --persons N`
runs) and cached under bench/out/million/, keyed by `BUILD_VERSION` or, past `demo_bulk.BLOCK`
persons, `COPIED_VERSION` (raise it when the build's content changes); the build's persons/s is
the figure measured when the file was made. Then,
on the same file, search as you type: the first page the window paints (`roster.first_page_ids`
and its rows) and every matching id (`roster.search_ids`, what scrolling and the count need),
each beside the same SQL run through plain `sqlite3` (the very statements the service ran, caught
as SQLAlchemy sent them), as p50/p95 and the ratio. The first page's share merged from the term
index (not sorted from every match), or intersected from it for several words, is shown beside it.

    python -m bench.million_bench                    # 100,000 and 1,000,000 persons
    python -m bench.million_bench --sizes 100000     # one size
    python -m bench.million_bench --build-only       # make the cached rosters, measure nothing
    python -m bench.million_bench --roster COPY.db   # measure a roster file (a copy: opening migrates it)
    python -m bench.million_bench --sorted           # the first page sorted from every match, as before
    python -m bench.million_bench --searches "given name"   # only the searches whose label says so

Beside each wall time, the CPU time of the bench's own process (`time.process_time`: the service's
Python and SQLite's work, both on this thread), which other programs' load on the machine moves less.
"""

from __future__ import annotations

import argparse
import functools
import random
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from bench.common import OUT, cached_roster, median_p95, table
from desktop_app.services import demo_bulk, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import Person

BUILD_VERSION = 1  # of a roster of at most `demo_bulk.BLOCK` persons, all drawn
COPIED_VERSION = 2  # of a larger one: the block drawn, then copied (`demo_bulk._replicate`)
PAGE = 50  # the rows a roster table shows at once
CACHE = OUT / "million"


def built_roster(persons: int) -> tuple[Path, dict[str, float]]:
    """The cached bulk-built demo roster of exactly `persons` persons, and how its build went."""
    started = time.perf_counter()
    shown = [0.0]

    def progress(done: int, total: int) -> bool:
        if time.perf_counter() - shown[0] > 30:
            shown[0] = time.perf_counter()
            print(f"  built {done:,} of {total:,} persons ({done / (shown[0] - started):.0f}/s)", flush=True)
        return True

    version = BUILD_VERSION if persons <= demo_bulk.BLOCK else COPIED_VERSION
    return cached_roster(CACHE / f"roster-{persons}-v{version}.db",
                         lambda db: demo_bulk.build_demo_roster(db, persons=persons, operator="bench",
                                                                progress=progress).persons)


def _queries(db: Database, rng: random.Random, count: int) -> dict[str, list[str]]:
    with db.reading() as session:
        people = session.execute(select(Person.surname, Person.surname_latin, Person.given_names,
                                        Person.given_names_latin)
                                 .where(Person.surname.op("GLOB")("[А-Я]*")).limit(5000)).all()
        arabic = session.execute(select(Person.surname, Person.surname_latin)
                                 .where(Person.surname.op("GLOB")("[ء-ي]*")).limit(5000)).all()
    picks = [rng.choice(people) for _ in range(count)]
    arabic_picks = [rng.choice(arabic) for _ in range(count)]
    return {
        "Cyrillic prefix (4 letters)": [p.surname[:4].lower() for p in picks],
        "Latin prefix (5 letters)": [p.surname_latin[:5].lower() for p in picks],
        "Arabic-script prefix (3 letters)": [p.surname.replace(" ", "")[:3] for p in arabic_picks],
        "whole roster in name order": [""] * max(5, count // 4),
        # Both words common, names drawn independently: the page intersected from the term index.
        "Cyrillic surname + given name": [f"{p.surname} {p.given_names.split()[0]}".lower() for p in picks],
        "Latin surname + given name": [f"{p.surname_latin} {p.given_names_latin.split()[0]}".lower()
                                       for p in picks],
    }


def _raw_sql(statement: object, db: Database) -> tuple[str, object]:
    """`statement` as the roster's driver receives it: (SQL, parameters)."""
    compiled = statement.compile(dialect=db.engine.dialect,  # type: ignore[attr-defined]
                                 compile_kwargs={"render_postcompile": True})
    if compiled.positiontup is None:  # psycopg's named parameters
        return str(compiled), dict(compiled.params)
    return str(compiled), [compiled.params[name] for name in compiled.positiontup]


def _measure(action: Callable[[], object], cpu: list[float] | None = None) -> float:
    """The wall time of `action`; its CPU time appended to `cpu`."""
    started, started_cpu = time.perf_counter(), time.process_time()
    action()
    if cpu is not None:
        cpu.append(time.process_time() - started_cpu)
    return time.perf_counter() - started


class _Caught:
    """The statements the service sends to the database while `on` (to replay them in plain sqlite3)."""

    def __init__(self, db: Database) -> None:
        self.on = False
        self.statements: list[tuple[str, object]] = []
        event.listen(db.engine, "before_cursor_execute", self._sent)

    def _sent(self, _conn: object, _cursor: object, statement: str, parameters: object, _context: object,
              _many: bool) -> None:
        if self.on and statement.lstrip()[:6].upper() in ("SELECT", "WITH R"):  # not BEGIN, PRAGMA...
            self.statements.append((statement, parameters))

    def run(self, action: Callable[[], object]) -> list[tuple[str, object]]:
        self.statements, self.on = [], True
        try:
            action()
        finally:
            self.on = False
        return self.statements


def _replay(raw: Any, statements: list[tuple[str, object]]) -> None:
    """The statements run again through the plain driver (sqlite3, or psycopg: both have `execute`)."""
    for sql, params in statements:
        raw.execute(sql, params).fetchall()


def _search(path: Path, count: int, only: str = "", url: str | None = None) -> list[list[object]]:
    """The search figures on the roster file at `path`, or, given `url`, on the PostgreSQL database
    holding a copy of it: the searches drawn from the file alike, the service's statements replayed
    through plain psycopg (autocommit, each statement its own transaction) instead of sqlite3."""
    if url is None:
        db = open_database(path)
        raw: Any = sqlite3.connect(path)
        searches = _queries(db, random.Random(19), count)
    else:
        import psycopg

        drawn = open_database(path)
        try:
            searches = _queries(drawn, random.Random(19), count)
        finally:
            drawn.close()
        db = open_database(url)
        raw = psycopg.connect(db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
                              autocommit=True)
    caught = _Caught(db)
    rows: list[list[object]] = []
    try:
        for label, texts in searches.items():
            if only not in label:
                continue
            first, raw_first, every, raw_every, hits, merged, intersected = [], [], [], [], [], 0, 0
            cpu: dict[str, list[float]] = {"first page": [], "raw first": [], "every id": [], "raw every": []}
            for text in texts:
                query = RosterQuery(text=text)
                with db.reading() as session:
                    crossed = roster.intersected_words(session, query) is not None
                    intersected += crossed
                    merged += not crossed and roster.first_page_driver(session, query) is not None

                def service_page(query: RosterQuery = query) -> None:
                    roster.fetch_rows(db, roster.first_page_ids(db, query, PAGE))

                def service_every(query: RosterQuery = query) -> list[int]:
                    return roster.search_ids(db, query)

                page_sql = caught.run(service_page)  # the statements, and the caches warmed alike
                service_every()
                every_sql = [_raw_sql(roster.ids_statement(query), db)]  # sent as compiled, past the events

                found: list[int] = []

                def service_found(query: RosterQuery = query, found: list[int] = found) -> None:
                    found.extend(roster.search_ids(db, query))

                first.append(_measure(service_page, cpu["first page"]))
                raw_first.append(_measure(functools.partial(_replay, raw, page_sql), cpu["raw first"]))
                every.append(_measure(service_found, cpu["every id"]))
                raw_every.append(_measure(functools.partial(_replay, raw, every_sql), cpu["raw every"]))
                hits.append(len(found))
            for what, service, plain, raw_cpu in (("first page", first, raw_first, "raw first"),
                                                  ("every id", every, raw_every, "raw every")):
                p50, p95 = median_p95(service)
                raw50, raw95 = median_p95(plain)
                cpu50, cpu95 = median_p95(cpu[what])
                raw_cpu50, raw_cpu95 = median_p95(cpu[raw_cpu])
                share = (", ".join(f"{n}/{len(texts)} {how}" for n, how in ((merged, "merged"),
                                                                            (intersected, "intersected")) if n)
                         if what == "first page" else "")
                rows.append([f"{label}: {what}", sorted(hits)[len(hits) // 2], p50 * 1000, p95 * 1000,
                             raw50 * 1000, raw95 * 1000, f"{p95 / raw95:.2f}x",
                             f"{cpu50 * 1000:.1f}/{cpu95 * 1000:.1f}", f"{raw_cpu50 * 1000:.1f}/{raw_cpu95 * 1000:.1f}",
                             share])
    finally:
        raw.close()
        db.close()
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.million_bench")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--roster", type=Path, help="measure this roster file instead of building one")
    parser.add_argument("--searches", default="", help="only the searches whose label contains this")
    parser.add_argument("--sorted", action="store_true", help="the first page sorted from every match, as before "
                        "the merge (for comparison)")
    args = parser.parse_args(argv)
    if args.sorted:
        roster.MERGE_TERMS = 0  # no word's terms are merged: every first page is sorted
    headers = ["search", "median hits", "ms p50", "ms p95", "sqlite3 p50", "sqlite3 p95", "p95 ratio",
               "CPU ms p50/p95", "sqlite3 CPU p50/p95", "plan"]
    if args.roster:
        print(f"\nThe roster {args.roster} ({args.roster.stat().st_size / 2**20:.0f} MiB)")
        print(table(headers, _search(args.roster, args.queries, args.searches)))
    for persons in [] if args.roster else args.sizes:
        path, info = built_roster(persons)
        print(f"\nA roster of {info['persons']:,} persons ({path.name}, {info['bytes'] / 2**20:.0f} MiB)")
        print(f"built in bulk (demo --persons): {info['rate']:.0f} persons/s ({info['seconds']:.0f} s, measured "
              "when the file was made)")
        if args.build_only:
            continue
        print(table(headers, _search(path, args.queries, args.searches)))
    print("target: the first page within 50 ms p95 at 1,000,000 persons; every id follows in the background.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
