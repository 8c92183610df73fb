"""What a workbook to write holds: its sheets, their columns, and what was written.

Plain data, apart from the writer (`xlsx_writer`) so that services describing a sheet do
not import openpyxl (about 0.2 s) when the window starts; only writing a file does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from desktop_app.domain.export_profile import ColumnKind

# A spreadsheet evaluates text typed with these first characters: every writer makes such text inert.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 1000  # rows between two calls of a writer's progress callback

ProgressCallback = Callable[[int], bool]  # rows written -> go on?


class SheetColumn(NamedTuple):
    """A column of a sheet: header label, kind of cell, and whether it starts hidden."""

    label: str
    kind: ColumnKind
    hidden: bool = False


@dataclass
class SheetSpec:
    """One sheet to write. `rows` is consumed once, in order; each row has one value per column.

    Values: None (blank), str, int/float, bool, datetime.date/datetime (naive); anything else
    is written as its str(). `date_format` is the Excel number format of date cells.
    """

    name: str
    title: str
    columns: Sequence[SheetColumn | tuple[str, ColumnKind]]
    rows: Iterable[Sequence[Any]]
    date_format: str = "yyyy-mm-dd"
    footer_label: str = "Total"
    right_to_left: bool = False


@dataclass(frozen=True)
class WriteResult:
    """What was written: the file's SHA-256 (of the bytes on disk), data rows, and rows per sheet."""

    sha256: str
    rows: int
    path: Path
    sheets: tuple[tuple[str, int], ...] = field(default=())


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """`name` made acceptable to Excel and unique (case-insensitively) among `taken`, which grows.

    Forbidden characters (and those XML forbids: a list's name is as the officer pasted it) become '_',
    the name is cut to 31 characters, and a repeat gets ' (2)', ' (3)' ... at the end.
    """
    base = re.sub(r"[\[\]:*?/\\\x00-\x1f\ufffe\uffff]", "_", name).strip().strip("'") or "Sheet"
    candidate, number = base[:31], 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate
