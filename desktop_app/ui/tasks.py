"""Long work off the GUI thread, with progress and cancel.

`run_in_background(parent, title, operation, on_success)` runs `operation(progress)` on a
worker thread. The operation opens its own database sessions through services and never
touches a widget; `progress(done, total)` reports and returns False once the user cancelled.
A progress dialog appears only if the work lasts longer than half a second. Results and
errors come back to the GUI thread through signals. One task at a time writes (SQLite has
one writer), so tasks queue on a single-thread pool.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.ui.errors import show_error

Progress = Callable[[int, int], bool]
SHOW_PROGRESS_AFTER_MS = 500

_pool: QThreadPool | None = None


def task_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, operation: Callable[[Progress], Any], signals: _Signals, cancelled: threading.Event) -> None:
        super().__init__()
        self.operation = operation
        self.signals = signals
        self.cancelled = cancelled

    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.signals.progressed.emit(done, total)
            return not self.cancelled.is_set()

        try:
            result = self.operation(progress)
        except BaseException as exc:  # handed to the GUI thread's error presenter
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class BackgroundTask(QObject):
    """One running operation and its (lazily shown) progress dialog."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str, operation: Callable[[Progress], Any],
                 on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None] | None = None,
                 *, quiet: bool = False) -> None:
        super().__init__(parent)
        self._quiet = quiet
        self._parent = parent
        self._on_success = on_success
        self._on_failure = on_failure or (lambda exc: show_error(parent, exc))
        self._cancelled = threading.Event()
        self.signals = _Signals()
        self.signals.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setObjectName("taskProgress")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.hide()
        self._show_timer = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
        self._show_timer.timeout.connect(self.dialog.show)
        self._job = _Job(operation, self.signals, self._cancelled)

    def start(self) -> None:
        if not self._quiet:  # housekeeping the user did not ask for (automatic backups) shows no dialog
            self._show_timer.start()
        task_pool().start(self._job)

    @Slot()
    def cancel(self) -> None:
        self._cancelled.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _close(self) -> None:
        self._show_timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._close()
        self._on_success(result)
        self.finished.emit()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._close()
        self._on_failure(exc)
        self.finished.emit()


def run_in_background(parent: QWidget | None, title: str, operation: Callable[[Progress], Any],
                      on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None] | None = None, *,
                      quiet: bool = False) -> BackgroundTask:
    task = BackgroundTask(parent, title, operation, on_success, on_failure, quiet=quiet)
    task.start()
    return task
