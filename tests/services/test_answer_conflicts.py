"""Issue 13, remainder 3: a person approved on one list and rejected on another. Each list keeps
its partner's latest answer; the person's status, which says one thing, does not hide the other:
`answer_conflicts` names them, `list show` and `history` warn on the command line (the Lists page:
tests/ui/test_lists_answer_conflicts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.lists import Answer
from desktop_app.services import lists, persons
from desktop_app.services.reconciling import answer_conflicts
from desktop_app.storage.db import Database

OPERATOR = "A. Petrova"


def two_partners(db: Database) -> dict[str, int]:
    """Leila approved at Rafah and refused at Allenby; Omar approved by both; both lists sent."""
    ids = {name: persons.create_person(db, {"surname_latin": surname, "given_names_latin": name.upper(),
                                            "birth_date": "1985-05-05"}, operator=OPERATOR).id
           for name, surname in (("leila", "HADDAD"), ("omar", "SAYED"))}
    for list_name, answers in (("Rafah 14 Nov", {"leila": Answer.APPROVED, "omar": Answer.APPROVED}),
                               ("Allenby 15 Nov", {"leila": Answer.REJECTED, "omar": Answer.APPROVED})):
        created = lists.create_list(db, list_name, operator=OPERATOR)
        lists.add_members(db, created.id, list(ids.values()), operator=OPERATOR)
        lists.mark_sent(db, created.id, operator=OPERATOR, verify_first=True)
        for name, answer in answers.items():
            lists.record_answer(db, created.id, ids[name], answer, operator=OPERATOR)
        ids[list_name] = created.id
    return ids


def test_the_conflict_is_named_with_both_lists_and_the_status(db: Database) -> None:
    ids = two_partners(db)
    for where in ({"list_id": ids["Rafah 14 Nov"]}, {"list_id": ids["Allenby 15 Nov"]}, {"person_id": ids["leila"]}):
        found = answer_conflicts(db, **where)
        assert [(c.person_id, c.approved_on, c.rejected_on) for c in found] == [
            (ids["leila"], ("Rafah 14 Nov",), ("Allenby 15 Nov",))]
    leila = persons.get_person(db, ids["leila"])
    assert found[0].status == leila.status  # whatever the workflow left, the refusal is named beside it
    assert str(found[0]) == (f"{leila.case_ref}: approved on 'Rafah 14 Nov' but rejected on 'Allenby 15 Nov'; "
                             f"status {leila.status}: check with the partners before the crossing")
    assert answer_conflicts(db, person_id=ids["omar"]) == []
    # Both answers stay as each partner gave them.
    assert {m.person_id: m.answer for m in lists.members(db, ids["Allenby 15 Nov"])}[ids["leila"]] == "rejected"
    assert {m.person_id: m.answer for m in lists.members(db, ids["Rafah 14 Nov"])}[ids["leila"]] == "approved"


def test_the_latest_answer_on_a_list_settles_it(db: Database) -> None:
    ids = two_partners(db)
    lists.record_answer(db, ids["Allenby 15 Nov"], ids["leila"], Answer.APPROVED, operator=OPERATOR,
                        note="re-checked by phone")
    assert answer_conflicts(db) == []


def test_a_person_in_the_trash_is_not_named(db: Database) -> None:
    ids = two_partners(db)
    persons.delete_person(db, ids["leila"], operator=OPERATOR, reason="registered twice")
    assert answer_conflicts(db) == []


def test_the_command_line_warns_on_list_show_and_history(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    ids = two_partners(db)
    path = db.target.path
    assert isinstance(path, Path)
    ref = persons.get_person(db, ids["leila"]).case_ref
    assert main(["--db", str(path), "list", "show", "Rafah 14 Nov"]) == 0
    shown = capsys.readouterr()
    assert f"warning: {ref}: approved on 'Rafah 14 Nov' but rejected on 'Allenby 15 Nov'" in shown.err
    assert ref in shown.out and "\tapproved\t" in shown.out
    assert main(["--db", str(path), "history", ref]) == 0
    history = capsys.readouterr()
    assert "rejected on 'Allenby 15 Nov'" in history.err
    assert "answer on list 'Allenby 15 Nov'" in history.out
