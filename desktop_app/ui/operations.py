"""The one way the window runs work: off the GUI thread, with the result and errors brought back to it.

Three shapes of the same runner (one relay, one worker job, one `PendingOperation`):

- `run_read(parent, work, on_success)`: reads, on a small pool of their own (SQLite in WAL mode
  never makes a reader wait);
- `run_write(parent, hub, title, work, on_success, kinds=...)`: one write at a time on the
  writer's single worker (SQLite has one writer). Before it starts, the worker waits for the
  roster's write lock (`Workspace.wait_for_writer`); while a colleague holds it, a small window
  that does not block the main one says who ("Waiting for A. Colleague on PC-7 (process 812)
  since 10:02:11 …") and offers Cancel, which gives the write up before anything is written;
- `run_in_background(parent, title, operation, on_success)`: long work on the same single worker,
  `operation(progress)` reporting `progress(done, total)`, which returns False once the officer
  pressed Cancel; a progress dialog appears only when the work lasts over half a second. With
  `hub=`, it is a write like `run_write` (lock, own commits announced); with `reading=True`, a long
  read (the duplicate search) on a worker of its own, saves going on meanwhile.

    run_read(window, lambda: persons.get_person(db, person_id), show_person)
    run_write(window, window.hub, window.tr("Adding to the list"),
              lambda: lists.add_members(db, list_id, ids, operator=operator), done,
              kinds=frozenset({"lists"}))
    run_in_background(dialog, "Applying the answer", lambda progress: service(db, progress=progress),
                      on_success=dialog.show_result)
    created = write_and_wait(page, page.tr("Creating the list"),        # a slot written as a plain call
                             lambda: lists.create_list(db, name, operator=operator), kinds=frozenset({"lists"}))

`write_and_wait` is `run_write` for a slot that goes on only once the write is done (the editor's Save,
a page's button): it returns the result or raises the write's error, the event loop turning meanwhile, so
the window paints, the waiting window names the lock's holder and Cancel works (`Cancelled` is raised).
The hub is the one of the window `parent` is shown in; a dialog shown on its own (no window, no hub)
writes at once.

A write through the hub reads the audit trail's head before it starts and what was committed
past it once it is done (`services.changes.committed_since`): the hub announces those kinds with
the write's own `kinds` (every page that shows them reloads once), then `on_success(result)` runs
on the GUI thread; the change watcher's later word about the same audit entries is not news
(`WorkspaceHub.arrived`), so an officer's own save reloads the pages once, not twice.

A `RosterError` goes to `on_failure` (default: the one error presenter); a cancelled write is said
in the status bar; anything else is a bug and reaches the crash dialog with its traceback (for
`run_in_background`, `on_failure` hears every error, as its callers clean up after any). Results
travel through one application-wide relay, never through an object the caller owns, so a dialog
closed while its work runs cancels the work and drops its result instead of crashing; before the
application quits, running work is cancelled and waited for.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

from desktop_app.domain.errors import Cancelled, RosterError
from desktop_app.ui.errors import show_crash, show_error

if TYPE_CHECKING:
    from desktop_app.services.changes import OwnCommit
    from desktop_app.services.workspace import Roster, Workspace
    from desktop_app.ui.workspace_signals import WorkspaceHub

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int, int], bool]
WaitForLock = Callable[[Callable[[], bool], Callable[[str | None], None]], None]
SHOW_PROGRESS_AFTER_MS = 500
READ_THREADS = 2
_read_pool: Workers | None = None
_write_pool: Workers | None = None
_open_pool: Workers | None = None
_long_read_pool: Workers | None = None
_background_read_pool: Workers | None = None
_relay: _Relay | None = None
_swaps: RosterSwaps | None = None


class Workers:
    """A fixed number of plain Python threads running jobs in the order given.

    Not Qt's `QThreadPool`: a Python `QRunnable` is deleted by the pool on the worker's thread, and
    with it whatever its wrapper still held, so Qt and shiboken objects were torn down off the GUI
    thread; a whole test run died of a segmentation fault in a pool thread while a window closed.
    Here a job is a plain function; the worker keeps no reference to it once it has run, and only the
    application's relay hears from it (signals emitted from any thread reach the GUI thread queued).
    """

    def __init__(self, name: str, count: int) -> None:
        self._name = name
        self._count = count
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Condition()
        self._waiting = 0  # jobs given and not yet taken
        self._running = 0  # jobs taken and not yet done

    def start(self, job: Callable[[], None]) -> None:
        with self._lock:
            self._waiting += 1
            if len(self._threads) < min(self._count, self._waiting + self._running):
                thread = threading.Thread(target=self._work, name=f"{self._name}-{len(self._threads) + 1}",
                                          daemon=True)
                self._threads.append(thread)
                thread.start()
            self._jobs.put(job)  # under the lock: `clear` counts exactly the jobs put before it

    def clear(self) -> None:
        """Give up the jobs no worker has taken yet (they never run); they are let go on the calling thread
        (the GUI thread), not on a worker, as what a job holds may be a window's."""
        dropped: list[Callable[[], None] | None] = []
        with self._lock:
            while True:
                try:
                    dropped.append(self._jobs.get_nowait())
                except queue.Empty:
                    break
            # a worker that took a job off the queue and waits for the lock still counts it, and runs it
            self._waiting -= len(dropped)
            self._lock.notify_all()
        dropped.clear()

    def queued_count(self) -> int:
        """Jobs given and not yet taken by a worker."""
        with self._lock:
            return self._waiting

    def active_count(self) -> int:
        with self._lock:
            return self._running

    def wait_for_done(self, timeout: float | None = None) -> bool:
        """Wait until every job given has run (or was cleared); False if `timeout` seconds passed first."""
        with self._lock:
            return self._lock.wait_for(lambda: self._waiting == 0 and self._running == 0, timeout)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            with self._lock:
                self._waiting -= 1
                self._running += 1
            try:
                if job is not None:
                    job()
            except BaseException:  # a job hands its own errors to the relay; this one is a bug of the runner
                log.exception("a worker's job failed outside its own error handling")
            finally:
                job = None  # nothing of the job outlives its run on this thread
                with self._lock:
                    self._running -= 1
                    self._lock.notify_all()


