"""SIGKILL of the real `mission-roster status --list NAME STATE` (many persons, one operation) at
several points: as the operation row is inserted, a few status updates into the work, at the
commit and just after it. After each kill the roster opens, SQLite's integrity check passes,
`verify` finds the audit trail intact, and every member moved (killed after the commit) or none.
Then `status --undo` of the operation, killed the same way, is whole or absent too.
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

import pytest

from desktop_app.services import demo, lists
from desktop_app.storage.db import open_database
from tests.test_cli_kill import _counts, _each_point, _verify

pytestmark = pytest.mark.posix_only("SIGKILL of a child process")


def _statuses(path: Path, ids: list[int]) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return [r[0] for r in connection.execute(
            f"SELECT status FROM persons WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id", ids)]


@pytest.mark.slow
def test_status_of_a_whole_list_killed_anywhere_is_whole_or_absent(tmp_path: Path, db_path: Path) -> None:
    database = open_database(db_path)
    demo.fill_demo(database, households=20, operator="demo")
    target = max(lists.all_lists(database), key=lambda s: s.members)
    movable = [m.person_id for m in lists.members(database, target.id)
               if m.status in ("registered", "verified", "submitted", "approved")]
    database.close()
    assert len(movable) >= 5
    before = _statuses(db_path, movable)

    def moved(path: Path) -> bool:
        now = _statuses(path, movable)
        assert now in (before, ["on_hold"] * len(movable)), now  # never some of them
        return now != before

    _each_point(tmp_path, db_path, moved, "status", "--list", target.name, "on_hold", "--reason", "border closed")

    # The finished change, undone from the command line and killed at its commit: nothing undone,
    # or all of it.
    whole = tmp_path / "whole.db"
    with contextlib.closing(sqlite3.connect(whole)) as connection:
        operation = connection.execute("SELECT max(id) FROM operations WHERE kind = 'status'").fetchone()[0]
    for point in ("before-commit", "after-commit"):
        copy = tmp_path / f"undo-{point}.db"
        shutil.copy(whole, copy)
        counts = _counts(copy)
        _kill_undo_at(tmp_path, copy, point, operation)
        open_database(copy).close()
        _verify(copy)
        after = _statuses(copy, movable)
        if point == "before-commit":
            assert after == ["on_hold"] * len(movable) and _counts(copy) == counts
        else:
            assert after == before


UNDO_CHILD = textwrap.dedent('''
    import os, sys, time
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    marker, point = Path(os.environ["KILL_MARKER"]), os.environ["KILL_POINT"]
    seen = {"undo": False}

    def stop() -> None:
        marker.write_text(point)
        time.sleep(120)

    @event.listens_for(Engine, "before_cursor_execute")
    def _statement(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("UPDATE OPERATIONS"):
            seen["undo"] = True

    @event.listens_for(Engine, "commit")
    def _commit(conn):
        if seen["undo"] and point == "before-commit":
            stop()

    @event.listens_for(Session, "after_commit")
    def _committed(session):
        if seen["undo"] and point == "after-commit":
            stop()

    from desktop_app.cli import main
    code = main(sys.argv[1:])
    marker.write_text(f"exited {code}")
''')


def _kill_undo_at(tmp_path: Path, db_path: Path, point: str, operation: int) -> None:
    script = tmp_path / "undo_child.py"
    script.write_text(UNDO_CHILD, encoding="utf-8")
    marker = tmp_path / f"undo-marker-{point}"
    env = {**os.environ, "KILL_MARKER": str(marker), "KILL_POINT": point, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(script), "--db", str(db_path), "--operator", "crash", "status",
                              "--undo", str(operation)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() or not marker.read_text():
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            assert time.monotonic() < deadline, "the child never reached the point"
            time.sleep(0.05)
        assert marker.read_text() == point
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()
