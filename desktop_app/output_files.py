"""The one way the program writes a file it produces: exports, reports, manifests, and later archives.

    from desktop_app import output_files

    never = dict(roster=db.target.path, reading=[source_path])        # the roster, the file being read
    output_files.check_target(path, overwrite=False, **never)         # early: refuse before the work
    with output_files.open_output(path, overwrite=False, **never) as out:
        write_workbook_to(out.file, sheets)                              # or render to out.partial by name
        digest = out.publish(before=lambda sha256: record_audit(sha256))

The promises, each kept here and nowhere else:

- A target is refused (`OutputRefused`) when it is the roster, one of its sidecars (`-wal`,
  `-shm`, `-journal`, `-writer`, `.audit-head`, see SIDECAR_PREFIXES, in any case), a file
  being read, or any SQLite database: compared by identity (`os.path.samefile`, which follows
  symlinks and sees hard links) and by normalised real path (for sidecars that do not exist yet).
- An existing file is replaced only with `overwrite=True` (the window asked, or `--overwrite`
  was given); otherwise `OutputExists`, raised before any work and checked again at the rename.
- The content goes to a hidden partial file beside the target (created exclusively, mode 0600),
  is flushed and fsynced (F_FULLFSYNC on macOS), and is renamed into place atomically, the rename
  retried while another program holds the old file for a moment (a Windows sharing violation);
  the folder is fsynced after.
  Any failure (a full disk, a cancel, a crash in the writer) removes the partial and leaves
  the old file exactly as it was.
- `publish(before=...)` calls `before(sha256)` once the content is complete and durable but
  before the file appears: an audited output commits its audit entry there. If that raises,
  no file appears and the old one stays. A kill between the two leaves an audit entry for a
  file that never appeared, never a file without its entry.

Partials left by a killed process are named `.<name>.<pid>-<random>.part` (a long name cut to
fit); the next write to the same target removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from desktop_app import system
from desktop_app.domain.errors import ExchangeError

__all__ = ["OutputError", "OutputExists", "OutputRefused", "PendingOutput", "check_target", "fitting_name",
           "open_output", "sha256_of", "write_bytes"]

PathLike = str | os.PathLike[str]
SQLITE_HEADER = b"SQLite format 3\x00"
PARTIAL_SUFFIX = ".part"
# What SQLite (journals, super-journals) and this program (writer, audit head, migration copies) name
# after the roster: a name starting with the roster's name and one of these is one of its working files.
SIDECAR_PREFIXES = ("-wal", "-shm", "-journal", "-writer", "-mj", ".audit-head", ".before-migration-")
PARTIAL_NAME_BYTES = 200  # of the target's name in a partial's; the rest (pid, random, suffix) fits in 255


class OutputError(ExchangeError):
    """A file the program produces cannot be written (disk full, no permission, folder missing)."""


class OutputRefused(OutputError):
    """The target must never be written: the roster, its sidecars, a file being read, a database."""


class OutputExists(OutputRefused):
    """The target exists and replacing it was not confirmed."""


def check_target(path: PathLike, *, overwrite: bool, roster: PathLike | None = None,
                 reading: Iterable[PathLike | None] = ()) -> Path:
    """`path` as a Path if the program may write it; OutputRefused or OutputExists otherwise.

    `roster` is the open roster's file (None for a server database); `reading` the files the
    command reads (an import's spreadsheet, a partner's answer; None entries are ignored).
    """
    target = Path(path)
    shown = str(target)
    if target.name in ("", ".", ".."):
        raise OutputRefused("is not a file name", path=shown)
    real = _real(target)
    if roster is not None:
        roster_path = Path(roster)
        if real == _real(roster_path) or _same_file(target, roster_path):
            raise OutputRefused("is the roster itself; choose another file name", path=shown)
        if _is_sidecar(real, _real(roster_path)):
            raise OutputRefused(f"is a working file of the roster {roster_path.name}; choose another file name",
                                path=shown)
    for source in reading:
        if source is not None and (real == _real(Path(source)) or _same_file(target, Path(source))):
            raise OutputRefused("is the file being read; choose another file name", path=shown)
    try:
        is_folder, folder_exists = target.is_dir(), target.parent.is_dir()
    except OSError as exc:  # is_dir answers False for a missing file, not for a name the disk cannot hold
        if exc.errno != errno.ENAMETOOLONG:
            raise
        raise OutputRefused("the file name is too long for the disk; choose a shorter name", path=shown) from None
    if is_folder:
        raise OutputRefused("is a folder; give a file name", path=shown)
    if not folder_exists:
        raise OutputError("the folder does not exist", path=shown)
    if os.path.lexists(target):
        if not _is_file(target):
            raise OutputRefused("is not a file but a pipe or a device; give a file name", path=shown)
        if _looks_like_database(target):
            raise OutputRefused("is a database file; a report or export is never written over a database",
                                path=shown)
        if not overwrite:
            raise OutputExists("already exists; choose another name, or confirm replacing it (--overwrite on the "
                               "command line)", path=shown)
    return target


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(os.path.abspath(path)))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def _is_sidecar(real: str, roster_real: str) -> bool:
    """`<roster>-wal`, `-shm`, `-journal`, `-writer`, `-mj…`, `<roster>.audit-head…`, `.before-migration-…`
    and the hidden `.<roster>.…` copies: the files SQLite or this program keeps beside the roster,
    named in any case (FAT, NTFS and APFS ignore it). Only these: a roster without an extension
    ('roster') still takes its backups 'roster-backup-….db' and exports 'roster.xlsx' beside it."""
    name, roster_name = os.path.basename(real).casefold(), os.path.basename(roster_real).casefold()
    if not (name.startswith(tuple(roster_name + prefix for prefix in SIDECAR_PREFIXES))
            or name.startswith(f".{roster_name}.")):
        return False
    folder, roster_folder = os.path.dirname(real), os.path.dirname(roster_real)
    return folder == roster_folder or _same_file(Path(folder), Path(roster_folder))


def _is_file(path: Path) -> bool:
    """Whether `path` is a regular file (or a link to none): opening a named pipe to read it waits for a
    writer that may never come."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # a link to nothing: published over like a missing file
        return True


