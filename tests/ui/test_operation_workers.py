"""The runner's workers (`ui.operations.Workers`): plain Python threads, and nothing a job held is let go
off the GUI thread.

CI's whole run died of a segmentation fault in a worker thread of Qt's `QThreadPool` with no Python
frame on it, while a window closed during a page's read: the pool deletes a Python `QRunnable` on the
worker, and with it whatever its wrapper held. The runner now runs its jobs on threads of its own and hands
each job's closure back to the GUI thread to be let go there.
"""

from __future__ import annotations

import threading
import weakref

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.operations import Workers, run_read


def test_jobs_run_on_the_workers_threads_one_at_a_time_for_a_single_worker() -> None:
    workers = Workers("test-writer", 1)
    seen: list[tuple[str, int]] = []
    inside = threading.Lock()

    def job(number: int) -> None:
        assert inside.acquire(blocking=False), "two jobs ran at once on a single worker"
        seen.append((threading.current_thread().name, number))
        inside.release()

    for number in range(20):
        workers.start(lambda n=number: job(n))
    assert workers.wait_for_done(10)
    assert [number for _name, number in seen] == list(range(20))  # in the order given
    assert {name for name, _number in seen} == {"test-writer-1"}
    assert workers.active_count() == 0


def test_clear_gives_up_the_jobs_not_taken_yet_and_wait_for_done_returns() -> None:
    workers = Workers("test-writer", 1)
    may_finish = threading.Event()
    started = threading.Event()
    ran: list[int] = []

    def first() -> None:
        started.set()
        may_finish.wait(10)
        ran.append(1)

    workers.start(first)
    assert started.wait(10)
    for number in (2, 3, 4):
        workers.start(lambda n=number: ran.append(n))
    workers.clear()  # the three waiting jobs never run
    assert not workers.wait_for_done(0.05)  # the first is still running
    may_finish.set()
    assert workers.wait_for_done(10)
    workers.start(lambda: ran.append(5))  # given after the clear: runs
    assert workers.wait_for_done(10)
    assert ran == [1, 5]


def test_a_failing_job_does_not_stop_its_worker() -> None:
    workers = Workers("test-reader", 2)
    ran: list[str] = []

    def broken() -> None:
        raise ValueError("a bug in a job")

    workers.start(broken)
    workers.start(lambda: ran.append("after"))
    assert workers.wait_for_done(10)
    assert ran == ["after"]


def test_what_a_reads_closure_held_is_let_go_on_the_gui_thread(qtbot: QtBot) -> None:
    """A Python-owned QObject whose last reference is the read's closure is destroyed on the GUI thread,
    not on the worker that ran the read (where Qt objects must never be torn down)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    destroyed_on: list[str] = []
    answers: list[object] = []
    held = QObject()  # no parent: owned by Python, destroyed when its last reference goes
    held.destroyed.connect(lambda: destroyed_on.append(threading.current_thread().name),
                           Qt.ConnectionType.DirectConnection)
    alive = weakref.ref(held)

    def read(kept: QObject = held) -> str:
        return kept.objectName() or "read"

    del held
    run_read(parent, read, answers.append)
    del read
    qtbot.waitUntil(lambda: answers == ["read"])
    qtbot.waitUntil(lambda: alive() is None)
    assert destroyed_on == [threading.main_thread().name]
