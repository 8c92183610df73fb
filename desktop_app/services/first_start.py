"""What the first-start assistant sets up: a new roster (encrypted or not) with the mission's
settings and a recovery key, or a demonstration roster clearly marked as such.

    key = set_up_roster(FirstStart("A. Petrova", "Cairo", "EGY", Path("roster.db"), "long passphrase"))
    set_up_roster(FirstStart("A. Petrova", "Cairo", "EGY", Path("r.db"), None, head_pin="4711"))  # + her account
    path, new = set_up_demo(Path("demonstration.db"), operator="A. Petrova")   # marked; filled by the window

A file already there is never replaced: the officer is told to open it instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import DatabaseError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Role

# The database layer is imported by the functions that use it: the window asks `default_roster_path`
# before its first paint, which loads no SQLAlchemy.


@dataclass(frozen=True)
class FirstStart:
    officer: str
    mission_name: str
    mission_country: str | None
    roster: Path
    passphrase: str | None  # None: "no encryption", chosen explicitly
    head_pin: str | None = None  # the officer's PIN: the roster's first account, the head of mission's (issue 20)


CANNOT_MAKE = QT_TRANSLATE_NOOP("services.first_start", "{path}: no roster can be made there: {folder} is not a "
                                "folder this program can write in (a read-only disk, a write-protected stick, a "
                                "file of that name?); choose another place")


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise DatabaseError(QT_TRANSLATE_NOOP("services.first_start", "{path} exists already; choose another file, "
                                              "or open it with File > Open roster"), path=str(path))


def check_place(path: Path) -> None:
    """Refuse a new roster at `path` before anything is made: the file exists, or the nearest folder of its
    path that exists is not a folder this program can write in (tested by creating a file)."""
    from desktop_app import system

    path = Path(path).absolute()
    _refuse_existing(path)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not system.folder_writable(folder):
        raise DatabaseError(CANNOT_MAKE, path=str(path), folder=str(folder))


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # checked before, yet a stick can be pulled or write-protected since
        raise DatabaseError(CANNOT_MAKE, path=str(path), folder=str(path.parent)) from exc


def set_up_roster(choices: FirstStart) -> str | None:
    """Create the roster, save the mission's name and country, and with `head_pin` the officer's account as the
    head of mission's (the first account); the recovery key when it is encrypted."""
    from desktop_app.services.accounts import add_account
    from desktop_app.services.recovery import make_recovery_key
    from desktop_app.services.settings import MissionSettings, save_mission
    from desktop_app.storage.db import open_database

    path = Path(choices.roster).absolute()
    check_place(path)
    _make_folder(path)
    db = open_database(path, passphrase=choices.passphrase, holder=choices.officer)
    try:
        save_mission(db, MissionSettings(choices.mission_name, choices.mission_country), operator=choices.officer)
        if choices.head_pin:
            add_account(db, choices.officer, Role.HEAD, choices.head_pin, operator=choices.officer)
    finally:
        db.close()
    if choices.passphrase is None:
        return None
    return make_recovery_key(path, choices.passphrase, operator=choices.officer)


def set_up_demo(path: Path, *, operator: str) -> tuple[Path, bool]:
    """An empty roster marked as a demonstration (its families are invented once the window is open),
    and True when it is new; a demonstration roster made before is opened again as it is."""
    from desktop_app.services.settings import MissionSettings, mark_demonstration, save_mission
    from desktop_app.storage.db import open_database

    path = Path(path).absolute()
    new = not path.exists()
    _make_folder(path)
    db = open_database(path, holder=operator)
    try:
        mark_demonstration(db, operator=operator)
        save_mission(db, MissionSettings("Demonstration mission", "EGY", True), operator=operator)
    finally:
        db.close()
    return path, new


def default_roster_path() -> Path:
    """Where a new roster goes unless the officer chooses: the local data folder (never a synced one)."""
    from desktop_app.storage.paths import default_database_path

    return default_database_path()


def demo_roster_path() -> Path:
    """The demonstration roster's file, beside the default roster (never the default roster itself)."""
    return default_roster_path().with_name("demonstration.db")
