"""What an import shows before and after it is committed: plain, frozen values for the GUI and CLI.

A preview holds one `PreviewRow` per data row of the sheet, each with its outcome:

- NEW: a person to create;
- UPDATE: an existing person (by roster UUID or case reference) whose fields change;
- UNCHANGED: an existing person the row names, with nothing new in it;
- DUPLICATE: a new row that may be a person already on the roster (candidates and why);
- REJECTED: a row that cannot be imported, with every problem (sheet, row, column, value).

Row numbers are the ones the spreadsheet shows; columns are letters, with the header.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Joined, Message, Template
from desktop_app.domain.person import DocumentData
from desktop_app.services.importing.zeros import LostZeros


class Outcome(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {"new": "New person", "update": "Update", "unchanged": "No change", "duplicate": "Possible duplicate",
                "rejected": "Rejected"}[self.value]


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Something wrong or doubtful in one cell. `column` is the letter ('D'), `header` its title."""

    row: int
    column: str
    header: str
    value: str
    message: str | Message
    blocking: bool = True  # False: a warning (an ambiguous date read by the sheet's order, a cleaned cell)

    @property
    def text(self) -> Message:
        """The problem with its place, to be shown in the operator's language."""
        where = Message(QT_TRANSLATE_NOOP("services.import_model", "row {row}, column {column} ({header})"),
                        row=self.row, column=self.column, header=self.header) if self.column else \
            Message(QT_TRANSLATE_NOOP("services.import_model", "row {row}"), row=self.row)
        if self.value:
            return Message(QT_TRANSLATE_NOOP("services.import_model", "{where}: '{value}' {message}"),
                           where=where, value=self.value, message=self.message)
        return Message(QT_TRANSLATE_NOOP("services.import_model", "{where}: {message}"), where=where,
                       message=self.message)

    def __str__(self) -> str:
        return str(self.text)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field an update changes: its key, label, the value on the roster and the one in the file."""

    field: str
    label: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.label}: {_shown(self.old)} → {_shown(self.new)}"


def _shown(value: Any) -> str:
    if value in (None, "", []):
        return "(empty)"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """A roster person a new row may be: who, how sure (0..1), and why."""

    person_id: int
    case_ref: str
    name: str
    birth_date: str
    score: float
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.case_ref} {self.name} {self.birth_date} ({self.score:.0%}: {', '.join(self.reasons)})"


@dataclass(frozen=True, slots=True)
class RowData:
    """A row's converted values, ready for the roster.

    `fields` holds validated column values (as `persons.validated_changes` makes them) of the
    cells that were not blank; `documents` and `phones` are added to the person; `status`,
    `household_ref` and `uuid` come from their columns when mapped.
    """

    fields: dict[str, Any]
    documents: tuple[DocumentData, ...] = ()
    phones: tuple[str, ...] = ()
    status: str | None = None
    household_ref: str | None = None
    uuid: str | None = None
    derived: frozenset[str] = frozenset()  # Latin names made from Cyrillic (ICAO 9303): they only fill blanks

    @property
    def display_name(self) -> str:
        native = " ".join(self.fields.get(k, "") for k in ("surname", "given_names", "patronymic")).split()
        latin = " ".join(self.fields.get(k, "") for k in ("surname_latin", "given_names_latin")).split()
        return " ".join(native) or " ".join(latin)


@dataclass(frozen=True, slots=True)
class PreviewRow:
    row: int
    outcome: Outcome
    data: RowData
    person_id: int | None = None  # the person an update or unchanged row names
    person_version: int | None = None
    case_ref: str = ""
    changes: tuple[FieldChange, ...] = ()
    candidates: tuple[DuplicateCandidate, ...] = ()
    problems: tuple[RowProblem, ...] = ()  # blocking ones for a rejected row, warnings otherwise
    cells: tuple[Any, ...] = ()  # the row as read (kept for rejected rows: the reject report)

    @property
    def details(self) -> str:
        """One line for the preview's 'details' column."""
        return str(self.detail_text)

    @property
    def detail_text(self) -> Joined | Message:
        """The details line, to be shown in the operator's language."""
        if self.outcome is Outcome.REJECTED:
            return Joined(p.text for p in self.problems if p.blocking)
        if self.outcome is Outcome.UPDATE:
            return Joined(str(c) for c in self.changes)
        if self.outcome is Outcome.DUPLICATE:
            return Message(QT_TRANSLATE_NOOP("services.import_model", "may be {candidates}"),
                           candidates=Joined(str(c) for c in self.candidates))
        if self.outcome is Outcome.UNCHANGED:
            return Message(QT_TRANSLATE_NOOP("services.import_model",
                                             "{ref}: everything in the row is already on the roster"),
                           ref=self.case_ref)
        return Joined(p.text for p in self.problems)


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row of the sheet that is not a person (a total line): its number and what it says."""

    row: int
    text: str

    def __str__(self) -> str:
        return str(self.message)

    @property
    def message(self) -> Message:
        return Message(QT_TRANSLATE_NOOP("services.import_model",
                                         "row {row} skipped: a total line, not a person ('{text}')"),
                       row=self.row, text=self.text)


@dataclass(frozen=True, slots=True)
class UnmappedColumn:
    """A column the import leaves out: its letter, header, and the roster field it may hold."""

    column: str
    header: str
    suggested: str | None = None  # a target key
    suggested_label: str = ""

    def __str__(self) -> str:
        return str(self.message)

    @property
    def message(self) -> Message:
        if self.suggested:  # the label is the field's, as the window names it (context "Fields")
            return Message(QT_TRANSLATE_NOOP("services.import_model", "not imported: column {column}: {header} "
                                             "(looks like {field}: choose it on the Columns page or map it)"),
                           column=self.column, header=self.header, field=Template("Fields", self.suggested_label))
        return Message(QT_TRANSLATE_NOOP("services.import_model", "not imported: column {column}: {header}"),
                       column=self.column, header=self.header)


@dataclass(frozen=True)
class ImportPreview:
    """Everything `commit_import` needs, and what the user reviews first."""

    path: str
    file_name: str
    file_sha256: str
    file_format: str
    sheet: str
    sheets: tuple[str, ...]
    header_row: int
    headers: tuple[str, ...]
    mapping: dict[int, str]  # column index (0-based) -> target
    profile_name: str | None  # the saved mapping profile applied, if any
    date_order: str | None  # 'DMY' or 'MDY': how ambiguous dates were read (None: not read)
    rows: tuple[PreviewRow, ...]
    warnings: tuple[str, ...] = ()  # sheet-level notes (unmapped columns, cleaned cells)
    skipped: tuple[SkippedRow, ...] = ()  # total lines: not persons, and not rejected either
    unmapped: tuple[UnmappedColumn, ...] = ()  # headed columns left out, with a suggested field
    lost_zeros: tuple[LostZeros, ...] = ()  # phone and document columns whose numbers look cut

    @property
    def notes(self) -> tuple[str | Message, ...]:
        """`warnings` to be shown in the operator's language: the columns left out and the total
        lines skipped and the numbers that lost their leading zeros (the first warnings, in that order)
        as messages, the rest as written."""
        known = len(self.unmapped) + len(self.skipped) + len(self.lost_zeros)
        return (*(c.message for c in self.unmapped), *(r.message for r in self.skipped),
                *(z.message for z in self.lost_zeros), *self.warnings[known:])

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.outcome.value for row in self.rows)
        return {outcome.value: counted.get(outcome.value, 0) for outcome in Outcome}

    @property
    def rejected(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.outcome is Outcome.REJECTED]

    def problems(self) -> list[RowProblem]:
        """Every problem and warning, in row order."""
        return [problem for row in self.rows for problem in row.problems]

    def mapping_by_header(self) -> dict[str, str]:
        return {self.headers[index]: target for index, target in self.mapping.items() if index < len(self.headers)}


@dataclass(frozen=True)
class ImportResult:
    """What a commit did. `import_id` names the operation for undo."""

    import_id: int
    rows: int
    created: int
    updated: int
    unchanged: int
    duplicates: int  # possible duplicates left out (or created, when accepted as new: then also in `created`)
    rejected: int
    created_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ImportSummary:
    """One import in the history."""

    id: int
    uuid: str
    at: dt.datetime
    operator: str
    file_name: str
    file_sha256: str
    sheet: str
    counts: dict[str, int]
    undone_at: dt.datetime | None
    undone_by: str | None

    @property
    def state(self) -> str:
        return f"undone {self.undone_at:%Y-%m-%d %H:%M} by {self.undone_by}" if self.undone_at else "in effect"


@dataclass(frozen=True)
class UndoConflict:
    person_id: int
    case_ref: str
    message: str


@dataclass(frozen=True)
class UndoResult:
    import_id: int
    deleted: int  # created persons removed for good (untouched since the import)
    trashed: int  # created persons changed since: moved to the trash instead
    restored: int  # updated persons given their old values back
    conflicts: tuple[UndoConflict, ...] = field(default=())
