"""Breaker X16 (issue 16): a portable copy on a USB stick gets another drive letter (Windows) or mount
point (Linux) on every computer it is plugged into. The roster, the backups and the recent rosters
inside the stick's folder must follow it there: a moved copy that still looked for `E:\\...` told the
officer the roster was missing, and sent backups to whatever disk now had the old path. A frozen
executable is simulated as tests/packaging/test_portable.py does (sys.frozen, sys.executable)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import platformdirs
import pytest

from desktop_app import APP_DIR_NAME, system


def portable_copy(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make `folder` a portable bundle's folder and run 'from' its executable."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mission-roster").write_bytes(b"\x7fELF")
    (folder / system.PORTABLE_MARKER).write_text("garbage \x00 ☃\n", encoding="utf-8")  # its content is not read
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "mission-roster"))
    return folder


@pytest.fixture(autouse=True)
def _no_home_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(system.ENV_HOME, raising=False)
    monkeypatch.delenv("MISSION_ROSTER_DB", raising=False)


def test_a_stick_mounted_elsewhere_keeps_its_roster_backups_and_recent_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.cli import main
    from desktop_app.ui.preferences import Preferences, user_settings
    from desktop_app.ui.start_roster import start_target

    first = portable_copy(tmp_path / "E" / "Mission Roster", monkeypatch)
    assert main(["--operator", "t", "person", "add", "--surname", "Портативная", "--given", "Ольга"]) == 0
    roster = first / "data" / "roster.db"
    outside = tmp_path / "laptop" / "other.db"
    preferences = Preferences(user_settings())
    preferences.default_database = str(roster)
    preferences.backup_folder = str(first / "backups")
    preferences.add_recent(str(outside))
    preferences.add_recent(str(roster))
    preferences.sync()
    del preferences
    assert (first / "settings").is_dir()

    # The next computer: the stick is F:, or /media/officer/STICK instead of /media/admin/STICK.
    moved = tmp_path / "F" / "Mission Roster"
    moved.parent.mkdir()
    shutil.move(first, moved)
    portable_copy(moved, monkeypatch)
    preferences = Preferences(user_settings())
    assert preferences.default_database == str(moved / "data" / "roster.db")
    assert preferences.backup_folder == str(moved / "backups")
    assert preferences.recent_databases == [str(moved / "data" / "roster.db"), str(outside)]
    assert start_target(None, preferences) == str(moved / "data" / "roster.db")  # no 'roster is missing'
    capsys.readouterr()
    assert main(["--operator", "t", "search", "Портативная"]) == 0  # the command line follows too
    assert "Портативная" in capsys.readouterr().out
    assert not (tmp_path / "E").exists() or not any((tmp_path / "E").rglob("*.db"))
    assert not Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)).exists()
