"""One window per roster on this computer: a `QLockFile` named after the roster's file.

Two windows on one roster each rotated the same log and held their own undo history over the
same rows; on Windows the second rotation failed and log lines were lost. The window takes the
roster's lock before it opens the file and keeps it while the roster is open; a second window
(a double-click on the roster while it is open) is told that it is open already and which
process holds it, and does not open it again. A lock left by a crashed window is taken over
(Qt checks that its process is gone). Rosters on a server are not locked: several windows on
one PostgreSQL roster are its normal use.

    lock = RosterLock.for_target(target)
    if lock is not None and not lock.acquire():
        show_error(parent, lock.refusal())          # AlreadyOpen: names the roster and the holder
    switch_locked(window, target, then=print)       # another roster in this window: its lock moves along
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDir, QLockFile, QObject, Qt
from PySide6.QtWidgets import QWidget

from desktop_app.domain.errors import RosterError
from desktop_app.ui.preferences import recent_key


class AlreadyOpen(RosterError):
    """The roster is open in another window of the program on this computer."""


class RosterLock(QObject):
    """The lock of one roster file (`folder`: where lock files live, the temporary folder by default).
    A window's lock is its child: `held_by(window)` finds it."""

    def __init__(self, path: str, folder: Path | None = None, platform: str = sys.platform,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterLock")
        key = recent_key(os.path.abspath(os.path.expanduser(path)), platform)
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
        self.path = path
        self.lock_path = (folder or Path(QDir.tempPath())) / f"mission-roster-{digest}.lock"
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, however long it was held

    @classmethod
    def for_target(cls, target: str, folder: Path | None = None) -> RosterLock | None:
        """The lock for `target`, a path or a database URL; None for a roster on a server."""
        if "://" in target and not target.startswith("sqlite"):
            return None
        path = target.split("///", 1)[1].split("?", 1)[0] if target.startswith("sqlite") else target
        return cls(path, folder) if path else None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another live window holds it."""
        return self._lock.tryLock(0)

    def holder(self) -> str:
        """Who holds the lock ("process 1234 on LAPTOP-7"), as far as the lock file tells."""
        info = self._lock.getLockInfo()  # (pid, host, application), or empty when unreadable
        return f"process {info[0]} on {info[1]}" if info and len(info) >= 2 and info[0] else "another window"

    def refusal(self) -> AlreadyOpen:
        """The error that tells the officer where the roster is open already."""
        text = self.tr("%1 is already open in another Mission Roster window (%2). Switch to that window: it may "
                       "be behind others or minimised. The roster is not opened twice.")
        return AlreadyOpen(text.replace("%1", self.path).replace("%2", self.holder()))

    def release(self) -> None:
        self._lock.unlock()

    @property
    def held(self) -> bool:
        return self._lock.isLocked()


def held_by(window: QWidget) -> RosterLock | None:
    """The roster lock `window` holds, if any."""
    return window.findChild(RosterLock, "rosterLock", Qt.FindChildOption.FindDirectChildrenOnly)


def switch_locked(window: QWidget, target: str, then: Callable[[bool], None] | None = None, *,
                  create: bool = True) -> None:
    """Open `target` in `window` (its `switch_database`, which opens it off the GUI thread), taking the
    roster's lock first and giving up the one it held once the switch is done. Raises AlreadyOpen when
    another window holds it; `then(switched)` once the window switched (True) or refused the roster,
    having told the officer why (False): the lock taken is then given back."""
    current = held_by(window)
    lock = RosterLock.for_target(target)
    if lock is not None and current is not None and lock.lock_path == current.lock_path:
        lock = current  # the same roster again: nothing to take
    elif lock is not None and not lock.acquire():
        raise lock.refusal()

    def switched(done: bool) -> None:
        if lock is not current:
            if done:
                if current is not None:
                    current.release()
                    current.setParent(None)  # no longer the window's (deleteLater would leave it a child for now)
                if lock is not None:
                    if shiboken6.isValid(window):
                        lock.setParent(window)
                    else:
                        lock.release()  # the window closed as the roster came in: it was closed with it
            elif lock is not None:
                lock.release()
        if then is not None:
            then(done)

    window.switch_database(target, then=switched, create=create)  # type: ignore[attr-defined]
