"""Bench: export of synthetic persons through `write_workbook` against xlsxwriter.

Each measurement runs in its own subprocess, so peak memory (ru_maxrss) is that engine's
alone: 10,000 and 100,000 rows of 20 columns (names in Cyrillic, Latin, dates, identifiers
with leading zeros, numbers, a share of risky text starting with '=' or '-'). Rows come from
a generator in every engine, as they do from the database. Engines:

- roster: `desktop_app.exchange.xlsx_writer.write_workbook` (openpyxl write-only),
- openpyxl-raw: the same values appended to a bare openpyxl write-only sheet (our overhead),
- xlsxwriter: constant_memory mode, typed writes, the same header, freeze and filter.

`main()` prints seconds, the ratio to xlsxwriter and peak RSS. Run: `python -m bench.export_bench`.
"""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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


_RUNNERS = {"roster": run_roster, "openpyxl-raw": run_openpyxl_raw, "xlsxwriter": run_xlsxwriter}


def measure_here(engine: str, count: int) -> tuple[float, int]:
    """Run one engine in this process: (seconds, peak RSS in KiB)."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        _RUNNERS[engine](Path(folder) / "bench.xlsx", count)
        seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(engine: str, count: int) -> tuple[float, int]:
    """Run one engine in a fresh interpreter so its peak memory is its own."""
    done = subprocess.run([sys.executable, "-m", "bench.export_bench", "--one", engine, str(count)],
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak)


def main(sizes: tuple[int, ...] = SIZES) -> None:
    """Print seconds, ratio to xlsxwriter and peak RSS for each engine and size."""
    import openpyxl

    print(f"Export bench: 20 columns; openpyxl {openpyxl.__version__} (lxml: {openpyxl.LXML})")
    print(f"{'rows':>8} {'engine':<14} {'seconds':>8} {'vs xlsxwriter':>14} {'peak RSS MiB':>13}")
    for count in sizes:
        results = {engine: measure(engine, count) for engine in ENGINES}
        reference = results["xlsxwriter"][0]
        for engine, (seconds, peak) in results.items():
            print(f"{count:>8} {engine:<14} {seconds:>8.2f} {seconds / reference:>13.2f}x {peak / 1024:>13.1f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        elapsed, peak_kib = measure_here(sys.argv[2], int(sys.argv[3]))
        print(f"{elapsed:.3f} {peak_kib}")
    else:
        main()
