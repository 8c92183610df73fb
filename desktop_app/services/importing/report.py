"""The rejected rows of an import as a spreadsheet to fix and import again.

The report keeps the file's own headers and the rejected rows' cells as they were read
(text stays text, so leading zeros survive; dates stay dates), and adds one column at the
end with every problem of the row (its original row number, column and reason). That
column's header, `REJECT_REASON_HEADER`, is left out by the import, so the fixed report
imports again as it is. Written through the injection-safe workbook writer and
`storage.output_files`: never over the roster, its working files or the file being imported
(refused before anything is read or written), an existing file only with `overwrite`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app import output_files
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.export_profile import ColumnKind
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.exchange.readers import column_letter
from desktop_app.exchange.sheets import SheetColumn, SheetSpec, WriteResult
from desktop_app.services.importing.model import ImportPreview
from desktop_app.services.importing.source import REJECT_REASON_HEADER

SHEET_NAME = "Rejected rows"


def check_reject_report_path(out_path: str | Path, *, source: str | Path, roster: str | Path | None,
                             overwrite: bool) -> Path:
    """`out_path` if a reject report may be written there: an .xlsx that is neither the roster (nor
    one of its working files) nor the `source` being imported; OutputExists for an existing file
    without `overwrite`. Call it before the import, so that a wrong path changes nothing."""
    path = output_files.check_target(out_path, overwrite=overwrite, roster=roster, reading=[source])
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("reject report", str(path),
                              QT_TRANSLATE_NOOP("services.import_report", "must be an .xlsx workbook (name ending in "
                                                ".xlsx)"))
    return path


def write_reject_report(preview: ImportPreview, out_path: str | Path, *, roster: str | Path | None = None,
                        overwrite: bool = False) -> WriteResult:
    """Write the preview's rejected rows to a new .xlsx at `out_path`; ValidationError if there are none.

    `roster` is the open roster's file (`db.target.path`): never written, nor the file the
    preview was read from. Raises OutputRefused/OutputExists as `check_reject_report_path`.
    """
    from desktop_app.exchange.xlsx_writer import write_workbook  # openpyxl only when a file is written

    check_reject_report_path(out_path, source=preview.path, roster=roster, overwrite=overwrite)
    rejected = preview.rejected
    if not rejected:
        raise ValidationError("reject report", preview.file_name,
                              QT_TRANSLATE_NOOP("services.import_report", "has no rejected rows to save"))
    width = max(len(preview.headers), *(len(row.cells) for row in rejected))
    headers = [preview.headers[i] if i < len(preview.headers) and preview.headers[i] else column_letter(i + 1)
               for i in range(width)]
    dated = {i for row in rejected for i, cell in enumerate(row.cells) if isinstance(cell, dt.date)}
    columns = [SheetColumn(header, ColumnKind.DATE if i in dated else ColumnKind.TEXT)
               for i, header in enumerate(headers)]
    columns.append(SheetColumn(REJECT_REASON_HEADER, ColumnKind.TEXT))
    rows = ([*row.cells, *([None] * (width - len(row.cells))),
             "; ".join(str(p) for p in row.problems if p.blocking)] for row in rejected)
    title = f"Rejected rows of {preview.file_name}, sheet {preview.sheet}: fix them and import this file again"
    return write_workbook(out_path, [SheetSpec(SHEET_NAME, title, columns, rows, date_format="dd.mm.yyyy")],
                          overwrite=overwrite, roster=roster, reading=[preview.path])
