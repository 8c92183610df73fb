"""The window's side of issue 12 (defects 8, 11, 14) and issue 13 item 4: the encrypt dialog lists the
plain copies left and encrypts or removes them; automatic backups to a missing USB folder say so and
write nothing; a damaged roster is shown as such with its last good backup, and takes no write."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import backups, demo, persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage import db as storage_db
from desktop_app.storage.db import DamagedRoster, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import PlainCopiesDialog, Protection
from desktop_app.ui.protection.backup_dialog import RestoreDialog
from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog
from tests.storage.test_backup_defects import _flip_persons_page

PASSPHRASE = "correct horse battery staple"


def _when_shown(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog of `kind` once it is shown."""
    def attempt() -> None:
        shown = QApplication.activeModalWidget()
        if not isinstance(shown, kind):
            QTimer.singleShot(20, attempt)
            return
        act(shown)

    QTimer.singleShot(0, attempt)


def _plain(path: Path) -> bool:
    return path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_encrypt_lists_the_plain_copies_and_encrypts_them(qtbot: QtBot, tmp_path: Path,
                                                          preferences: Preferences) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    preferences.backup_folder = str(folder)
    database = open_database(tmp_path / "roster.db")
    demo.fill_demo(database, households=3, operator="demo")
    window = MainWindow(database, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(list(folder.glob("*.db"))) == 1 and window.feature(Protection).auto_task is None,
                    timeout=20_000)
    listed: list[str] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        dialog.edit.setText(PASSPHRASE)
        dialog.confirm.setText(PASSPHRASE)
        _when_shown(PlainCopiesDialog, encrypt_them)
        dialog._accept()

    def encrypt_them(dialog: QWidget) -> None:
        assert isinstance(dialog, PlainCopiesDialog)
        dialog.grab().save(str(tmp_path / "plain-copies.png"))
        listed.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        assert dialog.encrypt.isChecked()  # the default
        dialog.accept()

    migration_copy = tmp_path / "roster.db.before-migration-0008-20240101-101010"
    migration_copy.write_bytes(next(folder.glob("*.db")).read_bytes())
    plain_before = sorted([str(migration_copy), *(str(p) for p in folder.glob("*.db"))])
    _when_shown(PassphraseDialog, choose)
    window.feature(Protection).encrypt_or_rekey()
    qtbot.waitUntil(lambda: window.feature(Protection).busy is None, timeout=20_000)  # off the GUI thread
    assert window.db.encrypted
    assert sorted(listed) == plain_before
    qtbot.waitUntil(lambda: window.feature(Protection).auto_task is None, timeout=20_000)
    assert not _plain(migration_copy) and not any(_plain(path) for path in folder.glob("*.db"))
    assert all(info.persons for info in backups.list_backups(window.db, folder))  # readable with the key
    assert "2 plain copies encrypted" in window.statusBar().currentMessage()
    window.close()


def test_automatic_backups_to_a_missing_usb_folder_say_so_and_write_nothing(qtbot: QtBot, tmp_path: Path,
                                                                            preferences: Preferences) -> None:
    stick = tmp_path / "media" / "usb" / "roster-backups"
    preferences.backup_folder = str(stick)
    database = open_database(tmp_path / "roster.db")
    window = MainWindow(database, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "Automatic backup failed" in window.statusBar().currentMessage(), timeout=20_000)
    message = window.statusBar().currentMessage()
    assert f"folder {stick} does not exist: is the USB stick plugged in?" in message
    assert not stick.exists() and not stick.parent.exists()
    window.close()
    assert not stick.exists()  # nor at close


def test_a_damaged_roster_is_shown_with_its_last_good_backup_and_takes_no_write(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences) -> None:
    path = tmp_path / "roster.db"
    database = open_database(path)
    demo.fill_demo(database, households=20, operator="demo")
    (tmp_path / "backups").mkdir()
    good = backups.backup_now(database, tmp_path / "backups", operator="t")
    database.close()
    _flip_persons_page(path)
    damaged = open_database(path)
    shown: list[str] = []

    def close_it(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "damagedRosterBox"
        shown.append(box.text())
        box.grab().save(str(tmp_path / "damaged.png"))
        box.button(QMessageBox.StandardButton.Close).click()

    _when_shown(QMessageBox, close_it)
    window = MainWindow(damaged, "A. Petrova", preferences)
    qtbot.addWidget(window)  # not shown: painting the garbled rows is the roster page's own matter
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "damaged" in shown[0] and str(good.path) in shown[0]
    assert window.feature(Protection).auto is None  # no automatic backup of a damaged file
    with pytest.raises(DamagedRoster):
        persons.create_person(window.db, {"surname": "Written"}, operator="t")
    window.close()
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as check:
        assert check.execute("SELECT count(*) FROM persons WHERE surname = 'Written'").fetchone()[0] == 0


def test_a_roster_too_large_to_check_at_open_is_checked_once_the_window_is_open(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "roster.db"
    database = open_database(path)
    demo.fill_demo(database, households=20, operator="demo")
    database.close()
    _flip_persons_page(path)
    monkeypatch.setattr(storage_db, "CHECK_AT_OPEN_MAX_BYTES", 0)  # as if it were a 100,000-person roster
    damaged = open_database(path)
    assert damaged.damage is None  # not checked in full at open
    shown: list[str] = []

    def close_it(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "damagedRosterBox"
        shown.append(box.text())
        box.button(QMessageBox.StandardButton.Close).click()

    _when_shown(QMessageBox, close_it)
    window = MainWindow(damaged, "A. Petrova", preferences)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "damaged" in shown[0] and window.db.damage is not None
    with pytest.raises(DamagedRoster):
        persons.create_person(window.db, {"surname": "Written"}, operator="t")
    window.close()


def test_the_restore_dialog_says_why_each_copy_was_taken(qtbot: QtBot, tmp_path: Path,
                                                         preferences: Preferences) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    database = open_database(tmp_path / "roster.db")
    try:
        persons.create_person(database, {"surname": "Haddad"}, operator="t")
        backups.backup_now(database, folder, operator="t", reason="at open")
        backups.backup_now(database, folder, operator="t", reason="before import")
        dialog = RestoreDialog(Workspace(database, "t"), folder)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)  # the backups are read off the GUI thread
        why = [dialog.model.index(row, 3).data() for row in range(dialog.model.rowCount())]
        assert sorted(why) == ["before an import", "routine"]
        dialog.grab().save(str(tmp_path / "restore.png"))
        dialog.close()
    finally:
        database.close()