def read_pool() -> Workers:
    global _read_pool
    if _read_pool is None:
        _read_pool = Workers("reader", READ_THREADS)
    return _read_pool


def write_pool() -> Workers:
    """The single worker every write and long task runs on, one after the other."""
    global _write_pool
    if _write_pool is None:
        _write_pool = Workers("writer", 1)
    return _write_pool


def open_pool() -> Workers:
    """The worker a roster is opened on (`run_opening`): never queued behind the open roster's reads or writes."""
    global _open_pool
    if _open_pool is None:
        _open_pool = Workers("opener", 1)
    return _open_pool


def long_read_pool() -> Workers:
    """The worker a long read runs on (`run_in_background(..., reading=True)`: the duplicate search), neither
    behind the writes nor taking one of the reader pool's threads from the window's short reads."""
    global _long_read_pool
    if _long_read_pool is None:
        _long_read_pool = Workers("long-reader", 1)
    return _long_read_pool


def background_read_pool() -> Workers:
    """The worker the window's own long reads run on (a quiet `run_in_background(..., reading=True)`: the
    automatic backup, the full check of a large roster at open), one after the other: the officer's long read
    (the duplicate search) never waits behind them, nor they behind it."""
    global _background_read_pool
    if _background_read_pool is None:
        _background_read_pool = Workers("background-reader", 1)
    return _background_read_pool