def _looks_like_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


class PendingOutput:
    """A file being written beside its target; it appears at the target only through `publish`."""

    def __init__(self, target: Path, overwrite: bool, roster: PathLike | None,
                 reading: tuple[PathLike | None, ...]) -> None:
        self.target = target
        self._rules = {"overwrite": overwrite, "roster": roster, "reading": reading}
        self.partial = target.with_name(f"{_partial_prefix(target)}{os.getpid()}-{secrets.token_hex(4)}"
                                        f"{PARTIAL_SUFFIX}")
        fd = _create(self.partial, target)
        self.file: BinaryIO = os.fdopen(fd, "w+b")
        self.sha256: str | None = None

    def publish(self, before: Callable[[str], None] | None = None) -> str:
        """Make the written content the target's; `before(sha256)` runs first (see the module docstring).

        Returns the content's SHA-256. Raises OutputError/OutputRefused; the old file then stays.
        """
        if self.sha256 is not None:
            raise RuntimeError("this output was already published")
        shown = str(self.target)
        try:
            if not self.file.closed:
                self.file.flush()
                system.full_sync(self.file.fileno())
                self.file.close()
            with self.partial.open("rb+") as handle:  # a writer that wrote by name (Qt's PDF writer) too
                system.full_sync(handle.fileno())
            if self.partial.stat().st_size == 0:
                raise OutputError("nothing was written", path=shown)
            digest = sha256_of(self.partial)
        except OSError as exc:
            raise _os_error(exc, self.target) from exc
        check_target(self.target, **self._rules)  # anything changed meanwhile?
        if before is not None:
            before(digest)
        try:
            self._move_into_place()
        except OSError as exc:
            raise _os_error(exc, self.target) from exc
        self.sha256 = digest
        return digest

    def _move_into_place(self) -> None:
        if os.path.lexists(self.target):
            with contextlib.suppress(OSError):
                shutil.copymode(self.target, self.partial)  # a replaced file keeps who may read it
            system.retried(lambda: os.replace(self.partial, self.target))  # Excel may hold it: then "close it"
        else:
            try:
                os.link(self.partial, self.target)  # never replaces a file that appeared meanwhile
            except FileExistsError:
                raise OutputExists("appeared while it was being written; nothing was replaced",
                                   path=str(self.target)) from None
            except OSError:  # a file system without hard links (FAT on a USB stick): check, then rename
                if os.path.lexists(self.target):
                    raise OutputExists("appeared while it was being written; nothing was replaced",
                                       path=str(self.target)) from None
                system.retried(lambda: os.replace(self.partial, self.target))
            else:
                system.retried(self.partial.unlink)
        system.sync_folder(self.target.parent)

    def discard(self) -> None:
        """Remove the partial file (the target is not touched)."""
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(FileNotFoundError):
            self.partial.unlink()


