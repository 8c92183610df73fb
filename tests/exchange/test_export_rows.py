"""Persons + profile -> sheets: grouping, Latin names, partial dates, computed columns, end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.export_profile import ExportColumn, ExportProfile, builtin_profile
from desktop_app.domain.person import Relationship, Sex
from desktop_app.exchange.export_errors import ExportError
from desktop_app.exchange.export_rows import profile_sheets
from desktop_app.exchange.xlsx_writer import write_workbook

TODAY = dt.date(2023, 11, 1)


def _person(uuid: str, **fields: Any) -> dict[str, Any]:
    return {"uuid": uuid, **fields}


PERSONS = [
    _person("u1", surname="Иванов", given_names="Пётр", patronymic="Сергеевич", sex=Sex.MALE,
            birth_date=PartialDate(1980), citizenships=["RUS", "PSE"], document_number="0123456",
            household_id=10, household_ref="H-10", relationship=Relationship.HEAD, medical=True,
            list_name="Flight 1", seat="12A"),
    _person("u2", surname="Иванова", given_names="Анна", surname_latin="IVANOVA", given_names_latin="ANNA",
            sex=Sex.FEMALE, birth_date=PartialDate(1985, 3, 4), citizenships=["RUS"], household_id=10,
            household_ref="H-10", relationship=Relationship.SPOUSE, medical=False, list_name="Flight 1"),
    _person("u3", surname="Юлия", given_names="Щукина", sex="F", birth_date=PartialDate(2016, 6),
            list_name="Bus 2/A"),
]


def _profile(*keys: str, **settings: Any) -> ExportProfile:
    return ExportProfile(name="t", columns=tuple(ExportColumn.of(k) for k in keys), **settings)


def _rows(profile: ExportProfile, persons: list[dict[str, Any]] = PERSONS) -> list[list[list[Any]]]:
    return [list(sheet.rows) for sheet in profile_sheets(persons, profile, today=TODAY)]


def test_latin_upper_names_use_the_passport_form_or_icao_9303() -> None:
    (rows,) = _rows(_profile("surname", "given_names", "patronymic", "full_name", latin_upper_names=True))
    assert rows[0][:4] == ["IVANOV", "PETR", "SERGEEVICH", "IVANOV PETR SERGEEVICH"]
    assert rows[1][:2] == ["IVANOVA", "ANNA"]  # stored Latin wins
    assert rows[2][:2] == ["IULIIA", "SHCHUKINA"]  # ICAO 9303: Ю -> IU, Щ -> SHCH


def test_native_names_when_latin_is_not_asked() -> None:
    (rows,) = _rows(_profile("surname", "full_name", "full_name_latin"))
    assert rows[0][:3] == ["Иванов", "Иванов Пётр Сергеевич", "IVANOV PETR"]


def test_dates_year_only_as_text_month_year_by_format_and_age() -> None:
    (rows,) = _rows(_profile("birth_date", "age", date_format="DD.MM.YYYY"))
    assert [r[:2] for r in rows] == [["1980", 43], [dt.date(1985, 3, 4), 38], ["06.2016", 7]]
    (rows,) = _rows(_profile("birth_date", date_format="DD-MMM-YYYY"))
    assert rows[2][0] == "JUN-2016"


def test_values_in_the_profile_language_and_uuid_last() -> None:
    profile = _profile("sex", "medical", "citizenships", "nationality", "relationship", language="ru")
    (rows,) = _rows(profile)
    assert rows[0] == ["M", "да", "RUS, PSE", "RUS", "head", "u1"]
    assert rows[1][1] == "нет" and rows[2][1] is None  # unknown stays blank, not "no"
    (sheet,) = profile_sheets(PERSONS, profile, today=TODAY)
    assert sheet.columns[-1].hidden and sheet.footer_label == "Итого"


def test_household_grouping_sizes_and_order_check() -> None:
    profile = _profile("household_ref", "household_size", "surname", grouping="household")
    (rows,) = _rows(profile)
    assert [r[:2] for r in rows] == [["H-10", 2], ["H-10", 2], [None, 1]]
    split = [PERSONS[0], PERSONS[2], PERSONS[1]]
    with pytest.raises(ExportError, match="not together"):
        _rows(profile, split)


def test_list_grouping_one_sheet_per_list_with_safe_names() -> None:
    profile = _profile("row_number", "seat", grouping="list", title="Cairo")
    # Streamed: each sheet's rows are read before the next sheet is asked for, as the writer does.
    sheets = [(s.name, s.title, list(s.rows)) for s in profile_sheets(PERSONS, profile, today=TODAY)]
    assert sheets == [("Flight 1", "Cairo — Flight 1", [[1, "12A", "u1"], [2, None, "u2"]]),
                      ("Bus 2_A", "Cairo — Bus 2/A", [[1, None, "u3"]])]
    with pytest.raises(ExportError, match="order them by list"):
        for sheet in profile_sheets([PERSONS[0], PERSONS[2], PERSONS[1]], profile, today=TODAY):
            list(sheet.rows)


def test_empty_roster_still_gives_one_sheet(tmp_path: Path) -> None:
    result = write_workbook(tmp_path / "e.xlsx", profile_sheets([], builtin_profile("flight_manifest")))
    assert result.sheets == (("Manifest", 0),)


def test_border_authority_file_end_to_end(tmp_path: Path) -> None:
    result = write_workbook(tmp_path / "border.xlsx",
                            profile_sheets(PERSONS, builtin_profile("border_authority"), today=TODAY))
    ws = openpyxl.load_workbook(result.path)["Border list"]
    assert ws.sheet_view.rightToLeft and ws.freeze_panes == "A2"
    assert ws["A1"].value == "الرقم" and ws["G1"].value == "الجنس"
    assert [c.value for c in ws[2]] == [1, "IVANOV", "PETR", "0123456", "RUS", "1980", "M", "u1"]
    assert ws["F3"].value == dt.datetime(1985, 3, 4) and ws["F3"].number_format == "dd/mm/yyyy"
    assert ws.column_dimensions["H"].hidden
    assert [ws["A5"].value, ws["B5"].value] == ["المجموع", 3]


def test_default_profile_is_the_full_roster_with_uuid_shown(tmp_path: Path) -> None:
    (sheet,) = profile_sheets(PERSONS, today=TODAY)
    assert sheet.columns[0].label == "Record ID (UUID)" and not sheet.columns[0].hidden
    assert len(sheet.columns) > 30
