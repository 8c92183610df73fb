"""Make the small spreadsheet fixtures the import tests read: `python tests/data/make_fixtures.py`.

Writes roster.xlsx with openpyxl, then has LibreOffice (soffice --headless, from the
libreoffice-calc-nogui package) convert it to roster.xls and roster.ods and round-trip it
to roster_calc.xlsx, which carries formulas with their cached values as Excel saves them
(openpyxl writes formulas without values). The converted files are committed; roster.xlsx
itself is rebuilt by the tests too.

The workbook: sheet 'Roster' with two title rows (a merged title), a header in row 3,
four people; passport numbers stored as numbers with a '0000000' format and as text; a
date cell, a date as text, a year alone; a formula; a case number merged over a
household's two rows. A hidden sheet 'Lists' and an empty sheet 'Empty'.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent

HEADER = ["Case No", "Surname", "Given names", "D.O.B", "Passport No.", "Sex", "Citizenship", "Members"]
PEOPLE = [
    ["C-1", "Иванов", "Иван", dt.date(1980, 2, 1), 123456, "М", "Россия"],
    [None, "Иванова", "Мария", "01.03.1982", "0234567", "Ж", "RUS"],
    ["C-2", "Haddad", "Omar", 1975, 7654321, "M", "فلسطين"],
    ["C-3", "Petrov", "Pavel", dt.date(2001, 12, 31), "AB0012345", "male", "Russia"],
]


def build_xlsx(path: Path) -> Path:
    """The roster workbook described in the module docstring, written to `path`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Roster"
    sheet["A1"] = "Evacuation list — Cairo"
    sheet.merge_cells("A1:H1")
    sheet["A2"] = "Rafah crossing, 2 November 2023"
    sheet.append(HEADER)
    for person in PEOPLE:
        sheet.append(person)
    for row in range(4, 8):
        sheet.cell(row, 8, f"=COUNTA(B{row}:C{row})")
        if isinstance(sheet.cell(row, 4).value, dt.date):
            sheet.cell(row, 4).number_format = "dd.mm.yyyy"
        if isinstance(sheet.cell(row, 5).value, int):
            sheet.cell(row, 5).number_format = "0000000"
    sheet.merge_cells("A4:A5")  # one case, two people
    hidden = book.create_sheet("Lists")
    hidden.sheet_state = "hidden"
    hidden.append(["List", "Date"])
    hidden.append(["Flight 1", dt.date(2023, 11, 2)])
    book.create_sheet("Empty")
    book.save(path)
    return path


def convert(source: Path, target_format: str, out_dir: Path) -> Path:
    """`source` converted by LibreOffice to `target_format` ('xls', 'ods', 'xlsx') in `out_dir`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed: apt-get install -y libreoffice-calc-nogui")
    subprocess.run([soffice, "--headless", "--convert-to", target_format, "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=180)
    return out_dir / f"{source.stem}.{target_format}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = build_xlsx(work / "roster.xlsx")
        for fmt in ("xls", "ods"):
            shutil.copy(convert(source, fmt, work / "out"), HERE / f"roster.{fmt}")
        shutil.copy(convert(source, "xlsx", work / "out"), HERE / "roster_calc.xlsx")
    print("wrote", ", ".join(f"roster.{ext}" for ext in ("xls", "ods")), "and roster_calc.xlsx", file=sys.stderr)


if __name__ == "__main__":
    main()
