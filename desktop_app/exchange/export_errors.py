"""Typed errors of the export side: a file that cannot be written, and a cancelled export.

Both are expected failures (shown to the user by the one error presenter), kept apart from
the import side's errors so the two halves of `exchange/` can change independently.
"""

from __future__ import annotations

from desktop_app.domain.errors import ExchangeError, RosterError


class ExportError(ExchangeError):
    """The workbook cannot be written: bad sheet, bad input order, disk or permission trouble."""


class ExportCancelled(RosterError):
    """The user cancelled an export through the progress callback; no file was left behind."""

    def __init__(self, rows_written: int) -> None:
        self.rows_written = rows_written
        super().__init__(f"Export cancelled after {rows_written} rows; no file was written.")
