"""The reconcile dialog as the tests open it, on the roster of `tests.services.test_reconcile_roster`.

    dialog = checked_dialog(qtbot, db, roster.list_id, write_sample_answer(tmp_path / "answer.xlsx"))
    assert as_a_tooltip_shows(model.data(index, Qt.ItemDataRole.ToolTipRole)) == model.data(index)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtText
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.reconcile import ReconcileDialog
from tests.services.test_reconcile_roster import write_answer

ANSWER_HEADERS = ["Name", "Date of birth", "Passport No", "Decision"]


def write_sample_answer(path: Path) -> Path:
    """Four rows: a list member matched, two named without a date (to review), one nobody is."""
    return write_answer(path, ANSWER_HEADERS, [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["IVANOVA ANNA", "", "", "approved"],
        ["KOZLOV SERGEI", "", "", "rejected"],
        ["JOHN NOBODY", "1970", "X1", "approved"]])


def shown_dialog(qtbot: QtBot, db: Database, list_id: int | None, *, laptop: bool = False) -> ReconcileDialog:
    """The reconcile dialog for `list_id`, shown (at 1280x720 when `laptop`)."""
    dialog = ReconcileDialog(Workspace(db, "A. Petrova"), list_id=list_id)
    qtbot.addWidget(dialog)
    if laptop:
        dialog.resize(1280, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def checked_dialog(qtbot: QtBot, db: Database, list_id: int | None, answer: Path, *, laptop: bool = False,
                   timeout: int = 20_000) -> ReconcileDialog:
    """`shown_dialog` with `answer` typed in and checked, as the officer does, its result shown."""
    dialog = shown_dialog(qtbot, db, list_id, laptop=laptop)
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=timeout)
    return dialog


def as_a_tooltip_shows(tip: object) -> str:
    """The words a tooltip of `tip` shows: Qt's tooltip takes text that looks like HTML as rich text."""
    assert isinstance(tip, str)
    document = QTextDocument()
    if QtText.mightBeRichText(tip):
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    return document.toPlainText()
