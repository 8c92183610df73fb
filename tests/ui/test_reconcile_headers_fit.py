"""Issue 13 item 8, remainder: the reconcile dialog's result tables show every column title whole at
1280x720 in English and Russian ("Человек из базы" was cut to "еловек из базы"), before a file
is checked and after; `packaging/screen_check.py` finds a cut title.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.reconcile import ReconcileDialog
from tests.services.test_reconcile_roster import build_roster, write_answer

LAPTOP = QSize(1280, 720)
TABLES = ("matchedTable", "reviewTable", "notOnRosterTable", "notMentionedTable", "warningsTable")




def _titles_cut(dialog: ReconcileDialog) -> list[str]:
    cut = []
    for name in TABLES:
        view = dialog.findChild(QTableView, name)
        header = view.horizontalHeader()
        for column in range(header.count()):
            if header.sectionSize(column) < header.sectionSizeFromContents(column).width():
                cut.append(f"{name}: {view.model().headerData(column, header.orientation())}")
    return cut


def test_every_result_title_is_whole_at_1280(qtbot: QtBot, window: MainWindow, language: str,
                                              screen_check: ModuleType) -> None:
    dialog = ReconcileDialog(window.hub.workspace, window)
    qtbot.addWidget(dialog)
    dialog.resize(LAPTOP)
    dialog.show()
    qtbot.waitExposed(dialog)
    if language == "ru":
        assert "Человек из базы" in [dialog.matched_view.model().headerData(c, dialog.matched_view.horizontalHeader()
                                                                            .orientation())
                                     for c in range(dialog.matched_view.model().columnCount())]
    assert _titles_cut(dialog) == []
    assert [p for p in screen_check.clipped(dialog, LAPTOP) if "Table" in p] == []


def test_titles_stay_whole_after_an_answer_is_checked(qtbot: QtBot, db: Database, tmp_path: Path,
                                                      language: str) -> None:
    roster = build_roster(db)
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"], [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["IVANOVA ANNA", "", "", "approved"],
        ["JOHN NOBODY", "1970", "X1", "approved"]])
    dialog = ReconcileDialog(Workspace(db, "A. Petrova"), list_id=roster.list_id)
    qtbot.addWidget(dialog)
    dialog.resize(LAPTOP)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=30000)
    assert _titles_cut(dialog) == []


def test_the_check_finds_a_cut_title(qtbot: QtBot, window: MainWindow, screen_check: ModuleType) -> None:
    dialog = ReconcileDialog(window.hub.workspace, window)
    qtbot.addWidget(dialog)
    dialog.resize(LAPTOP)
    dialog.show()
    dialog.matched_view.horizontalHeader().resizeSection(1, 20)
    assert any("matchedTable" in p and "title needs" in p for p in screen_check.clipped(dialog, LAPTOP))
