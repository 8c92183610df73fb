"""The one way files are written (storage/output_files): what is refused, what is replaced, and
that a failure at any step (the writer, the audit, a full disk) leaves the old file as it was."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import output_files
from desktop_app.output_files import OutputError, OutputExists, OutputRefused
from desktop_app.storage.db import WRITER_SUFFIX, open_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.db"
    open_database(path).close()
    return path


@pytest.mark.parametrize("name", ["roster.db", "roster.db-wal", "roster.db-shm", "roster.db-journal",
                                  "roster.db.audit-head", "roster.db" + WRITER_SUFFIX])
def test_the_roster_and_its_working_files_are_refused(roster: Path, name: str) -> None:
    target = roster.with_name(name)
    before = {p.name: _digest(p) for p in roster.parent.iterdir()}
    with pytest.raises(OutputRefused, match="roster"):
        output_files.write_bytes(target, b"report", overwrite=True, roster=roster)
    assert {p.name: _digest(p) for p in roster.parent.iterdir()} == before


def test_the_roster_is_refused_through_a_symlink_a_hard_link_and_a_relative_path(roster: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    before = _digest(roster)
    (roster.parent / "link.xlsx").symlink_to(roster)
    os.link(roster, roster.parent / "hard.xlsx")
    monkeypatch.chdir(roster.parent)
    for target in ("link.xlsx", "hard.xlsx", "./sub/../roster.db"):
        (roster.parent / "sub").mkdir(exist_ok=True)
        with pytest.raises(OutputRefused, match="is the roster itself"):
            output_files.write_bytes(target, b"report", overwrite=True, roster=roster)
    assert _digest(roster) == before


def test_the_file_being_read_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Surname\nIvanov\n")
    (tmp_path / "alias.xlsx").symlink_to(source)
    for target in (source, tmp_path / "alias.xlsx"):
        with pytest.raises(OutputRefused, match="is the file being read"):
            output_files.write_bytes(target, b"report", overwrite=True, reading=[source])
    assert source.read_text() == "Surname\nIvanov\n"


def test_any_database_is_refused_even_with_overwrite(tmp_path: Path) -> None:
    other = tmp_path / "other-roster.xlsx"  # a roster under a misleading name
    open_database(other).close()
    before = _digest(other)
    with pytest.raises(OutputRefused, match="database"):
        output_files.write_bytes(other, b"report", overwrite=True)
    assert _digest(other) == before


def test_an_existing_file_is_replaced_only_when_asked_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with pytest.raises(OutputExists, match=r"already exists.*--overwrite"):
        output_files.write_bytes(target, b"new", overwrite=False)
    assert target.read_bytes() == b"old"
    digest = output_files.write_bytes(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new" and digest == hashlib.sha256(b"new").hexdigest()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.xlsx"
    output_files.write_bytes(fresh, b"personal data", overwrite=False)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600  # a new file is the user's alone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.xlsx", "out.xlsx"]


def test_a_folder_and_a_missing_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputRefused, match="is a folder"):
        output_files.write_bytes(tmp_path, b"x", overwrite=True)
    with pytest.raises(OutputError, match="folder does not exist"):
        output_files.write_bytes(tmp_path / "nowhere" / "out.xlsx", b"x", overwrite=True)


def test_the_audit_runs_before_the_file_appears_and_a_failing_one_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    seen: list[tuple[str, bytes]] = []

    def audit(sha256: str) -> None:
        seen.append((sha256, target.read_bytes()))

    output_files.write_bytes(target, b"new", overwrite=True, before=audit)
    assert seen == [(hashlib.sha256(b"new").hexdigest(), b"old")]

    def failing_audit(sha256: str) -> None:
        raise RuntimeError("database is locked")

    with pytest.raises(RuntimeError):
        output_files.write_bytes(target, b"newer", overwrite=True, before=failing_audit)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_a_writer_failure_leaves_nothing_and_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ValueError), output_files.open_output(target, overwrite=True) as out:
        out.file.write(b"half a file")
        raise ValueError("renderer failed")
    with output_files.open_output(target, overwrite=True) as out:  # never published: nothing appears
        out.file.write(b"unpublished")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_a_file_that_appears_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    with pytest.raises(OutputExists), output_files.open_output(target, overwrite=False) as out:
        out.file.write(b"ours")
        target.write_bytes(b"someone else's")
        out.publish()
    assert target.read_bytes() == b"someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_partials_of_a_killed_process_are_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    leftover = tmp_path / f".out.xlsx.{dead}-0badf00d.part"
    leftover.write_bytes(b"killed half-way")
    mine = tmp_path / f".out.xlsx.{os.getpid()}-0badf00d.part"  # a write of this process in progress
    mine.write_bytes(b"in progress")
    output_files.write_bytes(tmp_path / "out.xlsx", b"new", overwrite=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [mine.name, "out.xlsx"]


@contextlib.contextmanager
def small_filesystem(where: Path, size: str) -> Iterator[Path]:
    """A real tiny filesystem (tmpfs); needs root, as on every machine of this project."""
    where.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"this test needs root to mount a small tmpfs: {result.stderr}"
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the file system of `folder` until about `leave` bytes are free."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave))


@pytest.mark.posix_only("mounts a small tmpfs (root)", linux=True)
def test_a_full_disk_fails_cleanly_with_the_old_file_intact(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "stick", "1m") as folder:
        target = folder / "out.xlsx"
        target.write_bytes(b"the previous export")
        fill(folder, 64 * 1024)
        with pytest.raises(OutputError, match="disk is full"):
            output_files.write_bytes(target, os.urandom(256 * 1024), overwrite=True)
        assert target.read_bytes() == b"the previous export"
        assert sorted(p.name for p in folder.iterdir()) == ["filler", "out.xlsx"]


def test_a_file_held_open_elsewhere_says_to_close_it_and_keeps_the_old_one(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a workbook Excel holds open (a sharing violation: PermissionError)."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def sharing_violation(source: object, destination: object) -> None:
        raise PermissionError(13, "Access is denied", str(destination))

    monkeypatch.setattr(os, "replace", sharing_violation)
    with pytest.raises(OutputError, match="open in Excel or another program, close it there first"):
        output_files.write_bytes(target, b"new", overwrite=True)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_a_file_system_without_hard_links_still_never_replaces_a_new_file(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: object, destination: object) -> None:  # FAT on a USB stick
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    output_files.write_bytes(tmp_path / "new.xlsx", b"new", overwrite=False)
    assert (tmp_path / "new.xlsx").read_bytes() == b"new"
    target = tmp_path / "raced.xlsx"
    with pytest.raises(OutputExists), output_files.open_output(target, overwrite=False) as out:
        out.file.write(b"ours")
        target.write_bytes(b"someone else's")
        out.publish()
    assert target.read_bytes() == b"someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.xlsx", "raced.xlsx"]
