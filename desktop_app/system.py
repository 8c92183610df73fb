"""Everything that differs between Linux, Windows and macOS, in one Qt-free place.

    from desktop_app import system

    system.journal_mode(path)               # "DELETE" on a network share, else "WAL"
    system.sync_service(path)               # "OneDrive" for a roster inside a OneDrive folder, else None
    system.readonly_uri(path)               # a `file:` URI SQLite accepts for a UNC path too
    system.replace_file(old, new, aside)    # swap a file in, the old one set aside and wiped
    system.full_sync(fd)                    # F_FULLFSYNC on macOS, fsync elsewhere
    system.folder_writable(folder)          # by creating a file, not by os.access
    system.same_disk(roster, backups)       # True: the backups go with a lost laptop
    system.user_folder("logs")              # ~/.local/state/MissionRoster/log, or logs/ of a portable copy
    system.memory_trimmer()                 # glibc's malloc_trim on Linux, else None

What differs, and why it matters to a roster file:

- **Network shares.** SQLite's WAL needs shared memory between the processes using the file,
  which a network file system cannot give: two PCs on an SMB share would corrupt the roster.
  A remote path (a UNC path `\\\\server\\share`, a mapped network drive on Windows, an NFS, SMB,
  CIFS or sshfs mount in Linux's mount table, the same in macOS's mount list, which `mount`
  prints from statfs's `f_fstypename`) gets the rollback journal (`journal_mode=DELETE`).
- **Sync folders.** OneDrive, Dropbox, iCloud Drive and Google Drive upload a database without
  its `-wal`, make conflict copies and offload files: a roster there is warned about.
- **macOS** `fsync` does not flush the drive's cache: `F_FULLFSYNC` where files are swapped, and
  `PRAGMA fullfsync` / `checkpoint_fullfsync` for SQLite's own writes.
- **Windows file URIs.** `Path.as_uri()` makes `file://server/share/...` of a UNC path, which
  SQLite refuses ("invalid uri authority"); `file:////server/share/...` is what it takes. Paths are
  made absolute with `abspath`, never `resolve()`, which turns a mapped drive into its UNC path.
- **Windows sharing violations.** A file another process holds open (an antivirus, a colleague's
  reader, the search indexer) cannot be renamed or deleted for a moment: `PermissionError`
  (winerror 32 or 33). Renames and deletions are retried, a swap sets the old file aside before
  moving the new one in, and a failure at any step leaves both files where they can be found.
- **Windows permissions.** `os.access` looks only at the read-only attribute, so every folder
  looks writable: writability is tested by creating a file.
- **Portable copies.** A file `portable.txt` beside the bundle's executable (a USB stick) puts the
  roster, settings, logs, backups and cache in folders beside the program instead of the user's
  folders (`user_folder`); `MISSION_ROSTER_HOME` does the same for any folder (the self-test).
- **Processes.** `os.kill(pid, 0)` ends a process on Windows; there it is asked with OpenProcess.
- **Freed memory.** glibc keeps a large result's freed memory in its heaps after the result is gone;
  `malloc_trim` gives it back. macOS and Windows have no such call (their allocators return large
  blocks themselves).

Every function takes the system as a parameter (`platform`, a mount table, a `replace`
function) so that the Linux tests run the Windows and macOS branches by simulation. Nothing
here has been run on Windows or macOS.
"""

from __future__ import annotations

import contextlib
import ntpath
import os
import re
import secrets
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from desktop_app import APP_DIR_NAME
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message

PathLike = str | os.PathLike[str]
MOUNTS_FILE = Path("/proc/self/mounts")
# File system types whose files live on another computer (Linux mount table and macOS mount list).
REMOTE_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs", "fuse.davfs2", "ncpfs",
    "fuse.sshfs", "sshfs", "osxfuse", "macfuse", "9p", "ceph", "fuse.ceph", "glusterfs", "fuse.glusterfs",
    "lustre", "gpfs", "afs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse",
})
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive
SHARING_WINERRORS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
RETRY_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)  # about 3 s in all: an antivirus scan lets go by then
STILL_ACTIVE = 259
PORTABLE_MARKER = "portable.txt"
ENV_HOME = "MISSION_ROSTER_HOME"
# A portable copy's folders beside the program, by kind; elsewhere platformdirs' folders of the user.
FOLDER_KINDS = ("data", "settings", "logs", "cache")

