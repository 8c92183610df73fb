"""Breaker X22c: `mission-roster merge --undo N` of a merge of several names every record it restored."""

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
