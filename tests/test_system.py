"""What differs by system (desktop_app/system.py), each Windows and macOS branch run on Linux by simulation:
the system is a parameter (platform, a mount table file, a drive-type function, an os.replace that raises
PermissionError like a Windows sharing violation)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path, PureWindowsPath
from typing import Any

import pytest

from desktop_app import system

MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/rosters {nfs} nfs4 rw,vers=4.2 0 0
//fileserver/consular {smb} cifs rw,vers=3.0 0 0
user@host:/home/user {sshfs} fuse.sshfs rw 0 0
tmpfs {local_inside} tmpfs rw 0 0
"""


def write_mounts(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    points = {"nfs": tmp_path / "nfs", "smb": tmp_path / "Consular share", "sshfs": tmp_path / "ssh",
              "local_inside": tmp_path / "nfs" / "local"}
    escaped = {key: str(value).replace(" ", "\\040") for key, value in points.items()}
    table = tmp_path / "mounts"
    table.write_text(MOUNTS.format(**escaped), encoding="utf-8")
    return table, points


def test_linux_remote_mounts_are_found_in_the_mount_table(tmp_path: Path) -> None:
    table, points = write_mounts(tmp_path)
    assert system.remote_kind(points["nfs"] / "roster.db", platform="linux", mounts_file=table) == \
        f"nfs4 mount {points['nfs']}"
    # A mount point with a space is written \040 in the table.
    assert system.remote_kind(points["smb"] / "roster.db", platform="linux", mounts_file=table) == \
        f"cifs mount {points['smb']}"
    assert system.remote_kind(points["sshfs"] / "r.db", platform="linux", mounts_file=table).startswith("fuse.sshfs")
    # The longest mount point wins: a local file system mounted inside the NFS one is local.
    assert system.remote_kind(points["local_inside"] / "roster.db", platform="linux", mounts_file=table) is None
    assert system.remote_kind(tmp_path / "nfsx" / "roster.db", platform="linux", mounts_file=table) is None
    assert system.journal_mode(points["nfs"] / "roster.db", platform="linux", mounts_file=table) == "DELETE"
    assert system.journal_mode(tmp_path / "roster.db", platform="linux", mounts_file=table) == "WAL"


def test_macos_mount_list_is_read_as_mount_prints_it() -> None:
    listing = ("/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
               "//officer@fs01/Consular on /Volumes/Consular (smbfs, nodev, nosuid, mounted by officer)\n"
               "map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)\n")
    assert system.parse_mounts(listing, platform="darwin") == [
        ("/", "apfs"), ("/Volumes/Consular", "smbfs"), ("/System/Volumes/Data/home", "autofs")]


def test_windows_unc_and_mapped_drives_are_remote() -> None:
    def drive_type(root: str) -> int:
        return system.DRIVE_REMOTE if root == "Z:\\" else 3  # 3: a fixed disk

    for unc in ("\\\\fs01\\consular\\roster.db", "//fs01/consular/roster.db", "\\\\?\\UNC\\fs01\\consular\\roster.db"):
        assert system.remote_kind(unc, platform="win32", drive_type=drive_type) == "UNC share \\\\fs01\\consular"
    assert system.remote_kind("Z:\\rosters\\roster.db", platform="win32", drive_type=drive_type) == \
        "mapped network drive Z:"
    assert system.remote_kind("z:/rosters/roster.db", platform="win32", drive_type=drive_type) == \
        "mapped network drive Z:"
    assert system.remote_kind("C:\\Users\\Ольга\\roster.db", platform="win32", drive_type=drive_type) is None
    assert system.journal_mode("\\\\fs01\\consular\\roster.db", platform="win32", drive_type=drive_type) == "DELETE"


@pytest.mark.parametrize(("path", "platform", "env", "service"), [
    ("C:\\Users\\Ольга\\OneDrive - MFA\\Documents\\roster.db", "win32", {}, "OneDrive"),
    ("D:\\Sync\\Docs\\roster.db", "win32", {"OneDriveCommercial": "d:\\sync"}, "OneDrive"),
    ("C:\\Users\\olga\\Dropbox\\roster.db", "win32", {}, "Dropbox"),
    ("/Users/olga/Library/Mobile Documents/com~apple~CloudDocs/roster.db", "darwin", {}, "iCloud Drive"),
    ("/Users/olga/Library/CloudStorage/GoogleDrive-olga@mfa.example/My Drive/roster.db", "darwin", {},
     "Google Drive"),
    ("/Users/olga/Library/CloudStorage/OneDrive-MFA/roster.db", "darwin", {}, "OneDrive"),
    ("/home/olga/Dropbox (MFA)/roster.db", "linux", {}, "Dropbox"),
    ("C:\\Users\\olga\\AppData\\Local\\MissionRoster\\roster.db", "win32", {"OneDrive": "C:\\Users\\olga\\OneDrive"},
     None),
    ("/home/olga/OneDrive.db", "linux", {}, None),  # the file's own name is not a folder
])
def test_sync_folders_are_recognised(path: str, platform: str, env: dict[str, str], service: str | None) -> None:
    assert system.sync_service(path, platform=platform, env=env) == service


def test_location_warnings_name_the_file_and_the_service(tmp_path: Path) -> None:
    table, points = write_mounts(tmp_path)
    roster = tmp_path / "OneDrive - MFA" / "roster.db"
    warnings = system.location_warnings(roster, platform="linux", env={}, mounts_file=table)
    assert len(warnings) == 1 and str(roster) in str(warnings[0]) and "OneDrive folder" in str(warnings[0])
    assert warnings[0].template.context == "system"  # a message key the window translates
    shared = system.location_warnings(points["nfs"] / "roster.db", platform="linux", env={}, mounts_file=table)
    assert len(shared) == 1 and "rollback journal" in str(shared[0]) and "nfs4 mount" in str(shared[0])
    assert system.location_warnings(tmp_path / "roster.db", platform="linux", env={}, mounts_file=table) == []


def test_windows_readonly_uris_are_ones_sqlite_takes() -> None:
    assert system.readonly_uri("\\\\fs01\\consular\\Ростер 1\\roster.db", platform="win32") == \
        "file:////fs01/consular/%D0%A0%D0%BE%D1%81%D1%82%D0%B5%D1%80%201/roster.db?mode=ro"
    assert system.readonly_uri("\\\\?\\UNC\\fs01\\c\\r.db", platform="win32") == "file:////fs01/c/r.db?mode=ro"
    assert system.readonly_uri("Z:\\rosters\\r#1?.db", platform="win32") == "file:///Z:/rosters/r%231%3F.db?mode=ro"
    assert system.readonly_uri(PureWindowsPath("C:/Users/Ольга/r.db"), platform="win32").startswith("file:///C:/Users/")
    # What Path.as_uri() gives a UNC path, and SQLite refuses: the authority is the server's name.
    assert PureWindowsPath("\\\\fs01\\consular\\r.db").as_uri() == "file://fs01/consular/r.db"


def test_sqlite_refuses_a_server_authority_and_takes_the_uri_built_here(tmp_path: Path) -> None:
    folder = tmp_path / "Ростер #1 ?% x"
    folder.mkdir()
    roster = folder / "roster.db"
    with contextlib.closing(sqlite3.connect(roster)) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
    with contextlib.closing(sqlite3.connect(system.readonly_uri(roster), uri=True)) as connection:
        assert connection.execute("SELECT count(*) FROM t").fetchone() == (0,)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            connection.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect(f"file://fs01{roster}?mode=ro", uri=True)


def test_absolute_keeps_links_as_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "mapped").symlink_to(tmp_path / "real")  # as a mapped drive stands for its share
    monkeypatch.chdir(tmp_path)
    assert system.absolute("mapped/roster.db") == tmp_path / "mapped" / "roster.db"
    assert Path("mapped/roster.db").resolve() == tmp_path / "real" / "roster.db"


