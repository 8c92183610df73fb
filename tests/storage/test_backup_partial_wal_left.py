"""The -wal and -shm a killed backup's hidden copy leaves are removed with it (breaker X20d, storage/backup.py).

The online copy carries the roster's header, which says WAL: the copy's connection opens a -wal and a -shm beside
the hidden copy until its journal is switched to DELETE. A backup killed then (a power cut, kill -9) left them; the
next backup removed the hidden copy and its -journal but kept these two, under no name a backup or the officer
would ever look for, for good.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.backup import backup_database
from desktop_app.storage.db import open_database


def test_a_killed_backups_wal_and_shm_are_removed_with_its_hidden_copy(tmp_path: Path) -> None:
    db = open_database(tmp_path / "roster.db")
    folder = tmp_path / "backups"
    folder.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    partial = folder / f".roster-backup-20261207-101500.db-1.{int(gone.stdout)}.partial"
    try:
        build_demo_roster(db, persons=50)
        with db.raw_connection() as source:  # the copy as the killed backup left it: the roster's WAL header
            copy = sqlite3.connect(partial)
            source.backup(copy)
            copy.execute("SELECT count(*) FROM persons").fetchone()  # opens the copy's -wal and -shm
            left = [partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")]
            assert all(path.exists() for path in left)
            wal_held = [path.read_bytes() for path in left[1:]]
            copy.close()
        for path, content in zip(left[1:], wal_held, strict=True):  # what a kill leaves: closing removed them
            path.write_bytes(content)

        backup_database(db, folder)

        assert [path.name for path in left if path.exists()] == []  # before: the -wal and -shm were kept
    finally:
        db.close()
