"""SIGKILL of the real `mission-roster reconcile ... --apply` and `mission-roster merge` at several points.

The child is the command line itself (`desktop_app.cli.main`), with SQLAlchemy event hooks that
only tell the parent where it is and wait: as the operation row is inserted, a few updates into
the work, at the commit, and just after it. After each kill the roster opens, SQLite's
integrity check passes, `mission-roster verify` finds the audit chain intact, and the operation
is whole (killed after its commit) or absent (killed before).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pytest

from desktop_app.services import demo, lists, persons
from desktop_app.storage.db import open_database

pytestmark = pytest.mark.posix_only("SIGKILL of a child process")

CHILD = textwrap.dedent('''
    import os, sys, time
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    marker, point = Path(os.environ["KILL_MARKER"]), os.environ["KILL_POINT"]
    seen = {"operation": False, "updates": 0}

    def stop() -> None:
        marker.write_text(point)
        time.sleep(120)

    @event.listens_for(Engine, "before_cursor_execute")
    def _statement(conn, cursor, statement, parameters, context, executemany):
        text = statement.lstrip().upper()
        if text.startswith("INSERT INTO OPERATIONS"):
            seen["operation"] = True
            if point == "operation-insert":
                stop()
        elif seen["operation"] and text.startswith("UPDATE"):
            seen["updates"] += 1
            if point == "mid-write" and seen["updates"] == 3:
                stop()

    @event.listens_for(Engine, "commit")
    def _commit(conn):
        if seen["operation"] and point == "before-commit":
            stop()

    @event.listens_for(Session, "after_commit")
    def _committed(session):
        if seen["operation"] and point == "after-commit":
            stop()

    from desktop_app.cli import main
    code = main(sys.argv[1:])
    marker.write_text(f"exited {code}")
''')
POINTS = ("operation-insert", "mid-write", "before-commit", "after-commit")


def _counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                 "AND name NOT LIKE 'sqlite_%'")]
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _kill_at(tmp_path: Path, db_path: Path, point: str, *args: str, child_script: str = CHILD) -> str:
    """Run the CLI in a child that stops at `point` (hooks in `child_script`), then SIGKILL it."""
    script = tmp_path / "child.py"
    script.write_text(child_script, encoding="utf-8")
    marker = tmp_path / f"marker-{point}"
    marker.unlink(missing_ok=True)
    env = {**os.environ, "KILL_MARKER": str(marker), "KILL_POINT": point, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(script), "--db", str(db_path), "--operator", "crash", *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() or not marker.read_text():
            if child.poll() is not None and not marker.exists():
                raise AssertionError(f"the child ended early: {child.stderr.read().decode() if child.stderr else ''}")
            assert time.monotonic() < deadline, "the child never reached the point"
            time.sleep(0.05)
        said = marker.read_text()
        if not said.startswith("exited"):
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            assert child.returncode == -signal.SIGKILL
        return said
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()


def _verify(db_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db_path), "verify"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _each_point(tmp_path: Path, db_path: Path, answered: object, *args: str) -> None:
    """Kill at every point on a fresh copy; the result equals the roster before or the finished one."""
    before = _counts(db_path)
    whole_path = tmp_path / "whole.db"
    shutil.copy(db_path, whole_path)
    assert _kill_at(tmp_path, whole_path, "never", *args) == "exited 0"
    whole = _counts(whole_path)
    assert whole != before
    for point in POINTS:
        copy = tmp_path / f"{point}.db"
        shutil.copy(db_path, copy)
        assert _kill_at(tmp_path, copy, point, *args) == point
        reopened = open_database(copy)  # recovers the write-ahead log
        reopened.close()
        after = _counts(copy)
        _verify(copy)
        expected = whole if point == "after-commit" else before
        changed = {k: (before[k], after[k], whole[k]) for k in after if after[k] != expected[k]}
        assert after == expected, (point, changed)
        assert answered(copy) is (point == "after-commit")  # type: ignore[operator]


@pytest.fixture
def roster_file(db_path: Path) -> Path:
    database = open_database(db_path)
    demo.fill_demo(database, households=10, operator="demo")
    database.close()
    return db_path


def test_reconcile_apply_from_the_command_line_killed_anywhere_is_whole_or_absent(tmp_path: Path,
                                                                                 roster_file: Path) -> None:
    database = open_database(roster_file)
    target = next(s for s in lists.all_lists(database) if s.members >= 4 and s.pending >= 4)
    members = [persons.get_person(database, m.person_id) for m in lists.members(database, target.id)
               if m.answer == "pending"]
    database.close()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Case ref", "Surname", "Given names", "Date of birth", "Decision"])
    for number, member in enumerate(members):
        sheet.append([member.case_ref, member.value("surname_latin"), member.value("given_names_latin"),
                      member.birth_date.iso() if member.birth_date else "",
                      "rejected" if number % 2 else "approved"])
    answer = tmp_path / "answer.xlsx"
    workbook.save(answer)
    ids = [m.id for m in members]

    def answered(path: Path) -> bool:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            answers = [r[0] for r in connection.execute(
                f"SELECT answer FROM list_members WHERE list_id = ? AND person_id IN ({','.join('?' * len(ids))})",
                [target.id, *ids])]
        assert len(answers) == len(ids)
        assert set(answers) in ({"pending"}, {"approved", "rejected"}), answers  # never part of the answer
        return "pending" not in answers

    _each_point(tmp_path, roster_file, answered, "reconcile", str(answer), "--list", target.name, "--apply")


def test_merge_from_the_command_line_killed_anywhere_is_whole_or_absent(tmp_path: Path, roster_file: Path) -> None:
    database = open_database(roster_file)
    keep = persons.create_person(database, {"surname": "Khalil", "given_names": "Omar", "birth_date": "1980-01-02"},
                                 operator="t", phones=["+972599000112"])
    other = persons.create_person(database, {"surname": "Khalil", "given_names": "Omar",
                                             "birth_date": "1980-01-02"}, operator="t", phones=["+972599000111"])
    database.close()

    def answered(path: Path) -> bool:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            state, merged_into = connection.execute("SELECT status, merged_into_id FROM persons WHERE id = ?",
                                                    [other.id]).fetchone()
        assert (state == "merged") is (merged_into == keep.id)
        return state == "merged"

    _each_point(tmp_path, roster_file, answered, "merge", keep.case_ref, other.case_ref)
