"""Reading real .xlsx, .xls and .ods files: cells as the sender sees them, and every refusal."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
import xlsxwriter

from desktop_app.exchange import readers
from desktop_app.exchange.errors import (
    CorruptFile,
    EmptySheet,
    FileTooLarge,
    NotASpreadsheet,
    PasswordRequired,
    SheetNotFound,
    UnsupportedFormat,
    WrongPassword,
)
from desktop_app.exchange.readers import FileFormat, MergedRange, column_letter, read_workbook

DATA = Path(__file__).parent.parent / "data"


def _load_fixture_builder():  # tests/data is not a package; load its builder by path
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


make_fixtures = _load_fixture_builder()


@pytest.fixture
def roster_xlsx(tmp_path: Path) -> Path:
    return make_fixtures.build_xlsx(tmp_path / "roster.xlsx")


def test_xlsx_keeps_types_leading_zeros_and_hidden_sheets(roster_xlsx: Path) -> None:
    book = read_workbook(roster_xlsx)
    assert book.format is FileFormat.XLSX
    assert [(s.name, s.hidden) for s in book.sheets] == [("Roster", False), ("Lists", True), ("Empty", False)]
    sheet = book.sheets[0]
    assert sheet.rows[2] == make_fixtures.HEADER
    assert sheet.cell(4, 5) == "0123456"  # 123456 formatted '0000000'
    assert sheet.cell(5, 5) == "0234567"  # typed as text
    assert sheet.cell(6, 5) == "7654321"
    assert sheet.cell(4, 4) == dt.date(1980, 2, 1)
    assert sheet.cell(5, 4) == "01.03.1982"  # text stays text, not guessed into a date
    assert sheet.cell(6, 4) == 1975 and type(sheet.cell(6, 4)) is int


def test_merged_cells_fill_their_range(roster_xlsx: Path) -> None:
    sheet = read_workbook(roster_xlsx).sheets[0]
    assert MergedRange(4, 1, 5, 1) in sheet.merged
    assert sheet.cell(4, 1) == sheet.cell(5, 1) == "C-1"
    assert sheet.rows[0] == ["Evacuation list — Cairo"] * 8


def test_rows_and_columns_are_as_the_sheet_shows_them(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["C3"] = "here"
    book.save(tmp_path / "offset.xlsx")
    sheet = read_workbook(tmp_path / "offset.xlsx").sheets[0]
    assert sheet.cell(3, 3) == "here"
    assert sheet.rows[2][2] == "here"
    assert sheet.cell(1, 1) is None


def test_a_table_away_from_a1_reads_as_calamine_gives_the_whole_sheet(tmp_path: Path) -> None:
    import python_calamine

    book = openpyxl.Workbook()
    book.active["C5"], book.active["E7"], book.active["D6"] = "here", "there", 5
    book.save(tmp_path / "offset.xlsx")
    whole = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "offset.xlsx")).get_sheet_by_index(0)
    expected = [[cell or None for cell in row] for row in whole.to_python(skip_empty_area=False)]
    rows = read_workbook(tmp_path / "offset.xlsx").sheets[0].rows
    assert rows == expected and len(rows) == 7 and rows[4][2] == "here" and rows[5][3] == 5


@pytest.mark.parametrize("name", ["roster.xls", "roster.ods", "roster_calc.xlsx"])
def test_libreoffice_files_read_with_cached_formula_values(name: str) -> None:
    book = read_workbook(DATA / name)
    assert book.format.value == ("xlsx" if name.endswith("xlsx") else name.rsplit(".", 1)[1])
    sheet = book.sheet()
    assert sheet.name == "Roster"
    assert sheet.rows[2] == make_fixtures.HEADER
    assert [sheet.cell(row, 8) for row in range(4, 8)] == [2, 2, 2, 2]  # =COUNTA(...), never the formula
    assert sheet.cell(4, 4) == dt.date(1980, 2, 1)
    assert sheet.cell(5, 5) == "0234567"
    assert sheet.cell(4, 2) == "Иванов" and sheet.cell(6, 7) == "فلسطين"
    assert [s.hidden for s in book.sheets] == [False, True, False]


def test_xlsx_from_libreoffice_keeps_zero_padded_numbers() -> None:
    sheet = read_workbook(DATA / "roster_calc.xlsx").sheets[0]
    assert sheet.cell(4, 5) == "0123456"


@pytest.mark.parametrize("name", ["roster.xls", "roster.ods"])
def test_libreoffice_files_keep_merged_ranges_as_xlsx_does(name: str) -> None:
    sheet = read_workbook(DATA / name).sheets[0]
    as_xlsx = read_workbook(DATA / "roster_calc.xlsx").sheets[0]
    assert sheet.merged == as_xlsx.merged == [MergedRange(1, 1, 1, 8), MergedRange(4, 1, 5, 1)]
    assert sheet.cell(5, 1) == "C-1"
    assert sheet.rows == as_xlsx.rows


def test_text_format_on_a_number_reads_as_text(tmp_path: Path) -> None:
    path = tmp_path / "text.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet()
        sheet.write_number(0, 0, 42, book.add_format({"num_format": "@"}))
        sheet.write_number(0, 1, 42.5)
        sheet.write_number(0, 2, 7, book.add_format({"num_format": "00000"}))
    assert read_workbook(path).sheets[0].rows[0] == ["42", 42.5, "00007"]


def test_control_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "controls.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet("S")
        sheet.write_string(1, 2, "Ива\x01нов\u200f")
        sheet.write_string(1, 3, "line one\nline two")
    sheet_data = read_workbook(path).sheets[0]
    assert sheet_data.cell(2, 3) == "Иванов"
    assert sheet_data.cell(2, 4) == "line one\nline two"
    assert [str(w) for w in sheet_data.warnings] == ["row 2, column C: removed 2 invisible control character(s)"]


def test_sheet_choice_and_empty_sheets(roster_xlsx: Path) -> None:
    book = read_workbook(roster_xlsx)
    assert book.sheet().name == "Roster"
    assert book.sheet("Lists").cell(2, 1) == "Flight 1"
    with pytest.raises(EmptySheet, match="sheet 'Empty': the sheet is empty"):
        book.sheet("Empty")
    with pytest.raises(SheetNotFound, match="no sheet 'Nope'"):
        book.sheet("Nope")


def test_a_workbook_of_empty_sheets_is_refused(tmp_path: Path) -> None:
    openpyxl.Workbook().save(tmp_path / "blank.xlsx")
    with pytest.raises(EmptySheet, match=r"blank\.xlsx, sheet 'Sheet'"):
        read_workbook(tmp_path / "blank.xlsx").sheet()


def test_html_saved_as_xls_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<!DOCTYPE html><html><body><table><tr><td>Ivanov</td></tr></table></body></html>")
    with pytest.raises(NotASpreadsheet, match=r"export\.xls: this is a web page \(HTML\)"):
        read_workbook(path)


def test_pdf_renamed_xls_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.xls"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    with pytest.raises(NotASpreadsheet, match="PDF"):
        read_workbook(path)


def test_binary_junk_and_empty_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "photo.xlsx"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(NotASpreadsheet, match="binary file"):
        read_workbook(junk)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(NotASpreadsheet, match="empty"):
        read_workbook(empty)


def test_word_document_in_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(NotASpreadsheet, match="not a spreadsheet"):
        read_workbook(path)


def test_xlsb_is_unsupported_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x00")
    with pytest.raises(UnsupportedFormat, match=r"save it as \.xlsx"):
        read_workbook(path)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_xlsx_is_corrupt(roster_xlsx: Path, tmp_path: Path, keep: float) -> None:
    data = roster_xlsx.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(CorruptFile, match=r"cut\.xlsx: the file is damaged or truncated"):
        read_workbook(path)


def test_truncated_xls_is_corrupt(tmp_path: Path) -> None:
    data = (DATA / "roster.xls").read_bytes()
    path = tmp_path / "cut.xls"
    path.write_bytes(data[:3000])
    with pytest.raises(CorruptFile, match=r"cut\.xls"):
        read_workbook(path)


def test_damaged_sheet_inside_a_valid_zip_is_corrupt(roster_xlsx: Path, tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(roster_xlsx) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    with pytest.raises(CorruptFile, match=r"damaged\.xlsx"):
        read_workbook(path)


@pytest.mark.parametrize(("name", "member"), [("roster_calc.xlsx", "xl/styles.xml"), ("roster.ods", "styles.xml")])
def test_styles_in_an_unknown_encoding_are_damage(tmp_path: Path, name: str, member: str) -> None:
    """Calamine reads no styles, so only our style scan meets the declaration (found by fuzzing the .ods scan)."""
    path = tmp_path / f"odd-{name}"
    with zipfile.ZipFile(DATA / name) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                data = data.replace(b'encoding="UTF-8"', b'encoding="UTF-x"', 1)
            target.writestr(info, data)
    with pytest.raises(CorruptFile, match="its styles cannot be read"):
        read_workbook(path)


def test_zip_bomb_is_refused_by_declared_size_before_inflating(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(readers.MAX_UNCOMPRESSED_BYTES // len(chunk) + 8):
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk
    with pytest.raises(FileTooLarge, match=r"bomb\.xlsx: the file unpacks to 520 MB; at most 512 MB"):
        read_workbook(path)


def test_a_sheet_of_a_million_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with xlsxwriter.Workbook(path, {"constant_memory": True}) as book:
        sheet = book.add_worksheet("Big")
        sheet.write_string(0, 0, "Surname")
        sheet.write_string(1_048_575, 0, "last")  # row 1,048,576: the last row Excel has
    with pytest.raises(FileTooLarge, match="sheet 'Big': the sheet has 1,048,576 rows; at most 200,000"):
        read_workbook(path)


def _encrypt(source: Path, target: Path, password: str) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, target.open("wb") as out:
        OOXMLFile(plain).encrypt(password, out)
    return target


def test_password_protected_workbook(roster_xlsx: Path, tmp_path: Path) -> None:
    locked = _encrypt(roster_xlsx, tmp_path / "locked.xlsx", "Rafah-2023")
    with pytest.raises(PasswordRequired, match=r"locked\.xlsx: the workbook is protected by a password"):
        read_workbook(locked)
    with pytest.raises(WrongPassword, match="does not open"):
        read_workbook(locked, password="wrong")
    book = read_workbook(locked, password="Rafah-2023")
    assert book.format is FileFormat.XLSX
    assert book.sheets[0].cell(4, 5) == "0123456"


def test_encrypted_file_is_really_encrypted(roster_xlsx: Path, tmp_path: Path) -> None:
    locked = _encrypt(roster_xlsx, tmp_path / "locked.xlsx", "pw")
    assert msoffcrypto.OfficeFile(io.BytesIO(locked.read_bytes())).is_encrypted()


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_default_sheet_skips_hidden_and_empty_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Blank"
    hidden = book.create_sheet("Old list")
    hidden["A1"] = "Surname"
    hidden.sheet_state = "hidden"
    book.create_sheet("Current")["A1"] = "Surname"
    book.save(tmp_path / "three.xlsx")
    assert read_workbook(tmp_path / "three.xlsx").sheet().name == "Current"
