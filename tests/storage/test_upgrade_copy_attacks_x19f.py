"""Breaker X19f (issue 19): the copy an upgrade takes before it, refused by the disk.

A roster made by an older version is copied beside itself before it is upgraded (2.4 GB at a million persons):
a disk too full for the copy (simulated in a child process by a file size limit, the roster itself readable)
raised SQLite's own `OperationalError` out of `open_database`, which the window's start and File > Open hand
to the crash dialog ("Something went wrong inside Mission Roster") and the command line prints as a bug. It is
told now as the roster's usual disk sentence, the roster not changed and no half copy left.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.ui.test_upgrade_at_open_s12 import _old_roster

CHILD = """
import resource, signal, sys
from pathlib import Path
from desktop_app.domain.errors import RosterError
from desktop_app.storage.db import open_database
path = Path(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
limit = path.stat().st_size // 2  # the roster reads; its copy cannot be whole
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    open_database(path).close()
except RosterError as exc:
    print("told:", exc)
"""


def test_a_disk_too_full_for_the_copy_before_an_upgrade_is_told(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_roster(path)
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith(f"told: {path}: the disk"), done.stdout
    assert path.read_bytes() == before  # not upgraded, not touched
    assert sorted(found.name for found in tmp_path.iterdir()) == ["old.db", "old.db.audit-head"]
