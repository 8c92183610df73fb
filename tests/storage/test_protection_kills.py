"""SIGKILL during `backup`, `restore`, `encrypt` and `passphrase`, at several points each (when a hidden
copy appears, a little later, when the result appears): afterwards the roster passes its integrity
check and `verify`, and the operation is whole (with its audit entry) or absent. What a killed run
left behind is removed by the next run of the same command."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from fnmatch import fnmatch
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.services import audit, backups, demo, persons
from desktop_app.storage.backup import BACKUP_PATTERN, opener_for
from desktop_app.storage.db import connect_file, open_database
from desktop_app.storage.models import Person

pytestmark = pytest.mark.posix_only("SIGKILL of a child process")

OLD_KEY = "first passphrase of the roster"
NEW_KEY = "second passphrase of the roster"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "roster.db"
    database = open_database(path)
    demo.fill_demo(database, households=300, operator="demo")
    database.close()
    return path


def _copy_roster(template: Path, where: Path) -> Path:
    where.mkdir()
    path = where / "roster.db"
    shutil.copy(template, path)
    return path


def _kill_when(args: list[str], watch: Path, pattern: str, delay: float) -> str:
    """Run the command line; SIGKILL it `delay` s after a file named like `pattern` appears in `watch`."""
    child = subprocess.Popen([sys.executable, "-m", "desktop_app", *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not any(fnmatch(name, pattern) for name in os.listdir(watch)):
            if child.poll() is not None:
                return "finished"
            assert time.monotonic() < deadline, f"{pattern} never appeared"
            time.sleep(0.0005)
        time.sleep(delay)
        if child.poll() is not None:
            return "finished"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        return "killed"
    finally:
        if child.poll() is None:
            child.kill()
        _, err = child.communicate()
        assert b"Traceback" not in err, err.decode()


def _state(path: Path, keys: list[str | None]) -> tuple[str | None, int, str]:
    """(the key that opens the roster, its persons, its last audit action), after checking it whole."""
    for key in keys:
        try:
            with contextlib.closing(connect_file(path, key, readonly=True)) as connection:
                integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        except Exception as exc:  # sqlite3's and sqlcipher3's errors are classes of their own
            if "not a database" in str(exc) or "file is encrypted" in str(exc):
                continue
            raise
        assert integrity == "ok"
        database = open_database(path, passphrase=key)
        try:
            assert database.damage is None
            report = audit.verify_chain(database)
            assert report.intact, report.problem
            last = audit.browse(database, limit=1)[0].action
            with database.reading() as session:
                count = session.scalar(select(func.count()).select_from(Person))
        finally:
            database.close()
        return key, count or 0, last
    raise AssertionError("the roster opens with no key")


POINTS = [(".*.partial", 0.0), (".*.partial", 0.1), ("roster-backup-*.db", 0.0)]


@pytest.mark.parametrize(("pattern", "delay"), POINTS)
def test_a_killed_backup_is_whole_or_absent(template: Path, tmp_path: Path, pattern: str, delay: float) -> None:
    path = _copy_roster(template, tmp_path / "here")
    folder = tmp_path / "bk"
    folder.mkdir()
    before = _state(path, [None])
    outcome = _kill_when(["--db", str(path), "backup", str(folder)], folder, pattern, delay)
    assert outcome == "killed" or not (pattern.startswith(".") and delay == 0)  # in the middle, for sure
    assert _state(path, [None])[:2] == before[:2]
    for taken in folder.iterdir():
        if BACKUP_PATTERN.match(taken.name):
            assert backups.list_backup_files(folder)[0].persons is not None
            with contextlib.closing(opener_for(None)(taken)) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    database = open_database(path)
    try:
        backups.backup_now(database, folder, operator="t")  # the next backup cleans what the killed one left
    finally:
        database.close()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


RESTORE_POINTS = [(".roster-backup-*before-restore*.partial", 0.0), (".roster.db.restore-*", 0.0),
                  (".roster.db.restore-*", 0.2), ("roster-backup-*before-restore.db", 0.0)]


@pytest.mark.parametrize(("pattern", "delay"), RESTORE_POINTS)
def test_a_killed_restore_is_whole_or_absent(template: Path, tmp_path: Path, pattern: str, delay: float) -> None:
    path = _copy_roster(template, tmp_path / "here")
    folder = tmp_path / "bk"
    folder.mkdir()
    database = open_database(path)
    taken = backups.backup_now(database, folder, operator="t")
    for i in range(5):
        persons.create_person(database, {"surname": f"After{i}"}, operator="t")
    database.close()
    _, current, _ = _state(path, [None])
    watch = path.parent if pattern.startswith(".roster.db") else folder
    outcome = _kill_when(["--db", str(path), "restore", str(taken.path), "--safety-folder", str(folder)], watch,
                         pattern, delay)
    assert outcome == "killed" or not (pattern.startswith(".") and delay == 0)
    _, count, last = _state(path, [None])
    with contextlib.closing(sqlite3.connect(taken.path)) as connection:
        restored = connection.execute("SELECT count(*) FROM persons").fetchone()[0]
    assert (count, last) in ((current, "create"), (restored, audit.RESTORE_ACTION))  # absent, or whole
    database = open_database(path)
    result = backups.restore_backup(database, taken.path, operator="t", safety_folder=folder)
    result.database.close()
    hidden = [p.name for p in [*path.parent.iterdir(), *folder.iterdir()] if p.name.startswith(".")]
    assert hidden == []


REWRITE_POINTS = [0.0, 0.1, 0.4]


@pytest.mark.parametrize("delay", REWRITE_POINTS)
def test_a_killed_encrypt_is_whole_or_absent(template: Path, tmp_path: Path, delay: float) -> None:
    path = _copy_roster(template, tmp_path / "here")
    key = tmp_path / "key.txt"
    key.write_text(OLD_KEY)
    before = _state(path, [None])
    outcome = _kill_when(["--db", str(path), "--passphrase-file", str(key), "encrypt"], path.parent,
                         ".roster.db.rewrite-*", delay)
    assert outcome == "killed" or delay > 0
    used, count, last = _state(path, [None, OLD_KEY])
    assert count == before[1]
    assert (used, last) in ((None, before[2]), (OLD_KEY, "encrypt"))
    if used is None:  # absent: the next encryption goes through and cleans up
        assert subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(path), "--passphrase-file",
                               str(key), "encrypt"], capture_output=True).returncode == 0
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("delay", REWRITE_POINTS)
def test_a_killed_passphrase_change_is_whole_or_absent(template: Path, tmp_path: Path, delay: float) -> None:
    path = _copy_roster(template, tmp_path / "here")
    backups.encrypt_roster(path, OLD_KEY, operator="t")
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD_KEY)
    new.write_text(NEW_KEY)
    before = _state(path, [OLD_KEY])
    outcome = _kill_when(["--db", str(path), "--passphrase-file", str(old), "passphrase", "--new-passphrase-file",
                          str(new)], path.parent, ".roster.db.rewrite-*", delay)
    assert outcome == "killed" or delay > 0
    used, count, last = _state(path, [OLD_KEY, NEW_KEY])
    assert count == before[1]
    assert (used, last) in ((OLD_KEY, before[2]), (NEW_KEY, "rekey"))
