"""Recovery keys: a roster whose passphrase is lost is opened and re-keyed with its recovery key.

The steps replay the officer's: encrypt, make a key (printed), change the passphrase later, forget
it, recover with the key from the command line, open the roster with the new passphrase.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.domain.errors import DatabaseError
from desktop_app.services import backups, demo, recovery
from desktop_app.storage.db import WrongPassphrase, check_passphrase, open_database
from desktop_app.storage.models import AuditEntry


def _encrypted_roster(tmp_path: Path, passphrase: str) -> Path:
    path = tmp_path / "roster.db"
    db = open_database(path, holder="t")
    demo.fill_demo(db, households=3, operator="t")
    db.close()
    backups.encrypt_roster(path, passphrase, operator="t")
    return path


def test_recovery_key_opens_and_rekeys_a_roster_whose_passphrase_is_lost(tmp_path: Path) -> None:
    path = _encrypted_roster(tmp_path, "first passphrase")
    key = recovery.make_recovery_key(path, "first passphrase", operator="t")
    sealed = recovery.recovery_path(path).read_text(encoding="utf-8")
    assert "first passphrase" not in sealed and key.replace("-", "") not in sealed.replace("-", "")
    # Later the passphrase is changed the ordinary way: the printed key must still work.
    backups.change_roster_passphrase(path, "first passphrase", "second passphrase", operator="t")
    recovery.recover_roster(path, key.lower().replace("-", " "), "third passphrase", operator="t")
    check_passphrase(path, "third passphrase")
    with pytest.raises(WrongPassphrase):
        check_passphrase(path, "second passphrase")
    db = open_database(path, passphrase="third passphrase", holder="t")
    with db.reading() as session:
        actions = [a for (a,) in session.execute(select(AuditEntry.action))]
    db.close()
    assert "recovery-key" in actions and actions.count("rekey") == 2


def test_a_wrong_recovery_key_changes_nothing(tmp_path: Path) -> None:
    path = _encrypted_roster(tmp_path, "first passphrase")
    recovery.make_recovery_key(path, "first passphrase", operator="t")
    before = path.read_bytes()
    with pytest.raises(recovery.RecoveryKeyRefused):
        recovery.recover_roster(path, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "new passphrase", operator="t")
    assert path.read_bytes() == before
    check_passphrase(path, "first passphrase")


def test_no_recovery_file_is_said(tmp_path: Path) -> None:
    path = _encrypted_roster(tmp_path, "first passphrase")
    with pytest.raises(DatabaseError, match="no recovery file"):
        recovery.recover_roster(path, "AAAA", "new passphrase", operator="t")


def test_command_line_makes_a_key_then_recovers_with_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _encrypted_roster(tmp_path, "first passphrase")
    (tmp_path / "pw.txt").write_text("first passphrase\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text("brand new passphrase\n", encoding="utf-8")
    key_file, sheet = tmp_path / "KEY.txt", tmp_path / "KEY.html"
    assert main(["--db", str(path), "--operator", "t", "--passphrase-file", str(tmp_path / "pw.txt"),
                 "recovery-key", "--out", str(key_file), "--sheet", str(sheet)]) == 0
    key = key_file.read_text(encoding="ascii").strip()
    assert key in sheet.read_text(encoding="utf-8")
    assert key not in capsys.readouterr().out
    # A second key is never written over the first file.
    assert main(["--db", str(path), "--operator", "t", "--passphrase-file", str(tmp_path / "pw.txt"),
                 "recovery-key", "--out", str(key_file)]) == 1
    assert key_file.read_text(encoding="ascii").strip() == key
    assert main(["--db", str(path), "--operator", "t", "recover", "--recover-with", str(key_file),
                 "--new-passphrase-file", str(tmp_path / "new.txt")]) == 0
    check_passphrase(path, "brand new passphrase")
    assert json.loads(recovery.recovery_path(path).read_text(encoding="utf-8"))["format"] == 1


def test_a_lost_laptops_backup_opens_on_another_computer_with_the_key(tmp_path: Path) -> None:
    """The laptop is gone with its roster and recovery file; the stick holds the backups and a copy of the
    recovery file; the passphrase was changed after the backup was taken, and nobody remembers either."""
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    path = _encrypted_roster(laptop, "first passphrase")
    key = recovery.make_recovery_key(path, "first passphrase", operator="t")
    stick = tmp_path / "stick"
    stick.mkdir()
    db = open_database(path, passphrase="first passphrase")
    info = backups.backup_now(db, stick, operator="t")
    db.close()
    copy = stick / recovery.recovery_path(path).name
    assert copy.is_file() and "first passphrase" not in copy.read_text(encoding="utf-8")
    backups.change_roster_passphrase(path, "first passphrase", "second passphrase", operator="t")
    db = open_database(path, passphrase="second passphrase")
    backups.backup_now(db, stick, operator="t")  # the copy on the stick now seals the second one too
    db.close()
    other = tmp_path / "other computer" / "roster.db"
    other.parent.mkdir()
    other.write_bytes(info.path.read_bytes())  # the older backup, under the first passphrase
    recovery.recover_roster(other, key, "third passphrase", operator="t", recovery_file=copy)
    check_passphrase(other, "third passphrase")
    assert recovery.has_recovery_key(other)  # the key keeps working on this computer
    recovery.recover_roster(other, key, "fourth passphrase", operator="t")
    check_passphrase(other, "fourth passphrase")
