"""The backup taken when the window opens a roster does not hold the officer's saves (session 18, U5).

It ran on the writer's single worker: at 100,000 persons a save made a second after the roster opened
waited for the whole copy and its check, and then for the full check of the roster file, also on the
writer's worker. Here, on a 20,000-person roster (a backup of about a second), a save made while the opening
backup runs is written while it still runs, the roster's full check waiting behind the backup on their own
worker, and the backup, once written, opens and its audit trail verifies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop_app.services import audit, persons
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry, Person
from desktop_app.ui import operations
from desktop_app.ui.operations import write_and_wait
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection.feature import Protection
from tests.ui.opening import shown_window

BACKUP_TIMEOUT_MS = 120_000


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_a_save_made_during_the_opening_backup_is_written_while_it_runs(qtbot: QtBot, big_db: Database,
                                                                         preferences: Preferences,
                                                                         tmp_path: Path) -> None:
    with big_db.reading() as session:
        person_id, person_uuid = session.execute(select(Person.id, Person.uuid).order_by(Person.id).limit(1)).one()
    main = shown_window(qtbot, big_db, preferences, ids_read=False)
    protection = main.feature(Protection)
    assert protection.auto_task is not None  # the backup at open is running

    write_and_wait(main, "Saving the person", lambda: persons.update_person(
        big_db, person_id, {"notes": "saved while the backup ran"}, operator="A. Petrova"))
    assert protection.auto_task is not None  # written without waiting for the backup (before: after it)
    # The full check of a roster this large waits behind the backup on their worker, not before the save.
    assert big_db.needs_full_check() and operations.background_read_pool().queued_count() == 1

    qtbot.waitUntil(lambda: protection.auto_task is None, timeout=BACKUP_TIMEOUT_MS)
    (backup_file,) = (tmp_path / "backups").glob("roster-backup-*.db")
    copy = tmp_path / "opened-backup.db"
    shutil.copy(backup_file, copy)
    backup = open_database(copy, create=False)
    try:
        assert audit.verify_chain(backup).intact
        with backup.reading() as session:
            note = session.get_one(Person, person_id).notes
            saves = session.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action == "update", AuditEntry.entity_key == person_uuid))
    finally:
        backup.close()
    # The save is wholly in the backup or wholly absent: its change with its audit entry, or neither.
    assert (note == "saved while the backup ran") == (saves == 1)
    main.close()
