"""Loose ends of the window left by session 10 (issue 15): the sign-in that the idle lock covered while its PIN was
checked, the final backup of a roster left by File > Open that cannot be written, and the unlock while that backup
waits for a colleague."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop_app.services import accounts
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.accounts.sign_in import SignInDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection
from tests.storage.test_errors import held_lock
from tests.ui.test_accounts import staffed_db  # noqa: F401 (fixture)
from tests.ui.test_sign_in_off_gui_thread import head_window  # noqa: F401 (fixture)


def _waiting_window() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                 and w.objectName() == "waitingForLock" and w.isVisible()), None)


def test_a_switch_user_signed_in_after_the_idle_lock_fired_closes(
        qtbot: QtBot, head_window: MainWindow, staffed_db: Database) -> None:  # noqa: F811
    """File > Switch user…: B. Duty's PIN waits for a colleague's lock, the idle lock fires meanwhile and covers the
    dialog, the colleague lets go and the PIN is right: the dialog closes under the cover (it stayed, signed in,
    until Sign in was pressed again), and the window stays locked for whoever comes next."""
    assert staffed_db.target.path is not None
    lock = head_window.feature(Protection).lock
    dialog = SignInDialog(Workspace(staffed_db, head_window.operator), head_window, switching=True)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.name.count() > 0, timeout=10_000)
    seen: list[str] = []

    def lock_while_checked() -> None:
        if _waiting_window() is None:
            QTimer.singleShot(20, lock_while_checked)
            return
        lock.lock()  # the idle time runs out while the PIN waits
        seen.append("locked" if lock.locked and dialog in lock.covers else "not covered")
        colleague.kill()

    with held_lock(staffed_db.target.path, 30) as colleague:
        QTimer.singleShot(0, lock_while_checked)
        dialog.name.setCurrentIndex(dialog.name.findData("B. Duty"))
        dialog.pin.setText("2222")
        dialog.sign_in()
    assert seen == ["locked"]
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.account is not None
    assert accounts.signed_in(staffed_db) is not None
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert dialog not in lock.covers and lock.locked  # the main window's cover stays
