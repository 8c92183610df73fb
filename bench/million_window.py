"""Bench: the real window on a large roster (issue 19: 1,000,000 persons), worked as an officer works it.

The window is started as `mission-roster --db COPY` starts it (`ui.app.start_window`) on a copy of ROSTER, and
then, step by step: the first rows shown; the background warm-up of the matching index; search as you type (a
Cyrillic surname prefix, a Latin one, a passport number); a person opened; the whole roster scrolled to its end
(Ctrl+End) and back (Ctrl+Home); a sort by a column; the Dashboard and Lists pages; Tools > Find duplicates…
until its pairs are shown; Reconcile partner answer… with ANSWER checked through the dialog until its results
are shown. A 5 ms QTimer on the GUI thread records the gaps between its ticks; for each step the longest gap,
the wall and CPU seconds (the process's, all threads) and the peak RSS so far are printed. A watcher thread
notes where the GUI thread was (its innermost frames of our code) when a gap passed 250 ms.

Run (on a copy only: opening migrates and writes; one 1M run at a time):
    flock /tmp/million.lock env QT_QPA_PLATFORM=offscreen python -m bench.million_window /tmp/me-1m.db \
        --answer bench/out/million/reconcile-answer-10k-of-1000000.xlsx [--screenshots DIR] [--skip duplicates]
The roster is used in place (it is the caller's copy); `--skip` leaves out steps (warmup, search, person,
scroll, sort, pages, duplicates, reconcile).
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

TICK_MS = 5
STALL_NOTED_S = 0.25


class Ticks:
    """The 5 ms timer's gaps, with where the GUI thread was during the long ones."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[tuple[float, float]] = []  # (gap, when it ended)
        self.last = time.monotonic()
        self.gui_thread = threading.get_ident()
        self.seen: dict[float, str] = {}  # the stalled tick's time -> where the GUI thread was
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(TICK_MS)
        self.watching = True
        threading.Thread(target=self._watch, daemon=True).start()

    def tick(self) -> None:
        now = time.monotonic()
        self.gaps.append((now - self.last, now))
        self.last = now

    def _watch(self) -> None:
        while self.watching:
            time.sleep(0.05)
            last = self.last
            if time.monotonic() - last > STALL_NOTED_S and last not in self.seen:
                frame = sys._current_frames().get(self.gui_thread)
                ours = [f"{Path(entry.filename).name}:{entry.lineno} {entry.name}"
                        for entry in traceback.extract_stack(frame) if "desktop_app" in entry.filename]
                self.seen[last] = " < ".join(reversed(ours[-4:])) or "(in Qt or the library)"

    def longest(self, since: float, until: float) -> tuple[float, str]:
        """The longest gap that ended within [since, until] and where the GUI thread was during it."""
        inside = [(gap, end) for gap, end in self.gaps if since < end <= until + 0.001]
        if not inside:
            return 0.0, ""
        gap, end = max(inside)
        where = self.seen.get(round(end - gap, 9), "") or next(
            (text for start, text in self.seen.items() if abs(start - (end - gap)) < 0.002), "")
        return gap, where


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pump(app: object, until: Callable[[], bool], timeout: float) -> bool:
    """Process events until `until()` holds or `timeout` seconds pass; whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        if until():
            return True
        time.sleep(0.002)
    return False


def settle(app: object, seconds: float) -> None:
    pump(app, lambda: False, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.million_window", description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path, help="a COPY of the bench roster (opened, so migrated and written)")
    parser.add_argument("--answer", type=Path, help="a partner's answer to reconcile through the dialog")
    parser.add_argument("--screenshots", type=Path, help="folder for PNGs of the window at each step")
    parser.add_argument("--skip", nargs="*", default=[], help="steps to leave out")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed to each long step")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="million-window-"))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(folder / name.lower())
    with sqlite3.connect(f"file:{args.roster}?mode=ro", uri=True) as raw:  # what to type, read before the window
        persons = raw.execute("SELECT count(*) FROM persons WHERE deleted_at IS NULL").fetchone()[0]
        surname, latin = raw.execute("SELECT surname, surname_latin FROM persons WHERE surname_latin != '' "
                                     "AND surname != surname_latin ORDER BY id LIMIT 1 OFFSET 777").fetchone()
        passport = raw.execute("SELECT number FROM documents ORDER BY id LIMIT 1 OFFSET 123457").fetchone()[0]

    from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    started_wall, started_cpu = time.monotonic(), time.process_time()
    app = QApplication(sys.argv[:1])
    from desktop_app.services import reconciling
    from desktop_app.ui import garbage
    from desktop_app.ui.app import start_window
    from desktop_app.ui.preferences import Preferences

    collector = garbage.install(app)
    collections: list[tuple[int, float, float]] = []  # (generation, when it ended, seconds) of the window's collector
    plain_collect = collector.collect_due

    def timed_collect() -> int:
        began = time.monotonic()
        generation = plain_collect()
        if generation >= 0:
            collections.append((generation, time.monotonic(), time.monotonic() - began))
        return generation

    collector._timer.timeout.disconnect()
    collector._timer.timeout.connect(timed_collect)
    warm: dict[str, float] = {}
    plain_warm = reconciling.warm_roster_index

    def timed_warm(*a: object, **k: object) -> int:  # the window's warm-up, timed (it runs on a worker)
        warm["start"], cpu = time.monotonic(), time.thread_time()
        try:
            return plain_warm(*a, **k)  # type: ignore[arg-type]
        finally:
            warm["end"], warm["cpu"] = time.monotonic(), time.thread_time() - cpu

    reconciling.warm_roster_index = timed_warm  # type: ignore[assignment]
    preferences = Preferences(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    preferences.operator = "Bench"
    ticks = Ticks()
    rows: list[list[str]] = []
    print(f"roster {args.roster.name}: {persons:,} persons; load {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)",
          flush=True)

    def step(name: str, since: float, cpu_since: float, note: str = "") -> None:
        until = time.monotonic()
        gap, where = ticks.longest(since, until)
        current, peak = rss_mb()
        held = [(g, took) for g, end, took in collections if since < end <= until]
        if held:
            generation, took = max(held, key=lambda pair: pair[1])
            note = f"{note}; {len(held)} collections, longest gen {generation} {took * 1000:.0f} ms".lstrip("; ")
        row = [name, f"{until - since:.2f}", f"{time.process_time() - cpu_since:.2f}", f"{gap * 1000:.0f}",
               f"{current:.0f}", f"{peak:.0f}", f"{os.getloadavg()[0]:.1f}", note, where]
        rows.append(row)
        print(" | ".join(row), flush=True)

    def shot(name: str) -> None:
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(args.screenshots / f"{name}.png"))

    # 1. Start to the first rows shown, then the rest of the window, then the warm-up.
    window = start_window(str(args.roster), "Bench", preferences)
    assert window is not None
    window.resize(1280, 800)
    model = window.roster.model
    pump(app, lambda: model.searched and model.rowCount() > 0, 300)
    step("start to first rows", started_wall, started_cpu, f"{model.rowCount():,} rows")
    shot("1-first-rows")
    since, cpu = time.monotonic(), time.process_time()
    pump(app, lambda: window.completed and not model.loading, 300)
    step("window complete, every id", since, cpu, f"{model.rowCount():,} rows")
    if "warmup" not in args.skip:
        since, cpu = time.monotonic(), time.process_time()
        pump(app, lambda: "end" in warm, args.timeout)
        step("warm-up (window idle)", since, cpu,
             f"worker CPU {warm.get('cpu', 0):.1f} s, {warm.get('end', 0) - warm.get('start', 0):.1f} s wall")
    settle(app, 1)
    shot("2-roster-warm")

    def search(text: str) -> None:
        since, cpu = time.monotonic(), time.process_time()
        window.roster.search.clear()
        window.roster.search.setFocus()
        for char in text:  # an officer's typing (QTest.keyClicks takes ASCII only)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(window.roster.search,
                                       QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
            settle(app, 0.12)
        pump(app, lambda: model.asked.text == text and not model.loading and not model.pages_loading, 120)  # type: ignore[attr-defined]
        settle(app, 0.3)
        step(f"search '{text[:1]}…' typed ({len(text)} keys)", since, cpu, f"{model.rowCount():,} rows")

    if "search" not in args.skip:
        search(surname[:4])
        shot("3-search-cyrillic")
        search(latin[:4].lower())
        search(passport)
        shot("4-search-passport")
    if "person" not in args.skip and model.rowCount():
        since, cpu = time.monotonic(), time.process_time()
        from PySide6.QtCore import QTimer

        from desktop_app.ui.person import PersonEditor

        window.roster.table.setCurrentIndex(model.index(0, 0))
        shown: list[float] = []

        def close_when_shown() -> None:  # the editor runs its own loop (exec): closed from a timer within it
            editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, PersonEditor) and w.isVisible()]
            if editors and not shown:
                shown.append(time.monotonic())
                QTimer.singleShot(1000, editors[0].reject)
            elif not shown:
                QTimer.singleShot(10, close_when_shown)

        QTimer.singleShot(10, close_when_shown)
        window.roster.person_activated.emit(model.person_id(0))  # as a double-click does; returns once closed
        step("person opened (shown 1 s, closed)", since, cpu,
             f"shown after {(shown[0] - since) * 1000:.0f} ms" if shown else "nothing opened")
        settle(app, 0.3)
    if "scroll" not in args.skip:
        since, cpu = time.monotonic(), time.process_time()
        window.roster.search.clear()
        pump(app, lambda: model.asked.text == "" and not model.loading and not model.pages_loading, 120)  # type: ignore[attr-defined]
        step("search cleared", since, cpu, f"{model.rowCount():,} rows")
        window.roster.table.setFocus()
        window.roster.table.setCurrentIndex(model.index(0, 0))  # Ctrl+End moves a current cell
        for key, name in ((Qt.Key.Key_End, "Ctrl+End"), (Qt.Key.Key_Home, "Ctrl+Home")):
            since, cpu = time.monotonic(), time.process_time()
            QTest.keyClick(window.roster.table, key, Qt.KeyboardModifier.ControlModifier)
            pump(app, lambda: not model.pages_loading, 120)
            settle(app, 0.3)
            step(f"{name} (to row {window.roster.table.currentIndex().row():,})", since, cpu)
            shot(f"5-{name}")
        since, cpu = time.monotonic(), time.process_time()
        bar = window.roster.table.verticalScrollBar()
        for position in range(0, bar.maximum() + 1, max(1, bar.maximum() // 40)):  # the thumb dragged down
            bar.setValue(position)
            app.processEvents()
            time.sleep(0.02)
        pump(app, lambda: not model.pages_loading, 120)
        step("scroll bar dragged to the end (41 steps)", since, cpu)
    if "sort" not in args.skip:
        header = window.roster.table.horizontalHeader()
        for column in (3, 3, 1):  # born, born descending, name again
            since, cpu = time.monotonic(), time.process_time()
            QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
            pump(app, lambda: not model.loading and not model.pages_loading, 300)
            settle(app, 0.3)
            step(f"sort by column {column} ({model.query.sort if hasattr(model.query, 'sort') else ''})",
                 since, cpu, f"{model.rowCount():,} rows")
        shot("6-sorted")
    if "pages" not in args.skip:
        for page in ("dashboard", "lists", "households", "roster"):
            since, cpu = time.monotonic(), time.process_time()
            window.show_page(page)
            settle(app, 5)
            step(f"{page} page (5 s)", since, cpu)
            shot(f"7-{page}")
    if "duplicates" not in args.skip:
        from desktop_app.ui.merge_dialog import DuplicatesDialog

        since, cpu = time.monotonic(), time.process_time()
        window.actions["findDuplicates"].trigger()
        dialogs: list[DuplicatesDialog] = []
        pump(app, lambda: bool(dialogs.extend(window.findChildren(DuplicatesDialog)) or dialogs), 30)
        found = pump(app, lambda: bool(dialogs) and dialogs[0].loaded, args.timeout)
        step("find duplicates", since, cpu,
             f"{dialogs[0].model.rowCount():,} pairs" if found else "not finished in time")
        if dialogs:
            dialogs[0].resize(1100, 600)
            if args.screenshots:
                dialogs[0].grab().save(str(args.screenshots / "8-duplicates.png"))
            dialogs[0].close()
        settle(app, 1)
    if "reconcile" not in args.skip and args.answer:
        from desktop_app.ui.reconcile.dialog import ReconcileDialog

        since, cpu = time.monotonic(), time.process_time()
        window.show_page("roster")
        window.actions["reconcile"].trigger()
        screens: list[ReconcileDialog] = []
        pump(app, lambda: bool(screens.extend(window.findChildren(ReconcileDialog)) or screens), 60)
        step("reconcile screen opened", since, cpu)
        if screens:
            screen = screens[0]
            since, cpu = time.monotonic(), time.process_time()
            screen.path_edit.setText(str(args.answer.resolve()))
            QTest.mouseClick(screen.check_button, Qt.MouseButton.LeftButton)
            done = pump(app, lambda: screen.reconciliation is not None, args.timeout)
            settle(app, 2)
            step("reconcile checked and shown", since, cpu,
                 f"{len(screen.reconciliation.rows):,} answer rows" if done else "not finished in time")
            if args.screenshots:
                screen.grab().save(str(args.screenshots / "9-reconcile.png"))
            screen.close()
    ticks.watching = False
    step("whole session", started_wall, started_cpu)
    ticks.timer.stop()
    window.close()
    pump(app, lambda: not window.isVisible(), 300)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
