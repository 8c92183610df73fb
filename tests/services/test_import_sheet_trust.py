"""Issue 13 item 6: the import does not trust a volunteer's sheet too much.

A total line is no person; the same person twice in the file is not created twice unless the
officer says so; a Gaza number written without its code is read where it is valid; a column
that writes dates with dots settles '03/11/2008'; a column left out is named with a field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main as cli
from desktop_app.services import importing, persons, roster
from desktop_app.services.importing import Outcome
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import Database, open_database
from tests.services.import_support import write_xlsx

OPERATOR = "volunteer.desk"
HEADERS = ["ФИО", "Дата рождения", "Телефон", "Гражданство", "Город", "Место нахождения"]
SHEET = [
    ["Список эвакуируемых, Газа"],
    HEADERS,
    ["Иванова Мария Петровна", "12.04.1979", "+7 916 123 45 67", "Россия", "Газа", "школа БАПОР"],
    ["Аль-Масри Ахмед", "25.06.1990", "0599112234", "Россия", "Газа", "у родственников"],
    ["Аль-Масри Лейла Ахмедовна", "03/11/2008", "0599112235", "Россия, Палестина", "Газа", "у родственников"],
    ["Аль-Масри Лейла Ахмедовна", "03/11/2008", "0599112235", "Россия", "Газа", "у родственников"],
    ["Хасан Омар", "1985", "0963575027", "Сирия", "Каир", "гостиница"],
    ["Итого: 11 человек"],
    [None, "Всего:", 11],
]


@pytest.fixture
def cairo(db: Database) -> Database:
    save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
    return db


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "volunteer.xlsx", SHEET)


def _row(preview: importing.ImportPreview, number: int) -> importing.PreviewRow:
    return next(row for row in preview.rows if row.row == number)


def test_total_lines_are_skipped_and_listed_with_their_row(cairo: Database, sheet: Path) -> None:
    preview = importing.preview_import(cairo, sheet)
    assert [row.row for row in preview.rows] == [3, 4, 5, 6, 7]  # no person called 'Итого'
    assert [(s.row, s.text) for s in preview.skipped] == [(8, "Итого: 11 человек"), (9, "Всего: 11")]
    assert "row 8 skipped: a total line, not a person ('Итого: 11 человек')" in preview.warnings


def test_the_same_person_twice_in_the_file_is_one_person_unless_the_officer_says_so(cairo: Database,
                                                                                   sheet: Path) -> None:
    preview = importing.preview_import(cairo, sheet)
    first, second = _row(preview, 5), _row(preview, 6)
    assert first.outcome is Outcome.NEW
    assert second.outcome is Outcome.DUPLICATE
    assert "row 5" in second.details and "same name, birth date and phone" in second.details
    result = importing.commit_import(cairo, preview, operator=OPERATOR)
    assert result.created == 4
    leila = roster.search_ids(cairo, RosterQuery(text="Лейла"))
    assert len(leila) == 1 and persons.get_person(cairo, leila[0]).birth_date.iso() == "2008-11-03"  # type: ignore[union-attr]


def test_the_officer_may_create_both(cairo: Database, sheet: Path) -> None:
    preview = importing.preview_import(cairo, sheet)
    result = importing.commit_import(cairo, preview, operator=OPERATOR, accept_duplicates_as_new=True)
    assert result.created == 5


def test_a_gaza_number_without_its_code_is_read_where_it_is_valid(cairo: Database, sheet: Path) -> None:
    preview = importing.preview_import(cairo, sheet)
    ahmed = _row(preview, 4)
    assert ahmed.outcome is Outcome.NEW
    assert ahmed.data.phones == ("+970599112234",)  # Palestine: the person's location; not Egypt's
    assert not [p for p in ahmed.problems if p.column == "C"]  # one region fits: nothing to flag
    assert _row(preview, 3).data.phones == ("+79161234567",)


def test_a_number_valid_in_two_of_the_regions_is_flagged(cairo: Database, sheet: Path) -> None:
    omar = _row(importing.preview_import(cairo, sheet), 7)
    assert omar.outcome is Outcome.NEW  # kept, read in the mission's country, and flagged
    assert omar.data.phones == ("+20963575027",)
    doubts = [p for p in omar.problems if p.column == "C"]
    assert len(doubts) == 1 and not doubts[0].blocking
    assert "EG, SY" in doubts[0].message and "+963963575027" in doubts[0].message


def test_a_number_valid_in_none_of_the_regions_names_them(cairo: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", [HEADERS, ["Ли Анна", "1980", "0599", "Россия", "Газа", ""]])
    row = importing.preview_import(cairo, path).rows[0]
    assert row.outcome is Outcome.REJECTED
    assert "not a valid phone number in EG, PS, RU" in row.details


def test_a_column_of_dotted_dates_settles_the_order_of_a_slashed_one(cairo: Database, sheet: Path) -> None:
    preview = importing.preview_import(cairo, sheet)
    leila = _row(preview, 5)
    assert leila.outcome is Outcome.NEW  # not rejected as ambiguous
    assert leila.data.fields["birth_date"] == "2008-11-03"
    note = next(p for p in leila.problems if p.column == "B")
    assert not note.blocking and "the order the column's other dates settle" in note.message
    assert any("dates like 03/11/2008 read DMY (day first), as 12.04.1979, 25.06.1990" in w
               for w in preview.warnings)


def test_a_column_left_out_is_named_with_a_suggested_field(cairo: Database, sheet: Path) -> None:
    preview = importing.preview_import(cairo, sheet)
    assert [(c.column, c.header, c.suggested) for c in preview.unmapped] == [("F", "Место нахождения", None)]
    # the town took 'locality'; with the town left out the column's own field is offered
    unmapped = importing.preview_import(cairo, sheet, mapping_overrides={"Город": ""}).unmapped
    assert [(c.header, c.suggested) for c in unmapped] == [("Город", "locality"), ("Место нахождения", "locality")]


def test_the_command_line_tells_the_same(tmp_path: Path, sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "cli.db"
    database = open_database(db_path)
    save_mission(database, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
    database.close()
    code = cli(["--db", str(db_path), "--operator", OPERATOR, "import", str(sheet), "--map", "Город=region",
                "--dry-run", "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["skipped_rows"] == [{"row": 8, "text": "Итого: 11 человек"}, {"row": 9, "text": "Всего: 11"}]
    assert {"column": "F", "header": "Место нахождения", "suggested": "locality"} in summary["unmapped_columns"]
    assert [d["row"] for d in summary["duplicate_rows"]] == [6]
    assert summary["created"] == 4
