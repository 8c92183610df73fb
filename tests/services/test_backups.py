"""Backups: online copies that are checked, rotated, listed read-only and restored atomically, for plain
and encrypted rosters; the command line's backup, backups, restore, encrypt and passphrase."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.domain.errors import DatabaseError
from desktop_app.services import audit, backups, demo, persons, stats
from desktop_app.services.duplicates import merge_persons
from desktop_app.storage.backup import backup_database, rotate_backups
from desktop_app.storage.db import Database, open_database
from tests.services.import_support import write_xlsx

PASSPHRASE = "correct horse battery staple"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def roster(db: Database) -> Database:
    demo.fill_demo(db, households=10, operator="demo")
    return db


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "usb"
    path.mkdir()
    return path


def test_backup_is_checked_and_tells_what_it_holds(roster: Database, folder: Path) -> None:
    count = stats.roster_stats(roster).persons
    info = backups.backup_now(roster, folder, operator="t")
    assert info.persons == count and not info.encrypted and info.last_change is not None
    assert info.path.parent == folder and info.path.name.startswith("roster-backup-")
    assert [p.name for p in folder.iterdir()] == [info.path.name]  # no partial file, no WAL beside it
    before = _digest(info.path)
    (listed,) = backups.list_backups(roster, folder)
    assert (listed.persons, listed.path) == (count, info.path)
    assert _digest(info.path) == before  # listing reads without changing a byte
    assert audit.browse(roster, audit.AuditFilter(action="backup"))


def test_encrypted_roster_gives_encrypted_backups(tmp_path: Path, folder: Path) -> None:
    database = open_database(tmp_path / "secret.db", passphrase=PASSPHRASE)
    persons.create_person(database, {"surname": "Шаат"}, operator="t")
    info = backups.backup_now(database, folder, operator="t")
    database.close()
    assert info.encrypted and info.persons == 1
    assert "Шаат".encode() not in info.path.read_bytes()
    (locked,) = backups.list_backup_files(folder, None)
    assert locked.persons is None and "another passphrase" in locked.problem
    (opened,) = backups.list_backup_files(folder, PASSPHRASE)
    assert opened.persons == 1


def test_a_missing_backup_folder_is_a_clear_error(roster: Database, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        backup_database(roster, tmp_path / "unplugged" / "x.db")


def test_rotation_keeps_recent_ones_and_one_a_day(roster: Database, folder: Path) -> None:
    now = dt.datetime(2023, 11, 20, 18, 0)
    taken = [now - dt.timedelta(hours=6 * i) for i in range(24)]  # four a day for six days
    for at in taken:
        backup_database(roster, folder, now=at)
    removed = rotate_backups(folder, "roster", keep_recent=3, keep_days=4, now=now)
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) + len(removed) == 24
    stamps = [dt.datetime.strptime(name[len("roster-backup-"):-3], "%Y%m%d-%H%M%S") for name in kept]
    assert set(taken[:3]) <= set(stamps)  # the newest three
    assert {s.date() for s in stamps} == {now.date() - dt.timedelta(days=d) for d in range(4)}
    (folder / "notes.txt").write_text("mine")
    rotate_backups(folder, "roster", keep_recent=1, keep_days=1, now=now)
    assert (folder / "notes.txt").exists()


def test_restore_backs_up_the_current_roster_first_and_swaps_atomically(roster: Database, folder: Path,
                                                                        tmp_path: Path) -> None:
    info = backups.backup_now(roster, folder, operator="t")
    count = stats.roster_stats(roster).persons
    persons.create_person(roster, {"surname": "Later"}, operator="t")
    safety = tmp_path / "safety"
    safety.mkdir()
    result = backups.restore_backup(roster, info.path, operator="t", safety_folder=safety)
    restored = result.database
    try:
        assert stats.roster_stats(restored).persons == count
        assert result.safety_copy.persons == count + 1
        assert audit.browse(restored, audit.AuditFilter(action="restore"))
        assert audit.verify_chain(restored).intact
        with restored.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        restored.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(roster: Database, folder: Path) -> None:
    info = backups.backup_now(roster, folder, operator="t")
    data = bytearray(info.path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
    info.path.write_bytes(bytes(data))
    count = stats.roster_stats(roster).persons
    with pytest.raises(DatabaseError, match="nothing was changed"):
        backups.restore_backup(roster, info.path, operator="t", safety_folder=folder)
    assert stats.roster_stats(roster).persons == count


def test_restore_refuses_a_backup_under_another_key(tmp_path: Path, folder: Path) -> None:
    other = open_database(tmp_path / "other.db", passphrase="another passphrase")
    other_backup = backups.backup_now(other, folder, operator="t")
    other.close()
    database = open_database(tmp_path / "mine.db", passphrase=PASSPHRASE)
    try:
        with pytest.raises(DatabaseError, match="another passphrase"):
            backups.restore_backup(database, other_backup.path, operator="t", safety_folder=tmp_path)
    finally:
        database.close()


def test_automatic_backups_only_when_something_changed(roster: Database, folder: Path) -> None:
    auto = backups.AutoBackup(roster, folder, "t")
    assert auto.run("at open") is not None
    assert auto.run("every 15 minutes") is None  # nothing changed (the backup's own audit entry does not count)
    persons.create_person(roster, {"surname": "New"}, operator="t")
    assert auto.due()
    assert auto.run("every 15 minutes") is not None
    assert auto.run("at close", force=True) is not None


def _cli(*args: str) -> int:
    return cli.main(list(args))


def test_command_line_backup_backups_restore_encrypt_and_passphrase(tmp_path: Path, folder: Path,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "r.db")
    key = tmp_path / "key.txt"
    key.write_text(PASSPHRASE + "\n")  # the trailing newline is not part of it
    new_key = tmp_path / "new.txt"
    new_key.write_text("a brand new passphrase\n")
    assert _cli("--db", db, "demo", "--households", "5") == 0
    assert _cli("--db", db, "encrypt") == 1
    assert "passphrase is needed" in capsys.readouterr().err
    assert _cli("--db", db, "--passphrase-file", str(key), "encrypt") == 0
    assert _cli("--db", db, "stats") == 1
    assert "encrypted" in capsys.readouterr().err
    assert _cli("--db", db, "--passphrase-file", str(key), "backup", str(folder)) == 0
    assert "backup written and checked" in capsys.readouterr().out
    assert _cli("--passphrase-file", str(key), "backups", str(folder)) == 0
    assert "1 backups" in capsys.readouterr().out
    assert _cli("--db", db, "--passphrase-file", str(key), "person", "add", "--surname", "Later") == 0
    (backup_file,) = folder.iterdir()
    assert _cli("--db", db, "--passphrase-file", str(key), "restore", str(backup_file),
                "--safety-folder", str(folder)) == 0
    assert "saved as" in capsys.readouterr().out
    monkeypatch.setenv("MISSION_ROSTER_PASSPHRASE", PASSPHRASE)
    assert _cli("--db", db, "passphrase", "--new-passphrase-file", str(new_key)) == 0
    monkeypatch.delenv("MISSION_ROSTER_PASSPHRASE")
    assert _cli("--db", db, "--passphrase-file", str(key), "verify") == 1
    assert "wrong passphrase" in capsys.readouterr().err
    assert _cli("--db", db, "--passphrase-file", str(new_key), "verify") == 0
    assert "intact" in capsys.readouterr().out


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_routine_backups_never_push_the_copy_before_an_import_out(roster: Database, folder: Path) -> None:
    """Issue 13, item 4: open and close backups all day long; the copy from before the morning's import stays."""
    morning = dt.datetime(2023, 11, 20, 8, 0)
    backups.backup_now(roster, folder, operator="t", reason="at open", now=morning)
    before_import = backups.backup_now(roster, folder, operator="t", reason="before import",
                                       now=morning + dt.timedelta(hours=1))
    assert before_import.path.name.endswith("-before-import.db") and before_import.reason == "before import"
    for i in range(30):  # a restart every ten minutes
        backups.backup_now(roster, folder, operator="t", reason="at close" if i % 2 else "at open",
                           keep_recent=3, now=morning + dt.timedelta(hours=2, minutes=10 * i))
    assert before_import.path.exists()
    assert len(_names(folder)) == 32  # the last hours are all kept
    three_days_later = morning + dt.timedelta(days=3)
    for i in range(12):
        backups.backup_now(roster, folder, operator="t", reason="at open", keep_recent=3,
                           now=three_days_later + dt.timedelta(minutes=10 * i))
    kept = _names(folder)
    assert before_import.path.name in kept
    day_one = [name for name in kept if "-20231120-" in name and "before" not in name]
    assert len(day_one) == 1  # one routine backup a day once the hours have passed
    weeks_later = morning + dt.timedelta(days=40)
    second_import = backups.backup_now(roster, folder, operator="t", reason="before import", now=weeks_later)
    kept = _names(folder)
    assert second_import.path.name in kept and before_import.path.name not in kept  # weeks old, and not the newest
    backups.backup_now(roster, folder, operator="t", reason="at open", now=weeks_later + dt.timedelta(days=60))
    assert second_import.path.name in _names(folder)  # the newest copy before an import is never rotated out


