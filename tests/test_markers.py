"""The one marker for tests that need POSIX or Linux (tests/conftest.py), and that real tests carry it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import skip_reason


def test_posix_only_skips_elsewhere_with_its_reason() -> None:
    kill = pytest.mark.posix_only("SIGKILL").mark
    tmpfs = pytest.mark.posix_only("mounts a tmpfs", linux=True).mark
    assert skip_reason(kill, "posix", "linux") is None
    assert skip_reason(kill, "posix", "darwin") is None
    assert skip_reason(kill, "nt", "win32") == "POSIX only: SIGKILL"
    assert skip_reason(tmpfs, "posix", "linux") is None
    assert skip_reason(tmpfs, "posix", "darwin") == "Linux only: mounts a tmpfs"
    assert skip_reason(tmpfs, "nt", "win32") == "Linux only: mounts a tmpfs"
    with pytest.raises(pytest.UsageError):
        skip_reason(pytest.mark.posix_only().mark, "nt", "win32")


def test_tests_that_kill_or_mount_carry_it() -> None:
    files = ["tests/test_cli_kill.py", "tests/storage/test_crash_safety.py", "tests/storage/test_output_files.py"]
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "-m", "not posix_only", *files], capture_output=True, text=True, timeout=300,
                            cwd=Path(__file__).parent.parent)
    portable = [line for line in listed.stdout.splitlines() if "::" in line]
    assert portable and all(line.startswith("tests/storage/test_output_files.py::") for line in portable)
    assert not any("full_disk" in line for line in portable)
    assert any("held_open_elsewhere" in line for line in portable)  # a simulated Windows failure runs everywhere
