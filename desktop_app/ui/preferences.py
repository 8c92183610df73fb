"""Per-user preferences of this workstation (QSettings): operator, recent databases, window state.

Mission-wide settings (mission name and country) live in the database instead, so that every
workstation of the mission shares them. The recent rosters list each file once however it was
spelled (`C:/Rosters/a.db`, `C:\\Rosters\\a.db`, `c:\\rosters\\A.DB`, `\\\\?\\C:\\Rosters\\a.db` on Windows):

    preferences = Preferences(QSettings(path, QSettings.Format.IniFormat))
    preferences.add_recent(target); preferences.recent_databases   # newest first, no file twice
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop_app import APP_DIR_NAME

ORGANIZATION = APP_DIR_NAME
APPLICATION = APP_DIR_NAME
MAX_RECENT = 8
SETTINGS_VERSION = 1


def user_settings(platform: str = sys.platform) -> QSettings:
    """This workstation's preferences file, in INI format on every system: not Windows' registry nor
    a macOS plist, so that tests redirect it (`QSettings.setPath`) wherever they run and a portable
    copy of the program can carry it. On Linux, Qt's native format is that INI file already
    (~/.config/MissionRoster/MissionRoster.conf), kept as it is."""
    from desktop_app.system import portable_root

    if (root := portable_root()) is not None:  # a portable copy: beside the program, on every system
        return QSettings(str(root / "settings" / f"{APPLICATION}.ini"), QSettings.Format.IniFormat)
    native = platform.startswith("linux")
    fmt = QSettings.Format.NativeFormat if native else QSettings.Format.IniFormat
    return QSettings(fmt, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def saved_default_database() -> str:
    """This workstation's Settings > Default database ('' when none), read without writing anything
    (the command line asks when no roster is named)."""
    return read_path(str(user_settings().value("default_database", "") or ""))


def stored_path(text: str) -> str:
    """A path as the settings file keeps it (`local_path`); inside a portable copy's folder, relative to
    that folder: the stick gets another drive letter or mount point on the next computer."""
    return _portable_relative(local_path(text))


def read_path(text: str) -> str:
    """A path the settings file keeps (`stored_path`), made absolute: a relative one is inside the portable
    copy's folder where the copy runs now."""
    return local_path(_portable_absolute(text.strip()))


def _portable_relative(text: str) -> str:
    from desktop_app.system import portable_root

    root = portable_root() if text and "://" not in text and os.path.isabs(text) else None
    if root is None:
        return text
    try:
        return Path(text).relative_to(root).as_posix()
    except ValueError:
        return text


def _portable_absolute(text: str) -> str:
    from desktop_app.system import portable_root

    if text and "://" not in text and not os.path.isabs(os.path.expanduser(text)):
        root = portable_root()
        if root is not None:
            return os.path.normpath(root / text)
    return text


def recent_key(target: str, platform: str = sys.platform) -> str:
    """What two spellings of one roster share: a database URL as it is; a path normalised as the
    system reads it (on Windows: either slash, any case, without the `\\\\?\\` long-path prefix;
    on macOS: any case, as its default file system)."""
    if "://" in target:
        return target
    if platform.startswith("win") or platform == "cygwin":
        text = target.replace("/", "\\")
        if text[:8].upper() == "\\\\?\\UNC\\":
            text = "\\\\" + text[8:]
        elif text[:4] == "\\\\?\\":
            text = text[4:]
        return ntpath.normpath(text).casefold()
    key = posixpath.normpath(target)
    return key.casefold() if platform == "darwin" else key


def local_path(text: str) -> str:
    """A path as the officer typed it, made one that means the same file from any folder: '~' is
    the home folder (no program but a shell reads it), a relative path is taken from the folder the
    program runs in now. A database URL and '' are kept as they are."""
    text = text.strip()
    if not text or "://" in text:
        return text
    return os.path.abspath(os.path.expanduser(text))


class Preferences:
    def __init__(self, settings: QSettings | None = None, *, platform: str = sys.platform) -> None:
        self._settings = settings or user_settings()
        self._platform = platform  # how paths compare (a test simulates Windows and macOS)
        if int(self._settings.value("version", 0) or 0) < SETTINGS_VERSION:
            self._settings.setValue("version", SETTINGS_VERSION)

    @property
    def operator(self) -> str:
        return str(self._settings.value("operator", "") or "")

    @operator.setter
    def operator(self, name: str) -> None:
        self._settings.setValue("operator", name.strip())

    @property
    def recent_databases(self) -> list[str]:
        """The rosters opened last, newest first, each once (lists saved before were not deduplicated)."""
        value = self._settings.value("recent_databases", [])
        stored = [value] if isinstance(value, str) else [str(v) for v in value or []]
        stored = [_portable_absolute(target) for target in stored]
        unique: dict[str, str] = {}
        for target in stored:
            unique.setdefault(recent_key(target, self._platform), target)
        return list(unique.values())

    def add_recent(self, target: str) -> None:
        key = recent_key(target, self._platform)
        older = (r for r in self.recent_databases if recent_key(r, self._platform) != key)
        self._settings.setValue("recent_databases", [_portable_relative(t) for t in [target, *older][:MAX_RECENT]])

    @property
    def language(self) -> str:
        """The interface language: "en" or "ru"."""
        return str(self._settings.value("language", "en") or "en")

    @language.setter
    def language(self, code: str) -> None:
        self._settings.setValue("language", code)

    @property
    def default_database(self) -> str:
        """The database the window opens when none is named ("" means the user data folder's roster.db)."""
        return read_path(str(self._settings.value("default_database", "") or ""))

    @default_database.setter
    def default_database(self, target: str) -> None:
        self._settings.setValue("default_database", stored_path(target))

    @property
    def backup_folder(self) -> str:
        """Where backups go (read by the protection feature); "" means beside the database."""
        return read_path(str(self._settings.value("backup_folder", "") or ""))

    @backup_folder.setter
    def backup_folder(self, folder: str) -> None:
        self._settings.setValue("backup_folder", stored_path(folder))

    def window_state(self, key: str) -> QByteArray | None:
        value = self._settings.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, key: str, value: QByteArray) -> None:
        self._settings.setValue(f"window/{key}", value)

    def value(self, key: str, default: object = None) -> object:
        return self._settings.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()
