"""The file being imported and the table in it: sheets, header row, and the column mapping.

    source = open_import_file(path, password=None)      # reads once; refuses bad files
    table = describe_table(db, source, sheet=None, header_row=None, profile_name=None,
                           mapping_overrides=None)       # headers, samples, mapping, profile

The mapping starts from the header names (en/ru/fr/ar synonyms); a saved mapping profile
made for the same headers is applied by itself (or the one the user names); the user's
overrides ({header: field}, '' to leave a column out) win. The reason column of a reject
report is always left out, so a fixed report imports again as it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import ExchangeError, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.exchange.headers import IMPORT_TARGETS, TableLayout, find_header_row, locate_table, normalize_header
from desktop_app.exchange.readers import SheetData, WorkbookData, column_letter, read_workbook
from desktop_app.exchange.values import cell_text
from desktop_app.services.importing.profiles import apply_profile, profile_for_headers, profile_named
from desktop_app.storage.db import Database

REJECT_REASON_HEADER = "Import problem (ignored on import)"
SAMPLE_VALUES = 3
PREVIEW_ROWS = 30


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool
    empty: bool


class ImportFile:
    """A file read for import: its sheets (kept in memory) and its SHA-256."""

    def __init__(self, path: str | Path, workbook: WorkbookData, sha256: str) -> None:
        self.path = str(path)
        self.file_name = Path(path).name
        self.workbook = workbook
        self.sha256 = sha256

    @property
    def format(self) -> str:
        return self.workbook.format.value

    @property
    def sheets(self) -> list[SheetInfo]:
        return [SheetInfo(s.name, s.hidden, s.is_empty) for s in self.workbook.sheets]

    def default_sheet(self) -> str:
        return self.workbook.sheet().name

    def sheet(self, name: str | None) -> SheetData:
        return self.workbook.sheet(name)

    def guess_header_row(self, sheet: str | None) -> int:
        return find_header_row(self.sheet(sheet).rows)

    def first_rows(self, sheet: str | None, count: int = PREVIEW_ROWS) -> list[list[str]]:
        """The first rows of `sheet` as text, for choosing the header row."""
        return [[cell_text(cell) for cell in row] for row in self.sheet(sheet).rows[:count]]


def open_import_file(path: str | Path, *, password: str | None = None) -> ImportFile:
    """Read the file at `path` (decrypting with `password`); raises the reader's typed errors."""
    workbook = read_workbook(path, password=password)
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return ImportFile(path, workbook, digest.hexdigest())


@dataclass(frozen=True)
class TableInfo:
    """The table the import will read and how its columns map."""

    sheet: str
    header_row: int
    headers: tuple[str, ...]
    samples: tuple[tuple[str, ...], ...]  # a few values of each column
    mapping: dict[int, str]
    profile_name: str | None
    layout: TableLayout

    def column_title(self, index: int) -> str:
        header = self.headers[index] if index < len(self.headers) else ""
        return f"{column_letter(index + 1)}: {header}" if header else column_letter(index + 1)


def describe_table(db: Database, source: ImportFile, *, sheet: str | None = None, header_row: int | None = None,
                   profile_name: str | None = None,
                   mapping_overrides: Mapping[str, str | None] | None = None) -> TableInfo:
    """Locate the table on `sheet` and build its mapping (see the module docstring)."""
    data = source.sheet(sheet)
    layout = locate_table(data, header_row, path=source.path)
    headers = tuple(layout.headers)
    mapping = {i: t for i, t in layout.mapping.items() if headers[i] != REJECT_REASON_HEADER}
    with db.reading() as session:
        profile = profile_named(session, profile_name) if profile_name else profile_for_headers(session, headers)
    if profile is not None:
        mapping = apply_profile(headers, mapping, profile.mapping)
    if mapping_overrides:
        mapping = _override(source.path, data.name, headers, mapping, mapping_overrides)
    _check_mapping(headers, mapping)
    samples = tuple(_samples(layout, index) for index in range(len(headers)))
    return TableInfo(data.name, layout.header_row, headers, samples, mapping,
                     profile.name if profile else None, layout)


def _samples(layout: TableLayout, index: int) -> tuple[str, ...]:
    found: list[str] = []
    for row in layout.data_rows:
        if index < len(row) and row[index] is not None:
            found.append(cell_text(row[index]))
            if len(found) == SAMPLE_VALUES:
                break
    return tuple(found)


def _override(path: str, sheet: str, headers: tuple[str, ...], mapping: dict[int, str],
              overrides: Mapping[str, str | None]) -> dict[int, str]:
    result = dict(mapping)
    for header, target in overrides.items():
        index = _column_index(path, sheet, headers, header)
        if target and target not in IMPORT_TARGETS:
            raise ValidationError("mapping", f"{header}={target}",
                                  f"names no roster field (fields: {', '.join(IMPORT_TARGETS)})")
        if target:
            for other, chosen in list(result.items()):
                if chosen == target and other != index:
                    del result[other]
            result[index] = target
        else:
            result.pop(index, None)
    return dict(sorted(result.items()))


def _column_index(path: str, sheet: str, headers: tuple[str, ...], header: str) -> int:
    """The column a user named: by its header (exactly, then folded) or by its letter."""
    if header in headers:
        return headers.index(header)
    folded = [normalize_header(h) for h in headers]
    if normalize_header(header) in folded and normalize_header(header):
        return folded.index(normalize_header(header))
    letters = [column_letter(i + 1) for i in range(len(headers))]
    if header.strip().upper() in letters:
        return letters.index(header.strip().upper())
    known = ", ".join(f"'{h}'" for h in headers if h)
    raise ExchangeError(f"there is no column '{header}' (columns: {known})", path=path, sheet=sheet)


def _check_mapping(headers: tuple[str, ...], mapping: dict[int, str]) -> None:
    seen: dict[str, int] = {}
    for index, target in mapping.items():
        if target in seen:
            raise ValidationError("mapping", target, f"is chosen for two columns ({headers[seen[target]]!r} and "
                                  f"{headers[index]!r}); choose one")
        seen[target] = index
    if not mapping:
        raise ValidationError("mapping", "",
                              QT_TRANSLATE_NOOP("services.import_source", "maps no column to a roster field; choose "
                                                "at least a name column"))
