"""Find duplicates on a PostgreSQL roster searches beside the saves (found by breaker X21a on U6's c0a1a8f).

c0a1a8f moved the search onto the writer's worker wherever `backups.beside_saves` said no, meaning a roster
file keeping the rollback journal (a network share), where a long read keeps every save out. It said no for
every server roster too (it asked only a roster file's journal mode): on PostgreSQL, whose readers never hold a
writer up, the search (minutes at a million persons) queued behind the officer's saves and then held them all
back, in a dialog that blocks the window and told the officer the roster was on a network share.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.services import backups, persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database, open_database
from desktop_app.ui import operations
from desktop_app.ui.merge_dialog import DuplicatesDialog

pytest_plugins = ["tests.helpers.postgres"]

SEARCH_TIMEOUT_MS = 30_000


@pytest.fixture
def server_db(postgres_url: str) -> Iterator[Database]:
    database = open_database(postgres_url)
    yield database
    database.close()


def test_a_long_read_of_a_server_roster_runs_beside_its_saves(server_db: Database) -> None:
    assert backups.beside_saves(server_db)  # before: False, as for a roster file on a network share


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_find_duplicates_on_a_server_does_not_wait_for_a_save(qtbot: QtBot, server_db: Database) -> None:
    for _ in range(2):
        persons.create_person(server_db, {"surname_latin": "ABU SHANAB", "given_names_latin": "HUDA",
                                          "birth_date": "1984-02-11"}, operator="t")
    # A save of the officer's under way on the writer's worker (a colleague's lock it waits for, a large import)
    saving, saved = threading.Event(), threading.Event()

    def save() -> None:
        saving.set()
        saved.wait(SEARCH_TIMEOUT_MS / 1000 + 30)

    operations.write_pool().start(save)
    try:
        assert saving.wait(10)
        dialog = DuplicatesDialog(Workspace(server_db, "A. Petrova"))
        qtbot.addWidget(dialog)
        dialog.show()
        assert "network share" not in dialog.count_label.text()  # before: told the roster was on a share
        # Before: queued behind the save on the writer's worker, the search never started while it ran
        qtbot.waitUntil(lambda: dialog.loaded, timeout=SEARCH_TIMEOUT_MS)
        assert dialog.model.rowCount() == 1
        dialog.close()
    finally:
        saved.set()
    assert operations.write_pool().wait_for_done(30)
