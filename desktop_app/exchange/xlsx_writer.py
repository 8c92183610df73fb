"""Write rows to a real .xlsx for a partner: streamed, injection-safe, optionally encrypted.

`write_workbook(path, sheets)` takes `SheetSpec`s whose rows come from iterators and writes
them with openpyxl's write-only mode, so memory stays flat however long the roster is.
Each sheet gets an optional title row, a bold header row that is frozen and filtered,
column widths fitted to the first rows, and a footer row with the count.

Cells follow the column's kind (`ColumnKind`): dates become date cells with the sheet's
number format, identifiers (passport, phone) are always text so leading zeros survive,
numbers stay numbers. Any text starting with = + - @ tab or CR is written as a string
cell with Excel's quote prefix: never a formula, and still text when a user edits it.

The file appears at `path` only when complete (written beside it and renamed), so a
cancelled or failed export leaves nothing, and an older file there stays untouched. With a
password the workbook is encrypted with ECMA-376 Agile encryption (msoffcrypto-tool), the
standard Office encryption that Excel and LibreOffice ask a password for; the plain
workbook is only ever assembled in memory, and openpyxl's per-sheet scratch files live in
a private temporary folder that is removed whatever happens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import msoffcrypto.format.ooxml
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_writer
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.export_profile import ColumnKind, check_sheet_name
from desktop_app.exchange.export_errors import ExportCancelled, ExportError
from desktop_app.exchange.sheets import SheetColumn, SheetSpec, WriteResult, safe_sheet_name

__all__ = ["SheetColumn", "SheetSpec", "WriteResult", "clean_cell_text", "safe_sheet_name", "write_workbook"]

# A spreadsheet evaluates text typed with these first characters; we write it as a string.
# Text equal to an error code ('#N/A') would become an error cell in openpyxl; it gets the same care.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
WIDTH_SAMPLE_ROWS = 200  # write-only sheets cannot be revisited: widths come from the first rows
PROGRESS_EVERY = 1000
MAX_CELL_TEXT = 32767  # Excel's limit per cell
_MIN_WIDTH, _MAX_WIDTH = 6.0, 60.0
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 forbids these; tab, LF, CR stay


ProgressCallback = Callable[[int], bool]


def write_workbook(path: str | os.PathLike[str], sheets: Iterable[SheetSpec], *, password: str | None = None,
                   progress: ProgressCallback | None = None) -> WriteResult:
    """Write `sheets` to a new .xlsx at `path` and return its hash and row count.

    `progress(rows_written)` is called every PROGRESS_EVERY rows and after each sheet; when it
    returns False the export stops with ExportCancelled and no file is left at `path`.
    `password` (non-empty) encrypts the file. Raises ExportError for an unusable sheet spec or
    a file that cannot be written.
    """
    target = Path(path)
    if password is not None and not password:
        raise ExportError("the password is empty", path=str(target))
    if not target.parent.is_dir():
        raise ExportError("the folder does not exist", path=str(target))
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    scratch = Path(tempfile.mkdtemp(prefix="roster-export-"))  # mode 0700: ours alone
    workbook = Workbook(write_only=True)
    try:
        counter = _Counter(progress)
        written = tuple((spec.name, _write_sheet(workbook, spec, scratch, counter)) for spec in sheets)
        if not written:
            raise ExportError("there is no sheet to write", path=str(target))
        _save(workbook, partial, password)
        digest = _sha256(partial)
        os.replace(partial, target)
    except OSError as exc:
        _abandon(workbook)
        raise ExportError(f"cannot write the file ({exc.strerror or exc})", path=str(target)) from exc
    except BaseException:
        _abandon(workbook)
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        shutil.rmtree(scratch, ignore_errors=True)
    return WriteResult(digest, counter.rows, target, written)


def _abandon(workbook: Workbook) -> None:
    """Close the half-written sheet streams of a failed export so their files can be removed."""
    for ws in workbook.worksheets:
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        with contextlib.suppress(Exception):
            if rows is not None:
                rows.close()
        with contextlib.suppress(Exception):
            if writer is not None:
                writer.close()


class _Counter:
    """Rows written so far across sheets, reported to the progress callback."""

    def __init__(self, progress: ProgressCallback | None) -> None:
        self.rows = 0
        self._progress = progress

    def report(self) -> None:
        if self._progress is not None and self._progress(self.rows) is False:
            raise ExportCancelled(self.rows)


def _write_sheet(workbook: Workbook, spec: SheetSpec, scratch: Path, counter: _Counter) -> int:
    try:
        check_sheet_name(spec.name, "sheet name")
    except ValidationError as exc:
        raise ExportError(exc.message, sheet=spec.name) from None
    if spec.name.casefold() in {ws.title.casefold() for ws in workbook.worksheets}:
        raise ExportError("two sheets have this name", sheet=spec.name)
    columns = [SheetColumn(*column) for column in spec.columns]
    if not columns:
        raise ExportError("the sheet has no columns", sheet=spec.name)
    ws: WriteOnlyWorksheet = workbook.create_sheet(spec.name)
    rows = iter(spec.rows)
    sample = list(islice(rows, WIDTH_SAMPLE_ROWS))
    _layout(ws, spec, columns, sample)
    _start_writer(ws, scratch / f"sheet{len(workbook.worksheets)}.xml")

    header_row = 1
    if spec.title:
        ws.append([_styled(ws, spec.title, font=Font(bold=True, size=14))])
        header_row = 2
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    ws.append([_styled(ws, c.label, font=header_font, fill=header_fill) for c in columns])

    to_cells = _CellMaker(ws, columns, spec.date_format)
    count = 0
    for row in _chain(sample, rows):
        if len(row) != len(columns):
            raise ExportError(f"the row has {len(row)} values for {len(columns)} columns",
                              sheet=spec.name, row=header_row + count + 1)
        ws.append(to_cells(row))
        count += 1
        counter.rows += 1
        if counter.rows % PROGRESS_EVERY == 0:
            counter.report()
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + count}"
    footer = [_styled(ws, spec.footer_label, font=Font(bold=True))]
    if len(columns) > 1:
        footer.append(count)
    else:
        footer[0].value = f"{spec.footer_label}: {count}"
    ws.append(footer)
    counter.report()
    return count


def _start_writer(ws: WriteOnlyWorksheet, scratch_file: Path) -> None:
    """Start the sheet's stream into `scratch_file` (what `WriteOnlyWorksheet._get_writer` does).

    openpyxl would put its scratch file, the sheet's plain rows, in the shared temp folder and
    keep it there until the process exits if the export fails; ours goes to the private folder
    that write_workbook removes. Touches openpyxl internals (checked by the tests that look for
    leftover files); openpyxl's own cleanup expects the file in its list.
    """
    out = str(scratch_file)
    openpyxl_writer.ALL_TEMP_FILES.append(out)
    ws._writer = openpyxl_writer.WorksheetWriter(ws, out=out)
    ws._writer.write_top()


def _chain(first: list[Sequence[Any]], rest: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    yield from first
    first.clear()  # the sample is not kept alive for the whole sheet
    yield from rest


def _layout(ws: WriteOnlyWorksheet, spec: SheetSpec, columns: list[SheetColumn],
            sample: list[Sequence[Any]]) -> None:
    """Widths, hidden columns, text format of identifier columns, freeze, direction: all
    must be set before the first row of a write-only sheet."""
    for index, column in enumerate(columns):
        letter = get_column_letter(index + 1)
        widest = max((_shown_length(row[index], spec.date_format) for row in sample if index < len(row)),
                     default=0)
        dimension = ws.column_dimensions[letter]
        dimension.width = min(_MAX_WIDTH, max(_MIN_WIDTH, widest + 2, len(column.label) * 1.1 + 3))
        dimension.hidden = column.hidden
        if column.kind is ColumnKind.IDENTIFIER:
            dimension.number_format = "@"  # what a partner types here later stays text too
    ws.freeze_panes = "A3" if spec.title else "A2"
    ws.sheet_view.rightToLeft = spec.right_to_left


def _shown_length(value: Any, date_format: str) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return len(date_format) + 1
    text = value if isinstance(value, str) else str(value)
    return max((len(line) for line in text.split("\n")), default=0)


def _styled(ws: WriteOnlyWorksheet, value: Any, font: Font | None = None,
            fill: PatternFill | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    _set_text_or_value(cell, value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


def _set_text_or_value(cell: WriteOnlyCell, value: Any) -> None:
    if isinstance(value, str):
        text = clean_cell_text(value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the first character
        if text.startswith(FORMULA_PREFIXES) or text in ERROR_CODES:
            cell.quotePrefix = True
    else:
        cell.value = value


def clean_cell_text(text: str) -> str:
    """`text` as a cell can hold it: characters XML forbids removed, line ends as LF (what
    Excel's Alt+Enter gives; a bare CR would come back as LF or not depending on the XML
    library), cut to Excel's 32,767 characters."""
    if _ILLEGAL_XML.search(text):
        text = _ILLEGAL_XML.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[:MAX_CELL_TEXT]


