"""Add to list (issue 15): the roster's action and the Lists page's adds, pressed again while the first is under
way, add once; the lists read for one officer are not offered to another who switched user meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services import households, lists
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from tests.engine_listening import listen_until_stopped
from tests.ui.test_accounts_attacks_s8 import (  # noqa: F401 (fixtures)
    head_window,
    staffed_db,
    volunteer_signs_in_during_the_read,
)
from tests.ui.test_runner_attacks_s9 import _readers_held


class ChoicesShown:
    """Every Add to list choice shown, closed at once (Cancel), with the officer it was shown to."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.shown: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._close)
        self.timer.start(10)

    def _close(self) -> None:
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QInputDialog) and dialog.isVisible():
                self.shown.append(self.window.operator)
                dialog.reject()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def choices(window: MainWindow) -> Iterator[ChoicesShown]:
    shown = ChoicesShown(window)
    yield shown
    shown.stop()


def test_add_to_list_pressed_twice_fast_offers_one_choice(qtbot: QtBot, window: MainWindow,
                                                          choices: ChoicesShown) -> None:
    """Add to list pressed twice before the lists were read: one choice, not a second one after the officer
    added the persons from the first."""
    window.roster.select_person(window.roster.model.person_id(0))
    qtbot.waitUntil(lambda: window.roster.current_id() is not None, timeout=20_000)
    gate = _readers_held(qtbot, window)

    def second_press() -> None:
        QTimer.singleShot(0, gate.set)
        window.add_selection_to_list()

    try:
        QTimer.singleShot(0, second_press)
        window.add_selection_to_list()  # returns once its choice (and, before, the second one) was shown
    finally:
        gate.set()
    assert len(choices.shown) == 1


def test_add_to_list_read_for_the_head_is_not_offered_to_the_volunteer_who_switched_in(
        qtbot: QtBot, head_window: MainWindow) -> None:  # noqa: F811
    db = head_window.db
    assert db is not None
    lists.create_list(db, "Convoy 1", operator="A. Consul")
    qtbot.waitUntil(lambda: not head_window.roster.model.loading and head_window.roster.model.rowCount() > 0
                    and head_window.roster_changes.watched is db, timeout=20_000)
    head_window.roster.select_person(head_window.roster.model.person_id(0))
    qtbot.waitUntil(lambda: head_window.roster.current_id() is not None, timeout=20_000)
    shown = ChoicesShown(head_window)
    try:
        with volunteer_signs_in_during_the_read(head_window) as reading:  # the lists' read waits for the switch
            head_window.add_selection_to_list()
    finally:
        shown.stop()
    assert reading.is_set()
    assert head_window.operator == "V. Hotline"
    assert shown.shown == []  # before: the head's choice, offered to the volunteer


class ListAdds:
    """How many times the writer added persons to a list (add_members reads the members present once)."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine
        self.count = 0
        self._lock = threading.Lock()
        self._listening = listen_until_stopped(self.engine, "before_cursor_execute", self._record)

    def _record(self, _connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if threading.current_thread().name.startswith("writer") \
                and statement.startswith("SELECT list_members.person_id \nFROM list_members"):
            with self._lock:
                self.count += 1

    def stop(self) -> None:
        self._listening.stop()


@pytest.fixture
def on_a_list(qtbot: QtBot, window: MainWindow, demo_db: Database) -> Iterator[ListAdds]:
    created = lists.create_list(demo_db, "Convoy 2", operator="t")
    window.show_page("lists")
    page = window.lists
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    page.select_list(created.id)
    qtbot.waitUntil(lambda: page.current is not None and page.current.id == created.id and not page.busy,
                    timeout=20_000)
    adds = ListAdds(demo_db)
    yield adds
    adds.stop()


def test_add_everyone_the_filter_shows_clicked_twice_adds_once(qtbot: QtBot, window: MainWindow,
                                                               on_a_list: ListAdds) -> None:
    page = window.lists
    button = page.findChild(QPushButton, "addFilteredButton")
    assert button is not None
    QTimer.singleShot(0, button.click)
    button.click()  # the ids are all known: adds at once, the second click coming while it is written
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    qtbot.wait(50)
    assert on_a_list.count == 1
    assert page.current is not None and window.db is not None and len(lists.members(window.db, page.current.id)) > 0


def test_add_household_enter_and_click_adds_once(qtbot: QtBot, window: MainWindow, demo_db: Database,
                                                 on_a_list: ListAdds) -> None:
    page = window.lists
    ref = next(h.ref for h in households.list_households(demo_db) if h.members)
    page.household_ref.setText(ref)
    QTimer.singleShot(0, page.add_household)  # the button clicked while Enter's look-up is on its way
    page.household_ref.returnPressed.emit()
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    qtbot.wait(50)
    assert on_a_list.count == 1
