"""A cell on several lines, shown on one (ef08fd1, 40e70b9): Ctrl+C copies it as typed, and its tooltip gives
its lines one under another whatever the break (breaker X20a).

Qt's tables copy the current cell's shown text on Ctrl+C: 'ABU SHANAB ↵ HUDA' reached the clipboard, and
pasted into the roster's search it found nobody. And a tooltip lays out '\\n' (and U+2028, U+2029) as a new
line, but not the other breaks `str.splitlines` knows and the cell shows as ' ↵ ': a vertical tab (a line
break pasted from Word), a form feed, a lone '\\r' (an old Mac CSV), NEL: their lines ran together.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QTableView
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.cell_text import LINE_MARK, on_one_line
from desktop_app.ui.importing.models import SheetGridModel
from desktop_app.ui.importing.wizard import ImportWizard
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.reconcile.models import PreparedRecordsModel
from desktop_app.ui.records_model import RecordsModel
from tests.services.test_reconcile_roster import build_roster, write_answer
from tests.ui.opening import roster_read
from tests.ui.reconciling import ANSWER_HEADERS, checked_dialog

TWO_LINES = "ABU SHANAB\nHUDA"
# Breaks `str.splitlines` knows that a tooltip does not lay out as a new line.
OTHER_BREAKS = ("\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x85")


def _copied(qtbot: QtBot, view: QTableView, index: QModelIndex) -> str:
    QGuiApplication.clipboard().clear()
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QGuiApplication.clipboard().text()


def _cell_showing(view: QTableView, shown: str) -> QModelIndex:
    model = view.model()
    (index,) = [model.index(row, column) for row in range(model.rowCount())
                for column in range(model.columnCount()) if model.index(row, column).data() == shown]
    return index


def test_ctrl_c_in_the_reconcile_screen_copies_a_cell_as_typed(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    roster = build_roster(db)
    answer = write_answer(tmp_path / "answer.xlsx", ANSWER_HEADERS, [[TWO_LINES, "1970", "", "approved"]])
    dialog = checked_dialog(qtbot, db, roster.list_id, answer, timeout=60_000)
    views = [dialog.matched_view, dialog.review_view, dialog.none_view]
    (view,) = [v for v in views if v.model().rowCount()]
    dialog.tabs.setCurrentWidget(view if view is not dialog.review_view else dialog.tabs.widget(1))
    cell = _cell_showing(view, f"ABU SHANAB{LINE_MARK}HUDA")
    assert _copied(qtbot, view, cell) == TWO_LINES
    year = _cell_showing(view, "1970")  # a cell of one line: as Qt copies it
    assert _copied(qtbot, view, year) == "1970"


def test_ctrl_c_in_the_import_wizards_sheet_copies_a_cell_as_typed(qtbot: QtBot, db: Database) -> None:
    wizard = ImportWizard(Workspace(db, "t"))
    qtbot.addWidget(wizard)
    wizard.table_page.grid.set_rows([["Name", "Note"], [TWO_LINES, "one line"]], header_row=1)
    view = wizard.table_page.view
    view.show()
    qtbot.waitExposed(view)
    assert _copied(qtbot, view, view.model().index(1, 0)) == TWO_LINES
    assert _copied(qtbot, view, view.model().index(1, 1)) == "one line"


def _lines_laid_out(tip: object) -> int:
    """How many lines Qt's tooltip label lays `tip` out on."""
    assert isinstance(tip, str)
    label, one = QLabel(), QLabel("A")
    label.setText(tip)
    return round(label.sizeHint().height() / one.sizeHint().height())


@pytest.mark.parametrize("brk", OTHER_BREAKS, ids=[f"U+{ord(c):04X}" for c in OTHER_BREAKS])
def test_a_tooltip_gives_the_lines_one_under_another_whatever_the_break(qtbot: QtBot, brk: str) -> None:
    text = f"ABU SHANAB{brk}HUDA{brk}1970"
    assert on_one_line(text) == f"ABU SHANAB{LINE_MARK}HUDA{LINE_MARK}1970"  # the cell shows three lines
    records: RecordsModel[str] = RecordsModel([("Name", lambda r: r)])
    records.set_records([text])
    prepared: PreparedRecordsModel[str] = PreparedRecordsModel([("Name", lambda r: r)])
    prepared.set_records([text])
    grid = SheetGridModel()
    grid.set_rows([["Name"], [text]], header_row=1)
    for index in (records.index(0, 0), prepared.index(0, 0), grid.index(1, 0)):
        assert _lines_laid_out(index.data(Qt.ItemDataRole.ToolTipRole)) == 3


def test_ctrl_c_in_the_audit_trail_copies_a_reason_typed_on_two_lines(qtbot: QtBot, window: MainWindow,
                                                                     demo_db: Database) -> None:
    """The records tables (audit, history, households, trash...) show a break as the mark too: Ctrl+C there
    copies the entry as recorded (X20a noticed the plain tables left)."""
    roster_read(qtbot, window)
    deleted = persons.delete_person(demo_db, window.roster.model.person_id(0), operator="t",
                                    reason="left by car\nwith her mother")
    page = window.trash
    window.show_page("trash")
    page.record_filter.setText(deleted.case_ref)
    page.browse()
    model = page.audit_model
    qtbot.waitUntil(lambda: not page.busy and any(e.action == "delete" for e in model.records), timeout=20_000)
    shown = next(model.index(row, column) for row in range(model.rowCount()) for column in range(model.columnCount())
                 if LINE_MARK in str(model.index(row, column).data()))
    copied = _copied(qtbot, page.audit_view, shown)
    assert "left by car\nwith her mother" in copied and LINE_MARK not in copied
