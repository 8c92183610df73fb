"""The command line: `reconcile --json` contract, --apply (match rows only), --undo, --report; duplicates; merge."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.services import lists, persons
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import Roster, build_roster, write_answer

HEADER = ["Name", "Date of birth", "Passport No", "Decision"]


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


@pytest.fixture
def answer(tmp_path: Path) -> Path:
    return write_answer(tmp_path / "answer.xlsx", HEADER, [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["IVANOVA ANNA", "", "", "approved"],
        ["JOHN NOBODY", "1970", "X1", "rejected"]], title="Approved for 14 Nov")


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "--operator", "cli.officer", *args])


def test_json_contract(db_path: Path, db: Database, roster: Roster, answer: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "reconcile", str(answer), "--list", "Rafah 14 Nov", "--json") == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert set(data) == {"rows", "matched", "review", "unmatched", "matches"}
    assert (data["rows"], data["matched"], data["review"], data["unmatched"]) == (3, 1, 1, 1)
    assert [m["row"] for m in data["matches"]] == [4, 5, 6]  # as the spreadsheet shows them, below the title
    for entry in data["matches"]:
        assert set(entry) - {"closest"} == {"row", "decision", "person_id", "case_ref", "score", "reasons",
                                            "contributions"}
        assert entry["decision"] in ("match", "review", "none")
        assert isinstance(entry["score"], float) and isinstance(entry["reasons"], list)
    first, second, third = data["matches"]
    ivan = persons.get_person(db, roster.ids["ivan"])
    assert (first["decision"], first["person_id"], first["case_ref"]) == ("match", ivan.id, ivan.case_ref)
    assert "document equal" in first["reasons"] and first["score"] > 0.9
    waterfall = {c["field"]: (c["level"], c["bits"]) for c in first["contributions"]}
    assert waterfall["prior"][1] < 0 < waterfall["document"][1] and waterfall["document"][0] == "equal"
    assert sum(bits for _, bits in waterfall.values()) > 0  # the log-odds of a match the score says
    assert second["decision"] == "review" and second["person_id"] in (roster.ids["anna_1"], roster.ids["anna_2"])
    assert third == {"row": 6, "decision": "none", "person_id": None, "case_ref": None, "score": 0.0, "reasons": [],
                     "contributions": []}
    assert "household" in captured.err  # warnings on stderr, stdout stays one JSON document


def test_apply_only_match_rows_then_undo(db_path: Path, roster: Roster, answer: Path, db: Database,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "reconcile", str(answer), "--list", "Rafah 14 Nov", "--apply") == 0
    out = capsys.readouterr().out
    assert "1 rows need review and were not applied" in out
    answers = {m.person_id: m.answer for m in lists.members(db, roster.list_id)}
    assert answers[roster.ids["ivan"]] == "approved"
    assert answers[roster.ids["anna_1"]] == answers[roster.ids["anna_2"]] == "pending"
    operation = int(out.split("applied as operation ")[1].split(":")[0])
    assert _run(db_path, "reconcile", "--undo", str(operation)) == 0
    assert {m.answer for m in lists.members(db, roster.list_id)} == {"pending"}
    assert _run(db_path, "reconcile", "--undo", str(operation)) == 1
    assert "already undone" in capsys.readouterr().err


def test_apply_needs_a_list_and_report_is_written(db_path: Path, roster: Roster, answer: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "reconcile", str(answer), "--apply") == 1
    assert "--list" in capsys.readouterr().err
    report = tmp_path / "check.xlsx"
    assert _run(db_path, "reconcile", str(answer), "--report", str(report)) == 0
    assert openpyxl.load_workbook(report).sheetnames[0] == "Matched"
    assert "needs review: 1" in capsys.readouterr().out


def test_no_decision_column_needs_answer_option(db_path: Path, roster: Roster, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answer(tmp_path / "approved.xlsx", ["Surname", "Given name", "DOB"], [["SMIRNOV", "ALEKSEI",
                                                                                        "09.04.2001"]])
    assert _run(db_path, "reconcile", str(path), "--list", "Rafah 14 Nov", "--json") == 1
    assert "approved.xlsx" in capsys.readouterr().err
    assert _run(db_path, "reconcile", str(path), "--list", "Rafah 14 Nov", "--answer", "approved", "--json") == 0
    assert json.loads(capsys.readouterr().out)["matched"] == 1


def test_duplicates_and_merge_commands(db_path: Path, roster: Roster, db: Database,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    second = persons.create_person(db, {"surname_latin": "SHCHERBAKOV", "given_names_latin": "IVAN",
                                        "birth_date": "1980-03-05", "email": "x@example.org"},
                                   operator="t").case_ref
    ivan = persons.get_person(db, roster.ids["ivan"]).case_ref
    assert _run(db_path, "duplicates", "--json") == 0
    pairs = json.loads(capsys.readouterr().out)
    assert any({p["a"]["case_ref"], p["b"]["case_ref"]} == {ivan, second} for p in pairs)
    assert _run(db_path, "merge", ivan, second, "--take", "surname_latin") == 0
    out = capsys.readouterr().out
    assert persons.find_person(db, second).status == "merged"
    operation = out.split("operation ")[1].split(")")[0]
    assert _run(db_path, "merge", "--undo", operation) == 0
    assert persons.find_person(db, second).status == "registered"
    assert _run(db_path, "duplicates", "--not-duplicate", ivan, second) == 0
    capsys.readouterr()
    assert _run(db_path, "duplicates", "--json") == 0
    assert not any({p["a"]["case_ref"], p["b"]["case_ref"]} == {ivan, second}
                   for p in json.loads(capsys.readouterr().out))


def test_reconcile_on_an_empty_roster(db_path: Path, db: Database, answer: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A partner's answer read against a roster with nobody on it yet: every row 'none', no crash (a new mission's
    roster; found by M18, session 16: the batch blocks' years split an empty array into one part)."""
    assert _run(db_path, "reconcile", str(answer), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["rows"], data["matched"], data["review"], data["unmatched"]) == (3, 0, 0, 3)
    assert {entry["decision"] for entry in data["matches"]} == {"none"}