class RosterSwaps:
    """The reads of a roster whose file is being swapped (`swapping`: an encryption, a passphrase change, a
    restore), process-wide.

    A window's read (`run_read`, `run_in_background(..., reading=True)`) belongs to the roster its window had
    open when it was asked. The swap waits for that roster's reads already running to end; a read that has not
    started by then is not run (`Cancelled`, which a read does not tell: its page reads the new roster once
    the swap ends), and a long read running asks to stop (its `progress` says cancelled). Without this, reads
    queued before the swap ran on the old handle once the file was rewritten, and told the officer the roster
    was damaged or not a roster. A read of a swapped roster is never run again: the window works on a new one.

        with roster_swaps().swapping(db, cancelled):   # on the writer's worker, before the file is touched
            rewrite(db)
    """

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._running: dict[int, int] = {}  # `id` of a roster: its reads running now
        self._swapped: weakref.WeakSet[Any] = weakref.WeakSet()  # rosters swapped or being swapped
        # Whatever keeps a connection of its own to a roster (the window's change watcher): told to let go of a
        # roster being swapped (`let_go(roster)`, on the swap's thread), as the swap needs the file to itself.
        self.holders: weakref.WeakSet[Any] = weakref.WeakSet()

    def swapped(self, roster: object) -> bool:
        """Whether `roster`'s file is being (or was) swapped: its reads not started are not run."""
        with self._lock:
            return roster in self._swapped

    def begin_read(self, roster: object) -> None:
        """A read of `roster` starts (on a worker); raises `Cancelled` once its file is being swapped."""
        with self._lock:
            if roster in self._swapped:
                raise Cancelled("Not read: the roster's file was replaced (encrypted or restored) meanwhile.")
            self._running[id(roster)] = self._running.get(id(roster), 0) + 1

    def end_read(self, roster: object) -> None:
        with self._lock:
            left = self._running.pop(id(roster)) - 1
            if left:
                self._running[id(roster)] = left
            self._lock.notify_all()

    @contextlib.contextmanager
    def swapping(self, roster: object, cancelled: Callable[[], bool]) -> Iterator[None]:
        """Refuse `roster`'s reads not started and wait for those running; then the caller swaps its file.
        `cancelled()` is asked while waiting (the officer's Cancel: `Cancelled`, nothing changed). Given up
        (`Cancelled` raised inside, or while waiting), the roster is read again as before."""
        with self._lock:
            self._swapped.add(roster)
        try:
            for holder in list(self.holders):
                holder.let_go(roster)
            with self._lock:
                while self._running.get(id(roster), 0):
                    if cancelled():
                        raise Cancelled()
                    self._lock.wait(0.1)
            yield
        except Cancelled:
            with self._lock:
                self._swapped.discard(roster)
            raise


def roster_swaps() -> RosterSwaps:
    """The process's one `RosterSwaps`."""
    global _swaps
    if _swaps is None:
        _swaps = RosterSwaps()
    return _swaps


class _Relay(QObject):
    """Carries every operation's news to the GUI thread; lives as long as the application."""

    progressed = Signal(int, int, int)  # operation number, done, total
    waiting = Signal(int, object)  # operation number, holder (str or None)
    noted = Signal(int, object)  # operation number, what the work tells on its way (`run_opening`'s note)
    # operation number, a box holding the result or error, (OwnCommit or None,) and the work's box: both
    # emptied here, on the GUI thread, so that what the work's closure, its result or its error's traceback
    # frames hold (a page, a dialog) is never let go on a worker's thread, however late the worker runs on
    succeeded = Signal(int, object, object, object)
    failed = Signal(int, object, object)

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.pending: dict[int, PendingOperation] = {}
        self.cancel_events: dict[int, threading.Event] = {}
        # The hub's bookkeeping for a write: run when it ends even if its operation was deleted meanwhile.
        self.finishers: dict[int, Callable[[OwnCommit | None], None]] = {}
        self.numbers = itertools.count(1)
        for signal, slot in ((self.progressed, self._progressed), (self.waiting, self._waiting),
                             (self.noted, self._noted),
                             (self.succeeded, self._succeeded), (self.failed, self._failed)):
            signal.connect(slot, Qt.ConnectionType.QueuedConnection)
        app.aboutToQuit.connect(self.stop_all)

    def add(self, operation: PendingOperation) -> int:
        number = next(self.numbers)
        self.pending[number] = operation
        self.cancel_events[number] = operation.cancel_event
        operation.destroyed.connect(lambda _obj=None, n=number: self.forget(n))
        return number

    def forget(self, number: int) -> None:
        """The operation's owner is gone: its work is cancelled (a write waiting for the lock gives up)."""
        self.pending.pop(number, None)
        event = self.cancel_events.get(number)
        if event is not None:
            event.set()

    def _live(self, number: int, done: bool = False) -> PendingOperation | None:
        if done:
            self.cancel_events.pop(number, None)
        operation = self.pending.pop(number, None) if done else self.pending.get(number)
        return operation if operation is not None and shiboken6.isValid(operation) else None

    def _finish(self, number: int, own: OwnCommit | None) -> None:
        finisher = self.finishers.pop(number, None)
        if finisher is not None:
            finisher(own)

    @Slot(int, int, int)
    def _progressed(self, number: int, done: int, total: int) -> None:
        operation = self._live(number)
        if operation is not None:
            operation.show_progress(done, total)

    @Slot(int, object)
    def _waiting(self, number: int, holder: str | None) -> None:
        operation = self._live(number)
        if operation is not None:
            operation.show_waiting(holder)

    @Slot(int, object)
    def _noted(self, number: int, note: object) -> None:
        operation = self._live(number)
        if operation is not None and operation.on_note is not None:
            operation.on_note(note)

    @Slot(int, object, object, object)
    def _succeeded(self, number: int, outcome: list[object], own: OwnCommit | None, work: list[object]) -> None:
        result = outcome.pop()
        work.clear()
        self._finish(number, own)
        operation = self._live(number, done=True)
        if operation is not None:
            operation.succeed(result)

    @Slot(int, object, object)
    def _failed(self, number: int, outcome: list[BaseException], work: list[object]) -> None:
        exc = outcome.pop()
        work.clear()
        self._finish(number, None)
        operation = self._live(number, done=True)
        if operation is not None:
            operation.fail(exc)
        elif isinstance(exc, RosterError):
            log.info("work whose window was closed ended with %s", type(exc).__name__)
        else:
            show_crash(type(exc), exc, exc.__traceback__)  # a bug stays a bug, its window closed or not

    @Slot()
    def stop_all(self) -> None:
        """Cancel all work (writes waiting for the lock give up) and wait for the workers, before Python
        shuts down."""
        for event in self.cancel_events.values():
            event.set()
        write_pool().clear()
        read_pool().clear()  # nobody will see their answers: the quit does not wait for reads still queued
        open_pool().clear()
        long_read_pool().clear()
        background_read_pool().clear()
        read_pool().wait_for_done()
        write_pool().wait_for_done()
        open_pool().wait_for_done()
        long_read_pool().wait_for_done()
        background_read_pool().wait_for_done()


