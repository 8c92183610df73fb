"""Files the program writes, attacked by someone who did not write them (issue 12, defects 1, 3, 4, 6).

Each test replays one way found to make the program write where it must not, or to lose or
leak a file, and checks that it no longer can.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app import cli, output_files
from desktop_app.domain.status import Status
from desktop_app.exchange.export_errors import ExportError
from desktop_app.rendering import ensure_gui_application, write_manifest_pdf
from desktop_app.services import exporting, persons, status
from desktop_app.storage.db import WRITER_SUFFIX, open_database
from tests.storage.test_output_files import fill, small_filesystem

# Printing makes a Qt application when none runs; a test session also shows widgets, so it makes its
# QApplication first, as the window does (rendering never imports the widgets).
pytestmark = pytest.mark.usefixtures("qapp")

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


def _export_entries(roster: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(roster)) as connection:
        return [changes for (changes,) in connection.execute(
            "SELECT changes FROM audit_entries WHERE action = 'export' ORDER BY id")]


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


def test_a_manifest_printed_to_a_full_disk_fails_and_keeps_the_old_one(tmp_path: Path, roster: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Qt's PDF writer does not report a failed write: on a full USB stick `export m.pdf --overwrite`
    replaced the old manifest by a truncated one (no %%EOF), recorded it and said it was written."""
    with small_filesystem(tmp_path / "stick", "1m") as stick:
        target = stick / "manifest.pdf"
        target.write_bytes(b"%PDF-1.4 the manifest printed yesterday %%EOF")
        fill(stick, 4 * 1024)
        exports = _export_entries(roster)
        assert cli.main(["--db", str(roster), "--operator", "t", "export", str(target), "--overwrite"]) == 1
        error = capsys.readouterr().err
        assert "manifest.pdf" in error and "disk is full" in error
        assert target.read_bytes() == b"%PDF-1.4 the manifest printed yesterday %%EOF"
        assert sorted(p.name for p in stick.iterdir()) == ["filler", "manifest.pdf"]
    assert _export_entries(roster) == exports  # nothing recorded for a file that never appeared


def test_a_manifest_that_is_not_a_whole_pdf_is_not_published(tmp_path: Path, roster: Path) -> None:
    """Whatever the renderer: a PDF without its end is refused before it is recorded or appears."""
    ensure_gui_application()
    database = open_database(roster)
    try:
        def truncated(path: Path, manifest: exporting.Manifest, paper: str) -> None:
            write_manifest_pdf(path, manifest, paper)
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2])

        with pytest.raises(ExportError, match="could not be printed"):
            exporting.export_manifest(database, tmp_path / "m.pdf", render=truncated, selection=exporting.Selection(),
                                      operator="t")
    finally:
        database.close()
    assert not (tmp_path / "m.pdf").exists()
    assert _export_entries(roster) == []


@pytest.mark.parametrize("written", [b"Kair0-Sekret-2023\n\n", b"Kair0-Sekret-2023\r\n\r\n",
                                     "Kair0-Sekret-2023\r\n\r\n".encode("utf-16")])
