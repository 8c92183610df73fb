"""Officers at work on one roster: 2, 4 and 8 processes for a fixed time, on SQLite and on PostgreSQL.

Each process acts as an officer through the real services: search (a name prefix, ids and the
first page of rows), open a person, edit (the notes, with the version the officer read: a
colleague's change in between is the conflict the editor reports), change a status (a legal next
state, with a unique reason), and a small import (a 3-row workbook of new persons). The table
gives each action's throughput and latency percentiles, and the refusals (conflicts, illegal
transitions after a colleague's change, a lock that did not come).

At the end every acknowledged change is counted in the database: each edit's notes are either
the person's notes now or what a later acknowledged edit read (an edit overwritten by one that
never saw it would be neither), each status change's reason is in the history, each imported
person is on the roster. Usage:

    python -m bench.officers_bench                          # 100,000 persons, 20 s per run
    python -m bench.officers_bench --persons 2000 --seconds 8 --officers 2 4 --backends sqlite

The SQLite roster is a copy (sqlite3 backup) of `bench.common.seeded_roster`'s cached file for
100,000 persons or more, else made fresh with the demonstration data; the PostgreSQL one is
a copy of a fresh such file, table by table, on a throwaway server in a temporary folder
(Debian's binaries, a Unix socket only; as root the server runs as the `postgres` user).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import multiprocessing
import os
import pwd
import random
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from typing import Any

from bench.common import PERSONS_PER_HOUSEHOLD, seeded_roster, table

ACTIONS = {"search": 40, "open": 25, "edit": 15, "status": 12, "import": 8}  # weights, out of 100
IMPORT_ROWS = 3
SEARCH_PAGE = 200


@dataclass
class OfficerLog:
    """What one officer did: latencies per action, refusals, and every acknowledged change."""

    officer: int
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    refused: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    edits: list[tuple[int, str, str]] = field(default_factory=list)  # (person id, notes read, notes written)
    statuses: list[str] = field(default_factory=list)  # the unique reasons of acknowledged status changes
    imported: list[str] = field(default_factory=list)  # surnames of acknowledged imported persons


def _officer(target: str, officer: int, seconds: float, seed: int, ready: Any, go: EventType,
             results: Any, folder: str) -> None:
    """One officer's process: open the roster, wait for the start, act until the time is up."""
    from desktop_app.domain.errors import RosterError
    from desktop_app.domain.status import Status, allowed_next
    from desktop_app.services import importing, persons, roster, status
    from desktop_app.services.roster_rows import RosterQuery
    from desktop_app.storage.db import open_database

    rng = random.Random(seed)
    db = open_database(target, holder=f"officer {officer}")
    ids = roster.search_ids(db, RosterQuery())
    prefixes = sorted({row.surname[:3] for row in roster.fetch_rows(db, rng.sample(ids, min(200, len(ids)))).values()
                       if len(row.surname) >= 3})
    log = OfficerLog(officer)
    operator = f"officer-{officer}"
    never = {Status.MERGED, Status.CROSSED, Status.EVACUATED}  # keep persons movable
    ready.put(officer)
    go.wait()
    deadline = time.monotonic() + seconds
    step = 0
    while time.monotonic() < deadline:
        step += 1
        action = rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0]
        token = f"o{officer}-{step}"
        started = time.perf_counter()
        try:
            if action == "search":
                found = roster.search_ids(db, RosterQuery(text=rng.choice(prefixes)))
                roster.fetch_rows(db, found[:SEARCH_PAGE])
            elif action == "open":
                persons.get_person(db, rng.choice(ids))
            elif action == "edit":
                person = persons.get_person(db, rng.choice(ids))
                persons.update_person(db, person.id, {"notes": token}, operator=operator,
                                      expected_version=person.version)
                log.edits.append((person.id, person.notes, token))
            elif action == "status":
                person = persons.get_person(db, rng.choice(ids))
                choices = [s for s in allowed_next(Status(person.status)) if s not in never]
                if not choices:
                    continue
                if status.change_status(db, person.id, rng.choice(choices), operator=operator, reason=token):
                    log.statuses.append(token)  # not when a colleague had set that status meanwhile: nothing written
            else:
                surnames = [f"Imp{token}x{row}" for row in range(IMPORT_ROWS)]
                workbook = _workbook(Path(folder) / f"{token}.xlsx", surnames, rng)
                result = importing.commit_import(db, importing.preview_import(db, workbook), operator=operator,
                                                 accept_duplicates_as_new=True)
                workbook.unlink()
                if result.created != IMPORT_ROWS:
                    log.failed[action].append(f"{result.created} of {IMPORT_ROWS} rows created")
                    continue
                log.imported.extend(surnames)
        except RosterError as exc:  # a conflict, a transition refused after a colleague's change, a lock
            log.refused[action] += 1
            if "conflict" not in type(exc).__name__.lower() and "Transition" not in type(exc).__name__:
                log.failed[action].append(f"{type(exc).__name__}: {str(exc)[:120]}")
            continue
        log.seconds[action].append(time.perf_counter() - started)
    db.close()
    results.put(log)


