"""Breaker X15b's attacks on the sign-in, the idle lock's PIN and Tools > Accounts… off the GUI thread (issue 15).

Each test replays what an officer or a colleague did and what went wrong before its fix."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import accounts
from desktop_app.storage.db import Database
from desktop_app.ui.accounts import AccountsFeature
from desktop_app.ui.accounts.manage import AccountsDialog
from desktop_app.ui.main_window import MainWindow
from tests.storage.test_errors import held_lock
from tests.ui.test_accounts import staffed_db  # noqa: F401 (fixture)
from tests.ui.test_sign_in_off_gui_thread import _failed_attempts, head_window  # noqa: F401 (fixture)


def audit_entries(db: Database) -> list[str]:
    """The audit trail's summaries, read on a connection of its own."""
    assert db.target.path is not None
    with contextlib.closing(sqlite3.connect(db.target.path)) as connection:
        return [str(row[0]) for row in connection.execute("SELECT summary FROM audit_entries ORDER BY id")]


def _waiting_window() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                 and w.objectName() == "waitingForLock" and w.isVisible()), None)


def test_the_idle_locks_pin_waiting_for_a_colleague_can_be_cancelled(
        qtbot: QtBot, head_window: MainWindow, staffed_db: Database) -> None:  # noqa: F811
    """At the idle lock, B. Duty types a PIN while a colleague holds the roster's write lock for long. The window
    saying who holds it came up under an opaque cover of its own, its Cancel swallowed by the lock: the officer
    waited, unable to give the sign-in up, for as long as the colleague wrote."""
    from desktop_app.ui.protection import Protection

    assert staffed_db.target.path is not None
    lock = head_window.feature(Protection).lock
    lock.lock()
    screen = lock.asking_screen
    assert lock.locked and screen is not None
    seen: list[str] = []

    with held_lock(staffed_db.target.path, 30) as colleague:
        def cancel() -> None:
            waiting = _waiting_window()
            if waiting is None:
                QTimer.singleShot(20, cancel)
                return
            seen.append("covered" if waiting in lock.covers else "uncovered")
            button = waiting.findChild(QPushButton)
            assert button is not None
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            QTimer.singleShot(2_000, colleague.kill)  # the cancel not taken: the colleague lets go, the test ends

        screen.user.setCurrentIndex(screen.user.findText("B. Duty"))
        screen.edit.setText("2222")
        QTimer.singleShot(0, cancel)
        screen.button.click()  # returns once the check is done or given up
        seen.append("killed" if colleague.poll() is not None else "alive")
    assert seen == ["uncovered", "alive"]
    problem = screen.problem.text().lower()
    assert lock.locked and ("nothing" in problem or "cancel" in problem)
    assert head_window.operator == "A. Consul"  # nobody else signed in
    assert _failed_attempts(staffed_db, "B. Duty") == 0


def _accounts_dialog(qtbot: QtBot, window: MainWindow) -> AccountsDialog:
    dialog = window.feature(AccountsFeature).show_accounts()
    assert isinstance(dialog, AccountsDialog)
    qtbot.waitUntil(lambda: dialog.loaded and not dialog.busy, timeout=10_000)
    return dialog


def _choose(dialog: AccountsDialog, name: str) -> None:
    dialog.table.selectRow(next(row for row in range(dialog.model.rowCount())
                                if dialog.model.item(row, 0).text() == name))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The message boxes shown, answered at once (a box left open would hold the test)."""
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return shown


def test_closing_tools_accounts_while_a_change_waits_for_a_colleague(
        qtbot: QtBot, head_window: MainWindow, staffed_db: Database, boxes: list[str]) -> None:  # noqa: F811
    """The head disables V. Hotline while a colleague holds the write lock, then closes Tools > Accounts… (Close)
    instead of waiting: nothing is written, and the closed dialog is not used afterwards."""
    assert staffed_db.target.path is not None
    dialog = _accounts_dialog(qtbot, head_window)
    _choose(dialog, "V. Hotline")

    def close() -> None:
        if _waiting_window() is None:
            QTimer.singleShot(20, close)
            return
        dialog.reject()
        qtbot.wait(200)  # the closed dialog's deferred deletion, as the window's loop would run it

    with held_lock(staffed_db.target.path, 30):
        QTimer.singleShot(0, close)
        dialog.toggle_disabled()  # returns once the change is given up
    qtbot.wait(100)
    assert not any(row.disabled for row in accounts.list_accounts(staffed_db))
    assert all("cancel" in text.lower() or "nothing" in text.lower() for text in boxes)


def test_disable_pressed_twice_disables_once(
        qtbot: QtBot, head_window: MainWindow, staffed_db: Database, boxes: list[str]) -> None:  # noqa: F811
    """A hurried head presses Disable twice for V. Hotline before the first is written: the second press acted on
    the rows read before the first, writing a second 'disabled' entry (or, with Enable, undoing the first)."""
    dialog = _accounts_dialog(qtbot, head_window)
    _choose(dialog, "V. Hotline")
    pressed: list[int] = []

    def again() -> None:
        pressed.append(1)
        dialog.disable_button.click()

    QTimer.singleShot(0, again)  # handled inside the first press's wait, as a second click would be
    dialog.disable_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    qtbot.wait(100)
    assert pressed
    entries = [entry for entry in audit_entries(staffed_db) if "V. Hotline disabled" in entry]
    assert len(entries) == 1, entries
    dialog.reject()
