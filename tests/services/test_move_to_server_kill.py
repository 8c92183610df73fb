"""SIGKILL of the real `mission-roster move-to-server` at several points of the copy: the server
database is left empty (killed before the commit) or whole (after it), never half, and the file
is unchanged.

The child is the command line itself with SQLAlchemy event hooks that only tell the parent where it
is and wait: at the first row written after the migrations, in the middle of the search terms, at
the commit, and once the committed connection is handed back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from desktop_app.services import audit
from desktop_app.storage.db import open_database
from tests.services.test_move_to_server import build_demo, digest, file_counts

pytest_plugins = ["tests.helpers.postgres"]
pytestmark = pytest.mark.posix_only("SIGKILL of a child process")

CHILD = textwrap.dedent('''
    import os, sys, time
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import Pool

    marker, point = Path(os.environ["KILL_MARKER"]), os.environ["KILL_POINT"]
    seen = {"rows": 0, "terms": 0, "committed": False}

    def stop() -> None:
        marker.write_text(point)
        time.sleep(120)

    def on_server(conn) -> bool:
        return conn.dialect.name == "postgresql"

    @event.listens_for(Engine, "before_cursor_execute")
    def _statement(conn, cursor, statement, parameters, context, executemany):
        if not on_server(conn):
            return
        words = statement.lstrip().upper()
        if words.startswith("INSERT INTO") and "ALEMBIC_VERSION" not in words:
            seen["rows"] += 1
            if point == "first-rows" and seen["rows"] == 1:
                stop()
        if words.startswith("INSERT INTO SEARCH_TERMS"):
            seen["terms"] += 1
            if point == "mid-copy" and seen["terms"] == 3:
                stop()

    @event.listens_for(Engine, "commit")
    def _commit(conn):
        if on_server(conn) and seen["rows"] and point == "before-commit":
            stop()

    @event.listens_for(Pool, "checkin")
    def _handed_back(dbapi_connection, record):
        if type(dbapi_connection).__module__.startswith("psycopg") and seen["rows"] and point == "after-commit":
            stop()

    from desktop_app.cli import main
    code = main(sys.argv[1:])
    marker.write_text(f"exited {code}")
''')
POINTS = ("first-rows", "mid-copy", "before-commit", "after-commit")


def _kill_at(tmp_path: Path, source: Path, url: str, point: str) -> str:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    marker = tmp_path / f"marker-{point}"
    env = {**os.environ, "KILL_MARKER": str(marker), "KILL_POINT": point, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(script), "--db", str(source), "--operator", "crash",
                              "move-to-server", url, "--batch-rows", "500"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 180
        while not marker.exists() or not marker.read_text():
            if child.poll() is not None and not marker.exists():
                raise AssertionError(f"the child ended early: {child.stderr.read().decode() if child.stderr else ''}")
            assert time.monotonic() < deadline, "the child never reached the point"
            time.sleep(0.02)
        said = marker.read_text()
        if not said.startswith("exited"):
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            assert child.returncode == -signal.SIGKILL
        return said
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()


def _server_state(url: str) -> list[str]:
    """The tables the server database holds once the killed client's session is gone."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            deadline = time.monotonic() + 60
            while connection.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND pid <> pg_backend_pid()")).scalar():
                assert time.monotonic() < deadline, "the killed client's session never ended"
                connection.rollback()
                time.sleep(0.05)
            return sorted(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def _new_database(postgres_server: Path, name: str) -> str:
    from tests.helpers.postgres import _as_server_user, _bindir

    subprocess.run(_as_server_user([str(_bindir() / "createdb"), "-h", str(postgres_server), "-U", "roster", name]),
                   check=True, capture_output=True, timeout=120)
    return f"postgresql+psycopg://roster@/{name}?host={postgres_server}"


def test_a_killed_move_leaves_the_server_empty_or_whole_never_half(tmp_path: Path, postgres_server: Path) -> None:
    source = tmp_path / "roster.db"
    build_demo(source, households=60)
    counts = file_counts(source)
    fingerprint = digest(source)
    for number, point in enumerate(POINTS):
        url = _new_database(postgres_server, f"kill_{number}_{os.getpid()}")
        assert _kill_at(tmp_path, source, url, point) == point
        tables = _server_state(url)
        assert digest(source) == fingerprint
        server = open_database(url)  # creates the schema when the kill left the database empty
        try:
            with server.reading() as session:
                persons = session.execute(text("SELECT count(*) FROM persons")).scalar()
                entries = session.execute(text("SELECT count(*) FROM audit_entries")).scalar()
            if point == "after-commit":
                assert persons == counts["persons"] and entries == counts["audit_entries"] + 1
                assert audit.verify_chain(server).intact
            else:
                assert tables == [], point
                assert (persons, entries) == (0, 0), point
        finally:
            server.close()
