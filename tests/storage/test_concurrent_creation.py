"""Issue 12, defect 16: two programs creating the same new roster at the same moment, on SQLite and
on PostgreSQL, both end well (the second finds the schema the first made), or one says plainly
that the roster is being created by another program; never 'waited 10 s' after 2 s, never a
conflict with a record."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from desktop_app.domain.errors import DatabaseError
from desktop_app.services import audit, persons
from desktop_app.storage import db as storage_db
from desktop_app.storage import migrations
from desktop_app.storage.db import open_database
from desktop_app.storage.models import Person

pytest_plugins = ["tests.helpers.postgres"]

OPENER = textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from desktop_app.domain.errors import RosterError
    from desktop_app.services import persons
    from desktop_app.storage.db import open_database

    target, go, name = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    while not go.exists():
        time.sleep(0.001)
    stage = "opening"
    try:
        db = open_database(target)
        stage = "writing"
        persons.create_person(db, {"surname": name}, operator=name)
        db.close()
    except RosterError as exc:
        print(f"refused while {stage}: {exc}", flush=True)
        raise SystemExit(1)
    print("opened", flush=True)
''')


def _race(tmp_path: Path, target: str, run: int) -> list[tuple[int, str]]:
    script = tmp_path / "opener.py"
    script.write_text(OPENER)
    go = tmp_path / f"go-{run}"
    children = [subprocess.Popen([sys.executable, str(script), target, str(go), f"Creator{run}{side}"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for side in "AB"]
    time.sleep(2.0)  # both started and waiting at the line
    go.write_text("go")
    results = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert "Traceback" not in err, err
        results.append((child.returncode, out.strip() or err.strip()))
    return results


def _check(results: list[tuple[int, str]]) -> None:
    for code, said in results:
        assert code == 0 or "being created by another" in said, said
        assert "waited" not in said and "conflicts with a record" not in said, said


def test_two_programs_create_the_same_sqlite_roster(tmp_path: Path) -> None:
    for run in range(3):
        path = tmp_path / f"new-{run}.db"
        _check(_race(tmp_path, str(path), run))
        database = open_database(path)
        try:
            assert migrations.current_revision(database.engine) == migrations.head_revision()
            assert audit.verify_chain(database).intact
            with database.reading() as session:
                names = set(session.scalars(select(Person.surname)))
            assert names == {f"Creator{run}A", f"Creator{run}B"}  # both ended well here
        finally:
            database.close()


def test_opening_waits_for_a_creation_that_outlasts_the_write_locks_patience(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replays the whole-suite failure: under load the first program's creation held the lock longer
    than the ordinary patience, and the second gave up with 'busy; waited 10 s' on a roster that was
    half made. Now it waits while the schema is unfinished, and opens the finished roster."""
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "new.db"
    creator = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    creator.execute("BEGIN IMMEDIATE")  # the other program, half-way through making the schema
    creator.execute("CREATE TABLE scratch (id INTEGER)")
    released = threading.Event()

    def finish_creating() -> None:
        time.sleep(2.0)  # several times the patience above
        creator.execute("ROLLBACK")
        creator.close()
        released.set()

    threading.Thread(target=finish_creating, daemon=True).start()
    database = open_database(path)
    try:
        assert released.is_set()
        assert migrations.current_revision(database.engine) == migrations.head_revision()
    finally:
        database.close()


def test_a_busy_finished_roster_still_says_busy_after_the_ordinary_patience(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The longer wait is only for a roster being created: a colleague's long write on a finished
    roster is told as before."""
    path = tmp_path / "done.db"
    open_database(path).close()
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 300)
    colleague = sqlite3.connect(path, isolation_level=None)
    colleague.execute("BEGIN IMMEDIATE")
    try:
        database = open_database(path)
        try:
            with pytest.raises(DatabaseError, match="busy"):
                persons.create_person(database, {"surname": "Later"}, operator="tester")
        finally:
            database.close()
    finally:
        colleague.execute("ROLLBACK")
        colleague.close()


def test_two_programs_create_the_same_postgresql_roster(postgres_url: str, tmp_path: Path) -> None:
    url = make_url(postgres_url)
    host = url.query["host"]
    for run in range(2):
        name = f"fresh_{run}"
        with psycopg.connect(host=host, user=url.username, dbname=url.database, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        target = url.set(database=name).render_as_string(hide_password=False)
        _check(_race(tmp_path, target, run))
        database = open_database(target)
        try:
            assert migrations.current_revision(database.engine) == migrations.head_revision()
            assert audit.verify_chain(database).intact
        finally:
            database.close()
