"""The import preview on real files: where the table is, how columns map, how values read, how rows classify."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.person import DocumentData
from desktop_app.exchange import readers
from desktop_app.services import importing, persons
from desktop_app.services.importing import Outcome
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import Database
from tests.helpers.libreoffice import convert
from tests.services.import_support import content, write_xlsx

OPERATOR = "test.officer"

HEADERS = {
    "en": ["Surname", "Given names", "Date of birth", "Passport No.", "Sex", "Citizenship", "Phone"],
    "ru": ["Фамилия", "Имя", "Дата рождения", "№ паспорта", "Пол", "Гражданство", "Телефон"],
    "fr": ["Nom", "Prénoms", "Date de naissance", "N° de passeport", "Sexe", "Nationalité", "Téléphone"],
    "ar": ["اسم العائلة", "الاسم الأول", "تاريخ الميلاد", "رقم جواز السفر", "الجنس", "الجنسية", "الهاتف"],
}
TARGETS = ["surname", "given_names", "birth_date", "document_number", "sex", "citizenships", "phone"]


@pytest.fixture
def egypt(db: Database) -> Database:
    save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
    return db


@pytest.mark.parametrize("language", list(HEADERS))
def test_headers_in_four_languages_below_title_rows(egypt: Database, tmp_path: Path, language: str) -> None:
    path = write_xlsx(tmp_path / f"{language}.xlsx", [
        ["Evacuation list — Rafah"], [], HEADERS[language],
        ["Иванов", "Иван", dt.date(1980, 2, 1), "0123456", "М", "Россия", "01001234567"],
        ["Haddad", "Omar", "13/02/1975", 7654321, "ذكر", "فلسطين", "+970599123456"],
    ], formats={"D5": "0000000"})
    preview = importing.preview_import(egypt, path)
    assert preview.header_row == 3
    assert [preview.mapping[i] for i in range(7)] == TARGETS
    first, second = preview.rows
    assert (first.row, second.row) == (4, 5)  # as the spreadsheet shows them
    assert first.outcome is second.outcome is Outcome.NEW
    assert first.data.fields | {} == {
        "surname": "Иванов", "given_names": "Иван", "birth_date": "1980-02-01", "sex": "M", "citizenships": "RUS",
        "surname_latin": "IVANOV", "given_names_latin": "IVAN"}
    assert first.data.derived == {"surname_latin", "given_names_latin"}
    assert first.data.documents[0].number == "0123456"  # text keeps its zero
    assert second.data.documents[0].number == "7654321"
    assert first.data.phones == ("+201001234567",)  # the mission's country for a local number
    assert second.data.fields["citizenships"] == "PSE" and second.data.fields["sex"] == "M"


def test_zero_padded_numbers_keep_their_zeros(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "zeros.xlsx", [["Surname", "Passport"], ["Petrov", 123456]], formats={"B2": "0000000"})
    assert importing.preview_import(db, path).rows[0].data.documents[0].number == "0123456"


def test_dates_in_every_form(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "dates.xlsx", [
        ["Surname", "DOB"],
        ["A", dt.date(1980, 2, 1)], ["B", "01.02.1980"], ["C", "1980-02-01"], ["D", "1 February 1980"],
        ["E", "1 февраля 1980"], ["F", 29252], ["G", 1980], ["H", "Feb 1980"], ["I", "13/02/1980"],
    ])
    read = [row.data.fields.get("birth_date") for row in importing.preview_import(db, path).rows]
    assert read == ["1980-02-01"] * 6 + ["1980", "1980-02", "1980-02-13"]


def test_ambiguous_dates_are_never_guessed(db: Database, tmp_path: Path) -> None:
    only_ambiguous = write_xlsx(tmp_path / "a.xlsx", [["Surname", "DOB"], ["A", "01/02/1980"], ["B", "03/04/1981"]])
    preview = importing.preview_import(db, only_ambiguous)
    assert [r.outcome for r in preview.rows] == [Outcome.REJECTED] * 2
    problem = preview.rows[0].problems[0]
    assert (problem.row, problem.column, problem.header, problem.value) == (2, "B", "DOB", "01/02/1980")
    assert "choose the order" in problem.message
    chosen = importing.preview_import(db, only_ambiguous, date_order="MDY")
    assert [r.data.fields["birth_date"] for r in chosen.rows] == ["1980-01-02", "1981-03-04"]

    mostly_dmy = write_xlsx(tmp_path / "b.xlsx", [["Surname", "DOB"], ["A", "01/02/1980"], ["B", "25/12/1979"]])
    suggested = importing.preview_import(db, mostly_dmy)
    assert suggested.date_order == "DMY"
    flagged = suggested.rows[0]
    assert flagged.outcome is Outcome.NEW and flagged.data.fields["birth_date"] == "1980-02-01"
    assert [p.blocking for p in flagged.problems] == [False] and "DMY" in flagged.problems[0].message


def test_rejected_rows_name_sheet_row_column_and_value(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", [
        ["Surname", "DOB", "Sex", "Citizenship", "E-mail"],
        ["Ok", "1980", "F", "RUS", "ok@example.org"],
        ["Bad", "31.02.1980", "?", "Narnia", "not-an-email"],
        [None, "1990", None, None, None],
    ], title="Hotline")
    preview = importing.preview_import(db, path)
    assert [r.outcome for r in preview.rows] == [Outcome.NEW, Outcome.REJECTED, Outcome.REJECTED]
    assert {(p.row, p.column, p.value) for p in preview.rows[1].problems} == {
        (3, "B", "31.02.1980"), (3, "C", "?"), (3, "D", "Narnia"), (3, "E", "not-an-email")}
    assert "no name" in preview.rows[2].details
    assert preview.sheet == "Hotline"


def test_full_name_column_is_split_and_cyrillic_gets_icao_latin(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "fio.xlsx", [["ФИО", "Д.Р."], ["Щербакова Юлия Сергеевна", "1990"]])
    fields = importing.preview_import(db, path).rows[0].data.fields
    assert (fields["surname"], fields["given_names"], fields["patronymic"]) == ("Щербакова", "Юлия", "Сергеевна")
    assert (fields["surname_latin"], fields["given_names_latin"]) == ("SHCHERBAKOVA", "IULIIA")


def test_updates_show_changes_and_blank_cells_never_overwrite(db: Database, tmp_path: Path) -> None:
    known = persons.create_person(db, {"case_ref": "C-1", "surname": "Иванов", "given_names": "Иван",
                                       "email": "ivan@example.org", "locality": "Gaza"}, operator=OPERATOR)
    path = write_xlsx(tmp_path / "upd.xlsx", [
        ["Case No", "Surname", "Given names", "E-mail", "Locality"],
        ["C-1", "Иванов", "Иван", None, "Rafah"],
        ["C-1x", "Petrov", None, None, None],
        [None, "Иванов", "Иван", None, None],
    ])
    before = content(db)
    preview = importing.preview_import(db, path)
    assert content(db) == before  # a preview writes nothing
    update = preview.rows[0]
    assert update.outcome is Outcome.UPDATE and update.person_id == known.id
    assert [(c.field, c.old, c.new) for c in update.changes] == [("locality", "Gaza", "Rafah")]
    assert preview.rows[1].outcome is Outcome.NEW
    assert preview.rows[2].outcome is Outcome.DUPLICATE
    assert preview.rows[2].candidates[0].case_ref == "C-1"


def test_duplicates_show_candidates_and_why(db: Database, tmp_path: Path) -> None:
    persons.create_person(db, {"surname": "Haddad", "given_names": "Omar", "birth_date": "1975-02-13"},
                          operator=OPERATOR, documents=[DocumentData.create("passport", "P1234567")])
    path = write_xlsx(tmp_path / "dup.xlsx", [
        ["Surname", "Given names", "DOB", "Passport"],
        ["HADDAD", "OMAR", "13.02.1975", "P1234567"],
        ["Someone", "Else", "01.01.1990", "X999"],
        ["Other", "Person", "02.02.1991", "X999"],  # on Someone's document: no duplicate by the number alone
        ["SOMEONE", "Else", "01.01.1990", "X999"],  # Someone again (issue 14: the name and birth date too)
    ])
    rows = importing.preview_import(db, path).rows
    assert rows[0].outcome is Outcome.DUPLICATE
    assert rows[0].candidates[0].score > 0.9 and any("document" in r for r in rows[0].candidates[0].reasons)
    assert rows[1].outcome is Outcome.NEW
    assert rows[2].outcome is Outcome.NEW
    assert rows[3].outcome is Outcome.DUPLICATE and rows[3].candidates[0].case_ref == "row 3"


def test_status_column_moves_only_along_legal_transitions(db: Database, tmp_path: Path) -> None:
    persons.create_person(db, {"case_ref": "C-1", "surname": "A"}, operator=OPERATOR)
    persons.create_person(db, {"case_ref": "C-2", "surname": "B"}, operator=OPERATOR)
    path = write_xlsx(tmp_path / "st.xlsx", [
        ["Case No", "Status", "Surname"], ["C-1", "verified", "A"], ["C-2", "crossed", "B"], [None, "approved", "New"],
        [None, "merged", "M"]])
    rows = importing.preview_import(db, path).rows
    assert rows[0].outcome is Outcome.UPDATE
    assert rows[1].outcome is Outcome.REJECTED and "cannot change from 'registered' to 'crossed'" in rows[1].details
    assert rows[2].outcome is Outcome.NEW and rows[2].data.status == "approved"
    assert rows[3].outcome is Outcome.REJECTED


def test_mapping_overrides_and_profiles(db: Database, tmp_path: Path) -> None:
    headers = ["Nom", "Prénom", "Naissance", "Obs."]
    path = write_xlsx(tmp_path / "mfa.xlsx", [headers, ["Haddad", "Omar", "1975", "urgent"]])
    plain = importing.preview_import(db, path)
    assert 3 not in plain.mapping and plain.profile_name is None
    mapped = importing.preview_import(db, path, mapping_overrides={"Naissance": "birth_date", "Obs.": "notes",
                                                                    "Prénom": None})
    assert mapped.mapping == {0: "surname", 2: "birth_date", 3: "notes"}
    importing.save_mapping_profile(db, "Egyptian MFA", headers, mapped.mapping_by_header() | {"Prénom": ""},
                                   operator=OPERATOR)
    again = importing.preview_import(db, write_xlsx(tmp_path / "mfa2.xlsx", [headers, ["X", "Y", "1980", "z"]]))
    assert again.profile_name == "Egyptian MFA" and again.mapping == mapped.mapping
    assert [p.name for p in importing.list_mapping_profiles(db)] == ["Egyptian MFA"]
    importing.delete_mapping_profile(db, "Egyptian MFA", operator=OPERATOR)
    assert importing.preview_import(db, path).profile_name is None
    with pytest.raises(ValidationError, match="no roster field"):
        importing.preview_import(db, path, mapping_overrides={"Obs.": "shoe_size"})
    with pytest.raises(ValidationError, match="not a saved mapping profile"):
        importing.preview_import(db, path, profile_name="ICRC")
    with pytest.raises(ValidationError, match=r"profile name: .* is empty"):
        importing.save_mapping_profile(db, " ", headers, {}, operator=OPERATOR)


@pytest.mark.parametrize("fmt", ["xls", "ods", "csv"])
def test_libreoffice_formats_read_like_the_xlsx(db: Database, tmp_path: Path, soffice: list[str], fmt: str) -> None:
    source = write_xlsx(tmp_path / "list.xlsx", [
        ["Список"], ["Фамилия", "Имя", "Дата рождения", "№ паспорта"],
        ["Иванов", "Иван", dt.date(1980, 2, 1), "0123456"], ["Петрова", "Анна", "1985", "0007654"]])
    target = "csv:Text - txt - csv (StarCalc):59,34,76,1" if fmt == "csv" else fmt
    produced = convert(soffice, source, target, tmp_path / "out")
    assert produced is not None
    rows = importing.preview_import(db, produced).rows
    assert [r.data.fields["surname"] for r in rows] == ["Иванов", "Петрова"]
    assert [r.data.documents[0].number for r in rows] == ["0123456", "0007654"]
    assert [r.data.fields["birth_date"] for r in rows] == ["1980-02-01", "1985"]


def test_committed_fixtures_of_every_format(db: Database) -> None:
    data = Path(__file__).parent.parent / "data"
    for name in ("roster.xls", "roster.ods", "roster_calc.xlsx"):
        preview = importing.preview_import(db, data / name)
        assert preview.header_row == 3, name
        surnames = [r.data.fields.get("surname") for r in preview.rows]
        assert surnames == ["Иванов", "Иванова", "Haddad", "Petrov"], name
        assert preview.rows[1].data.documents[0].number == "0234567", name


def test_own_reject_report_imports_again_once_fixed(db: Database, tmp_path: Path) -> None:
    import openpyxl

    path = write_xlsx(tmp_path / "bad.xlsx", [["Surname", "DOB", "Passport"], ["Ok", "1980", "0001"],
                                              ["Bad", "31.02.1980", "0002"]])
    preview = importing.preview_import(db, path)
    report = tmp_path / "rejected.xlsx"
    importing.write_reject_report(preview, report)
    book = openpyxl.load_workbook(report)
    sheet = book.active
    assert [c.value for c in sheet[2]] == ["Surname", "DOB", "Passport", importing.REJECT_REASON_HEADER]
    assert sheet["A3"].value == "Bad" and sheet["C3"].value == "0002" and "row 3" in sheet["D3"].value
    sheet["B3"] = "28.02.1980"
    book.save(report)
    again = importing.preview_import(db, report)
    assert [r.outcome for r in again.rows] == [Outcome.NEW]
    assert again.rows[0].data.fields["birth_date"] == "1980-02-28"
    assert again.rows[0].data.documents[0].number == "0002"


def test_the_cycle_collector_is_paused_while_previewing_and_back_after(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "gc.xlsx", [["Surname"], ["A"], ["B"]])
    seen: list[bool] = []
    was_enabled = gc.isenabled()  # off once a test with a Qt application ran: it collects on its thread (ui.garbage)
    gc.enable()
    try:
        importing.preview_import(db, path, progress=lambda done, total: not seen.append(gc.isenabled()))
        assert seen and not any(seen) and gc.isenabled()
        with pytest.raises(importing.ImportCancelled):
            importing.preview_import(db, path, progress=lambda done, total: False)
        assert gc.isenabled()
        gc.disable()
        importing.preview_import(db, path)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable() if was_enabled else gc.disable()



def test_a_total_line_in_the_middle_leaves_the_progress_total_alone(db: Database, tmp_path: Path) -> None:
    """A list of two groups, each closed by its 'Итого' line: the progress kept getting the first total
    line's text as its row count after it (the same name held both), found by mypy."""
    groups = [[[f"Группа{g}-{n}"] for n in range(600)] + [[f"Итого: 600 человек{g}"]] for g in (1, 2)]
    path = write_xlsx(tmp_path / "groups.xlsx", [["Surname"], *groups[0], *groups[1]])
    seen: list[tuple[int, object]] = []
    preview = importing.preview_import(db, path, progress=lambda done, total: not seen.append((done, total)))
    assert [done for done, _ in seen][:2] == [0, 1000] and {total for _, total in seen} == {1202}
    assert [row.text for row in preview.skipped] == ["Итого: 600 человек1", "Итого: 600 человек2"]


