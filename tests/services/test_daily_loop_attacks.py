"""Attacks on the daily loop (issue 13 items 1 and 5) that broke it, each replayed.

A list member moved to the trash: `status --list` and the window's "every member of the list"
refused everybody with "No person 96" (an internal id), and the Lists page and `list answer`
recorded an answer on the trashed person and moved their status, while a reconciled answer
skips them. The trash is no longer on the roster: every way of recording an answer or
changing many statuses names them and leaves them as they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.errors import EditConflict, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.status import Status
from desktop_app.services import lists, persons, status
from desktop_app.services.reconciling import apply_reconciliation, reconcile_answer, undo_reconciliation
from desktop_app.storage.db import Database
from tests.engine_listening import listen_until_stopped
from tests.services.test_reconcile_roster import write_answer


def _list_of(db: Database, operator: str, count: int, name: str = "Rafah 20 Nov") -> tuple[int, list[int], list[str]]:
    ids = [persons.create_person(db, {"surname_latin": f"PETROV{chr(65 + i)}", "given_names_latin": "OLEG",
                                      "birth_date": f"19{70 + i}-01-0{1 + i % 9}"}, operator=operator).id
           for i in range(count)]
    created = lists.create_list(db, name, operator=operator)
    lists.add_members(db, created.id, ids, operator=operator)
    lists.mark_sent(db, created.id, operator=operator, verify_first=True)
    return created.id, ids, [persons.get_person(db, i).case_ref for i in ids]


def test_status_of_a_list_with_a_member_in_the_trash_moves_the_others_and_names_the_trashed(
        db: Database, db_path: Path, operator: str, capsys: pytest.CaptureFixture[str]) -> None:
    list_id, ids, refs = _list_of(db, operator, 3)
    persons.delete_person(db, ids[1], operator=operator, reason="entered twice")
    members = [m.person_id for m in lists.members(db, list_id)]  # what the window's list scope offers
    result = status.change_statuses(db, members, Status.ON_HOLD, operator=operator, list_id=list_id)
    assert result.changed == (refs[0], refs[2])
    assert [(ref, why) for ref, why in result.refused] == [(refs[1], "is in the trash")]
    assert persons.get_person(db, ids[1]).status == "submitted"
    status.undo_status_operation(db, result.operation_id or 0, operator=operator)
    db.close()
    assert main(["--db", str(db_path), "status", "--list", "Rafah 20 Nov", "on_hold"]) == 0
    captured = capsys.readouterr()
    assert sorted(captured.out.splitlines()) == sorted([f"{refs[0]}: on_hold", f"{refs[2]}: on_hold"])
    assert f"{refs[1]}: not changed: is in the trash" in captured.err
    assert main(["--db", str(db_path), "status", refs[1], "verified"]) == 1  # named alone: refused, exit 1
    assert f"{refs[1]}: not changed: is in the trash" in capsys.readouterr().err
    assert main(["--db", str(db_path), "verify"]) == 0


def test_an_answer_for_a_member_in_the_trash_is_refused_everywhere_like_reconcile_does(
        db: Database, db_path: Path, operator: str, capsys: pytest.CaptureFixture[str]) -> None:
    list_id, ids, refs = _list_of(db, operator, 3)
    persons.delete_person(db, ids[1], operator=operator, reason="entered twice")
    with pytest.raises(ValidationError, match=f"{refs[1]}.*in the trash"):
        lists.record_answers(db, list_id, ids, Answer.APPROVED, operator=operator)  # the Lists page, all selected
    assert [m.answer for m in lists.members(db, list_id)] == ["pending"] * 3  # nothing half-recorded
    assert persons.get_person(db, ids[1]).status == "submitted"
    db.close()
    assert main(["--db", str(db_path), "list", "answer", "Rafah 20 Nov", refs[1], "approved"]) == 1
    assert "in the trash" in capsys.readouterr().err
    assert main(["--db", str(db_path), "person", "restore", refs[1]]) == 0
    assert main(["--db", str(db_path), "list", "answer", "Rafah 20 Nov", refs[1], "approved"]) == 0
    assert "approved recorded; status approved" in capsys.readouterr().out


def test_undo_of_an_apply_after_the_same_answer_was_applied_again_is_refused(
        db: Database, operator: str, tmp_path: Path) -> None:
    list_id, ids, _refs = _list_of(db, operator, 2)
    people = [persons.get_person(db, i) for i in ids]
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Decision"],
                          [[f"{p.surname_latin} {p.given_names_latin}", p.birth_date.iso() if p.birth_date else "",
                            "approved"] for p in people])
    rec = reconcile_answer(db, answer, list_id=list_id)
    first = apply_reconciliation(db, rec, {}, operator=operator)
    again = apply_reconciliation(db, rec, {}, operator=operator)  # the officer applied the same file twice
    assert first.operation_id and again.operation_id
    with pytest.raises(EditConflict, match=f"operation {again.operation_id} applied answers for the same members "
                       f"after it. Undo operation {again.operation_id} first"):
        undo_reconciliation(db, first.operation_id, operator=operator)  # would leave the second apply hollow
    assert [m.answer for m in lists.members(db, list_id)] == ["approved", "approved"]
    assert undo_reconciliation(db, again.operation_id, operator=operator).restored == 2
    assert undo_reconciliation(db, first.operation_id, operator=operator).restored == 2  # now in order
    assert [(m.answer, m.status) for m in lists.members(db, list_id)] == [("pending", "submitted")] * 2



def test_an_answer_or_crossing_for_someone_not_on_the_list_names_them_by_case_reference(
        db: Database, db_path: Path, operator: str, capsys: pytest.CaptureFixture[str]) -> None:
    _list_of(db, operator, 1)
    stranger = persons.create_person(db, {"surname_latin": "SAYED", "given_names_latin": "MONA"}, operator=operator)
    db.close()
    for command in (["list", "answer", "Rafah 20 Nov", stranger.case_ref, "approved"],
                    ["list", "crossed", "Rafah 20 Nov", stranger.case_ref]):
        assert main(["--db", str(db_path), *command]) == 1
        err = capsys.readouterr().err
        assert repr(stranger.case_ref) in err and f" {stranger.id} " not in err, err  # not the internal row id


def test_status_undo_of_a_reconcile_apply_says_which_command_undoes_it(
        db: Database, db_path: Path, operator: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    list_id, ids, _refs = _list_of(db, operator, 1)
    person = persons.get_person(db, ids[0])
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Decision"],
                          [[f"{person.surname_latin} {person.given_names_latin}",
                            person.birth_date.iso() if person.birth_date else "", "approved"]])
    applied = apply_reconciliation(db, reconcile_answer(db, answer, list_id=list_id), {}, operator=operator)
    assert applied.operation_id is not None
    db.close()
    number = str(applied.operation_id)
    assert main(["--db", str(db_path), "status", "--undo", number]) == 1
    assert f"`mission-roster reconcile --undo {number}`" in capsys.readouterr().err
    assert main(["--db", str(db_path), "status", "--undo", "999"]) == 1
    assert "No status operation 999" in capsys.readouterr().err
    assert main(["--db", str(db_path), "reconcile", "--undo", number]) == 0  # the command it named works


def test_a_list_with_nobody_on_it_is_not_sent(db: Database, db_path: Path, operator: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    empty = lists.create_list(db, "Rafah 22 Nov", operator=operator)
    with pytest.raises(ValidationError, match="has nobody on it yet"):
        lists.mark_sent(db, empty.id, operator=operator)
    assert lists.get_list(db, empty.id).state == "draft"  # persons can still be added and sent with it
    db.close()
    assert main(["--db", str(db_path), "list", "send", "Rafah 22 Nov"]) == 1
    assert "has nobody on it yet" in capsys.readouterr().err


def test_a_status_change_for_many_does_not_read_each_persons_history(db: Database, operator: str) -> None:
    """Each person's move used to load their whole status history (and flush the session) first:
    a status change for the 744 persons of a demo roster kept the window frozen for seconds."""
    _list_id, ids, _refs = _list_of(db, operator, 6)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)
    listening = listen_until_stopped(db.engine, "before_cursor_execute", seen)
    try:
        done = status.change_statuses(db, ids, Status.ON_HOLD, operator=operator)
    finally:
        listening.stop()
    assert len(done.changed) == 6
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM status_changes" in s]
    assert reads == []
    assert sum(s.lstrip().upper().startswith("INSERT INTO STATUS_CHANGES") for s in statements) >= 1
    assert [h.to_status for h in status.history(db, ids[0])][-1] == "on_hold"
