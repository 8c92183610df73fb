"""The CSV writer (issue 19): RFC 4180 with CRLF records and a UTF-8 mark, line breaks and quotes
inside cells, formula-looking text made inert, phone-shaped and plain numbers kept as they are;
read back with the csv module and by LibreOffice."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from pathlib import Path

import openpyxl
import pytest

from desktop_app.domain.export_profile import ColumnKind
from desktop_app.exchange.csv_writer import csv_cell, write_csv_to
from desktop_app.exchange.export_errors import ExportCancelled, ExportError
from desktop_app.exchange.sheets import SheetColumn, SheetSpec

COLUMNS = [SheetColumn("Name", ColumnKind.TEXT), SheetColumn("Document", ColumnKind.IDENTIFIER),
           SheetColumn("Born", ColumnKind.DATE), SheetColumn("Note, \"quoted\"", ColumnKind.TEXT),
           SheetColumn("Hidden", ColumnKind.TEXT, hidden=True)]
ROWS = [
    ["Щербакова Мария", "0012345", dt.date(1980, 2, 1), 'two\nlines, "and" quotes', "kept"],
    ["أبو شنب أحمد", "+970 59 123 4567", None, "an old\r\nline end and a bare\rCR", 7],
    ['=HYPERLINK("http://evil.example","x")', "-5", dt.date(2001, 12, 31), "@SUM(1,1)", "\tTAB"],
    ["+cmd|' /C calc'!A0", "=1+1", None, "-1+2", "\rCR first"],
]


def _date(day: dt.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def _write(rows: list[list[object]], sheets: int = 1) -> bytes:
    stream = io.BytesIO()
    specs = [SheetSpec(name=f"S{i}", title="not written", columns=COLUMNS, rows=iter(rows)) for i in range(sheets)]
    write_csv_to(stream, specs, date_text=_date)
    return stream.getvalue()


EXPECTED = [
    ["Name", "Document", "Born", 'Note, "quoted"', "Hidden"],
    ["Щербакова Мария", "0012345", "01.02.1980", 'two\nlines, "and" quotes', "kept"],
    ["أبو شنب أحمد", "+970 59 123 4567", "", "an old\nline end and a bare\nCR", "7"],
    ["'=HYPERLINK(\"http://evil.example\",\"x\")", "-5", "31.12.2001", "'@SUM(1,1)", "'\tTAB"],
    ["'+cmd|' /C calc'!A0", "'=1+1", "", "'-1+2", "'\nCR first"],
]


def test_rfc_4180_with_a_utf8_mark_read_back_by_the_csv_module() -> None:
    data = _write(ROWS)
    assert data.startswith(b"\xef\xbb\xbfName,Document,Born,\"Note, \"\"quoted\"\"\",Hidden\r\n")
    assert b'"two\nlines, ""and"" quotes"' in data and b"\r\n" not in data.split(b"\r\n", 2)[1]
    assert data.endswith(b"\r\n") and b"\r" not in data.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == EXPECTED


def test_libreoffice_reads_every_cell_as_written_and_evaluates_nothing(tmp_path: Path, soffice: list[str]) -> None:
    source = tmp_path / "cells.csv"
    source.write_bytes(_write(ROWS))
    subprocess.run([*soffice, "--infilter=CSV:44,34,76,1,2/2", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path / "lo"), str(source)], capture_output=True, timeout=180, check=False)
    sheet = openpyxl.load_workbook(tmp_path / "lo" / "cells.xlsx").worksheets[0]
    cells = [[cell for cell in row] for row in sheet.iter_rows()]
    assert not [cell.coordinate for row in cells for cell in row if cell.data_type == "f"]
    shown = [["" if cell.value is None else str(cell.value) for cell in row] for row in cells]
    expected = [row[:] for row in EXPECTED]
    assert [row[:2] + row[3:] for row in shown] == [row[:2] + row[3:] for row in expected]


def test_cells_are_made_inert_only_when_a_spreadsheet_could_run_them() -> None:
    assert csv_cell("+970 59 123 4567", _date) == "+970 59 123 4567"  # a phone: a number at worst
    assert csv_cell("-12.5", _date) == "-12.5" and csv_cell("+1 (555) 010-0000", _date) == "+1 (555) 010-0000"
    assert csv_cell("-2+3+cmd|' /C calc'!A0", _date) == "'-2+3+cmd|' /C calc'!A0"
    assert csv_cell("@A1", _date) == "'@A1" and csv_cell("=A1", _date) == "'=A1"
    assert csv_cell("a\x00b", _date) == "ab" and csv_cell(None, _date) == "" and csv_cell(3, _date) == "3"
    assert csv_cell(dt.datetime(2026, 1, 2, 10, 0), _date) == "02.01.2026"


def test_a_second_sheet_is_refused_and_a_cancel_stops_it() -> None:
    with pytest.raises(ExportError, match="one table"):
        _write(ROWS, sheets=2)
    stream = io.BytesIO()
    with pytest.raises(ExportCancelled):
        write_csv_to(stream, [SheetSpec(name="S", title="", columns=COLUMNS, rows=iter(ROWS))], date_text=_date,
                     progress=lambda rows: False)