def the_relay() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("operations need a running QApplication")
        _relay = _Relay(app)
    return _relay


class _Job:
    """The worker side: the work, the relay and the cancel flag; never a caller's QObject."""

    def __init__(self, work: Callable[[Progress], Any], relay: _Relay, number: int, cancel: threading.Event,
                 wait_for_lock: WaitForLock | None = None, tracked: Roster | None = None,
                 skip_cancelled: bool = False, reading: Roster | None = None) -> None:
        self.work: list[Callable[[Progress], Any]] = [work]  # emptied on the GUI thread (see `_Relay`)
        # A read whose owner was closed (or gave it up) before it started is not run: its roster may have been
        # closed meanwhile (a roster opened and let go), and a read on it would open a connection nobody closes.
        self.skip_cancelled = skip_cancelled
        self.relay = relay
        self.number = number
        self.cancel = cancel
        self.wait_for_lock = wait_for_lock
        self.tracked = tracked  # a write's roster: what it commits is read back from the audit trail
        self.reading = reading  # a read's roster, whose file a swap may replace (`RosterSwaps`)

    def run(self) -> None:
        relay, number, work, cancel, tracked = self.relay, self.number, self.work, self.cancel, self.tracked
        reading, self.reading, swaps = self.reading, None, roster_swaps()
        self.tracked = None

        def progress(done: int, total: int) -> bool:
            relay.progressed.emit(number, done, total)
            return not cancel.is_set() and (reading is None or not swaps.swapped(reading))

        own = None
        # The result or error travels in a box the GUI thread empties: this thread keeps no reference to it
        # once handed over (it may run on only after the GUI thread has handled it and let its own go).
        result: list[object] = []
        error: list[BaseException] = []
        try:
            if self.skip_cancelled and cancel.is_set():
                raise Cancelled("Not read: its window was closed before the read started.")
            if self.wait_for_lock is not None:
                self.wait_for_lock(cancel.is_set, lambda holder: relay.waiting.emit(number, holder))
            if tracked is not None:
                from desktop_app.services.changes import audit_head, committed_since

                before = audit_head(tracked)
            if reading is None:
                result.append(work[0](progress))
            else:
                swaps.begin_read(reading)
                try:
                    result.append(work[0](progress))
                finally:
                    swaps.end_read(reading)
            if tracked is not None:
                own = committed_since(tracked, before)
        except BaseException as exc:  # handed to the GUI thread, where bugs reach the crash dialog
            result.clear()
            error.append(exc)
        # emitted outside the except clause, which holds the error as the exception being handled
        if error:
            relay.failed.emit(number, error, work)
        else:
            relay.succeeded.emit(number, result, own, work)


