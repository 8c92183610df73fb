"""Attacks on backups, restore and damaged rosters in the window, replayed: a damaged roster's
garbled rows are painted (the window stays usable, read-only) instead of raising while painting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import backups, demo, persons, stats
from desktop_app.storage.db import DamagedRoster, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from desktop_app.ui.protection.backup_dialog import RestoreDialog
from tests.storage.test_backup_defects import _flip_persons_page


def _when_shown(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    def attempt() -> None:
        shown = QApplication.activeModalWidget()
        if not isinstance(shown, kind) or getattr(shown, "loading", False):  # a list still being read
            QTimer.singleShot(20, attempt)
            return
        act(shown)

    QTimer.singleShot(0, attempt)


def _answer_boxes(replies: list[str], buttons: list[QMessageBox.StandardButton]) -> None:
    """Answer the next message boxes in turn, each with its button, recording their texts."""
    answered: list[QMessageBox] = []

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box in answered:
            QTimer.singleShot(20, attempt)
            return
        answered.append(box)
        replies.append(box.text())
        button = box.button(buttons[len(answered) - 1])
        if button is None:  # not the question expected: close it, so the test fails instead of waiting forever
            box.reject()
            return
        button.click()
        if len(answered) < len(buttons):
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


@pytest.mark.parametrize("offset", [600, 1200, 2000, 3500])
def test_a_damaged_roster_is_painted_and_stays_usable_read_only(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences, offset: int) -> None:
    path = tmp_path / "roster.db"
    database = open_database(path)
    demo.fill_demo(database, households=40, operator="demo")
    database.close()
    _flip_persons_page(path, offset)
    damaged = open_database(path)
    assert damaged.damage is not None
    _when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Close).click())
    window = MainWindow(damaged, "A. Petrova", preferences)
    qtbot.addWidget(window)
    with qtbot.captureExceptions() as raised:
        window.show()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=20_000)
        qtbot.wait(300)
        model = window.roster.model
        qtbot.waitUntil(lambda: model.searched and not model.loading and not model.pages_loading, timeout=20_000)
        names = [str(model.data(model.index(row, 1))) for row in range(model.rowCount())]
        window.roster.table.scrollToBottom()
        qtbot.wait(100)
        window.grab().save(str(tmp_path / f"damaged-{offset}.png"))
    assert not raised, raised
    unreadable = [name for name in names if name.startswith("(damaged record")]
    assert len(names) > 100 and len(unreadable) < len(names) / 2  # the readable rows are shown
    with pytest.raises(DamagedRoster):
        persons.create_person(window.db, {"surname": "Written"}, operator="t")
    window.close()


def test_a_backup_of_another_roster_is_restored_only_when_the_officer_says_so(
        qtbot: QtBot, tmp_path: Path, preferences: Preferences) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    beirut = open_database(tmp_path / "beirut.db")
    demo.fill_demo(beirut, households=3, operator="demo")
    theirs = backups.backup_now(beirut, stick, operator="t")
    beirut.close()
    preferences.backup_folder = str(stick)
    cairo = open_database(tmp_path / "cairo.db")
    demo.fill_demo(cairo, households=12, operator="demo")
    ours = stats.roster_stats(cairo).persons
    window = MainWindow(cairo, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.feature(Protection).auto_task is None and len(list(stick.glob("cairo-*"))) == 1,
                    timeout=20_000)
    replies: list[str] = []

    def choose(*answers: QMessageBox.StandardButton) -> None:
        def pick(dialog: QWidget) -> None:
            assert isinstance(dialog, RestoreDialog)
            row = next(i for i, info in enumerate(dialog.model.records) if info.path == theirs.path)
            dialog.table.selectRow(row)
            _answer_boxes(replies, [QMessageBox.StandardButton.Yes, *answers])  # go back? another roster: sure?
            dialog.restore_button.click()
        _when_shown(RestoreDialog, pick)

    choose(QMessageBox.StandardButton.No)
    window.feature(Protection).restore()
    qtbot.waitUntil(lambda: window.feature(Protection).busy is None, timeout=20_000)  # off the GUI thread
    assert "a backup of another roster" in replies[-1]
    assert stats.roster_stats(window.db).persons == ours  # refused: nothing changed
    persons.create_person(window.db, {"surname": "Still"}, operator="t")  # and the roster still works
    choose(QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok)  # sure; and the 'Restored' note
    window.feature(Protection).restore()
    qtbot.waitUntil(lambda: window.feature(Protection).busy is None, timeout=20_000)  # off the GUI thread
    assert stats.roster_stats(window.db).persons == theirs.persons
    assert len(list(stick.glob("cairo-backup-*-before-restore.db"))) == 1
    window.close()
