"""A hidden copy left by a backup cut off by a power cut is removed by a later backup even when its process id was
given to another program since (breaker X20d on the partial copies' cleaning, storage/backup.py).

A backup writes `.<backup name>-<n>.<process id>.partial` and the next one removes those whose process is gone. A
laptop whose battery died mid-backup boots again with process ids counted from the start: the id in the hidden
copy's name may then be a running program's, and the copy (the whole roster's size, on the backup stick) was kept
for good, one more at every such cut. A copy whose writer has not touched it for hours is stale, whoever holds its
number now, as on Windows where the process cannot be asked.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.backup import PARTIAL_PATTERN, STALE_PARTIAL_S, backup_database
from desktop_app.storage.db import open_database


def test_a_partial_left_hours_ago_is_removed_though_its_process_id_is_now_another_programs(tmp_path: Path) -> None:
    db = open_database(tmp_path / "roster.db")
    folder = tmp_path / "backups"
    folder.mkdir()
    other_program = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        build_demo_roster(db, persons=50)
        left = folder / f".roster-backup-20261207-101500.db-1.{other_program.pid}.partial"
        left.write_bytes(b"SQLite format 3\x00" + bytes(4096))
        hours_ago = time.time() - STALE_PARTIAL_S - 3600
        os.utime(left, (hours_ago, hours_ago))
        assert PARTIAL_PATTERN.match(left.name)
        running = folder / f".roster-backup-20261207-101501.db-2.{other_program.pid}.partial"
        running.write_bytes(b"SQLite format 3\x00")  # a running writer's copy, just touched: kept

        backup_database(db, folder)

        assert not left.exists()  # before: kept, its number being a running program's
        assert running.exists()
    finally:
        other_program.kill()
        other_program.wait()
        db.close()
