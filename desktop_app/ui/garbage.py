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
it off.

    collector = install(app)   # once the window's start-up is done; again is harmless
    collector.collect_due()    # what a timer tick does: the generations that are due
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Slot

INTERVAL_MS = 500
_OBJECT_NAME = "guiThreadCollector"


class GuiThreadCollector(QObject):
    """Turns the automatic collector off and collects, on a timer of the GUI thread, what is due."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_OBJECT_NAME)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @Slot()
    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold (and the younger ones with it);
        returns the generation collected, -1 when none was due. Only on the GUI thread."""
        if QThread.currentThread() != self.thread():
            raise RuntimeError("the cycle collector runs on the GUI thread only")
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] > self.thresholds[level]:
                generation = level
        if generation >= 0:
            gc.collect(generation)
        return generation


def installed() -> GuiThreadCollector | None:
    """The application's collector, if installed."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    return app.findChild(GuiThreadCollector, _OBJECT_NAME)


def install(app: QCoreApplication) -> GuiThreadCollector:
    """Collect on `app`'s thread only from now on (see the module); returns the one collector."""
    return installed() or GuiThreadCollector(app)
