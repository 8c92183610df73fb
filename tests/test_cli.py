"""The command line as a user types it: global options, errors as one line, the JSON contracts."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.cli import main

ENTRY = [sys.executable, "-m", "desktop_app"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ENTRY, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def cli(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", str(db), "--operator", "cli.tester", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version_and_module_entry() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mission-roster {__version__}"


def test_demo_then_stats_json(tmp_path: Path) -> None:
    db = tmp_path / "cairo.db"
    assert run("--db", str(db), "demo", "--households", "12").returncode == 0
    result = run("--db", str(db), "stats", "--json")
    data = json.loads(result.stdout)
    assert data["persons"] == sum(data["by_status"].values())
    assert data["persons"] > 12
    assert set(data["by_list"]) == {"Rafah list 1", "Rafah list 2", "Rafah list 3"}
    assert {"medical", "child", "elderly", "infant"} <= set(data["by_flag"])


def test_database_chosen_by_environment_variable(tmp_path: Path) -> None:
    db = tmp_path / "from-env.db"
    result = run("person", "add", "--surname", "Петров", env={"MISSION_ROSTER_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_default_database_lives_in_the_user_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run("stats", "--json", env={"HOME": str(home), "XDG_DATA_HOME": str(home / "data")})
    assert result.returncode == 0, result.stderr
    assert (home / "data" / "MissionRoster" / "roster.db").exists()


@pytest.mark.parametrize(("setup", "expected"), [
    ("missing-folder", "folder does not exist"),
    ("html", "not a roster database"),
])
def test_user_mistakes_are_one_line_without_traceback(tmp_path: Path, setup: str, expected: str) -> None:
    target = tmp_path / "nowhere" / "roster.db"
    if setup == "html":
        target = tmp_path / "list.xls.db"
        target.write_text("<html><table><tr><td>not a roster</td></tr></table></html>")
    before = hashlib.sha256(target.read_bytes()).hexdigest() if target.exists() else None
    result = run("--db", str(target), "stats")
    assert result.returncode == 1
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    if before is not None:
        assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_person_lifecycle_through_the_cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(db_path, "person", "add", "--surname", "Щербакова", "--given", "Мария", "--born", "1980",
                       "--citizenships", "RUS, PSE", "--passport", "72 0123456", "--phone", "+970 59 123 4567",
                       "--case-ref", "G-1042", capsys=capsys)
    assert code == 0 and out.startswith("G-1042\t")
    code, out, _ = cli(db_path, "person", "show", "G-1042", "--json", capsys=capsys)
    shown = json.loads(out)
    assert (shown["surname_latin"], shown["birth_date"], shown["citizenships"]) == ("SHCHERBAKOVA", "1980",
                                                                                     ["RUS", "PSE"])
    assert shown["documents"][0]["number"] == "72 0123456" and shown["phones"] == ["+970591234567"]
    assert cli(db_path, "person", "edit", "G-1042", "locality=Rafah", capsys=capsys)[0] == 0
    code, _, err = cli(db_path, "person", "edit", "G-1042", "birth_date=2999-01-01", capsys=capsys)
    assert code == 1 and "birth_date" in err
    code, _, err = cli(db_path, "status", "G-1042", "crossed", capsys=capsys)
    assert code == 1 and "'registered' to 'crossed'" in err
    assert cli(db_path, "status", "G-1042", "verified", "--reason", "seen", capsys=capsys)[0] == 0
    code, out, _ = cli(db_path, "history", "G-1042", capsys=capsys)
    assert "registered -> verified" in out and "cli.tester" in out
    code, out, _ = cli(db_path, "search", "shcherb", "--json", capsys=capsys)
    assert json.loads(out)["total"] == 1
    assert cli(db_path, "person", "delete", "G-1042", capsys=capsys)[0] == 0
    assert "G-1042" in cli(db_path, "trash", capsys=capsys)[1]
    assert json.loads(cli(db_path, "stats", "--json", capsys=capsys)[1])["persons"] == 0
    assert cli(db_path, "person", "restore", "G-1042", capsys=capsys)[0] == 0
    code, out, _ = cli(db_path, "audit", "--record", "G-1042", capsys=capsys)
    assert [line.split("\t")[2] for line in out.splitlines()][:3] == ["restore", "delete", "status"]
    assert cli(db_path, "verify", capsys=capsys)[1].startswith("audit trail intact")


def test_lists_partners_and_log(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for surname in ("Орлова", "Орлов"):
        cli(db_path, "person", "add", "--surname", surname, capsys=capsys)
    assert cli(db_path, "household", "create", "Orlov", "--head", "MR-000001", capsys=capsys)[1].strip() == "H-00001"
    cli(db_path, "household", "add", "H-00001", "MR-000002", "--relationship", "child", capsys=capsys)
    cli(db_path, "partner", "add", "Rafah Crossing Authority", "--kind", "border_authority", "--country", "EGY",
        capsys=capsys)
    cli(db_path, "list", "create", "Rafah list 4", "--partner", "Rafah Crossing Authority", capsys=capsys)
    assert "2 added" in cli(db_path, "list", "add", "Rafah list 4", "--household", "H-00001", capsys=capsys)[1]
    cli(db_path, "list", "send", "Rafah list 4", capsys=capsys)
    cli(db_path, "list", "answer", "Rafah list 4", "MR-000001", "approved", "--valid-until", "2030-01-01",
        capsys=capsys)
    code, out, err = cli(db_path, "list", "show", "Rafah list 4", capsys=capsys)
    assert "approved" in out and "warning: Household H-00001" in err
    code, out, _ = cli(db_path, "list", "show", capsys=capsys)
    assert "2 persons: 1 pending, 1 approved, 0 rejected, 0 crossed" in out
    cli(db_path, "log", "Asked for the corrected passport", "--partner", "Rafah Crossing Authority",
        "--follow-up", "2020-01-01", "--person", "MR-000001", capsys=capsys)
    assert "Asked for the corrected passport" in cli(db_path, "followups", capsys=capsys)[1]
    assert cli(db_path, "mission", "--name", "Embassy in Cairo", "--country", "Egypt", capsys=capsys)[1].strip() == \
        "mission: Embassy in Cairo\tcountry: EGY"
    code, out, _ = cli(db_path, "person", "add", "--surname", "Local", "--phone", "0100 123 4567", capsys=capsys)
    assert code == 0
    assert json.loads(cli(db_path, "person", "show", "MR-000003", "--json", capsys=capsys)[1])["phones"] == \
        ["+201001234567"]


def test_no_command_opens_the_window_on_a_new_database(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path)}
    process = subprocess.Popen([*ENTRY, "--db", str(db), "--operator", "A. Petrova"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        folder = tmp_path / "MissionRoster" / "log"  # the window's process writes a log file of its own

        def opened() -> bool:
            return any("window opened" in log.read_text() for log in folder.glob("mission-roster-*.log"))

        while time.monotonic() < deadline and not opened():
            assert process.poll() is None, process.communicate()
            time.sleep(0.2)
        assert opened()
        assert db.exists()
    finally:
        process.terminate()
        process.communicate(timeout=30)
