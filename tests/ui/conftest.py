"""GUI fixtures: a preferences object with an operator, and a window on a small roster."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop_app.services import demo
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from tests.ui.leftovers import close_main_windows_left_shown


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """The main windows the test left shown are closed, and waited for, before pytest-qt (whose teardown
    runs inside this one) closes and deletes them: see tests/ui/leftovers.py."""
    close_main_windows_left_shown()
    yield


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
    qtbot.waitUntil(lambda: main.roster.model.searched and not main.roster.model.loading)  # read off the GUI thread
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


@pytest.fixture(scope="session")
def screen_check() -> Iterator[ModuleType]:
    """packaging/screen_check.py, the check that every screen fits, loaded as a module."""
    script = Path(__file__).resolve().parents[2] / "packaging" / "screen_check.py"
    spec = importlib.util.spec_from_file_location("screen_check", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module


@pytest.fixture(params=["en", "ru"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The window's language for one run of the test, English again afterwards."""
    from desktop_app.ui import i18n

    i18n.install_language(request.param)
    try:
        yield request.param
    finally:
        i18n.install_language("en")