def _workbook(path: Path, surnames: Sequence[str], rng: random.Random) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Surname", "Given names", "DOB", "Phone"])
    for surname in surnames:
        sheet.append([surname, rng.choice(["Anna", "Omar", "Maria", "Yusuf"]),
                      f"{rng.randint(1950, 2015)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                      f"+20 10{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"])
    book.save(path)
    return path


@dataclass(frozen=True)
class Audit:
    """The end-of-run count of acknowledged changes."""

    acknowledged: int
    present: int
    overwritten_unseen: int


def count_changes(target: str, logs: Sequence[OfficerLog]) -> Audit:
    """Every acknowledged change looked up in the roster (see the module docstring)."""
    from sqlalchemy import select

    from desktop_app.storage.db import open_database
    from desktop_app.storage.models import Person, StatusChange

    db = open_database(target)
    try:
        edits: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for log in logs:
            for person_id, read, written in log.edits:
                edits[person_id].append((read, written))
        with db.reading() as session:
            notes = dict(session.execute(select(Person.id, Person.notes).where(Person.id.in_(list(edits)))).all())
            reasons = set(session.scalars(select(StatusChange.reason).where(StatusChange.reason.like("o%-%"))))
            surnames = set(session.scalars(select(Person.surname).where(Person.surname.like("Impo%"))))
        present = unseen = 0
        for person_id, chain in edits.items():
            reads = [before for before, _ in chain]
            seen = set(reads) | {notes.get(person_id)}
            present += sum(written in seen for _, written in chain)
            unseen += len(reads) - len(set(reads))  # two acknowledged edits that read the same notes
        statuses = [reason for log in logs for reason in log.statuses]
        imported = [surname for log in logs for surname in log.imported]
        present += sum(reason in reasons for reason in statuses) + sum(name in surnames for name in imported)
        acknowledged = sum(len(chain) for chain in edits.values()) + len(statuses) + len(imported)
        return Audit(acknowledged, present, unseen)
    finally:
        db.close()


def run(target: str, officers: int, seconds: float, folder: Path) -> tuple[list[OfficerLog], float]:
    """`officers` processes on `target` for `seconds`; their logs and the measured wall time."""
    context = multiprocessing.get_context("spawn")
    ready, results, go = context.Queue(), context.Queue(), context.Event()
    processes = [context.Process(target=_officer, args=(target, n, seconds, 1000 + n, ready, go, results,
                                                         str(folder)))
                 for n in range(1, officers + 1)]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get(timeout=300)
    started = time.perf_counter()
    go.set()
    logs = [results.get(timeout=seconds + 300) for _ in processes]
    wall = time.perf_counter() - started
    for process in processes:
        process.join(60)
    return logs, wall


def report(backend: str, officers: int, logs: Sequence[OfficerLog], wall: float, audit: Audit) -> str:
    rows = []
    for action in ACTIONS:
        times = sorted(t for log in logs for t in log.seconds.get(action, []))
        refused = sum(log.refused.get(action, 0) for log in logs)
        if not times:
            rows.append([action, 0, "-", "-", "-", "-", refused])
            continue

        def pct(p: float, ordered: list[float] = times) -> float:
            return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] * 1000

        rows.append([action, len(times), f"{len(times) / wall:.1f}", pct(0.50), pct(0.95), pct(0.99), refused])
    failures = [f"  {action}: {message}" for log in logs for action, messages in log.failed.items()
                for message in messages[:3]]
    lines = [f"\n{backend}, {officers} officers, {wall:.1f} s",
             table(["action", "done", "per s", "ms p50", "ms p95", "ms p99", "refused"], rows),
             f"acknowledged changes: {audit.acknowledged}, present: {audit.present}, "
             f"overwritten unseen: {audit.overwritten_unseen}"]
    if failures:
        lines += ["unexpected failures (first 3 per officer and action):", *failures]
    return "\n".join(lines)


def sqlite_roster(persons: int, path: Path) -> Path:
    """A roster file of about `persons` persons at `path`, for this run only."""
    from desktop_app.services import demo
    from desktop_app.storage.db import open_database

    if persons >= 100_000:
        cached, _ = seeded_roster(persons)
        with contextlib.closing(sqlite3.connect(cached)) as source, contextlib.closing(sqlite3.connect(path)) as copy:
            source.backup(copy)
        open_database(path).close()  # any migration since the cache was made
        return path
    db = open_database(path)
    demo.fill_demo(db, households=round(persons / PERSONS_PER_HOUSEHOLD), operator="bench", seed=11)
    db.close()
    return path


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def throwaway_postgres(folder: Path) -> Iterator[str]:
    """A private PostgreSQL server in `folder` (Unix socket only); yields a SQLAlchemy URL of an empty database."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is missing (Debian's postgresql package)")
    bindir = Path(found[-1]).parent
    base = folder / "pg"
    base.mkdir()
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        for path in (folder, *folder.parents):
            if path == Path(path.anchor):
                break
            os.chmod(path, os.stat(path).st_mode | 0o011)  # the server user must reach its folder
        shutil.chown(base, account.pw_uid, account.pw_gid)

    def server(*command: str) -> None:
        subprocess.run(_as_server_user(list(command)), check=True, capture_output=True, timeout=120)

    server(str(bindir / "initdb"), "-D", str(base / "data"), "-U", "roster", "--auth=trust", "--encoding=UTF8",
           "--locale=C.UTF-8")
    server(str(bindir / "pg_ctl"), "-D", str(base / "data"), "-l", str(base / "server.log"), "-w", "-o",
           f"-k {base} -c listen_addresses='' -c max_connections=100", "start")
    try:
        server(str(bindir / "createdb"), "-h", str(base), "-U", "roster", "roster")
        yield f"postgresql+psycopg://roster@/roster?host={base}"
    finally:
        server(str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "fast", "-w", "stop")


def postgres_roster(url: str, source: Path) -> float:
    """Copy the roster file `source` into the server's new database, table by table; the seconds it took.

    Both backends then hold the same persons, households, lists and audit trail (filling PostgreSQL
    through the services would take as long as seeding did). The ids are kept, so each table's
    id sequence is moved past them.
    """
    from sqlalchemy import create_engine, func, select, text

    from desktop_app.storage.db import open_database
    from desktop_app.storage.models import Base

    started = time.perf_counter()
    open_database(url).close()  # the schema, by the migrations
    reader = create_engine(f"sqlite:///{source}")
    server = create_engine(url)
    with reader.connect() as rows, server.begin() as target:
        for table in reversed(Base.metadata.sorted_tables):
            target.execute(table.delete())
        for table in Base.metadata.sorted_tables:
            result = rows.execution_options(stream_results=True).execute(select(table))
            while batch := result.fetchmany(5000):
                target.execute(table.insert(), [row._asdict() for row in batch])
            if "id" in table.c and table.c.id.autoincrement is not False:
                highest = target.scalar(select(func.max(table.c.id)))
                if highest:
                    target.execute(text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :highest)"),
                                   {"table": table.name, "highest": highest})
    reader.dispose()
    server.dispose()
    return time.perf_counter() - started


def bench_backend(backend: str, target: str, counts: Sequence[int], seconds: float, folder: Path) -> bool:
    """Each number of officers in turn on `target`; False if any acknowledged change is missing."""
    whole = True
    for officers in counts:
        logs, wall = run(target, officers, seconds, folder)
        audit = count_changes(target, logs)
        print(report(backend, officers, logs, wall, audit), flush=True)
        whole = whole and audit.present == audit.acknowledged and audit.overwritten_unseen == 0
    return whole


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.officers_bench")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each run lasts")
    parser.add_argument("--officers", type=int, nargs="+", default=[2, 4, 8])
    parser.add_argument("--backends", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"])
    args = parser.parse_args(argv)

    whole = True
    with tempfile.TemporaryDirectory(prefix="officers-") as temporary:
        folder = Path(temporary)
        started = time.perf_counter()
        source = sqlite_roster(args.persons, folder / "source.db")
        print(f"\nA roster of about {args.persons:,} persons ready in {time.perf_counter() - started:.0f} s")
        if "sqlite" in args.backends:
            path = folder / "roster.db"
            with contextlib.closing(sqlite3.connect(source)) as original, \
                    contextlib.closing(sqlite3.connect(path)) as copy:
                original.backup(copy)
            whole &= bench_backend("SQLite", str(path), args.officers, args.seconds, folder)
        if "postgresql" in args.backends:
            with throwaway_postgres(folder) as url:
                copied = postgres_roster(url, source)
                print(f"\nPostgreSQL: the same roster copied to a throwaway server in {copied:.0f} s")
                whole &= bench_backend("PostgreSQL", url, args.officers, args.seconds, folder)
    print("\nevery acknowledged change present, none overwritten unseen" if whole
          else "\nSOME ACKNOWLEDGED CHANGES ARE MISSING OR WERE OVERWRITTEN UNSEEN")
    return 0 if whole else 1


if __name__ == "__main__":
    raise SystemExit(main())
