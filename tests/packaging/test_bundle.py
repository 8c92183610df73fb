"""The bundle (issue 16): built with PyInstaller (an up-to-date dist/ is reused by its inputs' hash),
then `dist/mission-roster/mission-roster --self-test` run where it cannot lean on the build machine:
no Python on PATH, no PYTHONPATH/PYTHONHOME/VIRTUAL_ENV, HOME in a temporary folder, and no network
(a new network namespace with `unshare -rn`, where only a loopback that is down exists)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import build_bundle  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.posix_only("unshare and a PATH of symbolic links", linux=True)]


def path_without_python(folder: Path) -> str:
    """A PATH of one folder holding every program of /usr/bin and /bin but Python."""
    folder.mkdir()
    for source in (Path("/usr/bin"), Path("/bin")):
        for program in source.iterdir():
            if not program.name.startswith(("python", "pydoc", "pip")) and not (folder / program.name).exists():
                (folder / program.name).symlink_to(program)
    return str(folder)


def test_the_bundle_passes_its_self_test_without_python_or_network(tmp_path: Path) -> None:
    built = subprocess.run([sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--reuse"],
                           capture_output=True, text=True, timeout=3600, cwd=ROOT, check=False)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    executable = build_bundle.executable()
    # Built from the inputs hashed at the build's start (a shared tree may have changed since).
    assert executable.is_file() and (executable.parent / build_bundle.STAMP_NAME).is_file()
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": path_without_python(tmp_path / "bin"), "HOME": str(home), "LANG": "C.UTF-8"}
    assert shutil.which("python3", path=env["PATH"]) is None and shutil.which("python", path=env["PATH"]) is None
    assert shutil.which("unshare"), "unshare (util-linux) runs the bundle without a network"
    no_network = subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=60, check=False)
    assert no_network.returncode == 0, f"unshare -rn refused: {no_network.stderr!r}"
    finished = subprocess.run(["unshare", "-rn", str(executable), "--self-test"], capture_output=True, text=True,
                              encoding="utf-8", env=env, cwd=tmp_path, timeout=1800, check=False)
    print(finished.stdout)
    assert finished.returncode == 0, finished.stdout + finished.stderr[-3000:]
    lines = finished.stdout.splitlines()
    assert lines[-1] == "self-test: all steps passed" and not any("FAILED" in line for line in lines)
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == [], "the bundle wrote into HOME"
    assert not os.path.exists(ROOT / "dist" / "mission-roster" / "portable.txt")