class PendingOperation(QObject):
    """A read, write or long task on its way; `finished` once its result or error was handled on the GUI
    thread. A task's progress dialog (`taskProgress`) shows only if it lasts; a write waiting for the
    lock shows who holds it (`waitingForLock`)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None] | None, *, progress: bool = False,
                 quiet: bool = False, every_error: bool = False, modal: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("pendingOperation")
        self._parent = parent
        self.title = title
        self._on_success = on_success
        self._on_failure = on_failure
        self._every_error = every_error  # on_failure hears bugs too (run_in_background's contract)
        self.cancel_event = threading.Event()
        self.waiting_for: str | None = None  # who holds the lock, while this write waits for it
        self.on_note: Callable[[object], None] | None = None  # what the work tells on its way (`run_opening`)
        # What the waiting window says when the work names as the holder one of these (a wait of its own, not for a
        # colleague's save: the backup at close waiting for an automatic backup still writing)
        self.waiting_words: dict[str, str] = {}
        # The progress dialog's words for `progress(done, total)` (the stage under way), if the task names its stages
        self.stage_text: Callable[[int, int], str] | None = None
        self.wait_dialog: QProgressDialog | None = None
        self.dialog: QProgressDialog | None = None  # the progress dialog of a long task
        self._show_timer: QTimer | None = None
        self.done = False
        self.number = 0
        if progress:
            self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
            self.dialog.setObjectName("taskProgress")
            self.dialog.setWindowTitle(title)
            # A long read (the duplicate search) leaves its window free: the officer goes on working meanwhile.
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
            self.dialog.hide()
            if not quiet:  # housekeeping the officer did not ask for (automatic backups) shows no dialog
                self._show_timer = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
                self._show_timer.timeout.connect(self.dialog.show)
                self._show_timer.start()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def show_progress(self, done: int, total: int) -> None:
        if total > 0 and self.dialog is not None and shiboken6.isValid(self.dialog):
            # The words first: a modal dialog's setValue runs the event loop, which may close and delete it.
            if self.stage_text is not None and not self.cancelled:  # "Cancelling…" stays once pressed
                self.dialog.setLabelText(self.stage_text(done, total))
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def show_waiting(self, holder: str | None) -> None:
        """Say who holds the lock, in a window that leaves the main one free, with Cancel."""
        self.waiting_for = holder
        who = holder or self.tr("a colleague (another window or workstation)")
        text = self.waiting_words.get(who) or self.tr(
            "%1: waiting for %2 to finish writing to the roster. Your change is saved as soon as they finish; "
            "Cancel gives it up (nothing is written).").replace("%1", self.title).replace("%2", who)
        if self.wait_dialog is None:
            self.wait_dialog = QProgressDialog(text, self.tr("Cancel"), 0, 0, self._parent)
            self.wait_dialog.setObjectName("waitingForLock")
            self.wait_dialog.setWindowTitle(self.tr("Waiting for the roster"))
            self.wait_dialog.setWindowModality(Qt.WindowModality.NonModal)
            self.wait_dialog.setAutoClose(False)
            self.wait_dialog.setAutoReset(False)
            self.wait_dialog.setMinimumDuration(0)
            self.wait_dialog.canceled.connect(self.cancel)
        self.wait_dialog.setLabelText(text)
        self.wait_dialog.show()

    def wait(self) -> None:
        """Return once the result or error was handled, running the event loop meanwhile (as a dialog's
        exec does): for a caller that must go on only after the write, such as the editor's Save."""
        if not self.done:
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            self.destroyed.connect(loop.quit)  # its window closed meanwhile: the result is dropped, not awaited
            loop.exec()

    @Slot()
    def cancel(self) -> None:
        self.cancel_event.set()
        for dialog in (self.wait_dialog, self.dialog):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.setLabelText(self.tr("Cancelling…"))

    def _close(self) -> None:
        self.done = True
        self.waiting_for = None
        if self._show_timer is not None:
            self._show_timer.stop()
        for dialog in (self.wait_dialog, self.dialog):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.hide()
                dialog.deleteLater()  # the references stay: a test may ask whether they were ever shown

    def succeed(self, result: object) -> None:
        self._close()
        self._on_success(result)
        self.finished.emit()

    def fail(self, exc: BaseException) -> None:
        self._close()
        if self._every_error:
            (self._on_failure or (lambda e: show_error(self._parent, e)))(exc)
        elif isinstance(exc, Cancelled):
            window = self._parent.window() if self._parent is not None and self.title else None  # a read: untold
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(self.tr("%1: cancelled; nothing was written.")
                                               .replace("%1", self.title), 8000)
        elif self._on_failure is not None and isinstance(exc, RosterError):
            self._on_failure(exc)
        else:
            show_error(self._parent, exc)  # a RosterError is told; anything else reaches the crash dialog
        self.finished.emit()


