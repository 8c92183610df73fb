"""A ministry-wide roster (issue 19): import, export, duplicates and reconcile at 100,000 and 1,000,000 persons.

Run by `bench.million_bench` after its search figures, on the same cached bulk-built rosters
(`built_roster`), or alone. Every measurement runs in its own interpreter, so its peak memory
is its own: the child is waited for with `os.wait4`, whose resource usage is that child's alone
(`RUSAGE_CHILDREN` would carry the largest earlier child's peak into every later line). A child
running longer than `--limit` seconds (default 600) is stopped and reported as not met, with the
last progress it printed. Each writing measurement works on a private copy of the cached roster
under a temporary folder, so the audit entries it writes never reach the cache.

- import: the 100,000-row × 20-column bench workbook (`bench.import_bench.build_file`) read by
  python-calamine alone, then previewed and committed into a fresh roster (`importing`);
- export: every person of the roster, full-roster profile, through `exporting.export_persons`
  (peak RSS at 100,000 and at 1,000,000 side by side: constant memory means the same figure);
- duplicates: `duplicates.find_duplicates` over the whole roster (the SHA-256 of its sorted pairs and decisions
  printed, to compare runs); beside it, plain rapidfuzz in its own interpreter: the roster read, the pairs the
  finder meets in its blocks, token_sort_ratio of each pair's Latin full names;
- postgresql: on a throwaway server (`bench.officers_bench.throwaway_postgres`), at each of `--pg-rows`
  (10,000 and 100,000) the bench workbook's import into an empty roster, then the export of the persons
  it imported; beside them, in the same run and on the same server, the plain floor: the workbook read
  by calamine and its rows sent by psycopg's COPY into a bare table of 20 text columns, and every
  imported person's row read by psycopg through a server-side cursor (2,000 a fetch); then, on another
  throwaway server, the bench roster of each of `--pg-persons` (100,000; 1,000,000 when asked) COPYed in
  (`_child_pg_load`, the bench's own bulk copy, not the officer's `move-to-server`) and measured there: the
  search figures of `bench.million_bench` (the service's statements replayed through plain psycopg), the
  duplicates and the 10,000-row answer's reconcile, each beside the same work on the roster file in the same
  run, with both decisions' SHA-256 (equal, or the program decides differently on a server: a defect). The
  server's CPU seconds (its backends', counted as they end) are printed beside the bench's own;
- reconcile: a 10,000-row answer (9,500 roster persons typed as a partner would, 500 strangers;
  `bench.matching_reconcile.make_answer`, cached) reconciled against the roster, first reconcile
  of the session (the index built); beside it, in the same run, plain rapidfuzz doing the same
  work in its own interpreter: the roster read, the answer read, each row's best token_sort_ratio
  among the roster persons born that day (`bench.matching_bench.fuzzy_name_exact_birth`).
  Each line gives wall seconds and the child's CPU seconds (user + system, from `wait4`).

    python -m bench.million_scale                                  # everything at 100,000 and 1,000,000
    python -m bench.million_scale --parts export --sizes 100000    # one part, one size
    python -m bench.million_scale --parts postgresql --pg-rows 10000
    python -m bench.million_scale --parts postgresql --pg-rows --pg-persons 100000 1000000   # rosters on a server
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.common import OUT, table

PARTS = ("import", "export", "duplicates", "reconcile", "postgresql")
IMPORT_ROWS = 100_000
PG_ROWS = (10_000, 100_000)
PG_PERSONS = (100_000,)  # the bench rosters put on a server (1,000,000 by `--pg-persons`: about an hour)
ANSWER_ROWS = 10_000
MEMORY_CAP = 8 * 2**30  # address space of one child: a run that needs more fails instead of starving the machine
ROOT = Path(__file__).resolve().parent.parent


def _progress(text: str) -> None:
    print(f"progress {text}", file=sys.stderr, flush=True)


def _roster_copy(persons: int, folder: Path) -> Path:
    """A private copy of the cached bulk roster (and its audit head) in `folder`."""
    from bench.million_bench import built_roster

    source, _ = built_roster(persons)
    copy = folder / "roster.db"
    shutil.copyfile(source, copy)
    head = source.with_name(source.name + ".audit-head")
    if head.exists():
        shutil.copyfile(head, copy.with_name(copy.name + ".audit-head"))
    return copy


def _child_import_into(url: str, source: Path) -> dict[str, Any]:
    """The bench workbook previewed and committed into the (empty) roster at `url`."""
    from desktop_app.services import importing
    from desktop_app.services.settings import MissionSettings, save_mission
    from desktop_app.storage.db import open_database

    db = open_database(url)
    shown = [time.perf_counter()]

    def progress(step: str) -> Callable[[int, int], bool]:
        def report(done: int, total: int) -> bool:
            if time.perf_counter() - shown[0] > 10:
                shown[0] = time.perf_counter()
                _progress(f"{step} {done:,} of {total:,} after {time.perf_counter() - started:.0f} s")
            return True
        return report

    try:
        save_mission(db, MissionSettings("Cairo", "EGY"), operator="bench")
        started = time.perf_counter()
        preview = importing.preview_import(db, source, progress=progress("preview"))
        previewed = time.perf_counter()
        result = importing.commit_import(db, preview, operator="bench", progress=progress("commit"))
        finished = time.perf_counter()
    finally:
        db.close()
    return {"seconds": finished - started, "preview": previewed - started, "commit": finished - previewed,
            "created": result.created}


def _child_pg_copy(url: str, source: Path) -> dict[str, Any]:
    """The floor under the PostgreSQL import: the workbook read by calamine, its rows COPYed into a bare table."""
    import psycopg
    import python_calamine

    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(source))
    rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)[2:]
    width = max(len(row) for row in rows)
    with psycopg.connect(_libpq(url)) as connection, connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE plain_rows ({', '.join(f'c{i} text' for i in range(width))})")
        with cursor.copy(f"COPY plain_rows ({', '.join(f'c{i}' for i in range(width))}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([None if cell == "" else str(cell) for cell in row])
        cursor.execute("DROP TABLE plain_rows")
    return {"seconds": time.perf_counter() - started, "rows": len(rows)}


def _child_pg_read(url: str) -> dict[str, Any]:
    """The floor under the PostgreSQL export: every person's row read through a server-side cursor."""
    import psycopg

    started = time.perf_counter()
    rows = 0
    with psycopg.connect(_libpq(url)) as connection, connection.cursor(name="plain") as cursor:
        cursor.itersize = 2000
        cursor.execute("SELECT * FROM persons ORDER BY sort_key, id")
        for _ in cursor:
            rows += 1
    return {"seconds": time.perf_counter() - started, "rows": rows}


