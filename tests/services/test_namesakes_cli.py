"""`duplicates --json` and `reconcile --json` on a roster of 420 'Mohammed Ahmed' in three scripts (issue 14,
found by breaker X14d): two namesakes born the same day, nothing else, are offered for review, never as one
person (`tests/matching/test_namesakes_same_day.py` has why)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli import main

SPELLINGS = (("AHMED", "MOHAMMED"), ("أحمد", "محمد"), ("Ахмед", "Мухаммед"))
DAY = "22.04.2004"


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "--operator", "cli.officer", *args])


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Surname", "Given names", "Date of birth", "Decision"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_namesakes_born_the_same_day_are_reviewed_on_the_command_line(tmp_path: Path, db_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(14)
    rows = []
    for k in range(420):
        born = DAY
        while born == DAY:
            born = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1990, 2009)}"
        rows.append([*SPELLINGS[k % 3], born, ""])
    rows += [[*SPELLINGS[1], DAY, ""], [*SPELLINGS[2], DAY, ""]]  # the breaker's two
    assert _run(db_path, "import", str(_sheet(tmp_path / "roster.xlsx", rows)), "--accept-duplicates") == 0
    capsys.readouterr()
    assert _run(db_path, "duplicates", "--json") == 0
    pairs = json.loads(capsys.readouterr().out)
    assert pairs and not [p for p in pairs if p["decision"] == "match"]
    assert _run(db_path, "reconcile", str(_sheet(tmp_path / "answer.xlsx", [["AHMED", "MOHAMMED", DAY, "approved"]])),
                "--json") == 0
    (row,) = json.loads(capsys.readouterr().out)["matches"]
    assert row["decision"] == "review"  # two namesakes born that day: neither is the row's person for sure