@contextlib.contextmanager
def open_output(path: PathLike, *, overwrite: bool, roster: PathLike | None = None,
                reading: Iterable[PathLike | None] = ()) -> Iterator[PendingOutput]:
    """A `PendingOutput` for `path`; unless published inside the block, nothing appears.

    Raises OutputRefused/OutputExists before creating anything, OutputError for an OSError
    while writing (the message names the path and the cause, e.g. the disk is full).
    """
    sources = tuple(reading)
    target = check_target(path, overwrite=overwrite, roster=roster, reading=sources)
    _remove_stale_partials(target)
    pending = PendingOutput(target, overwrite, roster, sources)
    try:
        yield pending
    except OSError as exc:
        pending.discard()
        raise _os_error(exc, target) from exc
    except BaseException:
        pending.discard()
        raise
    pending.discard()  # published: the partial is gone already; not published: nothing appears


def write_bytes(path: PathLike, data: bytes, *, overwrite: bool, roster: PathLike | None = None,
                reading: Iterable[PathLike | None] = (), before: Callable[[str], None] | None = None) -> str:
    """Write `data` to `path` by the rules above; returns its SHA-256."""
    with open_output(path, overwrite=overwrite, roster=roster, reading=reading) as out:
        out.file.write(data)
        return out.publish(before)


def sha256_of(path: PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fitting_name(name: str) -> str:
    """`name` cut (whole characters) to PARTIAL_NAME_BYTES, for the name of a hidden file beside it:
    a long but valid name (Cyrillic takes two bytes a letter) must not fail for its partial's
    sake, a file system allowing 255 bytes a name."""
    while len(os.fsencode(name)) > PARTIAL_NAME_BYTES:
        name = name[:-1]
    return name


def _partial_prefix(target: Path) -> str:
    return f".{fitting_name(target.name)}."


def _create(partial: Path, target: Path) -> int:
    try:
        return os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                       stat.S_IRUSR | stat.S_IWUSR)
    except OSError as exc:
        raise _os_error(exc, target) from exc


def _os_error(exc: OSError, target: Path) -> OutputError:
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason = "access denied: if the file is open in Excel or another program, close it there first"
    elif exc.errno == errno.EROFS:
        reason = "the disk is read-only"
    else:
        reason = exc.strerror or str(exc)
    return OutputError(f"cannot write the file ({reason}); nothing was replaced", path=str(target))


def _remove_stale_partials(target: Path) -> None:
    """Partials of this target left by a process that no longer runs (killed mid-write)."""
    with contextlib.suppress(OSError):
        prefix = _partial_prefix(target)
        for leftover in target.parent.glob(f"{glob.escape(prefix)}*{PARTIAL_SUFFIX}"):
            pid_text = leftover.name[len(prefix):].split("-", 1)[0]
            if pid_text.isdigit() and not system.process_alive(int(pid_text)):
                with contextlib.suppress(OSError):
                    leftover.unlink()
