"""Typed errors for expected failures; anything else is a bug.

Every error here carries a message written for a tired consular officer, and the
command line prints it as one line. The GUI shows it through one error presenter.
A message given as a template keeps its values apart, so that the window and the
command line can show it in the operator's language (domain/messages.py):

    raise RosterError(QT_TRANSLATE_NOOP("services.lists", "No list {name!r}."), name=name)
    exc.message                      # English, as before
    exc.render(translate)            # translated template, values as they are
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, Template, Translate, english, label, labels, render


class RosterError(Exception):
    """An expected failure with a message fit to show to the user."""

    def __init__(self, message: str | Message, /, **values: Any) -> None:
        if isinstance(message, Template):
            message = Message(message, **values)
        self.text: str | Message = message
        self.message = str(message)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def render(self, translate: Translate = english) -> str:
        """The message in the language of `translate` (English when it was given as plain text)."""
        return render(self.text, translate)


class ValidationError(RosterError):
    """A value the roster refuses: names the field and the value."""

    def __init__(self, field: str, value: object, reason: str | Message, **values: Any) -> None:
        self.field = field
        self.value = value
        if isinstance(reason, Template):
            reason = Message(reason, **values)
        self.why: str | Message = reason  # the reason alone, to be shown in its language beside the field
        self.reason = str(reason)
        if value is None or value == "":
            super().__init__(Message(QT_TRANSLATE_NOOP("domain.errors", "{field}: {reason}"),
                                     field=field_label(field), reason=reason))
        else:
            super().__init__(Message(QT_TRANSLATE_NOOP("domain.errors", "{field}: {value!r} {reason}"),
                                     field=field_label(field), value=value, reason=reason))


class TransitionRefused(RosterError):
    """A status change the workflow does not allow."""

    def __init__(self, current: str, requested: str, allowed: list[str]) -> None:
        self.current = current
        self.requested = requested
        super().__init__(
            QT_TRANSLATE_NOOP("domain.errors", "Status cannot change from '{current}' to '{requested}'. "
                              "From '{current}' allowed: {allowed}."),
            current=label(current), requested=label(requested),
            allowed=labels(allowed) if allowed else QT_TRANSLATE_NOOP("domain.errors", "none (final state)"))


class NotFound(RosterError):
    """A record the user named does not exist (or is in the trash)."""

    def __init__(self, what: str | Message, key: object) -> None:
        """`what`: a kind of record from `_RECORDS`, or a `Message` for one that names a value
        ("member of list {name!r}"); any other text would stay English in Russian."""
        self.what = what
        self.key = key
        super().__init__(QT_TRANSLATE_NOOP("domain.errors", "No {what} {key!r} on this roster."),
                         what=_RECORDS.get(what, what) if isinstance(what, str) else what, key=key)


class DuplicateValue(RosterError):
    """A value that must be unique (case reference, list name) is already taken."""


class EditConflict(RosterError):
    """The record was changed by someone else since it was opened."""


class DatabaseError(RosterError):
    """The database cannot be opened or written: not a roster, too new, locked, read-only, full."""


_CANCELLED = QT_TRANSLATE_NOOP("domain.errors", "Cancelled; nothing was changed.")


class Cancelled(RosterError):
    """The officer cancelled the work (an import, an export, a reconciliation, a wait for the lock);
    nothing was changed and no file was left. The one cancellation error: `ImportCancelled`,
    `ExportCancelled` and `ReconcileCancelled` are other names of it."""

    def __init__(self, message: str | Message = _CANCELLED, /, *, path: str | None = None,
                 rows_written: int | None = None, **values: Any) -> None:
        self.path = path
        self.rows_written = rows_written  # an export cancelled after so many rows (none kept)
        super().__init__(message, **values)


class ExchangeError(RosterError):
    """A file to import or export cannot be used; names file, sheet, row and column where known."""

    def __init__(
        self,
        message: str | Message,
        *,
        path: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        **values: Any,
    ) -> None:
        self.path = path
        self.sheet = sheet
        self.row = row
        self.column = column
        where: list[object] = [part for part in (
            path,
            Message(QT_TRANSLATE_NOOP("domain.errors", "sheet '{sheet}'"), sheet=sheet) if sheet else None,
            Message(QT_TRANSLATE_NOOP("domain.errors", "row {row}"), row=row) if row is not None else None,
            Message(QT_TRANSLATE_NOOP("domain.errors", "column {column}"), column=column) if column else None,
        ) if part]
        if isinstance(message, Template):
            message = Message(message, **values)
        super().__init__(Message(QT_TRANSLATE_NOOP("domain.errors", "{where}: {message}"), where=where,
                                 message=message) if where else message)


def field_label(field: str) -> str | Template:
    """A field's name in the operator's language when it is a known one; else as given."""
    return _FIELDS.get(field, field)


# Words the code names records and fields by in its errors: the English stays the word it was.
_RECORDS: dict[str, Template] = {
    "person": QT_TRANSLATE_NOOP("domain.errors", "person"),
    "evacuation list": QT_TRANSLATE_NOOP("domain.errors", "evacuation list"),
    "household": QT_TRANSLATE_NOOP("domain.errors", "household"),
    "contact": QT_TRANSLATE_NOOP("domain.errors", "contact"),
    "document": QT_TRANSLATE_NOOP("domain.errors", "document"),
    "phone": QT_TRANSLATE_NOOP("domain.errors", "phone"),
    "organization": QT_TRANSLATE_NOOP("domain.errors", "organization"),
    "partner organization": QT_TRANSLATE_NOOP("domain.errors", "partner organization"),
    "import": QT_TRANSLATE_NOOP("domain.errors", "import"),
    "list member": QT_TRANSLATE_NOOP("domain.errors", "list member"),
    "mapping profile": QT_TRANSLATE_NOOP("domain.errors", "mapping profile"),
    "merge operation": QT_TRANSLATE_NOOP("domain.errors", "merge operation"),
    "reconcile operation": QT_TRANSLATE_NOOP("domain.errors", "reconcile operation"),
    "status operation": QT_TRANSLATE_NOOP("domain.errors", "status operation"),
    "operation": QT_TRANSLATE_NOOP("domain.errors", "operation"),
    "message template": QT_TRANSLATE_NOOP("domain.errors", "message template"),
    "account": QT_TRANSLATE_NOOP("domain.errors", "account"),
    "saved export profile": QT_TRANSLATE_NOOP("domain.errors", "saved export profile"),
    "liaison entry": QT_TRANSLATE_NOOP("domain.errors", "liaison entry"),
    "household with members": QT_TRANSLATE_NOOP("domain.errors", "household with members"),
    "person of merge operation": QT_TRANSLATE_NOOP("domain.errors", "person of merge operation"),
    "'not a duplicate' mark for persons": QT_TRANSLATE_NOOP("domain.errors", "'not a duplicate' mark for persons"),
    "partner organization (add it under Partners first)": QT_TRANSLATE_NOOP(
        "domain.errors", "partner organization (add it under Partners first)"),
}
# Kinds that name a value: NotFound(Message(MEMBER_OF_LIST, name=...), ref).
MEMBER_OF_LIST = QT_TRANSLATE_NOOP("domain.errors", "member of list {name!r}")
EXPORT_PROFILE_KNOWN = QT_TRANSLATE_NOOP("domain.errors", "export profile (known: {known})")
CONTACT_AT = QT_TRANSLATE_NOOP("domain.errors", "contact at {organization}")
_FIELDS: dict[str, Template] = {
    "person": QT_TRANSLATE_NOOP("domain.fields", "person"),
    "status": QT_TRANSLATE_NOOP("domain.fields", "status"),
    "status change": QT_TRANSLATE_NOOP("domain.fields", "status change"),
    "crossing": QT_TRANSLATE_NOOP("domain.fields", "crossing"),
    "list": QT_TRANSLATE_NOOP("domain.fields", "list"),
    "list name": QT_TRANSLATE_NOOP("domain.fields", "list name"),
    "list state": QT_TRANSLATE_NOOP("domain.fields", "list state"),
    "evacuation list": QT_TRANSLATE_NOOP("domain.fields", "evacuation list"),
    "phone": QT_TRANSLATE_NOOP("domain.fields", "phone"),
    "surname": QT_TRANSLATE_NOOP("domain.fields", "surname"),
    "given_names": QT_TRANSLATE_NOOP("domain.fields", "given_names"),
    "patronymic": QT_TRANSLATE_NOOP("domain.fields", "patronymic"),
    "surname_latin": QT_TRANSLATE_NOOP("domain.fields", "surname_latin"),
    "given_names_latin": QT_TRANSLATE_NOOP("domain.fields", "given_names_latin"),
    "birth_date": QT_TRANSLATE_NOOP("domain.fields", "birth_date"),
    "sex": QT_TRANSLATE_NOOP("domain.fields", "sex"),
    "citizenship": QT_TRANSLATE_NOOP("domain.fields", "citizenship"),
    "citizenships": QT_TRANSLATE_NOOP("domain.fields", "citizenships"),
    "case_ref": QT_TRANSLATE_NOOP("domain.fields", "case_ref"),
    "document type": QT_TRANSLATE_NOOP("domain.fields", "document type"),
    "document number": QT_TRANSLATE_NOOP("domain.fields", "document number"),
    "expiry date": QT_TRANSLATE_NOOP("domain.fields", "expiry date"),
    "relationship": QT_TRANSLATE_NOOP("domain.fields", "relationship"),
    "merge": QT_TRANSLATE_NOOP("domain.fields", "merge"),
    "merge field": QT_TRANSLATE_NOOP("domain.fields", "merge field"),
    "import": QT_TRANSLATE_NOOP("domain.fields", "import"),
    "file": QT_TRANSLATE_NOOP("domain.fields", "file"),
    "mapping": QT_TRANSLATE_NOOP("domain.fields", "mapping"),
    "columns": QT_TRANSLATE_NOOP("domain.fields", "columns"),
    "column mapping": QT_TRANSLATE_NOOP("domain.fields", "column mapping"),
    "profile": QT_TRANSLATE_NOOP("domain.fields", "profile"),
    "profile name": QT_TRANSLATE_NOOP("domain.fields", "profile name"),
    "organization name": QT_TRANSLATE_NOOP("domain.fields", "organization name"),
    "contact name": QT_TRANSLATE_NOOP("domain.fields", "contact name"),
    "summary": QT_TRANSLATE_NOOP("domain.fields", "summary"),
    "operation": QT_TRANSLATE_NOOP("domain.fields", "operation"),
    "reconcile": QT_TRANSLATE_NOOP("domain.fields", "reconcile"),
    "review decision": QT_TRANSLATE_NOOP("domain.fields", "review decision"),
    "pair": QT_TRANSLATE_NOOP("domain.fields", "pair"),
    "name": QT_TRANSLATE_NOOP("domain.fields", "name"),
    "archive passphrase": QT_TRANSLATE_NOOP("domain.fields", "archive passphrase"),
    "language": QT_TRANSLATE_NOOP("domain.fields", "language"),
    "date_format": QT_TRANSLATE_NOOP("domain.fields", "date_format"),
    "state": QT_TRANSLATE_NOOP("domain.fields", "state"),
    "older than": QT_TRANSLATE_NOOP("domain.fields", "older than"),
    "report": QT_TRANSLATE_NOOP("domain.fields", "report"),
    "reject report": QT_TRANSLATE_NOOP("domain.fields", "reject report"),
    "manifest": QT_TRANSLATE_NOOP("domain.fields", "manifest"),
    "paper": QT_TRANSLATE_NOOP("domain.fields", "paper"),
    "grouping": QT_TRANSLATE_NOOP("domain.fields", "grouping"),
    "field": QT_TRANSLATE_NOOP("domain.fields", "field"),
}
