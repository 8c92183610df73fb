"""A list member named by name only while an off-list namesake is on the roster (session 4's breaker), and
the words that say so in Russian.

The partner's row gives a name and nothing else; two roster persons carry that name, one on
the list the answer is for and one not. Nothing tells them apart, so the row goes to review
with both offered, never to 'not on the roster' (which would leave the list member unanswered).
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.domain.reasons import service_note
from desktop_app.domain.status import Status
from desktop_app.services import lists
from desktop_app.services.reconciling import Outcome, reconcile_answer
from desktop_app.services.status import change_status
from desktop_app.storage.db import Database
from desktop_app.ui import i18n
from desktop_app.ui.errors import match_reasons, translated
from tests.services.test_reconcile_roster import OPERATOR, _person, write_answer


def _roster(db: Database) -> tuple[int, int, int]:
    member = _person(db, "Петров", "Олег", "1985-04-12", "77 1234567", sex="M")
    namesake = _person(db, "Петров", "Олег", "1962-10-03", "77 7654321", sex="M")
    # a roster where both words are common: other Petrovs, other Olegs, and unrelated persons
    surnames = ["Петров", "Сидоров", "Кузнецов", "Соколов", "Попов", "Лебедев"]
    given = ["Олег", "Павел", "Игорь", "Антон", "Юрий"]
    others = [_person(db, surnames[i % 6], given[i % 5], f"19{60 + i}-0{1 + i % 9}-1{i % 10}", f"70 00000{i:02d}",
                      sex="M") for i in range(30) if (i % 6, i % 5) != (0, 0)]
    for person_id in (member, *others):
        change_status(db, person_id, Status.VERIFIED, operator=OPERATOR)
    evacuation_list = lists.create_list(db, "Rafah 14 Nov", operator=OPERATOR)
    lists.add_members(db, evacuation_list.id, [member, *others], operator=OPERATOR)
    lists.mark_sent(db, evacuation_list.id, operator=OPERATOR)
    return evacuation_list.id, member, namesake


def test_name_only_row_with_an_off_list_namesake_goes_to_review_with_both(db: Database, tmp_path: Path) -> None:
    list_id, member, namesake = _roster(db)
    path = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                        [["PETROV OLEG", "", "", "approved"]])
    row = reconcile_answer(db, path, list_id=list_id).rows[0]
    assert row.outcome is Outcome.REVIEW
    assert {c.person.person_id for c in row.candidates} == {member, namesake}
    assert {c.person.person_id for c in row.candidates if c.person.on_list} == {member}


def test_the_note_and_the_duplicate_finders_third_person_read_in_russian(qtbot: QtBot) -> None:
    i18n.install_language("ru")
    try:
        assert translated(service_note("a list member carries this name")) == "это имя носит человек из списка"
        assert match_reasons(["both match MR-000101", "surname equal"]) == (
            "оба совпадают с MR-000101; фамилия: совпадает")
    finally:
        i18n.install_language("en")


def test_the_list_member_is_offered_when_more_namesakes_than_candidates_shown_are_off_the_list(
        db: Database, tmp_path: Path) -> None:
    namesakes = [_person(db, "Петров", "Олег", f"19{50 + i}-03-0{1 + i}", f"78 000000{i}", sex="M") for i in range(6)]
    member = _person(db, "Петров", "Олег", "1985-04-12", "77 1234567", sex="M")  # registered after them
    change_status(db, member, Status.VERIFIED, operator=OPERATOR)
    evacuation_list = lists.create_list(db, "Rafah 15 Nov", operator=OPERATOR)
    lists.add_members(db, evacuation_list.id, [member], operator=OPERATOR)
    path = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                        [["PETROV OLEG", "", "", "approved"]])
    row = reconcile_answer(db, path, list_id=evacuation_list.id).rows[0]
    assert row.outcome is Outcome.REVIEW
    assert row.candidates[0].person.person_id == member
    assert {c.person.person_id for c in row.candidates[1:]} < set(namesakes)
