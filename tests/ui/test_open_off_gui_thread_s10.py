"""Issue 15 (session 10): File > Open opens the next roster off the GUI thread, and the roster left is backed up
on the writer's worker.

Replayed with a real window on real SQLite rosters under tmp_path: a real `before_cursor_execute` listener on
every engine (`StatementThreads()`, the rosters opened while it records included) and Python's `sqlite3.connect`
audit event (`ConnectThreads`) record the thread of every statement and connection while the window opens a
second roster through `open_locked` (File > Open's way in), without accounts, with accounts and encrypted; a real
second process holds the roster's write lock (`held_lock`) while the roster left is backed up.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.domain.roles import Role
from desktop_app.services import accounts, demo, persons
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.instance import RosterLock, held_by
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection
from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog
from tests.storage.test_errors import held_lock
from tests.ui.polling import keep_looking
from tests.ui.test_accounts_sign_in_first import _answer_modal
from tests.ui.test_gui_thread_reads_s9_part_b import ConnectThreads
from tests.ui.test_workspace_attacks_s7 import StatementThreads
from tests.ui.typing import answer_next_message_box

PIN = "4711"
PASSPHRASE = "a long passphrase for the test"
OPEN_MS = 20_000


def _settled(qtbot: QtBot, window: MainWindow, db: Database) -> Protection:
    """The window's own work at open is done: the watcher's baseline and the backup at open."""
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: window.roster_changes.watched is db and protection.auto_task is None, timeout=OPEN_MS)
    return protection


class WhereConnects(ConnectThreads):
    """`ConnectThreads`, and where each connection on the GUI thread was opened from."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.on_gui: list[str] = []

    def record(self, database: str) -> None:
        super().record(database)
        if self.folder in database and threading.current_thread() is threading.main_thread():
            ours = [f"{frame.filename.rsplit('/desktop_app/', 1)[1]}:{frame.name}"
                    for frame in traceback.extract_stack() if "/desktop_app/" in frame.filename]
            self.on_gui.append(f"{Path(database).name}: " + " < ".join(reversed(ours[-4:])))


def _answer(kind: type, answer: Callable[[object], None]) -> list[str]:
    """Answer the modal dialog of `kind` once it shows; returns the names of those answered."""
    seen: list[str] = []

    def look() -> bool:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            return False
        seen.append(dialog.objectName())
        answer(dialog)
        return True

    keep_looking(look)
    return seen


def _type_passphrase(dialog: object) -> None:
    assert isinstance(dialog, PassphraseDialog)
    dialog.edit.setText(PASSPHRASE)
    dialog.accept()


@pytest.mark.parametrize("kind", ["plain", "accounts", "encrypted"])
def test_file_open_opens_the_next_roster_off_the_gui_thread(qtbot: QtBot, window: MainWindow, demo_db: Database,
                                                            tmp_path: Path, kind: str) -> None:
    """The roster was opened on the GUI thread (its connection, the migrations' check, whether it has accounts,
    the mission), then the roster left was backed up there too: the window froze for as long. Now no statement
    and no connection of the open runs there; the window shows a box saying it opens, takes no input meanwhile,
    and answers again once the roster is in."""
    _settled(qtbot, window, demo_db)
    path = tmp_path / "next.db"
    other = open_database(path, passphrase=PASSPHRASE if kind == "encrypted" else None)
    demo.fill_demo(other, households=3, operator="demo")
    if kind == "accounts":
        accounts.add_account(other, "A. Consul", Role.HEAD, PIN, operator="setup")
    other.close()
    seen = (_answer_modal(qtbot, "A. Consul", PIN) if kind == "accounts"
            else _answer(PassphraseDialog, _type_passphrase) if kind == "encrypted" else [])
    boxes: list[bool] = []
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    folder = tmp_path / "backups"
    before = set(folder.glob("roster-*.db"))
    statements = StatementThreads()
    connections = WhereConnects(tmp_path)
    opened: list[bool] = []
    try:
        window.open_locked(str(path), then=opened.append)
        box = window.findChild(QProgressDialog, "openingRoster")
        boxes.append(box is not None and box.isVisible() and QApplication.activeModalWidget() is box)
        # The file by its name (a long folder cut it off), the whole path in the tooltip.
        assert box is not None and box.labelText() == "Opening next.db…" and box.toolTip() == str(path)
        qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    finally:
        statements.stop()
        connections.stop()
    assert opened == [True] and window.db is not None and window.db.target.path == path
    assert boxes == [True]  # (an encrypted roster's passphrase is asked first, then the box shows)
    assert seen == {"plain": [], "accounts": ["signInDialog"], "encrypted": ["passphraseDialog"]}[kind]
    assert (statements.threads and connections.threads) or kind == "encrypted"  # sqlcipher raises no sqlite3 event
    # The accounts gate too is applied with what the opening read (issue 15).
    assert statements.on_gui == [], "\n".join(statements.on_gui)
    assert connections.on_gui == []
    assert len(set(folder.glob("roster-*.db")) - before) == 1  # the roster left was backed up (on the writer's worker)
    assert window.opening is None and not window.hub.reads_held
    assert held_by(window) is not None and held_by(window).path == str(path)  # type: ignore[union-attr]
    if kind == "accounts":
        assert window.operator == "A. Consul"
    qtbot.waitUntil(lambda: window.roster.model.rowCount() > 0, timeout=OPEN_MS)


def _waiting_window() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                 and w.objectName() == "waitingForLock" and w.isVisible()), None)


