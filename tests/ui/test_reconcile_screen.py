"""The reconciliation screen driven by keyboard: check, review with arrows/Enter/Delete, apply, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop_app.services import lists
from desktop_app.services.reconciling import Outcome
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.reconcile import DIFFERS_COLOUR, ReconcileDialog
from tests.services.test_reconcile_roster import Roster, build_roster
from tests.ui.reconciling import checked_dialog, write_sample_answer
from tests.ui.typing import answer_next_message_box


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


@pytest.fixture
def answer(tmp_path: Path) -> Path:
    return write_sample_answer(tmp_path / "answer.xlsx")


def _checked(qtbot: QtBot, db: Database, roster: Roster, answer: Path) -> ReconcileDialog:
    return checked_dialog(qtbot, db, roster.list_id, answer)


def test_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester: object, db: Database, roster: Roster,
                                      answer: Path) -> None:
    dialog = _checked(qtbot, db, roster, answer)
    for model in (*dialog.models.values(), dialog.comparison, dialog.not_mentioned_model, dialog.warnings_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_groups_counts_and_summary(qtbot: QtBot, db: Database, roster: Roster, answer: Path) -> None:
    dialog = _checked(qtbot, db, roster, answer)
    assert [dialog.models[o].rowCount() for o in Outcome] == [1, 2, 1]
    assert dialog.tabs.tabText(1) == "Needs review (2)"
    assert dialog.tabs.currentIndex() == 1
    qtbot.waitUntil(dialog.review_view.hasFocus)  # once the window is active again (a progress dialog shown under load)
    assert "needs review: 2 (rows 3, 4)" in dialog.summary.toPlainText()
    qtbot.mouseClick(dialog.findChild(type(dialog.check_button), "copySummary"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.summary.toPlainText()
    assert dialog.warnings_model.rowCount() >= 1  # the household approved in part


def test_review_by_keyboard_then_apply_and_undo(qtbot: QtBot, db: Database, roster: Roster, answer: Path) -> None:
    dialog = _checked(qtbot, db, roster, answer)
    view = dialog.review_view
    assert dialog.comparison.columnCount() == 3  # the answer row and two namesakes side by side
    birth_row = 1
    differing = [dialog.comparison.data(dialog.comparison.index(birth_row, c), Qt.ItemDataRole.BackgroundRole)
                 for c in (1, 2)]
    assert all(b is None or b.color() != DIFFERS_COLOUR for b in differing)  # no birth date given: nothing differs
    qtbot.keyClick(view, Qt.Key.Key_Right)
    chosen = dialog.comparison.highlighted_person
    assert dialog.comparison.highlighted == 1
    qtbot.keyClick(view, Qt.Key.Key_Return)  # confirms candidate 2 for row 3, moves to row 4
    assert dialog.decisions == {3: chosen.person_id}
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # the Kozlov row is left out
    assert dialog.decisions == {3: chosen.person_id, 4: None}
    assert dialog.models[Outcome.REVIEW].data(dialog.models[Outcome.REVIEW].index(1, 9)) == "left out"
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert 4 not in dialog.decisions
    qtbot.keyClick(view, Qt.Key.Key_Delete)

    replies: list[str] = []
    answer_next_message_box(replies)
    with qtbot.waitSignal(dialog.applied, timeout=20_000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert "for 2 persons" in replies[0]
    answers = {m.person_id: m.answer for m in lists.members(db, roster.list_id)}
    assert answers[roster.ids["ivan"]] == answers[chosen.person_id] == "approved"
    assert answers[roster.ids["kozlov_father"]] == answers[roster.ids["kozlov_son"]] == "pending"
    assert dialog.undo_button.isEnabled() and not dialog.apply_button.isEnabled()

    answer_next_message_box(replies)
    with qtbot.waitSignal(dialog.applied, timeout=20_000):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert {m.answer for m in lists.members(db, roster.list_id)} == {"pending"}


def test_opened_from_the_lists_and_exchange_menus(window: MainWindow, qtbot: QtBot) -> None:
    titles = {menu: [a.text() for a in window.menus[menu].actions()] for menu in ("Lists", "Exchange")}
    assert all("&Reconcile partner answer…" in texts for texts in titles.values())
    window.actions["reconcile"].trigger()
    dialog = window.findChildren(ReconcileDialog)[-1]
    qtbot.waitExposed(dialog)
    assert dialog.list_combo.count() == 1 + len(lists.all_lists(window.db))
    dialog.close()


def test_a_screen_in_a_reference_cycle_is_collected_without_an_error(qtbot: QtBot, db: Database, roster: Roster,
                                                                     answer: Path) -> None:
    """Python's cycle collector empties a collected object's attributes before Qt destroys it; the review table,
    destroyed with its screen, still sends events to the screen's filter, which then had no `review_view` (the
    whole run saw 'ReconcileDialog' object has no attribute 'review_view' in the event loop)."""
    import gc

    dialog = ReconcileDialog(Workspace(db, "A. Petrova"), list_id=roster.list_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda shown=dialog: shown.reconciliation is not None, timeout=20_000)
    qtbot.waitUntil(dialog.review_view.hasFocus)
    dialog.itself = dialog  # type: ignore[attr-defined]  # a cycle, as a lambda connected to a signal makes
    # Closed first, as the officer closes it: Qt's offscreen platform may crash hiding a window from the destructor
    # the collector runs (QCursor::pos in QDialog::~QDialog, one run in five; CI's whole run died of it)
    dialog.close()
    del dialog
    gc.collect()  # on the GUI thread, as ui.garbage collects; an error in the filter fails the test (pytest-qt)
