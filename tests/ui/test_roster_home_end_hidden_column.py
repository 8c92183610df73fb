"""Home and End in the roster when the officer's column was hidden meanwhile (breaker X20a on c06957d).

RosterTable.moveCursor kept the current column for Home and End; the officer can hide it (the header's
column menu) after clicking a cell in it. Ctrl+End then made the last person current in a hidden column,
which QTableView does not scroll to: the last person was current and selected (what a bulk action works on)
but the table stayed where it was, that person out of view. Qt's own moves skip hidden columns.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.roster_model import COLUMN_KEYS


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier])
def test_end_from_a_hidden_column_shows_the_last_person(qtbot: QtBot, window: MainWindow,
                                                         modifier: Qt.KeyboardModifier) -> None:
    window.resize(900, 500)  # fewer rows in view than the roster's
    table, model = window.roster.table, window.roster.model
    last = model.rowCount() - 1
    assert table.verticalScrollBar().maximum() > 0
    birth = COLUMN_KEYS.index("birth_date")
    table.setCurrentIndex(model.index(3, birth))  # the officer clicked a birth date
    table.setFocus()
    window.roster.set_column_shown(birth, False)  # then hid that column

    qtbot.keyClick(table, Qt.Key.Key_End, modifier)
    current = table.currentIndex()
    assert current.row() == last and not table.isColumnHidden(current.column())
    assert 0 <= table.rowViewportPosition(last) < table.viewport().height()  # in view
    assert window.roster.selected_ids() == [model.person_id(last)]

    qtbot.keyClick(table, Qt.Key.Key_Home, modifier)
    assert table.currentIndex().row() == 0 and not table.isColumnHidden(table.currentIndex().column())
    assert table.rowViewportPosition(0) == 0
