"""Cold start of the bundle against the program run from source, on the same roster and machine.

    python -m bench.bundle_bench [--launches 5] [--persons 100000]     # part of `make bench`

Each launch starts the program as a user does (`dist/mission-roster/mission-roster --db ROSTER`,
and the source install's `mission-roster --db ROSTER`, which `make run` starts) in a fresh process
and times, from the start, the moment its log says the roster was painted (`window starting`,
written right after the first paint of the roster table) and the moment the whole workspace is
ready (`window opened`); then the process is ended. Both are measured the same way, so the
figures compare (bench.ui_bench's in-process hook gives a few ms less for the source run). Each
program gets its own copy of the roster (the bundle may be a few migrations behind the source)
and its own folders (`MISSION_ROSTER_HOME`). Medians of `launches`, taken in turns, after one
launch each that warms the file cache (shown apart: the bundle's files were just written by the
build, so they are in the cache too; nothing here empties it). Without a bundle (`make bundle`) it
says so and measures nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import seeded_roster, table

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "mission-roster" / "mission-roster"
SOURCE = Path(sys.executable).parent / "mission-roster"
PAINTED, READY = "window starting", "window opened"
TIMEOUT_S = 120.0


def _launch(program: Path, roster: Path, home: Path) -> tuple[float, float]:
    """Seconds to the first painted roster and to the ready workspace, from the process's start."""
    logs = home / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    env = {**os.environ, "MISSION_ROSTER_HOME": str(home),
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    process = subprocess.Popen([str(program), "--db", str(roster), "--operator", "bench"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    painted = None
    try:
        while time.perf_counter() - started < TIMEOUT_S:
            text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in logs.glob("*.log"))
            now = time.perf_counter() - started
            if painted is None and PAINTED in text:
                painted = now
            if READY in text:
                return painted if painted is not None else now, now
            if process.poll() is not None:
                raise RuntimeError(f"{program} ended with {process.returncode} before its window was ready")
            time.sleep(0.002)
        raise RuntimeError(f"{program}: no window after {TIMEOUT_S:.0f} s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def bundle_knows(roster: Path, bundle: Path = BUNDLE) -> bool:
    """Whether the bundle's migrations know the roster's schema revision (a bundle built before the
    roster was migrated by newer source refuses it, and its window waits on that message)."""
    with sqlite3.connect(f"file:{roster}?mode=ro", uri=True) as connection:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    versions = bundle.parent / "_internal" / "desktop_app" / "storage" / "migrations" / "versions"
    known = {m[1] for p in versions.glob("*.py") if (m := re.search(r"^revision = [\"']([^\"']+)", p.read_text(),
                                                                     re.MULTILINE))}
    return revision in known


def _copy(roster: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    copy = folder / roster.name
    for source in (roster, roster.with_name(roster.name + ".audit-head")):
        if source.exists():
            shutil.copy2(source, folder / source.name)
    return copy


def bench_cold_start(roster: Path, launches: int) -> list[list[object]]:
    work = Path(tempfile.mkdtemp(prefix="bundle-bench-"))
    try:
        programs = {"bundle": BUNDLE, "source": SOURCE}
        copies = {kind: _copy(roster, work / kind / "roster") for kind in programs}
        homes = {kind: work / kind / "home" for kind in programs}
        first = {kind: _launch(program, copies[kind], homes[kind])  # also warms the file cache; migrates if needed
                 for kind, program in programs.items()}
        times: dict[str, list[tuple[float, float]]] = {kind: [] for kind in programs}
        for _ in range(launches):
            for kind, program in programs.items():
                times[kind].append(_launch(program, copies[kind], homes[kind]))
        rows = []
        for index, what in ((0, "launch to first painted roster"), (1, "launch to the whole workspace ready")):
            bundle = statistics.median(t[index] for t in times["bundle"])
            source = statistics.median(t[index] for t in times["source"])
            rows.append([what, bundle, source, bundle / source])
        rows.append(["first launch of each, to first paint (file cache as found)", first["bundle"][0],
                     first["source"][0], first["bundle"][0] / first["source"][0]])
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bundle_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--persons", type=int, default=100_000)
    args = parser.parse_args(argv)
    if not BUNDLE.is_file():
        print(f"no bundle at {BUNDLE}: run `make bundle` first (nothing measured)")
        return 0
    roster, info = seeded_roster(args.persons)
    if not bundle_knows(roster):
        print(f"the bundle is older than {roster.name}'s schema: run `make bundle` again (nothing measured)")
        return 0
    print(f"roster: {info['persons']:,} persons ({roster.name}); bundle {BUNDLE.parent}; source {SOURCE}")
    print(table(["cold start (log of each process)", "bundle s", "source s", "bundle/source"],
                bench_cold_start(roster, args.launches)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
