"""Find duplicates is a read on a worker of its own, and stops when its dialog closes (session 18, U4).

The search ran on the writer's single worker: at 100,000 persons a save asked a second into it finished
ten seconds later, and at 1,000,000 every save, count and export waited minutes. Closing the dialog only
told it to stop, and the finder looked at that once the engine was done: it ran to its end for nothing.
Here, on a 20,000-person roster (a search of a few seconds), a save made during the search is written
while it runs, the roster table answers a search meanwhile, and a closed dialog's search ends cancelled.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop_app.services import changes, persons
from desktop_app.services.roster import RosterQuery
from desktop_app.storage.models import Person
from desktop_app.ui import operations
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog
from desktop_app.ui.operations import write_and_wait

SEARCH_TIMEOUT_MS = 120_000


def _searching(window: MainWindow) -> DuplicatesDialog:
    window.actions["findDuplicates"].trigger()
    (dialog,) = window.findChildren(DuplicatesDialog)
    assert not dialog.loaded
    return dialog


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_a_save_made_during_the_search_is_written_while_it_runs(qtbot: QtBot, big_window: MainWindow) -> None:
    db = big_window.db
    person_id = big_window.roster.model.person_id(0)
    dialog = _searching(big_window)

    saved = write_and_wait(big_window, "Saving the person", lambda: persons.update_person(
        db, person_id, {"notes": "called back"}, operator="A. Petrova"), kinds=frozenset({changes.PERSONS}))

    assert saved.notes == "called back"
    assert not dialog.loaded  # before: the save waited on the writer's worker until the search was done
    qtbot.waitUntil(lambda: dialog.loaded, timeout=SEARCH_TIMEOUT_MS)
    assert dialog.model.rowCount() > 0


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_roster_table_answers_a_search_while_the_duplicates_are_sought(qtbot: QtBot,
                                                                          big_window: MainWindow) -> None:
    with big_window.db.reading() as session:
        surname = session.scalar(select(Person.surname_latin).where(Person.surname_latin != "").limit(1))
    assert surname
    dialog = _searching(big_window)
    model = big_window.roster.model

    model.set_query(RosterQuery(text=surname))

    qtbot.waitUntil(lambda: model.query.text == surname and model.searched and not model.loading,
                    timeout=SEARCH_TIMEOUT_MS)
    assert not dialog.loaded  # the table's answer came while the finder ran: the reader pool is not taken
    assert model.rowCount() > 0
    qtbot.waitUntil(lambda: dialog.loaded, timeout=SEARCH_TIMEOUT_MS)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_closed_dialog_stops_its_search(qtbot: QtBot, big_window: MainWindow,
                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=operations.__name__)
    dialog = _searching(big_window)
    progress = dialog.findChild(QProgressDialog, "taskProgress")
    assert progress is not None
    qtbot.waitUntil(lambda: progress.maximum() > 0, timeout=SEARCH_TIMEOUT_MS)  # the roster read, the engine at work

    dialog.close()

    # Before, the finder looked at the cancel once the engine was done: the search ended with its pairs, dropped.
    qtbot.waitUntil(lambda: "work whose window was closed ended with Cancelled" in caplog.text,
                    timeout=SEARCH_TIMEOUT_MS)
    qtbot.waitUntil(lambda: operations.long_read_pool().active_count() == 0)
    assert not big_window.findChildren(DuplicatesDialog)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_no_window_is_blocked_while_the_duplicates_are_sought(qtbot: QtBot, big_window: MainWindow) -> None:
    dialog = _searching(big_window)
    progress = dialog.findChild(QProgressDialog, "taskProgress")
    assert progress is not None
    qtbot.waitUntil(progress.isVisible, timeout=SEARCH_TIMEOUT_MS)  # shown once the search lasts
    assert not dialog.loaded

    # Before, the search's progress dialog was modal to its window, blocking the main window's input (the roster,
    # its menus) until the end. (QTest's key events skip Qt's modal blocking: the modal stack is asked.)
    assert QApplication.activeModalWidget() is None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=SEARCH_TIMEOUT_MS)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_refresh_during_a_search_gives_it_up_for_a_new_one(qtbot: QtBot, big_window: MainWindow) -> None:
    dialog = _searching(big_window)
    first = dialog.search
    assert first is not None
    looking = dialog.count_label.text()

    dialog.refresh()

    assert dialog.search is not first
    qtbot.waitUntil(lambda: first.done, timeout=SEARCH_TIMEOUT_MS)
    assert not dialog.loaded  # the first was cancelled, not listed
    assert dialog.count_label.text() == looking  # the second still runs: not said cancelled
    qtbot.waitUntil(lambda: dialog.loaded, timeout=SEARCH_TIMEOUT_MS)
    assert dialog.model.rowCount() > 0
