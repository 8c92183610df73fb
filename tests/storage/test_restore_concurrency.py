"""Defect 2 of issue 12: a restore while another process adds persons in a loop (as `person add` run
again and again would). Every person the other process was told is saved is in the safety copy or
in the restored roster, and no confirmed case reference is ever handed to someone else."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from desktop_app.services import backups, demo
from desktop_app.storage.db import open_database

ADDER = textwrap.dedent('''
    import sys
    from pathlib import Path
    from desktop_app.domain.errors import RosterError
    from desktop_app.services import persons
    from desktop_app.storage.db import open_database

    db_path, stop, prefix = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    i = 0
    while not stop.exists():
        i += 1
        try:
            db = open_database(db_path)  # a new process each time, as the command line is
            try:
                person = persons.create_person(db, {"surname": f"{prefix}{i}"}, operator="loop")
            finally:
                db.close()
        except RosterError as exc:
            print(f"failed {i} {exc}", flush=True)
            continue
        print(f"confirmed {person.case_ref} {prefix}{i}", flush=True)  # what the command line would say
''')


def _people(path: Path) -> dict[str, str]:
    """case reference -> surname, read-only."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dict(connection.execute("SELECT case_ref, surname FROM persons"))


def _confirmed(lines: list[str]) -> dict[str, str]:
    return {parts[1]: parts[2] for parts in (line.split() for line in lines) if parts[0] == "confirmed"}


def test_no_confirmed_write_is_lost_and_no_reference_reissued(db_path: Path, tmp_path: Path) -> None:
    database = open_database(db_path)
    demo.fill_demo(database, households=60, operator="demo")
    folder = tmp_path / "bk"
    folder.mkdir()
    old = backups.backup_now(database, folder, operator="t")
    database.close()
    script = tmp_path / "adder.py"
    script.write_text(ADDER)
    confirmed: dict[str, str] = {}
    safety_copies: list[Path] = []
    for run in range(3):
        stop = tmp_path / f"stop-{run}"
        adder = subprocess.Popen([sys.executable, str(script), str(db_path), str(stop), f"Loop{run}x"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            seen = 0
            while seen < 8:  # let it get going: the restore must happen among its writes
                line = adder.stdout.readline() if adder.stdout else ""
                assert line, f"the adder stopped: {adder.stderr.read() if adder.stderr else ''}"
                seen += line.startswith("confirmed")
                assert time.monotonic() < deadline
            database = open_database(db_path)
            result = backups.restore_backup(database, old.path, operator="t", safety_folder=folder)
            result.database.close()
            safety_copies.append(result.safety_copy.path)
            time.sleep(1.5)  # more writes after the restore
        finally:
            stop.write_text("stop")
            out, err = adder.communicate(timeout=60)
        assert adder.returncode == 0, err
        lines = [line for line in out.splitlines() if line]
        confirmed.update(_confirmed(lines))
        final = _people(db_path)
        kept = {ref: name for copy in safety_copies for ref, name in _people(copy).items()}
        for ref, surname in _confirmed(lines).items():
            assert final.get(ref) == surname or kept.get(ref) == surname, f"{ref} {surname} was confirmed, then lost"
        for ref, surname in final.items():  # a reference the adder was given is never someone else's
            assert confirmed.get(ref, surname) == surname, f"{ref} handed out again: {surname} and {confirmed[ref]}"
    assert len(confirmed) >= 24
