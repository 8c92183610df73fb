"""Opening databases: creation, PRAGMAs, migrations with a copy first, refusals that change nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.domain.errors import DatabaseError
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage import migrations
from desktop_app.storage.db import open_database
from desktop_app.storage.paths import default_database_path, resolve_target


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_at_head_with_pragmas(db_path: Path) -> None:
    database = open_database(db_path)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    assert migrations.current_revision(database.engine) == migrations.head_revision()
    database.close()


def _roster_at_0001(path: Path, *statements: str) -> None:
    """A roster file as the first version made it, with `statements` run in its creation's transaction."""
    engine = create_engine(f"sqlite:///{path}")
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def test_older_database_is_upgraded_after_a_copy_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _roster_at_0001(path, "INSERT INTO settings (key, value) VALUES ('mission_name', '\"Cairo\"')")

    database = open_database(path)
    assert migrations.current_revision(database.engine) == migrations.head_revision()
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM settings")).scalar() == '"Cairo"'
        indexes = {row[1] for row in connection.exec_driver_sql("PRAGMA index_list('audit_entries')")}
    assert "ix_audit_entries_entity_record" in indexes
    database.close()
    copies = list(tmp_path.glob("old.db.before-migration-0001-*"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as saved:
        assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_newer_database_is_refused_and_left_unchanged(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = _digest(db_path)
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_path)
    assert _digest(db_path) == before


@pytest.mark.parametrize("content", [b"<html><body>not a roster</body></html>", b"%PDF-1.7 fake"])
def test_a_file_that_is_not_a_database_is_left_exactly_as_it_was(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "list.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="not a roster database"):
        open_database(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.db"]


def test_sqlite_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="another program"):
        open_database(path)
    assert _digest(path) == before


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="folder does not exist"):
        open_database(tmp_path / "nowhere" / "roster.db")


def test_default_location_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_database_path() == tmp_path / "xdg" / "MissionRoster" / "roster.db"
    assert resolve_target(None) == str(tmp_path / "xdg" / "MissionRoster" / "roster.db")
    monkeypatch.setenv("MISSION_ROSTER_DB", "/x/y.db")
    assert resolve_target(None) == "/x/y.db"
    assert resolve_target("/a.db") == "/a.db"
    database = open_database(resolve_target("sqlite:///" + str(tmp_path / "url.db")))
    database.close()
    assert (tmp_path / "url.db").exists()


def test_writers_wait_for_the_lock_then_say_so(db_path: Path) -> None:
    database = open_database(db_path)
    blocker = sqlite3.connect(db_path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        database.engine.dispose()
        with database.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA busy_timeout = 200")
        with pytest.raises(DatabaseError, match="busy"):
            save_mission(database, MissionSettings("Cairo"), operator="x")
    finally:
        blocker.rollback()
        blocker.close()
        database.close()


def test_the_quick_revision_check_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations.alembic_config())
    revisions, head = migrations.known_revisions()
    assert head == script.get_current_head()
    assert revisions == {revision.revision for revision in script.walk_revisions()}


HOLD_OLD_ROSTER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


def test_an_upgrade_that_waits_for_another_program_copies_the_roster_once(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening an older roster while another program holds its lock retries the upgrade until the lock
    goes: each retry took a new copy of the whole roster first (a 2.4 GB file at a million persons,
    every few seconds for up to two minutes, and the officer told of each). One copy, told once."""
    import subprocess
    import sys

    from desktop_app.storage import db as storage_db

    path = tmp_path / "old.db"
    _roster_at_0001(path)
    with sqlite3.connect(path) as raw:  # as every roster a program opened before: readers never wait
        raw.execute("PRAGMA journal_mode = wal")
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 200)  # the colleague's lock outlasts several waits
    child = subprocess.Popen([sys.executable, "-c", HOLD_OLD_ROSTER, str(path), "2.5"], stdout=subprocess.PIPE,
                             text=True)
    told: list[Path | None] = []
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        database = open_database(path, on_upgrade=told.append)
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert migrations.current_revision(database.engine) == migrations.head_revision()
    database.close()
    copies = list(tmp_path.glob("old.db.before-migration-0001-*"))
    assert told == copies and len(copies) == 1
    with sqlite3.connect(copies[0]) as saved:
        assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
