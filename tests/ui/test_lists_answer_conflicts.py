"""Issue 13, remainder 3, in the window: on the Lists page a member approved on this list and refused
on another (or the other way round) is shaded with the conflict as its tooltip, and the conflict is
named above the members, in English and in Russian."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.lists import Answer
from desktop_app.services import lists, persons
from desktop_app.storage.db import Database
from desktop_app.ui import i18n
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from tests.services.test_answer_conflicts import OPERATOR, two_partners


@pytest.fixture
def window_on(qtbot: QtBot, db: Database, preferences: Preferences) -> Iterator[tuple[MainWindow, dict[str, int]]]:
    ids = two_partners(db)
    main = MainWindow(db, OPERATOR, preferences)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    qtbot.waitExposed(main)
    yield main, ids


def _open(window: MainWindow, list_id: int) -> None:
    window.show_page("lists")
    window.lists.reload()
    window.lists.select_list(list_id)


def _row_of(window: MainWindow, person_id: int) -> int:
    model = window.lists.members_model
    return next(row for row in range(model.rowCount()) if model.record(row).person_id == person_id)


def test_the_lists_page_names_and_shades_the_conflict(qtbot: QtBot, window_on: tuple[MainWindow, dict[str, int]],
                                                      db: Database) -> None:
    window, ids = window_on
    ref = persons.get_person(db, ids["leila"]).case_ref
    for list_name in ("Rafah 14 Nov", "Allenby 15 Nov"):
        _open(window, ids[list_name])
        warning = window.lists.conflict_warning
        qtbot.waitUntil(warning.isVisible)
        assert f"{ref}: approved on 'Rafah 14 Nov' but rejected on 'Allenby 15 Nov'" in warning.text()
        model = window.lists.members_model
        leila, omar = model.index(_row_of(window, ids["leila"]), 0), model.index(_row_of(window, ids["omar"]), 0)
        assert "rejected on 'Allenby 15 Nov'" in model.data(leila, Qt.ItemDataRole.ToolTipRole)
        assert model.data(leila, Qt.ItemDataRole.BackgroundRole) is not None
        assert model.data(omar, Qt.ItemDataRole.ToolTipRole) is None


def test_the_warning_goes_when_the_partner_approves_after_all(qtbot: QtBot, db: Database,
                                                              window_on: tuple[MainWindow, dict[str, int]]) -> None:
    window, ids = window_on
    _open(window, ids["Rafah 14 Nov"])
    qtbot.waitUntil(window.lists.conflict_warning.isVisible)
    lists.record_answer(db, ids["Allenby 15 Nov"], ids["leila"], Answer.APPROVED, operator=OPERATOR)
    window.lists.show_list(ids["Rafah 14 Nov"])
    assert not window.lists.conflict_warning.isVisible()


def test_the_conflict_is_said_in_russian(qtbot: QtBot, db: Database,
                                         window_on: tuple[MainWindow, dict[str, int]]) -> None:
    window, ids = window_on
    i18n.install_language("ru")
    try:
        _open(window, ids["Rafah 14 Nov"])
        text = window.lists.conflict_warning.text()
        assert "одобрен(а) в списке 'Rafah 14 Nov', но получил(а) отказ в 'Allenby 15 Nov'" in text
    finally:
        i18n.install_language("en")
