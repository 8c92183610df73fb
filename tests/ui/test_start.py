"""Start-up: the window paints the roster's first page before the database layer opens the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from desktop_app.launch import _window_options
from desktop_app.services import demo, roster
from desktop_app.services.reconciling.roster import roster_index_ready
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database
from desktop_app.ui.app import FIRST_LOOK_ROWS, start_window
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.reconcile import WARM_UP_AFTER_MS
from desktop_app.ui.roster_model import PAGE_SIZE

NAME = 1  # the roster table's name column


def test_the_first_page_is_painted_then_the_workspace_completes(qtbot: QtBot, demo_db: Database, db_path: Path,
                                                                 preferences: Preferences) -> None:
    demo.fill_demo(demo_db, households=40, operator="demo", seed=7)
    ids = roster.search_ids(demo_db, RosterQuery())
    rows = roster.fetch_rows(demo_db, ids)
    assert len(ids) > PAGE_SIZE  # so that rows past the first page exist
    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None
    qtbot.addWidget(window)
    model = window.roster.model
    assert window.db is None and not model.attached  # nothing but plain sqlite3 has read the file yet
    assert model.rowCount() == len(ids)
    assert window.roster.count_label.text().startswith(f"{len(ids)}")  # the first look's count ("+": ids to come)
    first = rows[ids[0]]
    assert model.index(0, NAME).data() == f"{first.surname} {first.given_names} {first.patronymic}".strip()
    past = rows[ids[FIRST_LOOK_ROWS]]
    assert not (model.index(FIRST_LOOK_ROWS, NAME).data() or "").startswith(past.surname)  # not read yet: a placeholder
    assert list(window.pages) == ["dashboard", "roster", "households", "lists", "partners", "trash"]
    assert window.current_page() == "roster"

    with qtbot.waitSignal(window.ready, timeout=20_000):
        pass  # the first paint, then the database opens and the pages are built

    assert window.db is not None and model.attached
    qtbot.waitUntil(lambda: model.complete, timeout=20_000)  # every id, read off the GUI thread
    assert model.ids == ids
    assert window.roster.count_label.text() == f"{len(ids)} persons"
    last = rows[ids[-1]]
    qtbot.waitUntil(lambda: model.index(len(ids) - 1, NAME).data().startswith(last.surname))  # read when asked
    assert window.pages["dashboard"] is window.dashboard and window.pages["lists"] is window.lists
    assert window.actions.menu("Exchange").actions()  # the features are installed
    window.show_page("households")
    assert window.households.isVisible()
    window.close()
    window.db.close()


def test_a_new_roster_opens_at_once_without_a_first_look(qtbot: QtBot, tmp_path: Path,
                                                         preferences: Preferences) -> None:
    window = start_window(str(tmp_path / "new.db"), "A. Petrova", preferences)
    assert window is not None
    qtbot.addWidget(window)
    assert window.db is not None  # created and opened before the window showed
    assert window.roster.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.roster.empty_hint.isVisibleTo(window.roster))  # once the (no) ids are read
    window.close()
    window.db.close()


def test_a_window_that_starts_on_another_page_opens_the_database_first(qtbot: QtBot, demo_db: Database,
                                                                       db_path: Path,
                                                                       preferences: Preferences) -> None:
    preferences.set_value("window/page", "lists")
    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None
    qtbot.addWidget(window)
    assert window.db is not None
    assert window.current_page() == "lists"
    window.close()
    window.db.close()


def test_the_window_starts_without_the_command_line_parser() -> None:
    assert _window_options([]) is not None
    options = _window_options(["--db", "roster.db", "--operator", "A. Petrova"])
    assert options is not None and (options.db, options.operator) == ("roster.db", "A. Petrova")
    for command_line in (["stats"], ["--db", "x.db", "search", "ива"], ["--version"], ["--help"], ["--db"]):
        assert _window_options(command_line) is None  # the full command line handles these


def test_no_two_actions_share_a_shortcut(window: object) -> None:
    from PySide6.QtGui import QAction

    owners: dict[str, str] = {}
    for action in window.findChildren(QAction):  # type: ignore[attr-defined]
        for shortcut in action.shortcuts():
            key = shortcut.toString()
            assert owners.setdefault(key, action.objectName()) == action.objectName(), \
                f"{key} is both {owners[key]} and {action.objectName()}"


def test_the_status_is_in_view_in_a_default_window(window: object) -> None:
    from desktop_app.ui.roster_model import COLUMN_KEYS
    from desktop_app.ui.roster_page import DEFAULT_ORDER

    assert sorted(DEFAULT_ORDER) == sorted(COLUMN_KEYS)
    table = window.roster.table  # type: ignore[attr-defined]
    window.resize(1280, 780)  # type: ignore[attr-defined]
    status = table.horizontalHeader().sectionViewportPosition(COLUMN_KEYS.index("status"))
    assert 0 < status < table.viewport().width() - 90  # the whole column is on screen


def test_typing_before_the_database_opens_is_not_lost(qtbot: QtBot, demo_db: Database, db_path: Path,
                                                      preferences: Preferences) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    expected = roster.search_ids(demo_db, RosterQuery(text="ива"))
    assert 0 < len(expected) < len(roster.search_ids(demo_db, RosterQuery()))
    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None and window.db is None
    qtbot.addWidget(window)
    search = window.roster.search
    for text, key in (("и", Qt.Key.Key_unknown), ("в", Qt.Key.Key_unknown), ("а", Qt.Key.Key_unknown),
                      ("", Qt.Key.Key_Return)):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.postEvent(search, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
    with qtbot.waitSignal(window.ready, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: window.roster.model.query.text == "ива" and window.roster.model.attached)
    assert search.text() == "ива"
    assert window.roster.model.ids == expected
    window.close()
    window.db.close()


def _damage_the_end_of_the_roster_index(path: Path) -> None:
    """Garbage in the last leaf page of the roster-order index: the first look (its first pages) and
    the opening checks read fine; only a search over the whole roster meets the damage."""
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        last_leaf = connection.execute("SELECT pageno FROM dbstat WHERE name = 'ix_persons_roster_order' "
                                       "AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((last_leaf - 1) * page_size + 8)
        handle.write(b"\xff" * 200)


def test_a_roster_found_damaged_after_the_first_paint_is_reported_and_the_window_closes(
        qtbot: QtBot, db: Database, db_path: Path, preferences: Preferences) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.typing import answer_next_message_box

    demo.fill_demo(db, households=600, operator="demo")
    db.close()
    _damage_the_end_of_the_roster_index(db_path)
    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None and window.db is None  # the first look read the file
    qtbot.addWidget(window)
    told: list[str] = []
    # Close, never the default: the background check may tell the damage first, with a box whose
    # default is 'Restore from backup…' (a restore dialog nobody answers would wait forever).
    answer_next_message_box(told, QMessageBox.StandardButton.Close)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert len(told) == 1 and "damaged" in told[0]  # the error presenter's words, not the crash dialog
    assert window.open_failed and not window.completed
    assert preferences.window_state("geometry") is None  # a half-built window saved no layout


def test_rows_edited_between_the_first_look_and_the_opening_show_their_new_values(
        qtbot: QtBot, demo_db: Database, db_path: Path, preferences: Preferences) -> None:
    from desktop_app.services import persons

    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None
    qtbot.addWidget(window)
    first = window.roster.model.person_id(0)
    persons.update_person(demo_db, first, {"patronymic": "Исправленный"}, operator="B. Colleague")
    with qtbot.waitSignal(window.ready, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: "Исправленный" in window.roster.model.index(0, NAME).data())  # its page read again
    window.close()
    window.db.close()


def test_opening_a_roster_another_workstation_is_writing_does_not_wait_for_statistics(db_path: Path,
                                                                                     db: Database) -> None:
    import sqlite3

    from desktop_app.storage.db import open_database

    db.close()
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a colleague's import in progress
    try:
        again = open_database(db_path)  # refreshing the planner statistics needs the write lock: skipped
        again.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_the_cycle_collector_paused_for_the_start_is_on_again_once_the_roster_opens(
        qtbot: QtBot, demo_db: Database, db_path: Path, preferences: Preferences) -> None:
    import gc

    from desktop_app.ui.garbage import installed

    earlier = installed()  # the tests' own (tests/conftest.py): taken away, so that the window must install one
    assert earlier is not None
    earlier.setParent(None)
    earlier.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert installed() is None
    gc.disable()  # as desktop_app.launch does before the window starts
    window = start_window(str(db_path), "A. Petrova", preferences)
    assert window is not None
    qtbot.addWidget(window)
    assert not gc.isenabled()  # the first look and the first paint run without it
    with qtbot.waitSignal(window.ready, timeout=20_000):
        pass
    collector = installed()
    assert collector is not None and not gc.isenabled()  # on again, on the GUI thread only (ui.garbage)
    # The warm-up's pause ends with gc.freeze(), which sets the young count to 0: counted while it ran, the
    # allocations below read 666 of 700 (a whole run, session 17)
    qtbot.waitUntil(lambda: roster_index_ready(demo_db), timeout=WARM_UP_AFTER_MS + 60_000)
    gc.collect()
    kept = [[] for _ in range(collector.thresholds[0] + 10)]
    assert gc.get_count()[0] > collector.thresholds[0]
    qtbot.waitUntil(lambda: gc.get_count()[0] <= collector.thresholds[0], timeout=5_000)  # the timer collected
    assert len(kept) > collector.thresholds[0]
    window.close()
    window.db.close()
