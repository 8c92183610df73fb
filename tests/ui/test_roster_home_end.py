"""Ctrl+End in the roster goes to the last person with the names still in view (session 17, W1 at 1,000,000).

The table selects whole rows, but Qt's End moves the current cell to the last column and Ctrl+End to the
last row and the last column: the table scrolled right, the names out of view, to show a person's last
column, and in the table's extended selection Ctrl moved the current row alone, leaving the selection (what
a bulk action works on) behind. Home and End (with Ctrl or without) now go to the first and the last person in
the column the officer was in, and select that person; with Shift, every person between.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.roster_model import COLUMN_KEYS


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier])
def test_end_goes_to_the_last_person_with_the_names_in_view(qtbot: QtBot, window: MainWindow,
                                                            modifier: Qt.KeyboardModifier) -> None:
    window.resize(700, 500)  # narrower than the roster's columns: the table scrolls sideways
    table, model = window.roster.table, window.roster.model
    assert table.horizontalScrollBar().maximum() > 0
    name = COLUMN_KEYS.index("name")
    window.roster.select_person(model.person_id(0))
    table.setCurrentIndex(model.index(0, name))
    table.setFocus()
    before = table.columnViewportPosition(name)
    assert 0 <= before < table.viewport().width()

    qtbot.keyClick(table, Qt.Key.Key_End, modifier)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (model.rowCount() - 1, name)
    assert table.columnViewportPosition(name) == before  # the names where they were
    assert window.roster.current_id() == model.person_id(model.rowCount() - 1)
    assert window.roster.selected_ids() == [model.person_id(model.rowCount() - 1)]  # what a bulk action works on

    qtbot.keyClick(table, Qt.Key.Key_Home, modifier)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, name)
    assert table.columnViewportPosition(name) == before
    assert window.roster.selected_ids() == [model.person_id(0)]

    qtbot.keyClick(table, Qt.Key.Key_End, modifier | Qt.KeyboardModifier.ShiftModifier)  # Shift: all of them
    assert len(window.roster.selected_ids()) == model.rowCount()
