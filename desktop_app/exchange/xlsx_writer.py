"""Write rows to a real .xlsx for a partner: streamed, injection-safe, optionally encrypted.

`write_workbook(path, sheets)` takes `SheetSpec`s whose rows come from iterators and writes
them with openpyxl's write-only mode, so memory stays flat however long the roster is.
Each sheet gets an optional title row, a bold header row that is frozen and filtered,
column widths fitted to the first rows, and a footer row with the count.

Cells follow the column's kind (`ColumnKind`): dates become date cells with the sheet's
number format, identifiers (passport, phone) are always text so leading zeros survive,
numbers stay numbers. Any text starting with = + - @ tab or CR is written as a string
cell with Excel's quote prefix: never a formula, and still text when a user edits it.

The file is written through `storage.output_files`: it appears at `path` only when complete
(written beside it, fsynced, renamed), so a cancelled or failed export leaves nothing and an
older file there stays untouched; it is never the roster or the file being read, and an
existing file is replaced only when asked. `write_workbook_to(stream, ...)` writes into any
seekable binary stream. With a password the workbook is encrypted with ECMA-376 Agile
encryption (msoffcrypto-tool), the standard Office encryption that Excel and LibreOffice ask a
password for. No plain row ever reaches a temporary file: each sheet's XML is deflated
straight into the workbook's zip in `stream` as its rows are written (openpyxl's per-sheet
scratch files are never made, and memory stays flat at any number of rows); the plain workbook
of an encrypted export is assembled only in memory, so that one grows with the rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import msoffcrypto.format.ooxml
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_writer
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from desktop_app import output_files
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.export_profile import ColumnKind, check_sheet_name
from desktop_app.exchange.export_errors import ExportCancelled, ExportError
from desktop_app.exchange.sheets import (
    FORMULA_PREFIXES,
    PROGRESS_EVERY,
    ProgressCallback,
    SheetColumn,
    SheetSpec,
    WriteResult,
    safe_sheet_name,
)

__all__ = ["SheetColumn", "SheetSpec", "WriteResult", "clean_cell_text", "safe_sheet_name", "write_workbook",
           "write_workbook_to"]

# Text starting with FORMULA_PREFIXES is written as a string; text equal to an error code ('#N/A') would become
# an error cell in openpyxl and gets the same care.
WIDTH_SAMPLE_ROWS = 200  # write-only sheets cannot be revisited: widths come from the first rows
MAX_CELL_TEXT = 32767  # Excel's limit per cell
_MIN_WIDTH, _MAX_WIDTH = 6.0, 60.0
# XML 1.0 forbids these (tab, LF, CR stay); U+FFFE and U+FFFF come with text from a badly decoded UTF-16 file
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")



def write_workbook(path: str | os.PathLike[str], sheets: Iterable[SheetSpec], *, password: str | None = None,
                   progress: ProgressCallback | None = None, overwrite: bool = False,
                   roster: str | os.PathLike[str] | None = None, reading: Iterable[str | os.PathLike[str]] = (),
                   before: Callable[[str], None] | None = None) -> WriteResult:
    """Write `sheets` to a new .xlsx at `path` and return its hash and row count.

    The file is written through `storage.output_files` (see there): never the `roster` or a
    file in `reading`, an existing file only with `overwrite`, complete or not at all;
    `before(sha256)` runs before the file appears (an audit entry). `progress(rows_written)`
    is called every PROGRESS_EVERY rows and after each sheet; when it returns False the export
    stops with ExportCancelled and no file is left at `path`. `password` (non-empty) encrypts
    the file. Raises ExportError for an unusable sheet spec, OutputError (an ExchangeError) for
    a file that cannot or must not be written.
    """
    target = Path(path)
    if password is not None and not password:
        raise ExportError("the password is empty", path=str(target))
    if not target.parent.is_dir():
        raise ExportError("the folder does not exist", path=str(target))
    with output_files.open_output(target, overwrite=overwrite, roster=roster, reading=reading) as out:
        try:
            rows, written = write_workbook_to(out.file, sheets, password=password, progress=progress)
        except ExportError as exc:
            if exc.path is None and exc.sheet is None:
                raise ExportError(exc.message, path=str(target)) from None
            raise
        digest = out.publish(before)
    return WriteResult(digest, rows, target, written)


def write_workbook_to(stream: BinaryIO, sheets: Iterable[SheetSpec], *, password: str | None = None,
                      progress: ProgressCallback | None = None) -> tuple[int, tuple[tuple[str, int], ...]]:
    """Write `sheets` as an .xlsx (encrypted with a non-empty `password`) into the seekable binary
    `stream`; returns the rows written and (sheet name, rows) per sheet.

    No temporary file: each sheet's XML goes into the zip as it is written; with a password the
    plain workbook exists only in memory. After a failure `stream` holds an unfinished zip.
    """
    workbook = Workbook(write_only=True)
    plain = io.BytesIO() if password is not None else None
    archive = _Archive(plain if plain is not None else stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        counter = _Counter(progress)
        written = tuple((spec.name, _write_sheet(workbook, archive, spec, counter)) for spec in sheets)
        if not written:
            raise ExportError("there is no sheet to write")
        _save(workbook, archive)
    except BaseException:
        _abandon(workbook, archive)
        raise
    if plain is not None and password is not None:
        plain.seek(0)
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt(password, stream)
        plain.seek(0)
        plain.truncate()
    return counter.rows, written


def _abandon(workbook: Workbook, archive: zipfile.ZipFile) -> None:
    """Let go of a failed export's sheets and zip; the error already raised (a full disk, a
    cancel) is the one the user is told, so nothing here may raise another."""
    for ws in workbook.worksheets:
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        with contextlib.suppress(Exception):
            if rows is not None:
                rows.close()
        with contextlib.suppress(Exception):
            if writer is not None:
                writer.close()
        if isinstance(writer, _ArchiveSheetWriter):
            with contextlib.suppress(Exception):
                writer.out.close()
    with contextlib.suppress(Exception):
        archive.close()
    archive.fp = None


class _Counter:
    """Rows written so far across sheets, reported to the progress callback."""

    def __init__(self, progress: ProgressCallback | None) -> None:
        self.rows = 0
        self._progress = progress

    def report(self) -> None:
        if self._progress is not None and self._progress(self.rows) is False:
            raise ExportCancelled(f"Export cancelled after {self.rows} rows; no file was written.",
                                  rows_written=self.rows)


def _write_sheet(workbook: Workbook, archive: _Archive, spec: SheetSpec, counter: _Counter) -> int:
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
    # openpyxl numbers the sheets' parts by their place in the workbook when it saves
    ws._writer = _ArchiveSheetWriter(ws, archive, f"xl/worksheets/sheet{len(workbook.worksheets)}.xml")

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
    ws.close()
    ws._writer.out.close()  # the zip takes one open entry at a time: the next sheet's, then the workbook's parts
    return count


class _ArchiveSheetWriter(openpyxl_writer.WorksheetWriter):  # type: ignore[misc]
    """openpyxl's write-only sheet writer with its output going straight into the sheet's entry
    of the workbook's zip, instead of the temporary file openpyxl would create (and leave behind
    if the process died) or a copy held in memory until the workbook is saved."""

    def __init__(self, ws: WriteOnlyWorksheet, archive: _Archive, name: str) -> None:
        archive.streamed.add(name)
        super().__init__(ws, out=archive.open(name, "w", force_zip64=True))
        self.write_top()

    def cleanup(self) -> None:
        """Nothing to remove: the sheet is in the zip already."""


class _Archive(zipfile.ZipFile):
    """The workbook's zip; the sheets written into it as their rows came are not written again
    when openpyxl hands them over on saving."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.streamed: set[str] = set()

    def write(self, filename: Any, arcname: str | None = None, *args: Any, **kwargs: Any) -> None:
        if arcname in self.streamed:
            return
        super().write(filename, arcname, *args, **kwargs)


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
        if _ILLEGAL_XML.search(value) or "\r" in value or len(value) > MAX_CELL_TEXT:
            value = clean_cell_text(value)  # before the check: a formula behind a NUL is a formula once it is gone
        if not value.startswith(FORMULA_PREFIXES) and value not in ERROR_CODES:
            return value
        cell = self._texts[index]
        cell.value = value
        cell.data_type = "s"
        return cell


def _save(workbook: Workbook, archive: _Archive) -> None:
    """What openpyxl's `save_workbook` does, into our archive: the parts besides the sheets, then
    the zip's directory."""
    workbook.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
    ExcelWriter(workbook, archive).save()
