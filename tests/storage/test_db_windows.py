"""The roster file where Windows and macOS put it (issue 21), simulated on Linux: a network share in the
mount table, a OneDrive folder, a swap that meets sharing violations or is killed half-way, a writer note
left behind, folders with spaces, `#` and Cyrillic in their names."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop_app import cli, system
from desktop_app.services import persons
from desktop_app.storage import first_look
from desktop_app.storage.db import (
    WRITER_SUFFIX,
    clean_stale_temporaries,
    connect_file,
    lock_holder,
    open_database,
    replace_file,
    writer_hint,
)

ROOT = Path(__file__).resolve().parents[2]


def roster_with_one_person(path: Path) -> None:
    db = open_database(path, holder="test")
    try:
        persons.create_person(db, {"surname": "Щербакова", "given_names": "Мария"}, operator="test")
    finally:
        db.close()


def journal_of(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])


def test_a_roster_on_a_network_share_uses_the_rollback_journal(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    share, local = tmp_path / "share", tmp_path / "local"
    share.mkdir()
    local.mkdir()
    table = tmp_path / "mounts"
    table.write_text(f"/dev/sda1 / ext4 rw 0 0\n//fs01/consular {share} cifs rw,vers=3.0 0 0\n", encoding="utf-8")
    monkeypatch.setattr(system, "MOUNTS_FILE", table)
    for folder in (share, local):
        roster_with_one_person(folder / "roster.db")
    assert journal_of(share / "roster.db") == "delete" and journal_of(local / "roster.db") == "wal"
    db = open_database(share / "roster.db")
    try:
        assert [str(w) for w in db.warnings if "rollback journal" in str(w)] and "cifs mount" in str(db.warnings[0])
        with db.raw_connection() as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        db.close()
    # A roster in WAL mode moved onto the share leaves WAL at its next opening.
    os.replace(local / "roster.db", share / "moved.db")
    open_database(share / "moved.db").close()
    assert journal_of(share / "moved.db") == "delete"


def test_a_wal_roster_still_open_elsewhere_on_the_share_opens_and_leaves_wal_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    share = tmp_path / "share"
    share.mkdir()
    roster_with_one_person(share / "roster.db")  # written in WAL mode before the share was known
    table = tmp_path / "mounts"
    table.write_text(f"//fs01/consular {share} cifs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(system, "MOUNTS_FILE", table)
    other = sqlite3.connect(share / "roster.db")  # an older version on another workstation, still open
    other.execute("SELECT count(*) FROM persons").fetchone()
    try:
        db = open_database(share / "roster.db")
        with db.reading() as session, db.raw_connection() as connection:
            assert session.execute(text("SELECT count(*) FROM persons")).scalar() == 1
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.close()
        assert "stays in WAL mode" in caplog.text
    finally:
        other.close()
    open_database(share / "roster.db").close()
    assert journal_of(share / "roster.db") == "delete"


def test_a_roster_in_a_onedrive_folder_is_warned_about(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - MFA" / "Documents"
    folder.mkdir(parents=True)
    roster_with_one_person(folder / "roster.db")
    db = open_database(folder / "roster.db")
    try:
        assert len(db.warnings) == 1 and "inside a OneDrive folder" in str(db.warnings[0])
    finally:
        db.close()
    local = open_database(tmp_path / "roster.db")
    try:
        assert local.warnings == []
    finally:
        local.close()


def test_the_command_line_shows_the_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "Dropbox (MFA)"
    folder.mkdir()
    roster_with_one_person(folder / "roster.db")
    assert cli.main(["--db", str(folder / "roster.db"), "stats"]) == 0
    captured = capsys.readouterr()
    assert f"warning: {folder / 'roster.db'} is inside a Dropbox folder" in captured.err
    assert "Dropbox" not in captured.out  # the command's own output stays as it was


def test_a_folder_with_spaces_hash_and_cyrillic_opens_and_is_read_before_the_database_layer(tmp_path: Path) -> None:
    folder = tmp_path / "Ростер #1 ?% (копия)"
    folder.mkdir()
    roster_with_one_person(folder / "roster.db")
    with contextlib.closing(connect_file(folder / "roster.db", readonly=True)) as connection:
        assert connection.execute("SELECT count(*) FROM persons").fetchone() == (1,)
    look = first_look.read_first_page(str(folder / "roster.db"), "name", False, 10)
    assert look is not None and look.count == 1


class Held:
    """os.replace, with the calls numbered in `fail` raising what Windows raises for a held file."""

    def __init__(self, fail: set[int]) -> None:
        self.fail, self.calls = fail, 0

    def __call__(self, source: Any, target: Any) -> None:
        self.calls += 1
        if self.calls in self.fail:
            raise PermissionError(13, "being used by another process", os.fspath(source), 32)
        os.replace(source, target)


def copy_of(path: Path, name: str) -> Path:
    copy = path.with_name(name)
    with contextlib.closing(sqlite3.connect(path)) as source, contextlib.closing(sqlite3.connect(copy)) as target:
        source.backup(target)
        target.execute("INSERT INTO settings (key, value) VALUES ('copy', '1')")
        target.commit()
    return copy


def settings_of(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return {row[0] for row in connection.execute("SELECT key FROM settings")}


def test_swap_through_a_passing_sharing_violation_on_windows_closes_the_holder_first(tmp_path: Path) -> None:
    roster = tmp_path / "roster.db"
    roster_with_one_person(roster)
    new = copy_of(roster, ".roster.db.rewrite-1")
    holder = sqlite3.connect(roster)
    replace_file(roster, new, holder, replace=Held({1, 3}), platform="win32")
    with pytest.raises(sqlite3.ProgrammingError):  # closed before the first rename, as Windows needs
        holder.execute("SELECT 1")
    assert "copy" in settings_of(roster) and not new.exists()
    assert [p.name for p in tmp_path.iterdir() if ".aside-" in p.name] == []


@pytest.mark.parametrize("held_from", [1, 2])  # 1: the roster is held; 2: it went aside, then all is held
def test_swap_refused_by_a_held_file_loses_neither_file(tmp_path: Path, held_from: int) -> None:
    roster = tmp_path / "roster.db"
    roster_with_one_person(roster)
    new = copy_of(roster, ".roster.db.rewrite-1")
    with pytest.raises(PermissionError):
        replace_file(roster, new, None, replace=Held(set(range(held_from, 100))), platform="win32")
    assert "copy" in settings_of(new)
    open_database(roster).close()  # opens as before: a roster left aside is put back first
    assert "copy" not in settings_of(roster)
    assert [p.name for p in tmp_path.iterdir() if ".aside-" in p.name] == []


KILLED_SWAP = """
import os, signal, sys
from pathlib import Path
from desktop_app.storage.db import replace_file

