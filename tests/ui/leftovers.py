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
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QProgressDialog

from desktop_app.ui.main_window import MainWindow

WINDOW_CLOSES_S = 60  # the backup at close of a roster the test changed, under a whole run's load


def close_main_windows_left_shown() -> None:
    """Reject the dialogs the test left open (as `no_window_outlives_its_test` did after the windows were
    deleted), close every main window still shown and run the event loop until they are closed; a backup at
    close that could not be written is answered Close anyway. A window that asks anything else as it closes is
    left to the test's end (`no_window_outlives_its_test`), as before."""
    if QApplication.instance() is None:
        return
    left = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not left:
        return
    for dialog in _dialogs_shown():
        dialog.reject()
    for window in left:
        window.close()
    deadline = time.monotonic() + WINDOW_CLOSES_S
    while _still_shown(left):
        asked = _dialogs_shown()
        closing_anyway = [box.findChild(QAbstractButton, "closeAnyway") for box in asked
                          if box.objectName() == "closeBackupFailedBox"]
        if asked and len(closing_anyway) != len(asked):
            break  # something else is asked: left to the test's end, as before
        for button in closing_anyway:
            if button is not None:
                button.click()  # the backup at close could not be written: the test's end closes all the same
        if time.monotonic() > deadline:
            raise AssertionError(f"a main window the test left open did not close within {WINDOW_CLOSES_S} s")
        # Not QTest.qWait: it would also run the deferred deletions this waits to come before
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def _still_shown(windows: list[MainWindow]) -> bool:
    return any(shiboken6.isValid(w) and w.isVisible() for w in windows)


def _dialogs_shown() -> list[QDialog]:
    """The dialogs shown but the runner's progress and waiting windows (those end by themselves)."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and not isinstance(w, QProgressDialog) and w.isVisible()]
