"""Issue 13, the bulk status change attacked from the command line (breaker): references typed beside
`--list` for persons who are not on that list, and undoing a status operation twice or after its
persons moved on, in Russian. Each command runs as the real program on a real roster file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from desktop_app.services import lists, persons, status
from desktop_app.storage.db import Database

RUSSIAN = {"LANG": "ru_RU.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
OPERATOR = "A. Petrova"


def _cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db), "--operator", OPERATOR, *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})})


def _three(db: Database) -> tuple[list[str], int]:
    """Three registered persons; the first two on list 'Rafah 14', the third on no list."""
    refs = [persons.create_person(db, {"surname_latin": name, "given_names_latin": given, "birth_date": born},
                                  operator=OPERATOR).case_ref
            for name, given, born in (("HADDAD", "LEILA", "1985-05-05"), ("SAYED", "OMAR", "1979-02-11"),
                                      ("NASSER", "HUDA", "1990-09-30"))]
    rafah = lists.create_list(db, "Rafah 14", operator=OPERATOR)
    lists.add_members(db, rafah.id, [persons.find_person(db, ref).id for ref in refs[:2]], operator=OPERATOR)
    return refs, rafah.id


def test_a_reference_beside_list_that_is_not_on_it_is_refused_not_recorded_there(db: Database) -> None:
    refs, _ = _three(db)
    path = db.target.path
    db.close()
    run = _cli(path, "status", "--list", "Rafah 14", refs[0], refs[2], "on_hold")
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"{refs[0]}: on_hold\n"
    assert f"{refs[2]}: not changed: is not on list 'Rafah 14'" in run.stderr
    history = _cli(path, "history", refs[2]).stdout
    assert "Rafah 14" not in history and "on_hold" not in history
    russian = _cli(path, "status", "--list", "Rafah 14", refs[2], "verified", env=RUSSIAN)
    assert russian.returncode == 1
    assert f"{refs[2]}: не изменён(а): нет в списке 'Rafah 14'" in russian.stderr


def test_one_persons_status_change_on_a_list_they_are_not_on_is_refused(db: Database) -> None:
    from desktop_app.domain.errors import ValidationError
    from desktop_app.domain.status import Status

    refs, rafah = _three(db)
    outsider = persons.find_person(db, refs[2]).id
    try:
        status.change_status(db, outsider, Status.VERIFIED, operator=OPERATOR, list_id=rafah)
    except ValidationError as exc:
        assert "Rafah 14" in str(exc)
    else:
        raise AssertionError("a status change was recorded on a list its person is not on")
    assert persons.get_person(db, outsider).status == "registered"


def test_undoing_twice_or_after_a_move_is_said_in_russian(db: Database) -> None:
    refs, _ = _three(db)
    path = db.target.path
    db.close()
    first = _cli(path, "status", refs[0], refs[1], "verified")
    number = re.search(r"operation (\d+)", first.stderr)
    assert number is not None, first.stderr
    _cli(path, "status", refs[0], "on_hold")
    moved = _cli(path, "status", "--undo", number[1], env=RUSSIAN)
    assert moved.returncode == 1
    assert f"Операцию {number[1]} нельзя отменить: статус {refs[0]} с тех пор менялся. Ничего не отменено." \
        in moved.stderr
    number2 = re.search(r"operation (\d+)", _cli(path, "status", refs[2], refs[1], "on_hold").stderr)
    assert number2 is not None
    assert _cli(path, "status", "--undo", number2[1]).returncode == 0
    twice = _cli(path, "status", "--undo", number2[1], env=RUSSIAN)
    assert twice.returncode == 1
    assert f"уже отменена ({OPERATOR}, " in twice.stderr and "already" not in twice.stderr  # who, and when



def test_reconcile_undo_of_another_commands_number_or_twice_is_said_in_russian(db: Database, tmp_path: Path) -> None:
    import openpyxl

    refs, _ = _three(db)
    path = db.target.path
    db.close()
    verified = _cli(path, "status", refs[0], refs[1], "verified")
    status_number = re.search(r"operation (\d+)", verified.stderr)
    assert status_number is not None, verified.stderr
    assert _cli(path, "list", "send", "Rafah 14").returncode == 0
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Date of birth", "Decision"])
    sheet.append(["HADDAD LEILA", "05.05.1985", "approved"])
    book.save(tmp_path / "answer.xlsx")
    numbers = []
    for _ in range(2):  # the same answer applied twice
        applied = _cli(path, "reconcile", str(tmp_path / "answer.xlsx"), "--list", "Rafah 14", "--apply")
        found = re.search(r"applied as operation (\d+)", applied.stdout + applied.stderr)
        assert found is not None, applied.stdout + applied.stderr
        numbers.append(found[1])
    blocked = _cli(path, "reconcile", "--undo", numbers[0], env=RUSSIAN)
    assert blocked.returncode == 1 and f"операция {numbers[1]} после неё записала ответы" in blocked.stderr
    assert _cli(path, "reconcile", "--undo", numbers[1]).returncode == 0
    twice = _cli(path, "reconcile", "--undo", numbers[1], env=RUSSIAN)
    assert twice.returncode == 1 and f"уже отменена ({OPERATOR}, " in twice.stderr
    wrong = _cli(path, "reconcile", "--undo", status_number[1], env=RUSSIAN)
    assert wrong.returncode == 1
    assert f"`mission-roster status --undo {status_number[1]}`" in wrong.stderr, wrong.stderr