SYNC_FOLDER_WARNING = QT_TRANSLATE_NOOP(
    "system", "{path} is inside a {service} folder: the sync may upload the roster without its latest changes, "
              "make conflict copies or move the file off this computer. Keep the roster in a local folder (the "
              "default, or Tools > Settings > Default database) and back it up to a USB stick")
NETWORK_JOURNAL_NOTE = QT_TRANSLATE_NOOP(
    "system", "{path} is on a network share ({kind}): the roster uses SQLite's rollback journal there, which is "
              "safe over a network but slower with several workstations; a PostgreSQL server is better for many")


# --- where a file lives ---------------------------------------------------------------------------

def absolute(path: PathLike) -> Path:
    """`path` made absolute without following links: a mapped drive stays `Z:\\...` (resolve() would
    make it `\\\\server\\share\\...`, which SQLite URIs and the recent-files list treat as another file)."""
    return Path(os.path.abspath(os.path.expanduser(os.fspath(path))))


def _is_windows(platform: str) -> bool:
    return platform.startswith("win") or platform == "cygwin"


def unc_share(path: PathLike, *, platform: str = sys.platform) -> str | None:
    """`\\\\server\\share` for a UNC path on Windows (also `//server/share` and `\\\\?\\UNC\\...`), else None."""
    if not _is_windows(platform):
        return None
    text = os.fspath(path)
    if text[:8].upper() in ("\\\\?\\UNC\\", "//?/UNC/"):
        text = "\\\\" + text[8:]
    drive = PureWindowsPath(text).drive
    drive = drive.replace("/", "\\")
    return drive if drive.startswith("\\\\") and not drive.startswith(("\\\\?", "\\\\.")) else None


def _drive_type(root: str) -> int:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise OSError("GetDriveTypeW is only on Windows")
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))


def read_mounts(mounts_file: PathLike | None = None, *, platform: str = sys.platform) -> list[tuple[str, str]]:
    """(mount point, file system type) of every mount: Linux's `/proc/self/mounts` (`MOUNTS_FILE`); on
    macOS the list `mount` prints (each line `device on /point (type, options)`, from getmntinfo's
    statfs `f_fstypename`). [] if unknown."""
    try:
        if platform == "darwin" and mounts_file is None:  # pragma: no cover - macOS only
            import subprocess

            text = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5).stdout
        else:
            text = Path(mounts_file or MOUNTS_FILE).read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        return []
    return parse_mounts(text, platform=platform)


def parse_mounts(text: str, *, platform: str = sys.platform) -> list[tuple[str, str]]:
    """The mount table's text as (mount point, type) pairs; see `read_mounts`."""
    found = []
    for line in text.splitlines():
        if platform == "darwin":
            point, _, rest = line.partition(" on ")[2].rpartition(" (")
            if point and rest:
                found.append((point, rest.split(",")[0].strip()))
            continue
        fields = line.split()
        if len(fields) >= 3:  # spaces in a mount point are written \040 (and tabs \011, backslashes \134)
            found.append((re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[1]), fields[2]))
    return found


def remote_kind(path: PathLike, *, platform: str = sys.platform, mounts_file: PathLike | None = None,
                drive_type: Callable[[str], int] | None = None) -> str | None:
    """What makes `path` a network path ("UNC share \\\\srv\\x", "mapped network drive Z:", "nfs4 mount
    /mnt/x"), or None for a local one. `drive_type(root)` is GetDriveTypeW on Windows."""
    if _is_windows(platform):
        if share := unc_share(path, platform=platform):
            return f"UNC share {share}"
        drive = PureWindowsPath(os.fspath(path)).drive
        if len(drive) == 2 and drive[1] == ":":
            kind = (drive_type or _drive_type)(drive.upper() + "\\")
            return f"mapped network drive {drive.upper()}" if kind == DRIVE_REMOTE else None
        return None
    text = os.path.abspath(os.fspath(path))
    best: tuple[str, str] | None = None
    for point, fs_type in read_mounts(mounts_file, platform=platform):
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fs_type)
    if best is not None and best[1].lower() in REMOTE_FS_TYPES:
        return f"{best[1]} mount {best[0]}"
    return None


