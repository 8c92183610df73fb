"""The change watcher: what another process commits is reported, with its record kinds, on SQLite and PostgreSQL.

The other process is the real command line (`python -m desktop_app --db ... person add`), so the
change comes through another connection of another program, as from a colleague's workstation.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services import changes, persons
from desktop_app.services.changes import ALL_KINDS, HOUSEHOLDS, LISTS, PERSONS, Change, ChangeWatcher
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

WAIT_S = 10.0  # generous: the wait ends as soon as the change is seen


def command(target: str | Path, *arguments: str) -> str:
    """Run the real command line in another process on `target`."""
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(target), "--operator", "colleague",
                           *arguments], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def wait_for(watcher: ChangeWatcher) -> Change:
    change = watcher.poll(timeout=WAIT_S)
    assert change is not None, "no change reported"
    return change


@pytest.fixture
def watcher(db: Database) -> Iterator[ChangeWatcher]:
    watching = ChangeWatcher(db)
    yield watching
    watching.close()


def test_sqlite_reports_another_process_s_changes_with_their_kinds(db: Database, db_path: Path,
                                                                   watcher: ChangeWatcher) -> None:
    assert watcher.poll() is None
    command(db_path, "person", "add", "--surname", "Иванова", "--given", "Анна", "--born", "1980")
    change = wait_for(watcher)
    assert change.kinds == {PERSONS} and change.entries == 1
    assert watcher.poll() is None  # told once

    command(db_path, "household", "create", "Ivanovy", "--head", "MR-000001")
    assert HOUSEHOLDS in wait_for(watcher).kinds
    command(db_path, "list", "create", "Rafah list 1")
    assert wait_for(watcher).kinds == {LISTS}
    command(db_path, "status", "MR-000001", "verified", "--reason", "passport seen")
    assert PERSONS in wait_for(watcher).kinds


def test_what_was_committed_before_the_watcher_is_not_news(db: Database, db_path: Path, operator: str) -> None:
    persons.create_person(db, {"surname": "Petrov", "birth_date": "1970"}, operator=operator)
    command(db_path, "person", "add", "--surname", "Sidorov", "--born", "1971")
    watching = ChangeWatcher(db)
    try:
        assert watching.poll(timeout=0.5) is None
        # This process's own writes go through another connection than the watcher's: they count too.
        persons.create_person(db, {"surname": "Smirnov", "birth_date": "1972"}, operator=operator)
        assert wait_for(watching).kinds == {PERSONS}
    finally:
        watching.close()


def test_a_program_that_only_opens_the_roster_is_not_news(db: Database, db_path: Path,
                                                           watcher: ChangeWatcher) -> None:
    """Each opening commits planner statistics (no audit entry): windows must not reload for that."""
    assert watcher.poll() is None
    command(db_path, "stats", "--json")
    with db.raw_connection() as connection:
        connection.execute("INSERT INTO settings (key, value) VALUES ('unaudited', '\"x\"')")
    assert watcher.poll(timeout=1.0) is None
    command(db_path, "person", "add", "--surname", "Lebedev", "--born", "1975")
    change = wait_for(watcher)
    assert (change.kinds, change.entries) == (frozenset({PERSONS}), 1)


def test_more_entries_than_worth_reading_mean_everything(db: Database, operator: str, watcher: ChangeWatcher,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changes, "MAX_ENTRIES", 2)
    assert watcher.poll() is None
    for surname in ("A", "B", "C"):
        persons.create_person(db, {"surname": surname, "birth_date": "1990"}, operator=operator)
    assert wait_for(watcher) == Change(ALL_KINDS, 3)


def test_watch_calls_back_until_stopped_and_closes_its_connection(db: Database, db_path: Path) -> None:
    seen: list[Change] = []
    arrived = threading.Event()
    stop = threading.Event()

    def on_change(change: Change) -> None:
        seen.append(change)
        arrived.set()

    watching = ChangeWatcher(db)
    thread = threading.Thread(target=watching.watch, args=(on_change, stop), daemon=True)
    thread.start()
    command(db_path, "person", "add", "--surname", "Kuznetsova", "--born", "1985")
    assert arrived.wait(WAIT_S)
    stop.set()
    thread.join(WAIT_S)
    assert not thread.is_alive()
    assert [change.kinds for change in seen] == [{PERSONS}]
    with pytest.raises(RuntimeError, match="closed"):
        watching.poll()


def test_an_encrypted_roster_is_watched_with_its_key(tmp_path: Path, operator: str) -> None:
    path = tmp_path / "secret.db"
    database = open_database(path, passphrase="correct horse battery")
    try:
        watching = ChangeWatcher(database)
        assert watching.poll() is None
        other = open_database(path, passphrase="correct horse battery")
        persons.create_person(other, {"surname": "Orlova", "birth_date": "1960"}, operator=operator)
        other.close()
        assert wait_for(watching).kinds == {PERSONS}
        watching.close()
    finally:
        database.close()


def test_every_record_kind_the_services_audit_is_known() -> None:
    """A new kind of audited record must say what it changes (else every page reloads everything)."""
    root = Path(changes.__file__).parents[1]
    entities: set[str] = set()
    for source in root.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "record"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "audit"
                    and len(node.args) >= 4 and isinstance(node.args[3], ast.Constant)):
                entities.add(str(node.args[3].value))
    assert {"person", "household", "list", "operation", "roster"} <= entities
    assert entities - {"roster"} <= set(changes.ENTITY_KINDS)
    assert changes.kinds_of("roster", "backup") == {changes.BACKUPS}
    assert changes.kinds_of("roster", "restore") == ALL_KINDS


def test_postgresql_reports_another_process_s_changes_by_notification(postgres_url: str) -> None:
    database = open_database(postgres_url)
    try:
        watching = ChangeWatcher(database)
        assert watching.poll(timeout=0.2) is None
        command(postgres_url, "person", "add", "--surname", "Волкова", "--given", "Ольга", "--born", "1979")
        assert wait_for(watching).kinds == {PERSONS}
        assert watching.poll(timeout=0.2) is None
        command(postgres_url, "list", "create", "PG list")
        assert wait_for(watching).kinds == {LISTS}
        case_ref = command(postgres_url, "person", "add", "--surname", "Zaitsev", "--born", "1988").split()[0]
        assert wait_for(watching).kinds == {PERSONS}
        command(postgres_url, "status", case_ref, "verified")
        assert PERSONS in wait_for(watching).kinds
        watching.close()
    finally:
        database.close()