def _target(argument: str) -> Path | str:
    """A roster file's path, or a server's URL as given (a Path would fold its `//`)."""
    return argument if "://" in argument else Path(argument)


def _child_pg_load(source: Path, url: str) -> dict[str, Any]:
    """The roster file `source` put into the empty database at `url` for the bench, fast: the schema by the
    migrations, then every table's rows read by sqlite3 and sent by psycopg's COPY (foreign-key triggers off,
    one transaction), each id sequence moved past its ids, every table analyzed. Not the officer's move
    (`move-to-server`, which checks everything and takes about 8x as long): the same rows, ids and search terms.
    """
    import contextlib
    import sqlite3

    import psycopg

    from bench.move_bench import migrated_tables

    started = time.perf_counter()
    ordered = migrated_tables(url)
    copied = 0
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reader, \
            psycopg.connect(_libpq(url)) as writer, writer.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        in_file = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in ordered:
            if table.name not in in_file:
                continue
            file_columns = {row[1] for row in reader.execute(f'PRAGMA table_info("{table.name}")')}
            columns = ", ".join(f'"{column.name}"' for column in table.columns if column.name in file_columns)
            cursor.execute(f'DELETE FROM "{table.name}"')  # what the migrations wrote (the schema's own rows)
            with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                for row in reader.execute(f'SELECT {columns} FROM "{table.name}"'):
                    copy.write_row(row)
                    copied += 1
            _progress(f"{table.name} copied, {copied:,} rows so far after {time.perf_counter() - started:.0f} s")
            if "id" in table.c:
                cursor.execute(f"SELECT pg_get_serial_sequence('\"{table.name}\"', 'id')")
                sequence = cursor.fetchone()
                if sequence and sequence[0]:
                    cursor.execute(f'SELECT setval(%s, GREATEST(1, (SELECT max(id) FROM "{table.name}")))',
                                   (sequence[0],))
        writer.commit()
        writer.autocommit = True
        cursor.execute("ANALYZE")
    return {"seconds": time.perf_counter() - started, "rows": copied}


