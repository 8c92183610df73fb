"""The first-start assistant driven as an officer would: encrypted, no encryption, demonstration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from desktop_app.services import recovery
from desktop_app.services.settings import load_mission
from desktop_app.storage.db import WrongPassphrase, check_passphrase, is_encrypted, open_database
from desktop_app.ui.app import run_gui
from desktop_app.ui.first_start import (
    PAGE_BACKUP,
    PAGE_OFFICER,
    PAGE_PASSPHRASE,
    PAGE_RECOVERY,
    PAGE_ROSTER,
    PAGE_WELCOME,
    FirstStartWizard,
    is_first_start,
    strength,
)
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import read_pool
from desktop_app.ui.preferences import Preferences


@pytest.fixture
def fresh(tmp_path: Path) -> Preferences:
    """A workstation where nothing was ever set up."""
    return Preferences(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))


def _wizard(qtbot: QtBot, preferences: Preferences) -> FirstStartWizard:
    wizard = FirstStartWizard(preferences)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _next(qtbot: QtBot, wizard: FirstStartWizard, expected: int) -> None:
    button = wizard.button(QWizard.WizardButton.CommitButton if wizard.currentPage().isCommitPage()
                           else QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == expected, wizard.currentPage().findChild(object, "firstStartProblem")


def _through_officer_and_place(qtbot: QtBot, wizard: FirstStartWizard, roster: Path) -> None:
    _next(qtbot, wizard, PAGE_OFFICER)
    page = wizard.officer_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a name is needed
    qtbot.keyClicks(page.officer, "Anna Petrova")
    qtbot.keyClicks(page.mission, "Consulate General in Cairo")
    qtbot.keyClicks(page.country, "Egypt")
    _next(qtbot, wizard, PAGE_ROSTER)
    assert wizard.roster_page.path.text().endswith("roster.db")  # the local data folder by default
    wizard.roster_page.path.setText(str(roster))
    _next(qtbot, wizard, PAGE_PASSPHRASE)


def test_encrypted_path_makes_the_roster_and_a_recovery_key_that_opens_it(qtbot: QtBot, tmp_path: Path,
                                                                          fresh: Preferences) -> None:
    assert is_first_start(fresh, None)
    roster, stick = tmp_path / "mission" / "cairo.db", tmp_path / "stick"
    stick.mkdir()
    wizard = _wizard(qtbot, fresh)
    _through_officer_and_place(qtbot, wizard, roster)
    page = wizard.passphrase_page
    qtbot.keyClicks(page.edit, "short")
    assert page.hint.text().startswith("Too short")
    page.edit.clear()
    qtbot.keyClicks(page.edit, "blue river seven lanterns")
    qtbot.keyClicks(page.again, "blue river seven lantern")  # a typo: the two differ
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    qtbot.keyClick(page.again, "s")
    assert page.hint.text() == "Strong"
    _next(qtbot, wizard, PAGE_RECOVERY)
    assert is_encrypted(roster)
    key = wizard.recovery_page.key.text()
    assert key and key == wizard.recovery_key
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # until the key is kept
    sheet = tmp_path / "key.pdf"
    wizard.recovery_page.save_pdf(sheet)
    assert sheet.read_bytes().startswith(b"%PDF")
    wizard.recovery_page.kept.setChecked(True)
    _next(qtbot, wizard, PAGE_BACKUP)
    wizard.backup_page.folder.setText(str(stick))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert (wizard.result_target, wizard.result_passphrase) == (str(roster), "blue river seven lanterns")
    assert (fresh.operator, fresh.default_database, fresh.backup_folder) == ("Anna Petrova", str(roster), str(stick))
    db = open_database(roster, passphrase="blue river seven lanterns")
    try:
        mission = load_mission(db)
    finally:
        db.close()
    assert (mission.mission_name, mission.mission_country, mission.demonstration) == \
        ("Consulate General in Cairo", "EGY", False)
    # The passphrase forgotten: the key shown by the assistant sets a new one.
    recovery.recover_roster(roster, key, "a new passphrase here", operator="Anna Petrova")
    check_passphrase(roster, "a new passphrase here")
    with pytest.raises(WrongPassphrase):
        check_passphrase(roster, "blue river seven lanterns")
    assert not is_first_start(fresh, None)


def test_no_encryption_is_an_explicit_choice_and_skips_the_recovery_key(qtbot: QtBot, tmp_path: Path,
                                                                        fresh: Preferences) -> None:
    roster = tmp_path / "plain.db"
    wizard = _wizard(qtbot, fresh)
    _through_officer_and_place(qtbot, wizard, roster)
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()  # nothing typed, nothing chosen
    wizard.passphrase_page.plain.setChecked(True)
    _next(qtbot, wizard, PAGE_BACKUP)
    assert roster.exists() and not is_encrypted(roster)
    assert wizard.recovery_key is None and not recovery.has_recovery_key(roster)
    wizard.backup_page.folder.setText(str(tmp_path / "not there"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and "not a folder" in wizard.backup_page.problem.text()  # a stick not plugged in
    wizard.backup_page.folder.clear()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.result_target == str(roster) and wizard.result_passphrase is None


def test_an_existing_file_is_never_replaced(qtbot: QtBot, tmp_path: Path, fresh: Preferences) -> None:
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"minutes of the crisis meeting\n")
    wizard = _wizard(qtbot, fresh)
    _next(qtbot, wizard, PAGE_OFFICER)
    qtbot.keyClicks(wizard.officer_page.officer, "Anna Petrova")
    _next(qtbot, wizard, PAGE_ROSTER)
    wizard.roster_page.path.setText(str(taken))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_ROSTER and "exists already" in wizard.roster_page.problem.text()
    assert taken.read_bytes() == b"minutes of the crisis meeting\n"


def test_a_country_that_is_none_is_named(qtbot: QtBot, fresh: Preferences) -> None:
    wizard = _wizard(qtbot, fresh)
    _next(qtbot, wizard, PAGE_OFFICER)
    qtbot.keyClicks(wizard.officer_page.officer, "Anna Petrova")
    qtbot.keyClicks(wizard.officer_page.country, "Atlantis")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_OFFICER and "Atlantis" in wizard.officer_page.problem.text()


def test_demonstration_path_opens_a_marked_roster(qtbot: QtBot, fresh: Preferences) -> None:
    wizard = _wizard(qtbot, fresh)
    wizard.welcome.demo.setChecked(True)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result_demo and wizard.result_demo_new and wizard.result_passphrase is None
    db = open_database(wizard.result_target or "")
    try:
        assert load_mission(db).demonstration
    finally:
        db.close()
    assert is_first_start(fresh, None)  # only a demonstration was seen: the assistant comes back next time
    assert not fresh.default_database


def test_strength_grows_with_length_and_words() -> None:
    assert [strength(p) for p in ("short", "abcdefgh", "abcdefghijklmnop", "four words are better")] == [0, 1, 2, 3]


def _poll(step: Callable[[], bool]) -> None:
    """Call `step` every 20 ms on the GUI thread until it returns True."""
    def again() -> None:
        if not step():
            QTimer.singleShot(20, again)

    QTimer.singleShot(0, again)


def test_the_very_first_start_runs_the_assistant_then_opens_its_roster(qtbot: QtBot, tmp_path: Path) -> None:
    """The whole start as an officer sees it: nothing set up, the assistant, an encrypted roster, the window
    on it without asking the passphrase again."""
    roster = tmp_path / "cairo.db"
    seen: dict[str, object] = {}

    def step() -> bool:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstStartWizard) and modal.isVisible():
            if modal.currentId() == PAGE_WELCOME:
                modal.next()
            elif modal.currentId() == PAGE_OFFICER:
                modal.officer_page.officer.setText("Anna Petrova")
                modal.next()
            elif modal.currentId() == PAGE_ROSTER:
                modal.roster_page.path.setText(str(roster))
                modal.next()
            elif modal.currentId() == PAGE_PASSPHRASE:
                for edit in (modal.passphrase_page.edit, modal.passphrase_page.again):
                    edit.setText("blue river seven lanterns")
                modal.button(QWizard.WizardButton.CommitButton).click()
            elif modal.currentId() == PAGE_RECOVERY:
                modal.recovery_page.kept.setChecked(True)
                modal.next()
            elif modal.currentId() == PAGE_BACKUP:
                modal.button(QWizard.WizardButton.FinishButton).click()
            return False
        if modal is not None:
            seen["unexpected"] = modal.objectName()  # a passphrase asked again, or an error
            modal.close()
            return False
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].db is not None:
            seen["opened"] = windows[0].db.target.path
            seen["encrypted"] = windows[0].db.encrypted
            windows[0].close()
            return True
        return False

    _poll(step)
    assert run_gui(None) == 0
    assert seen == {"opened": roster, "encrypted": True}
    assert Preferences().default_database == str(roster)


def test_the_demonstration_from_the_first_start_is_filled_and_named(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def step() -> bool:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstStartWizard) and modal.isVisible():
            modal.welcome.demo.setChecked(True)
            modal.button(QWizard.WizardButton.FinishButton).click()
            return False
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].completed and not windows[0].tasks and windows[0].roster.model.rowCount() > 0 \
                and not read_pool().queued_count() and not read_pool().active_count():  # the mission read too
            seen["title"] = windows[0].windowTitle()
            windows[0].close()
            return True
        return False

    _poll(step)
    assert run_gui(None, operator="Anna Petrova") == 0
    assert str(seen["title"]).startswith("DEMONSTRATION — ")


def test_the_language_chosen_applies_at_once(qtbot: QtBot, fresh: Preferences) -> None:
    wizard = _wizard(qtbot, fresh)
    try:
        wizard.welcome.language.setCurrentIndex(wizard.welcome.language.findData("ru"))
        assert fresh.language == "ru"
        assert wizard.welcome.title() == "Добро пожаловать в Mission Roster"
        assert wizard.welcome.demo.text() == "&Посмотреть на демонстрационной базе"
        assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Далее >"
        assert wizard.passphrase_page.title() == "Защита базы"
    finally:
        wizard.welcome.language.setCurrentIndex(wizard.welcome.language.findData("en"))
    assert wizard.welcome.title() == "Welcome to Mission Roster"


def test_a_roster_placed_in_a_sync_folder_is_warned_about(qtbot: QtBot, tmp_path: Path, fresh: Preferences) -> None:
    wizard = _wizard(qtbot, fresh)
    _next(qtbot, wizard, PAGE_OFFICER)
    qtbot.keyClicks(wizard.officer_page.officer, "Anna Petrova")
    _next(qtbot, wizard, PAGE_ROSTER)
    assert wizard.roster_page.warning.text() == ""  # the local data folder
    wizard.roster_page.path.setText(str(tmp_path / "Dropbox" / "roster.db"))
    assert "Dropbox" in wizard.roster_page.warning.text()
    _next(qtbot, wizard, PAGE_PASSPHRASE)  # a warning, not a refusal: the officer may have no other place


def test_no_page_of_the_assistant_is_cut_at_1280_by_720(qtbot: QtBot, tmp_path: Path, language: str,
                                                        screen_check: ModuleType) -> None:
    preferences = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    preferences.language = language
    wizard = FirstStartWizard(preferences)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    screen = QSize(1280, 720)
    problems = []
    for page in range(PAGE_BACKUP + 1):
        if page == PAGE_RECOVERY:  # its key is filled once the roster is made
            wizard.recovery_key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
        wizard.setStartId(page)
        wizard.restart()
        QApplication.processEvents()
        problems += [f"page {page}: {problem}" for problem in screen_check.clipped(wizard, screen)]
    assert not problems, problems
