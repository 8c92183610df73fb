"""Loose ends of the window left by session 10 (issue 15): the sign-in that the idle lock covered while its PIN was
checked, the final backup of a roster left by File > Open that cannot be written, and the unlock while that backup
waits for a colleague."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import accounts, persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.accounts.sign_in import SignInDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection
from tests.storage.test_errors import held_lock
from tests.ui.test_accounts import staffed_db  # noqa: F401 (fixture)
from tests.ui.test_open_off_gui_thread_s10 import OPEN_MS, _settled
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
        # "Checking the PIN…" is news, not a problem: it was shown in the problems' red.
        seen.append("red" if "b71c1c" in dialog.problem.styleSheet() else dialog.problem.text())
        lock.lock()  # the idle time runs out while the PIN waits
        seen.append("locked" if lock.locked and dialog in lock.covers else "not covered")
        colleague.kill()

    with held_lock(staffed_db.target.path, 30) as colleague:
        QTimer.singleShot(0, lock_while_checked)
        dialog.name.setCurrentIndex(dialog.name.findData("B. Duty"))
        dialog.pin.setText("2222")
        dialog.sign_in()
    assert seen == ["Checking the PIN…", "locked"]
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.account is not None
    assert accounts.signed_in(staffed_db) is not None
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert dialog not in lock.covers and lock.locked  # the main window's cover stays


def _leave_backup_box(qtbot: QtBot) -> QMessageBox:
    def shown() -> QMessageBox | None:
        return next((w for w in QApplication.allWidgets() if isinstance(w, QMessageBox)
                     and w.objectName() == "leaveBackupFailedBox" and w.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None, timeout=OPEN_MS)
    box = shown()
    assert box is not None
    return box


def _open_with_the_backup_folder_gone(qtbot: QtBot, window: MainWindow, demo_db: Database,
                                      tmp_path: Path) -> tuple[Path, Path, list[bool], QMessageBox]:
    gone = tmp_path / "usb-stick"  # chosen, then pulled out: never created by the program
    window.preferences.backup_folder = str(gone)
    _settled(qtbot, window, demo_db)
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    path = tmp_path / "next.db"
    open_database(path).close()
    opened: list[bool] = []
    window.open_locked(str(path), then=opened.append)
    box = _leave_backup_box(qtbot)
    assert str(gone) in box.text() and "could not be written" in box.text()
    qtbot.wait(50)
    assert opened == [] and window.db is demo_db  # the switch waits for the officer's answer
    return gone, path, opened, box


def test_a_backup_not_written_as_file_open_leaves_the_roster_is_asked_and_cancel_stays(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """The final backup of the roster File > Open leaves cannot be written (the backup folder gone): it was said in
    the status bar only, and the switch went on; the officer is asked, as at close, and Cancel stays."""
    gone, _path, opened, box = _open_with_the_backup_folder_gone(qtbot, window, demo_db, tmp_path)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    assert cancel is not None
    cancel.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [False] and window.db is demo_db
    assert window.feature(Protection).auto is not None  # its automatic backups go on
    gone.mkdir()  # the stick put back: the next close writes the backup
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=OPEN_MS)
    assert len(list(gone.glob("*.db"))) == 1


def test_open_anyway_opens_the_other_roster_without_the_backup(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    gone, path, opened, box = _open_with_the_backup_folder_gone(qtbot, window, demo_db, tmp_path)
    button = box.findChild(QPushButton, "openAnyway")
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [True] and window.db is not None and window.db.target.path == path
    assert not gone.exists()


def test_the_unlock_while_the_roster_left_waits_for_a_colleague_to_be_backed_up_is_not_refused(
        qtbot: QtBot, head_window: MainWindow, staffed_db: Database, tmp_path: Path) -> None:  # noqa: F811
    """A. Consul opens another roster; the one he leaves waits for a colleague to be backed up; the idle lock covers
    the window and he types his PIN at it before the colleague lets go. It was refused ('another roster was
    opened'): the PIN's check was given up as a write of the roster being left, though the switch waits for the
    lock to be taken off. Now it waits for the colleague as the backup does, the window unlocks, then switches."""
    window = head_window
    protection = _settled(qtbot, window, staffed_db)
    assert staffed_db.target.path is not None and protection.auto is not None
    persons.create_person(staffed_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")
    path = tmp_path / "next.db"
    open_database(path).close()
    lock = protection.lock
    opened: list[bool] = []
    problems: list[str] = []

    def let_go_once_the_pin_waits() -> None:
        if not lock._checking:
            QTimer.singleShot(20, let_go_once_the_pin_waits)
            return
        colleague.kill()

    with held_lock(staffed_db.target.path, 30) as colleague:
        window.open_locked(str(path), then=opened.append)
        qtbot.waitUntil(lambda: protection.leaving_backup is not None, timeout=OPEN_MS)
        lock.lock()
        screen = lock.asking_screen
        assert lock.locked and screen is not None
        screen.user.setCurrentIndex(screen.user.findText("A. Consul"))
        screen.edit.setText("4711")
        QTimer.singleShot(0, let_go_once_the_pin_waits)
        screen.button.click()  # returns once the PIN is checked
        if lock.locked:
            problems.append(screen.problem.text())
    assert problems == [] and not lock.locked
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [True] and window.db is not None and window.db.target.path == path