@pytest.mark.parametrize("colleague_lets_go", [False, True])
def test_the_roster_left_is_backed_up_after_a_colleague_named_with_cancel(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path, colleague_lets_go: bool) -> None:
    """The final backup of the roster left ran on the GUI thread: a colleague holding the write lock froze the
    window until they let go. Now the window answers, the waiting window names the colleague; Cancel gives the
    backup up (nothing written) and the roster open stays, with its own lock; else, once the colleague lets go,
    one whole backup is written and the next roster opens."""
    protection = _settled(qtbot, window, demo_db)
    assert demo_db.target.path is not None
    path = tmp_path / "next.db"
    open_database(path).close()
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")
    folder = tmp_path / "backups"
    before = set(folder.glob("roster-*.db"))
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    opened: list[bool] = []
    try:
        with held_lock(demo_db.target.path, 30):
            window.open_locked(str(path), then=opened.append)
            qtbot.waitUntil(lambda: _waiting_window() is not None, timeout=OPEN_MS)
            waiting = _waiting_window()
            assert waiting is not None and "A. Colleague" in waiting.labelText()
            ticked = len(ticks)
            qtbot.waitUntil(lambda: len(ticks) > ticked + 5, timeout=OPEN_MS)  # the window's events are handled
            assert not opened and window.db is demo_db
            assert set(folder.glob("roster-*.db")) == before  # nothing written while the colleague holds the lock
            if not colleague_lets_go:
                cancel = waiting.findChild(QPushButton)
                assert cancel is not None
                cancel.click()
                qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
        qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    finally:
        timer.stop()
    written = set(folder.glob("roster-*.db")) - before
    assert not list(folder.glob(".roster-*partial*"))  # (the next roster's backup at open may be writing)
    assert window.opening is None and not window.hub.reads_held
    if colleague_lets_go:
        assert opened == [True] and window.db is not None and window.db.target.path == path
        assert len(written) == 1
    else:
        assert opened == [False] and window.db is demo_db and written == set()
        assert protection.auto is not None and protection.auto.db is demo_db  # its backups go on
        freed = RosterLock(str(path))
        assert freed.acquire()  # the roster not opened is not held by this window
        freed.release()
        persons.create_person(demo_db, {"surname": "Still", "given_names": "Open"}, operator="t")  # usable


def test_a_second_open_while_one_is_on_its_way_is_refused(qtbot: QtBot, window: MainWindow, demo_db: Database,
                                                          tmp_path: Path) -> None:
    """Two opens at once would leave two rosters opened and one never closed: the second is refused, told, its lock
    given back; the first opens."""
    _settled(qtbot, window, demo_db)
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    for path in (first, second):
        open_database(path).close()
    told: list[str] = []
    answer_next_message_box(told)
    opened: list[tuple[str, bool]] = []
    window.open_locked(str(first), then=lambda ok: opened.append(("first", ok)))
    window.open_locked(str(second), then=lambda ok: opened.append(("second", ok)))
    qtbot.waitUntil(lambda: len(opened) == 2 and bool(told), timeout=OPEN_MS)
    assert opened == [("second", False), ("first", True)]
    assert "still being opened" in told[0]
    assert window.db is not None and window.db.target.path == first
    freed = RosterLock(str(second))
    assert freed.acquire()
    freed.release()


@pytest.mark.parametrize("what", ["folder", "not a roster"])
def test_a_roster_that_cannot_be_opened_is_told_and_the_one_open_stays(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path, what: str) -> None:
    _settled(qtbot, window, demo_db)
    if what == "folder":
        target = tmp_path / "a folder.db"
        target.mkdir()
    else:
        target = tmp_path / "notes.db"
        target.write_text("not a database, a note typed by hand\n" * 200)
    told: list[str] = []
    answer_next_message_box(told)
    opened: list[bool] = []
    window.open_locked(str(target), then=opened.append)
    qtbot.waitUntil(lambda: bool(opened) and bool(told), timeout=OPEN_MS)
    assert opened == [False] and window.db is demo_db
    assert str(target.name) in told[0]
    assert window.opening is None and not window.hub.reads_held
    assert window.findChild(QProgressDialog, "openingRoster") is None or \
        not window.findChild(QProgressDialog, "openingRoster").isVisible()  # type: ignore[union-attr]
    persons.create_person(demo_db, {"surname": "Still", "given_names": "Open"}, operator="t")


def test_a_wrong_passphrase_is_asked_again_and_cancel_keeps_the_roster_open(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """The passphrase is asked on the GUI thread, the open with it runs on the worker: a wrong one asks again,
    saying so; Cancel then leaves the roster open as it was, and the encrypted one is not held."""
    _settled(qtbot, window, demo_db)
    path = tmp_path / "secret.db"
    open_database(path, passphrase=PASSPHRASE).close()
    problems: list[str] = []

    def answer(dialog: object) -> None:
        assert isinstance(dialog, PassphraseDialog)
        problems.append(dialog.problem.text())
        if len(problems) == 1:
            dialog.edit.setText("not the passphrase at all")
            dialog.accept()
        else:
            dialog.reject()

    def look() -> bool:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PassphraseDialog) and len(problems) < 2:
            answer(dialog)
        return len(problems) >= 2

    keep_looking(look)
    opened: list[bool] = []
    window.open_locked(str(path), then=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [False] and window.db is demo_db
    assert problems[0] == "" and "Wrong passphrase" in problems[1]
    assert window.opening is None and not window.hub.reads_held
    freed = RosterLock(str(path))
    assert freed.acquire()
    freed.release()
