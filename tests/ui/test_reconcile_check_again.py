"""Check answer pressed again, and Browse… while a check runs (breaker X19m, session 17).

A second press of Check answer threw the officer's decisions in 'Needs review' away without asking; it asks
now (default No) when review rows were decided and not applied, and asks nothing otherwise. Browse… stayed
enabled while a check ran and started a second one; both are disabled while a check runs and come back when
it ends or fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.storage.db import Database
from desktop_app.ui.reconcile import ReconcileDialog
from tests.services.test_reconcile_roster import Roster, build_roster, write_answer
from tests.ui.reconciling import shown_dialog, write_sample_answer
from tests.ui.typing import answer_next_message_box


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


@pytest.fixture
def answer(tmp_path: Path) -> Path:
    return write_sample_answer(tmp_path / "answer.xlsx")


def _dialog(qtbot: QtBot, db: Database, roster: Roster, answer: Path) -> ReconcileDialog:
    dialog = shown_dialog(qtbot, db, roster.list_id)
    dialog.path_edit.setText(str(answer))
    return dialog


def _browse_button(dialog: ReconcileDialog) -> QPushButton:
    button = dialog.findChild(QPushButton, "browseAnswer")
    assert isinstance(button, QPushButton)
    return button


def _check(qtbot: QtBot, dialog: ReconcileDialog) -> None:
    with qtbot.waitSignal(dialog.reconciled, timeout=20_000):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)


def test_checking_again_asks_before_it_drops_the_review_decisions(qtbot: QtBot, db: Database, roster: Roster,
                                                                  answer: Path) -> None:
    dialog = _dialog(qtbot, db, roster, answer)
    _check(qtbot, dialog)
    first = dialog.reconciliation
    _check(qtbot, dialog)  # nothing decided: no question (one would block this click)
    assert dialog.reconciliation is not first
    qtbot.keyClick(dialog.review_view, Qt.Key.Key_Return)  # the first candidate for row 3
    qtbot.keyClick(dialog.review_view, Qt.Key.Key_Delete)  # row 4 left out
    decided = dict(dialog.decisions)
    assert len(decided) == 2
    shown = dialog.reconciliation

    replies: list[str] = []
    answer_next_message_box(replies)  # its default: No
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    assert "(2 decided" in replies[0]
    qtbot.wait(200)  # a check started anyway would have had time to begin
    assert dialog.check_button.isEnabled() and dialog.reconciliation is shown and dialog.decisions == decided
    assert "(2 decided)" in dialog.counts_label.text()

    answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.reconciled, timeout=20_000):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert len(replies) == 2 and dialog.reconciliation is not shown and dialog.decisions == {}


def test_browse_asks_too_and_keeps_the_file_named_when_told_no(qtbot: QtBot, db: Database, roster: Roster,
                                                               answer: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _dialog(qtbot, db, roster, answer)
    _check(qtbot, dialog)
    qtbot.keyClick(dialog.review_view, Qt.Key.Key_Delete)
    other = tmp_path / "other.xlsx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: (str(other), ""))
    replies: list[str] = []
    answer_next_message_box(replies)
    qtbot.mouseClick(_browse_button(dialog), Qt.MouseButton.LeftButton)
    assert "(1 decided" in replies[0]
    assert dialog.path_edit.text() == str(answer) and dialog.check_button.isEnabled() and len(dialog.decisions) == 1


def test_browse_and_check_start_no_second_check_while_one_runs(qtbot: QtBot, db: Database, roster: Roster,
                                                               answer: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _dialog(qtbot, db, roster, answer)
    other = write_answer(tmp_path / "other.xlsx", ["Name", "Decision"], [["JOHN NOBODY", "approved"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: (str(other), ""))
    shown: list[object] = []
    dialog.reconciled.connect(shown.append)
    dialog.run_check()  # the result comes back through the event loop: the check runs until it turns
    assert not _browse_button(dialog).isEnabled() and not dialog.check_button.isEnabled()
    dialog.browse()  # as a shortcut or a click arriving anyway would: refused
    dialog.run_check()
    assert dialog.path_edit.text() == str(answer)
    qtbot.waitUntil(dialog.check_button.isEnabled, timeout=20_000)
    qtbot.wait(300)  # a second check, had one started, would be shown by now on this small roster
    assert len(shown) == 1 and dialog.reconciliation is not None and len(dialog.reconciliation.rows) == 4
    assert _browse_button(dialog).isEnabled() and dialog.check_button.isEnabled()

    dialog.path_edit.setText(str(tmp_path / "missing.xlsx"))
    replies: list[str] = []
    answer_next_message_box(replies)  # the error
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.check_button.isEnabled, timeout=20_000)
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    assert _browse_button(dialog).isEnabled() and dialog.check_button.isEnabled()