def test_backup_before_takes_a_named_copy_in_the_roster_backup_folder(roster: Database, tmp_path: Path) -> None:
    assert roster.target.path is not None
    assert backups.backup_before(roster, "merge", operator="t") is None  # no backup folder set up: none taken
    (roster.target.path.parent / "backups").mkdir()
    taken = backups.backup_before(roster, "merge", operator="t")
    assert taken is not None and taken.path.parent == roster.target.path.parent / "backups"
    assert taken.path.name.endswith("-before-merge.db") and taken.persons == stats.roster_stats(roster).persons
    stick = tmp_path / "stick" / "roster-backups"
    backups.use_backup_folder(roster, stick)
    try:
        with pytest.raises(DatabaseError, match="does not exist: is the USB stick plugged in"):
            backups.backup_before(roster, "import", operator="t")
        assert not stick.exists() and not stick.parent.exists()
        stick.mkdir(parents=True)
        taken = backups.backup_before(roster, "reconcile apply", operator="t")
        assert taken is not None and taken.path.parent == stick and taken.reason == "before reconcile apply"
    finally:
        backups.use_backup_folder(roster, roster.target.path.parent / "backups")


def test_an_import_and_a_merge_take_their_named_copy_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    db = tmp_path / "r.db"
    assert _cli("--db", str(db), "demo", "--households", "5") == 0
    folder = tmp_path / "backups"
    folder.mkdir()  # this roster's backups go here, so the copies before a workflow too
    database = open_database(db)
    count = stats.roster_stats(database).persons
    first = persons.create_person(database, {"surname": "Khalil", "given_names": "Omar"}, operator="t")
    second = persons.create_person(database, {"surname": "Khalil", "given_names": "Omar"}, operator="t")
    database.close()
    source = write_xlsx(tmp_path / "list.xlsx", [["Surname", "Given names"], ["Haddad", "Nour"], ["Saleh", "Rami"]])
    assert _cli("--db", str(db), "import", str(source)) == 0
    capsys.readouterr()
    (copy,) = folder.glob("*-before-import.db")
    assert backups.list_backup_files(folder)[0].persons == count + 2  # the roster as it was before the import
    database = open_database(db)
    try:
        merge_persons(database, first.id, second.id, operator="t")
        (merged,) = folder.glob("*-before-merge.db")
        assert {info.path: info.persons for info in backups.list_backups(database, folder)}[merged] == count + 4
    finally:
        database.close()
    assert copy.exists()
