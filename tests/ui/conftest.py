"""GUI fixtures: a preferences object with an operator, and a window on a small roster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop_app.services import demo
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    prefs = Preferences(settings)
    prefs.operator = "A. Petrova"
    return prefs


@pytest.fixture
def demo_db(db: Database) -> Database:
    demo.fill_demo(db, households=30, operator="demo")
    return db


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    main = MainWindow(demo_db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main


@pytest.fixture(autouse=True)
def no_window_outlives_its_test(qtbot: QtBot) -> Iterator[None]:
    """Reject whatever dialog a test left open.

    A dialog left visible (modal ones above all) keeps the focus and the
    activation from the windows of the tests that follow, which then fail
    for a reason of their own: seen in full runs as a keyboard test whose
    editor never became the active window.
    """
    yield
    from PySide6.QtWidgets import QApplication, QDialog

    from tests.ui.polling import end_of_test

    end_of_test()

    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and isinstance(widget, QDialog):
            widget.reject()
    QApplication.processEvents()
