"""Typed errors of the export side: a file that cannot be written, and a cancelled export.

Both are expected failures (shown to the user by the one error presenter), kept apart from
the import side's errors so the two halves of `exchange/` can change independently.
"""

from __future__ import annotations

from desktop_app.domain.errors import Cancelled, ExchangeError


class ExportError(ExchangeError):
    """The workbook cannot be written: bad sheet, bad input order, disk or permission trouble."""


ExportCancelled = Cancelled  # the officer cancelled an export: the one cancellation error (`rows_written`)
