"""One log file per process (issue 21): two programs running at once, each rolling its file over many
times, lose no line and never rename each other's file; old files are pruned, one that cannot be
deleted (held open by a running process on Windows) is left for a later start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app import logs

ROOT = Path(__file__).resolve().parents[1]

WRITER = """
import logging, sys
from desktop_app import logs
logs.MAX_BYTES = 20_000  # roll over often while the other process writes too
path = logs.setup_logging()
log = logging.getLogger("desktop_app.test")
for n in range(2_000):
    log.info("%s line %05d %s", sys.argv[1], n, "x" * 40)
print(path)
"""


def test_two_processes_write_their_own_files_and_lose_no_line(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    runs = [subprocess.Popen([sys.executable, "-c", WRITER, name], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             text=True) for name in ("window", "command")]
    paths = [Path(run.communicate(timeout=120)[0].strip()) for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert paths[0] != paths[1] and paths[0].parent == paths[1].parent
    for name, path in zip(("window", "command"), paths, strict=True):
        # The current file and its one rolled-over copy hold this process's newest lines, in order,
        # and no line of the other process.
        text = path.with_name(path.name + ".1").read_text(encoding="utf-8") + path.read_text(encoding="utf-8")
        numbers = [int(line.split(" line ")[1][:5]) for line in text.splitlines()]
        assert numbers == list(range(numbers[0], 2_000)) and numbers[0] < 1_900
        other = "command" if name == "window" else "window"
        assert f" {other} line " not in text


def test_old_logs_are_pruned_and_a_held_one_is_left(tmp_path: Path) -> None:
    for n in range(25):
        path = tmp_path / f"mission-roster-20261101-0000{n:02d}-{100 + n}.log"
        path.write_text("old\n")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    (tmp_path / "mission-roster-20261101-000000-100.log.1").write_text("older\n")
    (tmp_path / "mission-roster.log").write_text("a former version's shared file\n")
    (tmp_path / "mission-roster.log.3").write_text("and one of its copies\n")
    os.utime(tmp_path / "mission-roster.log", (10, 10))
    held = tmp_path / "mission-roster-20261101-000001-101.log"
    held.unlink()
    held.mkdir()  # cannot be deleted as a file: stands for one another process holds open
    os.utime(held, (1_000_001, 1_000_001))
    (tmp_path / "notes.txt").write_text("not ours")
    own = tmp_path / "mission-roster-20261205-170000-999.log"
    removed = logs.remove_old_logs(tmp_path, keep=20, own=own)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert held.name in left and "notes.txt" in left and "mission-roster.log" not in left
    assert "mission-roster.log.3" not in left and "mission-roster-20261101-000000-100.log.1" not in left
    assert len([name for name in left if name.endswith(".log")]) == 19 + 1  # 19 newest and the held one
    assert held not in removed and len(removed) == 8  # 5 oldest + a .1 + the former shared file and its copy
