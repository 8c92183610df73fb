"""Attacks on issue 13 item 6 (the import trusting the sheet), replayed after the fixes.

Total lines in the shapes volunteers write them must not become persons, a person whose surname
is Итого must not vanish as a total line, and a column filled by two writers (dots day first,
slashes month first) must read its slashed dates in the slashed writer's order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.services import importing
from desktop_app.services.importing import Outcome
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import Database
from tests.services.import_support import write_xlsx

OPERATOR = "volunteer.desk"
HEADERS = ["Фамилия", "Имя", "Дата рождения", "Телефон", "Гражданство", "Примечание"]


@pytest.fixture
def cairo(db: Database) -> Database:
    save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
    return db


def _preview(db: Database, tmp_path: Path, rows: list[list[object]]) -> importing.ImportPreview:
    return importing.preview_import(db, write_xlsx(tmp_path / "sheet.xlsx", [HEADERS, *rows]))


PERSON = ["Петров", "Пётр", "12.04.1979", "+7 916 123 45 68", "Россия", None]


@pytest.mark.parametrize("total", [
    ["Итого по списку: 11 человек"],
    ["Всего 11 человек, из них 4 ребёнка"],
    ["Итого:", "11 чел.", "из них детей: 4"],
    ["Итого", "взрослых 7", "детей 4"],
    ["Total", 11, 4, 3, 2],
    [None, None, None, None, None, 11],  # only the sum under the last column
    ["ВСЕГО:", None, None, None, None, 11],
    ["Total 11"],
])
def test_a_total_line_in_any_usual_shape_is_skipped_not_a_person(cairo: Database, tmp_path: Path,
                                                                  total: list[object]) -> None:
    preview = _preview(cairo, tmp_path, [PERSON, total])
    assert [row.row for row in preview.rows] == [2]
    assert [s.row for s in preview.skipped] == [3]
    assert any(w.startswith("row 3 skipped: a total line") for w in preview.warnings)


def test_a_person_called_itogo_is_never_taken_for_a_total_line(cairo: Database, tmp_path: Path) -> None:
    preview = _preview(cairo, tmp_path, [
        ["Итого", "Иван", "01.02.1980", "+7 916 123 45 67", "Россия", None],
        ["Итого", None, None, "0599112234", "Палестина", None],  # a surname and a Gaza phone, nothing else
        ["Всего", None, None, "+7 916 123 45 69", None, None],
    ])
    assert not preview.skipped
    assert [(row.row, row.outcome) for row in preview.rows] == [(2, Outcome.NEW), (3, Outcome.NEW), (4, Outcome.NEW)]
    assert preview.rows[1].data.phones == ("+970599112234",)


def test_slashed_dates_follow_the_slashed_writer_when_dots_outnumber_them(cairo: Database, tmp_path: Path) -> None:
    """Two volunteers filled one column: one writes 12.04.1979 (day first), the other 11/25/1990
    (month first). The dots outvote the slashes, but only the slashes say how '03/11/2008' was meant."""
    preview = _preview(cairo, tmp_path, [
        ["Кузнецов", "Иван", "13.05.1970", None, None, None],
        ["Кузнецова", "Анна", "14.06.1972", None, None, None],
        ["Петров", "Пётр", "12.04.1979", None, None, None],
        ["Смирнова", "Анна", "11/25/1990", None, None, None],
        ["Сидоров", "Олег", "03/11/2008", None, None, None],
    ])
    oleg = preview.rows[-1]
    assert oleg.outcome is Outcome.NEW
    assert oleg.data.fields["birth_date"] == "2008-03-11"
    assert any("read MDY (month first), as 11/25/1990 show" in w for w in preview.warnings)


def test_slashed_dates_that_disagree_among_themselves_are_not_settled_by_dots(cairo: Database,
                                                                              tmp_path: Path) -> None:
    preview = _preview(cairo, tmp_path, [
        ["Кузнецов", "Иван", "13.05.1970", None, None, None],
        ["Смирнова", "Анна", "11/25/1990", None, None, None],
        ["Орлова", "Анна", "25/11/1991", None, None, None],
        ["Сидоров", "Олег", "03/11/2008", None, None, None],
    ])
    oleg = preview.rows[-1]
    assert oleg.outcome is Outcome.REJECTED
    assert "could be day/month or month/day" in oleg.details


def test_an_eleven_year_old_spouse_in_a_sheet_is_flagged_not_taken_silently(cairo: Database, tmp_path: Path) -> None:
    """The Households page and the editor ask about an 11-year-old spouse; the import took one without a word."""
    path = write_xlsx(tmp_path / "family.xlsx", [
        ["Фамилия", "Имя", "Дата рождения", "Родство", "Семья"],
        ["Хадад", "Омар", "1980", "head", "H1"],
        ["Хадад", "Лейла", f"{dt.date.today().year - 11}-01-01", "spouse", "H1"],
        ["Хадад", "Сара", str(dt.date.today().year - 11), "child", "H1"],
    ])
    preview = importing.preview_import(cairo, path)
    leila, sara = preview.rows[1], preview.rows[2]
    assert leila.outcome is Outcome.NEW  # recorded as the sheet says, and said
    flags = [p for p in leila.problems if p.column == "D"]
    assert len(flags) == 1 and not flags[0].blocking
    assert "is unlikely at 11 years old (the birth date)" in str(flags[0])
    assert not sara.problems
