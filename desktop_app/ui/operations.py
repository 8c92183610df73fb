"""One way to run the window's reads and writes: off the GUI thread, the result and errors back on it.

Reads run on a small pool of their own (SQLite in WAL mode never makes a reader wait); writes
run one at a time on the background helper's single worker (`ui.tasks.task_pool`: SQLite has
one writer). Before a write starts, the worker waits for the roster's write lock
(`Workspace.wait_for_writer`); while a colleague holds it, a small window that does not block
the main one says who ("Waiting for A. Colleague on PC-7 (process 812) since 10:02:11 …")
and offers Cancel, which gives up the write before anything is written. The window keeps
painting, scrolling and answering meanwhile.

    run_read(window, lambda: persons.get_person(db, person_id), show_person)
    run_write(window, window.hub, window.tr("Adding to the list"),
              lambda: lists.add_members(db, list_id, ids, operator=operator), done,
              kinds=frozenset({"lists"}))

On success the write's `kinds` are announced through the hub (every page that shows them
reloads), then `on_success(result)` runs on the GUI thread. A `RosterError` goes to
`on_failure` (default: the one error presenter); a cancelled write is said in the status bar;
anything else is a bug and reaches the crash dialog with its traceback. As in `ui.tasks`,
results travel through one application-wide relay, never through an object the caller owns,
so a dialog closed while its operation runs drops the result instead of crashing.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

from desktop_app.domain.errors import Cancelled, RosterError
from desktop_app.ui.errors import show_crash, show_error
from desktop_app.ui.tasks import task_pool

if TYPE_CHECKING:
    from desktop_app.ui.workspace_signals import WorkspaceHub

log = logging.getLogger(__name__)
READ_THREADS = 2
_read_pool: QThreadPool | None = None
_relay: _Relay | None = None


def read_pool() -> QThreadPool:
    global _read_pool
    if _read_pool is None:
        _read_pool = QThreadPool()
        _read_pool.setMaxThreadCount(READ_THREADS)
    return _read_pool


class _Relay(QObject):
    """Carries every operation's news to the GUI thread; lives as long as the application."""

    waiting = Signal(int, object)  # operation number, holder (str or None)
    succeeded = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.pending: dict[int, PendingOperation] = {}
        self.numbers = itertools.count(1)
        for signal, slot in ((self.waiting, self._waiting), (self.succeeded, self._succeeded),
                             (self.failed, self._failed)):
            signal.connect(slot, Qt.ConnectionType.QueuedConnection)
        app.aboutToQuit.connect(self.stop_all)

    def add(self, operation: PendingOperation) -> int:
        number = next(self.numbers)
        self.pending[number] = operation
        cancel = operation.cancel_event
        operation.destroyed.connect(lambda _obj=None, n=number, event=cancel: self._forget(n, event))
        return number

    def _forget(self, number: int, cancel: threading.Event) -> None:
        self.pending.pop(number, None)
        cancel.set()  # a write still waiting for the lock gives up

    def _live(self, number: int, done: bool = False) -> PendingOperation | None:
        operation = self.pending.pop(number, None) if done else self.pending.get(number)
        return operation if operation is not None and shiboken6.isValid(operation) else None

    @Slot(int, object)
    def _waiting(self, number: int, holder: str | None) -> None:
        operation = self._live(number)
        if operation is not None:
            operation.show_waiting(holder)

    @Slot(int, object)
    def _succeeded(self, number: int, result: object) -> None:
        operation = self._live(number, done=True)
        if operation is not None:
            operation.succeed(result)

    @Slot(int, object)
    def _failed(self, number: int, exc: BaseException) -> None:
        operation = self._live(number, done=True)
        if operation is not None:
            operation.fail(exc)
        elif not isinstance(exc, RosterError):
            show_crash(type(exc), exc, exc.__traceback__)  # a bug stays a bug, its window closed or not

    @Slot()
    def stop_all(self) -> None:
        """Give up writes still waiting for the lock and wait for the workers, before Python shuts down."""
        for operation in list(self.pending.values()):
            if shiboken6.isValid(operation):
                operation.cancel_event.set()
        read_pool().waitForDone()
        task_pool().waitForDone()


def _the_relay() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("operations need a running QApplication")
        _relay = _Relay(app)
    return _relay


