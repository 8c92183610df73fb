"""`mission-roster merge KEEP_REF OTHER_REF [OTHER_REF ...]`: copies of one registration merged in one act."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons
from desktop_app.storage.db import Database


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "--operator", "cli.officer", *args])


def _copies(db: Database, count: int) -> list[str]:
    """The case references of one registration entered `count` times alike."""
    return [persons.create_person(
        db, {"surname": "Haddad", "given_names": "Nour", "birth_date": "1988-09-30", "sex": "F"}, operator="t",
        documents=[DocumentData.create(DocumentType.PASSPORT, "A7001234", "LBN")]).case_ref for _ in range(count)]


def test_merge_of_several_takes_one_backup_and_is_undone_at_once(db_path: Path, db: Database,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    first, *others = _copies(db, 5)
    folder = db_path.parent / "backups"
    folder.mkdir()  # backups beside the roster

    assert _run(db_path, "merge", first, *others) == 0

    out = capsys.readouterr().out
    assert f"4 records ({', '.join(others)}) merged into {first}" in out
    assert len(list(folder.glob("*-before-merge*"))) == 1  # one backup for the act, not one per record
    assert {persons.find_person(db, ref).status for ref in others} == {"merged"}
    operation = out.split("operation ")[1].split(")")[0]
    assert _run(db_path, "merge", "--undo", operation) == 0
    assert {persons.find_person(db, ref).status for ref in [first, *others]} == {"registered"}


def test_a_wrong_reference_among_several_merges_none(db_path: Path, db: Database,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    first, *others = _copies(db, 3)
    assert _run(db_path, "merge", first, others[0], "MR-999999", others[1]) != 0
    assert "MR-999999" in capsys.readouterr().err
    assert {persons.find_person(db, ref).status for ref in others} == {"registered"}
    assert _run(db_path, "merge", first, others[0], others[0]) != 0
    assert "twice" in capsys.readouterr().err
    assert {persons.find_person(db, ref).status for ref in others} == {"registered"}
