"""The roster table reads its ids and its pages off the GUI thread (issue 15; the first page first, issue 19).

A real SQLAlchemy listener on the roster's engine (`before_cursor_execute`) records the thread of every
statement while the roster page loads, searches (the household filter's look-up included), scrolls to its
end and reloads after a colleague's change: none runs on the GUI thread. A colleague's change moves the
rows; the selection and the current person follow them by id. A search overtaken by the next one typed is
never shown. While another process holds the roster's write lock, the page reloads and the window keeps
handling events all through (a 10 ms timer's ticks are counted; times are never asserted).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import demo, households, persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.roster_model import PAGE_SIZE
from desktop_app.ui.roster_page import RosterPage
from tests.storage.test_errors import held_lock
from tests.ui.test_workspace_attacks_s7 import StatementThreads

HOUSEHOLDS = 80  # over PAGE_SIZE persons: the ids come after the first page, the last page is read on scrolling


@pytest.fixture
def big_db(db: Database) -> Database:
    demo.fill_demo(db, households=HOUSEHOLDS, operator="demo")
    assert roster.count(db, RosterQuery()) > PAGE_SIZE
    return db


@pytest.fixture
def colleague(db_path: Path, big_db: Database) -> Iterator[Database]:
    """Another officer's connection to the same roster file (its statements are not the page's)."""
    other = open_database(db_path)
    yield other
    other.close()


def _settled(qtbot: QtBot, page: RosterPage) -> None:
    model = page.model
    qtbot.waitUntil(lambda: model.searched and not model.loading and not model.pages_loading, timeout=20_000)


def test_the_roster_page_loads_searches_scrolls_and_reloads_with_no_sql_on_the_gui_thread(
        qtbot: QtBot, big_db: Database, colleague: Database) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    statements = StatementThreads(big_db)
    try:
        page = RosterPage(big_db, owner)  # loads: the first page, then every id
        owner.resize(1000, 600)
        owner.show()
        _settled(qtbot, page)
        assert page.model.complete and page.model.rowCount() == roster.count(colleague, RosterQuery())
        assert page.count_label.text().startswith(f"{page.model.rowCount():,} person")  # no "+": all counted

        page.table.scrollToBottom()  # the last page is read as it comes into view
        last = page.model.rowCount() - 1
        qtbot.waitUntil(lambda: page.model.index(last, 1).data() not in (None, "…"))

        target = persons.get_person(colleague, page.model.person_id(last))
        page.search.setText(target.surname[:3].lower())
        page.apply_filters()
        _settled(qtbot, page)
        assert target.id in page.model.ids
        assert page.model.ids == roster.search_ids(colleague, page.model.query)

        household = households.list_households(colleague, limit=1)[0]
        page.search.clear()
        page.household_filter.setText(household.ref)  # its look-up runs with the search, off the GUI thread
        page.apply_filters()
        _settled(qtbot, page)
        assert page.model.query.household_id == household.id
        assert page.model.ids == roster.search_ids(colleague, RosterQuery(household_id=household.id))

        page.household_filter.clear()
        page.apply_filters()
        _settled(qtbot, page)
        persons.update_person(colleague, page.model.person_id(0), {"locality": "Khan Younis"}, operator="colleague",
                              expected_version=persons.get_person(colleague, page.model.person_id(0)).version)
        page.model.refresh()  # what a colleague's change arriving through the hub does
        qtbot.waitUntil(lambda: page.model.index(0, COLUMN_LOCALITY).data() == "Khan Younis")
        _settled(qtbot, page)
    finally:
        statements.stop()
    assert len(statements.threads) > 5  # the listener saw the page's reads
    assert statements.on_gui_thread() == 0


COLUMN_LOCALITY = 11


def _select(page: RosterPage, rows: list[int], current: int) -> None:
    model = page.model
    selection = QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    chosen = page.table.selectionModel()
    chosen.setCurrentIndex(model.index(current, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    chosen.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_a_colleagues_change_moves_the_rows_and_the_selection_follows_them_by_id(
        qtbot: QtBot, big_db: Database, colleague: Database, preferences: Preferences) -> None:
    window = MainWindow(big_db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    page = window.roster
    _settled(qtbot, page)
    qtbot.waitUntil(lambda: window.roster_changes.watched is big_db)  # a change before its baseline is not news
    _select(page, [3, 4, 250], current=4)
    chosen = page.selected_ids()
    current = page.current_id()
    before = {person_id: page.model.row_of(person_id) for person_id in chosen}
    created = persons.create_person(colleague, {"surname": "Аавина", "given_names": "Ада"}, operator="colleague")
    qtbot.waitUntil(lambda: page.model.row_of(created.id) == 0, timeout=20_000)  # it arrived through the watcher
    _settled(qtbot, page)
    assert {person_id: page.model.row_of(person_id) for person_id in chosen} == {
        person_id: row + 1 for person_id, row in before.items() if row is not None}  # every row moved down
    assert page.selected_ids() == chosen
    assert page.current_id() == current

    persons.delete_person(colleague, chosen[0], operator="colleague")  # gone: unselected, the others stay
    qtbot.waitUntil(lambda: page.model.row_of(chosen[0]) is None, timeout=20_000)
    assert page.selected_ids() == chosen[1:]
    assert page.current_id() == current
    window.close()


def test_a_search_overtaken_by_the_next_one_typed_is_never_shown(qtbot: QtBot, big_db: Database) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    page = RosterPage(big_db, owner)
    _settled(qtbot, page)
    shown: list[str] = []
    page.model.loaded.connect(lambda: shown.append(page.model.query.text))
    typed = ""
    for letter in "ивано":  # each asks before the answer before it came
        typed += letter
        page.search.setText(typed)
        page.apply_filters()
    _settled(qtbot, page)
    assert shown and set(shown) == {"ивано"}
    assert page.model.ids == roster.search_ids(big_db, RosterQuery(text="ивано"))


def test_the_page_reloads_while_a_colleague_holds_the_write_lock_and_the_window_keeps_answering(
        qtbot: QtBot, big_db: Database, db_path: Path, preferences: Preferences) -> None:
    window = MainWindow(big_db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    page = window.roster
    _settled(qtbot, page)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    with held_lock(db_path, 5) as holder:
        timer.start()
        page.search.setText("a")
        page.apply_filters()
        asked = len(ticks)
        _settled(qtbot, page)
        page.model.refresh()
        _settled(qtbot, page)
        page.table.scrollToBottom()
        _settled(qtbot, page)
        reloaded_while_held = holder.poll() is None
        handled = len(ticks) - asked
    timer.stop()
    assert reloaded_while_held  # the reads did not wait for the colleague's lock
    assert handled > 0  # the event loop ran while the page read
    assert page.model.query.text == "a"
    assert page.model.ids == roster.search_ids(big_db, RosterQuery(text="a"))
    window.close()
