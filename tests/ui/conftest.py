"""GUI fixtures: a preferences object with an operator, a window on a small roster, and a roster big enough
(`BIG_ROSTER_PERSONS`) that a backup or a search for duplicates takes seconds while a save takes a fraction of one."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop_app.services import demo
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from tests.ui.leftovers import close_main_windows_left_shown
from tests.ui.opening import shown_window


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


BIG_ROSTER_PERSONS = 20_000


@pytest.fixture(scope="session")
def big_roster_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bulk-built demonstration roster of `BIG_ROSTER_PERSONS`, built once a run: copy it before opening."""
    path = tmp_path_factory.mktemp("big-roster") / "roster.db"
    database = open_database(path)
    build_demo_roster(database, persons=BIG_ROSTER_PERSONS)
    database.close()
    return path


@pytest.fixture
def big_db(big_roster_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A copy of the big roster, open, for one test."""
    path = tmp_path / "roster.db"
    shutil.copy(big_roster_file, path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture
def big_window(qtbot: QtBot, big_db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    """A window on a copy of the big roster, its table's ids read."""
    main = shown_window(qtbot, big_db, preferences)
    yield main
    main.close()


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
    # read off the GUI thread; the first window of a run also imports what the pages need, beside the backup at open
    # (a whole run's first window took past waitUntil's 5 s default once)
    qtbot.waitUntil(lambda: main.roster.model.searched and not main.roster.model.loading, timeout=30_000)
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
