"""Breaker X16 (issue 16): `--self-test` ended before its end. Its temporary folder holds a roster
(before encryption: a plain SQLite file), spreadsheets and the run's passphrase files; ended by
SIGTERM (a CI's timeout, a logout) the run must still wipe it, and a run killed outright (SIGKILL,
power) is wiped by the next run. Real subprocesses, TMPDIR a folder of the test's own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.selftest import runner

pytestmark = pytest.mark.posix_only("signals sent to a real process", linux=True)


def start(temp: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(temp)}
    return subprocess.Popen([sys.executable, "-m", "desktop_app", "--self-test"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, encoding="utf-8", env=env, cwd=temp)


def read_until(process: subprocess.Popen[str], marker: str) -> list[str]:
    """The lines printed up to and including the first holding `marker` (the step under way is the next)."""
    assert process.stdout is not None
    lines = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        assert line, f"the self-test ended before {marker!r}: {lines}"
        lines.append(line)
        if marker in line:
            return lines
    raise AssertionError(f"no {marker!r} within five minutes: {lines}")


def run_folder(lines: list[str]) -> Path:
    return Path(lines[0].split(" self-test in ", 1)[1].strip()).parent


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_self_test_ended_by_a_signal_stops_and_wipes_its_folder(tmp_path: Path, number: int) -> None:
    with start(tmp_path) as process:
        lines = read_until(process, "old roster opened")  # the plain roster is in the folder now
        folder = run_folder(lines)
        assert any(folder.rglob("*.db")), list(folder.rglob("*"))
        process.send_signal(number)
        assert process.wait(timeout=120) == 128 + number
        assert process.stdout is not None
        rest = process.stdout.read()
    assert "ended by signal" in rest and "FAILED" not in rest, rest  # Ctrl+C went on with the next step
    assert not folder.exists(), sorted(folder.rglob("*"))
    assert list(tmp_path.iterdir()) == []


def test_a_self_test_killed_outright_is_wiped_by_the_next_run(tmp_path: Path) -> None:
    with start(tmp_path) as killed:
        left = run_folder(read_until(killed, "old roster opened"))
        killed.kill()
        killed.wait(timeout=60)
    assert any(left.rglob("*.db")), "the killed run left nothing to clean (the test proves nothing)"
    stranger = tmp_path / f"{runner.PREFIX}not ours"  # no owner file: another program's, or a run starting
    stranger.mkdir()
    (stranger / "keep.txt").write_text("kept", encoding="utf-8")
    alive = tmp_path / f"{runner.PREFIX}running"  # a run still going (this test's own process)
    alive.mkdir()
    (alive / runner.OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    with start(tmp_path) as second:
        try:
            lines = read_until(second, "self-test in ")
            assert not left.exists(), sorted(left.rglob("*"))
            assert (stranger / "keep.txt").read_text(encoding="utf-8") == "kept" and alive.is_dir()
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=120)
    assert not run_folder(lines).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([stranger.name, alive.name])
