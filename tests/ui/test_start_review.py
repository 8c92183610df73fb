"""Start-up in two steps, seen from the user's side: what the first paint shows is what the
completed window shows, whatever happened in between (a saved sort order, a roster changed by
another workstation, a search typed early, a window closed early)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.status import Status
from desktop_app.services import demo, persons, roster
from desktop_app.services.roster_rows import RosterQuery, SortKey
from desktop_app.storage.db import Database
from desktop_app.ui.app import FIRST_LOOK_ROWS, start_window
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from desktop_app.ui.roster_model import COLUMN_KEYS

BORN = COLUMN_KEYS.index("birth_date")
PHONE = COLUMN_KEYS.index("phone")


def _preferences_again(tmp_path: Path) -> Preferences:
    """The same settings file, read afresh as the next session would."""
    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_a_saved_sort_order_and_hidden_column_are_the_first_page_and_stay(
        qtbot: QtBot, demo_db: Database, db_path: Path, preferences: Preferences, tmp_path: Path) -> None:
    demo.fill_demo(demo_db, households=40, operator="demo", seed=7)
    before = MainWindow(demo_db, "A. Petrova", preferences)
    qtbot.addWidget(before)
    before.roster.table.sortByColumn(BORN, Qt.SortOrder.DescendingOrder)
    before.roster.set_column_shown(PHONE, False)
    before.close()  # saves the layout once its backup at close, written off the GUI thread, is done
    qtbot.waitUntil(lambda: before.feature(Protection).closing_backup is None, timeout=20_000)

    window = start_window(str(db_path), "A. Petrova", _preferences_again(tmp_path))
    assert window is not None
    qtbot.addWidget(window)
    model = window.roster.model
    expected = roster.search_ids(demo_db, RosterQuery(sort=SortKey.BIRTH_DATE, descending=True))
    assert window.db is None  # the first look
    assert (model.query.sort, model.query.descending) == (SortKey.BIRTH_DATE, True)
    assert model.ids == expected[:FIRST_LOOK_ROWS]
    assert window.roster.table.horizontalHeader().isSectionHidden(PHONE)

    with qtbot.waitSignal(window.ready, timeout=20_000):
        pass
    assert model.ids == expected
    assert window.roster.table.horizontalHeader().isSectionHidden(PHONE)
    assert window.roster.table.horizontalHeader().sortIndicatorSection() == BORN
    window.close()
    window.db.close()


def test_a_roster_changed_between_the_first_look_and_the_database_shows_as_it_is(
        qtbot: QtBot, demo_db: Database, db_path: Path, preferences: Preferences) -> None:
    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None
    qtbot.addWidget(window)
    first_shown = window.roster.model.person_id(0)
    persons.delete_person(demo_db, first_shown, operator="other.workstation")  # before the database opens here

    with qtbot.waitSignal(window.ready, timeout=20_000):
        pass
    now = roster.search_ids(demo_db, RosterQuery())
    assert window.roster.model.ids == now and first_shown not in now
    assert window.roster.count_label.text() == f"{len(now)} persons"
    window.close()
    window.db.close()


def test_a_search_typed_before_the_database_opens_is_run_once_it_is(
        qtbot: QtBot, demo_db: Database, db_path: Path, preferences: Preferences) -> None:
    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None
    qtbot.addWidget(window)
    assert window.db is None
    qtbot.keyClicks(window.roster.search, "MR-00001")
    qtbot.keyClick(window.roster.search, Qt.Key.Key_Return)  # runs the search at once: no database yet
    window.roster.status_filter.setCurrentIndex(window.roster.status_filter.findData(Status.REGISTERED.value))

    with qtbot.waitSignal(window.ready, timeout=20_000):
        pass
    expected = roster.search_ids(demo_db, RosterQuery(text="MR-00001", statuses=(Status.REGISTERED,)))
    assert 0 < len(expected) < roster.count(demo_db, RosterQuery())
    assert window.roster.model.ids == expected
    assert window.roster.count_label.text() == f"{len(expected)} person" + ("s" if len(expected) != 1 else "")
    window.close()
    window.db.close()


def test_a_window_closed_before_its_database_opened_keeps_the_last_layout(
        qtbot: QtBot, demo_db: Database, db_path: Path, preferences: Preferences, tmp_path: Path) -> None:
    preferences.set_value("window/page", "roster")
    preferences.sync()
    saved = (tmp_path / "settings.ini").read_bytes()
    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None
    qtbot.addWidget(window)
    window.close()
    qtbot.wait(200)
    assert window.db is None  # never painted, so never opened
    preferences.sync()
    assert (tmp_path / "settings.ini").read_bytes() == saved
