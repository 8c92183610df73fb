"""Numbers an old .xls shows as text: zero-padded formats ('0000000') and the text format ('@').

python-calamine reads .xls without number formats, so a passport number stored as 123456
with the format '0000000' would arrive as 123456. xlrd, the standard reader of the binary
format, exposes each cell's format; it is asked only for the cells of those formats:

    text_formatted_cells(data) -> {sheet name: {(row, column): format code}}

in the shape `xlsx_formats.text_formatted_cells` gives, for `xlsx_formats.display_text`.
Rows and columns are 1-based. An .xls holds at most 65,536 rows, so the second read is small.
"""

from __future__ import annotations

import re

import xlrd

_ZERO_PADDED = re.compile(r"^0{2,}$")


def text_formatted_cells(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """For each sheet name, the numeric cells whose format shows them as text or zero-padded."""
    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                              logfile=_Silent())  # xlrd prints warnings about odd files to stdout
    try:
        text_xfs = {index: code for index, xf in enumerate(book.xf_list)
                    if (code := _text_code(book.format_map.get(xf.format_key)))}
        if not text_xfs:
            return {}
        found: dict[str, dict[tuple[int, int], str]] = {}
        for sheet_index in range(book.nsheets):
            sheet = book.sheet_by_index(sheet_index)
            cells = {(row + 1, column + 1): text_xfs[xf]
                     for row in range(sheet.nrows) for column in range(sheet.ncols)
                     if sheet.cell_type(row, column) == xlrd.XL_CELL_NUMBER
                     and (xf := sheet.cell_xf_index(row, column)) in text_xfs}
            if cells:
                found[sheet.name] = cells
            book.unload_sheet(sheet_index)
        return found
    finally:
        book.release_resources()


def _text_code(number_format: object) -> str | None:
    code = getattr(number_format, "format_str", None)
    if code == "@" or (isinstance(code, str) and _ZERO_PADDED.match(code)):
        return code
    return None


class _Silent:
    def write(self, _text: str) -> int:
        return 0
