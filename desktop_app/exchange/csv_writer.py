"""Write an export's rows to a .csv for a partner's system: streamed, injection-safe, Excel-readable.

`write_csv_to(stream, sheets, date_text=...)` writes one sheet (header row, then the rows) as
RFC 4180 CSV into a binary stream: UTF-8 with a byte-order mark (so that Excel opens Arabic and
Cyrillic right, and other readers skip it), comma-separated, fields quoted only when they hold a
comma, a quote or a line break, quotes doubled, records ended by CRLF. A line break inside a
cell is written as LF (what a cell typed with Alt+Enter holds). A CSV has no title row, footer,
hidden column or cell type: every column of the profile is written, the hidden record UUID too
(the partner's answer is matched back by it), dates as text in the profile's date format.

Formula injection: text starting with = + - @ tab or CR is written with a leading apostrophe, so
that a spreadsheet opening the file shows it as text and never evaluates it. A value made only
of an optional sign, digits, spaces and the punctuation of phone numbers ('+970 59 123 4567',
'-5') keeps its form: a spreadsheet can evaluate it only to a number, never call a function or
another program, and a partner's system reads the phone number as the roster holds it.

Identifiers (passports, phones) are written as the roster holds them, leading zeros and the
plus sign in the file; a spreadsheet opening the CSV turns a cell of digits into a number unless
its column is imported as text. Rows are streamed: memory stays flat however long the roster is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, BinaryIO

from desktop_app.exchange.export_errors import ExportCancelled, ExportError
from desktop_app.exchange.sheets import FORMULA_PREFIXES, PROGRESS_EVERY, ProgressCallback, SheetColumn, SheetSpec

__all__ = ["FORMULA_PREFIXES", "csv_cell", "write_csv_to"]

# Evaluated, at worst, to a number: a sign, digits and the punctuation of a phone number or a plain number.
_NUMBER_SHAPED = re.compile(r"[+-]?[0-9][0-9 ().,/-]*")

DateText = Callable[[dt.date], str]


def write_csv_to(stream: BinaryIO, sheets: Iterable[SheetSpec], *, date_text: DateText,
                 progress: ProgressCallback | None = None) -> tuple[int, tuple[tuple[str, int], ...]]:
    """Write the one sheet of `sheets` as CSV into the binary `stream`; returns the rows written and
    ((sheet name, rows),). `progress(rows_written)` is called every PROGRESS_EVERY rows and after the sheet; when it
    returns False, ExportCancelled. A second sheet (a profile putting each list on its own sheet,
    for persons on several lists) is refused with ExportError: a CSV holds one table."""
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="", write_through=False)
    try:
        text.write("\ufeff")
        writer = csv.writer(text, dialect="excel", lineterminator="\r\n")
        written: list[tuple[str, int]] = []
        rows = 0
        for spec in sheets:
            if written:
                raise ExportError("a CSV file holds one table, and this profile puts each evacuation list on a sheet "
                                  "of its own: the persons chosen are on more than one list. Choose one list, or "
                                  "export a workbook (.xlsx)", sheet=spec.name)
            columns = [SheetColumn(*column) for column in spec.columns]
            if not columns:
                raise ExportError("the sheet has no columns", sheet=spec.name)
            writer.writerow([csv_cell(column.label, date_text) for column in columns])
            count = 0
            for row in spec.rows:
                if len(row) != len(columns):
                    raise ExportError(f"the row has {len(row)} values for {len(columns)} columns",
                                      sheet=spec.name, row=count + 2)
                writer.writerow(_cells(row, date_text))
                count += 1
                rows += 1
                if rows % PROGRESS_EVERY == 0:
                    _report(progress, rows)
            written.append((spec.name, count))
            _report(progress, rows)
        if not written:
            raise ExportError("there is no sheet to write")
        text.flush()
    finally:
        text.detach()  # the stream stays open: the caller publishes it
    return rows, tuple(written)


def _report(progress: ProgressCallback | None, rows: int) -> None:
    if progress is not None and progress(rows) is False:
        raise ExportCancelled(f"Export cancelled after {rows} rows; no file was written.", rows_written=rows)


def _cells(row: Sequence[Any], date_text: DateText) -> list[str]:
    return [csv_cell(value, date_text) for value in row]


def csv_cell(value: Any, date_text: DateText) -> str:
    """`value` as the text of a CSV field: dates by `date_text`, line ends as LF, risky text made inert."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return date_text(value)
    text = value if isinstance(value, str) else str(value)
    if "\x00" in text:  # dropped before the check: a formula behind a NUL is a formula once the NUL is gone
        text = text.replace("\x00", "")
    risky = text.startswith(FORMULA_PREFIXES) and not _NUMBER_SHAPED.fullmatch(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if risky else text
