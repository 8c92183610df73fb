"""Attacks on backups, restore and encryption, replayed as found by someone who did not write them:
a restore killed between the swap and moving the audit head, ...

Each test replays the steps that broke, on real roster files under tmp_path."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

from desktop_app.domain.status import Status
from desktop_app.services import audit, backups, demo, persons, retention
from desktop_app.storage.db import open_database


def _demo_roster(path: Path, households: int = 10) -> Path:
    database = open_database(path)
    demo.fill_demo(database, households=households, operator="demo")
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


def test_retention_takes_its_tiered_copy_first(tmp_path: Path) -> None:
    """Issue 13 item 4: one copy before every import, apply, merge and retention; retention took none."""
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
    copies = [info for info in backups.list_backup_files(folder) if info.reason == "before retention"]
    assert len(copies) == 1 and copies[0].persons is not None and copies[0].persons >= plan.count
