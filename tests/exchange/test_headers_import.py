"""Finding the header row under title rows, mapping headers in four languages, splitting full names."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.export_profile import EXPORT_COLUMNS
from desktop_app.domain.person import PERSON_FIELDS
from desktop_app.exchange.errors import EmptySheet, NoDataRows
from desktop_app.exchange.headers import (
    IMPORT_TARGETS,
    SYNONYMS,
    NameParts,
    find_header_row,
    locate_table,
    match_header,
    normalize_header,
    split_full_name,
    suggest_mapping,
)
from desktop_app.exchange.readers import SheetData, read_workbook

DATA = Path(__file__).parent.parent / "data"


def test_every_synonym_names_a_known_target_and_every_person_field_is_a_target() -> None:
    assert set(SYNONYMS) <= set(IMPORT_TARGETS)
    assert {spec.key for spec in PERSON_FIELDS} <= set(IMPORT_TARGETS)


@pytest.mark.parametrize(("header", "key"), [
    ("Surname", "surname"), ("SURNAME:", "surname"), ("Фамилия", "surname"), ("Nom", "surname"),
    ("اسم العائلة", "surname"), ("Date of birth", "birth_date"), ("D.O.B", "birth_date"), ("DOB", "birth_date"),
    ("Дата рождения", "birth_date"), ("Date de naissance", "birth_date"), ("تاريخ الميلاد", "birth_date"),
    ("Passport No.", "document_number"), ("№ паспорта", "document_number"), ("N° de passeport", "document_number"),
    ("رقم جواز السفر", "document_number"), ("Case No", "case_ref"), ("Prénom", "given_names"),
    ("Отчество", "patronymic"), ("ФИО", "full_name"), ("Пол", "sex"), ("الجنس", "sex"),
    ("Nationalité", "citizenships"), ("Гражданство", "citizenships"), ("Tel.", "phone"),
    ("Телефон (WhatsApp)", "phone"), ("Surname (Latin)", "surname_latin"), ("Фамилия латиницей", "surname_latin"),
    ("Date of birth (dd.mm.yyyy)", "birth_date"), ("Valid until", "document_expiry_date"),
])
def test_headers_in_four_languages(header: str, key: str) -> None:
    found = match_header(header)
    assert found is not None and found[0] == key


def test_unknown_headers_match_nothing() -> None:
    assert match_header("Favourite colour") is None
    assert match_header("") is None


def test_our_own_export_headers_read_back() -> None:
    for key, info in EXPORT_COLUMNS.items():
        if key in {"row_number", "age", "household_size", "list_name", "answer", "approved_until", "flight", "seat"}:
            continue
        for label in (info.en, info.ru, info.fr, info.ar):
            assert match_header(label) is not None, label


def test_normalize_header() -> None:
    assert normalize_header("  Passport No.: ") == "passport no"
    assert normalize_header("№ Паспорта") == "no паспорта"
    assert normalize_header("Prénoms") == "prenoms"


def test_mapping_gives_each_target_one_column() -> None:
    mapping = suggest_mapping(["No.", "Surname", "Given names", "Surname", "D.O.B", None, 42, "Passport"])
    assert mapping == {1: "surname", 2: "given_names", 4: "birth_date", 7: "document_number"}


def test_bare_name_column_is_the_full_name_when_no_surname_column() -> None:
    assert suggest_mapping(["Name", "DOB"]) == {0: "full_name", 1: "birth_date"}
    assert suggest_mapping(["Surname", "Name"]) == {0: "surname", 1: "given_names"}


def test_header_row_below_title_rows() -> None:
    rows = [["Evacuation list — Cairo"] * 5, [None] * 5, ["Rafah crossing, 2 November 2023"] + [None] * 4,
            ["No.", "Фамилия", "Имя", "Дата рождения", "№ паспорта"], [1, "Иванов", "Иван", "01.02.1980", "0123"]]
    assert find_header_row(rows) == 4


def test_header_row_falls_back_to_first_text_row() -> None:
    rows = [[None, None], ["Colour", "Shape"], ["red", "round"]]
    assert find_header_row(rows) == 2
    with pytest.raises(EmptySheet):
        find_header_row([[None]])


@pytest.mark.parametrize("name", ["roster.xls", "roster.ods", "roster_calc.xlsx"])
def test_locate_table_in_real_files(name: str) -> None:
    layout = locate_table(read_workbook(DATA / name).sheet())
    assert layout.header_row == 3
    assert layout.first_data_row == 4
    assert len(layout.data_rows) == 4
    assert layout.mapping == {0: "case_ref", 1: "surname", 2: "given_names", 3: "birth_date",
                              4: "document_number", 5: "sex", 6: "citizenships"}


def test_user_can_pick_another_header_row() -> None:
    sheet = SheetData("S", False, [["Title", None], ["Surname", "DOB"], ["Ivanov", "1980"]])
    assert locate_table(sheet, header_row=1).data_rows == [["Surname", "DOB"], ["Ivanov", "1980"]]


def test_sheet_of_only_headers_is_refused() -> None:
    sheet = SheetData("Roster", False, [["Title", None], ["Surname", "DOB"], [None, None]])
    with pytest.raises(NoDataRows, match="sheet 'Roster', row 2: the sheet has a header in row 2 and no rows"):
        locate_table(sheet)


def test_empty_sheet_is_refused() -> None:
    with pytest.raises(EmptySheet, match="sheet 'Blank'"):
        locate_table(SheetData("Blank", False, [[None, None]]))


@pytest.mark.parametrize(("text", "parts"), [
    ("Иванов Иван Иванович", NameParts("Иванов", "Иван", "Иванович")),
    ("  Иванова   Мария  Петровна ", NameParts("Иванова", "Мария", "Петровна")),
    ("Иван Иванович Иванов", NameParts("Иванов", "Иван", "Иванович")),
    ("Иванов Иван", NameParts("Иванов", "Иван")),
    ("Алиев Рашид Ахмед оглы", NameParts("Алиев", "Рашид", "Ахмед оглы")),
    ("IVANOV Ivan", NameParts("IVANOV", "Ivan")),
    ("Ivan IVANOV", NameParts("IVANOV", "Ivan")),
    ("IVANOV IVAN PETROVICH", NameParts("IVANOV", "IVAN", "PETROVICH")),
    ("IVANOV, IVAN", NameParts("IVANOV", "IVAN")),
    ("Smith, John Paul", NameParts("Smith", "John Paul")),
    ("Haddad Omar", NameParts("Haddad", "Omar")),
    ("محمد أحمد عبد الله الخطيب", NameParts("الخطيب", "محمد", "أحمد عبد الله")),
    ("فاطمة حداد", NameParts("حداد", "فاطمة")),
    ("Petrov", NameParts("Petrov", "")),
    ("", NameParts("", "")),
])
def test_split_full_name(text: str, parts: NameParts) -> None:
    assert split_full_name(text) == parts
