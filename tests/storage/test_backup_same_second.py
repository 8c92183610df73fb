"""Two backups of one roster in the same second, at once, each write their own hidden copy (session 18, U5).

The window's automatic backup now runs on a worker of its own, beside the writer's (a backup the officer
asked, one before an import). Both named their hidden copy `.<backup name>.<process id>.partial`: two
backups of the same second wrote into, and discarded, the same file, and both failed ('disk I/O error').
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.backup import BackupInfo, backup_database
from desktop_app.storage.db import open_database

PERSONS = 6_000  # a copy long enough for the two to overlap


def test_two_backups_of_the_same_second_each_write_their_own_copy(tmp_path: Path) -> None:
    db = open_database(tmp_path / "roster.db")
    folder = tmp_path / "backups"
    folder.mkdir()
    try:
        build_demo_roster(db, persons=PERSONS)
        written: list[BackupInfo] = []
        failed: list[BaseException] = []

        def back_up() -> None:
            try:
                written.append(backup_database(db, folder))
            except BaseException as exc:  # told below, with what it was
                failed.append(exc)

        at_once = [threading.Thread(target=back_up) for _ in range(2)]
        for thread in at_once:
            thread.start()
        for thread in at_once:
            thread.join()
    finally:
        db.close()
    assert failed == []
    assert len({info.path for info in written}) == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted(info.path.name for info in written)  # no partial
