"""Why a file to import cannot be read: one typed error per case the user can act on.

Each is an `ExchangeError`, so its message names the file (and the sheet, row and column
where they are known) and the GUI shows it through the one error presenter. Row-level
problems with values are not errors: the readers and parsers report them as warnings.
"""

from __future__ import annotations

from desktop_app.domain.errors import ExchangeError


class NotASpreadsheet(ExchangeError):
    """The file is something else under a spreadsheet's name: a web page, a PDF, a picture."""


class UnsupportedFormat(ExchangeError):
    """A spreadsheet kind we do not read (for example .xlsb or .numbers)."""


class PasswordRequired(ExchangeError):
    """The workbook is encrypted with a password and none was given."""


class WrongPassword(ExchangeError):
    """The password given does not open the workbook."""


class CorruptFile(ExchangeError):
    """The file has a spreadsheet's signature but cannot be read: truncated or damaged."""


class FileTooLarge(ExchangeError):
    """The file, once unpacked, or one of its sheets is past the limits we read (zip bombs too)."""


class EmptySheet(ExchangeError):
    """The sheet has no cells with anything in them."""


class NoDataRows(ExchangeError):
    """The sheet has a header row and nothing under it."""


class SheetNotFound(ExchangeError):
    """The sheet the user named is not in the workbook."""
