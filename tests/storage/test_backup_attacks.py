"""Attacks on backups, restore and encryption, replayed as found by someone who did not write them:
a restore killed between the swap and moving the audit head, ...

Each test replays the steps that broke, on real roster files under tmp_path."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.domain.status import Status
from desktop_app.services import audit, backups, demo, persons, retention
from desktop_app.storage.db import open_database


def _contents(path: Path) -> tuple[int, int]:
    """(persons, audit entries) of a roster file, read without changing it."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return (connection.execute("SELECT count(*) FROM persons").fetchone()[0],
                connection.execute("SELECT count(*) FROM audit_entries").fetchone()[0])


def _demo_roster(path: Path, households: int = 10, operator: str = "demo") -> Path:
    database = open_database(path)
    demo.fill_demo(database, households=households, operator=operator)
    database.close()
    return path


def test_a_restore_killed_before_the_audit_head_followed_still_verifies(tmp_path: Path) -> None:
    """The file state a SIGKILL leaves between the swap and the move of `.audit-head`: the restored
    roster beside the head of the roster it replaced (further along the same trail)."""
    path = _demo_roster(tmp_path / "roster.db")
    folder = tmp_path / "bk"
    folder.mkdir()
    database = open_database(path)
    taken = backups.backup_now(database, folder, operator="t")
    for i in range(5):
        persons.create_person(database, {"surname": f"After{i}"}, operator="t")
    database.close()
    old_head = audit.head_file(path).read_bytes()
    database = open_database(path)
    result = backups.restore_backup(database, taken.path, operator="t", safety_folder=folder)
    result.database.close()
    audit.head_file(path).write_bytes(old_head)  # the head never followed the swap
    database = open_database(path)
    try:
        report = audit.verify_chain(database)
        assert report.intact, report.problem
        persons.create_person(database, {"surname": "Next"}, operator="t")
        report = audit.verify_chain(database)
        assert report.intact, report.problem  # the next entry's id follows the restored trail
        assert audit.browse(database, limit=1)[0].id == audit.browse(database, limit=2)[1].id + 1
    finally:
        database.close()


def test_a_cut_tail_after_a_restore_is_still_reported(tmp_path: Path) -> None:
    """The restore's own record of the head it replaced excuses that head only, not a later cut."""
    path = _demo_roster(tmp_path / "roster.db")
    folder = tmp_path / "bk"
    folder.mkdir()
    database = open_database(path)
    taken = backups.backup_now(database, folder, operator="t")
    persons.create_person(database, {"surname": "After"}, operator="t")
    database.close()
    database = open_database(path)
    result = backups.restore_backup(database, taken.path, operator="t", safety_folder=folder)
    for i in range(3):
        persons.create_person(result.database, {"surname": f"Later{i}"}, operator="t")
    result.database.close()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        triggers = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='trigger' "
                                                          "AND tbl_name='audit_entries'")]
        for name in triggers:
            connection.execute(f'DROP TRIGGER "{name}"')
        last = connection.execute("SELECT max(id) FROM audit_entries").fetchone()[0]
        connection.execute("DELETE FROM audit_entries WHERE id > ?", (last - 2,))
        connection.commit()
    database = open_database(path)
    try:
        report = audit.verify_chain(database)
        assert not report.intact and "missing at the end" in report.problem
    finally:
        database.close()


def test_retention_keeps_no_plain_copy_of_the_persons_it_removes(tmp_path: Path) -> None:
    """Retention's copy before is its encrypted archive: a plain tiered 'before retention' copy, kept for weeks,
    would hold every person retention just deleted (found by the backup review)."""
    path = _demo_roster(tmp_path / "roster.db")
    folder = tmp_path / "backups"  # the folder beside the roster that backup_before uses
    folder.mkdir()
    database = open_database(path)
    try:
        later = dt.datetime.now() + dt.timedelta(days=40)
        plan = retention.plan_retention(database, [Status.REGISTERED, Status.VERIFIED], 30, now=later)
        assert plan.count > 0
        retention.apply_retention(database, plan, mode=retention.RetentionMode.DELETE,
                                  archive=tmp_path / "archive.db", archive_passphrase="archive passphrase 2023",
                                  confirm_count=plan.count, operator="t")
    finally:
        database.close()
    assert [info for info in backups.list_backup_files(folder) if info.reason == "before retention"] == []
    assert (tmp_path / "archive.db").exists()
    assert b"SQLite format 3" not in (tmp_path / "archive.db").read_bytes()[:16]  # encrypted, not plain


