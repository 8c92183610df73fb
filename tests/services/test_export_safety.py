"""Issue 12's defects about files the program writes, each replayed as its report gives it:

1. a report path naming the roster, one of its working files or the file being read is refused
   with one line and nothing changes (checksums of every file before and after);
3. a failed export (the write lock held by another process) leaves the previous export as it was;
4. a password export killed (SIGKILL) at any point never leaves a file without its audit entry;
6. no plain personal data in any temporary or partial file, even after a kill;
16. NUL bytes, BOMs and UTF-16 in password files; output into a closed pipe.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from sqlalchemy import event

from desktop_app import cli
from desktop_app.domain.errors import DatabaseError
from desktop_app.output_files import OutputError
from desktop_app.services import audit, demo, exporting
from desktop_app.storage.db import open_database
from tests.storage.test_output_files import fill, small_filesystem

PASSWORD = "Kair0-2023"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo roster of more than 1,000 persons (the export reports progress every 1,000 rows)."""
    path = tmp_path_factory.mktemp("demo") / "roster.db"
    database = open_database(path)
    demo.fill_demo(database, households=300, operator="demo")
    database.close()
    settled = _cli(path.parent, "stats")  # what a first open does (planner statistics) is done once here
    assert settled.returncode == 0, settled.stderr
    return path


