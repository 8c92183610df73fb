"""Bench: a whole import (read, map, validate, duplicate check, commit) against a plain read of the same file.

Files of 1,000, 10,000 and 100,000 rows x 20 columns (Cyrillic, Latin and Arabic names, dates
as date cells and as text, passport numbers with leading zeros, phones, yes/no, households)
are written once with xlsxwriter under bench/out/. Each measurement runs in its own
subprocess so that its peak memory (ru_maxrss) is its own:

- plain: python-calamine reading every cell of the sheet (the fastest plain reader here);
- import: `preview_import` + `commit_import` into a fresh roster database (file on disk).

`main()` prints seconds, the ratio import/plain and peak RSS. Targets (issue 5): the import of
100,000 rows within 3x of the plain read, peak memory under 500 MB.
Run: `python -m bench.import_bench [--sizes 1000 10000]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import OUT, table

SIZES = (1_000, 10_000, 100_000)
HEADERS = ["Фамилия", "Имя", "Отчество", "Surname (Latin)", "Given names (Latin)", "Пол", "Дата рождения",
           "Место рождения", "Гражданство", "№ паспорта", "Действителен до", "Телефон", "E-mail", "Регион",
           "Населённый пункт", "Адрес", "Примечания", "Медицинские потребности", "Родство", "Семья"]
_SURNAMES = [("Иванов", "IVANOV"), ("Щербакова", "SHCHERBAKOVA"), ("حداد", "HADDAD"), ("Кузнецов", "KUZNETSOV"),
             ("أبو شنب", "ABU SHANAB"), ("Юсупова", "IUSUPOVA"), ("Haddad", "HADDAD"), ("Ёлкин", "ELKIN")]
_GIVEN = [("Пётр", "PETR"), ("Юлия", "IULIIA"), ("محمد", "MOHAMMED"), ("Анна", "ANNA"), ("Omar", "OMAR")]


def build_file(rows: int) -> Path:
    """The bench workbook of `rows` rows (cached under bench/out/)."""
    import xlsxwriter

    OUT.mkdir(exist_ok=True)
    path = OUT / f"import-{rows // 1000}k.xlsx"
    if path.exists():
        return path
    partial = path.with_suffix(".part.xlsx")
    with xlsxwriter.Workbook(partial, {"constant_memory": True}) as book:
        sheet = book.add_worksheet("Список")
        dates = book.add_format({"num_format": "dd.mm.yyyy"})
        sheet.write_string(0, 0, "Список эвакуируемых, Рафах")
        for column, header in enumerate(HEADERS):
            sheet.write_string(1, column, header)
        for i in range(rows):
            r = i + 2
            surname, surname_latin = _SURNAMES[i % len(_SURNAMES)]
            given, given_latin = _GIVEN[(i // 8) % len(_GIVEN)]
            born = dt.date(1940 + i % 80, 1 + i % 12, 1 + i % 28)
            values = [f"{surname}{i % 997}" if i % 3 else surname, given, "Сергеевич" if i % 2 else "",
                      surname_latin, given_latin, "М" if i % 2 else "F", None, "Gaza", "Россия" if i % 2 else "PSE",
                      f"{i:09d}", None, f"+2010{i % 10**8:08d}", f"person{i}@example.org", "Газа", "Рафах",
                      f"ул. {i % 300}, д. {i % 40}", "нужен инсулин" if i % 10 == 0 else "", "да" if i % 7 == 0
                      else "нет", "head" if i % 4 == 0 else "child", f"F-{i // 4:06d}"]
            for column, value in enumerate(values):
                if value:
                    sheet.write_string(r, column, value)
            if i % 2:
                sheet.write_datetime(r, 6, dt.datetime.combine(born, dt.time()), dates)
            else:
                sheet.write_string(r, 6, born.strftime("%d.%m.%Y"))
            sheet.write_datetime(r, 10, dt.datetime(2030, 1 + i % 12, 1), dates)
    partial.rename(path)
    return path


def run_plain(path: Path) -> dict[str, float]:
    import python_calamine

    started, cpu = time.perf_counter(), time.process_time()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    cells = sum(len(row) for row in book.get_sheet_by_index(0).to_python(skip_empty_area=False))
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "cells": cells}


def run_import(path: Path) -> dict[str, float]:
    from desktop_app.services import importing
    from desktop_app.services.settings import MissionSettings, save_mission
    from desktop_app.storage.db import open_database

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "roster.db")
        save_mission(db, MissionSettings("Cairo", "EGY"), operator="bench")
        started, cpu = time.perf_counter(), time.process_time()
        preview = importing.preview_import(db, path)
        previewed = time.perf_counter()
        result = importing.commit_import(db, preview, operator="bench")
        finished = time.perf_counter()
        cpu = time.process_time() - cpu
        db.close()
    return {"seconds": finished - started, "cpu": cpu, "preview": previewed - started, "commit": finished - previewed,
            "created": result.created, "rejected": result.rejected}


def _child(kind: str, path: str) -> None:
    result = (run_plain if kind == "plain" else run_import)(Path(path))
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(kind: str, path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-m", "bench.import_bench", "--child", kind, str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    rows = []
    for size in args.sizes:
        path = build_file(size)
        plain = measure("plain", path)
        whole = measure("import", path)
        rows.append([f"{size:,}", plain["seconds"], whole["seconds"], whole["preview"], whole["commit"],
                     f"{whole['seconds'] / plain['seconds']:.1f}x", f"{whole['cpu'] / plain['cpu']:.1f}x",
                     f"{plain['peak_mb']:.0f}", f"{whole['peak_mb']:.0f}", int(whole["created"])])
    print(table(["rows", "plain read s", "import s", "preview s", "commit s", "ratio", "CPU ratio", "plain MB",
                 "import MB", "created"], rows))
    print("targets: import within 3x of the plain read at 100,000 rows; peak memory under 500 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