class Fcntl:
    """The fcntl module's interface (a stdlib module, not ours) on a system without F_FULLFSYNC."""

    F_FULLFSYNC = 51

    def __init__(self, fails: bool) -> None:
        self.fails = fails
        self.calls: list[tuple[int, int]] = []

    def fcntl(self, fd: int, command: int) -> int:
        self.calls.append((fd, command))
        if self.fails:
            raise OSError(45, "Operation not supported")  # a file system without it (SMB on macOS)
        return 0


def test_full_sync_asks_for_f_fullfsync_on_macos_and_falls_back_to_fsync(tmp_path: Path) -> None:
    with open(tmp_path / "f", "wb") as handle:
        handle.write(b"x")
        for fails in (False, True):
            fcntl = Fcntl(fails)
            system.full_sync(handle.fileno(), platform="darwin", fcntl_module=fcntl)
            assert fcntl.calls == [(handle.fileno(), 51)]
        fcntl = Fcntl(False)
        system.full_sync(handle.fileno(), platform="linux", fcntl_module=fcntl)
        assert fcntl.calls == []
    with pytest.raises(OSError):
        system.full_sync(10_000, platform="linux")  # a closed descriptor is an error, not silence


def test_macos_sqlite_pragmas_are_accepted_by_sqlite(tmp_path: Path) -> None:
    assert system.sqlite_sync_pragmas("linux") == []
    with contextlib.closing(sqlite3.connect(tmp_path / "r.db")) as connection:
        for pragma in system.sqlite_sync_pragmas("darwin"):
            connection.execute(pragma)
        assert connection.execute("PRAGMA fullfsync").fetchone() == (1,)
        assert connection.execute("PRAGMA checkpoint_fullfsync").fetchone() == (1,)


def sharing_violation(path: Any) -> PermissionError:
    return PermissionError(13, "The process cannot access the file because it is being used by another process",
                           os.fspath(path), 32)


