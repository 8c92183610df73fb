"""The officers load test: its count finds an edit overwritten unseen and a change that is missing, and a short
run of real officer processes on a roster file leaves every acknowledged change in place."""

from __future__ import annotations

from pathlib import Path

from bench.officers_bench import ACTIONS, OfficerLog, count_changes, run
from desktop_app.domain.status import Status
from desktop_app.services import persons, status
from desktop_app.storage.db import Database


def test_the_count_finds_an_overwrite_nobody_saw_and_a_missing_change(db: Database, db_path: Path) -> None:
    person = persons.create_person(db, {"surname": "Petrova", "birth_date": "1980"}, operator="setup")
    first, second = OfficerLog(1), OfficerLog(2)
    seen = persons.get_person(db, person.id)
    persons.update_person(db, person.id, {"notes": "o1-1"}, operator="officer-1", expected_version=seen.version)
    first.edits.append((person.id, seen.notes, "o1-1"))
    # The second officer read the same notes but wrote without the version check: o1-1 is lost unseen.
    persons.update_person(db, person.id, {"notes": "o2-1"}, operator="officer-2")
    second.edits.append((person.id, seen.notes, "o2-1"))
    status.change_status(db, person.id, Status.VERIFIED, operator="officer-1", reason="o1-2")
    first.statuses.append("o1-2")
    second.statuses.append("o2-2")  # acknowledged, but not in the history
    second.imported.append("Impo2-3x0")  # acknowledged, but not on the roster

    audit = count_changes(str(db_path), [first, second])

    assert audit.acknowledged == 5
    assert audit.present == 2  # o2-1 (the notes now) and o1-2
    assert audit.overwritten_unseen == 1


def test_a_short_run_keeps_every_acknowledged_change(db: Database, db_path: Path, tmp_path: Path) -> None:
    for number in range(40):
        persons.create_person(db, {"surname": f"Surname{number:02d}", "given_names": "Anna", "birth_date": "1980"},
                              operator="setup")
    db.close()
    logs, wall = run(str(db_path), 2, 3.0, tmp_path)
    assert sorted(log.officer for log in logs) == [1, 2] and wall >= 3.0
    done = {action: sum(len(log.seconds.get(action, [])) for log in logs) for action in ACTIONS}
    assert done["search"] > 0 and done["open"] > 0
    assert not [message for log in logs for messages in log.failed.values() for message in messages]
    audit = count_changes(str(db_path), logs)
    assert audit.present == audit.acknowledged and audit.overwritten_unseen == 0


def test_two_officers_setting_one_status_at_once_count_what_was_written(db: Database, db_path: Path,
                                                                        tmp_path: Path) -> None:
    """Two persons, two officers: they often pick the same status for the same person at once. The second call finds
    it already set and writes nothing (no history entry); the officer counted it acknowledged and the count found it
    missing (the whole run's 620 acknowledged, 619 present, once). Failed before, in the first run of three."""
    for number in range(2):
        persons.create_person(db, {"surname": f"Surname{number}", "given_names": "Anna", "birth_date": "1980"},
                              operator="setup")
    db.close()
    logs, _ = run(str(db_path), 2, 3.0, tmp_path)
    assert not [message for log in logs for messages in log.failed.values() for message in messages]
    audit = count_changes(str(db_path), logs)
    assert audit.present == audit.acknowledged and audit.overwritten_unseen == 0
