"""Breaker X15d (issue 15): session 11's window work (the sign-in under the idle lock, File > Open while the backup
of the roster left cannot be written) driven like a hurried officer and a hostile world."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import accounts, persons
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.accounts import AccountsFeature
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from tests.storage.test_errors import held_lock
from tests.ui.test_accounts import staffed_db  # noqa: F401 (fixture)
from tests.ui.test_open_off_gui_thread_s10 import OPEN_MS, _settled
from tests.ui.test_sign_in_off_gui_thread import head_window  # noqa: F401 (fixture)
from tests.ui.test_window_loose_ends_s11 import _open_with_the_backup_folder_gone, _waiting_window


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


def _leave_backup_box(qtbot: QtBot) -> QMessageBox:
    def shown() -> QMessageBox | None:
        return next((w for w in QApplication.allWidgets() if isinstance(w, QMessageBox)
                     and w.objectName() == "leaveBackupFailedBox" and w.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None, timeout=OPEN_MS)
    box = shown()
    assert box is not None
    return box


def test_a_file_named_backups_beside_the_roster_is_told_not_a_crash(
        qtbot: QtBot, demo_db: Database, preferences: Preferences, tmp_path: Path) -> None:
    """No backup folder chosen, and a file named 'backups' beside the roster (where its folder would be made; or the
    roster's folder read-only, or gone): the window could not be built (FileExistsError from the protection's start),
    File > Open's 'the folder cannot be made' said only 'File exists', and after its Cancel the automatic backup
    every few minutes raised. Now every backup says why, naming the path, as for a pulled USB stick."""
    assert demo_db.target.path is not None
    in_the_way = demo_db.target.path.parent / "backups"
    in_the_way.write_text("the officer's notes")
    window = MainWindow(demo_db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    protection = _settled(qtbot, window, demo_db)
    assert str(in_the_way) in window.statusBar().currentMessage()  # the backup at open: told
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    path = tmp_path / "next.db"
    open_database(path).close()
    opened: list[bool] = []
    window.open_locked(str(path), then=opened.append)
    box = _leave_backup_box(qtbot)
    assert str(in_the_way) in box.text() and "not a folder" in box.text()
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    assert cancel is not None
    cancel.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [False] and window.db is demo_db and protection.auto is not None
    window.statusBar().clearMessage()
    protection._periodic_backup()  # the timer's few minutes are up
    qtbot.waitUntil(lambda: protection.auto_task is None and str(in_the_way) in window.statusBar().currentMessage(),
                    timeout=OPEN_MS)
    assert in_the_way.read_text() == "the officer's notes"


def test_file_open_while_the_window_waits_to_close_is_refused_and_the_roster_left_is_backed_up(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """The officer closes the window; its backup at close waits for a colleague's lock, the window answering; in a
    hurry they use File > Open meanwhile. The other roster came in at once (the roster left was not backed up: its
    automatic backups had stopped for the close), the close's backup then found another roster open and wrote
    nothing, and the window closed on the roster just opened: the last changes were in no backup. Now the open is
    refused, said, and the window closes once the roster's backup is written."""
    _settled(qtbot, window, demo_db)
    assert demo_db.target.path is not None
    persons.create_person(demo_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    folder = demo_db.target.path.parent / "backups"
    before = set(folder.glob("roster-*.db"))
    path = tmp_path / "next.db"
    open_database(path).close()
    opened: list[bool] = []
    said: list[str] = []

    def read_the_refusal() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
                    and w.objectName() == "errorMessage" and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, read_the_refusal)
            return
        said.append(box.text())
        box.accept()

    with held_lock(demo_db.target.path, 30) as colleague:
        window.close()
        qtbot.waitUntil(lambda: _waiting_window() is not None, timeout=OPEN_MS)
        assert window.isVisible()  # the close waits for its backup
        QTimer.singleShot(0, read_the_refusal)
        window.open_locked(str(path), then=opened.append)
        qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
        assert opened == [False] and window.db is demo_db
        assert len(said) == 1 and "next.db" in said[0]
        colleague.kill()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=OPEN_MS)
    assert len(set(folder.glob("roster-*.db")) - before) == 1  # the roster left, with its last change


