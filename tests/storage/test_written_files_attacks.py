"""Files the program writes, attacked by someone who did not write them (issue 12, defects 1, 3, 4, 6).

Each test replays one way found to make the program write where it must not, or to lose or
leak a file, and checks that it no longer can.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.domain.status import Status
from desktop_app.services import persons, status
from desktop_app.storage.db import WRITER_SUFFIX, open_database

PASSPHRASE = "Kair0-2023-archive"


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.db"
    database = open_database(path)
    try:
        person = persons.create_person(database, {"surname": "Ivanova", "given_names": "Anna"}, operator="t")
        status.change_status(database, person.id, Status.DECLINED, operator="t")  # a final state, for retention
    finally:
        database.close()
    assert cli.main(["--db", str(path), "stats"]) == 0  # what a first open does (planner statistics) is done here
    return path


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _adds_a_person(roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(roster), "--operator", "t", "person", "add", "--surname", "Petrov",
                     "--given", "Petr"]) == 0, capsys.readouterr().err
    assert "Petrov" in capsys.readouterr().out


@pytest.mark.parametrize("sidecar", ["-journal", "-wal", "-shm", WRITER_SUFFIX, ".audit-head.db"])
def test_a_backup_is_never_written_as_a_working_file_of_the_roster(roster: Path, sidecar: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """`backup roster.db-journal` wrote a copy there and said "written and checked": SQLite then
    took it for a hot journal and every later command failed ("attempt to write a readonly
    database"); a copy named `roster.db-writer` was deleted by the next write."""
    target = roster.with_name(roster.name + sidecar)
    before = _files(roster.parent)
    assert cli.main(["--db", str(roster), "backup", str(target)]) == 1
    error = capsys.readouterr().err
    assert "working file of the roster" in error or "already exists" in error  # -wal, -shm: the open roster's
    assert _files(roster.parent) == before
    _adds_a_person(roster, capsys)


def test_a_retention_archive_is_never_written_as_a_working_file_of_the_roster(
        roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (roster.parent / "pass.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    target = roster.with_name(roster.name + "-journal")
    assert cli.main(["--db", str(roster), "--operator", "t", "retention", "--state", "declined", "--older-than",
                     "0", "--archive", str(target), "--archive-passphrase-file", str(roster.parent / "pass.txt"),
                     "--yes", "--confirm-count", "1"]) == 1
    assert "working file of the roster" in capsys.readouterr().err
    assert not target.exists()
    assert cli.main(["--db", str(roster), "search", "Ivanova"]) == 0  # not anonymised
    assert "Ivanova" in capsys.readouterr().out
    _adds_a_person(roster, capsys)
