"""Portable mode: `portable.txt` beside a bundle's executable keeps the roster, settings, logs, cache
and backups beside the program (a USB stick). A frozen executable is simulated on Linux by setting
`sys.frozen` and `sys.executable` as PyInstaller's bootloader does."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from desktop_app import APP_DIR_NAME, system


def fake_bundle(tmp_path: Path, *, portable: bool = True) -> Path:
    """A bundle's folder on a USB stick, with its executable (and the marker)."""
    folder = tmp_path / "USB stick" / "Mission Roster"
    folder.mkdir(parents=True)
    executable = folder / "mission-roster"
    executable.write_bytes(b"\x7fELF")
    if portable:
        (folder / system.PORTABLE_MARKER).write_text("", encoding="utf-8")
    return executable


@pytest.fixture(autouse=True)
def _no_home_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(system.ENV_HOME, raising=False)


def test_the_marker_beside_a_frozen_executable_makes_it_portable(tmp_path: Path) -> None:
    executable = fake_bundle(tmp_path)
    folder = executable.parent
    assert system.portable_root(executable=str(executable), frozen=True) == folder
    assert system.user_folder("data", executable=str(executable), frozen=True) == folder / "data"
    assert system.user_folder("logs", executable=str(executable), frozen=True) == folder / "logs"
    assert system.portable_root(executable=str(executable), frozen=False) is None  # from source: never
    (folder / system.PORTABLE_MARKER).unlink()
    assert system.portable_root(executable=str(executable), frozen=True) is None
    assert system.user_folder("data", executable=str(executable), frozen=True) == Path(
        platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    with pytest.raises(ValueError):
        system.user_folder("documents")


def test_a_macos_app_is_portable_by_the_marker_beside_the_app(tmp_path: Path) -> None:
    macos = tmp_path / "USB" / "Mission Roster.app" / "Contents" / "MacOS"
    macos.mkdir(parents=True)
    (macos / "mission-roster").write_bytes(b"")
    (tmp_path / "USB" / system.PORTABLE_MARKER).write_text("")
    where = {"executable": str(macos / "mission-roster"), "frozen": True}
    assert system.portable_root(platform="darwin", **where) == tmp_path / "USB"
    assert system.portable_root(platform="linux", **where) is None  # the marker is not beside this executable


def test_mission_roster_home_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(system.ENV_HOME, str(tmp_path / "Папка программы"))
    assert system.user_folder("cache") == tmp_path / "Папка программы" / "cache"


def test_a_portable_copy_keeps_everything_beside_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    executable = fake_bundle(tmp_path)
    folder = executable.parent
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    from desktop_app import logs
    from desktop_app.cli import main
    from desktop_app.storage.backup import default_backup_folder
    from desktop_app.storage.paths import default_database_path
    from desktop_app.ui.preferences import Preferences, user_settings

    assert default_database_path() == folder / "data" / "roster.db"
    assert logs.log_folder() == folder / "logs"
    preferences = Preferences(user_settings())
    preferences.backup_folder = str(folder / "backups")
    preferences.sync()
    settings = user_settings()
    assert Path(settings.fileName()) == folder / "settings" / "MissionRoster.ini"
    assert settings.value("backup_folder") == "backups"  # inside the copy: relative, the stick moves between computers
    assert Preferences(settings).backup_folder == str(folder / "backups")
    assert main(["--operator", "portable.test", "person", "add", "--surname", "Портативная", "--given", "Ольга"]) == 0
    assert "Портативная" in capsys.readouterr().out
    assert (folder / "data" / "roster.db").is_file()
    assert default_backup_folder(folder / "data" / "roster.db") == folder / "data" / "backups"
    assert not Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)).exists()