class _Job(QRunnable):
    """The worker side: the operation, the relay and the cancel flag; never a caller's QObject."""

    def __init__(self, work: Callable[[], Any], relay: _Relay, number: int, cancel: threading.Event,
                 wait_for_lock: Callable[[Callable[[], bool], Callable[[str | None], None]], None] | None) -> None:
        super().__init__()
        self.work: Callable[[], Any] | None = work
        self.relay = relay
        self.number = number
        self.cancel = cancel
        self.wait_for_lock = wait_for_lock

    def run(self) -> None:
        relay, number, work = self.relay, self.number, self.work
        self.work = None  # the closure (and what it holds) goes with this run
        assert work is not None
        try:
            if self.wait_for_lock is not None:
                self.wait_for_lock(self.cancel.is_set, lambda holder: relay.waiting.emit(number, holder))
            result = work()
        except BaseException as exc:  # handed to the GUI thread, where bugs reach the crash dialog
            relay.failed.emit(number, exc)
        else:
            relay.succeeded.emit(number, result)


class PendingOperation(QObject):
    """A read or write on its way; `finished` once its result or error was handled on the GUI thread."""

    finished = Signal()

    def __init__(self, parent: QWidget, title: str, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None] | None, announce: Callable[[], None] | None) -> None:
        super().__init__(parent)
        self.setObjectName("pendingOperation")
        self._parent = parent
        self.title = title
        self._on_success = on_success
        self._on_failure = on_failure
        self._announce = announce
        self.cancel_event = threading.Event()
        self.waiting_for: str | None = None  # who holds the lock, while this write waits for it
        self.dialog: QProgressDialog | None = None
        self.done = False

    def show_waiting(self, holder: str | None) -> None:
        """Say who holds the lock, in a window that leaves the main one free, with Cancel."""
        self.waiting_for = holder
        who = holder or self.tr("a colleague (another window or workstation)")
        text = self.tr("%1: waiting for %2 to finish writing to the roster. Your change is saved as soon as "
                       "they finish; Cancel gives it up (nothing is written).").replace("%1", self.title) \
            .replace("%2", who)
        if self.dialog is None:
            self.dialog = QProgressDialog(text, self.tr("Cancel"), 0, 0, self._parent)
            self.dialog.setObjectName("waitingForLock")
            self.dialog.setWindowTitle(self.tr("Waiting for the roster"))
            self.dialog.setWindowModality(Qt.WindowModality.NonModal)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.setMinimumDuration(0)
            self.dialog.canceled.connect(self.cancel)
        self.dialog.setLabelText(text)
        self.dialog.show()

    def wait(self) -> None:
        """Return once the result or error was handled, running the event loop meanwhile (as a dialog's
        exec does): for a caller that must go on only after the write, such as the editor's Save."""
        if not self.done:
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            loop.exec()

    @Slot()
    def cancel(self) -> None:
        self.cancel_event.set()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    def _close(self) -> None:
        self.done = True
        self.waiting_for = None
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.hide()
            self.dialog.deleteLater()
        self.dialog = None

    def succeed(self, result: object) -> None:
        self._close()
        if self._announce is not None:
            self._announce()
        self._on_success(result)
        self.finished.emit()

    def fail(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, Cancelled):
            window = self._parent.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(self.tr("%1: cancelled; nothing was written.")
                                               .replace("%1", self.title), 8000)
        elif self._on_failure is not None and isinstance(exc, RosterError):
            self._on_failure(exc)
        else:
            show_error(self._parent, exc)  # a RosterError is told; anything else reaches the crash dialog
        self.finished.emit()


def run_read(parent: QWidget, work: Callable[[], Any], on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None] | None = None) -> PendingOperation:
    """Run `work()` (reads only) off the GUI thread; `on_success(result)` on the GUI thread."""
    operation = PendingOperation(parent, "", on_success, on_failure, None)
    relay = _the_relay()
    read_pool().start(_Job(work, relay, relay.add(operation), operation.cancel_event, None))
    return operation


def run_write(parent: QWidget, hub: WorkspaceHub, title: str, work: Callable[[], Any],
              on_success: Callable[[Any], None], *, kinds: frozenset[str] | None = None,
              on_failure: Callable[[BaseException], None] | None = None) -> PendingOperation:
    """Run the write `work()` on the writer's worker once the roster's write lock is free (see the module).

    `title` names the write for the officer ("Saving the person"); `kinds` are the kinds of records it
    changes, announced through `hub` when it succeeded (None: any).
    """
    workspace = hub.workspace
    if workspace is None:
        raise RuntimeError("no roster is open")
    operation = PendingOperation(parent, title, on_success, on_failure, lambda: hub.announce(kinds))
    relay = _the_relay()
    task_pool().start(_Job(work, relay, relay.add(operation), operation.cancel_event, workspace.wait_for_writer))
    return operation
