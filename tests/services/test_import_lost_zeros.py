"""Issue 13, remainder 4: a volunteer's CSV opened in LibreOffice and saved again lost the leading
zeros of its phones and passports (0599112234 -> 599112234, 0123456 -> 123456). The import
preview names the column and its rows where the officer looks (the notes above the rows, the
command line's notes and --json), and flags each cell; the same list before the round trip is not
flagged. The file is really converted by `soffice --headless --convert-to csv`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services.importing import preview_import
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import Database
from tests.helpers.libreoffice import convert

VOLUNTEER_CSV = (
    "Surname,Given names,Born,Passport,Phone,Location\n"
    "Haddad,Leila,12.04.1979,0123456,0599112234,Gaza\n"
    "Sayed,Omar,03.05.1985,7654321,0598765432,Rafah\n"
    "Nasser,Huda,01.01.1990,0054321,+970 59 111 2233,Gaza\n"
    "Abbas,Rami,02.02.1992,1234567,0592223344,Khan Younis\n"
)


@pytest.fixture
def round_tripped(tmp_path: Path, soffice: list[str]) -> tuple[Path, Path]:
    """The volunteer's list as written, and as LibreOffice saved it again."""
    original = tmp_path / "volunteer.csv"
    original.write_text(VOLUNTEER_CSV, encoding="utf-8")
    produced = convert(soffice, original, "csv", tmp_path / "saved-by-calc")
    assert produced is not None, "LibreOffice made no CSV"
    assert "599112234" in produced.read_text(encoding="utf-8")
    assert "0599112234" not in produced.read_text(encoding="utf-8")  # the conversion really dropped them
    return original, produced


@pytest.fixture
def cairo(db: Database) -> Database:
    save_mission(db, MissionSettings("Cairo", "EGY"), operator="test.officer")
    return db


def test_the_preview_names_the_columns_and_rows_that_lost_their_zeros(cairo: Database,
                                                                      round_tripped: tuple[Path, Path]) -> None:
    _, saved = round_tripped
    preview = preview_import(cairo, saved)
    found = {(z.column, z.header): z.rows for z in preview.lost_zeros}
    assert found == {("D", "Passport"): (2, 4), ("E", "Phone"): (2, 3, 5)}
    notes = [str(note) for note in preview.notes]
    assert any(n.startswith("column D (Passport): 2 document numbers are shorter than the others (e.g. 123456)")
               and "(rows 2, 4)" in n for n in notes)
    assert any(n.startswith("column E (Phone): 3 phone numbers start without their 0 (e.g. 599112234)")
               and "(rows 2, 3, 5)" in n for n in notes)
    cells = {(p.row, p.column): p for row in preview.rows for p in row.problems if "leading zeros" in str(p)}
    assert set(cells) == {(2, "D"), (4, "D"), (2, "E"), (3, "E"), (5, "E")}
    assert not any(p.blocking for p in cells.values())
    assert cells[(2, "E")].value == "599112234"


def test_the_list_as_written_is_not_flagged(cairo: Database, round_tripped: tuple[Path, Path]) -> None:
    original, _ = round_tripped
    preview = preview_import(cairo, original)
    assert preview.lost_zeros == ()
    assert not any("leading zeros" in str(p) for row in preview.rows for p in row.problems)


def test_the_command_line_says_it_and_json_lists_the_rows(cairo: Database, round_tripped: tuple[Path, Path],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    _, saved = round_tripped
    path = str(cairo.target.path)
    assert main(["--db", path, "import", str(saved), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "note: column E (Phone): 3 phone numbers start without their 0" in out.out
    assert "row 2, column D (Passport): '123456' may have lost its leading zeros" in out.err
    assert main(["--db", path, "import", str(saved), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lost_leading_zeros"] == [
        {"column": "D", "header": "Passport", "field": "document_number", "rows": [2, 4]},
        {"column": "E", "header": "Phone", "field": "phone", "rows": [2, 3, 5]}]
