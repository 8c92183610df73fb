"""Issue 13, a partner's answer attacked from the command line (breaker): a row the roster has no sure
match for says whom it came closest to (the line said "(closest roster persons)" and named nobody);
an empty file and an answer in Arabic script only. Real program, real roster file, real .xlsx."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from desktop_app.services import lists, persons
from desktop_app.storage.db import Database

OPERATOR = "A. Petrova"
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db), "--operator", OPERATOR, *args],
                          capture_output=True, text=True, timeout=120, env={**os.environ, **ENGLISH})


def _answer(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["Name", "Decision"], *rows]:
        sheet.append(row)
    book.save(path)
    return path


def test_a_row_not_matched_names_the_closest_persons(db: Database, tmp_path: Path) -> None:
    omar = persons.create_person(db, {"surname": "أبو شنب", "given_names": "عمر", "surname_latin": "ABU SHANAB",
                                      "given_names_latin": "OMAR", "birth_date": "2016-01-13"}, operator=OPERATOR)
    persons.create_person(db, {"surname": "أبو شنب", "given_names": "عمر", "surname_latin": "ABU SHANAB",
                               "given_names_latin": "OMAR", "birth_date": "2013-05-23"}, operator=OPERATOR)
    rafah = lists.create_list(db, "Rafah 14", operator=OPERATOR)
    lists.add_members(db, rafah.id, [omar.id], operator=OPERATOR)
    answer = _answer(tmp_path / "answer.xlsx", [["ABU SHANAB OMAR", "approved"], ["أبو شنب عمر", "approved"]])
    path = db.target.path
    db.close()
    run = _cli(path, "reconcile", str(answer), "--list", "Rafah 14")
    assert run.returncode == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if line.startswith("row ")]
    assert len(rows) == 2
    for line in rows:
        assert " none " not in line or (omar.case_ref in line and "closest roster persons: " in line), line
        assert omar.case_ref in line


def test_an_empty_answer_file_is_named_and_changes_nothing(db: Database, tmp_path: Path) -> None:
    rafah = lists.create_list(db, "Rafah 14", operator=OPERATOR)
    path = db.target.path
    db.close()
    for name in ("empty.xlsx", "empty.csv"):
        (tmp_path / name).write_bytes(b"")
        run = _cli(path, "reconcile", str(tmp_path / name), "--list", "Rafah 14", "--apply")
        assert run.returncode == 1 and f"{name}: the file is empty" in run.stderr
    assert rafah.members == 0
