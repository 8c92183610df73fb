"""Helpers for the import tests: real workbooks written with openpyxl, and a dump of the database's content."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import text

from desktop_app.storage.db import Database


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "List",
               formats: dict[str, str] | None = None) -> Path:
    """A workbook whose first sheet holds `rows` from A1; `formats` maps a cell ('E3') to a number format."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)
    return path


def content(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (except Alembic's), in primary-key order: the database's content."""
    with db.engine.connect() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name"))]
        return {table: [tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1'))]
                for table in tables}
