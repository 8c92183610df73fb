"""A partner's cell holding a line break shows every line in the window's tables (session 17, W1).

Excel's Alt+Enter puts a line break in a cell ('ABU SHANAB' then 'HUDA', a note on two lines). A table's row
is one line high, so the reconcile screen and the import wizard showed the first line only: what followed
the break was hidden from the officer deciding. Each line is now shown, joined by a visible mark, and the
tooltip gives the lines one under another; what is read stays as typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop_app.services.reconciling import Outcome
from desktop_app.storage.db import Database
from desktop_app.ui.cell_text import LINE_MARK
from desktop_app.ui.importing.models import SheetGridModel
from desktop_app.ui.records_model import RecordsModel
from tests.services.test_reconcile_roster import Roster, build_roster, write_answer
from tests.ui.reconciling import ANSWER_HEADERS, as_a_tooltip_shows, checked_dialog

TWO_LINES = "ABU SHANAB\nHUDA"
NOTE = "72 1234567\r\nrenewed"


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


def _shown_whole(view: QTableView, index: QModelIndex) -> bool:
    """Whether the cell's text is laid out on one line, as a row one line high shows it whole: a text of two
    lines was cut below its first wherever the row is lower than two lines (Windows' default rows are; the
    offscreen platform's 30 px rows hold two lines of its 14 px font, so the height alone does not tell)."""
    return view.sizeHintForIndex(index).height() < 2 * view.fontMetrics().height()


def _cells(view: QTableView) -> list[QModelIndex]:
    model = view.model()
    return [model.index(row, column) for row in range(model.rowCount()) for column in range(model.columnCount())]


def test_the_reconcile_tables_show_every_line_of_a_cell(qtbot: QtBot, db: Database, roster: Roster,
                                                        tmp_path: Path) -> None:
    answer = write_answer(tmp_path / "answer.xlsx", ANSWER_HEADERS,
                          [[TWO_LINES, "", "", "approved"], ["JOHN NOBODY", "1970", NOTE, "approved"]])
    dialog = checked_dialog(qtbot, db, roster.list_id, answer, timeout=60_000)
    views = {Outcome.MATCH: dialog.matched_view, Outcome.REVIEW: dialog.review_view,
             Outcome.NONE: dialog.none_view}
    shown: dict[str, str] = {}
    for outcome, view in views.items():
        dialog.tabs.setCurrentIndex(list(views).index(outcome))
        for index in _cells(view):
            text = index.data()
            assert _shown_whole(view, index), text
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if tip is not None:
                shown[as_a_tooltip_shows(tip)] = text
    assert shown[TWO_LINES] == f"ABU SHANAB{LINE_MARK}HUDA"
    assert shown["72 1234567\nrenewed"] == f"72 1234567{LINE_MARK}renewed"
    assert dialog.reconciliation is not None  # what was read stays as typed
    assert TWO_LINES in {r.answer.name for r in dialog.reconciliation.rows}


def test_the_import_wizards_sheet_shows_every_line_of_a_cell(qtbot: QtBot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    model = SheetGridModel(view)
    model.set_rows([["Name", "Note"], [TWO_LINES, "\nsecond line only"]], header_row=1)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert all(_shown_whole(view, index) for index in _cells(view))
    name, note = model.index(1, 0), model.index(1, 1)
    assert name.data() == f"ABU SHANAB{LINE_MARK}HUDA"
    assert note.data() == f"{LINE_MARK}second line only"
    assert as_a_tooltip_shows(name.data(Qt.ItemDataRole.ToolTipRole)) == TWO_LINES
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None


def test_a_records_table_shows_every_line_and_its_warning(qtbot: QtBot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    model: RecordsModel[tuple[str, str]] = RecordsModel(
        [("Reason", lambda r: r[0]), ("By", lambda r: r[1])], warn=lambda r: "check this one" if r[1] else None)
    model.set_records([("moved to\nanother list", "A. Petrova"), ("one line", "")])
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert all(_shown_whole(view, index) for index in _cells(view))
    reason, by = model.index(0, 0), model.index(0, 1)
    assert reason.data() == f"moved to{LINE_MARK}another list"
    assert as_a_tooltip_shows(reason.data(Qt.ItemDataRole.ToolTipRole)) == "moved to\nanother list\ncheck this one"
    assert as_a_tooltip_shows(by.data(Qt.ItemDataRole.ToolTipRole)) == "check this one"
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) is None
