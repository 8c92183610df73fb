"""SIGKILL of the real `mission-roster retention` at several points: as its first change is written, a few
changes into the work, at the commit and just after it. The encrypted archive is written before the roster is
touched; after each kill the roster opens, SQLite's integrity check passes, `verify` finds the audit trail intact,
and every planned person was anonymised (killed after the commit) or none was.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest

from desktop_app.domain.status import Status
from desktop_app.services import demo, retention
from desktop_app.services.retention import ANONYMISED_SURNAME
from desktop_app.storage.db import open_database
from tests.test_cli_kill import _counts, _kill_at, _verify

pytestmark = pytest.mark.posix_only("SIGKILL of a child process")

CHILD = textwrap.dedent('''
    import os, sys, time
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    marker, point = Path(os.environ["KILL_MARKER"]), os.environ["KILL_POINT"]
    seen = {"writes": 0}

    def stop() -> None:
        marker.write_text(point)
        time.sleep(120)

    @event.listens_for(Engine, "before_cursor_execute")
    def _statement(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("UPDATE", "DELETE")):
            seen["writes"] += 1
            if (point == "first-write" and seen["writes"] == 1) or (point == "mid-write" and seen["writes"] == 5):
                stop()

    @event.listens_for(Engine, "commit")
    def _commit(conn):
        if seen["writes"] and point == "before-commit":
            stop()

    @event.listens_for(Session, "after_commit")
    def _committed(session):
        if seen["writes"] and point == "after-commit":
            stop()

    from desktop_app.cli import main
    code = main(sys.argv[1:])
    marker.write_text(f"exited {code}")
''')
POINTS = ("first-write", "mid-write", "before-commit", "after-commit")


def _persons(path: Path) -> tuple[int, str]:
    """How many persons are anonymised, and a digest of every person's row (which changes with any edit)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT * FROM persons ORDER BY id").fetchall()
        anonymised = connection.execute("SELECT count(*) FROM persons WHERE surname = ?",
                                        (ANONYMISED_SURNAME,)).fetchone()[0]
    return anonymised, hashlib.sha256(repr(rows).encode()).hexdigest()


def _run(tmp_path: Path, roster: Path, point: str, count: int, passphrase_file: Path) -> str:
    return _kill_at(tmp_path, roster, point, "retention", "--state", "registered", "--older-than", "30",
                    "--anonymise", "--archive", str(tmp_path / f"archive-{point}.db"),
                    "--archive-passphrase-file", str(passphrase_file), "--yes", "--confirm-count", str(count),
                    child_script=CHILD)


@pytest.mark.slow
def test_retention_killed_anywhere_is_whole_or_absent(tmp_path: Path, db_path: Path) -> None:
    database = open_database(db_path)
    demo.fill_demo(database, households=15, operator="demo")
    database.close()
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:  # their last change a year ago
        connection.execute("UPDATE persons SET updated_at = '2025-11-20 10:00:00.000000' WHERE status = 'registered'")
    database = open_database(db_path)
    count = retention.plan_retention(database, (Status.REGISTERED,), 30).count
    database.close()
    assert count >= 2
    passphrase_file = tmp_path / "archive-key.txt"
    passphrase_file.write_text("archive passphrase 2023\n", encoding="utf-8")
    before = (_counts(db_path), _persons(db_path))
    whole_path = tmp_path / "whole.db"
    shutil.copy(db_path, whole_path)
    assert _run(tmp_path, whole_path, "never", count, passphrase_file) == "exited 0"
    whole = (_counts(whole_path), _persons(whole_path)[0])
    assert before[1][0] == 0 and whole[1] == count
    for point in POINTS:
        copy = tmp_path / f"{point}.db"
        shutil.copy(db_path, copy)
        assert _run(tmp_path, copy, point, count, passphrase_file) == point
        open_database(copy).close()  # recovers the write-ahead log
        counts, (anonymised, digest) = _counts(copy), _persons(copy)
        _verify(copy)
        if point == "after-commit":
            assert (counts, anonymised) == whole, point  # every planned person, and nothing else
        else:
            assert (counts, (anonymised, digest)) == before, point  # not one person touched
        assert (tmp_path / f"archive-{point}.db").exists()  # the archive came first
