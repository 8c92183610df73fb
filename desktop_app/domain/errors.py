"""Typed errors for expected failures; anything else is a bug.

Every error here carries a message written for a tired consular officer, and the
command line prints it as one line. The GUI shows it through one error presenter.
"""

from __future__ import annotations


class RosterError(Exception):
    """An expected failure with a message fit to show to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(RosterError):
    """A value the roster refuses: names the field and the value."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        shown = "" if value is None or value == "" else f" {value!r}"
        super().__init__(f"{field}:{shown} {reason}")


class TransitionRefused(RosterError):
    """A status change the workflow does not allow."""

    def __init__(self, current: str, requested: str, allowed: list[str]) -> None:
        self.current = current
        self.requested = requested
        allowed_text = ", ".join(allowed) if allowed else "none (final state)"
        super().__init__(
            f"Status cannot change from '{current}' to '{requested}'. From '{current}' allowed: {allowed_text}."
        )


class NotFound(RosterError):
    """A record the user named does not exist (or is in the trash)."""

    def __init__(self, what: str, key: object) -> None:
        self.what = what
        self.key = key
        super().__init__(f"No {what} {key!r} on this roster.")


class DuplicateValue(RosterError):
    """A value that must be unique (case reference, list name) is already taken."""


class EditConflict(RosterError):
    """The record was changed by someone else since it was opened."""


class DatabaseError(RosterError):
    """The database cannot be opened or written: not a roster, too new, locked, read-only, full."""


class ExchangeError(RosterError):
    """A file to import or export cannot be used; names file, sheet, row and column where known."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = path
        self.sheet = sheet
        self.row = row
        self.column = column
        where = [part for part in (
            path,
            f"sheet '{sheet}'" if sheet else None,
            f"row {row}" if row is not None else None,
            f"column {column}" if column else None,
        ) if part]
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
