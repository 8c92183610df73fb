"""The export dialog given file names a hurried officer types: where the file goes (issue 12, attacked)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.export_dialog import ExportDialog
from tests.services.test_export_service import Roster, build_roster
from tests.ui.typing import answer_next_message_box, type_text

OPERATOR = "A. Petrova"


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db, OPERATOR)


def test_a_bare_file_name_goes_to_the_home_folder_not_where_the_program_was_started(
        qtbot: QtBot, db: Database, roster: Roster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The field's placeholder says "roster.xlsx or manifest.pdf": typed as it is, the file went to the
    process's working folder (the program folder of a Start-menu shortcut), not where the officer looks."""
    started_in = tmp_path / "program-folder"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    home = Path(os.environ["HOME"])
    dialog = ExportDialog(Workspace(db, OPERATOR))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.partner_combo.setCurrentIndex(0)  # a file for the mission itself
    type_text(dialog.file_edit, "roster.xlsx")
    assert dialog.export_button.isEnabled(), dialog.problem_label.text()
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.args[0].path == home / "roster.xlsx"
    assert (home / "roster.xlsx").is_file() and list(started_in.iterdir()) == []


def test_a_dangling_link_at_the_file_name_is_asked_about_like_a_file(
        qtbot: QtBot, db: Database, roster: Roster, tmp_path: Path) -> None:
    """A link left by a USB stick no longer plugged in: the dialog did not ask (the link 'does not
    exist'), then failed with "already exists ... (--overwrite on the command line)", which the window has not."""
    path = tmp_path / "to-the-stick.xlsx"
    path.symlink_to(tmp_path / "stick" / "list.xlsx")
    dialog = ExportDialog(Workspace(db, OPERATOR))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.partner_combo.setCurrentIndex(0)
    type_text(dialog.file_edit, str(path))
    replies: list[str] = []
    answer_next_message_box(replies, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(replies) == 1 and "to-the-stick.xlsx already exists" in replies[0]
    assert path.is_file() and not path.is_symlink()