def _libpq(url: str) -> str:
    """The libpq form of a SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _child_export(db_path: Path | str, folder: Path) -> dict[str, Any]:
    from desktop_app.services import exporting
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    shown = [time.perf_counter()]

    def progress(done: int, total: int) -> bool:
        if time.perf_counter() - shown[0] > 10:
            shown[0] = time.perf_counter()
            _progress(f"{done:,} of {total:,} rows, peak {_self_peak_mb():.0f} MB")
        return True

    try:
        started = time.perf_counter()
        result = exporting.export_persons(db, folder / "roster.xlsx", operator="bench", progress=progress)
        seconds = time.perf_counter() - started
    finally:
        db.close()
    return {"seconds": seconds, "rows": result.rows, "bytes": (folder / "roster.xlsx").stat().st_size}


def _stage_shown(done: int, total: int) -> bool:
    """A duplicate search's progress, printed for the parent's last line (never stops the search)."""
    _progress(f"{done} of {total}")
    return True


def _child_duplicates(db_path: Path | str) -> dict[str, Any]:
    from desktop_app.services import duplicates
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    try:
        started = time.perf_counter()
        pairs = duplicates.find_duplicates(db, progress=_stage_shown)
        seconds = time.perf_counter() - started
    finally:
        db.close()
    decided = "\n".join(sorted(f"{pair.a.id},{pair.b.id},{pair.decision}" for pair in pairs))
    return {"seconds": seconds, "pairs": len(pairs), "sha256": hashlib.sha256(decided.encode()).hexdigest()}


def _child_duplicates_plain(db_path: Path) -> dict[str, Any]:
    """The plain baseline: the roster read, the pairs the finder meets in its blocks, rapidfuzz's token_sort_ratio
    of their Latin full names (`cpdist`, one thread)."""
    import numpy as np
    from rapidfuzz import fuzz
    from rapidfuzz.process import cpdist

    from bench.matching_bench import _latin_name
    from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, MAX_BLOCK
    from desktop_app.matching.fastpath import DuplicateNarrowing, build_part_blocks, key_parts, met_in_blocks
    from desktop_app.matching.features import blocking_keys, prepare
    from desktop_app.services.reconciling import load_roster
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    try:
        started = time.perf_counter()
        with db.reading() as session:
            roster = [person.match_record() for person in load_roster(session).values()]
    finally:
        db.close()
    read = time.perf_counter()
    prepared = [prepare(record) for record in roster]
    blocks = build_part_blocks([key_parts(record, indexing=True) for record in prepared])
    names = np.array([_latin_name(record) for record in roster], dtype=object)
    narrowing = DuplicateNarrowing(prepared)  # the finder's: a wide block meets those alike in a second key
    narrowing.wide = DUPLICATE_WIDE_BLOCK
    split: dict[str, Any] = {}
    pairs = 0
    scoring = 0.0
    for start in range(0, len(prepared), 1_000):
        queries = prepared[start:start + 1_000]
        rows, positions = met_in_blocks([blocking_keys(query, indexing=False) for query in queries], blocks,
                                        MAX_BLOCK, [query.birth_date for query in queries], narrowing, split,
                                        queries)
        later = positions > rows + start
        rows, positions = rows[later] + start, positions[later]
        pairs += len(rows)
        scored = time.perf_counter()
        cpdist(names[rows], names[positions], scorer=fuzz.token_sort_ratio, workers=1)
        scoring += time.perf_counter() - scored
    return {"seconds": time.perf_counter() - started, "read": read - started, "pairs": pairs, "scoring": scoring}


def _answer_path(persons: int) -> Path:
    return OUT / "million" / f"reconcile-answer-{ANSWER_ROWS // 1000}k-of-{persons}.xlsx"


def _child_answer(db_path: Path, persons: int) -> dict[str, Any]:
    """Write the cached answer workbook from the roster's persons (nothing timed)."""
    from bench.matching_reconcile import make_answer
    from desktop_app.services.reconciling import load_roster
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    try:
        with db.reading() as session:
            roster = load_roster(session)
    finally:
        db.close()
    path = _answer_path(persons)
    partial = path.with_suffix(".part.xlsx")
    make_answer(roster, partial)
    partial.rename(path)
    return {"seconds": 0.0}


