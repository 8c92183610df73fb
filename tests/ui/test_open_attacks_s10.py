"""Breaker X15b's attacks on File > Open off the GUI thread (issue 15): hostile targets, a hurried officer, the
window closed while a roster opens. Evidence that no connection is left to a roster the window did not take:
the process's open file descriptors (/proc/self/fd), as `lsof` would show them."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop_app.services import demo
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import open_pool
from desktop_app.ui.preferences import Preferences
from tests.storage.test_errors import held_lock
from tests.ui.opening import switch_and_wait
from tests.ui.test_accounts import staffed_db  # noqa: F401 (fixture)
from tests.ui.test_open_off_gui_thread_s10 import _settled
from tests.ui.test_sign_in_off_gui_thread import head_window  # noqa: F401 (fixture)

OPEN_MS = 20_000
PASSPHRASE = "a long passphrase for the test"


def open_files_under(folder: Path) -> list[str]:
    """The files under `folder` this process holds open (what `lsof` lists)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return sorted(found)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The message boxes shown, answered at once."""
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    yield shown


def _hostile(kind: str, where: Path) -> Path:
    where.mkdir()
    path = where / "roster.db"
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("surname;given names\r\nИванова;Анна\r\n", encoding="utf-16")
    elif kind == "truncated":
        good = open_database(path)
        demo.fill_demo(good, households=3, operator="demo")
        good.close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif kind == "gone":
        pass  # never there: a Recent entry whose file was moved away
    return path


@pytest.mark.parametrize("kind", ["folder", "text", "truncated"])
def test_a_hostile_file_is_told_and_nothing_of_it_stays_open(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path, boxes: list[str], kind: str) -> None:
    _settled(qtbot, window, demo_db)
    where = tmp_path / "hostile"
    path = _hostile(kind, where)
    before = sorted(p.name for p in where.iterdir())
    switched = switch_and_wait(qtbot, window, str(path))
    qtbot.wait(50)
    assert window.db is demo_db and window.opening is None and not window.hub.reads_held
    assert open_files_under(where) == []
    assert not switched and boxes, boxes
    assert sorted(p.name for p in where.iterdir()) == before  # nothing made beside a file not a roster


@contextlib.contextmanager
def opener_held() -> Iterator[threading.Event]:
    """The worker rosters open on, busy until the event is set: a roster on its way in stays on its way (as a
    100,000-person roster's migrations' check or a slow network share keeps it)."""
    gate = threading.Event()
    open_pool().start(gate.wait)
    try:
        yield gate
    finally:
        gate.set()


def test_an_encrypted_window_locked_while_a_roster_opens_can_be_unlocked(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences) -> None:
    """The officer on an encrypted roster opens a plain one and walks away while it opens (a long open, or its
    roster left's backup waiting for a colleague): the idle lock covers the window, the roster opened replaces the
    one locked under the cover, and the lock then compared what was typed with the new roster's passphrase, which
    it has none of: no passphrase unlocked the window again, the officer had to kill the program."""
    from desktop_app.ui.protection import Protection

    secret = open_database(tmp_path / "secret.db", passphrase=PASSPHRASE)
    demo.fill_demo(secret, households=3, operator="demo")
    window = MainWindow(secret, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    _settled(qtbot, window, secret)
    plain = open_database(tmp_path / "plain.db")
    plain.close()
    lock = window.feature(Protection).lock
    answers: list[bool] = []
    with opener_held():
        window.switch_database(str(tmp_path / "plain.db"), then=answers.append)
        lock.lock()  # the idle time passed while it opens
        assert lock.locked
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: bool(answers) or (  # the roster opened and the roster left backed up
        window.opening is not None and window.opening.left is secret
        and protection.leaving_backup is not None and protection.leaving_backup.done), timeout=OPEN_MS)
    qtbot.wait(50)
    assert answers == [] and window.db is secret, "the roster was replaced under the cover"
    screen = lock.asking_screen
    assert screen is not None
    screen.edit.setText(PASSPHRASE)
    screen.button.click()
    assert not lock.locked, screen.problem.text()
    qtbot.waitUntil(lambda: bool(answers), timeout=OPEN_MS)  # then the roster opened comes in
    assert answers == [True] and window.db is not None and window.db.target.path == tmp_path / "plain.db"


def test_a_recent_roster_moved_away_is_refused_not_made_anew(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path, boxes: list[str]) -> None:
    """File > Recent names a roster since moved or renamed: an empty new roster was made in its place and opened,
    the officer looking at an empty roster where the families were (and a colleague's Recent then opening it)."""
    _settled(qtbot, window, demo_db)
    where = tmp_path / "moved"
    where.mkdir()
    gone = str(where / "roster.db")
    window.preferences.add_recent(gone)
    window.fill_recent()
    action = next(action for action in window.recent_menu.actions() if action.text() == gone)
    action.trigger()
    qtbot.waitUntil(lambda: window.opening is None, timeout=OPEN_MS)
    qtbot.wait(50)
    assert window.db is demo_db and boxes
    assert list(where.iterdir()) == []


def test_escape_on_the_opening_box_while_the_roster_opens_gives_the_open_up(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """A hurried officer presses Escape on the 'Opening' box: it was hidden without giving the open up, the window
    took input again (its pages stale, their reads held), and the roster came in a moment later all the same.
    Escape is the box's Cancel: the open is given up, the roster open stays, nothing of the other kept."""
    _settled(qtbot, window, demo_db)
    where = tmp_path / "next"
    where.mkdir()
    open_database(where / "next.db").close()
    opened: list[bool] = []
    with opener_held():
        window.open_locked(str(where / "next.db"), then=opened.append)
        box = window.findChild(QProgressDialog, "openingRoster")
        assert box is not None and window.opening is not None
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert window.opening.given_up  # as its Cancel button does
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    qtbot.wait(50)
    assert opened == [False] and window.db is demo_db and window.opening is None and not window.hub.reads_held
    assert open_files_under(where) == []


def test_escape_while_the_roster_left_is_backed_up_leaves_the_box_up(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """Escape on the 'Opening' box while the roster left waits for a colleague to back it up (the box has no Cancel
    then: the waiting window's gives the backup up) hid the box: the window took input while its roster was
    being replaced. The box stays; the waiting window's Cancel is the way back."""
    protection = _settled(qtbot, window, demo_db)
    assert demo_db.target.path is not None
    path = tmp_path / "next.db"
    open_database(path).close()
    opened: list[bool] = []
    with held_lock(demo_db.target.path, 30):
        window.open_locked(str(path), then=opened.append)
        qtbot.waitUntil(lambda: protection.leaving_backup is not None, timeout=OPEN_MS)
        box = window.findChild(QProgressDialog, "openingRoster")
        assert box is not None
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert box.isVisible() and QApplication.activeModalWidget() is box
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [True] and window.db is not None and window.db.target.path == path


def test_the_window_closed_while_a_roster_opens_keeps_nothing_of_it(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """The officer closes the window while the next roster is on its way in: once its opening answers, the roster
    opened is closed (no file of it open), its lock given back (another window may open it) and no opener left."""
    from desktop_app.ui.instance import RosterLock

    _settled(qtbot, window, demo_db)
    where = tmp_path / "next"
    where.mkdir()
    open_database(where / "next.db").close()
    opened: list[bool] = []
    with opener_held():
        window.open_locked(str(where / "next.db"), then=opened.append)
        assert window.opening is not None
        window.close()
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert open_pool().wait_for_done(10)
    qtbot.wait(50)
    assert opened == [False]
    assert open_files_under(where) == []
    again = RosterLock(str(where / "next.db"))
    assert again.acquire()
    again.release()


@pytest.mark.parametrize("answer", ["cancel", "wrong then cancel"])
def test_an_encrypted_roster_with_accounts_whose_sign_in_is_cancelled_is_let_go(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path, answer: str) -> None:
    """Passphrase right, then the sign-in cancelled (after a wrong PIN or not): the roster open stays and nothing of
    the encrypted one is left open or held."""
    from desktop_app.domain.roles import Role
    from desktop_app.services import accounts
    from desktop_app.ui.accounts.sign_in import SignInDialog
    from desktop_app.ui.instance import RosterLock
    from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog
    from tests.ui.test_open_off_gui_thread_s10 import _answer, _type_passphrase

    _settled(qtbot, window, demo_db)
    where = tmp_path / "next"
    where.mkdir()
    path = where / "next.db"
    other = open_database(path, passphrase=PASSPHRASE)
    accounts.add_account(other, "A. Consul", Role.HEAD, "4711", operator="setup")
    other.close()
    seen = _answer(PassphraseDialog, _type_passphrase)

    def sign_in(dialog: object) -> None:
        assert isinstance(dialog, SignInDialog)
        if answer.startswith("wrong"):
            qtbot.waitUntil(lambda: dialog.names_read, timeout=OPEN_MS)
            dialog.pin.setText("0000")
            dialog.sign_in()
            assert "with this PIN" in dialog.problem.text()
        dialog.reject()

    signed = _answer(SignInDialog, sign_in)
    opened: list[bool] = []
    window.open_locked(str(path), then=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    qtbot.wait(50)
    assert opened == [False] and window.db is demo_db and window.opening is None and not window.hub.reads_held
    assert seen == ["passphraseDialog"] and signed == ["signInDialog"]
    assert open_files_under(where) == []
    again = RosterLock(str(path))
    assert again.acquire()
    again.release()


def test_a_sign_in_cancelled_before_its_names_are_read_leaves_no_connection(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """The officer cancels the sign-in of the roster being opened before its account names are read (the readers
    busy with the window's own pages): the roster opened is closed, then the names' read runs on it all the same
    and opens a connection nobody closes, holding the file of a roster the window never took."""
    from desktop_app.domain.roles import Role
    from desktop_app.services import accounts
    from desktop_app.ui.accounts.sign_in import SignInDialog
    from desktop_app.ui.operations import READ_THREADS, read_pool
    from tests.ui.test_open_off_gui_thread_s10 import _answer

    _settled(qtbot, window, demo_db)
    where = tmp_path / "next"
    where.mkdir()
    path = where / "next.db"
    other = open_database(path)
    accounts.add_account(other, "A. Consul", Role.HEAD, "4711", operator="setup")
    other.close()
    signed = _answer(SignInDialog, lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    opened: list[bool] = []
    readers = threading.Event()
    for _ in range(READ_THREADS):
        read_pool().start(readers.wait)
    try:
        window.open_locked(str(path), then=opened.append)
        qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    finally:
        readers.set()
    assert read_pool().wait_for_done(10)
    qtbot.wait(100)
    assert opened == [False] and signed == ["signInDialog"] and window.db is demo_db
    assert open_files_under(where) == []


def test_a_roster_open_in_another_window_is_refused_and_not_opened(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path, boxes: list[str]) -> None:
    """Another window holds the roster (its lock, ui.instance): File > Open refuses it, names it, and opens
    nothing of it."""
    from desktop_app.ui.instance import RosterLock

    _settled(qtbot, window, demo_db)
    where = tmp_path / "next"
    where.mkdir()
    path = where / "next.db"
    open_database(path).close()
    other_window = RosterLock(str(path))
    assert other_window.acquire()
    try:
        opened: list[bool] = []
        window.open_locked(str(path), then=opened.append)
        qtbot.wait(100)
        assert window.opening is None and window.db is demo_db and opened in ([], [False])
        assert boxes and open_files_under(where) == []
    finally:
        other_window.release()



def test_another_officer_unlocking_while_the_roster_left_is_backed_up_does_not_get_the_next_under_the_first_ones_name(
        qtbot: QtBot, head_window: MainWindow, staffed_db: Database, tmp_path: Path) -> None:  # noqa: F811
    """A. Consul opens another roster and signs in on it; its roster left waits for a colleague to be backed up; the
    idle lock covers the window; B. Duty takes the workstation and unlocks with her own PIN. The roster A. Consul
    asked for must not then come in signed in as A. Consul for B. Duty to work under his name: the open is given
    up, B. Duty stays on the roster she unlocked, which keeps its automatic backups."""
    from PySide6.QtCore import QTimer

    from desktop_app.domain.roles import Role
    from desktop_app.services import accounts
    from desktop_app.ui.accounts.sign_in import SignInDialog

    window = head_window
    protection = _settled(qtbot, window, staffed_db)
    assert staffed_db.target.path is not None and protection.auto is not None
    path = tmp_path / "next.db"
    other = open_database(path)
    accounts.add_account(other, "A. Consul", Role.HEAD, "4711", operator="setup")
    other.close()
    lock = protection.lock
    opened: list[bool] = []

    def sign_in() -> None:  # A. Consul signs in on the roster opened
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog) or not dialog.names_read:
            QTimer.singleShot(20, sign_in)
            return
        dialog.name.setCurrentIndex(dialog.name.findData("A. Consul"))
        dialog.pin.setText("4711")
        dialog.sign_in()

    with held_lock(staffed_db.target.path, 30):
        QTimer.singleShot(0, sign_in)
        window.open_locked(str(path), then=opened.append)
        qtbot.waitUntil(lambda: protection.leaving_backup is not None, timeout=OPEN_MS)
        lock.lock()
        assert lock.locked
    qtbot.waitUntil(lambda: bool(opened) or protection.leaving_backup.done, timeout=OPEN_MS)  # type: ignore[union-attr]
    qtbot.wait(50)
    screen = lock.asking_screen
    assert screen is not None
    screen.user.setCurrentIndex(screen.user.findText("B. Duty"))
    screen.edit.setText("2222")
    screen.button.click()
    assert not lock.locked, screen.problem.text()
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [False] and window.db is staffed_db and window.operator == "B. Duty"
    assert protection.auto is not None and protection.timer.isActive()