class _CellMaker:
    """Turns a row of values into what openpyxl's write-only `append` takes.

    Plain values go through as they are (the fast path). Dates and risky text need a
    style, so each column has one styled cell that is refilled for every row: openpyxl
    writes a cell out before the next is asked for, so one object per column suffices.
    """

    def __init__(self, ws: WriteOnlyWorksheet, columns: list[SheetColumn], date_format: str) -> None:
        self._kinds = [c.kind for c in columns]
        self._dates = []
        self._texts = []
        for column in columns:
            date_cell = WriteOnlyCell(ws)
            date_cell.number_format = date_format
            self._dates.append(date_cell)
            text_cell = WriteOnlyCell(ws)
            text_cell.quotePrefix = True
            if column.kind is ColumnKind.IDENTIFIER:
                text_cell.number_format = "@"
            self._texts.append(text_cell)

    def __call__(self, row: Sequence[Any]) -> list[Any]:
        return [self._cell(index, value) for index, value in enumerate(row)]

    def _cell(self, index: int, value: Any) -> Any:
        if value is None:
            return None
        kind = self._kinds[index]
        if isinstance(value, str):
            return self._text(index, value)
        if isinstance(value, bool):
            return value
        if kind is ColumnKind.IDENTIFIER:
            return self._text(index, str(value))  # an int passport number keeps its digits as text
        if isinstance(value, int | float):
            return value
        if isinstance(value, dt.date):
            if isinstance(value, dt.datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)
            cell = self._dates[index]
            cell.value = value
            return cell
        return self._text(index, str(value))

    def _text(self, index: int, value: str) -> Any:
        if not value.startswith(FORMULA_PREFIXES) and value not in ERROR_CODES:
            if _ILLEGAL_XML.search(value) or "\r" in value or len(value) > MAX_CELL_TEXT:
                return clean_cell_text(value)
            return value
        cell = self._texts[index]
        cell.value = clean_cell_text(value)
        cell.data_type = "s"
        return cell


def _save(workbook: Workbook, partial: Path, password: str | None) -> None:
    if password is None:
        workbook.save(partial)
        return
    plain = io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    with partial.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt(password, out)
    plain.seek(0)
    plain.truncate()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
