"""Python's cycle collector, run on the GUI thread only.

A Qt object caught in a reference cycle (a dialog and the lambda connected to its signal, a
window and a closure that names it) is destroyed when the collector breaks the cycle, on whatever
thread the collector happens to run in. The collector runs in the thread whose allocation crosses
its threshold: with writes on the runner's workers (`ui.operations`) and the change watcher on a
thread of its own, that may be a worker, and a widget destroyed off the GUI thread crashes the
whole program. A full test run showed it as a segmentation fault while a redo was committed on
the worker.

So while the window runs, the automatic collector is off and a timer on the GUI thread does its
work: the generation that the allocation counts call for, as the collector itself would choose
(the way PyQt programs such as pyqtgraph and Camelot keep collection on the GUI thread). Code that
pauses the collector for a bulk build (`matching.engine.collector_paused`) finds it off and leaves
it off, and moves what it built to the oldest generation. Off means its youngest threshold at 0 as
well as `gc.disable()`: whoever calls `gc.enable()` later (a pause begun before the window installed
this, which restores the collector as it found it) cannot start a collection on another thread.

The collector itself walks the oldest generation (every object the program keeps) only when the
objects moved there by younger collections since its last full pass reach a quarter of those that
pass kept (CPython's `gcmodule.c`, long_lived_pending against long_lived_total); `gc.collect(2)`
called by hand skips that test. So the timer applies it: with a roster's matching index kept in
memory (1.85 million objects at 100,000 persons) a full pass held the GUI thread 0.6 s, every
minute or so while the officer worked, and ten times that at a million persons. A worker's paused build is
not counted when the timer's younger collections meet it during the pause: its end moves it there.

    collector = install(app)   # once the window's start-up is done; again is harmless
    collector.collect_due()    # what a timer tick does: the generations that are due
"""

from __future__ import annotations

import functools
import gc
import sys
import threading

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Slot

from desktop_app import system

INTERVAL_MS = 500
_OBJECT_NAME = "guiThreadCollector"
LONG_LIVED_SHARE = 0.25  # CPython's: a full pass once the objects moved to the oldest generation reach this share
_OLDEST = 2


class GuiThreadCollector(QObject):
    """Turns the automatic collector off and collects, on a timer of the GUI thread, what is due."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_OBJECT_NAME)
        self.thresholds = _automatic_thresholds()
        self.long_lived = 0  # objects in the oldest generation when last counted (after a full pass, or before one)
        self.pending = 0  # objects younger collections may have moved there since (an upper bound)
        gc.disable()
        # A youngest threshold of 0 stops the automatic collector even if something turns it on again
        gc.set_threshold(0, *self.thresholds[1:])
        self.destroyed.connect(functools.partial(_restore_thresholds, self.thresholds))
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @Slot()
    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold (and the younger ones with it), the
        oldest only when enough objects were moved there since its last pass (`full_pass_due`); returns the
        generation collected, -1 when none was due. Only on the GUI thread."""
        if QThread.currentThread() != self.thread():
            raise RuntimeError("the cycle collector runs on the GUI thread only")
        counts = gc.get_count()
        for generation in range(_OLDEST, -1, -1):
            if counts[generation] <= self.thresholds[generation]:
                continue
            if generation == _OLDEST and not self.full_pass_due():
                continue
            if generation == _OLDEST - 1 and not _build_paused():  # what survives goes to the oldest
                # generation; during a worker's paused build the young objects are mostly the build's, which the
                # pause's end moves there uncounted
                self.pending += len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))
            gc.collect(generation)
            if generation == _OLDEST:
                self.long_lived, self.pending = len(gc.get_objects(generation=_OLDEST)), 0
            return generation
        return -1

    def full_pass_due(self) -> bool:
        """Whether the objects moved to the oldest generation since its last pass reach `LONG_LIVED_SHARE` of it.
        Its size is counted again before a pass is allowed: a bulk build moves what it keeps there directly."""
        if self.pending <= LONG_LIVED_SHARE * self.long_lived:
            return False
        self.long_lived = len(gc.get_objects(generation=_OLDEST))
        return self.pending > LONG_LIVED_SHARE * self.long_lived


_AUTOMATIC_THRESHOLDS = gc.get_threshold()  # as the interpreter set them, before any window's collector


def _automatic_thresholds() -> tuple[int, int, int]:
    """The automatic collector's thresholds, also while a window's collector holds the youngest at 0."""
    thresholds = gc.get_threshold()
    return thresholds if thresholds[0] else _AUTOMATIC_THRESHOLDS


def _restore_thresholds(thresholds: tuple[int, int, int]) -> None:
    """The collector that held the youngest threshold at 0 is gone: `gc.enable()` works again."""
    gc.set_threshold(*thresholds)


def _build_paused() -> bool:
    """Whether a worker builds with the collector paused (`matching.engine.collector_paused`); the engine is not
    imported for this (numpy and the rest at start-up): not imported yet, nothing of it runs. A worker may be
    importing it now (the warm-up's first build): the module is in `sys.modules` before its functions are
    defined, and no pause of it can run before they are."""
    engine = sys.modules.get("desktop_app.matching.engine")
    running = getattr(engine, "collector_pauses_running", None)
    return running is not None and bool(running())


def installed() -> GuiThreadCollector | None:
    """The application's collector, if installed."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    return app.findChild(GuiThreadCollector, _OBJECT_NAME)


def install(app: QCoreApplication) -> GuiThreadCollector:
    """Collect on `app`'s thread only from now on (see the module); returns the one collector."""
    return installed() or GuiThreadCollector(app)


def trim_freed_memory() -> None:
    """Give the memory the program has freed back to the system now, on the calling thread (Linux's glibc); the
    one place the window trims. Where the system has no such call nothing is done.

    glibc keeps what is freed in its heaps for later allocations and returns little of it by itself: a
    worker's large build (Find duplicates at a million persons) left the process gigabytes larger once its
    results were let go. The trim (`system.memory_trimmer`) takes the heaps' locks in turn, so other threads
    go on allocating.

        trim_freed_memory()   # on a worker, once it let go of what it built (a cancelled search)
    """
    trim = system.memory_trimmer()
    if trim is not None:
        trim(0)


def release_freed_memory() -> None:
    """`trim_freed_memory` on a thread of its own: for the GUI thread, which the trim would hold.

        dialog.destroyed.connect(release_freed_memory)   # once a dialog holding a large result is gone
    """
    threading.Thread(target=trim_freed_memory, name="releaseFreedMemory", daemon=True).start()