def test_a_backup_of_another_roster_is_refused_unless_meant(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    """Cairo's and Beirut's backups on one USB stick: restoring Beirut's into Cairo replaced 116 persons
    by 21 of another mission without a word (the safety copy was the only way back)."""
    cairo = _demo_roster(tmp_path / "cairo.db")
    beirut = _demo_roster(tmp_path / "beirut.db", households=3, operator="Beirut duty officer")
    stick = tmp_path / "usb"
    stick.mkdir()
    assert cli.main(["--db", str(beirut), "backup", str(stick)]) == 0
    theirs = next(stick.glob("beirut-backup-*.db"))
    before = _contents(cairo)
    capsys.readouterr()
    code = cli.main(["--db", str(cairo), "restore", str(theirs), "--safety-folder", str(stick)])
    err = capsys.readouterr().err
    assert code == 1 and "a backup of another roster" in err and "--other-roster" in err
    assert _contents(cairo) == before and list(stick.glob("cairo-*")) == []
    assert cli.main(["--db", str(cairo), "restore", str(theirs), "--safety-folder", str(stick),
                     "--other-roster"]) == 0
    assert len(list(stick.glob("cairo-backup-*-before-restore.db"))) == 1
    # Its own backup is taken as before, and a roster with no trail yet (a new laptop) takes any backup.
    assert cli.main(["--db", str(cairo), "backup", str(stick)]) == 0
    own = sorted(stick.glob("cairo-backup-*.db"))[-1]
    assert cli.main(["--db", str(cairo), "restore", str(own), "--safety-folder", str(stick)]) == 0
    fresh = tmp_path / "fresh.db"
    open_database(fresh).close()
    assert cli.main(["--db", str(fresh), "restore", str(theirs), "--safety-folder", str(stick)]) == 0



def test_two_rosters_begun_alike_in_one_second_are_told_apart(tmp_path: Path) -> None:
    """Replay: two demonstration rosters made in the same second began their trails with the same
    entry, so a backup of one was taken for the other's own (and the window's restore went on
    without asking). The trail's first entry carries a random trail id now."""
    for attempt in range(20):
        rosters = []
        for name in ("beirut", "cairo"):
            database = open_database(tmp_path / f"{attempt}-{name}.db")
            demo.fill_demo(database, households=1, operator="demo")
            rosters.append(database)
        firsts = [audit.browse(database, limit=100_000)[-1] for database in rosters]
        if firsts[0].at == firsts[1].at:
            break
        for database in rosters:
            database.close()
    else:
        pytest.fail("never made two rosters in one second")
    assert (firsts[0].operator, firsts[0].action, firsts[0].summary) == \
        (firsts[1].operator, firsts[1].action, firsts[1].summary)  # begun alike
    assert firsts[0].changes[audit.TRAIL_KEY] != firsts[1].changes[audit.TRAIL_KEY]
    stick = tmp_path / "usb"
    stick.mkdir()
    theirs = backups.backup_now(rosters[0], stick, operator="t")
    with pytest.raises(backups.AnotherRostersBackup):
        backups.restore_backup(rosters[1], theirs.path, operator="t", safety_folder=stick)
    for database in rosters:
        database.close()


_BACKUP_AT_ONCE = """
import datetime as dt, os, sys, time
from pathlib import Path
from desktop_app.services import backups
from desktop_app.storage.db import open_database
roster, folder, go = (Path(arg) for arg in sys.argv[1:4])
database = open_database(roster)
while not go.exists():
    time.sleep(0.001)
info = backups.backup_now(database, folder, operator="t", now=dt.datetime(2026, 3, 1, 10, 0, 0))
print(info.path.name)
database.close()
"""


def test_backups_taken_at_once_into_one_folder_all_succeed(tmp_path: Path) -> None:
    """The window's automatic backup and a command-line backup in the same second: the second one
    failed with 'already exists; it was not replaced' (both had picked the same free name)."""
    path = _demo_roster(tmp_path / "roster.db", households=60)
    folder = tmp_path / "bk"
    folder.mkdir()
    go = tmp_path / "go"
    children = [subprocess.Popen([sys.executable, "-c", _BACKUP_AT_ONCE, str(path), str(folder), str(go)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    time.sleep(3)  # every child has opened the roster and waits for the word
    go.touch()
    results = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0] * 4, [err for _, err in results]
    names = sorted(out.strip() for out, _ in results)
    assert len(set(names)) == 4 and sorted(p.name for p in folder.iterdir()) == names
    assert all(info.persons for info in backups.list_backup_files(folder))
