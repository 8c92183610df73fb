"""Where the roster lives by default, without loading the database layer (the window's first
paint reads these before SQLAlchemy is imported)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app import APP_DIR_NAME as APP_DIR_NAME  # kept here for the modules that import it from here

DEFAULT_FILE_NAME = "roster.db"
ENV_DATABASE = "MISSION_ROSTER_DB"


def default_database_path() -> Path:
    """`roster.db` in the user's data folder (e.g. ~/.local/share/MissionRoster), or in data/ beside a
    portable copy of the program (`system.portable_root`)."""
    from desktop_app.system import user_folder  # only when no roster is named

    return user_folder("data") / DEFAULT_FILE_NAME


def resolve_target(option: str | None) -> str:
    """The database named by `--db`, else by MISSION_ROSTER_DB, else the default file."""
    return option or os.environ.get(ENV_DATABASE) or str(default_database_path())

SQLITE_HEADER = b"SQLite format 3\x00"
