"""Attacks on backups, restore and damaged rosters in the window, replayed: a damaged roster's
garbled rows are painted (the window stays usable, read-only) instead of raising while painting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import demo, persons
from desktop_app.storage.db import DamagedRoster, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from tests.storage.test_backup_defects import _flip_persons_page


def _when_shown(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    def attempt() -> None:
        shown = QApplication.activeModalWidget()
        if not isinstance(shown, kind):
            QTimer.singleShot(20, attempt)
            return
        act(shown)

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
