"""The window tells where the roster lies (issue 21): a roster in a OneDrive folder is flagged on the
roster's label in the status bar, with the whole warning as its tooltip, and said in a box that does not
stop the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.storage.db import open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences


def window_on(qtbot: QtBot, roster: Path, tmp_path: Path) -> MainWindow:
    prefs = Preferences(QSettings(str(tmp_path / f"{roster.parent.name}.ini"), QSettings.Format.IniFormat))
    prefs.operator = "A. Petrova"
    db = open_database(roster)
    persons.create_person(db, {"surname": "Шаат"}, operator="t")
    main = MainWindow(db, "A. Petrova", prefs)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_a_roster_in_a_onedrive_folder_is_flagged_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - MFA"
    folder.mkdir()
    main = window_on(qtbot, folder / "roster.db", tmp_path)
    try:
        assert main.db_label.text().startswith("⚠ ")
        assert "inside a OneDrive folder" in main.db_label.toolTip()
        box = main.findChild(QMessageBox, "locationWarning")
        assert box is not None and box.isVisible() and not box.isModal()  # the work goes on meanwhile
        assert "inside a OneDrive folder" in box.text() and str(folder / "roster.db") in box.text()
        box.grab().save(str(tmp_path / "onedrive.png"))
        box.accept()
    finally:
        main.close()
        main.db.close()
    local = tmp_path / "local"
    local.mkdir()
    main = window_on(qtbot, local / "roster.db", tmp_path)
    try:
        assert not main.db_label.text().startswith("⚠") and main.db_label.toolTip() == ""
        assert main.findChild(QMessageBox, "locationWarning") is None
    finally:
        main.close()
        main.db.close()
