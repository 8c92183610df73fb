"""Bench: a whole import (read, map, validate, duplicate check, commit) against a plain read of the same file.

Files of 1,000, 10,000 and 100,000 rows x 20 columns (Cyrillic, Latin and Arabic names, dates
as date cells and as text, passport numbers with leading zeros, phones, yes/no, households)
are written once with xlsxwriter under bench/out/. Each measurement runs in its own
subprocess so that its peak memory (ru_maxrss) is its own:

- plain: python-calamine reading every cell of the sheet (the fastest plain reader here);
- import: `preview_import` + `commit_import` into a fresh roster database (file on disk).

`--digest` prints, after each import, the SHA-256 of every table's rows in key order with what a run
draws anew left out (UUIDs, times, the audit chain's hashes): a change to the import's writers must
leave it as it was on the same workbook.

`main()` prints seconds, CPU seconds (preview and commit apart), the ratios import/plain and peak RSS.
Targets (issues 5, 19): the import of 100,000 rows within 5x of the plain read, peak memory under 500 MB.
Run: `python -m bench.import_bench [--sizes 1000 10000]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


# Drawn anew by every run: UUIDs (and the audit entry naming the operation by its UUID), times, the audit chain.
VOLATILE_COLUMNS = frozenset({"uuid", "at", "created_at", "updated_at", "prev_hash", "hash", "content_digest",
                              "entity_key"})
_DRAWN_TRAIL = re.compile(r'"trail": "[0-9a-f]+"')  # the audit trail's own id, drawn with its first entry


def table_digests(path: Path) -> dict[str, str]:
    """Each table's SHA-256: its rows in key order, VOLATILE_COLUMNS left out."""
    digests: dict[str, str] = {}
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")]
        for table in tables:
            info = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
            kept = [column[1] for column in info if column[1] not in VOLATILE_COLUMNS]
            key = [column[1] for column in sorted(info, key=lambda column: column[5]) if column[5]]
            columns = ", ".join(f'"{column}"' for column in kept)
            order = ", ".join(f'"{column}"' for column in key) if key else "rowid"
            digest = hashlib.sha256()
            for row in connection.execute(f'SELECT {columns} FROM "{table}" ORDER BY {order}'):
                digest.update(_DRAWN_TRAIL.sub('"trail": ""', repr(row)).encode())
            digests[table] = digest.hexdigest()
    finally:
        connection.close()
    return digests


def run_import(path: Path, digest: bool = False, keep: Path | None = None) -> dict[str, Any]:
    from desktop_app.services import importing
    from desktop_app.services.settings import MissionSettings, save_mission
    from desktop_app.storage.db import open_database

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "roster.db")
        save_mission(db, MissionSettings("Cairo", "EGY"), operator="bench")
        started, cpu = time.perf_counter(), time.process_time()
        preview = importing.preview_import(db, path)
        previewed, preview_cpu = time.perf_counter(), time.process_time() - cpu
        result = importing.commit_import(db, preview, operator="bench")
        finished = time.perf_counter()
        cpu = time.process_time() - cpu
        db.close()
        tables = table_digests(Path(folder) / "roster.db") if digest else {}
        if keep is not None:
            shutil.copyfile(Path(folder) / "roster.db", keep)
    measured: dict[str, Any] = {"seconds": finished - started, "cpu": cpu, "preview": previewed - started,
                                "commit": finished - previewed, "preview_cpu": preview_cpu,
                                "commit_cpu": cpu - preview_cpu, "created": result.created,
                                "rejected": result.rejected}
    if digest:
        measured["digest"] = hashlib.sha256(json.dumps(tables, sort_keys=True).encode()).hexdigest()
        measured["tables"] = tables
    return measured


# What an import of new persons writes, in the order the floor writes it (households before their members).
WRITTEN_TABLES = ("households", "persons", "documents", "phones", "search_terms", "status_changes",
                  "operation_changes")