def test_the_preview_lets_the_files_cells_go_as_it_reads_them(egypt: Database, tmp_path: Path) -> None:
    """A file the preview opened itself: its workbook is not kept, and a row's cells (here a column left
    out, which no converted value shares) go once the row is read; a rejected row keeps its cells."""
    rows: list[list[Any]] = [["Surname", "Given names", "Passport No.", "Notes kept nowhere"]]
    rows += [[f"Surname{i}", "Anna", f"P{i:07d}", f"left out {i}"] for i in range(1200)]
    rows[2] = ["", "", "", "left out 1"]  # no name: rejected
    path = write_xlsx(tmp_path / "cells.xlsx", rows)
    del rows  # the cells the test wrote are not the ones read
    alive: dict[int, tuple[int, bool]] = {}

    def progress(done: int, total: int) -> bool:
        lists = [o for o in gc.get_objects() if type(o) is list and o and type(o[-1]) is str and o[-1] == "left out 3"]
        alive[done] = (len(lists), any(isinstance(o, readers.SheetData) for o in gc.get_objects()))
        return True

    preview = importing.preview_import(egypt, path, progress=progress)
    assert alive == {0: (1, False), 1000: (0, False), 1200: (0, False)}
    rejected, = preview.rejected
    assert rejected.row == 3 and rejected.cells == (None, None, None, "left out 1")
    # what every row holds is held compactly: one frozenset of derived names for all, documents with slots
    assert len({id(row.data.derived) for row in preview.rows}) == 1
    assert not hasattr(preview.rows[0].data.documents[0], "__dict__")
    assert importing.open_import_file(path).sheet(None).rows[4][3] == "left out 3"  # the cells the test looks for
