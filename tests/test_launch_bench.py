"""The launch benchmark's child processes start and leave at the moment they measure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.services import demo
from desktop_app.storage.db import Database


@pytest.mark.parametrize(("args", "moment"), [(["bare"], "painted"), (["frame", "{db}"], "painted"),
                                              (["roster", "{db}", "first-paint"], "painted"),
                                              (["floor", "{db}"], "ready"), (["roster", "{db}", "ready"], "ready")])
def test_launch_children_leave_when_painted(args: list[str], moment: str, db: Database, db_path: Path,
                                            tmp_path: Path) -> None:
    """Each leaves at the moment it measures, and says which: READY (a key press handled after the first
    paint, and for ours after the workspace completed) is not reached by a window that only painted."""
    demo.fill_demo(db, households=20, operator="demo")
    db.close()
    done = subprocess.run([sys.executable, "-m", "bench.launch_child", *(a.format(db=db_path) for a in args)],
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **_user_folders(tmp_path)},
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == [moment]


def _user_folders(tmp_path: Path) -> dict[str, str]:
    return {name: str(tmp_path / name.lower()) for name in
            ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")}