def _child_reconcile(db_path: Path | str, answer: Path) -> dict[str, Any]:
    from desktop_app.services import reconciling
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    shown = [time.perf_counter()]

    def progress(done: int, total: int) -> bool:
        if time.perf_counter() - shown[0] > 10:
            shown[0] = time.perf_counter()
            _progress(f"{done:,} of {total:,}, peak {_self_peak_mb():.0f} MB")
        return True

    try:
        started = time.perf_counter()
        rec = reconciling.reconcile_answer(db, answer, progress=progress)
        seconds = time.perf_counter() - started
    finally:
        db.close()
    from bench.matching_reconcile import decisions_digest

    return {"seconds": seconds, "rows": len(rec.rows), "sha256": decisions_digest(rec)}


def _child_rapidfuzz(db_path: Path, answer: Path) -> dict[str, Any]:
    from bench.matching_bench import fuzzy_name_exact_birth
    from desktop_app.services.reconciling import load_roster, read_answer
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    try:
        started = time.perf_counter()
        with db.reading() as session:
            roster = [person.match_record() for person in load_roster(session).values()]
        rows = [record for _, record in read_answer(answer).rows]
        outcomes = fuzzy_name_exact_birth(roster, rows)
        seconds = time.perf_counter() - started
    finally:
        db.close()
    return {"seconds": seconds, "rows": len(outcomes)}


def _self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(kind: str, args: list[str]) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    if kind == "plain" or kind == "import":
        from bench.import_bench import run_import, run_plain

        result: dict[str, Any] = (run_plain if kind == "plain" else run_import)(Path(args[0]))
    elif kind == "export":
        result = _child_export(Path(args[0]), Path(args[1]))
    elif kind == "pg-import":
        result = _child_import_into(args[0], Path(args[1]))
    elif kind == "pg-export":
        result = _child_export(args[0], Path(args[1]))
    elif kind == "pg-copy":
        result = _child_pg_copy(args[0], Path(args[1]))
    elif kind == "pg-read":
        result = _child_pg_read(args[0])
    elif kind == "duplicates":
        result = _child_duplicates(_target(args[0]))
    elif kind == "duplicates-plain":
        result = _child_duplicates_plain(Path(args[0]))
    elif kind == "answer":
        result = _child_answer(Path(args[0]), int(args[1]))
    elif kind == "rapidfuzz":
        result = _child_rapidfuzz(Path(args[0]), Path(args[1]))
    elif kind == "pg-load":
        result = _child_pg_load(Path(args[0]), args[1])
    elif kind == "pg-search":
        from bench.million_bench import _search

        result = {"seconds": 0.0, "rows": _search(Path(args[0]), int(args[2]), url=args[1])}
    else:
        result = _child_reconcile(_target(args[0]), Path(args[1]))
    print(json.dumps(result))


def measure(kind: str, *args: str | Path, limit: float) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter: its JSON result with `peak_mb` (that child's own peak
    RSS, from wait4), or {"stopped": seconds, "last": its last progress line} when it ran past `limit`."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "bench.million_scale", "--child", kind, *map(str, args)],
                                 stdout=out, stderr=err, cwd=ROOT)
        status, usage = 0, None
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > limit:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.2)
        child.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        lines, errors = out.read().strip().splitlines(), err.read().strip().splitlines()
    peak_mb = usage.ru_maxrss / 1024 if usage is not None else 0.0
    cpu = usage.ru_utime + usage.ru_stime if usage is not None else 0.0
    progress = [line[len("progress "):] for line in errors if line.startswith("progress ")]
    if elapsed > limit:
        return {"stopped": elapsed, "last": progress[-1] if progress else "no progress printed", "peak_mb": peak_mb}
    if child.returncode != 0 or not lines:
        failure = next((line for line in reversed(errors) if line and not line.startswith("progress ")), "")
        return {"failed": failure or f"exit {child.returncode}", "peak_mb": peak_mb}
    return {**json.loads(lines[-1]), "peak_mb": peak_mb, "cpu": cpu}


