"""Bench: export of synthetic persons through `write_workbook` against xlsxwriter.

Each measurement runs in its own subprocess, so peak memory (ru_maxrss) is that engine's
alone: 10,000 and 100,000 rows of 20 columns (names in Cyrillic, Latin, dates, identifiers
with leading zeros, numbers, a share of risky text starting with '=' or '-'). Rows come from
a generator in every engine, as they do from the database. Engines:

- roster: `desktop_app.exchange.xlsx_writer.write_workbook` (openpyxl write-only),
- openpyxl-raw: the same values appended to a bare openpyxl write-only sheet (our overhead),
- xlsxwriter: constant_memory mode, typed writes, the same header, freeze and filter.

Then the real service: `services.exporting.export_persons` (full-roster profile: 36 columns,
every person of a seeded demo roster of 10,000 and 100,000 persons, read from the database
in pages, shaped, written, hashed and audited) against xlsxwriter constant_memory writing the
same values from the same pages (`export-xlsxwriter`). The seeded rosters are cached under
bench/out/ by bench.common; each run exports from a private copy, so the audit entries it
writes do not pile up in the cache.

`main(argv=None)` prints seconds, the ratio to xlsxwriter and peak RSS. Run:
`python -m bench.export_bench [--rows 10000 100000] [--persons 10000 100000]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

SIZES = (10_000, 100_000)
ENGINES = ("roster", "openpyxl-raw", "xlsxwriter")
HEADERS = ["UUID", "Case", "Surname", "Given names", "Patronymic", "Surname (Latin)", "Given (Latin)", "Sex",
           "Born", "Place of birth", "Citizenship", "Passport", "Phone", "E-mail", "Region", "Address", "Notes",
           "Age", "Household size", "Valid until"]
KINDS = "IITTTTTTDTTIITTTTNND"  # I identifier, T text, D date, N number: one letter per column
_SURNAMES = ["Иванов", "Петрова", "Сидоренко", "Кузнецова", "Аль-Масри", "Смирнов", "Юсупова", "Щукин"]
_GIVEN = ["Пётр", "Анна", "Мария", "Юлия", "Ахмед", "Сергей", "Наталья", "Игорь"]


def synthetic_rows(count: int) -> Iterator[list[Any]]:
    """`count` rows of 20 values, generated on the fly (nothing kept)."""
    for i in range(count):
        surname, given = _SURNAMES[i % 8], _GIVEN[(i // 8) % 8]
        note = ("=HYPERLINK(\"http://x\",\"y\")" if i % 50 == 0 else "-ok" if i % 50 == 1 else
                f"Family arrived at Rafah gate, case {i}")
        yield [
            f"{i:08x}-7d1c-4a8e-9f00-{i:012d}", f"C-{i:06d}", f"{surname}{i % 97}", given, "Сергеевич",
            "IVANOV", "PETR", "M" if i % 2 else "F", dt.date(1950 + i % 70, 1 + i % 12, 1 + i % 28),
            "Gaza", "RUS", f"0{i:08d}", f"+2010{i:08d}", f"person{i}@example.org", "Gaza Strip",
            f"Street {i % 300}, building {i % 40}", note, i % 90, 1 + i % 6, dt.date(2030, 1 + i % 12, 1),
        ]


def run_roster(path: Path, count: int) -> None:
    from desktop_app.domain.export_profile import ColumnKind
    from desktop_app.exchange.xlsx_writer import SheetColumn, SheetSpec, write_workbook

    kinds = {"I": ColumnKind.IDENTIFIER, "T": ColumnKind.TEXT, "D": ColumnKind.DATE, "N": ColumnKind.NUMBER}
    columns = [SheetColumn(label, kinds[k]) for label, k in zip(HEADERS, KINDS, strict=True)]
    write_workbook(path, [SheetSpec("Roster", "Bench", columns, synthetic_rows(count), date_format="dd.mm.yyyy")])


def run_openpyxl_raw(path: Path, count: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Roster")
    sheet.append(["Bench"])
    sheet.append(HEADERS)
    for row in synthetic_rows(count):
        sheet.append(row)
    workbook.save(path)


def run_xlsxwriter(path: Path, count: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Roster")
    bold, date = workbook.add_format({"bold": True}), workbook.add_format({"num_format": "dd.mm.yyyy"})
    text = workbook.add_format({"num_format": "@"})
    sheet.freeze_panes(2, 0)
    sheet.write_string(0, 0, "Bench", bold)
    for col, label in enumerate(HEADERS):
        sheet.write_string(1, col, label, bold)
    row_index = 1
    for row_index, row in enumerate(synthetic_rows(count), start=2):
        for col, (value, kind) in enumerate(zip(row, KINDS, strict=True)):
            if kind == "D":
                sheet.write_datetime(row_index, col, value, date)
            elif kind == "N":
                sheet.write_number(row_index, col, value)
            elif kind == "I":
                sheet.write_string(row_index, col, value, text)
            else:
                sheet.write_string(row_index, col, value)
    sheet.autofilter(1, 0, row_index, len(HEADERS) - 1)
    sheet.write_string(row_index + 1, 0, "Total", bold)
    sheet.write_number(row_index + 1, 1, count)
    workbook.close()


def _roster_copy(persons: int, folder: Path) -> Path:
    """A private copy of the cached seeded roster of about `persons` persons (SQLite online backup)."""
    from bench.common import seeded_roster

    source, _ = seeded_roster(persons)
    copy = folder / "roster.db"
    with sqlite3.connect(source) as origin, sqlite3.connect(copy) as target:
        origin.backup(target)
    return copy


def run_service(path: Path, db_path: Path) -> int:
    """The real export: every person of the roster, full-roster profile, audited."""
    from desktop_app.services import exporting
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    try:
        return exporting.export_persons(db, path, operator="bench").rows
    finally:
        db.close()


def run_service_xlsxwriter(path: Path, db_path: Path) -> int:
    """The same values from the same paged reads and row shaping, written by xlsxwriter constant_memory."""
    import xlsxwriter

    from desktop_app.domain.export_profile import ColumnKind, full_roster_profile
    from desktop_app.exchange.export_rows import profile_sheets
    from desktop_app.services.exporting import Selection, person_records, resolve
    from desktop_app.storage.db import open_database

    db = open_database(db_path)
    profile = full_roster_profile()
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    bold, date = workbook.add_format({"bold": True}), workbook.add_format({"num_format": profile.date.excel})
    text = workbook.add_format({"num_format": "@"})
    rows = 0
    try:
        resolved = resolve(db, Selection(), profile)
        for spec in profile_sheets(person_records(db, resolved.keys), profile):
            sheet = workbook.add_worksheet(spec.name)
            kinds = [column[1] for column in spec.columns]
            sheet.freeze_panes(1, 0)
            for col, column in enumerate(spec.columns):
                sheet.write_string(0, col, column[0], bold)
            for row_index, row in enumerate(spec.rows, start=1):
                rows += 1
                for col, value in enumerate(row):
                    if value is None:
                        continue
                    kind = kinds[col]
                    if isinstance(value, dt.date):
                        sheet.write_datetime(row_index, col, value, date)
                    elif kind is ColumnKind.NUMBER and isinstance(value, int | float):
                        sheet.write_number(row_index, col, value)
                    elif kind is ColumnKind.IDENTIFIER:
                        sheet.write_string(row_index, col, str(value), text)
                    else:
                        sheet.write_string(row_index, col, str(value))
            sheet.autofilter(0, 0, rows, len(kinds) - 1)
            sheet.write_string(rows + 1, 0, "Total", bold)
            sheet.write_number(rows + 1, 1, rows)
        workbook.close()
    finally:
        db.close()
    return rows


_RUNNERS = {"roster": run_roster, "openpyxl-raw": run_openpyxl_raw, "xlsxwriter": run_xlsxwriter}
_SERVICE_RUNNERS = {"export-service": run_service, "export-xlsxwriter": run_service_xlsxwriter}
SERVICE_ENGINES = tuple(_SERVICE_RUNNERS)


def measure_here(engine: str, count: int) -> tuple[float, int]:
    """Run one engine in this process: (seconds, peak RSS in KiB). Service engines time the export only."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.xlsx"
        if engine in _SERVICE_RUNNERS:
            roster_db = _roster_copy(count, Path(folder))
            started = time.perf_counter()
            _SERVICE_RUNNERS[engine](target, roster_db)
        else:
            started = time.perf_counter()
            _RUNNERS[engine](target, count)
        seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(engine: str, count: int) -> tuple[float, int]:
    """Run one engine in a fresh interpreter so its peak memory is its own."""
    done = subprocess.run([sys.executable, "-m", "bench.export_bench", "--one", engine, str(count)],
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    seconds, peak = done.stdout.split()[-2:]
    return float(seconds), int(peak)


def _print_rows(title: str, engines: Sequence[str], sizes: Sequence[int], reference: str) -> None:
    print(title)
    print(f"{'rows':>8} {'engine':<18} {'seconds':>8} {'vs xlsxwriter':>14} {'peak RSS MiB':>13}")
    for count in sizes:
        results = {engine: measure(engine, count) for engine in engines}
        base = results[reference][0]
        for engine, (seconds, peak) in results.items():
            print(f"{count:>8} {engine:<18} {seconds:>8.2f} {seconds / base:>13.2f}x {peak / 1024:>13.1f}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Print seconds, ratio to xlsxwriter and peak RSS: the writer alone, then the whole service."""
    import openpyxl

    parser = argparse.ArgumentParser(prog="python -m bench.export_bench")
    parser.add_argument("--rows", type=int, nargs="*", default=list(SIZES), help="synthetic rows for the writer")
    parser.add_argument("--persons", type=int, nargs="*", default=list(SIZES), help="roster sizes for the service")
    args = parser.parse_args(argv)
    print(f"Export bench: openpyxl {openpyxl.__version__} (lxml: {openpyxl.LXML})")
    if args.rows:
        _print_rows("The writer: 20 columns of synthetic values", ENGINES, args.rows, "xlsxwriter")
    if args.persons:
        _print_rows("The service: every person of a seeded roster, full-roster profile (36 columns), from the "
                    "database", SERVICE_ENGINES, args.persons, "export-xlsxwriter")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        elapsed, peak_kib = measure_here(sys.argv[2], int(sys.argv[3]))
        print(f"{elapsed:.3f} {peak_kib}")
    else:
        sys.exit(main())
