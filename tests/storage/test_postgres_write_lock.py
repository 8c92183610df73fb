"""The write lock on PostgreSQL, as on a roster file: a colleague's long write is waited for as long as
SQLite's busy timeout, then told busy with who holds it; the window's wait names them and can be
cancelled (issue 19: a ministry's roster on a server).

Before, a write on the server waited for the advisory lock for good (a colleague's import of 100,000
rows held every other officer's save for its whole length, nobody told why), and the wait before a
write looked only at a roster file.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading

import pytest
from sqlalchemy import create_engine, text

from desktop_app.domain.errors import Cancelled
from desktop_app.services import lists, persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage import db as storage_db
from desktop_app.storage.db import application_name, holder_of_application_name, open_database
from desktop_app.storage.errors import DatabaseBusy
from tests.storage.test_errors import held_lock

pytest_plugins = ["tests.helpers.postgres"]


def held_on_server(url: str, holder: str, seconds: float) -> contextlib.AbstractContextManager[
        subprocess.Popen[str]]:
    """Another process, opened as `holder`, holding the server roster's write lock for `seconds`."""
    return held_lock(url, seconds, holder)


def test_a_colleagues_write_on_the_server_is_busy_after_the_timeout_and_names_them(
        postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(postgres_url).close()
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 300)
    database = open_database(postgres_url, holder="M. Haddad")
    try:
        with held_on_server(postgres_url, "A. Colleague", 30):
            with pytest.raises(DatabaseBusy) as caught:
                lists.create_list(database, "Bus 1", operator="M. Haddad")
            assert caught.value.holder is not None and caught.value.holder.startswith(
                "A. Colleague (server login roster) on ")
            assert "A. Colleague" in str(caught.value) and "busy" in str(caught.value)
        lists.create_list(database, "Bus 1", operator="M. Haddad")  # the lock let go: it goes through
        assert [s.name for s in lists.all_lists(database)] == ["Bus 1"]
        assert database.server_lock_holder() is None  # nobody holds it now
    finally:
        database.close()


def test_the_wait_before_a_write_on_the_server_names_the_colleague_and_can_be_cancelled(postgres_url: str) -> None:
    workspace = Workspace.open(postgres_url, operator="M. Haddad")
    try:
        told: list[str | None] = []
        looks: list[int] = []

        def cancelled() -> bool:
            looks.append(1)
            return len(looks) > 3

        with held_on_server(postgres_url, "Мухаммед Абу Шанаб", 30), \
                pytest.raises(Cancelled, match="cancelled; nothing was changed"):
            workspace.wait_for_writer(cancelled, told.append)
        assert len(looks) == 4
        assert len(told) == 1 and told[0] is not None and told[0].startswith("Мухаммед") and "Шанаб" not in told[0]
        told.clear()
        with held_on_server(postgres_url, "A. Colleague", 1.5) as colleague:
            workspace.wait_for_writer(lambda: False, told.append)  # returns once the colleague committed
            assert colleague.wait(5) is not None
        assert len(told) == 1 and told[0] is not None and told[0].startswith("A. Colleague")
        workspace.wait_for_writer(lambda: False, told.append)
        assert len(told) == 1  # nobody held the lock: nobody named
        lists.create_list(workspace.db, "Bus 2", operator="M. Haddad")
    finally:
        workspace.close()


@pytest.mark.parametrize("holder", ["M. Haddad", "Мухаммед Абу Шанаб, консульство в Каире", "محمد أبو شنب",
                                    "x" * 200, "100% sure", ""])
def test_the_servers_name_for_a_connection_keeps_whole_characters_of_the_holder(holder: str) -> None:
    name = application_name(holder)
    assert len(name.encode()) <= 63 and name.isascii() and name.isprintable()
    named = holder_of_application_name(name)
    assert (named or "") == holder[:len(named or "")]  # a beginning of it, no broken character
    assert holder_of_application_name("psql") is None


def test_a_table_locked_by_another_program_makes_a_write_busy_not_hang(
        postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Breaker X19j (issue 19): another program's connection (psql, an administrator's LOCK TABLE or a
    transaction left open) holding a lock on persons: the officer's save waited for it for good, no word,
    as the server's lock_timeout went back to its default (none) once the write lock was taken. Now the
    write's statements wait as long as for the write lock, then busy; nothing written."""
    open_database(postgres_url).close()
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 300)
    database = open_database(postgres_url, holder="M. Haddad")
    other = create_engine(postgres_url, connect_args={"application_name": "psql"})
    outcome: list[BaseException | str] = []

    def save() -> None:
        try:
            persons.create_person(database, {"surname": "Petrova", "given_names": "Anna"}, operator="M. Haddad")
            outcome.append("saved")
        except Exception as failure:  # told to the test's thread
            outcome.append(failure)

    try:
        with other.connect() as administrator:
            administrator.execute(text("LOCK TABLE persons IN EXCLUSIVE MODE"))
            writer = threading.Thread(target=save)
            writer.start()
            writer.join(8)
            done = list(outcome)
            administrator.rollback()
        writer.join(30)
        assert len(done) == 1 and isinstance(done[0], DatabaseBusy), done or "still waiting after 8 s"
        assert "busy" in str(done[0])
        assert persons.create_person(database, {"surname": "Petrova", "given_names": "Anna"}, operator="M. Haddad")
    finally:
        other.dispose()
        database.close()


def test_a_lock_timeout_the_server_sets_is_kept_in_a_write(postgres_url: str) -> None:
    """A database whose administrator set a lock_timeout keeps it in the write's statements (the write
    lock itself is waited for `BUSY_TIMEOUT_MS`); one that sets none gets the busy timeout."""
    database = open_database(postgres_url)
    try:
        with database.transaction() as session:
            assert session.execute(text("SHOW lock_timeout")).scalar() == "10s"
        with database.engine.begin() as connection:
            name = connection.execute(text("SELECT current_database()")).scalar()
            connection.execute(text(f"ALTER DATABASE {name} SET lock_timeout = '200ms'"))
        database.engine.dispose()  # new connections read the database's setting
        with database.transaction() as session:
            assert session.execute(text("SHOW lock_timeout")).scalar() == "200ms"
        with database.engine.connect() as connection:
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "200ms"  # SET LOCAL: no leak
    finally:
        database.close()