def test_enter_pressed_again_on_the_opening_box_does_not_give_the_open_up(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    """Enter twice: the first opens the file in File > Open's dialog, the second lands on the "Opening…" box, whose
    Cancel was its default button: the roster asked for never came in ('Cancelling…'). Escape is still its Cancel."""
    _settled(qtbot, window, demo_db)
    path = tmp_path / "next.db"
    open_database(path).close()
    opened: list[bool] = []
    window.open_locked(str(path), then=opened.append)
    opening = window.opening
    assert opening is not None
    cancel = opening.box.findChild(QPushButton)
    assert cancel is not None
    qtbot.keyClick(cancel, Qt.Key.Key_Return)  # the box's Cancel button has the focus
    qtbot.keyClick(opening.box, Qt.Key.Key_Enter)
    assert not opening.given_up
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [True] and window.db is not None and window.db.target.path == path
    window.open_locked(str(demo_db.target.path), then=opened.append)
    opening = window.opening
    assert opening is not None
    qtbot.keyClick(opening.box, Qt.Key.Key_Escape)
    assert opening.given_up
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=OPEN_MS)
    assert opened == [True, False]


def test_the_window_deleted_while_asked_open_anyway_lets_both_rosters_go_without_an_error(
        qtbot: QtBot, demo_db: Database, preferences: Preferences, tmp_path: Path) -> None:
    """The window closed and deleted while "Backup not written" asks Open anyway or Cancel (the box goes with it):
    the box's going, taken as Cancel, put the automatic backups back on a window being deleted and raised
    ('Internal C++ object (QTimer) already deleted'). Now the open is given up and the roster opened is closed."""
    window = MainWindow(demo_db, "A. Petrova", preferences)
    window.show()
    qtbot.waitExposed(window)
    _gone, _path, opened, box = _open_with_the_backup_folder_gone(qtbot, window, demo_db, tmp_path)
    opening = window.opening
    assert opening is not None
    window.close()
    box.hide()  # a top-level widget hidden before it goes (Qt's offscreen platform)
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(box), timeout=OPEN_MS)
    assert opened == [False] and opening.database is None  # given up, the roster opened closed


@pytest.mark.parametrize("enter_again", [False, True], ids=["once", "enter-again"])
def test_the_pin_typed_at_the_idle_lock_behind_the_backup_of_the_roster_left_can_give_that_backup_up(
        qtbot: QtBot, head_window: MainWindow, staffed_db: Database, tmp_path: Path,  # noqa: F811
        enter_again: bool) -> None:
    """File > Open: the backup of the roster left waits for a colleague, its waiting window naming them; the idle
    lock covers it. A. Consul's PIN typed at the lock is checked after that backup (one writer): it waited with
    nothing shown and nothing to press, the backup's waiting window covered, for as long as the colleague held on.
    Now that window takes input while the PIN waits: its Cancel gives the backup up (the roster stays), then the
    PIN is checked and the window unlocks. Enter pressed again at the lock meanwhile changes nothing (its second
    check, refused at once, covered the waiting windows again and ended the first one's 'checking')."""
    window = head_window
    protection = _settled(qtbot, window, staffed_db)
    assert staffed_db.target.path is not None
    persons.create_person(staffed_db, {"surname": "Late", "given_names": "Arrival"}, operator="t")  # a backup is due
    path = tmp_path / "next.db"
    open_database(path).close()
    lock = protection.lock
    opened: list[bool] = []
    problems: list[str] = []
    pressed: list[bool] = []

    def cancel_the_backup_once_the_pin_waits() -> None:
        waiting = _waiting_window()
        if not lock._checking or waiting is None:
            QTimer.singleShot(20, cancel_the_backup_once_the_pin_waits)
            return
        if enter_again:
            assert screen is not None
            qtbot.keyClick(screen.edit, Qt.Key.Key_Return)
        cancel = waiting.findChild(QPushButton)
        assert cancel is not None
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # the officer's click: the lock lets no input under it
        pressed.append(True)
        QTimer.singleShot(0, let_go_once_the_backup_is_given_up)

    def let_go_once_the_backup_is_given_up() -> None:
        if not opened and protection.leaving_backup is not None and not protection.leaving_backup.done:
            QTimer.singleShot(20, let_go_once_the_backup_is_given_up)
            return
        colleague.kill()

    with held_lock(staffed_db.target.path, 30) as colleague:
        window.open_locked(str(path), then=opened.append)
        qtbot.waitUntil(lambda: _waiting_window() is not None, timeout=OPEN_MS)  # the backup waits, named
        lock.lock()
        screen = lock.asking_screen
        assert screen is not None
        screen.user.setCurrentIndex(screen.user.findText("A. Consul"))
        screen.edit.setText("4711")
        QTimer.singleShot(0, cancel_the_backup_once_the_pin_waits)
        screen.button.click()  # returns once the PIN is checked
        if lock.locked:
            problems.append(screen.problem.text())
    assert pressed == [True] and problems == [] and not lock.locked
    qtbot.waitUntil(lambda: bool(opened), timeout=OPEN_MS)
    assert opened == [False] and window.db is staffed_db and protection.auto is not None
