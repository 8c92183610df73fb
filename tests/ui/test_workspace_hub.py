"""One workspace in the window: pages follow `hub.changed(kinds)` and `hub.workspace_changed` themselves.

A change reloads the page in front that shows its kind of records at once and marks the others to
reload when next shown (a change of another kind leaves them alone); opening another roster makes
every page read it, the final backup of the roster left runs first (through `leaving_roster`,
not by protection replacing the window's method at run time), the old roster is closed and
the automatic backups follow the new one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.services import households, lists, persons
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from tests.ui.opening import roster_read


@pytest.fixture
def window(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    persons.create_person(db, {"surname": "Орлов", "given_names": "Илья"}, operator="t")
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def test_a_change_reloads_the_pages_that_show_its_kind(window: MainWindow, db: Database) -> None:
    window.roster_changes.stop()  # only the changes this test announces: not the watcher's word of them
    window.show_page("households")
    window.show_page("lists")
    hub = window.hub
    created = households.create_household(db, "Orlov family", operator="t")
    lists.create_list(db, "Bus 1", operator="t")

    window.data_changed(frozenset({"profiles"}))  # a kind neither page shows (saved export profiles)
    assert not hub.is_stale(window.households) and not hub.is_stale(window.lists)
    assert "Bus 1" not in [s.name for s in window.lists.lists_model.records]

    window.data_changed(frozenset({"lists"}))  # the page in front reloads at once
    assert [s.name for s in window.lists.lists_model.records] == ["Bus 1"]
    assert not hub.is_stale(window.lists) and hub.is_stale(window.trash)  # the audit page shows every kind

    window.data_changed(frozenset({"households"}))  # the households page is away: it reloads when shown
    assert hub.is_stale(window.households)
    assert created.id not in [h.id for h in window.households.list_model.records]
    window.show_page("households")
    assert created.id in [h.id for h in window.households.list_model.records]
    assert not hub.is_stale(window.households)


def test_opening_another_roster_is_one_workspace_change(qtbot: QtBot, window: MainWindow, db: Database,
                                                        tmp_path: Path) -> None:
    other_path = tmp_path / "other.db"
    other = open_database(other_path)
    lists.create_list(other, "Other roster's list", operator="t")
    other.close()
    protection = window.findChild(Protection)
    assert isinstance(protection, Protection)
    assert "switch_database" not in vars(window)  # the window's own method, not one hung on it at run time
    persons.create_person(db, {"surname": "Петрова"}, operator="t")  # a change the final backup must keep
    # The roster left's own backups: the other roster's backup at open may land meanwhile (its pages read
    # off the GUI thread, the event loop turning while they do).
    qtbot.waitUntil(lambda: len(list((tmp_path / "backups").glob("roster-*.db"))) >= 1, timeout=10_000)  # at open
    backups_before = len(list((tmp_path / "backups").glob("roster-*.db")))
    heard: list[object] = []
    window.hub.workspace_changed.connect(heard.append)
    qtbot.waitUntil(lambda: window.roster.model.rowCount() >= 1, timeout=20_000)  # the roster left shows Петрова
    window.show_page("lists")
    old = window.db

    window.switch_database(str(other_path))  # opened off the GUI thread, the roster left backed up on the writer's
    qtbot.waitUntil(lambda: window.opening is None, timeout=20_000)

    assert window.db is not old and window.db is not None and window.db.target.path == other_path.resolve()
    assert heard == [window.workspace] and window.hub.previous is old
    assert [s.name for s in window.lists.lists_model.records] == ["Other roster's list"]
    roster_read(qtbot, window)  # the table is emptied at the switch: wait for the other roster's own answer
    assert window.roster.model.rowCount() == 0  # the other roster has nobody yet
    assert protection.auto is not None and protection.auto.db is window.db  # backups follow the new roster
    left = list((tmp_path / "backups").glob("roster-*.db"))
    assert len(left) == backups_before + 1  # the final backup of the one left
    window.show_page("households")
    assert window.households.list_model.records == []
