"""Issue 13, remainder 4, in the window: the volunteer's list that went through LibreOffice (saved
again as CSV, leading zeros dropped) shows, above the preview's rows, which columns and rows lost
them; each such cell carries the warning. The CSV is really converted by soffice."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.ui.importing.wizard import PREVIEW_PAGE, TABLE_PAGE, open_import_wizard
from desktop_app.ui.main_window import MainWindow
from tests.helpers.libreoffice import convert
from tests.services.test_import_lost_zeros import VOLUNTEER_CSV


def test_the_preview_says_which_numbers_lost_their_zeros(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                          soffice: list[str]) -> None:
    save_mission(window.db, MissionSettings("Cairo", "EGY"), operator="A. Petrova")
    original = tmp_path / "volunteer.csv"
    original.write_text(VOLUNTEER_CSV, encoding="utf-8")
    saved = convert(soffice, original, "csv", tmp_path / "saved-by-calc")
    assert saved is not None
    wizard = open_import_wizard(window)
    qtbot.addWidget(wizard)
    wizard.resize(1280, 720)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(saved))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    notes = wizard.preview_page.notes
    assert notes.isVisible()
    assert "column D (Passport): 2 document numbers are shorter than the others" in notes.text()
    assert "column E (Phone): 3 phone numbers start without their 0 (e.g. 599112234)" in notes.text()
    assert "(rows 2, 3, 5)" in notes.text()
    if os.environ.get("MISSION_ROSTER_SHOTS"):
        wizard.grab().save(str(Path(os.environ["MISSION_ROSTER_SHOTS"]) / "import-lost-zeros.png"))
