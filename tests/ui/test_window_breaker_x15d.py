"""Breaker X15d (issue 15): session 11's window work (the sign-in under the idle lock, File > Open while the backup
of the roster left cannot be written) driven like a hurried officer and a hostile world."""

from __future__ import annotations


import shiboken6
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop_app.services import accounts
from desktop_app.storage.db import Database
from desktop_app.ui.accounts import AccountsFeature
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection
from tests.storage.test_errors import held_lock
from tests.ui.test_accounts import staffed_db  # noqa: F401 (fixture)
from tests.ui.test_sign_in_off_gui_thread import head_window  # noqa: F401 (fixture)
from tests.ui.test_window_loose_ends_s11 import _waiting_window


def test_a_switch_user_pin_checked_after_another_officer_unlocked_the_idle_lock_signs_nobody_over_them(
        qtbot: QtBot, head_window: MainWindow, staffed_db: Database) -> None:  # noqa: F811
    """File > Switch user…: B. Duty's PIN waits for a colleague's lock and B. Duty walks away; the idle lock fires,
    V. Hotline (a volunteer) signs in at it, and the colleague lets go. B. Duty's check, answered after V. Hotline's
    (its wait is the outer one), signed B. Duty in over V. Hotline: the volunteer worked on as an officer, the
    audit trail naming B. Duty. Now the one who signed in last, at the keyboard, stays signed in."""
    window = head_window
    assert staffed_db.target.path is not None
    lock = window.feature(Protection).lock
    feature = window.feature(AccountsFeature)
    qtbot.waitUntil(lambda: feature._names is not None, timeout=10_000)  # the names the idle lock offers
    dialog = feature.ask_sign_in(switching=True)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.name.count() > 0, timeout=10_000)
    problems: list[str] = []

    def volunteer_unlocks() -> None:
        if _waiting_window() is None:
            QTimer.singleShot(20, volunteer_unlocks)
            return
        lock.lock()  # the idle time runs out while B. Duty's PIN waits
        screen = lock.asking_screen
        assert screen is not None
        screen.user.setCurrentIndex(screen.user.findText("V. Hotline"))
        screen.edit.setText("1234")
        QTimer.singleShot(0, let_go_once_both_wait)
        screen.button.click()  # returns once the PIN is checked
        if lock.locked:
            problems.append(screen.problem.text())

    def let_go_once_both_wait() -> None:
        if not lock._checking:
            QTimer.singleShot(20, let_go_once_both_wait)
            return
        colleague.kill()

    with held_lock(staffed_db.target.path, 30) as colleague:
        QTimer.singleShot(0, volunteer_unlocks)
        dialog.name.setCurrentIndex(dialog.name.findData("B. Duty"))
        dialog.pin.setText("2222")
        dialog.sign_in()
    assert problems == [] and not lock.locked
    signed = accounts.signed_in(staffed_db)
    assert signed is not None and signed.name == "V. Hotline"
    assert window.operator == "V. Hotline"
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=5_000)
    if shiboken6.isValid(dialog):
        assert dialog.account is None
