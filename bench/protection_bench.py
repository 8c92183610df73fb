"""What protection costs: encryption (bulk insert and search on an encrypted roster against the same
work on a plain one; target within 1.3x) and backup (seconds and MB for a roster of N persons, against
sqlite3's own backup of the plain file).

    python -m bench.protection_bench [--persons 100000] [--insert 2000] [--searches 200]

Both rosters are copies of the cached demo roster (bench/common.py), one encrypted in place.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.common import seeded_roster
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import roster
from desktop_app.services.persons import new_person
from desktop_app.storage.backup import backup_database
from desktop_app.storage.db import Database, encrypt_database, open_database

PASSPHRASE = "benchmark passphrase 2023"
SURNAMES = ["Иванов", "Petrov", "حداد", "Смирнова", "Haddad", "Кузнецов", "Al Masri", "Орлова"]
GIVEN = ["Иван", "Nour", "محمد", "Мария", "Omar", "Анна", "Sara", "Олег"]
# Searches as officers type them on the demo roster: Cyrillic and Latin prefixes, spaced passport starts.
SEARCHES = ["щерб", "иван", "алек", "петр", "смир", "воро", "соко", "михай", "захар", "орло"]
LATIN = ["shch", "ivan", "alek", "petr", "abu", "haddad", "kuzn", "orlo"]


def _insert(db: Database, count: int, offset: int = 0) -> None:
    with db.transaction() as session:
        for i in range(offset, offset + count):
            new_person(session, {"surname": f"{SURNAMES[i % 8]}{i // 8}", "given_names": GIVEN[(i * 7) % 8],
                                 "birth_date": f"19{50 + i % 50}-0{1 + i % 9}-1{i % 9}", "sex": "MF"[i % 2]},
                       "bench", documents=[DocumentData.create(DocumentType.FOREIGN_PASSPORT, f"75{i:07d}", "RUS")],
                       phones=[f"+7916{i % 10_000_000:07d}"], audit_entry=False)


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _searches(db: Database, count: int) -> float:
    """Median seconds of a search (prefix of a name) plus fetching the first page of rows."""
    times = []
    for i in range(count):
        text = [SEARCHES[i % len(SEARCHES)], LATIN[i % len(LATIN)], f"7{i % 8} {i % 10}"][i % 3]

        def one(text: str = text) -> None:
            ids = roster.search_ids(db, roster.RosterQuery(text=text))
            roster.fetch_rows(db, ids[:100])

        times.append(_timed(one))
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000, help="roster size (the cached demo roster)")
    parser.add_argument("--insert", type=int, default=2_000, help="persons inserted for the insert figures")
    parser.add_argument("--searches", type=int, default=200)
    args = parser.parse_args(argv)
    source, _ = seeded_roster(args.persons)
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        plain_path, secret_path = folder / "plain.db", folder / "secret.db"
        for copy in (plain_path, secret_path):
            with contextlib.closing(sqlite3.connect(source)) as original, \
                    contextlib.closing(sqlite3.connect(copy)) as target:
                original.backup(target)
        encrypting = _timed(lambda: encrypt_database(secret_path, PASSPHRASE))
        plain, secret = open_database(plain_path), open_database(secret_path, passphrase=PASSPHRASE)
        persons = roster.count(plain, roster.RosterQuery())
        rows.append((f"encrypt a {persons:,}-person roster in place", "", f"{encrypting:.2f} s", ""))
        search_plain, search_secret = _searches(plain, args.searches), _searches(secret, args.searches)
        rows.append((f"search + first page, median of {args.searches} ({persons:,} persons)",
                     f"{search_plain * 1000:.2f} ms", f"{search_secret * 1000:.2f} ms",
                     f"{search_secret / search_plain:.2f}x"))
        insert_plain = _timed(lambda: _insert(plain, args.insert, 10_000_000))
        insert_secret = _timed(lambda: _insert(secret, args.insert, 10_000_000))
        rows.append((f"insert {args.insert:,} persons (one transaction)", f"{insert_plain:.2f} s",
                     f"{insert_secret:.2f} s", f"{insert_secret / insert_plain:.2f}x"))
        backups = folder / "backups"
        backups.mkdir()
        raw_copy = folder / "raw.db"

        def raw_backup() -> None:
            with contextlib.closing(sqlite3.connect(plain_path)) as original, \
                    contextlib.closing(sqlite3.connect(raw_copy)) as target:
                original.backup(target)

        raw = _timed(raw_backup)
        info_plain: list[object] = []
        info_secret: list[object] = []
        ours_plain = _timed(lambda: info_plain.append(backup_database(plain, backups)))
        ours_secret = _timed(lambda: info_secret.append(backup_database(secret, backups)))
        size = raw_copy.stat().st_size / 1e6
        rows.append((f"backup of {persons:,} persons: sqlite3 .backup (plain)", f"{raw:.2f} s", "",
                     f"{size:.0f} MB"))
        rows.append(("backup_database, checked (plain | encrypted)", f"{ours_plain:.2f} s", f"{ours_secret:.2f} s",
                     f"{ours_plain / raw:.2f}x | {ours_secret / raw:.2f}x of raw, "
                     f"{info_secret[0].size / 1e6:.0f} MB"))  # type: ignore[attr-defined]
        plain.close()
        secret.close()
    width = max(len(r[0]) for r in rows)
    print(f"{'protection':<{width}}  {'plain':>10}  {'encrypted':>10}  ratio")
    for name, a, b, ratio in rows:
        print(f"{name:<{width}}  {a:>10}  {b:>10}  {ratio}")
    print("target: encrypted within 1.3x of plain")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
