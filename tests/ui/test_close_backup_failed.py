"""The backup at close that cannot be written (issue 15): the officer is told why and chooses. It was only
logged, and the window closed without the backup the officer counted on (a pulled USB stick, a full disk).

The close waits; a box names the reason and offers Close anyway, or Cancel: the window stays open with its
automatic backups, to choose another folder."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection


def _settled(qtbot: QtBot, window: MainWindow, db: Database) -> Protection:
    """The backup at open written, and a change made since: a backup is due at close."""
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: window.roster_changes.watched is db and protection.auto_task is None, timeout=20_000)
    persons.create_person(db, {"surname": "Late", "given_names": "Arrival"}, operator="t")
    return protection


def _box(qtbot: QtBot) -> QMessageBox:
    def shown() -> QMessageBox | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
                     and w.objectName() == "closeBackupFailedBox" and w.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None, timeout=20_000)
    box = shown()
    assert box is not None
    return box


def _close_and_answer(qtbot: QtBot, window: MainWindow, button: str) -> str:
    window.close()
    box = _box(qtbot)
    assert window.isVisible()  # the close waits for the officer's answer
    said = box.text()
    if button == "cancel":
        found = box.button(QMessageBox.StandardButton.Cancel)
    else:
        found = box.findChild(QPushButton, "closeAnyway")
    assert found is not None
    found.click()
    return said


def test_a_backup_folder_gone_is_told_and_cancel_keeps_the_window_open(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    gone = tmp_path / "usb-stick"  # chosen, then pulled out: never created by the program
    window.preferences.backup_folder = str(gone)
    protection = _settled(qtbot, window, demo_db)
    said = _close_and_answer(qtbot, window, "cancel")
    assert str(gone) in said and "could not be written" in said
    qtbot.wait(50)
    assert window.isVisible() and protection.closing_backup is None
    assert protection.auto is not None  # its automatic backups go on
    gone.mkdir()  # the stick put back: the next close writes the backup and closes
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert len(list(gone.glob("*.db"))) == 1


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A real read-only filesystem (a tmpfs mounted read-only; root, as on every machine of this project, writes
    into a folder whose mode says read-only)."""
    where = tmp_path / "read-only"
    where.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(where)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"mounting a read-only tmpfs needs root here: {result.stderr}"
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_read_only_backup_folder_is_told_and_close_anyway_closes(
        qtbot: QtBot, window: MainWindow, demo_db: Database, read_only_folder: Path) -> None:
    window.preferences.backup_folder = str(read_only_folder)
    _settled(qtbot, window, demo_db)
    said = _close_and_answer(qtbot, window, "close")
    assert str(read_only_folder) in said and "read-only" in said.lower()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert list(read_only_folder.iterdir()) == []