def journal_mode(path: PathLike, **system: Any) -> str:
    """SQLite's journal for a roster file at `path`: "DELETE" on a network share, "WAL" elsewhere.
    `system` is passed to `remote_kind` (platform, mounts_file, drive_type)."""
    return "DELETE" if remote_kind(path, **system) else "WAL"


def sync_service(path: PathLike, *, platform: str = sys.platform, env: Mapping[str, str] | None = None) -> str | None:
    """The sync service whose folder holds `path` ("OneDrive", "Dropbox", "iCloud Drive", "Google
    Drive"), or None. OneDrive's folders come from its variables (OneDrive, OneDriveCommercial,
    OneDriveConsumer) and, like the others, from the names the clients give their folders."""
    env = os.environ if env is None else env
    windows = _is_windows(platform)
    flavour: type[PurePath] = PureWindowsPath if windows else Path
    target = flavour(os.fspath(path))
    fold = str.casefold if windows or platform == "darwin" else (lambda text: text)
    for variable in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
        root = env.get(variable)
        if root and _inside(target, flavour(root), fold):
            return "OneDrive"
    for part in target.parts[:-1]:
        name = part.casefold()
        if name == "onedrive" or name.startswith(("onedrive - ", "onedrive-")):
            return "OneDrive"
        if name == "dropbox" or name.startswith(("dropbox (", "dropbox-")):
            return "Dropbox"
        if name in ("com~apple~clouddocs", "icloud drive", "iclouddrive"):
            return "iCloud Drive"
        if name in ("google drive", "googledrive", "my drive") or name.startswith("googledrive-"):
            return "Google Drive"
    return None


def _inside(path: PurePath, root: PurePath, fold: Callable[[str], str]) -> bool:
    parts, root_parts = [fold(p) for p in path.parts], [fold(p) for p in root.parts]
    return len(parts) > len(root_parts) and parts[:len(root_parts)] == root_parts


def location_warnings(path: PathLike, *, platform: str = sys.platform, env: Mapping[str, str] | None = None,
                      mounts_file: PathLike | None = None, drive_type: Callable[[str], int] | None = None
                      ) -> list[Message]:
    """What the officer should know about where the roster file lies (a sync folder, a network share)."""
    warnings = []
    if service := sync_service(path, platform=platform, env=env):
        warnings.append(Message(SYNC_FOLDER_WARNING, path=os.fspath(path), service=service))
    if kind := remote_kind(path, platform=platform, mounts_file=mounts_file, drive_type=drive_type):
        warnings.append(Message(NETWORK_JOURNAL_NOTE, path=os.fspath(path), kind=kind))
    return warnings


def readonly_uri(path: PathLike, *, platform: str = sys.platform) -> str:
    """A `file:` URI opening `path` read-only in SQLite (`?mode=ro`), for drive letters, UNC paths
    (`file:////server/share/...`) and names with spaces, `#`, `?`, `%` or any script."""
    text = os.fspath(path)
    if _is_windows(platform):
        if text[:8].upper() in ("\\\\?\\UNC\\", "//?/UNC/"):
            text = "\\\\" + text[8:]
        elif text[:4] in ("\\\\?\\", "//?/"):
            text = text[4:]
        if not ntpath.isabs(text) and platform == sys.platform:  # pragma: no cover - Windows only
            text = ntpath.abspath(text)
        slashed = text.replace("\\", "/")
        body = "//" + slashed if slashed.startswith("//") else "///" + slashed  # file:////srv/share, file:///C:/
    else:
        body = "//" + (os.path.abspath(text) if platform == sys.platform else text)
    return "file:" + quote(body, safe="/:") + "?mode=ro"


# --- writing files --------------------------------------------------------------------------------

def full_sync(fd: int, *, platform: str = sys.platform, fcntl_module: Any = None) -> None:
    """Make what was written to `fd` durable: F_FULLFSYNC on macOS (fsync there leaves it in the
    drive's cache; a file system without it, such as a network share, gets fsync), fsync elsewhere."""
    if platform == "darwin":
        if fcntl_module is None:  # pragma: no cover - macOS only
            import fcntl as fcntl_module
        command = getattr(fcntl_module, "F_FULLFSYNC", 51)
        try:
            fcntl_module.fcntl(fd, command)
            return
        except OSError:
            pass
    os.fsync(fd)


