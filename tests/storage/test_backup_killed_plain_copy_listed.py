"""A plain roster copy left by a killed backup is listed among the plain copies when the roster is encrypted (breaker
X20d on U5's d61f471, storage/backup.py).

d61f471 numbers each hidden copy within its process (`.<backup name>-<n>.<process id>.partial`), so that two
backups of the same second do not share one. `plain_copies`, which lists the unencrypted copies an encryption must
offer to encrypt or remove, recognised a hidden copy by its backup name, which no longer ends in `.db`: the whole
roster, unencrypted, left on the backup stick by a backup killed half-way (a power cut, kill -9) was no longer
offered, and stayed readable there after the officer encrypted the roster and chose to remove the plain copies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.services import backups
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.backup import PARTIAL_PATTERN, plain_copies
from desktop_app.storage.db import looks_encrypted, open_database

PASSPHRASE = "correct horse battery staple"
PERSONS = 6_000  # a copy long enough to be caught half-way
BACKING_UP = """
import sys
from pathlib import Path
from desktop_app.storage.backup import backup_database
from desktop_app.storage.db import open_database
db = open_database(Path(sys.argv[1]))
while True:
    backup_database(db, Path(sys.argv[2]))
"""


def _begun(path: Path) -> bool:
    """A hidden copy whose first page is written (the roster's plain header)."""
    if not (PARTIAL_PATTERN.match(path.name) and path.name.endswith(".partial")):
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:  # given its name meanwhile
        return False


def _killed_half_way(roster: Path, folder: Path) -> list[Path]:
    """Back the roster up in another process, killed while a hidden copy is being written; the copies it left."""
    for _attempt in range(20):
        child = subprocess.Popen([sys.executable, "-c", BACKING_UP, str(roster), str(folder)])
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not any(_begun(path) for path in folder.iterdir()):
                time.sleep(0.005)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        left = [p for p in folder.iterdir() if PARTIAL_PATTERN.match(p.name) and p.name.endswith(".partial")]
        if left and all(_begun(path) for path in left):
            return left
    raise AssertionError("no backup was caught half-way")


def _roster_and_backup_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A demonstration roster of `PERSONS` persons (closed) and an empty backup folder beside it."""
    roster = tmp_path / "roster.db"
    db = open_database(roster)
    build_demo_roster(db, persons=PERSONS)
    db.close()
    folder = tmp_path / "usb"
    folder.mkdir()
    return roster, folder


def test_a_killed_backups_plain_copy_is_offered_at_encryption(tmp_path: Path) -> None:
    roster, folder = _roster_and_backup_folder(tmp_path)

    left = _killed_half_way(roster, folder)

    listed = plain_copies(roster, [folder])
    assert set(left) <= set(listed)  # before: the hidden copy was not listed


@pytest.mark.parametrize("remove", [True, False])
def test_a_killed_backups_plain_copy_is_encrypted_or_removed_as_the_officer_chooses(tmp_path: Path,
                                                                                     remove: bool) -> None:
    roster, folder = _roster_and_backup_folder(tmp_path)
    (left,) = _killed_half_way(roster, folder)
    copies = backups.encrypt_roster(roster, PASSPHRASE, operator="t", folders=[folder]).plain_copies
    assert left in copies

    backups.protect_plain_copies(roster, copies, remove=remove, passphrase=PASSPHRASE, operator="t")

    # Nothing readable without the passphrase is left: the copy removed, or encrypted in its place.
    assert not left.exists() if remove else looks_encrypted(left)
    assert plain_copies(roster, [folder]) == []