def _seconds(result: dict[str, Any]) -> str:
    if "stopped" in result:
        return f">{result['stopped']:.0f} (stopped; {result['last']})"
    if "failed" in result:
        return f"failed: {result['failed'][:120]}"
    cpu = f" ({result['cpu']:.1f} CPU)" if "cpu" in result else ""
    return f"{result['seconds']:.1f}{cpu}"


def _import_rows(limit: float) -> list[list[object]]:
    from bench.import_bench import build_file

    path = build_file(IMPORT_ROWS)
    plain = measure("plain", path, limit=limit)
    whole = measure("import", path, limit=limit)
    ratio = f"{whole['seconds'] / plain['seconds']:.1f}x" if "seconds" in whole and "seconds" in plain else "-"
    return [[f"import {IMPORT_ROWS:,} rows × 20 columns (preview + commit)", _seconds(whole),
             f"calamine read {_seconds(plain)} s", ratio, f"{whole['peak_mb']:.0f}",
             "within 5x, under 500 MB"]]


def _roster_rows(persons: int, parts: Sequence[str], limit: float) -> list[list[object]]:
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="million-scale-", dir="/tmp") as folder:
        copy = _roster_copy(persons, Path(folder))
        if "export" in parts:
            target = Path(folder) / "export"
            target.mkdir()
            result = measure("export", copy, target, limit=limit)
            size = f"{result['bytes'] / 2**20:.0f} MiB file" if "bytes" in result else ""
            rows.append([f"export {persons:,} persons, full roster .xlsx", _seconds(result), size, "-",
                         f"{result['peak_mb']:.0f}", "constant memory"])
            shutil.rmtree(target)
        if "duplicates" in parts:
            result = measure("duplicates", copy, limit=limit)
            plain = measure("duplicates-plain", copy, limit=limit)
            pairs = f"{result['pairs']:,} pairs, sha256 {result['sha256'][:12]}" if "pairs" in result else ""
            ratio = f"{result['cpu'] / plain['cpu']:.1f}x CPU" if "cpu" in result and plain.get("cpu") else "-"
            rows.append([f"duplicates over {persons:,}", _seconds(result), pairs, ratio, f"{result['peak_mb']:.0f}",
                         "under 60 s"])
            compared = (f"{plain['pairs']:,} pairs met in blocks, token_sort_ratio {plain['scoring']:.1f} s, "
                        f"read {plain['read']:.1f} s" if "pairs" in plain else "")
            rows.append([f"  plain rapidfuzz, the same pairs over {persons:,}", _seconds(plain), compared, "-",
                         f"{plain['peak_mb']:.0f}", "-"])
        if "reconcile" in parts:
            answer = _answer_path(persons)
            if not answer.exists():
                made = measure("answer", copy, str(persons), limit=limit)
                if not answer.exists():
                    rows.append([f"reconcile {ANSWER_ROWS:,} against {persons:,}", "answer not written: "
                                 + _seconds(made), "", "-", f"{made['peak_mb']:.0f}", "under 20 s"])
                    return rows
            result = measure("reconcile", copy, answer, limit=limit)
            plain = measure("rapidfuzz", copy, answer, limit=limit)
            ratio = f"{result['cpu'] / plain['cpu']:.1f}x CPU" if "cpu" in result and plain.get("cpu") else "-"
            rows.append([f"reconcile {ANSWER_ROWS:,} against {persons:,} (first, index built)", _seconds(result),
                         f"{result.get('rows', 0):,} rows", ratio, f"{result['peak_mb']:.0f}", "under 20 s"])
            rows.append([f"  plain rapidfuzz, same rows against {persons:,}", _seconds(plain), "", "-",
                         f"{plain['peak_mb']:.0f}", "-"])
    return rows


def _sized_rows(persons: int, parts: Sequence[str], limit: float) -> list[list[object]]:
    """`_roster_rows` one part at a time, each line shown as soon as it is measured."""
    rows: list[list[object]] = []
    for part in ("export", "duplicates", "reconcile"):
        if part in parts:
            rows.extend(_show(_roster_rows(persons, [part], limit)))
    return rows


