"""Long work off the GUI thread, with progress and cancel.

`run_in_background(parent, title, operation, on_success)` runs `operation(progress)` on a
worker thread. The operation opens its own database sessions through services and never
touches a widget; `progress(done, total)` reports and returns False once the user cancelled.
A progress dialog appears only if the work lasts longer than half a second. One task at a
time writes (SQLite has one writer), so tasks queue on a single-thread pool.

Results come back through one hub owned by the application, never through an object the
caller owns: a dialog closed (and deleted) while its task runs would otherwise leave the
worker emitting on a deleted QObject ("Signal source has been deleted" inside
`QRunnable::run`). A task whose parent is gone is cancelled, its result dropped; before the
application quits, running tasks are cancelled and waited for, so no worker is left holding
Python objects while the interpreter shuts down (the window then never exited).

    task = run_in_background(dialog, "Applying the answer", lambda progress: service(db, progress=progress),
                             on_success=dialog.show_result)
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.ui.errors import show_error

Progress = Callable[[int, int], bool]
SHOW_PROGRESS_AFTER_MS = 500

log = logging.getLogger(__name__)
_pool: QThreadPool | None = None
_hub: _TaskHub | None = None


def task_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _TaskHub(QObject):
    """Carries every task's progress and result to the GUI thread; lives as long as the application."""

    progressed = Signal(int, int, int)  # task number, done, total
    succeeded = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.tasks: dict[int, BackgroundTask] = {}
        self.cancel_events: dict[int, threading.Event] = {}
        self.numbers = itertools.count(1)
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        app.aboutToQuit.connect(self.stop_all)

    def add(self, task: BackgroundTask, cancelled: threading.Event) -> int:
        number = next(self.numbers)
        self.tasks[number] = task
        self.cancel_events[number] = cancelled
        # The caller's parent may go first (a dialog closed mid-task): the work is cancelled, the result dropped.
        task.destroyed.connect(lambda _obj=None, n=number: self.forget(n))
        return number

    def forget(self, number: int) -> None:
        self.tasks.pop(number, None)
        event = self.cancel_events.get(number)
        if event is not None:
            event.set()

    def _live(self, number: int) -> BackgroundTask | None:
        task = self.tasks.get(number)
        if task is None or not shiboken6.isValid(task):
            return None
        return task

    def _done(self, number: int) -> BackgroundTask | None:
        task = self._live(number)
        self.tasks.pop(number, None)
        self.cancel_events.pop(number, None)
        return task

    @Slot(int, int, int)
    def _progressed(self, number: int, done: int, total: int) -> None:
        task = self._live(number)
        if task is not None:
            task.show_progress(done, total)

    @Slot(int, object)
    def _succeeded(self, number: int, result: object) -> None:
        task = self._done(number)
        if task is not None:
            task.succeed(result)

    @Slot(int, object)
    def _failed(self, number: int, exc: BaseException) -> None:
        task = self._done(number)
        if task is not None:
            task.fail(exc)
        else:
            log.info("a background task whose window was closed ended with %s", type(exc).__name__)

    @Slot()
    def stop_all(self) -> None:
        """Cancel every task and wait for the worker, before Python starts shutting down."""
        for event in self.cancel_events.values():
            event.set()
        task_pool().clear()
        task_pool().waitForDone()


def _task_hub() -> _TaskHub:
    global _hub
    if _hub is None or not shiboken6.isValid(_hub):
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("background tasks need a running QApplication")
        _hub = _TaskHub(app)
    return _hub


class _Job(QRunnable):
    """The worker side: holds the operation, the hub and a cancel flag; never a caller's QObject."""

    def __init__(self, operation: Callable[[Progress], Any], hub: _TaskHub, number: int,
                 cancelled: threading.Event) -> None:
        super().__init__()
        self.operation = operation
        self.hub = hub
        self.number = number
        self.cancelled = cancelled

    def run(self) -> None:
        hub, number = self.hub, self.number

        def progress(done: int, total: int) -> bool:
            hub.progressed.emit(number, done, total)
            return not self.cancelled.is_set()

        try:
            result = self.operation(progress)
        except BaseException as exc:  # handed to the GUI thread's error presenter
            hub.failed.emit(number, exc)
        else:
            hub.succeeded.emit(number, result)
        finally:
            self.operation = None  # type: ignore[assignment]  # drop the closure (and what it holds) now


class BackgroundTask(QObject):
    """One running operation and its (lazily shown) progress dialog."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str, operation: Callable[[Progress], Any],
                 on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None] | None = None,
                 *, quiet: bool = False) -> None:
        super().__init__(parent)
        self._quiet = quiet
        self._on_success = on_success
        self._on_failure = on_failure or (lambda exc: show_error(parent, exc))
        self._cancelled = threading.Event()
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
        hub = _task_hub()
        self.number = hub.add(self, self._cancelled)
        self._job = _Job(operation, hub, self.number, self._cancelled)

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

    def show_progress(self, done: int, total: int) -> None:
        if total > 0 and shiboken6.isValid(self.dialog):
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _close(self) -> None:
        self._show_timer.stop()
        if shiboken6.isValid(self.dialog):
            self.dialog.hide()
            self.dialog.deleteLater()

    def succeed(self, result: object) -> None:
        self._close()
        self._on_success(result)
        self.finished.emit()

    def fail(self, exc: BaseException) -> None:
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
