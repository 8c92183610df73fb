"""The main windows a test left shown, closed and waited for before pytest-qt closes and deletes them.

A window's close waits for its backup at close when the test changed the roster (`ui.protection`: the
backup is written on the writer's worker, the window closing when it ends). pytest-qt's close at the end
of the test was ignored and its deleteLater destroyed the window, still shown, in a later test's event
loop: four of six such windows under load, their change watchers and timers running into the next test
meanwhile. A shown window destroyed is hidden from its destructor, where Qt's offscreen platform crashed
(QCursor::pos; the reconcile screen's test, 49477aa). tests/ui/conftest.py calls this at each test's end.

    close_main_windows_left_shown()   # returns once they are closed, or one asks the officer something
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from desktop_app.ui.main_window import MainWindow

WINDOW_CLOSES_S = 60  # the backup at close of a roster the test changed, under a whole run's load


def close_main_windows_left_shown() -> None:
    """Close every main window still shown and run the event loop until they are closed. A window that asks
    the officer something as it closes (a backup that could not be written), or that a dialog the test left
    open keeps, is left to the test's end (`no_window_outlives_its_test`), as before."""
    if QApplication.instance() is None:
        return
    left = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    for window in left:
        window.close()
    deadline = time.monotonic() + WINDOW_CLOSES_S
    while _still_shown(left) and not _asking():
        if time.monotonic() > deadline:
            raise AssertionError(f"a main window the test left open did not close within {WINDOW_CLOSES_S} s")
        # Not QTest.qWait: it would also run the deferred deletions this waits to come before
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def _still_shown(windows: list[MainWindow]) -> bool:
    return any(shiboken6.isValid(w) and w.isVisible() for w in windows)


def _asking() -> bool:
    """A dialog is shown that is not the runner's progress or waiting window (those end by themselves)."""
    return any(isinstance(w, QDialog) and not isinstance(w, QProgressDialog) and w.isVisible()
               for w in QApplication.topLevelWidgets())
