"""A throwaway PostgreSQL server for tests: its own cluster in a temporary folder, on a Unix
socket only (no network), started with Debian's binaries and stopped afterwards.

`make test` installs Debian's `postgresql` package (packaging/system-deps.sh); a missing
server fails the tests that need it. As root (CI), the server runs as the `postgres` user,
because initdb refuses to run as root.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is missing: run `make test`, which installs Debian's postgresql package")
    return Path(found[-1]).parent


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Path]:
    """The folder of a private PostgreSQL server's socket, for the whole session."""
    bindir = _bindir()
    # A folder of its own directly in the system's temporary folder, not under pytest's: every pytest
    # run sets pytest-of-<user> back to 0700, so a second run on the machine (or a later
    # one) locked the server user out of its own data ("Permission denied" at start).
    base = Path(tempfile.mkdtemp(prefix="mission-roster-pg-"))
    data = base / "data"
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chmod(base, 0o700)
        shutil.chown(base, account.pw_uid, account.pw_gid)

    def run(*command: str) -> None:
        done = subprocess.run(_as_server_user(list(command)), capture_output=True, text=True, timeout=400,
                              check=False)
        if done.returncode != 0:  # say why: the server's own log holds the reason pg_ctl does not print
            log = base / "server.log"
            pytest.fail(f"{Path(command[0]).name} failed ({done.returncode}): {done.stdout}{done.stderr}"
                        f"{log.read_text(errors='replace')[-3000:] if log.exists() else ''}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "roster", "--auth=trust", "--encoding=UTF8",
        "--locale=C.UTF-8")
    # A long wait: on a loaded two-core machine the first start can take longer than pg_ctl's 60 s.
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w", "-t", "300", "-o",
        f"-k {base} -c listen_addresses=''", "start")
    try:
        yield base
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


_databases = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server: Path) -> str:
    """A SQLAlchemy URL of an empty database of its own on the session's private server.

    One database a test: a test that counts persons or case references must not see the
    persons of the tests that ran before it on the same server.
    """
    name = f"roster_{next(_databases)}"
    command = [str(_bindir() / "createdb"), "-h", str(postgres_server), "-U", "roster", name]
    subprocess.run(_as_server_user(command), check=True, capture_output=True, timeout=120)
    return f"postgresql+psycopg://roster@/{name}?host={postgres_server}"
