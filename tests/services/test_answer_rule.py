"""Issue 13 item 1: a partner's answer is always recorded; the status follows as far as it may.

Replays the officer's day: persons put on a list while still registered, the list sent, the
partner's answer (approvals and rejections) reconciled and applied. Then the same rule from
the Lists page's service and the command line, sending with verify-first, and status changes
for many persons at once as one undoable operation.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.errors import EditConflict
from desktop_app.domain.lists import Answer
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.domain.status import Status, answer_gap, answer_path, check_transition
from desktop_app.services import lists, persons, status
from desktop_app.services.reconciling import apply_reconciliation, reconcile_answer, undo_reconciliation
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import write_answer

PEOPLE = [  # surname, given, born, passport: Latin names as the partner writes them
    ("SHCHERBAKOV", "IVAN", "1980-03-05", "721234567"),
    ("SHCHERBAKOVA", "MARIA", "1984-11-02", "727654321"),
    ("ABU SHANAB", "AHMED", "1975-01-20", "P0481516"),
    ("PETROV", "OLEG", "1979-09-09", "779999999"),
    ("SMIRNOVA", "OLGA", "1991-04-09", "751111111"),
]


def _registered(db: Database, operator: str) -> list[int]:
    return [persons.create_person(db, {"surname_latin": s, "given_names_latin": g, "birth_date": born},
                                  operator=operator,
                                  documents=[DocumentData.create(DocumentType.PASSPORT, number, "RUS")]).id
            for s, g, born, number in PEOPLE]


def _answer_file(path: Path) -> Path:
    decisions = ["approved", "approved", "rejected", "rejected", "approved"]
    return write_answer(path, ["Name", "Date of birth", "Passport No", "Decision"], [
        [f"{s} {g}", f"{born[8:10]}.{born[5:7]}.{born[:4]}", number, decision]
        for (s, g, born, number), decision in zip(PEOPLE, decisions, strict=True)])


def test_answers_for_members_still_registered_are_recorded_and_statuses_walk(db: Database, operator: str,
                                                                             tmp_path: Path) -> None:
    ids = _registered(db, operator)
    # One member declined evacuation since: the partner's approval is still recorded, the status cannot follow.
    status.change_status(db, ids[4], Status.DECLINED, operator=operator, reason="stays with relatives")
    evacuation_list = lists.create_list(db, "Rafah 14 Nov", operator=operator)
    lists.add_members(db, evacuation_list.id, ids, operator=operator)
    assert {person_id for person_id, _, _ in lists.unverified_members(db, evacuation_list.id)} == set(ids[:4])
    lists.mark_sent(db, evacuation_list.id, operator=operator)  # without verify-first: they stay registered
    assert {persons.get_person(db, i).status for i in ids[:4]} == {"registered"}

    rec = reconcile_answer(db, _answer_file(tmp_path / "answer.xlsx"), list_id=evacuation_list.id)
    assert rec.matched == 5
    result = apply_reconciliation(db, rec, {}, operator=operator)

    assert (result.approved, result.rejected, result.skipped) == (3, 2, ())
    members = {m.person_id: m for m in lists.members(db, evacuation_list.id)}
    assert [members[i].answer for i in ids] == ["approved", "approved", "rejected", "rejected", "approved"]
    assert [members[i].status for i in ids] == ["approved", "approved", "rejected", "rejected", "declined"]
    assert members[ids[4]].status_gap == "status declined cannot become approved"
    assert [m.status_gap for m in members.values()].count(None) == 4
    assert [(s.row, s.reason) for s in result.not_moved] == [
        (6, f"{persons.get_person(db, ids[4]).case_ref}: approved recorded, status declined cannot become approved")]
    summary = lists.get_list(db, evacuation_list.id)
    assert (summary.pending, summary.approved, summary.rejected) == (0, 3, 2)
    # The history shows the walk (verified and submitted on the way), each step naming the list.
    walk = [(h.from_status, h.to_status) for h in status.history(db, ids[0])]
    assert walk[1:] == [("registered", "verified"), ("verified", "submitted"), ("submitted", "approved")]
    assert {h.list_name for h in status.history(db, ids[0])[1:]} == {"Rafah 14 Nov"}
    # A rejection never invents a verification.
    assert [(h.from_status, h.to_status) for h in status.history(db, ids[2])][1:] == [("registered", "rejected")]

    undone = undo_reconciliation(db, result.operation_id or 0, operator=operator)
    assert undone.restored == 5
    assert [persons.get_person(db, i).status for i in ids] == ["registered"] * 4 + ["declined"]
    assert lists.get_list(db, evacuation_list.id).pending == 5


def test_the_lists_page_and_the_command_line_follow_the_same_rule(db: Database, db_path: Path, operator: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    ids = _registered(db, operator)
    status.change_status(db, ids[3], Status.DECLINED, operator=operator)
    evacuation_list = lists.create_list(db, "Rafah 15 Nov", operator=operator)
    lists.add_members(db, evacuation_list.id, ids, operator=operator)
    recorded = lists.record_answers(db, evacuation_list.id, ids[:2], Answer.REJECTED, operator=operator)
    assert [(r.status_before, r.status_after, r.not_moved) for r in recorded] == [("registered", "rejected", None)] * 2
    refs = [persons.get_person(db, i).case_ref for i in ids]
    db.close()
    code = main(["--db", str(db_path), "--operator", "cli", "list", "answer", "Rafah 15 Nov", refs[2], "approved"])
    out = capsys.readouterr().out
    assert code == 0 and f"{refs[2]} on Rafah 15 Nov: approved recorded; status approved" in out
    code = main(["--db", str(db_path), "list", "answer", "Rafah 15 Nov", refs[3], "rejected"])
    out = capsys.readouterr().out
    assert code == 0 and "rejected recorded; status declined (status declined cannot become rejected)" in out
    code = main(["--db", str(db_path), "list", "show", "Rafah 15 Nov"])
    shown = {line.split("\t")[0]: line.split("\t")[3:5] for line in capsys.readouterr().out.splitlines()}
    assert [shown[r] for r in refs[:4]] == [["rejected", "rejected"], ["rejected", "rejected"],
                                            ["approved", "approved"], ["declined", "rejected"]]


def test_mark_sent_names_the_unverified_and_verifies_them_first_when_asked(db_path: Path, db: Database,
                                                                            operator: str,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    ids = _registered(db, operator)
    status.change_status(db, ids[0], Status.VERIFIED, operator=operator)
    for name in ("A", "B"):
        created = lists.create_list(db, name, operator=operator)
        lists.add_members(db, created.id, ids[:3], operator=operator)
    refs = [persons.get_person(db, i).case_ref for i in ids[:3]]
    db.close()
    assert main(["--db", str(db_path), "list", "send", "A"]) == 0
    err = capsys.readouterr().err
    assert f"2 members are not verified yet and stay registered: {refs[2]}, {refs[1]}" in err  # roster order
    assert "--verify-first" in err
    assert main(["--db", str(db_path), "list", "send", "B", "--verify-first"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["--db", str(db_path), "search", "--json"]) == 0
    found = {p["case_ref"]: p["status"] for p in json.loads(capsys.readouterr().out)["persons"]}
    assert [found[r] for r in refs] == ["submitted"] * 3


def test_status_of_many_is_one_undoable_operation(db: Database, db_path: Path, operator: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    ids = _registered(db, operator)
    status.change_status(db, ids[4], Status.DECLINED, operator=operator)
    result = status.change_statuses(db, ids, Status.VERIFIED, operator=operator, reason="papers seen")
    refs = [persons.get_person(db, i).case_ref for i in ids]
    assert result.changed == tuple(refs[:4])
    assert [r for r, _ in result.refused] == [refs[4]] and "'declined' to 'verified'" in result.refused[0][1]
    status.change_status(db, ids[0], Status.ON_HOLD, operator=operator)  # someone moved on since
    with pytest.raises(EditConflict, match=refs[0]):
        status.undo_status_operation(db, result.operation_id or 0, operator=operator)
    assert persons.get_person(db, ids[1]).status == "verified"  # nothing was undone
    status.change_status(db, ids[0], Status.VERIFIED, operator=operator)
    assert status.undo_status_operation(db, result.operation_id or 0, operator=operator) == 4
    assert [persons.get_person(db, i).status for i in ids] == ["registered"] * 4 + ["declined"]

    evacuation_list = lists.create_list(db, "Rafah 16 Nov", operator=operator)
    lists.add_members(db, evacuation_list.id, ids[2:4], operator=operator)
    db.close()
    assert main(["--db", str(db_path), "status", refs[0], refs[1], "verified", "--reason", "seen"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{refs[0]}: verified", f"{refs[1]}: verified"]
    assert main(["--db", str(db_path), "status", "--list", "Rafah 16 Nov", "on_hold"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"{refs[2]}: on_hold", f"{refs[3]}: on_hold"]
    operation = int(captured.err.split("operation ")[1].split(";")[0])
    assert main(["--db", str(db_path), "status", "--undo", str(operation)]) == 0
    assert "2 persons back" in capsys.readouterr().out
    assert main(["--db", str(db_path), "history", refs[2]]) == 0
    history = capsys.readouterr().out.splitlines()
    assert "registered -> on_hold [Rafah 16 Nov]" in history[-2]
    assert f"on_hold -> registered [Rafah 16 Nov]\tundo of status operation {operation}" in history[-1]
    assert main(["--db", str(db_path), "status", refs[4], "crossed"]) == 1  # refused, nothing moved
    assert "not changed" in capsys.readouterr().err


def test_answer_path_never_walks_backwards_or_through_a_side_state() -> None:
    for current in Status:
        for target in (Status.APPROVED, Status.REJECTED):
            steps = answer_path(current, target)
            if steps is None:
                assert answer_gap(target.value, current) is not None or current in (Status.CROSSED, Status.EVACUATED)
                continue
            chain = [current, *steps]
            for before, after in itertools.pairwise(chain):
                check_transition(before, after)
            assert not set(steps[:-1]) & {Status.REGISTERED, Status.ON_HOLD, Status.DECLINED, Status.UNREACHABLE}
    assert answer_path(Status.VERIFIED, Status.REJECTED) == [Status.REJECTED]
    assert answer_path(Status.CROSSED, Status.REJECTED) is None
    assert answer_gap("approved", Status.CROSSED) is None  # crossing after the approval is no gap


def test_reconcile_apply_on_the_command_line_names_the_status_that_could_not_follow(
        db: Database, db_path: Path, operator: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _registered(db, operator)
    status.change_status(db, ids[4], Status.DECLINED, operator=operator)
    evacuation_list = lists.create_list(db, "Rafah 17 Nov", operator=operator)
    lists.add_members(db, evacuation_list.id, ids, operator=operator)
    declined = persons.get_person(db, ids[4]).case_ref
    db.close()
    answer = _answer_file(tmp_path / "answer.xlsx")
    assert main(["--db", str(db_path), "reconcile", str(answer), "--list", "Rafah 17 Nov", "--apply"]) == 0
    out = capsys.readouterr().out
    assert "3 approved, 2 rejected, 4 statuses changed" in out
    assert f"row 6: {declined}: approved recorded, status declined cannot become approved" in out
    assert main(["--db", str(db_path), "list", "show", "Rafah 17 Nov"]) == 0
    assert "\tpending\t" not in capsys.readouterr().out


def test_status_with_references_and_a_list_changes_only_those_named(db: Database, db_path: Path, operator: str,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    ids = _registered(db, operator)
    evacuation_list = lists.create_list(db, "Rafah 18 Nov", operator=operator)
    lists.add_members(db, evacuation_list.id, ids, operator=operator)
    ref = persons.get_person(db, ids[0]).case_ref
    db.close()
    assert main(["--db", str(db_path), "status", ref, "verified", "--list", "Rafah 18 Nov"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{ref}: verified"]
    assert main(["--db", str(db_path), "history", ref]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split("\t")[2] == "registered -> verified [Rafah 18 Nov]"
