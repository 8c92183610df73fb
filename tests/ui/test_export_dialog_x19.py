"""Breaker X19 (issue 19): the export dialog driven like a hurried officer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import audit
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database
from tests.ui.test_export_dialog import OPERATOR, export_dialog
from tests.ui.typing import answer_next_message_box, type_text


def test_escape_pressed_while_the_file_is_written_cancels_the_export(qtbot: QtBot, db: Database,
                                                                    tmp_path: Path) -> None:
    """Export clicked twice, Enter, then Escape: the dialog closed and the export went on behind it, the
    file written and recorded as sent. Escape now cancels it as the progress dialog's Cancel does."""
    build_demo_roster(db, persons=1_100, operator=OPERATOR, today=dt.date(2026, 11, 20))  # past 1,000 rows
    path = tmp_path / "out" / "roster.xlsx"
    path.parent.mkdir()
    dialog = export_dialog(qtbot, db)
    dialog.partner_combo.setCurrentIndex(0)
    dialog.consent_box.setChecked(True)
    type_text(dialog.file_edit, str(path))
    replies: list[str] = []
    answer_next_message_box(replies, QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
    assert list(path.parent.iterdir()) == []  # no file, no partial
    assert audit.browse(db, audit.AuditFilter(action="export")) == []
    assert dialog.export_result is None
    assert len(replies) == 1 and "cancel" in replies[0].lower(), replies  # told: nothing was written
