"""What acts on "everyone the roster shows" waits for every id (issue 15): the table's ids arrive off the GUI
thread after its first page, and the Lists page's "Add everyone the roster filter shows", asked while only
the first page was known, added those 200 persons and silently left the rest off the list (as did the bulk
status change's and the notification's "the roster as filtered"). `RosterTableModel.when_complete` gives
every id once all have come, and nothing when another search is asked for first.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import demo, lists, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.roster_model import PAGE_SIZE

HOUSEHOLDS = 80  # over PAGE_SIZE persons: every id comes after the first page


@pytest.fixture
def big_window(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    demo.fill_demo(db, households=HOUSEHOLDS, operator="demo")
    assert roster.count(db, RosterQuery()) > PAGE_SIZE
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.roster.model.complete, timeout=20_000)
    yield main
    main.close()


def _when_only_the_first_page_is_shown(main: MainWindow, act: list[int]) -> None:
    """Search the whole roster again and, the moment its first page alone is shown, run the action (once)."""
    model = main.roster.model

    def first_page_shown() -> None:
        if not model.complete and not act:
            act.append(len(model.ids))
            button = main.lists.findChild(QPushButton, "addFilteredButton")
            assert isinstance(button, QPushButton)
            button.click()

    model.loaded.connect(first_page_shown)
    model.set_query(RosterQuery())


def test_adding_everyone_shown_while_the_ids_still_come_adds_every_one(
        qtbot: QtBot, big_window: MainWindow, db: Database) -> None:
    total = roster.count(db, RosterQuery())
    created = lists.create_list(db, "Rafah 20 Nov", operator="t")
    big_window.show_page("lists")
    big_window.lists.reload()
    big_window.lists.select_list(created.id)
    clicked_with: list[int] = []
    _when_only_the_first_page_is_shown(big_window, clicked_with)
    qtbot.waitUntil(lambda: bool(clicked_with), timeout=20_000)
    assert clicked_with == [PAGE_SIZE]  # asked while the table knew only its first page
    qtbot.waitUntil(lambda: len(lists.members(db, created.id)) == total, timeout=20_000)


def test_every_id_is_given_once_all_have_come_and_nothing_for_an_overtaken_search(
        qtbot: QtBot, big_window: MainWindow, db: Database) -> None:
    model = big_window.roster.model
    given: list[list[int]] = []
    model.when_complete(given.append)  # complete now: at once
    assert given == [roster.search_ids(db, RosterQuery())]

    model.set_query(RosterQuery(text="zzzz-nobody"))
    overtaken: list[list[int]] = []
    model.when_complete(overtaken.append)  # asked for the search above ...
    model.set_query(RosterQuery())  # ... which another overtakes before its ids come
    latest: list[list[int]] = []
    model.when_complete(latest.append)
    qtbot.waitUntil(lambda: bool(latest), timeout=20_000)
    assert latest == [roster.search_ids(db, RosterQuery())]
    assert overtaken == []
