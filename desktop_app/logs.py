"""Logging to a file of this process's own in the user's log folder. Messages never carry personal data:
log what happened (an action, a count, an id), never names, numbers or file contents.

    path = setup_logging()      # ~/.local/state/MissionRoster/log/mission-roster-20261205-164200-4242.log

Each process (a window, a command) writes its own file, named by its start and process id: two
windows, or the window and the command line, never rotate one file under each other (on Windows
the rename fails while the other holds the file, and new lines were lost). A file that grows past
`MAX_BYTES` rolls over to one `.1` copy of its own; at setup the oldest files beyond `KEEP_FILES`
are deleted, skipping any another process still holds (deleted at a later start).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import logging
import os
from pathlib import Path

LOG_PREFIX = "mission-roster"
MAX_BYTES = 2_000_000
KEEP_FILES = 20
_started = dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def log_folder() -> Path:
    from desktop_app.system import user_folder  # platformdirs, ~7 ms: not while the window paints for the first time

    return user_folder("logs")  # logs/ beside a portable copy of the program


def log_path() -> Path:
    """This process's log file."""
    return log_folder() / f"{LOG_PREFIX}-{_started}-{os.getpid()}.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to this process's file (again a no-op once done for this folder)."""
    import logging.handlers  # ~9 ms: the window starts logging after its first paint

    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("desktop_app")
    for handler in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if Path(handler.baseFilename) == path:
            root.setLevel(level)
            return path
        root.removeHandler(handler)  # the user folder moved (another roster's session, a test's home)
        handler.close()
    remove_old_logs(path.parent, keep=KEEP_FILES, own=path)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=1, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path


def remove_old_logs(folder: Path, *, keep: int, own: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` log files of this program in `folder` (with their `.1` copies);
    a file another process holds open (Windows refuses to delete it) is left for a later start."""
    with contextlib.suppress(OSError):
        files = sorted((p for p in folder.glob(f"{LOG_PREFIX}*.log*") if p != own),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        logs = [p for p in files if p.suffix == ".log"]
        removed = []
        for old in logs[max(keep - 1, 0):]:
            for path in (old, *folder.glob(glob.escape(old.name) + ".*")):  # its .1 (older versions: .1 to .5)
                try:
                    path.unlink(missing_ok=True)
                except OSError:  # held by a running process: tried again at the next start
                    continue
                removed.append(path)
        return removed
    return []
