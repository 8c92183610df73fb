"""Bench: how long the window stops answering while File > Open opens a large roster (issue 15).

A window on a small roster (30 demo households, backups on) opens ROSTER (the 100,000-person demo roster:
`mission-roster --db ROSTER demo --persons 100000`) as File > Open does (`MainWindow.switch_database`), N times,
each on a fresh copy of ROSTER and a fresh window; a 5 ms timer on the GUI thread records the gaps between its
ticks from the open asked until the new roster's first page of rows is shown. Printed, median of N with the
load average: the longest gap until the roster was replaced (the open's own stall), the longest overall (the new
roster's pages and backups included), and the time from the open asked to the first rows.

Run: `QT_QPA_PLATFORM=offscreen python -m bench.open_bench ROSTER [--runs 5]`.
"""

from __future__ import annotations

import argparse
import inspect
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TICK_MS = 5


def one_open(roster: Path, folder: Path) -> tuple[float, float]:
    """(longest gap between ticks, whole open) in seconds, for one open of a fresh copy of `roster`."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.services import demo
    from desktop_app.storage.db import open_database
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.preferences import Preferences

    app = QApplication.instance() or QApplication(sys.argv)
    small = open_database(folder / "small.db")
    demo.fill_demo(small, households=30, operator="bench")
    target = folder / "big.db"
    shutil.copyfile(roster, target)
    preferences = Preferences(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    preferences.operator = "Bench"
    window = MainWindow(small, "Bench", preferences)
    window.show()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (window.roster.model.searched and not window.roster.model.loading):
        app.processEvents()
        time.sleep(0.005)
    for _ in range(100):  # the backup at open and the first reads settle
        app.processEvents()
        time.sleep(0.01)
    gaps: list[tuple[float, float]] = []  # (gap, when it ended)
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append((now - last[0], now))
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(TICK_MS)
    done: list[bool] = []
    replaced: list[float] = []
    window.hub.workspace_changed.connect(lambda _workspace: replaced.append(time.monotonic()))
    started = time.monotonic()
    last[0] = started
    if "then" in inspect.signature(window.switch_database).parameters:
        window.switch_database(str(target), then=done.append)
    else:  # before issue 15's open off the GUI thread: the call returns once it is open
        window.switch_database(str(target))
        done.append(True)
    tick()
    while time.monotonic() < started + 120 and not (
            done and window.db is not None and window.db.target.path == target
            and window.roster.model.searched and not window.roster.model.loading and window.roster.model.rowCount()):
        app.processEvents()
        time.sleep(0.001)
    whole = time.monotonic() - started
    timer.stop()
    window.close()
    closing = time.monotonic()
    while window.isVisible() and time.monotonic() < closing + 300:  # the backup at close (a copy of ROSTER)
        app.processEvents()
        time.sleep(0.01)
    if window.db is not None:
        window.db.close()
    window.deleteLater()
    app.processEvents()
    longest, ended = max(gaps)
    # A gap that ended by the time the roster was replaced (its first statement after it included: the old
    # code's switch returns after the replace) is the open's; later ones are the new roster's pages and backups.
    until = replaced[0] if replaced else ended
    opening = max((gap for gap, end in gaps if end <= until + gap), default=0.0)
    print(f"  longest stall until the roster was replaced {opening * 1000:.0f} ms; overall {longest * 1000:.0f} ms, "
          f"ended {(ended - started) * 1000:.0f} ms after the open was asked", flush=True)
    return opening, longest, whole


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    openings, stalls, wholes = [], [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            opening, stall, whole = one_open(args.roster, Path(folder))
        openings.append(opening)
        stalls.append(stall)
        wholes.append(whole)
        print(f"run {run + 1}: open to first rows {whole * 1000:.0f} ms (load {os.getloadavg()[0]:.1f})", flush=True)
    print(f"median of {args.runs}: longest stall until replaced {statistics.median(openings) * 1000:.0f} ms, "
          f"overall {statistics.median(stalls) * 1000:.0f} ms, open to first rows "
          f"{statistics.median(wholes) * 1000:.0f} ms; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
