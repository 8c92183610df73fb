"""A child process killed (SIGKILL) once it says it reached the point a test wants to kill it at.

    killed_when_marked(CHILD, [str(path)], tmp_path / "midway", "the upgrade never reached 0023")

`script` runs as `python -c script *arguments marker` from the repository's root; it writes `marker`
when it reaches the point (then waits). The child's error output is shown if it ends before.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import desktop_app


def killed_when_marked(script: str, arguments: list[str], marker: Path, never_reached: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", script, *arguments, str(marker)],
                             cwd=Path(desktop_app.__file__).parents[1], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, child.communicate()[1].decode()[-2000:]
            assert time.monotonic() < deadline, never_reached
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