def sqlite_sync_pragmas(platform: str = sys.platform) -> list[str]:
    """The PRAGMAs that make SQLite's own commits durable on this system (none needed on Linux and Windows)."""
    return ["PRAGMA fullfsync = ON", "PRAGMA checkpoint_fullfsync = ON"] if platform == "darwin" else []


def sync_folder(folder: PathLike, *, platform: str = sys.platform) -> None:
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder and needs nothing)."""
    if _is_windows(platform):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            full_sync(descriptor, platform=platform)
        finally:
            os.close(descriptor)


def is_sharing_violation(exc: BaseException) -> bool:
    """Whether `exc` is what Windows raises for a file another process holds open (retried, not fatal)."""
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in SHARING_WINERRORS


def retried(action: Callable[[], Any], *, delays: tuple[float, ...] = RETRY_DELAYS_S) -> Any:
    """`action()`, tried again after each of `delays` while it fails with a sharing violation."""
    for delay in (*delays, None):
        try:
            return action()
        except OSError as exc:
            if delay is None or not is_sharing_violation(exc):
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


Replace = Callable[[PathLike, PathLike], None]


def replace_file(old: Path, new: Path, aside: Path, *, replace: Replace = os.replace,
                 delays: tuple[float, ...] = RETRY_DELAYS_S, platform: str = sys.platform,
                 before_move: Callable[[], None] | None = None, delete: Callable[..., None] | None = None) -> bool:
    """Put `new` in the place of `old`: `old` is renamed to `aside`, `new` moved in, then the aside
    copy is overwritten with zeros and deleted. Each rename is retried on sharing violations.

    If moving `new` in fails, `old` is put back and the error raised: both files are where they
    were. If the aside copy cannot be wiped or deleted (still held), it is left for
    `wipe_and_delete` later and False is returned; True when it is gone. `before_move()` runs just
    before the first rename (a holder connection closes there on Windows); `delete` stands for
    `wipe_and_delete` (a test's held file).
    """
    with open(new, "rb+") as handle:
        full_sync(handle.fileno(), platform=platform)
    if before_move is not None:
        before_move()
    retried(lambda: replace(old, aside), delays=delays)
    try:
        retried(lambda: replace(new, old), delays=delays)
    except BaseException:
        retried(lambda: replace(aside, old), delays=delays)
        raise
    sync_folder(old.parent, platform=platform)
    try:
        retried(lambda: (delete or wipe_and_delete)(aside, platform=platform), delays=delays)
    except OSError:
        return False
    return True


def wipe_and_delete(path: Path, *, platform: str = sys.platform) -> None:
    """Overwrite a file's bytes with zeros (best effort: SSDs and journals may keep copies), then delete it."""
    with open(path, "r+b") as handle:
        wipe(handle, platform=platform)
    path.unlink()


def wipe(handle: Any, *, platform: str = sys.platform) -> None:
    """Overwrite the whole of an open binary file with zeros and make that durable."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    block = b"\0" * 65536
    written = 0
    while written < size:
        chunk = min(len(block), size - written)
        handle.write(block[:chunk])
        written += chunk
    handle.flush()
    full_sync(handle.fileno(), platform=platform)


def delete_file(path: Path) -> None:
    """Delete `path`, retried while another process holds it; PermissionError if it is still held."""
    retried(lambda: path.unlink(missing_ok=True), delays=RETRY_DELAYS_S[:2])


def folder_writable(folder: PathLike) -> bool:
    """Whether a file can be created in `folder`, found by creating (and removing) one: on Windows
    `os.access` says every folder is writable, whatever its permissions."""
    probe = Path(folder) / f".mission-roster-write-test-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    os.close(descriptor)
    with contextlib.suppress(OSError):
        probe.unlink()
    return True


def same_disk(first: PathLike, second: PathLike) -> bool:
    """Whether two paths are on one disk (one file system or volume: `st_dev`, the volume's serial number
    on Windows), each asked at its nearest folder that exists; False when either cannot be asked. A
    backup on the roster's disk is lost with the laptop."""
    def device(path: PathLike) -> int:
        place = absolute(path)
        while not place.exists() and place != place.parent:
            place = place.parent
        return os.stat(place).st_dev

    try:
        return device(first) == device(second)
    except OSError:
        return False


# --- where the program keeps its own files --------------------------------------------------------

def portable_root(*, executable: str | None = None, frozen: bool | None = None,
                  env: Mapping[str, str] | None = None, platform: str = sys.platform) -> Path | None:
    """The folder that holds every file of the program (roster, settings, logs, cache, and the backups
    beside the roster), or None for the user's usual folders. `MISSION_ROSTER_HOME` names one; else a
    bundle (`sys.frozen`) with `portable.txt` beside its executable is portable there (on macOS beside
    the `.app`). A program run from source is never portable by the marker."""
    env = os.environ if env is None else env
    if home := env.get(ENV_HOME):
        return absolute(home)
    if not (getattr(sys, "frozen", False) if frozen is None else frozen):
        return None
    folder = absolute(executable or sys.executable).parent
    if platform == "darwin" and folder.name == "MacOS" and folder.parent.parent.suffix == ".app":
        folder = folder.parent.parent.parent  # Mission Roster.app/Contents/MacOS/mission-roster
    return folder if (folder / PORTABLE_MARKER).is_file() else None


def user_folder(kind: str, **where: Any) -> Path:
    """The folder for `kind` ("data", "settings", "logs" or "cache"): inside the portable root when there
    is one (`where` goes to `portable_root`), else the user's folder for it, named `APP_DIR_NAME`."""
    if kind not in FOLDER_KINDS:
        raise ValueError(f"no such folder kind: {kind}")
    root = portable_root(**where)
    if root is not None:
        return root / kind
    import platformdirs  # ~7 ms: only when a folder is asked for

    chooser = {"data": platformdirs.user_data_dir, "settings": platformdirs.user_config_dir,
               "logs": platformdirs.user_log_dir, "cache": platformdirs.user_cache_dir}[kind]
    return Path(chooser(APP_DIR_NAME, appauthor=False))


# --- processes ------------------------------------------------------------------------------------

def process_alive(pid: int, *, platform: str = sys.platform) -> bool:
    """Whether process `pid` runs on this computer (asked without disturbing it)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if _is_windows(platform) and sys.platform == "win32":  # pragma: no cover - os.kill would end the process
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise OSError("OpenProcess is only on Windows")
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists, another user's
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


# --- memory ---------------------------------------------------------------------------------------

def memory_trimmer(*, platform: str = sys.platform,
                   libc: Callable[[], Any] | None = None) -> Callable[[int], int] | None:
    """The C library's call that gives freed heap memory back to the system, or None where there is none.

    glibc (Linux) keeps what is freed in its heaps, one heap per thread that allocated, and returns little
    of it by itself: `malloc_trim(0)` returns the free pages of every heap. macOS's and Windows' allocators
    give large blocks back themselves and have no such call; musl has no `malloc_trim` either. `libc` loads
    the C library (the program's own symbols by default), so that a test can give one without it.

        trim = system.memory_trimmer()
        if trim is not None:
            trim(0)
    """
    if not platform.startswith("linux"):
        return None
    import ctypes

    try:
        library = libc() if libc is not None else ctypes.CDLL(None)
        trim: Callable[[int], int] = library.malloc_trim
    except (OSError, AttributeError):  # a C library without it (musl)
        return None
    return trim


# --- the console ----------------------------------------------------------------------------------

def utf8_console(*, stdout: Any = None, stderr: Any = None) -> None:
    """Make standard output and error write UTF-8, whatever the console's code page.

    Piped or redirected on Windows, Python writes the ANSI code page (cp1252, cp1251) and an Arabic
    or Cyrillic name the code page lacks raised `UnicodeEncodeError`; what cannot be encoded even in
    UTF-8 (a lone surrogate from a badly named file) is written as a backslash escape. In a windowed
    executable both streams are None: they become the null device, so that a `print` or a flush
    cannot fail. `stdout` and `stderr`, when given, are used instead of `sys.stdout` and `sys.stderr`.
    """
    for name, given in (("stdout", stdout), ("stderr", stderr)):
        stream = given if given is not None else getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - open as long as the process
            continue
        reconfigure = getattr(stream, "reconfigure", None)  # a TextIOWrapper; a test's capture may have none
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream already closed
                reconfigure(encoding="utf-8", errors="backslashreplace")
