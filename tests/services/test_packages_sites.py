"""A site's keys and case references over time (issue 17): the reference floor across a restore,
our own key rotated (`site rekey`) and a partner's key replaced (`site replace-key`).

Real SQLite rosters under tmp_path, real backups and restores, real packages signed and sealed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services import backups, packages, persons
from desktop_app.storage.db import Database, open_database


@pytest.fixture
def cairo(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "cairo.db")
    packages.init_site(db, "Cairo", operator="cai.officer", prefix="CAI")
    yield db
    db.close()


def test_a_restore_never_hands_out_a_prefixed_reference_again(tmp_path: Path, cairo: Database) -> None:
    for n in range(3):
        persons.create_person(cairo, {"surname": f"Before {n}"}, operator="t")
    (tmp_path / "backups").mkdir()
    taken = backups.backup_now(cairo, tmp_path / "backups", operator="t")
    handed_out = [persons.create_person(cairo, {"surname": f"After {n}"}, operator="t").case_ref for n in range(2)]
    assert handed_out == ["MR-CAI-000004", "MR-CAI-000005"]  # told to the family, sent to partners
    (tmp_path / "safety").mkdir()
    restored = backups.restore_backup(cairo, taken.path, operator="t", safety_folder=tmp_path / "safety").database
    try:
        new = persons.create_person(restored, {"surname": "Registered after the restore"}, operator="t")
        assert new.case_ref == "MR-CAI-000006"
    finally:
        restored.close()
