"""The persons a bulk action works on, read from the roster's selection without asking the model about every
selected row (breaker X20a, after ded443a's Shift+Ctrl+End selects to the last person).

`RosterPage.selected_ids` took Qt's `selectedRows()`, which asks the model its column count and an index
for every column of every selected row: with the roster selected to its end (Ctrl+A, Shift+Ctrl+End) on a copy
of the 100,000-person bench roster, 3.7 s of CPU on the GUI thread for every bulk status change, export or
crossing asked. The table selects whole rows: the selection's ranges give them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.roster_model import COLUMN_KEYS


def _asked(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Callable[[], tuple[list[int], int]]:
    """selected_ids(), and how many times Qt asked the model for its column count meanwhile (each call still
    answered by the model itself)."""
    model = window.roster.model
    calls: list[int] = []
    answer = model.columnCount

    def counted(*arguments: Any) -> int:
        calls.append(1)
        return answer(*arguments)

    monkeypatch.setattr(model, "columnCount", counted)

    def selected() -> tuple[list[int], int]:
        calls.clear()
        return window.roster.selected_ids(), len(calls)

    return selected


def test_the_selected_persons_are_read_without_asking_about_each_row(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    table, model = window.roster.table, window.roster.model
    everyone = [model.person_id(row) for row in range(model.rowCount())]
    assert len(everyone) > 100
    selected = _asked(window, monkeypatch)
    window.roster.select_person(everyone[5])
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    one, asked_for_one = selected()
    assert one == everyone[:1]

    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    every, asked_for_every = selected()
    assert every == everyone
    assert asked_for_every <= asked_for_one  # not once per row: 1,856 times for 116 rows before

    # Rows picked one by one, out of order and overlapping, a column hidden: the same persons, in the table's order.
    window.roster.set_column_shown(COLUMN_KEYS.index("birth_date"), False)
    flags = QItemSelectionModel.SelectionFlag
    table.selectionModel().clearSelection()
    for row in (40, 3, 41, 3, 7):
        table.selectionModel().select(model.index(row, 0), flags.Select | flags.Rows)
    assert selected()[0] == [everyone[row] for row in (3, 7, 40, 41)]
    table.selectionModel().select(model.index(40, 0), flags.Deselect | flags.Rows)
    assert selected()[0] == [everyone[row] for row in (3, 7, 41)]
