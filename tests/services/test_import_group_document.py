"""Import preview (issue 14): a number many rows carry (a group's travel document, a family's passport)
does not make every row after the first a possible duplicate of the first; the name and birth date do.

The preview weighs a number the file gives several rows as the matching weighs one a partner's answer
gives several (`Model.with_answer_numbers`, session 11): against the roster and within the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.person import DocumentData
from desktop_app.services import importing, persons
from desktop_app.services.importing import Outcome
from desktop_app.storage.db import Database, open_database
from tests.services.import_support import write_xlsx

OPERATOR = "volunteer.desk"
GROUP = "G7654321"
HEADERS = ["Surname", "Given names", "DOB", "Passport"]
# Fourteen pilgrims on one group travel document (more than GROUP_DOCUMENT_HOLDERS), a family of four on
# the father's passport, and one pilgrim listed twice (in Cyrillic the second time).
GIVEN = ["Omar", "Ali", "Hassan", "Yusuf", "Mona", "Huda", "Samir", "Layla", "Karim", "Nour", "Rami",
         "Salma", "Tarek", "Ziad"]
ROWS = [
    *[[f"Group{i}", given, f"{10 + i:02d}.03.{1950 + i}", GROUP] for i, given in enumerate(GIVEN)],
    ["Haddad", "Khaled", "01.02.1970", "P5550001"],
    ["Haddad", "Mona", "11.05.1975", "P5550001"],
    ["Haddad", "Sami", "07.09.2005", "P5550001"],
    ["Haddad", "Rania", "23.12.2008", "P5550001"],
    ["Хасанов", "Юлия", "05.05.1960", GROUP],
    ["Khasanov", "Yulia", "05.05.1960", GROUP],  # the same pilgrim again
]


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "group.xlsx", [HEADERS, *ROWS])


def test_a_shared_number_alone_makes_no_duplicate_within_the_file(db: Database, sheet: Path) -> None:
    preview = importing.preview_import(db, sheet)
    outcomes = {row.row: row.outcome for row in preview.rows}
    last = len(ROWS) + 1
    assert [n for n, outcome in outcomes.items() if outcome is Outcome.DUPLICATE] == [last]
    twice = preview.rows[-1]
    assert [c.case_ref for c in twice.candidates] == [f"row {last - 1}"]
    assert f"same document {GROUP}" in twice.details
    result = importing.commit_import(db, preview, operator=OPERATOR)
    assert result.created == len(ROWS) - 1


def test_a_familys_passport_does_not_match_every_member_to_the_registered_head(db: Database, sheet: Path) -> None:
    head = persons.create_person(db, {"surname": "Haddad", "given_names": "Khaled", "birth_date": "1970-02-01"},
                                 operator=OPERATOR, documents=[DocumentData.create("passport", "P5550001")])
    preview = importing.preview_import(db, sheet)
    by_name = {row.data.fields["given_names"]: row for row in preview.rows if row.data.fields["surname"] == "Haddad"}
    assert by_name["Khaled"].outcome is Outcome.DUPLICATE
    assert by_name["Khaled"].candidates[0].person_id == head.id
    for given in ("Mona", "Sami", "Rania"):
        assert by_name[given].outcome is Outcome.NEW, given


def test_the_command_line_lists_only_the_real_duplicate(tmp_path: Path, sheet: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "cli.db"
    open_database(db_path).close()
    code = main(["--db", str(db_path), "--operator", OPERATOR, "import", str(sheet), "--dry-run", "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert [d["row"] for d in summary["duplicate_rows"]] == [len(ROWS) + 1]
    assert summary["created"] == len(ROWS) - 1
