"""Leading zeros and the text format survive in every format partners send: a number shown as 0123456
reads as '0123456', a number formatted as text as its digits.

The .xls and .ods files are made by LibreOffice from an .xlsx written here, as a partner's
office would save them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from desktop_app.exchange.readers import read_workbook
from tests.helpers.libreoffice import convert


def _padded_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Border list"
    sheet.append(["Surname", "Passport No.", "Count", "Born"])
    for surname, number, fmt in (("Ivanov", 123456, "0000000"), ("Petrov", 42, "0000000"),
                                 ("Orlov", 7654321, "General"), ("Haddad", 901, "@"),
                                 ("Kuznetsov", 123456789, "000000000"), ("Abbas", 1234.5, "#,##0.00")):
        sheet.append([surname, number, 3, dt.date(1980, 2, 1)])
        sheet.cell(row=sheet.max_row, column=2).number_format = fmt
    book.save(path)
    return path


@pytest.mark.parametrize("target", ["xlsx", "xls", "ods"])
def test_zero_padded_numbers_read_as_the_text_the_sender_sees(tmp_path: Path, soffice: list[str],
                                                              target: str) -> None:
    source = _padded_xlsx(tmp_path / "source.xlsx")
    if target == "xlsx":
        path = shutil.copy(source, tmp_path / "partner.xlsx")
    else:
        produced = convert(soffice, source, target, tmp_path / "out")
        assert produced is not None, f"LibreOffice made no .{target}"
        path = produced
    rows = read_workbook(path).sheet().rows
    # Text-formatted and zero-padded numbers read as text even with no leading zero shown; a number
    # in another format stays a number, and dates stay dates.
    assert [row[1] for row in rows[1:7]] == ["0123456", "0000042", 7654321, "901", "123456789", 1234.5]
    assert [row[2] for row in rows[1:7]] == [3] * 6 and all(type(row[2]) is int for row in rows[1:7])
    assert [row[3] for row in rows[1:7]] == [dt.date(1980, 2, 1)] * 6
