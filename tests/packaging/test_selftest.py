"""`mission-roster --self-test` from a source checkout: every step passes, and a failed step is said and
fails the run. (tests/packaging/test_bundle.py runs it inside the bundle.)"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.selftest.runner import SelfTest, StepFailed

ROOT = Path(__file__).resolve().parents[2]
STEPS = 11


@pytest.mark.slow
def test_self_test_passes_from_source_and_leaves_nothing_behind(tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])  # the fresh home of tests/conftest.py
    before = sorted(home.rglob("*"))
    finished = subprocess.run([sys.executable, "-m", "desktop_app", "--self-test"], capture_output=True,
                              text=True, encoding="utf-8", timeout=900, cwd=tmp_path, check=False)
    lines = finished.stdout.splitlines()
    assert finished.returncode == 0, finished.stdout + finished.stderr
    steps = lines[1:-1]
    assert len(steps) == STEPS and all(line.startswith("ok ") for line in steps), finished.stdout
    assert lines[-1] == "self-test: all steps passed"
    folder = Path(lines[0].split(" self-test in ", 1)[1])
    assert "Самопроверка" in folder.name and " " in folder.name
    assert not folder.exists() and not folder.parent.exists()
    assert sorted(home.rglob("*")) == before, "the self-test wrote into the user's folders"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_step_is_said_with_its_reason_and_fails_the_run(tmp_path: Path) -> None:
    out = io.StringIO()
    test = SelfTest(tmp_path, out)

    def refuses() -> str:
        raise StepFailed("the roster file still starts with SQLite's plain header")

    def breaks() -> str:
        return str(1 / 0)

    test.step("roster encrypted", refuses)
    test.step("imports", breaks)
    test.step("passes", lambda: "fine")
    said = out.getvalue().splitlines()
    assert said[0] == "FAILED  roster encrypted: the roster file still starts with SQLite's plain header"
    assert said[1].startswith("FAILED  imports: ZeroDivisionError: division by zero (test_selftest.py:")
    assert said[2] == "ok      passes: fine"
    assert test.failures == 2
