"""The roster's matching index kept between reconciles: reused while the roster is unchanged, rebuilt after a change.

Every replayed step goes through the real services on a real SQLite roster: a reconcile,
an edit, a deletion, a new person, each followed by a reconcile that must see it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services import backups, exporting, persons
from desktop_app.services.reconciling import Outcome, reconcile_answer
from desktop_app.services.reconciling.roster import forget_roster_index, roster_index
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR, Roster, build_roster, write_answer

HEADER = ["Name", "Date of birth", "Passport No", "Decision"]


@pytest.fixture
def roster(db: Database) -> Roster:
    forget_roster_index()
    return build_roster(db)


def _answer(tmp_path: Path, *rows: list[object]) -> Path:
    return write_answer(tmp_path / "answer.xlsx", HEADER, [[*row, "approved"] for row in rows])


def test_an_unchanged_roster_is_indexed_once_and_each_reconcile_gets_an_unfitted_copy(
        db: Database, roster: Roster) -> None:
    persons_before, first = roster_index(db)
    first.candidates_for_all([])
    first.fit([])
    persons_after, second = roster_index(db)
    assert persons_after is persons_before  # kept, not read again
    assert second is not first and second.comparisons == 0 and not second.fitted
    assert second._prepared is first._prepared


def test_a_reconcile_after_an_edit_sees_the_edit(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = _answer(tmp_path, ["PETROV OLEG", "09.09.1979", "77 9999999"])
    before = reconcile_answer(db, path).rows[0]
    assert before.outcome is Outcome.MATCH and before.person.person_id == roster.ids["petrov"]
    kept, _ = roster_index(db)
    persons.update_person(db, roster.ids["petrov"], {"birth_date": "1979-10-10"}, operator=OPERATOR)
    after = reconcile_answer(db, path).rows[0]
    assert after.best.person.birth_date == "1979-10-10"
    assert roster_index(db)[0] is not kept


def test_a_reconcile_after_a_deletion_no_longer_finds_the_person(db: Database, roster: Roster,
                                                                 tmp_path: Path) -> None:
    path = _answer(tmp_path, ["PETROV OLEG", "09.09.1979", "77 9999999"])
    assert reconcile_answer(db, path).rows[0].outcome is Outcome.MATCH
    persons.delete_person(db, roster.ids["petrov"], operator=OPERATOR)
    row = reconcile_answer(db, path).rows[0]
    assert row.outcome is Outcome.NONE
    assert all(c.person.person_id != roster.ids["petrov"] for c in row.candidates)


def test_a_reconcile_after_a_new_person_finds_them(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = _answer(tmp_path, ["SOKOLOVA IRINA", "12.12.1992", "78 1212121"])
    assert reconcile_answer(db, path).rows[0].outcome is Outcome.NONE
    created = persons.create_person(db, {"surname": "Соколова", "given_names": "Ирина", "birth_date": "1992-12-12",
                                         "sex": "F"}, operator=OPERATOR)
    row = reconcile_answer(db, path).rows[0]
    assert row.outcome is not Outcome.NONE and row.best.person.person_id == created.id


def test_the_persons_are_read_for_the_index_inside_a_collector_pause(db: Database, roster: Roster) -> None:
    """The window collects on its GUI thread (`ui.garbage`) and counts what its younger collections move to the oldest
    generation, except while a paused build runs (its end moves the build there itself). The roster's persons read
    for the kept index were read outside the pause, so the GUI timer's ticks during the read counted them towards a
    full pass (breaker X19l, session 16: 383,340 objects past the quarter rule after a warm-up at 100,000 persons)."""
    from sqlalchemy import event

    from desktop_app.matching import collector_pauses_running

    forget_roster_index()
    paused_reads: list[bool] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "persons.case_ref" in statement:  # load_roster's read of every person
            paused_reads.append(collector_pauses_running())

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        kept, _ = roster_index(db)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert kept and paused_reads and all(paused_reads)


def test_a_backup_and_an_export_keep_the_index_an_edit_after_them_does_not(db: Database, roster: Roster,
                                                                           tmp_path: Path) -> None:
    """The window's automatic backup writes an audit entry every few minutes, an export one or more: neither changes
    a person, and the index they made stale was built again by the next reconcile (at a million persons, the cold
    build the warm-up is there to spare). Failed before: the dict read after the backup was another one. Under
    load the start-up backup's entry also landed between tests/ui/test_reconcile_warm_up.py's two warm-ups."""
    folder = tmp_path / "backups"
    folder.mkdir()
    kept, _ = roster_index(db)
    backups.backup_now(db, folder, operator=OPERATOR)
    exporting.export_persons(db, tmp_path / "all.csv", operator=OPERATOR, include_without_consent=True)
    assert roster_index(db)[0] is kept
    persons.update_person(db, roster.ids["petrov"], {"birth_date": "1979-10-10"}, operator=OPERATOR)
    backups.backup_now(db, folder, operator=OPERATOR, reason="after the edit")
    rebuilt, _ = roster_index(db)
    assert rebuilt is not kept and rebuilt[roster.ids["petrov"]].birth_date == "1979-10-10"
