"""Breaker X22c: `mission-roster merge` of several: the undo names every record restored, a refusal names references."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons
from desktop_app.storage.db import Database

OPERATOR = "x22c.officer"


def test_the_undo_of_a_merge_of_several_on_the_command_line_names_every_record_restored(
        db_path: Path, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    first, *others = (persons.create_person(
        db, {"surname": "Haddad", "given_names": "Nour", "birth_date": "1988-09-30", "sex": "F"}, operator=OPERATOR,
        documents=[DocumentData.create(DocumentType.PASSPORT, "A7001234", "LBN")]).case_ref for _ in range(4))
    assert main(["--db", str(db_path), "--operator", OPERATOR, "merge", first, *others]) == 0
    operation = capsys.readouterr().out.split("operation ")[1].split(")")[0]

    assert main(["--db", str(db_path), "--operator", OPERATOR, "merge", "--undo", operation]) == 0

    told = capsys.readouterr().out
    assert all(ref in told for ref in others), told
    assert "3 records" in told


def test_a_reference_named_twice_or_the_kept_one_among_the_others_is_told_by_its_reference(
        db_path: Path, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    """The officer typed case references; the refusal named the database's row ids ('merge: 2 names the same record
    twice'), numbers the officer never sees and that may be another record's."""
    keep, other = (persons.create_person(
        db, {"surname": "Haddad", "given_names": "Nour", "birth_date": "1988-09-30", "sex": "F"},
        operator=OPERATOR).case_ref for _ in range(2))

    assert main(["--db", str(db_path), "--operator", OPERATOR, "merge", keep, other, other]) != 0
    assert f"'{other}' names the same record twice" in capsys.readouterr().err
    assert main(["--db", str(db_path), "--operator", OPERATOR, "merge", keep, other, keep]) != 0
    assert f"'{keep}' needs two different persons" in capsys.readouterr().err
    assert {persons.find_person(db, ref).status for ref in (keep, other)} == {"registered"}
