"""The command line's output on any console (issue 21): UTF-8 whatever the code page, no stdout at all.

On Windows a pipe or a redirection gets the ANSI code page (cp1252 on a Western laptop), which has
neither Cyrillic nor Arabic: Python raised UnicodeEncodeError at the first such name. Here the
child's stdout is a pipe and PYTHONIOENCODING=cp1252 makes Python pick cp1252 as Windows would.
A windowed executable (PyInstaller's `--windowed`) starts with `sys.stdout` and `sys.stderr` None.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import system
from desktop_app.launch import _window_options

ENTRY = [sys.executable, "-m", "desktop_app"]
NAMES = [("Ольга", "Петрова"), ("أبو شنب", "أحمد")]


def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-c", code, *args] if code else [*ENTRY, *args]
    return subprocess.run(command, capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "cp1252"})


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.db"
    for surname, given in NAMES:
        result = _run("--db", str(path), "person", "add", "--surname", surname, "--given", given)
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return path


def test_names_in_cyrillic_and_arabic_reach_a_pipe_in_a_cp1252_console_as_utf8(roster: Path) -> None:
    for surname, given in NAMES:
        listed = _run("--db", str(roster), "search", surname)
        assert listed.returncode == 0, listed.stderr.decode("utf-8", "replace")
        assert f"{surname} {given}" in listed.stdout.decode("utf-8")
    as_json = _run("--db", str(roster), "search", "--json", "أبو")
    assert json.loads(as_json.stdout.decode("utf-8"))["persons"][0]["given_names"] == "أحمد"


def test_an_error_naming_a_cyrillic_folder_reaches_stderr_as_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "Ольга"
    folder.mkdir()
    result = _run("--db", str(folder), "stats")  # a folder, not a roster: refused, and named
    assert result.returncode == 1, result.stderr
    assert result.stderr.decode("utf-8") == f"mission-roster: {folder}: is a folder, not a roster database\n"


WINDOWED = """
import sys
sys.stdout = None  # as in a windowed executable
sys.stderr = None
from desktop_app.launch import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_a_windowed_executable_without_stdout_runs_commands(roster: Path) -> None:
    for args in (["search", "Ольга"], ["person", "show", "MR-404"]):  # output, then an error message
        result = _run("--db", str(roster), *args, code=WINDOWED)
        assert result.stdout == b"" and result.stderr == b""
        assert result.returncode == (1 if args[-1] == "MR-404" else 0)
    added = _run("--db", str(roster), "person", "add", "--surname", "Иванов", code=WINDOWED)
    assert added.returncode == 0
    assert "Иванов" in _run("--db", str(roster), "search", "Иванов").stdout.decode("utf-8")


def test_utf8_console_reconfigures_a_cp1252_stream_and_replaces_missing_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    cp1252 = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr(sys, "stderr", None)
    system.utf8_console(stdout=cp1252)
    print("Ольга أحمد \udcff", file=cp1252, flush=True)  # a lone surrogate, as from a badly named file
    assert raw.getvalue().decode("utf-8") == "Ольга أحمد \\udcff\n"
    assert sys.stderr is not None and sys.stderr.write("Ольга") == 5
    sys.stderr.close()


def test_a_double_clicked_roster_opens_the_window_on_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roster = tmp_path / "Рафах 2026" / "cairo.db"
    roster.parent.mkdir()
    roster.write_bytes(b"")
    options = _window_options([str(roster)])
    assert options is not None and options.db == str(roster) and options.operator is None
    assert _window_options(["-psn_0_1234567", str(roster)]).db == str(roster)  # type: ignore[union-attr]
    assert _window_options([str(roster), "--operator", "A. Petrova"]).operator == "A. Petrova"  # type: ignore[union-attr]
    assert _window_options([str(tmp_path / "missing.db")]) is None  # the parser says what is wrong
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stats").write_bytes(b"")
    assert _window_options(["stats"]) is None  # a command, though a file has its name
    assert _window_options([str(roster), str(roster)]) is None
