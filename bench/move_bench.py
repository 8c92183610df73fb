"""Moving a roster file onto a PostgreSQL server: `move-to-server` beside a plain COPY of the same rows.

    python -m bench.move_bench                       # the 10,000 and 100,000 demo rosters
    python -m bench.move_bench --persons 10000 --repeat 3

A private PostgreSQL server is started for the run (Debian's binaries, a Unix socket in a temporary
folder, as tests/helpers/postgres.py does) and stopped afterwards. For each cached demo roster
(bench/common.py), a copy brought to this version's schema is:

1. moved as the officer moves it (`services.move_to_server.move_roster`) into an empty database:
   the file's full checks (integrity, audit chain), the schema by the migrations, every row in
   batches through SQLAlchemy Core, the cycles closed, the sequences set, the checks on the server
   (counts, the chain recomputed, search terms), one transaction. The progress callback splits it
   into "before the copy" (file checks and schema), "copy" and "after" (checks and commit);
2. the baseline, without pg_dump: the same rows read with sqlite3 and written with psycopg's COPY
   into another empty database whose schema the migrations made beforehand (not timed), foreign-key
   triggers off (`session_replication_role = replica`), one transaction, no checks.

Medians of `--repeat` runs; the machine's load average is printed beside them.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import pwd
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import psycopg
from sqlalchemy import MetaData, Table, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.ddl import sort_tables_and_constraints

from bench.common import seeded_roster, table
from desktop_app.services import audit, move_to_server
from desktop_app.storage.db import open_database


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def private_server() -> Iterator[tuple[Path, Path]]:
    """A PostgreSQL server of its own for the run: (socket folder, binaries)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("PostgreSQL is missing: install Debian's postgresql package")
    bindir = Path(found[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="move-bench-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chmod(base, 0o700)
        shutil.chown(base, account.pw_uid, account.pw_gid)

    def run(*command: str) -> None:
        subprocess.run(_as_server_user(list(command)), check=True, capture_output=True, timeout=600)

    run(str(bindir / "initdb"), "-D", str(base / "data"), "-U", "roster", "--auth=trust", "--encoding=UTF8",
        "--locale=C.UTF-8")
    run(str(bindir / "pg_ctl"), "-D", str(base / "data"), "-l", str(base / "server.log"), "-w", "-t", "300", "-o",
        f"-k {base} -c listen_addresses=''", "start")
    try:
        yield base, bindir
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


def new_database(server: tuple[Path, Path], name: str) -> str:
    socket, bindir = server
    subprocess.run(_as_server_user([str(bindir / "createdb"), "-h", str(socket), "-U", "roster", name]), check=True,
                   capture_output=True, timeout=120)
    return f"postgresql+psycopg://roster@/{name}?host={socket}"


def current_copy(cached: Path, folder: Path) -> Path:
    """A copy of the cached roster (with its audit head) brought to this version's schema."""
    copy = folder / "roster.db"
    with contextlib.closing(sqlite3.connect(cached)) as source, contextlib.closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    if audit.head_file(cached).exists():
        shutil.copyfile(audit.head_file(cached), audit.head_file(copy))
    open_database(copy).close()  # migrates it, as the window would before the officer moves it
    for old in folder.glob("roster.db.before-migration-*"):
        old.unlink()
    return copy


def timed_move(source: Path, url: str) -> tuple[float, float, float, int]:
    """(before the copy, copy, after the copy) in seconds, and the rows moved."""
    marks: list[float] = []

    def progress(done: int, total: int) -> bool:
        if not marks:
            marks.append(time.perf_counter())
        if done == total:
            marks.append(time.perf_counter())
        return True

    started = time.perf_counter()
    result = move_to_server.move_roster(source, url, passphrase=None, operator="bench", progress=progress)
    ended = time.perf_counter()
    return marks[0] - started, marks[-1] - marks[0], ended - marks[-1], result.rows


def migrated_tables(url: str) -> list[Table]:
    """The roster's tables at `url`, made there by the migrations if they are not, parents before children (the
    order rows can be copied in), Alembic's own table left out."""
    open_database(url).close()
    engine = create_engine(url, poolclass=NullPool)
    metadata = MetaData()
    with engine.connect() as connection:
        metadata.reflect(connection)
    engine.dispose()
    return [t for t, _ in sort_tables_and_constraints(list(metadata.tables.values()))  # type: ignore[no-untyped-call]
            if t is not None and t.name != "alembic_version"]


def timed_copy(source: Path, url: str) -> float:
    """The baseline: every row read with sqlite3 and written with COPY into the migrated schema."""
    ordered = migrated_tables(url)  # the schema, not timed
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    started = time.perf_counter()
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reader, \
            psycopg.connect(conninfo) as writer:
        with writer.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            for target in ordered:
                columns = [c.name for c in target.columns]
                quoted = ", ".join(f'"{c}"' for c in columns)
                rows = reader.execute(f'SELECT {quoted} FROM "{target.name}"')
                with cursor.copy(f'COPY "{target.name}" ({quoted}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
        writer.commit()
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.move_bench")
    parser.add_argument("--persons", type=int, action="append", help="default: 10000 and 100000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = args.persons or [10_000, 100_000]
    rows_out: list[list[object]] = []
    with private_server() as server, tempfile.TemporaryDirectory(prefix="move-bench-") as folder:
        for persons in sizes:
            cached, _ = seeded_roster(persons)
            source = current_copy(cached, Path(folder))
            moves, copies = [], []
            rows = 0
            for run in range(args.repeat):
                before, copy, after, rows = timed_move(source, new_database(server, f"move_{persons}_{run}"))
                moves.append((before, copy, after))
                copies.append(timed_copy(source, new_database(server, f"copy_{persons}_{run}")))
            total = statistics.median(sum(m) for m in moves)
            baseline = statistics.median(copies)
            rows_out.append([f"{persons:,}", f"{rows:,}", f"{statistics.median(m[0] for m in moves):.1f}",
                             f"{statistics.median(m[1] for m in moves):.1f}",
                             f"{statistics.median(m[2] for m in moves):.1f}", f"{total:.1f}", f"{baseline:.1f}",
                             f"{total / baseline:.1f}x"])
            source.unlink()
    print(table(["persons", "rows", "before copy s", "copy s", "checks+commit s", "move s", "COPY baseline s",
                 "move/COPY"], rows_out))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; medians of {args.repeat}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
