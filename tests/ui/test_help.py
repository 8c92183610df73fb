"""The Help menu: the manual opens offline, About tells the real versions, the shortcuts list every action;
and a demonstration roster is named in the title bar."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import PySide6
import sqlcipher3.dbapi2
from PySide6.QtCore import QSettings, QSize, QTimer, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app import __version__
from desktop_app.services.first_start import set_up_demo
from desktop_app.storage.db import open_database
from desktop_app.storage.migrations import head_revision
from desktop_app.ui.help import AboutDialog, ManualWindow, manual_page
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from tests.ui.opening import switch_and_wait


def _menu_texts(window: MainWindow, menu: str) -> list[str]:
    return [a.text().replace("&", "") for a in window.actions.menu(menu).actions() if not a.isSeparator()]


def test_help_menu_has_manual_shortcuts_and_about(window: MainWindow) -> None:
    assert _menu_texts(window, "Help") == ["Manual", "Keyboard shortcuts", "About"]


def test_about_tells_the_real_versions(window: MainWindow, qtbot: QtBot) -> None:
    dialog = AboutDialog(window.db, window)
    qtbot.addWidget(dialog)

    def shown(name: str) -> str:
        label = dialog.findChild(QLabel, name)
        assert label is not None, name
        return label.text()

    cipher = sqlcipher3.dbapi2.connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0]
    assert shown("aboutVersion") == __version__
    assert shown("aboutRoster").startswith(str(window.db.target.path))
    assert shown("aboutSchema") == head_revision()  # the demo roster is migrated to the newest
    assert shown("aboutSqlcipher") == cipher
    assert shown("aboutQt") == f"{qVersion()} (PySide6 {PySide6.__version__})"
    dialog.copy()
    assert cipher in QApplication.clipboard().text() and __version__ in QApplication.clipboard().text()


def test_about_is_what_help_about_opens(window: MainWindow, qtbot: QtBot) -> None:
    seen: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, look)
            return
        seen.append(modal.objectName())
        modal.close()

    QTimer.singleShot(0, look)
    window.actions["about"].trigger()
    assert seen == ["aboutDialog"]


def test_shortcuts_dialog_lists_every_action_with_a_shortcut(window: MainWindow, qtbot: QtBot) -> None:
    texts: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "shortcutsDialog":
            QTimer.singleShot(20, look)
            return
        texts.append(box.text())
        box.accept()

    QTimer.singleShot(0, look)
    window.actions["shortcuts"].trigger()
    listed = texts[0]
    with_keys = [a for a in window.findChildren(QAction) if a.shortcuts()]
    assert len(with_keys) > 15
    for action in with_keys:
        keys = action.shortcuts()[0].toString(QKeySequence.SequenceFormat.NativeText)
        name = action.text().replace("&", "").rstrip("…").strip()
        assert any(line.startswith(keys) and line.endswith(name) for line in listed.splitlines()), (name, keys)


def test_manual_opens_offline_in_each_language(window: MainWindow, qtbot: QtBot) -> None:
    for language, heading in (("en", "manual for consular officers"), ("ru", "руководство")):
        assert manual_page(language).is_file()
        manual = ManualWindow(language, window)
        qtbot.addWidget(manual)
        assert heading in manual.browser.toPlainText()
        assert manual.browser.source().isLocalFile()
    window.preferences.language = "ru"
    window.actions["manual"].trigger()
    shown = ManualWindow._open
    assert shown is not None and shown.isVisible() and "руководство" in shown.browser.toPlainText()
    shown.close()


def test_a_demonstration_roster_is_named_in_the_title_bar(qtbot: QtBot, tmp_path: Path) -> None:
    path, _new = set_up_demo(tmp_path / "demonstration.db", operator="A. Petrova")
    db = open_database(path)
    preferences = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.windowTitle().startswith("DEMONSTRATION — "))  # the mission read off the GUI thread
    window.setWindowTitle("Mission Roster — renamed")  # the settings dialog sets it again: the mark stays
    assert window.windowTitle() == "DEMONSTRATION — Mission Roster — renamed"
    assert switch_and_wait(qtbot, window, str(tmp_path / "real.db"))
    assert "DEMONSTRATION" not in window.windowTitle()
    window.close()
    window.db.close()


def test_about_and_the_manual_are_not_cut_at_1280_by_720(window: MainWindow, qtbot: QtBot, language: str,
                                                         screen_check: ModuleType) -> None:
    about = AboutDialog(window.db, window)
    manual = ManualWindow(language, window)
    for dialog in (about, manual):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert not screen_check.clipped(dialog, QSize(1280, 720)), dialog.objectName()
