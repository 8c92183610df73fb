"""The installers' sources: the Linux menu entry installed for the user by the bundle's script, and the
Windows Inno Setup script's references (it cannot be compiled here: Inno Setup runs on Windows only)."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


@pytest.mark.posix_only("a shell script", linux=True)
def test_the_bundle_script_puts_the_program_in_the_users_menu(tmp_path: Path) -> None:
    bundle = tmp_path / "Mission Roster on USB" / "mission-roster"
    (bundle / "share" / "applications").mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / "mission-roster.desktop", bundle / "share" / "applications")
    shutil.copy2(PACKAGING / "icons" / "mission-roster.svg", bundle / "share")
    shutil.copy2(PACKAGING / "linux" / "install-desktop-entry.sh", bundle)
    data = tmp_path / "data"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    subprocess.run(["sh", str(bundle / "install-desktop-entry.sh")], env=env, check=True, timeout=60,
                   capture_output=True)
    entry = desktop_entry(data / "applications" / "mission-roster.desktop")
    assert entry["Exec"] == f'"{bundle}/mission-roster" %f'
    assert entry["Icon"] == "mission-roster" and entry["Name[ru]"] == "Реестр миссии"
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "mission-roster.svg").is_file()
    subprocess.run(["sh", str(bundle / "install-desktop-entry.sh"), "--remove"], env=env, check=True, timeout=60)
    assert not (data / "applications" / "mission-roster.desktop").exists()
    assert (bundle / "share" / "mission-roster.svg").is_file()  # the program's folder is left as it was


def test_the_desktop_entry_is_valid_where_the_validator_is_installed() -> None:
    entry = desktop_entry(PACKAGING / "linux" / "mission-roster.desktop")
    assert entry["Type"] == "Application" and entry["Exec"].endswith("%f") and entry["Terminal"] == "false"
    validator = shutil.which("desktop-file-validate")
    if validator:
        finished = subprocess.run([validator, str(PACKAGING / "linux" / "mission-roster.desktop")],
                                  capture_output=True, text=True, timeout=60)
        assert finished.returncode == 0, finished.stdout + finished.stderr


def test_the_inno_setup_script_installs_the_bundle_per_user_and_keeps_the_roster() -> None:
    script = (PACKAGING / "windows" / "mission-roster.iss").read_text(encoding="utf-8")
    setting = dict(re.findall(r"^(\w+)=(.*)$", script, re.MULTILINE))
    assert setting["PrivilegesRequired"] == "lowest"
    assert (PACKAGING / "windows" / setting["SetupIconFile"].replace("\\", "/")).is_file()
    spec = (PACKAGING / "mission-roster.spec").read_text(encoding="utf-8")
    assert 'NAME = "mission-roster"' in spec and 'name=f"{NAME}-cli", console=True' in spec
    assert '#define AppExe "mission-roster.exe"' in script and '#define Bundle "..\\..\\dist\\mission-roster"' in script
    assert re.search(r'Subkey: "Software\\Classes\\\.mrpkg"', script)
    assert "[UninstallDelete]" not in script and "{localappdata}\\MissionRoster" not in script