def replace(source, target):
    os.replace(source, target)
    os.kill(os.getpid(), signal.SIGKILL)  # killed between setting the roster aside and moving the copy in

replace_file(Path(sys.argv[1]), Path(sys.argv[2]), None, replace=replace)
"""


def test_a_swap_killed_half_way_is_put_back_at_the_next_opening(tmp_path: Path) -> None:
    roster = tmp_path / "roster.db"
    roster_with_one_person(roster)
    new = copy_of(roster, ".roster.db.rewrite-999999")
    done = subprocess.run([sys.executable, "-c", KILLED_SWAP, str(roster), str(new)], cwd=ROOT, timeout=120)
    assert done.returncode == -signal.SIGKILL
    assert not roster.exists() and [p for p in tmp_path.iterdir() if ".aside-" in p.name]
    open_database(roster).close()
    with contextlib.closing(sqlite3.connect(roster)) as connection:
        assert connection.execute("SELECT count(*) FROM persons").fetchone() == (1,)
    assert "copy" not in settings_of(roster)  # the roster as it was; the unfinished copy is left to clean
    assert [p.name for p in tmp_path.iterdir() if ".aside-" in p.name] == []


def test_an_aside_copy_left_held_is_wiped_by_the_next_cleanup(tmp_path: Path) -> None:
    roster = tmp_path / "roster.db"
    roster_with_one_person(roster)
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    aside = tmp_path / f".roster.db.aside-{int(done.stdout)}"
    aside.write_bytes(b"old plain roster bytes")
    mine = tmp_path / f".roster.db.aside-{os.getpid()}"
    mine.write_bytes(b"still being swapped")
    assert clean_stale_temporaries(roster) == [aside]
    assert not aside.exists() and mine.exists()


def write_note(roster: Path, *, host: str, pid: int, since: dt.datetime) -> Path:
    note = roster.with_name(roster.name + WRITER_SUFFIX)
    note.write_text(json.dumps({"operator": "Olga", "host": host, "pid": pid,
                                "since": since.isoformat(timespec="seconds")}), encoding="utf-8")
    return note


def test_writer_note_is_a_hint_with_its_age(tmp_path: Path) -> None:
    roster = tmp_path / "roster.db"
    now = dt.datetime(2026, 12, 5, 18, 0)
    write_note(roster, host="PC-CAIRO-7", pid=4242, since=now - dt.timedelta(minutes=3))
    fresh = writer_hint(roster, now=now, host="PC-CAIRO-1", alive=lambda pid: False)
    assert fresh is not None and not fresh.stale and not fresh.gone  # another computer's pid is never asked
    old = writer_hint(roster, now=now + dt.timedelta(hours=13), host="PC-CAIRO-1", alive=lambda pid: True)
    assert old is not None and old.stale and "13 h ago" in str(old.message()) and "PC-CAIRO-7" in str(old.message())
    mine = writer_hint(roster, now=now, host="PC-CAIRO-7", alive=lambda pid: pid != 4242)
    assert mine is not None and mine.stale and mine.gone and "no longer runs" in str(mine.message())


def test_opening_removes_this_computers_dead_note_and_reports_another_computers_old_one(tmp_path: Path) -> None:
    roster = tmp_path / "roster.db"
    roster_with_one_person(roster)
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    note = write_note(roster, host=socket.gethostname(), pid=int(done.stdout), since=dt.datetime.now())
    assert "probably left over" in (lock_holder(roster) or "")
    db = open_database(roster)
    db.close()
    assert not note.exists() and db.warnings == []
    write_note(roster, host="PC-ELSEWHERE", pid=1, since=dt.datetime.now() - dt.timedelta(days=2))
    db = open_database(roster)
    db.close()
    assert note.exists()  # never deleted on another computer's behalf
    assert len(db.warnings) == 1 and "PC-ELSEWHERE" in str(db.warnings[0]) and "2 days ago" in str(db.warnings[0])


def test_a_roster_through_a_linked_folder_keeps_the_name_it_was_opened_by(tmp_path: Path) -> None:
    (tmp_path / "share").mkdir()
    (tmp_path / "Z").symlink_to(tmp_path / "share")  # as a mapped drive Z: stands for \\server\share
    db = open_database(tmp_path / "Z" / "roster.db")
    db.close()
    assert db.target.path == tmp_path / "Z" / "roster.db"  # resolve() would have said share/roster.db
