"""The launch benchmark's child processes start and leave at the moment they measure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.services import demo
from desktop_app.storage.db import Database


@pytest.mark.parametrize("args", [["bare"], ["frame", "{db}"], ["roster", "{db}", "first-paint"],
                                  ["roster", "{db}", "ready"]])
def test_launch_children_leave_when_painted(args: list[str], db: Database, db_path: Path) -> None:
    demo.fill_demo(db, households=20, operator="demo")
    db.close()
    done = subprocess.run([sys.executable, "-m", "bench.launch_child", *(a.format(db=db_path) for a in args)],
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr[-2000:]