def test_a_passphrase_file_ending_in_a_blank_line_gives_the_passphrase_typed_in_the_window(
        roster: Path, written: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A passphrase file saved with an empty last line encrypted the roster under 'passphrase + line break':
    the passphrase the officer then typed in the window was wrong, for ever."""
    (roster.parent / "pass.txt").write_bytes(written)
    assert cli.main(["--db", str(roster), "--passphrase-file", str(roster.parent / "pass.txt"), "encrypt"]) == 0, \
        capsys.readouterr().err
    capsys.readouterr()
    monkeypatch.setenv("MISSION_ROSTER_PASSPHRASE", "Kair0-Sekret-2023")  # as typed, without a line break
    assert cli.main(["--db", str(roster), "search", "Ivanova"]) == 0, capsys.readouterr().err
    assert "Ivanova" in capsys.readouterr().out


def test_a_passphrase_file_of_two_lines_is_refused_with_one_line(roster: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (roster.parent / "pass.txt").write_text("Kair0-Sekret-2023\nthe recovery key is in the safe\n", encoding="utf-8")
    before = _files(roster.parent)
    assert cli.main(["--db", str(roster), "--passphrase-file", str(roster.parent / "pass.txt"), "encrypt"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "more than one line" in error and "Kair0" not in error
    assert _files(roster.parent) == before


def _longest_name(words: str, ending: str) -> str:
    """The longest name of repeated `words` ending in `ending` that Linux takes (255 bytes)."""
    name = ""
    for letter in words * 10:
        if len((name + letter + ending).encode()) > 250:
            break
        name += letter
    return name + ending


def test_a_long_valid_file_name_is_written(roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 249-byte Cyrillic name the file system takes was refused ("File name too long") by export and
    backup alike: the hidden partial beside it had a longer name."""
    export = roster.parent / _longest_name("Список граждан для эвакуации через КПП ", ".xlsx")
    backup = export.with_suffix(".db")
    assert cli.main(["--db", str(roster), "--operator", "t", "export", str(export)]) == 0, capsys.readouterr().err
    assert cli.main(["--db", str(roster), "backup", str(backup)]) == 0, capsys.readouterr().err
    assert export.stat().st_size > 0 and backup.stat().st_size > 0
    assert not [p.name for p in roster.parent.iterdir() if p.name.startswith(".")]


def test_a_long_named_partial_of_a_killed_export_is_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / _longest_name("Список граждан ", ".xlsx")
    leftover = tmp_path / f".{output_files.fitting_name(target.name)}.999999999-0badf00d.part"
    leftover.write_bytes(b"killed half-way")
    output_files.write_bytes(target, b"new", overwrite=False)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("name", ["ROSTER.DB-JOURNAL", "Roster.db-Journal"])
def test_a_working_file_named_in_another_case_is_refused(roster: Path, name: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """On a FAT USB stick (portable mode), NTFS or APFS, `ROSTER.DB-JOURNAL` is the roster's journal:
    a backup written there made every later open fail, as in the lower-case replay above."""
    before = _files(roster.parent)
    assert cli.main(["--db", str(roster), "backup", str(roster.with_name(name))]) == 1
    assert "working file of the roster" in capsys.readouterr().err
    assert _files(roster.parent) == before


def test_a_backup_opened_as_the_roster_is_never_rotated_away(roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An officer opened last month's backup as the roster and registered a person in it; the next
    backup of the original roster into that folder deleted it by its name (rotation), person and all."""
    folder = roster.parent / "backups"
    folder.mkdir()
    yesterday = folder / "roster-backup-20261101-100000.db"
    shutil.copyfile(roster, yesterday)
    old = folder / "roster-backup-20261102-100000.db"  # an untouched old backup: rotated as before
    shutil.copyfile(roster, old)
    _adds_a_person(yesterday, capsys)
    assert cli.main(["--db", str(roster), "backup", str(folder), "--keep", "1", "--hours", "0", "--days", "0"]) == 0
    capsys.readouterr()
    assert yesterday.exists() and not old.exists()
    assert cli.main(["--db", str(yesterday), "search", "Petrov"]) == 0
    assert "Petrov" in capsys.readouterr().out


def test_a_roster_without_an_extension_takes_backups_and_exports_beside_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A roster named 'roster' (no extension): every name 'roster-…' or 'roster.…' counted as its
    working file, so a backup into its own folder, 'roster.xlsx' and 'roster-rejected.xlsx' were refused."""
    roster = tmp_path / "roster"
    open_database(roster).close()
    (tmp_path / "list.csv").write_text("Surname,Given names,Date of birth\nIvanov,Ivan,31.02.1980\n", encoding="utf-8")
    assert cli.main(["--db", str(roster), "backup", str(tmp_path)]) == 0, capsys.readouterr().err
    assert cli.main(["--db", str(roster), "export", str(tmp_path / "roster.xlsx")]) == 0, capsys.readouterr().err
    assert cli.main(["--db", str(roster), "import", str(tmp_path / "list.csv"), "--dry-run", "--reject-report",
                     str(tmp_path / "roster-rejected.xlsx")]) == 0, capsys.readouterr().err
    assert {p.suffix for p in tmp_path.iterdir() if p.name.startswith("roster-backup-")} == {".db"}
    assert (tmp_path / "roster.xlsx").is_file() and (tmp_path / "roster-rejected.xlsx").is_file()


def test_encrypt_never_removes_a_backup_opened_as_a_roster(roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`encrypt --remove-plain-copies` zeroed and deleted a backup an officer had opened as the roster
    and registered a person in: the person was gone."""
    folder = roster.parent / "backups"
    folder.mkdir()
    assert cli.main(["--db", str(roster), "backup", str(folder)]) == 0
    [opened] = list(folder.iterdir())
    _adds_a_person(opened, capsys)
    (roster.parent / "pass.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    assert cli.main(["--db", str(roster), "--passphrase-file", str(roster.parent / "pass.txt"), "encrypt",
                     "--remove-plain-copies"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert cli.main(["--db", str(opened), "search", "Petrov"]) == 0
    assert "Petrov" in capsys.readouterr().out
