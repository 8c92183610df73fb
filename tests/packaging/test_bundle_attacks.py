"""Breaker X16 (issue 16): the program started as a mission laptop would start it, where its folders
cannot be written. A home that cannot hold a folder is made by a regular file standing where the
folder should be (a read-only disk as root would need a mount); the command line must say so in
one line, never a traceback, and the window's first start must refuse the folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=cwd, timeout=120, check=False)


def clean_env(**values: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("XDG_", "MISSION_ROSTER_")) and name != "HOME"}
    env.update(values)
    return env


def test_a_default_roster_folder_that_cannot_be_made_is_said_in_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the program's folder should be", encoding="utf-8")
    for env in (clean_env(HOME=str(blocker)),  # the user's data folder (a read-only or broken profile)
                clean_env(HOME=str(tmp_path), MISSION_ROSTER_HOME=str(blocker / "Mission Roster"))):  # a portable copy
        finished = run_cli("--operator", "t", "stats", env=env, cwd=tmp_path)
        assert finished.returncode == 1, finished.stdout + finished.stderr
        assert "Traceback" not in finished.stderr, finished.stderr
        lines = finished.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("mission-roster: "), finished.stderr
        assert str(blocker) in lines[0] and "--db" in lines[0], lines[0]
    assert blocker.read_text(encoding="utf-8") == "a file where the program's folder should be"
