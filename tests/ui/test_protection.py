"""The protection GUI: passphrase at open, backups at open and on demand, restore with what each backup
holds, the audit check, the idle lock, and the Tools menu entries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import demo, persons, stats
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection, open_roster
from desktop_app.ui.protection.backup_dialog import BackupSettingsDialog, RestoreDialog
from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog
from tests.ui.typing import answer_next_message_box

PASSPHRASE = "correct horse battery staple"


def _tools(window: MainWindow) -> dict[str, object]:
    return {a.objectName(): a for a in window.actions.menu("Tools").actions() if a.objectName()}


@pytest.fixture
def backup_dir(tmp_path: Path, preferences: Preferences) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    preferences.backup_folder = str(folder)
    return folder


@pytest.fixture
def secret_window(qtbot: QtBot, tmp_path: Path, preferences: Preferences, backup_dir: Path) -> Iterator[MainWindow]:
    db = open_database(tmp_path / "secret.db", passphrase=PASSPHRASE)
    demo.fill_demo(db, households=5, operator="demo")
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    yield main


def test_tools_menu_has_the_protection_entries(window: MainWindow) -> None:
    names = set(_tools(window))
    assert {"backupNowAction", "restoreAction", "verifyAuditAction", "backupSettingsAction", "encryptAction",
            "lockAction", "retentionAction"} <= names


def test_a_backup_is_taken_at_open_and_on_demand(qtbot: QtBot, backup_dir: Path, window: MainWindow) -> None:
    # At open, off the GUI thread: the window is usable before the backup is checked.
    qtbot.waitUntil(lambda: len(list(backup_dir.glob("*.db"))) == 1 and window.feature(Protection).auto_task is None,
                    timeout=10_000)
    window.feature(Protection).back_up_now()
    qtbot.waitUntil(lambda: "Backup written and checked" in window.statusBar().currentMessage(), timeout=10_000)
    assert len(list(backup_dir.iterdir())) == 2


def test_restore_dialog_shows_what_each_backup_holds_and_restores(qtbot: QtBot, qtmodeltester: object,
                                                                  backup_dir: Path, window: MainWindow) -> None:
    count = stats.roster_stats(window.db).persons
    persons.create_person(window.db, {"surname": "Later"}, operator="t")
    # The table shows the person added after the backup, so that the restore below has something to take away.
    window.roster.model.refresh()
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == count + 1, timeout=20_000)
    dialog = RestoreDialog(window.hub.workspace, backup_dir, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)  # the backups are read off the GUI thread
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    (info,) = dialog.model.records
    assert info.persons == count
    assert dialog.table.model().index(0, 1).data() == str(count)
    dialog.close()

    def choose_first() -> None:
        shown = QApplication.activeModalWidget()
        if not isinstance(shown, RestoreDialog) or shown.loading:
            QTimer.singleShot(20, choose_first)
            return
        replies: list[str] = []
        answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
        shown.restore_button.click()
        QTimer.singleShot(100, lambda: answer_next_message_box(replies))

    QTimer.singleShot(0, choose_first)
    window.feature(Protection).restore()
    qtbot.waitUntil(lambda: window.feature(Protection).busy is None, timeout=20_000)  # off the GUI thread
    assert stats.roster_stats(window.db).persons == count
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == count)  # the table reads off the GUI thread


def test_verify_audit_trail_reports_intact_or_the_first_bad_entry(qtbot: QtBot, window: MainWindow,
                                                                  demo_db: Database) -> None:
    replies: list[str] = []
    answer_next_message_box(replies)
    window.feature(Protection).verify_action.trigger()
    qtbot.waitUntil(lambda: len(replies) == 1, timeout=20_000)  # checked off the GUI thread
    assert "intact" in replies[0]
    with window.db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
        connection.exec_driver_sql("UPDATE audit_entries SET operator = 'someone else' WHERE id = 5")
    answer_next_message_box(replies)
    window.feature(Protection).verify_action.trigger()
    qtbot.waitUntil(lambda: len(replies) == 2, timeout=20_000)
    assert "entry 5" in replies[1]


def test_idle_lock_hides_the_roster_until_the_passphrase(qtbot: QtBot, secret_window: MainWindow) -> None:
    window = secret_window
    assert window.feature(Protection).lock.timer.isActive()  # an encrypted roster locks after the idle time
    window.feature(Protection).lock_action.trigger()
    screen = window.feature(Protection).lock.screen
    assert screen is not None and not window.centralWidget().isVisible()
    assert not window.menuBar().isEnabled()
    qtbot.keyClicks(screen.edit, "wrong")
    screen.button.click()
    assert screen.problem.text() == "Wrong passphrase."
    assert not window.centralWidget().isVisible()
    qtbot.keyClicks(screen.edit, PASSPHRASE)
    screen.button.click()
    assert window.feature(Protection).lock.screen is None and window.centralWidget().isVisible()


def test_a_plain_roster_does_not_lock(window: MainWindow) -> None:
    assert not window.feature(Protection).lock.timer.isActive()
    assert not window.feature(Protection).lock_action.isEnabled()


def test_opening_an_encrypted_roster_asks_until_the_passphrase_is_right(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    open_database(path, passphrase=PASSPHRASE).close()
    problems: list[str] = []

    def type_into_dialog(passphrase: str, then: str | None) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, lambda: type_into_dialog(passphrase, then))
            return
        problems.append(dialog.problem.text())
        dialog.edit.setText(passphrase)
        if then is not None:
            QTimer.singleShot(50, lambda: type_into_dialog(then, None))
        dialog._accept()

    QTimer.singleShot(0, lambda: type_into_dialog("not it at all", PASSPHRASE))
    database = open_roster(None, str(path), "A. Petrova")
    assert database is not None and database.encrypted
    assert problems == ["", "Wrong passphrase. The roster was not changed."]
    database.close()


def test_new_roster_passphrase_is_typed_twice_or_no_encryption(qtbot: QtBot) -> None:
    dialog = PassphraseDialog(None, "Protect", "choose", choose=True, allow_plain=True)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edit, "short")
    dialog._accept()
    assert "at least" in dialog.problem.text()
    dialog.edit.setText(PASSPHRASE)
    dialog.confirm.setText(PASSPHRASE + "x")
    dialog._accept()
    assert "differ" in dialog.problem.text()
    dialog.confirm.setText(PASSPHRASE)
    dialog._accept()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted and dialog.passphrase == PASSPHRASE
    plain = PassphraseDialog(None, "Protect", "choose", choose=True, allow_plain=True)
    qtbot.addWidget(plain)
    plain.findChild(object, "noEncryptionButton").click()  # type: ignore[union-attr]
    assert plain.result() == PassphraseDialog.DialogCode.Accepted and plain.passphrase is None


def test_backup_settings_are_saved(qtbot: QtBot, preferences: Preferences, tmp_path: Path) -> None:
    dialog = BackupSettingsDialog(preferences)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    dialog.interval.setValue(5)
    dialog.lock.setValue(3)
    dialog._save()
    assert preferences.backup_folder == str(tmp_path)
    assert int(preferences.value("backup_interval_minutes")) == 5  # type: ignore[call-overload]
    assert int(preferences.value("lock_idle_minutes")) == 3  # type: ignore[call-overload]
