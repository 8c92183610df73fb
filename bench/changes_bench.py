"""How soon a colleague's commit reaches an open window: the change watcher against plain sqlite3 polling.

Issue 15 promises that a colleague's edit shows in an open roster within 2 s. The window hears of it
through `services.changes.ChangeWatcher` (on SQLite: `PRAGMA data_version` on a connection of its own,
then the audit entries past the last head); the page reload that follows is measured by ui_bench. Here
a colleague (a second `Database` on the same file, on a thread of its own) edits a person's notes at
irregular moments; the time from the colleague's commit to the watcher's `on_change` is compared with
plain sqlite3 polling `PRAGMA data_version` at the same interval on another connection, which is the
floor of any watcher that polls. Tests assert what arrives, never how fast; the figures live here.

    python -m bench.changes_bench               # 30 commits on a demonstration roster of 200 families
    python -m bench.changes_bench --commits 10
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path

from desktop_app.services import demo, persons, roster
from desktop_app.services.changes import POLL_INTERVAL_S, Change, ChangeWatcher
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import open_database

PROMISE_S = 2.0


def _plain_poller(path: Path, seen: list[float], stop: threading.Event) -> None:
    connection = sqlite3.connect(str(path))
    version = connection.execute("PRAGMA data_version").fetchone()[0]
    while not stop.is_set():
        now = connection.execute("PRAGMA data_version").fetchone()[0]
        if now != version:
            version = now
            seen.append(time.monotonic())
        stop.wait(POLL_INTERVAL_S)
    connection.close()


def measure(commits: int, seed: int = 1) -> dict[str, list[float]]:
    """Latencies (s) from each commit to the watcher's word and to the plain poller's."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.db"
        db = open_database(path)
        demo.fill_demo(db, households=200, operator="bench")
        person_id = roster.search_ids(db, RosterQuery())[0]
        watched: list[float] = []
        plain: list[float] = []
        stop = threading.Event()

        def on_change(_change: Change) -> None:
            watched.append(time.monotonic())

        watcher = ChangeWatcher(db)
        threads = [threading.Thread(target=watcher.watch, args=(on_change, stop)),
                   threading.Thread(target=_plain_poller, args=(path, plain, stop))]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # both have taken their baseline
        colleague = open_database(path)
        committed: list[float] = []
        pace = random.Random(seed)
        version = persons.get_person(colleague, person_id).version
        for number in range(commits):
            time.sleep(pace.uniform(0.6, 1.2))  # longer than the poll: each commit is seen on its own
            version = persons.update_person(colleague, person_id, {"notes": f"call {number}"}, operator="colleague",
                                            expected_version=version).version
            committed.append(time.monotonic())
        time.sleep(2 * POLL_INTERVAL_S + 0.5)
        stop.set()
        for thread in threads:
            thread.join()
        colleague.close()
        db.close()

    def latencies(seen: list[float]) -> list[float]:
        return [min((t for t in seen if t >= at), default=float("inf")) - at for at in committed]

    return {"watcher": latencies(watched), "plain": latencies(plain)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=30)
    options = parser.parse_args(argv)
    found = measure(options.commits)
    watcher, plain = found["watcher"], found["plain"]
    missed = sum(1 for value in watcher if value == float("inf"))

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, round(0.95 * len(values)) - 1)]

    print(f"{options.commits} commits by a colleague; poll interval {POLL_INTERVAL_S * 1000:.0f} ms")
    print(f"{'':22}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, values in (("change watcher", watcher), ("plain data_version", plain)):
        finite = [v for v in values if v != float("inf")] or [float("nan")]
        print(f"{name:22}{statistics.median(finite) * 1000:10.0f}{p95(finite) * 1000:10.0f}"
              f"{max(finite) * 1000:10.0f}")
    ratio = statistics.median(watcher) / statistics.median(plain) if statistics.median(plain) > 0 else float("nan")
    print(f"watcher / plain (p50): {ratio:.2f}x; missed by the watcher: {missed}; "
          f"promise {PROMISE_S:.0f} s {'kept' if max(watcher) <= PROMISE_S else 'NOT kept'} (before the page reload)")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