def _postgres_rows(sizes: Sequence[int], limit: float) -> list[list[object]]:
    from bench.import_bench import build_file
    from bench.officers_bench import throwaway_postgres

    rows: list[list[object]] = []
    for size in sizes:
        source = build_file(size)
        with tempfile.TemporaryDirectory(prefix="million-scale-pg-", dir="/tmp") as folder, \
                throwaway_postgres(Path(folder)) as url:
            plain = measure("pg-copy", url, source, limit=limit)  # right beside the import, under the same load
            whole = measure("pg-import", url, source, limit=limit)
            target = Path(folder) / "export"
            target.mkdir()
            exported: dict[str, Any] = (measure("pg-export", url, target, limit=limit) if "seconds" in whole else
                                        {"failed": "not measured: the import did not finish", "peak_mb": 0.0})
            read: dict[str, Any] = (measure("pg-read", url, limit=limit) if "seconds" in whole else
                                    {"failed": "-", "peak_mb": 0.0})
        ratio = f"{whole['seconds'] / plain['seconds']:.1f}x" if "seconds" in whole and "seconds" in plain else "-"
        size_mib = f", {exported['bytes'] / 2**20:.0f} MiB file" if "bytes" in exported else ""
        read_ratio = (f"{exported['seconds'] / read['seconds']:.1f}x" if "seconds" in exported and "seconds" in read
                      else "-")
        rows += _show([[f"PostgreSQL: import {size:,} rows × 20 columns", _seconds(whole),
                        f"calamine read + COPY {_seconds(plain)} s", ratio, f"{whole['peak_mb']:.0f}",
                        "within 5x, under 500 MB"],
                       [f"PostgreSQL: export the {size:,} persons imported", _seconds(exported),
                        f"plain read {_seconds(read)} s{size_mib}", read_ratio, f"{exported['peak_mb']:.0f}",
                        "constant memory"]])
    return rows


def _server_cpu(data: Path) -> float:
    """CPU seconds of the PostgreSQL server whose data folder is `data`: the postmaster's own and those of its
    ended children (the backends of connections closed, autovacuum's workers; not the checkpointer's, still
    running)."""
    pid = int((data / "postmaster.pid").read_text().split()[0])
    time.sleep(0.5)  # a backend whose client has just closed may still be exiting
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(fields[index]) for index in (11, 12, 13, 14)) / os.sysconf("SC_CLK_TCK")


def _on_server(data: Path, kind: str, *args: str | Path, limit: float) -> dict[str, Any]:
    """`measure` with the server's CPU seconds during it (`server_cpu`)."""
    before = _server_cpu(data)
    result = measure(kind, *args, limit=limit)
    return {**result, "server_cpu": _server_cpu(data) - before}


def _both_cpu(result: dict[str, Any]) -> str:
    if "cpu" not in result:
        return _seconds(result)
    return f"{result['seconds']:.1f} ({result['cpu']:.1f} CPU + server {result['server_cpu']:.1f})"