class Replacer:
    """os.replace, but the calls numbered in `fail` (1 is the first) raise a sharing violation."""

    def __init__(self, fail: set[int]) -> None:
        self.fail, self.calls = fail, 0

    def __call__(self, source: Any, target: Any) -> None:
        self.calls += 1
        if self.calls in self.fail:
            raise sharing_violation(source)
        os.replace(source, target)


def two_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    old, new = tmp_path / "roster.db", tmp_path / ".roster.db.rewrite-1"
    old.write_bytes(b"OLD" * 1000)
    new.write_bytes(b"NEW" * 1000)
    return old, new, tmp_path / ".roster.db.aside-1"


def test_replace_sets_the_old_file_aside_then_wipes_it(tmp_path: Path) -> None:
    old, new, aside = two_files(tmp_path)
    assert system.replace_file(old, new, aside, delays=(0, 0)) is True
    assert old.read_bytes() == b"NEW" * 1000 and not new.exists() and not aside.exists()


@pytest.mark.parametrize("step", [1, 2])
def test_a_sharing_violation_that_passes_is_retried(tmp_path: Path, step: int) -> None:
    old, new, aside = two_files(tmp_path)
    replace = Replacer({step})
    assert system.replace_file(old, new, aside, replace=replace, delays=(0, 0, 0)) is True
    assert old.read_bytes() == b"NEW" * 1000 and not new.exists() and not aside.exists()


def test_old_file_held_for_good_leaves_both_files_as_they_were(tmp_path: Path) -> None:
    old, new, aside = two_files(tmp_path)
    with pytest.raises(PermissionError):
        system.replace_file(old, new, aside, replace=Replacer({1, 2, 3}), delays=(0, 0))
    assert old.read_bytes() == b"OLD" * 1000 and new.read_bytes() == b"NEW" * 1000 and not aside.exists()


def test_new_file_held_for_good_puts_the_old_one_back(tmp_path: Path) -> None:
    old, new, aside = two_files(tmp_path)
    with pytest.raises(PermissionError):  # step 2 (move in) fails three times, then the old one goes back
        system.replace_file(old, new, aside, replace=Replacer({2, 3, 4}), delays=(0, 0))
    assert old.read_bytes() == b"OLD" * 1000 and new.read_bytes() == b"NEW" * 1000 and not aside.exists()


def test_putting_back_is_retried_through_a_sharing_violation(tmp_path: Path) -> None:
    old, new, aside = two_files(tmp_path)
    # Calls: 1 aside ok; 2-4 move-in fail (every try); 5 put back fails once; 6 put back succeeds.
    replace = Replacer({2, 3, 4, 5})
    with pytest.raises(PermissionError):
        system.replace_file(old, new, aside, replace=replace, delays=(0, 0))
    assert old.read_bytes() == b"OLD" * 1000 and new.read_bytes() == b"NEW" * 1000 and not aside.exists()


def test_an_aside_copy_still_held_is_left_for_later_not_lost(tmp_path: Path) -> None:
    old, new, aside = two_files(tmp_path)
    tries: list[Path] = []

    def held(path: Path, **_system: Any) -> None:
        tries.append(path)
        raise sharing_violation(path)

    assert system.replace_file(old, new, aside, delete=held, delays=(0, 0)) is False
    assert old.read_bytes() == b"NEW" * 1000 and aside.read_bytes() == b"OLD" * 1000 and tries == [aside] * 3
    system.wipe_and_delete(aside)  # what the next cleanup does
    assert not aside.exists()


def test_folder_writable_creates_a_file_and_leaves_none(tmp_path: Path) -> None:
    assert system.folder_writable(tmp_path) is True
    assert list(tmp_path.iterdir()) == []
    assert system.folder_writable(tmp_path / "missing") is False
    (tmp_path / "file").write_text("x")
    assert system.folder_writable(tmp_path / "file") is False  # a file where a folder should be


def test_folder_writable_asks_the_file_system_not_the_permission_bits() -> None:
    # /proc takes no new files, yet os.access says it is writable for root: the trap Windows sets for
    # every folder, shown on Linux.
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    assert system.folder_writable("/proc") is False
    if os.geteuid() == 0:
        assert os.access("/proc", os.W_OK)


def test_process_alive() -> None:
    assert system.process_alive(os.getpid())
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    assert system.process_alive(int(done.stdout)) is False
    assert system.process_alive(0) is False


def test_freed_memory_is_given_back_by_glibc_only() -> None:
    """Linux's glibc has `malloc_trim` (run here for real); macOS, Windows and a C library without it
    (musl: a library object lacking the symbol) give None, and the caller does nothing."""
    trim = system.memory_trimmer(platform="linux")
    assert trim is not None and trim(0) in (0, 1)
    assert system.memory_trimmer(platform="darwin") is None
    assert system.memory_trimmer(platform="win32") is None
    assert system.memory_trimmer(platform="linux", libc=lambda: object()) is None

    def missing_library() -> object:
        raise OSError("no C library")

    assert system.memory_trimmer(platform="linux", libc=missing_library) is None
