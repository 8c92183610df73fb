"""Breaker X16 (issue 16): the first-start assistant driven fast and wrongly: a roster placed where no
file can be made, Back and Next and Cancel around the page that creates the roster, the language
switched mid-way, a demonstration then a real roster in one window."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desktop_app import system
from desktop_app.output_files import OutputRefused
from desktop_app.storage.db import check_passphrase, is_encrypted
from desktop_app.ui.first_start import (
    PAGE_BACKUP,
    PAGE_OFFICER,
    PAGE_PASSPHRASE,
    PAGE_RECOVERY,
    PAGE_ROSTER,
    FirstStartWizard,
)
from desktop_app.ui.preferences import Preferences


@pytest.fixture
def fresh(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))


def wizard_at_roster_page(qtbot: QtBot, preferences: Preferences) -> FirstStartWizard:
    wizard = FirstStartWizard(preferences)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    assert wizard.currentId() == PAGE_OFFICER
    wizard.officer_page.officer.setText("Anna Petrova")
    wizard.next()
    assert wizard.currentId() == PAGE_ROSTER
    return wizard


def click(qtbot: QtBot, wizard: FirstStartWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("plain", [True, False], ids=["no-encryption", "encrypted"])
def test_a_roster_where_no_file_can_be_made_is_refused_on_its_page(qtbot: QtBot, tmp_path: Path,
                                                                   fresh: Preferences, plain: bool) -> None:
    blocker = tmp_path / "report.txt"  # a file where the roster's folder would be: mkdir cannot make it
    blocker.write_text("not a folder", encoding="utf-8")
    wizard = wizard_at_roster_page(qtbot, fresh)
    wizard.roster_page.path.setText(str(blocker / "mission" / "roster.db"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    if wizard.currentId() == PAGE_PASSPHRASE:  # refused here at the latest, never a Python error
        page = wizard.passphrase_page
        if plain:
            page.plain.setChecked(True)
        else:
            page.edit.setText("blue river seven lanterns")
            page.again.setText("blue river seven lanterns")
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
        assert wizard.currentId() == PAGE_PASSPHRASE
        assert str(blocker) in page.problem.text()
    else:
        assert wizard.currentId() == PAGE_ROSTER
        assert str(blocker) in wizard.roster_page.problem.text()
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert not fresh.default_database
    # The officer types a place that can be written: the assistant goes on.
    wizard.back() if wizard.currentId() == PAGE_PASSPHRASE else None
    wizard.roster_page.path.setText(str(tmp_path / "good" / "roster.db"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_PASSPHRASE
    wizard.passphrase_page.plain.setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PAGE_BACKUP and (tmp_path / "good" / "roster.db").is_file()
    assert not is_encrypted(tmp_path / "good" / "roster.db")


def test_a_stick_pulled_after_its_place_was_accepted_is_said_on_the_passphrase_page(
        qtbot: QtBot, tmp_path: Path, fresh: Preferences) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    wizard = wizard_at_roster_page(qtbot, fresh)
    wizard.roster_page.path.setText(str(stick / "roster.db"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_PASSPHRASE
    stick.rmdir()
    stick.write_text("the mount point's place taken by a file", encoding="utf-8")
    wizard.passphrase_page.plain.setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PAGE_PASSPHRASE and str(stick) in wizard.passphrase_page.problem.text()
    assert not fresh.default_database


def test_backups_on_the_rosters_own_disk_are_warned_about(qtbot: QtBot, tmp_path: Path, fresh: Preferences) -> None:
    stick_disk = Path("/dev/shm")  # another file system than tmp_path's, as a USB stick is
    if not stick_disk.is_dir() or system.same_disk(stick_disk, tmp_path):
        pytest.skip("no second file system to stand for the USB stick")
    wizard = wizard_at_roster_page(qtbot, fresh)
    wizard.roster_page.path.setText(str(tmp_path / "roster.db"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.passphrase_page.plain.setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PAGE_BACKUP
    page = wizard.backup_page
    assert "same disk" in page.warning.text()  # left empty: beside the roster
    page.folder.setText(str(tmp_path / "backups"))
    assert "same disk" in page.warning.text()
    with tempfile.TemporaryDirectory(dir=stick_disk) as stick:
        page.folder.setText(stick)
        assert page.warning.text() == ""
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
        assert wizard.result() == QWizard.DialogCode.Accepted and fresh.backup_folder == stick


def test_leaving_before_the_recovery_key_is_kept_is_asked_first(qtbot: QtBot, tmp_path: Path,
                                                                fresh: Preferences) -> None:
    wizard = wizard_at_roster_page(qtbot, fresh)
    wizard.roster_page.path.setText(str(tmp_path / "roster.db"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.passphrase_page.edit.setText("blue river seven lanterns")
    wizard.passphrase_page.again.setText("blue river seven lanterns")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PAGE_RECOVERY and wizard.recovery_key
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # a hurried officer
    assert wizard.isVisible() and wizard.currentId() == PAGE_RECOVERY
    assert "shown only now" in wizard.recovery_page.problem.text()
    assert wizard.recovery_page.key.text() == wizard.recovery_key  # still shown, to be printed
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)  # asked, and meant
    assert not wizard.isVisible() and wizard.result() == QWizard.DialogCode.Rejected
    # Kept: one Cancel on the backup page leaves.
    again = Preferences(QSettings(str(tmp_path / "again.ini"), QSettings.Format.IniFormat))
    wizard = wizard_at_roster_page(qtbot, again)
    wizard.roster_page.path.setText(str(tmp_path / "second.db"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.passphrase_page.edit.setText("blue river seven lanterns")
    wizard.passphrase_page.again.setText("blue river seven lanterns")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    wizard.recovery_page.kept.setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_BACKUP
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert not wizard.isVisible() and wizard.result() == QWizard.DialogCode.Rejected


def test_the_key_sheet_is_never_saved_over_the_roster_and_only_its_user_reads_it(
        qtbot: QtBot, tmp_path: Path, fresh: Preferences) -> None:
    roster = tmp_path / "roster.db"
    wizard = wizard_at_roster_page(qtbot, fresh)
    wizard.roster_page.path.setText(str(roster))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.passphrase_page.edit.setText("blue river seven lanterns")
    wizard.passphrase_page.again.setText("blue river seven lanterns")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PAGE_RECOVERY
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("roster.db")}
    for target in (roster, roster.with_name("roster.db-wal"), tmp_path / "roster.db.audit-head"):
        with pytest.raises(OutputRefused):  # the file dialog's 'replace it?' must not reach the roster
            wizard.recovery_page.save_pdf(target)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("roster.db")} == before
    assert check_passphrase(roster, "blue river seven lanterns") is None
    sheet = tmp_path / "key.pdf"
    wizard.recovery_page.save_pdf(sheet)
    assert sheet.read_bytes().startswith(b"%PDF") and sheet.read_bytes().rstrip().endswith(b"%%EOF")
    if os.name == "posix":
        assert stat.S_IMODE(sheet.stat().st_mode) == 0o600  # the key opens the roster: this user's only
    older = tmp_path / "older key.pdf"
    older.write_bytes(b"an older sheet")
    wizard.recovery_page.save_pdf(older)  # replacing a file the officer confirmed in the file dialog
    assert older.read_bytes().startswith(b"%PDF")
    wizard.recovery_page.kept.setChecked(True)