def run_write_floor(written: Path) -> dict[str, Any]:
    """The rows an import wrote (read from its roster `written`) written again with plain sqlite3 into a
    fresh roster: executemany by chunks of 2,000 rows in one transaction, the program's PRAGMAs. No
    Python import can write them for less; timed apart per table."""
    from desktop_app.storage.db import PAGE_CACHE_KIB, open_database

    source = sqlite3.connect(f"file:{written}?mode=ro", uri=True)
    rows = {table: ([column[1] for column in source.execute(f'PRAGMA table_info("{table}")')],
                    source.execute(f'SELECT * FROM "{table}"').fetchall()) for table in ("operations", *WRITTEN_TABLES)}
    source.close()
    columns, households = rows["households"]
    head = columns.index("head_person_id")
    rows["households"] = (columns, [(*r[:head], None, *r[head + 1:]) for r in households])  # persons come after
    measured: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "floor.db").close()
        connection = sqlite3.connect(Path(folder) / "floor.db", isolation_level=None)
        for pragma in ("foreign_keys = ON", "synchronous = FULL", f"cache_size = -{PAGE_CACHE_KIB}"):
            connection.execute(f"PRAGMA {pragma}")
        started, cpu = time.perf_counter(), time.process_time()
        connection.execute("BEGIN")
        for table in ("operations", *WRITTEN_TABLES):
            columns, values = rows[table]
            sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
            table_cpu = time.process_time()
            for start in range(0, len(values), 2000):
                connection.executemany(sql, values[start:start + 2000])
            measured[f"{table}_cpu"] = time.process_time() - table_cpu
            measured[f"{table}_rows"] = len(values)
        connection.execute("COMMIT")
        measured.update(seconds=time.perf_counter() - started, cpu=time.process_time() - cpu)
        connection.close()
    return measured


def _child(kind: str, path: str, keep: str | None = None) -> None:
    if kind == "plain":
        result = run_plain(Path(path))
    elif kind == "floor":
        result = run_write_floor(Path(path))
    else:
        result = run_import(Path(path), digest=kind == "import-digest", keep=Path(keep) if keep else None)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(kind: str, path: Path, *keep: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "bench.import_bench", "--child", kind, str(path), *map(str, keep)],
                          capture_output=True, text=True, check=True)
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return measured


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--digest", action="store_true", help="print the SHA-256 of the tables each import wrote")
    parser.add_argument("--floor", action="store_true",
                        help="also write the rows each import wrote with plain sqlite3 (the writing floor)")
    parser.add_argument("--child", nargs="+", metavar="KIND PATH", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    rows = []
    for size in args.sizes:
        path = build_file(size)
        plain = measure("plain", path)
        with tempfile.TemporaryDirectory() as folder:
            written = Path(folder) / "written.db"
            whole = measure("import-digest" if args.digest else "import", path, *([written] if args.floor else []))
            if args.floor:
                floor = measure("floor", written)
                tables = ", ".join(f"{t} {floor[t + '_rows']:,} rows {floor[t + '_cpu']:.2f} s" for t in WRITTEN_TABLES)
                print(f"{size:,} rows: plain sqlite3 writes the same rows in {floor['cpu']:.2f} s CPU "
                      f"({floor['cpu'] / plain['cpu']:.1f}x the plain read; {tables})")
        if args.digest:
            print(f"{size:,} rows: tables written {whole['digest']}")
        rows.append([f"{size:,}", plain["seconds"], whole["seconds"], whole["preview"], whole["commit"],
                     f"{whole['seconds'] / plain['seconds']:.1f}x", plain["cpu"], whole["cpu"], whole["preview_cpu"],
                     whole["commit_cpu"], f"{whole['cpu'] / plain['cpu']:.1f}x",
                     f"{plain['peak_mb']:.0f}", f"{whole['peak_mb']:.0f}", int(whole["created"])])
    print(table(["rows", "plain read s", "import s", "preview s", "commit s", "ratio", "plain CPU s", "import CPU s",
                 "preview CPU s", "commit CPU s", "CPU ratio", "plain MB", "import MB", "created"], rows))
    print("targets: import within 5x of the plain read at 100,000 rows (CPU); peak memory under 500 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
