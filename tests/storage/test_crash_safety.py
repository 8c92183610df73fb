"""Nothing acknowledged is lost: a child process is killed (SIGKILL) in the middle of an import, a
reconcile apply and a merge; on reopening, the integrity check passes and the operation is whole or
absent. An acknowledged import survives a kill right after it returned."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pytest

from desktop_app.services import audit, demo, lists, persons
from desktop_app.storage.db import open_database

pytestmark = pytest.mark.posix_only("SIGKILL of a child process")

CHILD = textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from sqlalchemy import event
    from desktop_app.storage.db import open_database

    db_path, operation, marker, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    db = open_database(db_path)

    def inside() -> None:
        """Tell the parent we are inside the transaction, then wait to be killed."""
        marker.write_text("inside")
        time.sleep(120)

    if stop == "before-commit":
        event.listen(db.engine, "commit", lambda connection: inside())

    if operation == "import":
        from desktop_app.services.importing import commit_import, preview_import
        preview = preview_import(db, sys.argv[5])

        def progress(done: int, total: int) -> bool:
            if stop == "half-way" and done >= total // 2 > 0:
                inside()
            return True

        commit_import(db, preview, operator="crash", progress=progress)
    elif operation == "merge":
        from desktop_app.services.duplicates import merge_persons
        merge_persons(db, int(sys.argv[5]), int(sys.argv[6]), operator="crash")
    elif operation == "reconcile":
        from desktop_app.domain.lists import Answer
        from desktop_app.services.reconciling import reconcile_answer
        from desktop_app.services.reconciling import apply_reconciliation
        reconciliation = reconcile_answer(db, sys.argv[5], list_id=int(sys.argv[6]), default_answer=Answer.APPROVED)
        apply_reconciliation(db, reconciliation, operator="crash")
    print("acknowledged", flush=True)
    marker.write_text("acknowledged")
    time.sleep(120)
''')


def _counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                             "AND name NOT LIKE 'sqlite_%'")]
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _run_child(tmp_path: Path, db_path: Path, stop: str, *args: str) -> str:
    """Start the child, wait until it says where it is, SIGKILL it; return what it said."""
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    marker = tmp_path / f"marker-{stop}-{db_path.stem}"
    marker.unlink(missing_ok=True)
    child = subprocess.Popen([sys.executable, str(script), str(db_path), args[0], str(marker), stop, *args[1:]],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            if child.poll() is not None:
                raise AssertionError(f"the child ended early: {child.stderr.read().decode() if child.stderr else ''}")
            assert time.monotonic() < deadline, "the child never reached the point to kill"
            time.sleep(0.05)
        time.sleep(0.2)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        return marker.read_text()
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()


def _check_whole_or_absent(tmp_path: Path, db_path: Path, operation: str, *args: str) -> None:
    before = _counts(db_path)
    reference = tmp_path / "reference.db"
    shutil.copy(db_path, reference)
    assert _run_child(tmp_path, reference, "never", operation, *args) == "acknowledged"
    whole = _counts(reference)
    assert whole != before, "the operation must change something for this test to mean anything"
    assert _run_child(tmp_path, db_path, "before-commit", operation, *args) == "inside"
    reopened = open_database(db_path)  # recovers the WAL
    try:
        assert audit.verify_chain(reopened).intact
    finally:
        reopened.close()
    after = _counts(db_path)
    assert after in (before, whole), {k: (before.get(k), after.get(k)) for k in after if after[k] != before.get(k)}
    assert after == before  # killed before its commit: absent


def _import_file(tmp_path: Path, rows: int) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Surname", "Given names", "Date of birth", "Sex", "Passport number", "Phone"])
    for i in range(rows):
        sheet.append([f"Testov{i}", "Ivan", f"19{50 + i % 50}-0{1 + i % 9}-1{i % 9}", "M", f"75{i:07d}",
                      f"+7916{i:07d}"])
    path = tmp_path / "import.xlsx"
    workbook.save(path)
    return path


@pytest.fixture
def demo_file(db_path: Path) -> Path:
    database = open_database(db_path)
    demo.fill_demo(database, households=10, operator="demo")
    database.close()
    return db_path


def test_import_killed_before_commit_is_absent(tmp_path: Path, demo_file: Path) -> None:
    _check_whole_or_absent(tmp_path, demo_file, "import", str(_import_file(tmp_path, 400)))


def test_import_killed_half_way_is_absent_and_an_acknowledged_one_is_kept(tmp_path: Path, demo_file: Path) -> None:
    source = _import_file(tmp_path, 400)
    before = _counts(demo_file)
    assert _run_child(tmp_path, demo_file, "half-way", "import", str(source)) == "inside"
    assert _counts(demo_file) == before
    assert _run_child(tmp_path, demo_file, "never", "import", str(source)) == "acknowledged"
    after = _counts(demo_file)
    assert after["persons"] == before["persons"] + 400
    assert after["operations"] == before["operations"] + 1


def test_merge_killed_before_commit_is_absent(tmp_path: Path, demo_file: Path) -> None:
    database = open_database(demo_file)
    keep = persons.create_person(database, {"surname": "Khalil", "given_names": "Omar", "birth_date": "1980-01-02"},
                                 operator="t")
    other = persons.create_person(database, {"surname": "Khalil", "given_names": "Omar",
                                             "birth_date": "1980-01-02"}, operator="t", phones=["+972599000111"])
    database.close()
    _check_whole_or_absent(tmp_path, demo_file, "merge", str(keep.id), str(other.id))


def test_reconcile_apply_killed_before_commit_is_absent(tmp_path: Path, demo_file: Path) -> None:
    database = open_database(demo_file)
    target = next(s for s in lists.all_lists(database) if s.members and s.pending)
    members = [persons.get_person(database, m.person_id) for m in lists.members(database, target.id)
               if m.answer == "pending"]
    database.close()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Case ref", "Surname", "Given names", "Date of birth", "Decision"])
    for member in members:
        sheet.append([member.case_ref, member.value("surname_latin"), member.value("given_names_latin"),
                      member.birth_date.iso() if member.birth_date else "", "approved"])
    answer = tmp_path / "answer.xlsx"
    workbook.save(answer)
    _check_whole_or_absent(tmp_path, demo_file, "reconcile", str(answer), str(target.id))
