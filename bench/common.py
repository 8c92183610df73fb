"""Shared benchmark helpers: a seeded roster database cached under bench/out/, and timing.

`seeded_roster(persons)` returns a database file holding about that many demonstration
persons, seeding it once through the real services (audit trail included) and reusing it
on later runs. A lock file keeps two benchmarks from seeding the same file at once.
"""

from __future__ import annotations

import fcntl
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.services import demo
from desktop_app.storage.db import Database, open_database

OUT = Path(__file__).resolve().parent / "out"
PERSONS_PER_HOUSEHOLD = 3.65  # what services.demo produces on average


def cached_roster(path: Path, build: Callable[[Database], int]) -> tuple[Path, dict[str, float]]:
    """`path`, built once by `build(db)` (which returns the persons it wrote) and reused on later runs, and
    how its build went; a lock file keeps two benchmarks from building the same file at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    info_path = path.with_suffix(".json")
    with (path.parent / f"{path.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists() and info_path.exists():
            return path, json.loads(info_path.read_text())
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        db = open_database(path)
        started = time.perf_counter()
        persons = build(db)
        seconds = time.perf_counter() - started
        db.close()
        info = {"persons": persons, "seconds": seconds, "rate": persons / seconds, "bytes": path.stat().st_size}
        info_path.write_text(json.dumps(info))
        return path, info


def seeded_roster(persons: int) -> tuple[Path, dict[str, float]]:
    """A cached demo roster of about `persons` persons, and how long its seeding took."""
    households = round(persons / PERSONS_PER_HOUSEHOLD)
    return cached_roster(OUT / f"roster-{persons // 1000}k.db",
                         lambda db: demo.fill_demo(db, households=households, operator="bench").persons)


def timings(action: Callable[[], object], repeat: int) -> list[float]:
    """Seconds of each of `repeat` calls."""
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        result.append(time.perf_counter() - started)
    return result


def median_p95(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A plain text table, right-aligned numbers."""
    cells = [[str(h) for h in headers]] + [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in row]
                                            for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
