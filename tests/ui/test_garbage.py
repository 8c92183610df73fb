"""Python's cycle collector runs on the GUI thread only (ui.garbage): a Qt object in a reference cycle
dropped by the window is destroyed there, never on a worker's thread, however much the worker allocates."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.matching.engine import collector_paused
from desktop_app.ui.garbage import install, installed


def test_a_qt_object_in_a_cycle_is_destroyed_on_the_gui_thread_while_a_worker_allocates(
        qtbot: QtBot, qapp: QApplication) -> None:
    collector = install(qapp)
    assert installed() is collector and not gc.isenabled()
    destroyed_on: list[str] = []
    gc.collect()

    cycle = QObject()
    cycle.me = cycle  # type: ignore[attr-defined]
    cycle.destroyed.connect(lambda: destroyed_on.append(threading.current_thread().name),
                            Qt.ConnectionType.DirectConnection)
    del cycle

    kept: list[list[int]] = []

    def allocate() -> None:  # far past the youngest generation's threshold: the automatic collector would run here
        kept.extend([index] for index in range(200_000))

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert destroyed_on == []  # nothing collected on the worker
    qtbot.waitUntil(lambda: destroyed_on != [], timeout=5_000)  # the GUI thread's timer collects it
    assert destroyed_on == [threading.main_thread().name]
    assert len(kept) == 200_000


def test_the_collector_refuses_to_run_off_the_gui_thread(qtbot: QtBot) -> None:
    collector = installed()
    assert collector is not None
    refused: list[BaseException] = []

    def collect_here() -> None:
        try:
            collector.collect_due()
        except RuntimeError as exc:
            refused.append(exc)

    worker = threading.Thread(target=collect_here)
    worker.start()
    worker.join()
    assert len(refused) == 1
    assert collector.collect_due() in (-1, 0, 1, 2)


def test_the_oldest_generation_waits_for_a_quarter_of_what_it_holds(qtbot: QtBot, qapp: QApplication) -> None:
    """A roster's matching index kept in memory is walked by a full pass only once enough new objects joined it,
    as CPython's own collector decides; `gc.collect(2)` by hand skips that test, and the timer called it whenever
    the counts said so (0.6 s on the GUI thread at 100,000 persons, every minute or so of work)."""
    collector = install(qapp)
    kept_index = [[k] for k in range(300_000)]  # what a bulk build keeps: in the oldest generation
    gc.collect()
    collector.pending = 0
    threshold = collector.thresholds[2]
    working: list[list[int]] = []
    collected: list[int] = []
    for _ in range(400):  # the officer works: a few hundred objects kept per tick
        due = gc.get_count()[2] > threshold
        working.extend([k] for k in range(collector.thresholds[0] + 1))
        collected.append(collector.collect_due())
        if due:
            break
    assert gc.get_count()[2] > threshold or collected[-1] != 2, "the oldest generation never came due"
    assert 2 not in collected and len(collected) < 400
    for _ in range(60):  # then a bulk of new objects that stay: more than a quarter of what the generation holds
        working.extend([k] for k in range(50_000))
        if collector.collect_due() == 2:
            break
    else:
        raise AssertionError("no full pass after the oldest generation grew by far more than a quarter")
    assert collector.pending == 0 and collector.long_lived >= len(kept_index)


@pytest.mark.xfail(strict=True, reason=(
    "535576b: the pause's move takes the GUI thread's young garbage with the build to the oldest generation, where "
    "it waits for a full pass that the quarter rule puts off (none in 1,500 ticks over a 2,000,000-object heap); "
    "freeing it at once needs the young generations collected on the GUI thread before the move without walking "
    "the build: for the lead (breaker X19l)"))
def test_a_cycle_young_when_a_workers_pause_ends_is_still_freed_by_the_next_young_collection(
        qtbot: QtBot, qapp: QApplication) -> None:
    """A dialog dropped in a cycle just before a warm-up or a reconcile in a worker ends is garbage of the GUI thread,
    not what the pause built: moved with the build to the oldest generation, it waited for the next full pass, which the
    quarter rule puts off while the officer works (hundreds of ticks over a warmed roster's index)."""
    collector = install(qapp)
    kept_index = [[k] for k in range(300_000)]  # a roster's index, kept: in the oldest generation
    gc.collect()
    collector.collect_due()
    destroyed: list[str] = []
    dialog = QObject()
    dialog.me = dialog  # type: ignore[attr-defined]
    dialog.destroyed.connect(lambda: destroyed.append(threading.current_thread().name),
                             Qt.ConnectionType.DirectConnection)
    del dialog

    def reconcile() -> None:
        with collector_paused():
            kept_index.extend([k] for k in range(1_000))

    worker = threading.Thread(target=reconcile, name="worker")
    worker.start()
    worker.join()
    assert destroyed == []  # nothing collected on the worker
    working: list[list[int]] = []
    for _ in range(40):  # the officer works on: a few hundred objects kept per tick, 20 s of ticks
        working.extend([k] for k in range(collector.thresholds[0] + 1))
        collector.collect_due()
        if destroyed:
            break
    assert destroyed == [threading.main_thread().name]
    assert len(kept_index) == 301_000


def test_a_build_the_timer_meets_during_its_pause_does_not_bring_a_full_pass(qtbot: QtBot, qapp: QApplication) -> None:
    """The timer keeps ticking while a worker builds a roster's index: its younger collections met the build's objects
    and counted them as moved to the oldest generation, so the quarter rule was passed and a full pass held the GUI
    thread soon after every warm-up or reconcile (real window, 100,000 persons: 853,097 counted against 1,306,562
    kept after a warm-up and a reconcile). What a pause builds is moved there by the pause, uncounted, as when the
    timer does not meet it."""
    collector = install(qapp)
    kept_index = [[k] for k in range(300_000)]  # the window's objects and an earlier index: the oldest generation
    gc.collect()
    collector.pending = 0
    building, met = threading.Event(), threading.Event()

    def warm_up() -> None:
        with collector_paused():
            kept_index.extend([k] for k in range(200_000))  # the new index, still young
            building.set()
            met.wait(30)

    worker = threading.Thread(target=warm_up, name="worker")
    worker.start()
    assert building.wait(30)
    working: list[list[int]] = []
    collected: list[int] = []
    while 1 not in collected and len(collected) < 100:  # the timer's ticks during the build, the officer working
        working.extend([k] for k in range(collector.thresholds[0] + 1))
        collected.append(collector.collect_due())
    met.set()
    worker.join()
    assert 1 in collected
    collected = []
    for _ in range(300):  # the officer works on: a few hundred objects kept per tick, the oldest generation comes due
        working.extend([k] for k in range(collector.thresholds[0] + 1))
        collected.append(collector.collect_due())
        if gc.get_count()[2] > collector.thresholds[2] + 1:
            break
    assert gc.get_count()[2] > collector.thresholds[2], "the oldest generation never came due"
    assert 2 not in collected and len(kept_index) == 500_000


def test_a_pause_begun_before_the_window_collects_does_not_turn_the_automatic_collector_on_under_it(
        qtbot: QtBot, qapp: QApplication) -> None:
    """`collector_paused` restores the collector as the first pause found it: a build begun on a worker while the
    automatic collector was on (before the window installed its own) turned it on again as it ended, under the
    window, and from then on collections ran on whatever thread allocated, a worker's among them, where a Qt object in
    a cycle was destroyed. Whoever turns the automatic collector on, it stays off while the window's runs."""
    earlier = installed()  # the tests' own (tests/conftest.py): taken away, as before the window's start
    assert earlier is not None
    earlier.setParent(None)
    earlier.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert installed() is None
    gc.enable()
    building, built = threading.Event(), threading.Event()

    def reconcile() -> None:
        with collector_paused():
            building.set()
            built.wait(30)

    worker = threading.Thread(target=reconcile, name="worker")
    worker.start()
    collected_on: list[str] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collected_on.append(threading.current_thread().name)

    try:
        assert building.wait(30)
        collector = install(qapp)  # the window's start: from now on only the GUI thread collects
        built.set()
        worker.join()
        destroyed_on: list[str] = []
        cycle = QObject()
        cycle.me = cycle  # type: ignore[attr-defined]
        cycle.destroyed.connect(lambda: destroyed_on.append(threading.current_thread().name),
                                Qt.ConnectionType.DirectConnection)
        del cycle
        kept: list[list[int]] = []

        def allocate() -> None:  # far past the youngest generation's threshold
            kept.extend([index] for index in range(200_000))

        gc.callbacks.append(note)
        allocating = threading.Thread(target=allocate, name="allocating")
        allocating.start()
        allocating.join()
        gc.callbacks.remove(note)
        assert collected_on == [] and destroyed_on == []  # nothing collected off the GUI thread
        qtbot.waitUntil(lambda: destroyed_on != [], timeout=5_000)  # the GUI thread's timer collects it
        assert destroyed_on == [threading.main_thread().name] and collector is installed()
    finally:
        built.set()
        if note in gc.callbacks:
            gc.callbacks.remove(note)
        gc.disable()
