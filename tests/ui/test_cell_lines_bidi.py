"""A cell on several lines in Arabic script, shown on one (ef08fd1): each line reads as typed (breaker X20a).

Each line of a cell was a paragraph of its own, laid out right to left or left to right by itself. Joined by
' ↵ ' they became one, and the Unicode bidirectional algorithm ordered their words across the mark: a name in
Arabic then a passport number on the next line, 'أحمد' and '72 1234567', showed '1234567 72 ↵ أحمد', the
number's groups swapped and the lines in reverse. Each line is now isolated (FSI ... PDI, invisible).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.cell_text import LINE_MARK, on_one_line
from desktop_app.ui.importing.models import SheetGridModel
from desktop_app.ui.records_model import RecordsModel

CELLS = [("أحمد", "72 1234567"), ("أبو شنب", "هدى"), ("ABU SHANAB", "هدى"), ("هدى", "1985"),
         ("\u202eREVERSED", "SECOND LINE")]  # a right-to-left override left open on the first line


def _x(shown: str, position: int) -> float:
    """Where the character at `position` of `shown` is drawn, as a table's cell lays out its text (left to
    right, one line): the middle of the character, whichever way its run goes."""
    layout = QTextLayout(shown, QApplication.font())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    before, _ = line.cursorToX(position)
    after, _ = line.cursorToX(position + 1)
    return (before + after) / 2


@pytest.mark.parametrize(("first", "second"), CELLS)
def test_each_line_of_a_cell_reads_as_typed(qtbot: QtBot, first: str, second: str) -> None:
    typed = f"{first}\n{second}"
    records: RecordsModel[str] = RecordsModel([("Name", lambda r: r)])
    records.set_records([typed])
    grid = SheetGridModel()
    grid.set_rows([["Name"], [typed]], header_row=1)
    for shown in (records.index(0, 0).data(), grid.index(1, 0).data()):
        assert shown == on_one_line(typed)
        mark = shown.index(LINE_MARK.strip())
        start = shown.index(second, mark)
        mark_x = _x(shown, mark)
        # The first line left of the mark, the second right of it, every character of them.
        assert all(_x(shown, shown.index(first) + i) < mark_x for i in range(len(first)) if not first[i].isspace())
        assert all(_x(shown, start + i) > mark_x for i in range(len(second)) if not second[i].isspace())
    if second == "72 1234567":  # the number's groups in their order
        assert _x(shown, start) < _x(shown, start + 3)