def _postgres_roster_rows(persons: int, queries: int, limit: float) -> list[list[object]]:
    """The bench roster of `persons` on a throwaway server: search, duplicates and the 10,000-row answer's
    reconcile, each beside the same work on the roster file in the same run (the decisions' SHA-256 must be
    equal: a difference is a defect of the program on PostgreSQL)."""
    from bench.officers_bench import throwaway_postgres

    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="million-scale-pgroster-", dir="/tmp") as folder, \
            throwaway_postgres(Path(folder)) as url:
        data = Path(folder) / "pg" / "data"
        copy = _roster_copy(persons, Path(folder))
        loaded = _on_server(data, "pg-load", copy, url, limit=limit)
        rows += _show([[f"PostgreSQL {persons:,}: the roster file COPYed in (bench only)", _both_cpu(loaded),
                        f"{loaded.get('rows', 0):,} rows", "-", f"{loaded['peak_mb']:.0f}", "-"]])
        if "seconds" not in loaded:
            return rows
        searched = _on_server(data, "pg-search", copy, url, str(queries), limit=limit)
        for label, _hits, p50, p95, raw50, raw95, ratio, cpu, raw_cpu, _plan in searched.get("rows", []):
            goal = "within 50 ms p95" if label.endswith("first page") else "-"
            rows += _show([[f"PostgreSQL {persons:,}: {label}", f"{p50:.1f}/{p95:.1f} ms (CPU {cpu})",
                            f"psycopg {raw50:.1f}/{raw95:.1f} ms (CPU {raw_cpu})", ratio,
                            f"{searched['peak_mb']:.0f}", goal]])
        if "rows" not in searched:
            rows += _show([[f"PostgreSQL {persons:,}: search", _seconds(searched), "", "-", "-", "-"]])
        found = _on_server(data, "duplicates", url, limit=limit)
        on_file = measure("duplicates", copy, limit=limit)
        same = "SHA equal" if found.get("sha256") == on_file.get("sha256") else "SHA DIFFERS"
        ratio = f"{found['seconds'] / on_file['seconds']:.1f}x" if "seconds" in found and "seconds" in on_file else "-"
        rows += _show([[f"PostgreSQL {persons:,}: duplicates", _both_cpu(found),
                        f"{found.get('pairs', 0):,} pairs, sha256 {found.get('sha256', '-')[:12]}; file "
                        f"{_seconds(on_file)} s, sha256 {on_file.get('sha256', '-')[:12]}, {same}", ratio,
                        f"{found['peak_mb']:.0f}", "under 60 s at 1,000,000"]])
        answer = _answer_path(persons)
        if answer.exists():
            reconciled = _on_server(data, "reconcile", url, answer, limit=limit)
            on_file = measure("reconcile", copy, answer, limit=limit)
            same = "SHA equal" if reconciled.get("sha256") == on_file.get("sha256") else "SHA DIFFERS"
            ratio = (f"{reconciled['seconds'] / on_file['seconds']:.1f}x"
                     if "seconds" in reconciled and "seconds" in on_file else "-")
            rows += _show([[f"PostgreSQL {persons:,}: reconcile {ANSWER_ROWS:,} (first, index built)",
                            _both_cpu(reconciled), f"sha256 {reconciled.get('sha256', '-')[:12]}; file "
                            f"{_seconds(on_file)} s, sha256 {on_file.get('sha256', '-')[:12]}, {same}", ratio,
                            f"{reconciled['peak_mb']:.0f}", "under 20 s at 1,000,000"]])
    return rows


def run(sizes: Sequence[int], parts: Sequence[str], limit: float, pg_sizes: Sequence[int] = PG_ROWS,
        pg_persons: Sequence[int] = PG_PERSONS, queries: int = 40) -> list[list[object]]:
    """The table's rows: import once, then export, duplicates and reconcile at each roster size, then
    PostgreSQL."""
    rows = _import_rows(limit) if "import" in parts else []
    _show(rows)
    for persons in sizes:
        if set(parts) & {"export", "duplicates", "reconcile"}:
            rows.extend(_sized_rows(persons, parts, limit))
    if "postgresql" in parts:
        rows.extend(_postgres_rows(pg_sizes, limit))
        for persons in pg_persons:
            rows.extend(_postgres_roster_rows(persons, queries, limit))
    return rows


def _show(rows: list[list[object]]) -> list[list[object]]:
    """Each line as soon as it is measured: a long run stopped halfway keeps what it found."""
    for row in rows:
        print("  " + " | ".join(str(cell) for cell in row), flush=True)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.million_scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--pg-rows", type=int, nargs="*", default=list(PG_ROWS),
                        help="rows of the PostgreSQL import and export")
    parser.add_argument("--pg-persons", type=int, nargs="*", default=list(PG_PERSONS),
                        help="bench rosters (persons) put on the server for search, duplicates and reconcile")
    parser.add_argument("--queries", type=int, default=40, help="searches of each kind on the server")
    parser.add_argument("--limit", type=float, default=600.0, help="stop a measurement after this many seconds")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1:])
        return 0
    rows = run(args.sizes, args.parts, args.limit, args.pg_rows, args.pg_persons, args.queries)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (two cores)")
    print(table(["measured", "seconds", "beside", "ratio", "peak RSS MB", "goal"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