_rosters_left: set[int] = set()  # `id` of the rosters File > Open is leaving (`leave_roster`)


def leave_roster(roster: Roster, leaving: bool) -> None:
    """While `leaving` (File > Open has the next roster and backs this one up before replacing it), this
    roster's writes not yet begun (waiting for a colleague's lock, or queued) are given up as if it were
    replaced already: nothing of theirs is written, and the roster's final backup does not wait behind them.
    Set back to False when the roster stays open (the open given up) or once it is replaced."""
    if leaving:
        _rosters_left.add(id(roster))
    else:
        _rosters_left.discard(id(roster))


def being_left(roster: Roster) -> bool:
    """Whether File > Open is leaving `roster` for another (its writes not yet begun are given up)."""
    return id(roster) in _rosters_left


def _bound_to(workspace: Workspace, *, while_left: bool = False) -> WaitForLock:
    """The wait for the write lock of the roster open now, given up (`Cancelled`, nothing written) if another
    roster opens before the write starts: a write waiting in a nested loop (an undo, a save) was asked of this
    roster, and its work may read `workspace.db` when it runs, which would then be the other roster's. With
    `while_left`, a roster File > Open is leaving (not replaced yet) is still written."""
    roster = workspace.db

    def given_up() -> bool:
        if workspace.db is not roster or (being_left(roster) and not while_left):
            raise Cancelled("Not saved: another roster was opened while this change waited for a colleague; "
                            "nothing was changed.")
        return False

    def wait_for_lock(cancelled: Callable[[], bool], waiting: Callable[[str | None], None]) -> None:
        workspace.wait_for_writer(lambda: given_up() or cancelled(), waiting)
        given_up()  # the roster may have been replaced after the last look

    return wait_for_lock


def _start(operation: PendingOperation, pool: Workers, work: Callable[[Progress], Any],
           hub: WorkspaceHub | None = None, kinds: frozenset[str] | None = None,
           workspace: Workspace | None = None, *, read: bool = False, while_left: bool = False) -> PendingOperation:
    relay = the_relay()
    number = operation.number = relay.add(operation)
    wait_for_lock: WaitForLock | None = None
    tracked: Roster | None = None
    if workspace is not None:  # a roster not the window's: its lock waited for, nothing announced
        wait_for_lock = _bound_to(workspace, while_left=while_left)
    elif hub is not None:
        workspace = hub.workspace
        if workspace is None:
            raise RuntimeError("no roster is open")
        wait_for_lock, tracked = _bound_to(workspace, while_left=while_left), workspace.db
        relay.finishers[number] = hub.write_started(kinds)
    reading: Roster | None = None
    if read:  # the roster the read's window has open now: a swap of its file waits for the read or drops it
        from desktop_app.ui.workspace_signals import hub_of

        window_hub = hub_of(operation._parent)
        reading = window_hub.open_roster() if window_hub is not None else None
    pool.start(_Job(work, relay, number, operation.cancel_event, wait_for_lock, tracked, read, reading).run)
    return operation


def run_read(parent: QWidget, work: Callable[[], Any], on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None] | None = None) -> PendingOperation:
    """Run `work()` (reads only) off the GUI thread; `on_success(result)` on the GUI thread."""
    return _start(PendingOperation(parent, "", on_success, on_failure), read_pool(), lambda _progress: work(),
                  read=True)


