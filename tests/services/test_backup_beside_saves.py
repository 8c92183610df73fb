"""The automatic backup runs beside the saves (session 18, U5): it is still one moment of the roster.

The window's automatic backup now reads the roster on a worker of its own while the officer's saves are
written. The copy is SQLite's online backup in one step, one read transaction in WAL mode: a save committed
while it runs is either wholly in the backup (the person's change and its audit entry) or wholly absent,
and the backup opens and its audit trail verifies.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.services import audit, backups, persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.backup import BackupInfo
from desktop_app.storage.db import open_database
from desktop_app.storage.models import AuditEntry, Person

PERSONS = 6_000  # the copy and its check take long enough for several saves meanwhile


@pytest.fixture(scope="module")
def built_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backup-beside-saves") / "roster.db"
    database = open_database(path)
    build_demo_roster(database, persons=PERSONS)
    database.close()
    return path


def test_a_save_committed_during_the_backup_is_wholly_in_it_or_wholly_absent(built_roster: Path,
                                                                                tmp_path: Path) -> None:
    path = tmp_path / "roster.db"
    shutil.copy(built_roster, path)
    folder = tmp_path / "backups"
    folder.mkdir()
    db = open_database(path)
    try:
        auto = backups.AutoBackup(db, folder, "t")
        assert backups.beside_saves(db)  # a roster on a local disk: WAL
        with db.reading() as session:
            person_ids = list(session.scalars(select(Person.id).order_by(Person.id)))
            head_before = session.scalar(select(func.max(AuditEntry.id)))
        taken: list[BackupInfo | None] = []
        backing_up = threading.Thread(target=lambda: taken.append(auto.run("at open")))
        backing_up.start()
        audit_head_after: list[int] = []  # the trail's last entry once each save is committed
        saved_while_backing_up = 0
        for number, person_id in enumerate(person_ids):
            if not backing_up.is_alive():
                break
            persons.update_person(db, person_id, {"notes": f"save {number}"}, operator="t")
            with db.reading() as session:
                audit_head_after.append(session.scalar(select(func.max(AuditEntry.id))) or 0)
            saved_while_backing_up += backing_up.is_alive()
        backing_up.join()
        assert saved_while_backing_up > 0  # saves were committed while the backup ran
        (info,) = taken
        assert info is not None
    finally:
        db.close()

    copy = tmp_path / "opened-backup.db"
    shutil.copy(info.path, copy)
    backup = open_database(copy, create=False)
    try:
        assert audit.verify_chain(backup).intact
        with backup.reading() as session:
            notes = dict(session.execute(select(Person.id, Person.notes).where(Person.id.in_(person_ids))).all())
            backup_head = session.scalar(select(func.max(AuditEntry.id)))
    finally:
        backup.close()
    saved = len(audit_head_after)
    in_backup = [number for number in range(saved) if notes[person_ids[number]] == f"save {number}"]
    # The saves the backup holds are the first ones, each with its audit entries and none past them:
    # the roster as it was between two saves.
    assert in_backup == list(range(len(in_backup)))
    assert backup_head == (audit_head_after[len(in_backup) - 1] if in_backup else head_before)

