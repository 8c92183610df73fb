"""The reconcile screen showing a 10,000-row answer (issue 19): the rows, the review queue and the apply are
what the answer gives, and the show asks the tables only about the rows on screen and the few longest texts
their columns are fitted to, not about every row (Qt's `resizeColumnsToContents` asked every row of the tabs
behind the first: about a second of the GUI thread for 10,000 rows on the 100,000-person bench roster)."""

from __future__ import annotations

import sqlite3
import sys
from collections import defaultdict
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop_app.services import lists, persons
from desktop_app.services.reconciling import Outcome, apply_reconciliation
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.reconcile import OutcomeModel
from tests.services.test_reconcile_roster import Roster, build_roster, write_answer
from tests.ui.reconciling import shown_dialog
from tests.ui.typing import answer_next_message_box

ROWS = 10_000
# Rows shown at once in a table of the screen, with room to spare; the rows a column is fitted to come on top.
ASKED_AT_MOST = 120


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


def _large_answer(path: Path) -> Path:
    """10,000 rows: four list members once each (matched), two named again and again (to review), and namesakes
    nobody on the roster is, of many lengths."""
    rows = [["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
            ["SHCHERBAKOVA MARIA", "02.11.1984", "72 7654321", "rejected"],
            ["SHCHERBAKOV PETR", "17.06.2012", "72 5550001", "approved"],
            ["ABU SHANAB AHMED", "20.01.1975", "P0481516", "rejected"]]
    repeated = [["IVANOVA ANNA", "", "", "approved"], ["KOZLOV SERGEI", "", "", "rejected"]]
    for number in range(len(rows), ROWS):
        if number % 5 == 4:
            given = "ALEXANDER-" * (1 + number % 7)  # texts of many lengths: the longest is not the first
            rows.append([f"NOBODY {given}{number}", "1970", f"X{number}", "approved"])
        else:
            rows.append(repeated[number % 2])
    return write_answer(path, ["Name", "Date of birth", "Passport No", "Decision"], rows)


def _rows_asked(models: list[Any]) -> dict[int, set[int]]:
    """Starts recording, per model, the rows its `data()` is asked about on this (the GUI) thread."""
    asked: dict[int, set[int]] = defaultdict(set)
    codes = {type(model).data.__code__ for model in models}
    ids = {id(model) for model in models}

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code in codes:
            model, index = frame.f_locals.get("self"), frame.f_locals.get("index")
            if id(model) in ids and isinstance(index, QModelIndex) and index.isValid():
                asked[id(model)].add(index.row())

    sys.setprofile(profile)
    return asked


def _copy(db_path: Path, to: Path) -> Path:
    with sqlite3.connect(db_path) as source, sqlite3.connect(to) as target:
        source.backup(target)
    return to


def test_ten_thousand_rows_shown_reviewed_and_applied_as_the_answer_gives(
        qtbot: QtBot, db: Database, db_path: Path, roster: Roster, tmp_path: Path) -> None:
    answer = _large_answer(tmp_path / "answer.xlsx")
    dialog = shown_dialog(qtbot, db, roster.list_id, laptop=True)
    qtbot.keyClicks(dialog.path_edit, str(answer))
    tables = [dialog.findChild(QTableView, name).model() for name in
              ("matchedTable", "reviewTable", "notOnRosterTable", "notMentionedTable", "warningsTable")]
    asked = _rows_asked(tables)
    try:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=120_000)
        qtbot.wait(50)  # the first paint of the tab shown
    finally:
        sys.setprofile(None)
    rec = dialog.reconciliation
    assert rec is not None and len(rec.rows) == ROWS
    assert [dialog.models[o].rowCount() for o in Outcome] == [4, 7_996, 2_000]
    assert {len(rows) for rows in asked.values()} and max(len(rows) for rows in asked.values()) <= ASKED_AT_MOST, \
        {type(tables[[id(t) for t in tables].index(key)]).__name__: len(rows) for key, rows in asked.items()}

    # Every cell says what the row's result gives, in the answer's order; the review queue is the answer's.
    for outcome in Outcome:
        model = dialog.models[outcome]
        group = rec.group(outcome)
        assert [model.result(row) for row in range(model.rowCount())] == group
        for column, (_title, text) in enumerate(OutcomeModel.COLUMNS):
            expected = ["" if (value := text(result)) is None else str(value) for result in group]
            assert [model.data(model.index(row, column)) for row in range(model.rowCount())] == expected
    review = dialog.models[Outcome.REVIEW]
    assert {review.data(review.index(row, len(OutcomeModel.COLUMNS))) for row in range(review.rowCount())} \
        == {"to decide"}
    # Each column at least as wide as its title and the longest text (by characters) it holds.
    for view in (dialog.matched_view, dialog.review_view, dialog.none_view):
        shown, header = view.model(), view.horizontalHeader()
        for column in range(shown.columnCount() - 1):  # the last stretches to the table's edge
            texts = [str(shown.data(shown.index(row, column))) for row in range(shown.rowCount())]
            longest = max(range(len(texts)), key=lambda row: len(texts[row]))
            assert header.sectionSize(column) >= max(header.sectionSizeHint(column),
                                                     view.sizeHintForIndex(shown.index(longest, column)).width())

    # The last column stretched to the table's edge, its text wrapped, as before (the matched rows leave it room).
    header = dialog.matched_view.horizontalHeader()
    last = header.count() - 1
    assert header.sectionPosition(last) + header.sectionSize(last) == dialog.matched_view.viewport().width()

    # The officer decides the first three rows to review by keyboard: Ivanova Anna's candidates, then Kozlov.
    view = dialog.review_view
    qtbot.keyClick(view, Qt.Key.Key_Right)
    chosen = dialog.comparison.highlighted_person
    assert chosen is not None
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    first = [review.result(row) for row in range(3)]
    assert dialog.decisions == {first[0].row: chosen.person_id, first[1].row: None,
                                first[2].row: first[2].candidates[0].person.person_id}
    assert [review.data(review.index(row, len(OutcomeModel.COLUMNS))) for row in range(4)] == [
        f"confirmed {chosen.case_ref}", "left out", f"confirmed {first[2].candidates[0].person.case_ref}",
        "to decide"]
    assert view.currentIndex().row() == 3

    # Applied from the screen, the roster records what the service records for the same answer and decisions.
    decisions = dict(dialog.decisions)
    expected_db = open_database(_copy(db_path, tmp_path / "expected.db"))
    try:
        by_service = apply_reconciliation(expected_db, rec, decisions, operator="A. Petrova")
        expected_members = [(m.person_id, m.answer) for m in lists.members(expected_db, roster.list_id)]
        expected_statuses = {p: persons.get_person(expected_db, p).status for p in roster.ids.values()}
    finally:
        expected_db.close()
    replies: list[str] = []
    answer_next_message_box(replies)
    with qtbot.waitSignal(dialog.applied, timeout=60_000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.last_apply is not None
    assert (dialog.last_apply.approved, dialog.last_apply.rejected) == (by_service.approved, by_service.rejected)
    assert [(m.person_id, m.answer) for m in lists.members(db, roster.list_id)] == expected_members
    assert {p: persons.get_person(db, p).status for p in roster.ids.values()} == expected_statuses
    assert any(answer != "pending" for _, answer in expected_members)