def run_opening(parent: QWidget | None, work: Callable[[Callable[[object], None]], Any],
                on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None],
                on_note: Callable[[object], None] | None = None) -> PendingOperation:
    """Run `work(tell)` (a roster's opening: its connection, migrations' check and first reads) on a worker of
    its own, not behind the open roster's reads and writes; `on_success(result)` or `on_failure(error)`, whatever
    the error, on the GUI thread, and `on_note(note)` there for each `tell(note)` (the roster is being upgraded)
    while the operation is alive."""
    pending = PendingOperation(parent, "", on_success, on_failure, every_error=True)
    pending.on_note = on_note
    relay = the_relay()

    def tell(note: object) -> None:  # on the worker, which `_start` starts once the number is given
        relay.noted.emit(pending.number, note)

    return _start(pending, open_pool(), lambda _progress: work(tell))


def run_write(parent: QWidget, hub: WorkspaceHub, title: str, work: Callable[[], Any],
              on_success: Callable[[Any], None], *, kinds: frozenset[str] | None = None,
              on_failure: Callable[[BaseException], None] | None = None) -> PendingOperation:
    """Run the write `work()` on the writer's worker once the roster's write lock is free (see the module).

    `title` names the write for the officer ("Saving the person"); `kinds` are the kinds of records it
    changes, announced through `hub` when it succeeded (None: any) with what its audit entries say.
    """
    return _start(PendingOperation(parent, title, on_success, on_failure), write_pool(),
                  lambda _progress: work(), hub, kinds)


def run_in_background(parent: QWidget | None, title: str, operation: Callable[[Progress], Any],
                      on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None] | None = None, *,
                      quiet: bool = False, hub: WorkspaceHub | None = None,
                      kinds: frozenset[str] | None = None, reading: bool = False,
                      stage_text: Callable[[int, int], str] | None = None) -> PendingOperation:
    """Run `operation(progress)` on the writer's worker with a lazily shown progress dialog and Cancel
    (see the module); with `hub`, as a write that waits for the lock and announces what it committed. With
    `reading` (an operation that only reads: the duplicate search), on a worker of its own instead, so that
    the roster's saves go on meanwhile and the reader pool stays free for the window's short reads; its progress
    dialog then blocks no window (the officer works in the roster while it runs); a `quiet` one (the window's
    own: the automatic backup) on another worker (`background_read_pool`), so neither waits for the other.
    `stage_text(done, total)`, given, is the progress dialog's label at each report (the stage under way)."""
    if reading and hub is not None:
        raise ValueError("a reading operation writes nothing: it takes no hub")
    pending = PendingOperation(parent, title, on_success, on_failure, progress=True, quiet=quiet, every_error=True,
                               modal=not reading)
    pending.stage_text = stage_text
    pool = (background_read_pool() if quiet else long_read_pool()) if reading else write_pool()
    return _start(pending, pool, operation, hub, kinds, read=reading)



def write_and_wait(parent: QWidget, title: str, work: Callable[[], T], *, kinds: frozenset[str] | None = None,
                   hub: WorkspaceHub | None = None, workspace: Workspace | None = None, while_left: bool = False) -> T:
    """Run the write `work()` as `run_write` does and return its result once it is written, the event loop
    turning meanwhile (see the module); raises what the write raised, `Cancelled` when the officer gave the
    wait up or `parent` was closed meanwhile. `hub` defaults to the one of `parent`'s window; with none
    (a dialog on its own), `work()` runs at once. With `workspace` not the hub's (a roster asked to sign in
    on before it replaces the one open), the write waits for that roster's lock and announces nothing. With
    `while_left`, it is written even while File > Open leaves the roster (the idle lock's PIN: the switch waits
    for the lock to be taken off, and a roster being left gives its other writes up)."""
    if hub is None:
        from desktop_app.ui.workspace_signals import hub_of

        hub = hub_of(parent)
    if workspace is not None and hub is not None and hub.workspace is workspace:
        workspace = None  # the window's own roster: the hub's write, announced
    if workspace is None and (hub is None or hub.workspace is None):
        return work()
    results: list[T] = []
    errors: list[BaseException] = []
    pending = PendingOperation(parent, title, results.append, errors.append, every_error=True)
    _start(pending, write_pool(), lambda _progress: work(), hub, kinds, workspace, while_left=while_left)
    pending.wait()
    if errors:
        raise errors[0]
    if not results:
        raise Cancelled()
    return results[0]
