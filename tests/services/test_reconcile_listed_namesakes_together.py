"""Several rows of one answer whose shown candidates are all off-list namesakes, looked up again together
(breaker X19m on b3199e1, `reconcile._with_listed_namesakes` through `RosterIndex.candidates_of`).

Each such row must get its own name's list member first, whatever the rows between them: three names of
six off-list namesakes and one member each, in Cyrillic, Arabic and a transliterated Latin form, a fourth
name with no member on the list (left as it was), and rows that need no second look in between. On SQLite
and on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.status import Status
from desktop_app.services import lists
from desktop_app.services.reconciling import Outcome, reconcile_answer
from desktop_app.services.status import change_status
from desktop_app.storage.db import Database, open_database
from tests.services.test_reconcile_roster import OPERATOR, _person, write_answer

pytest_plugins = ["tests.helpers.postgres"]

NAMES = (("Петров", "Олег", "PETROV OLEG"), ("Хасан", "Али", "HASAN ALI"), ("Иванова", "Анна", "IVANOVA ANNA"))


def _checked(db: Database, tmp_path: Path) -> None:
    members: dict[str, int] = {}
    off_list: dict[str, set[int]] = {}
    for k, (surname, given, latin) in enumerate(NAMES):
        sex = "F" if given == "Анна" else "M"
        off_list[latin] = {_person(db, surname, given, f"19{50 + i}-03-0{1 + i}", f"7{k} 000000{i}", sex=sex)
                           for i in range(6)}
        members[latin] = _person(db, surname, given, f"198{k}-04-12", f"7{k} 1234567", sex=sex)  # registered after
    lone = {_person(db, "Козлов", "Сергей", f"19{60 + i}-05-0{1 + i}", f"79 000000{i}", sex="M") for i in range(6)}
    plain = _person(db, "Щербаков", "Иван", "1980-03-05", "72 7777777", sex="M")
    for person_id in (*members.values(), plain):
        change_status(db, person_id, Status.VERIFIED, operator=OPERATOR)
    evacuation_list = lists.create_list(db, "Rafah 15 Nov", operator=OPERATOR)
    lists.add_members(db, evacuation_list.id, [*members.values(), plain], operator=OPERATOR)
    rows = [["SHCHERBAKOV IVAN", "05.03.1980", "72 7777777", "approved"]]
    for _surname, _given, latin in NAMES:
        rows += [[latin, "", "", "approved"], ["KOZLOV SERGEI", "", "", "rejected"]]
    rows.append(["حسن علي", "", "", "approved"])  # the second name in Arabic script
    path = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"], rows)
    rec = reconcile_answer(db, path, list_id=evacuation_list.id)
    by_name = [(row.answer.name, row) for row in rec.rows]
    assert by_name[0][1].outcome is Outcome.MATCH and by_name[0][1].best.person.person_id == plain
    for name, row in by_name[1:]:
        ids = [c.person.person_id for c in row.candidates]
        if name == "KOZLOV SERGEI":  # no member of that name: the namesakes as shown, none put first
            assert set(ids) <= lone and row.outcome is not Outcome.MATCH, (name, ids)
            continue
        latin = "HASAN ALI" if name == "حسن علي" else name
        assert row.outcome is Outcome.REVIEW, (name, row.outcome)
        assert ids[0] == members[latin] and set(ids[1:]) < off_list[latin], (name, ids)


def test_rows_looked_up_again_together_each_get_their_own_member_sqlite(db: Database, tmp_path: Path) -> None:
    _checked(db, tmp_path)


def test_rows_looked_up_again_together_each_get_their_own_member_postgresql(postgres_url: str,
                                                                          tmp_path: Path) -> None:
    db = open_database(postgres_url)
    try:
        _checked(db, tmp_path)
    finally:
        db.close()
