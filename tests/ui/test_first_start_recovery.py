"""Tools > Make a recovery key…: a roster encrypted after its first start gets a key that opens it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import backups, demo, recovery
from desktop_app.storage.db import check_passphrase, open_database
from desktop_app.ui.first_start_recovery import RecoveryKeyDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog


def _when(step: Callable[[], bool], tries: int = 3000) -> None:
    """Call `step` every 20 ms until it returns True; after `tries` the modal dialog in front is rejected,
    so that a dialog the test did not expect fails the test instead of hanging it."""
    left = [tries]

    def again() -> None:
        if step():
            return
        left[0] -= 1
        if left[0] <= 0:
            modal = QApplication.activeModalWidget()
            if modal is not None:
                modal.close()
            return
        QTimer.singleShot(20, again)

    QTimer.singleShot(0, again)


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "roster.db"
    db = open_database(path)
    demo.fill_demo(db, households=3, operator="demo")
    db.close()
    backups.encrypt_roster(path, "the first passphrase", operator="t")
    return path


def test_a_key_made_in_the_window_opens_the_roster(qtbot: QtBot, encrypted: Path, preferences: Preferences) -> None:
    db = open_database(encrypted, passphrase="the first passphrase")
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    action = window.actions["recoveryKey"]
    assert action.isEnabled() and action in window.actions.menu("Tools").actions()
    seen: dict[str, str] = {}

    def step() -> bool:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, PassphraseDialog) and modal.isVisible():
            edit = modal.findChild(QLineEdit, "passphraseEdit")
            if "wrong" not in seen:
                edit.setText("not the passphrase")
                seen["wrong"] = ""
                modal._accept()
            elif modal.problem.text():
                seen["wrong"] = modal.problem.text()
                edit.setText("the first passphrase")
                modal._accept()
            return False
        if isinstance(modal, RecoveryKeyDialog) and modal.isVisible():
            seen["key"] = modal.view.key.text()
            modal.accept()
            return True
        return False

    _when(step)
    action.trigger()
    assert seen["wrong"].startswith("Wrong passphrase")
    window.close()
    # The window closes once its backup at close, written off the GUI thread, is done.
    qtbot.waitUntil(lambda: window.feature(Protection).closing_backup is None, timeout=20_000)
    db.close()
    recovery.recover_roster(encrypted, seen["key"], "a second passphrase", operator="t")
    check_passphrase(encrypted, "a second passphrase")


def test_a_plain_roster_has_no_recovery_key_to_make(window: MainWindow) -> None:
    assert not window.actions["recoveryKey"].isEnabled()


def test_a_forgotten_passphrase_at_open_is_replaced_with_the_recovery_key(qtbot: QtBot, encrypted: Path) -> None:
    from desktop_app.ui.first_start_recovery import RecoverDialog
    from desktop_app.ui.protection import open_roster

    key = recovery.make_recovery_key(encrypted, "the first passphrase", operator="t")
    seen: dict[str, str] = {}

    def step() -> bool:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, RecoverDialog) and modal.isVisible():
            if "refused" not in seen:
                modal.key.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")  # a wrong key first
                modal.new.setText("a new passphrase")
                modal.again.setText("a new passphrase")
                modal._recover()
                seen["refused"] = modal.problem.text()
                return False
            modal.key.setText(key.lower())
            modal._recover()
            return True
        if isinstance(modal, PassphraseDialog) and modal.isVisible():
            button = modal.findChild(QPushButton, "forgotPassphraseButton")
            assert button is not None
            # Clicked after this look returns: the click opens the recovery dialog's own event loop,
            # inside which the next look must still be scheduled (clicked here, it never was).
            QTimer.singleShot(0, button.click)
        return False

    _when(step)
    db = open_roster(None, str(encrypted), "A. Petrova")
    assert db is not None
    db.close()
    assert "does not open" in seen["refused"]
    check_passphrase(encrypted, "a new passphrase")


def test_a_roster_without_a_recovery_file_offers_none(qtbot: QtBot, encrypted: Path) -> None:
    from desktop_app.ui.first_start_recovery import offer_recovery

    dialog = PassphraseDialog(None, "t", "t")
    qtbot.addWidget(dialog)
    assert offer_recovery(dialog, str(encrypted), passphrase_edit=dialog.edit, operator="t") is None
