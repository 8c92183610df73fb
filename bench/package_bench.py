"""Roster packages on a 100,000-person roster: export and import time and size, beside a plain backup.

A copy of the cached demo roster (bench/out) becomes site Cairo; an empty roster becomes site
Ramallah. Measured: the first whole package from Cairo (export: reading every record, counting
the field versions, signing, age encryption; its size), its import into the empty roster (every
record created, duplicate check skipped: nothing there before), a `--since-last` package after
100 edits and its import, and beside them SQLite's own online backup of the same roster (the
file a plain backup would carry) and its size gzip-compressed; each step's time is also given as a
multiple of that backup's ('x backup'), and in CPU seconds. The first import is undone as a whole
and imported again.

    python -m bench.package_bench                  # 100,000 persons
    python -m bench.package_bench --persons 10000
    python -m bench.package_bench --roster copy-of-a-roster.db   # any roster, copied first
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import seeded_roster, table
from desktop_app.services import packages, persons
from desktop_app.storage.db import open_database


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.package_bench")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--roster", type=Path, help="measure a copy of this roster instead of the demo one")
    args = parser.parse_args(argv)
    cached = args.roster if args.roster else seeded_roster(args.persons)[0]
    with tempfile.TemporaryDirectory(prefix="package-bench-") as folder:
        work = Path(folder)
        shutil.copy(cached, work / "cairo.db")
        cairo, ramallah = open_database(work / "cairo.db"), open_database(work / "ramallah.db")
        try:
            rows = _measure(work, cairo, ramallah)
        finally:
            cairo.close()
            ramallah.close()
    print(table(["step", "seconds", "CPU s", "x backup", "size", "note"], rows))
    return 0


class _Clock:
    """Wall and CPU seconds of one step (the CPU figure is what a loaded machine does not inflate)."""

    def __enter__(self) -> _Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def _row(step: str, clock: _Clock, size: str, note: str, backup: float | None) -> list[str]:
    ratio = f"{clock.wall / backup:.0f}x" if backup else ""
    return [step, f"{clock.wall:.1f}", f"{clock.cpu:.1f}", ratio, size, note]


def _measure(work: Path, cairo: object, ramallah: object) -> list[list[str]]:
    from sqlalchemy import select

    from desktop_app.storage.db import Database
    from desktop_app.storage.models import Person

    assert isinstance(cairo, Database) and isinstance(ramallah, Database)
    with _Clock() as clock:
        source = sqlite3.connect(work / "cairo.db")
        copy = sqlite3.connect(work / "plain-backup.db")
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
    backup = clock.wall
    plain = (work / "plain-backup.db").stat().st_size
    rows = [_row("plain SQLite backup (same roster)", clock, _mb(plain), "sqlite3 backup API", backup)]
    with _Clock() as clock, (work / "plain-backup.db").open("rb") as raw, \
            gzip.open(work / "plain-backup.db.gz", "wb", 6) as packed:
        shutil.copyfileobj(raw, packed)
    rows.append(_row("  and gzip of it", clock, _mb((work / "plain-backup.db.gz").stat().st_size), "level 6", None))
    packages.init_site(cairo, "Cairo", operator="bench", prefix="CAI")
    packages.init_site(ramallah, "Ramallah", operator="bench", prefix="RAM")
    packages.add_site(cairo, "Ramallah", packages.list_sites(ramallah)[0].public_line, operator="bench")
    packages.add_site(ramallah, "Cairo", packages.list_sites(cairo)[0].public_line, operator="bench")
    with _Clock() as clock:
        first = packages.export_package(cairo, work / "first.mrpkg", operator="bench", to=["Ramallah"])
    rows.append(_row("export, whole roster", clock, _mb((work / "first.mrpkg").stat().st_size),
                     f"{first.records:,} records ({first.counts.get('person', 0):,} persons)", backup))
    with _Clock() as clock:
        imported = packages.import_package(ramallah, work / "first.mrpkg", operator="bench")
    rows.append(_row("import into an empty roster", clock, "", f"{imported.created:,} persons created", backup))
    assert imported.operation_id is not None
    with _Clock() as clock:
        undone = packages.undo_package_import(ramallah, imported.operation_id, operator="bench")
    rows.append(_row("undo of that import", clock, "", f"{undone:,} records removed", backup))
    with _Clock() as clock:
        packages.import_package(ramallah, work / "first.mrpkg", operator="bench")
    rows.append(_row("import again after the undo", clock, "", "", backup))
    with cairo.reading() as session:
        ids = list(session.scalars(select(Person.id).where(Person.deleted_at.is_(None)).limit(100)))
    for person_id in ids:
        persons.update_person(cairo, person_id, {"notes": "bench edit"}, operator="bench")
    with _Clock() as clock:
        later = packages.export_package(cairo, work / "later.mrpkg", operator="bench", to=["Ramallah"],
                                        since_last=True)
    rows.append(_row("export --since-last after 100 edits", clock, _mb((work / "later.mrpkg").stat().st_size),
                     f"{later.records:,} records", backup))
    with _Clock() as clock:
        again = packages.import_package(ramallah, work / "later.mrpkg", operator="bench")
    rows.append(_row("import of that package", clock, "",
                     f"{again.updated:,} persons updated, {len(again.conflicts)} conflicts", backup))
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