@pytest.fixture
def work(tmp_path: Path, demo_roster: Path) -> Path:
    """A folder with a copy of the demo roster, an import file with rejected rows, and a partner's answer."""
    folder = tmp_path / "work"
    folder.mkdir()
    for sibling in demo_roster.parent.iterdir():
        if sibling.name.startswith(demo_roster.name):
            shutil.copy(sibling, folder / sibling.name)
    (folder / "list.csv").write_text("Surname,Given names,Date of birth,Sex\nIvanov,Ivan,1980-01-01,M\n"
                                     "Petrov,Petr,31.02.1980,X\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Surname", "Given names", "Date of birth", "Sex"])
    sheet.append(["Ivanova", "Anna", "1990-02-03", "F"])
    sheet.append(["Petrova", "Olga", "31.02.1980", "Q"])
    book.save(folder / "list.xlsx")
    answer = openpyxl.Workbook()
    sheet = answer.active
    sheet.append(["Name", "Date of birth", "Passport No", "Decision"])
    sheet.append(["JOHN NOBODY", "1970", "X1", "approved"])
    answer.save(folder / "answer.xlsx")
    return folder


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file of `folder` by name: its SHA-256 (a symlink: where it points)."""
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            seen[path.name] = "-> " + os.readlink(path)
        elif path.is_file():
            seen[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def _cli(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mission-roster --db roster.db ARGS` run as the officer would, in `folder`."""
    return subprocess.run([sys.executable, "-m", "desktop_app", "--db", "roster.db", "--operator", "t", *args],
                          cwd=folder, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


def _export_entries(roster: Path) -> list[dict[str, object]]:
    with contextlib.closing(sqlite3.connect(roster)) as connection:
        return [json.loads(changes) for (changes,) in connection.execute(
            "SELECT changes FROM audit_entries WHERE action = 'export' AND entity = 'export' ORDER BY id")]


# --- defect 1: a report path overwrites any file, the roster included ---------------------------------

@pytest.mark.parametrize(("args", "says"), [
    (("import", "list.csv", "--dry-run", "--reject-report", "roster.db"), "roster.db: is the roster itself"),
    (("import", "list.csv", "--dry-run", "--reject-report", "list.csv"), "list.csv: is the file being read"),
    (("import", "list.csv", "--reject-report", "list.csv", "--overwrite"), "list.csv: is the file being read"),
    (("import", "list.xlsx", "--reject-report", "list.xlsx", "--overwrite"), "list.xlsx: is the file being read"),
    (("import", "list.csv", "--reject-report", "link.xlsx", "--overwrite"), "link.xlsx: is the roster itself"),
    (("import", "list.csv", "--reject-report", "hard.xlsx", "--overwrite"), "hard.xlsx: is the roster itself"),
    (("import", "list.csv", "--reject-report", "roster.db-wal", "--overwrite"), "working file of the roster"),
    (("import", "list.xlsx", "--reject-report", "list-alias.xlsx", "--overwrite"), "is the file being read"),
    (("reconcile", "answer.xlsx", "--report", "roster.db"), "roster.db: is the roster itself"),
    (("reconcile", "answer.xlsx", "--report", "answer.xlsx", "--overwrite"), "answer.xlsx: is the file being read"),
    (("export", "roster.db", "--overwrite"), "roster.db: is the roster itself"),
    (("export", "hard.xlsx", "--overwrite"), "hard.xlsx: is the roster itself"),
])
def test_a_report_path_never_replaces_the_roster_or_the_file_being_read(work: Path, args: tuple[str, ...],
                                                                        says: str) -> None:
    (work / "link.xlsx").symlink_to("roster.db")
    os.link(work / "roster.db", work / "hard.xlsx")
    os.link(work / "list.xlsx", work / "list-alias.xlsx")
    before = _snapshot(work)
    done = _cli(work, *args)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("mission-roster: ") and says in done.stderr
    assert _snapshot(work) == before  # nothing imported, nothing written, the roster byte for byte


def test_an_existing_file_is_replaced_only_with_overwrite(work: Path) -> None:
    first = _cli(work, "export", "out.xlsx", "--json")
    assert first.returncode == 0, first.stderr
    written = (work / "out.xlsx").read_bytes()
    again = _cli(work, "export", "out.xlsx")
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert "out.xlsx: already exists" in again.stderr and "--overwrite" in again.stderr
    assert (work / "out.xlsx").read_bytes() == written and len(_export_entries(work / "roster.db")) == 1
    replaced = _cli(work, "export", "out.xlsx", "--overwrite", "--json")
    assert replaced.returncode == 0, replaced.stderr
    digest = json.loads(replaced.stdout)["sha256"]
    assert hashlib.sha256((work / "out.xlsx").read_bytes()).hexdigest() == digest
    assert [e["sha256"] for e in _export_entries(work / "roster.db")] == [json.loads(first.stdout)["sha256"], digest]
    for args in (("import", "list.csv", "--dry-run", "--reject-report", "out.xlsx"),
                 ("reconcile", "answer.xlsx", "--report", "out.xlsx")):
        refused = _cli(work, *args)
        assert refused.returncode == 1 and "out.xlsx: already exists" in refused.stderr
    assert hashlib.sha256((work / "out.xlsx").read_bytes()).hexdigest() == digest


# --- defect 3: a failed export deletes the previous file at that path -----------------------------------

@contextlib.contextmanager
def _write_lock_held_elsewhere(roster: Path) -> Iterator[None]:
    """Another process holding the roster's write lock (BEGIN IMMEDIATE) until we are done."""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sqlite3, sys, time
        connection = sqlite3.connect(sys.argv[1], isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        time.sleep(300)
        """), str(roster)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.communicate()


def test_a_failed_export_leaves_the_previous_one_untouched(work: Path) -> None:
    roster, out = work / "roster.db", work / "out.xlsx"
    database = open_database(roster)
    first = exporting.export_persons(database, out, operator="t", password=PASSWORD)
    database.close()
    before = out.read_bytes()
    waiting = open_database(roster)

    @event.listens_for(waiting.engine, "connect")
    def _wait_less(dbapi_connection: sqlite3.Connection, _record: object) -> None:  # not the full 10 s
        dbapi_connection.execute("PRAGMA busy_timeout = 300")

    waiting.engine.pool.dispose()
    try:
        with _write_lock_held_elsewhere(roster), pytest.raises(DatabaseError, match="busy"):
            exporting.export_persons(waiting, out, operator="t", password=PASSWORD, overwrite=True)
    finally:
        waiting.close()
    assert out.read_bytes() == before  # the first, audited file is still there
    assert [e["sha256"] for e in _export_entries(roster)] == [first.sha256]
    assert sorted(p.name for p in work.iterdir() if p.name.startswith(".out")) == []  # no partial left


@pytest.mark.posix_only("mounts a small tmpfs (root)", linux=True)
def test_an_export_to_a_full_disk_fails_cleanly_with_the_old_file_intact(work: Path, tmp_path: Path) -> None:
    roster = work / "roster.db"
    with small_filesystem(tmp_path / "stick", "1m") as stick:
        out = stick / "out.xlsx"
        out.write_bytes(b"the previous export")
        fill(stick, 16 * 1024)  # the full roster's workbook needs far more
        database = open_database(roster)
        try:
            with pytest.raises(OutputError, match=r"out\.xlsx: cannot write the file \(the disk is full\)"):
                exporting.export_persons(database, out, operator="t", overwrite=True)
        finally:
            database.close()
        assert out.read_bytes() == b"the previous export"
        assert sorted(p.name for p in stick.iterdir()) == ["filler", "out.xlsx"]
    assert _export_entries(roster) == []  # nothing recorded for a file that never appeared


# --- defects 4 and 6: a kill at any point; no plain data in a temporary file -------------------------------

CHILD = textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    from desktop_app.services import exporting
    from desktop_app.storage.db import open_database
    from desktop_app.storage.models import AuditEntry

    roster, out, marker, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    database = open_database(roster)
    auditing = []

    def inside() -> None:
        """Tell the parent where we are, then wait to be killed."""
        marker.write_text(stop)
        time.sleep(300)

    @event.listens_for(Session, "before_commit")
    def before_commit(session: Session) -> None:
        if any(isinstance(entry, AuditEntry) and entry.action == "export" for entry in session.new):
            auditing.append(True)
            if stop == "before-commit":
                inside()

    @event.listens_for(Session, "after_commit")
    def after_commit(session: Session) -> None:
        if auditing and stop == "after-commit":
            inside()

    def progress(done: int, total: int) -> bool:
        if stop == "writing" and done >= 1000:
            inside()
        return True

    exporting.export_persons(database, out, operator="kill", password="Kair0-2023", progress=progress,
                             overwrite=True)
    marker.write_text("acknowledged")
    time.sleep(300)
''')


def _kill_child_at(work: Path, stop: str, env: dict[str, str]) -> None:
    script, marker = work.parent / "child.py", work.parent / f"marker-{stop}"
    script.write_text(CHILD)
    child = subprocess.Popen([sys.executable, str(script), str(work / "roster.db"), str(work / "out.xlsx"),
                              str(marker), stop], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(REPO), **env})
    try:
        deadline = time.monotonic() + 240
        while not marker.exists() or not marker.read_text():  # exists, then written: wait for its words
            if child.poll() is not None:
                raise AssertionError(f"the child ended early: {child.stderr.read().decode() if child.stderr else ''}")
            assert time.monotonic() < deadline, f"the child never reached {stop}"
            time.sleep(0.02)
        assert marker.read_text() == stop
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()


def _names(roster: Path) -> list[bytes]:
    with contextlib.closing(sqlite3.connect(roster)) as connection:
        rows = connection.execute("SELECT surname, given_names FROM persons WHERE length(surname) > 4 "
                                  "ORDER BY id LIMIT 40").fetchall()
    return [f"{surname} {given}".encode() for surname, given in rows] + [s.encode() for s, _ in rows]


def _plain_names_in(folder: Path, names: list[bytes]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            found += [f"{path.name}: {name.decode()}" for name in names if name in data]
    return found


def _decrypts(path: Path) -> bool:
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=PASSWORD)
        plain = io.BytesIO()
        office.decrypt(plain)
    return openpyxl.load_workbook(plain, read_only=True) is not None


@pytest.mark.posix_only("SIGKILL of a child process")
@pytest.mark.parametrize("stop", ["writing", "before-commit", "after-commit", "acknowledged"])
def test_a_killed_password_export_never_leaves_a_file_without_its_entry_nor_plain_names(
        work: Path, tmp_path: Path, stop: str) -> None:
    roster, out = work / "roster.db", work / "out.xlsx"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    database = open_database(roster)
    first = exporting.export_persons(database, out, operator="t", password=PASSWORD)  # the previous export
    database.close()
    names = _names(roster)
    assert names and not _plain_names_in(work / "out.xlsx", names)  # the check can see plain names at all:
    assert _plain_names_in(roster.parent, names)  # (the roster itself holds them in plain)

    _kill_child_at(work, stop, {"TMPDIR": str(scratch)})

    reopened = open_database(roster)
    try:
        assert audit.verify_chain(reopened).intact
    finally:
        reopened.close()
    recorded = [e["sha256"] for e in _export_entries(roster)]
    on_disk = hashlib.sha256(out.read_bytes()).hexdigest()
    assert on_disk in recorded  # whatever the point: the file there has its entry
    expected = {"writing": ([first.sha256], first.sha256), "before-commit": ([first.sha256], first.sha256)}
    if stop in expected:
        assert (recorded, on_disk) == expected[stop]
    elif stop == "after-commit":  # recorded, not yet in place: an entry without its file, never the reverse
        assert len(recorded) == 2 and on_disk == first.sha256
    else:
        assert len(recorded) == 2 and on_disk == recorded[1]
    assert _decrypts(out)
    assert _plain_names_in(scratch, names) == []  # nothing under TMPDIR holds a name
    assert [p for p in work.iterdir() if p.name not in ("list.csv", "list.xlsx", "answer.xlsx")
            and not p.name.startswith("roster.db") and _plain_names_in(p, names)] == []


@pytest.mark.posix_only("SIGKILL of a child process")
def test_the_command_killed_once_the_file_appears_has_already_recorded_it(work: Path, tmp_path: Path) -> None:
    (work / "pw.txt").write_text(PASSWORD + "\n")
    out = work / "fresh.xlsx"
    command = [sys.executable, "-m", "desktop_app", "--db", "roster.db", "export", "fresh.xlsx",
               "--password-file", "pw.txt"]
    child = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path)})
    try:
        while not out.exists() and child.poll() is None:
            time.sleep(0.001)
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        child.communicate()
    assert out.exists()
    assert hashlib.sha256(out.read_bytes()).hexdigest() in [e["sha256"] for e in _export_entries(work / "roster.db")]


# --- from 16: password files, closed pipes -------------------------------------------------------------------

@pytest.mark.parametrize(("content", "password"), [
    (codecs.BOM_UTF8 + b"Kair0-2023\r\n", PASSWORD),  # Notepad's UTF-8
    ("Kair0-2023\r\n".encode("utf-16"), PASSWORD),  # PowerShell's Out-File (UTF-16 with its BOM)
    ("Пароль-2023\n".encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), "Пароль-2023"),
])
def test_password_files_with_a_bom_or_in_utf16_are_read(work: Path, content: bytes, password: str) -> None:
    (work / "pw.txt").write_bytes(content)
    assert cli.main(["--db", str(work / "roster.db"), "export", str(work / "p.xlsx"), "--password-file",
                     str(work / "pw.txt")]) == 0
    with (work / "p.xlsx").open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=password)
        office.decrypt(io.BytesIO())


@pytest.mark.parametrize("option", ["--password-file", "--passphrase-file"])
def test_a_nul_byte_in_a_password_or_passphrase_file_is_one_clear_line(work: Path, option: str) -> None:
    (work / "pw.txt").write_bytes(b"Kair0\x00-2023\n")
    args = (["export", "p.xlsx", "--password-file", "pw.txt"] if option == "--password-file"
            else ["--passphrase-file", "pw.txt", "stats"])
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", "roster.db", *args], cwd=work,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "pw.txt: the " in done.stderr and "NUL character" in done.stderr
    assert not (work / "p.xlsx").exists()


@pytest.mark.parametrize("args", [("stats",), ("search", "--limit", "2000"), ("audit",)])
def test_output_into_a_closed_pipe_ends_quietly(work: Path, args: tuple[str, ...]) -> None:
    child = subprocess.Popen([sys.executable, "-m", "desktop_app", "--db", "roster.db", *args], cwd=work,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before the first line (`| head -0`)
    errors = child.stderr.read().decode()
    child.wait()
    child.stderr.close()
    assert child.returncode == cli.EXIT_BROKEN_PIPE and errors == ""
