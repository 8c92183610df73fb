"""On PostgreSQL too (the throwaway server): the roster read a chunk of rows at a time, column by column (`load_roster`,
6bca2ac), gives every active person as the server holds them, read row by row with plain SQL, at every chunk edge
(one row, a chunk one short of, equal to and one past the roster), in the trash and merged left out; and the kept
index is made of them (breaker X22a; the SQLite tests are tests/services/test_roster_read_by_columns.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.reconciling import roster as roster_module
from desktop_app.services.reconciling.roster import RosterPerson, forget_roster_index, load_roster, roster_index
from desktop_app.storage.db import Database, open_database
from tests.services.test_roster_read_by_columns import HOSTILE

pytest_plugins = ["tests.helpers.postgres"]


def _row_by_row(db: Database) -> dict[int, RosterPerson]:
    """Every active person read one row at a time with plain SQL, as `load_roster` read them before 6bca2ac."""
    with db.reading() as session:
        connection = session.connection()
        households = connection.execute(text("select id, ref from households"))
        refs: dict[int, str] = {household: ref for household, ref in households}
        numbers: dict[int, list[str]] = {}
        for person_id, number in connection.execute(text("select person_id, number from documents order by id")):
            numbers.setdefault(person_id, []).append(number)
        found = {}
        for (person_id, uuid, case_ref, surname, given, patronymic, surname_latin, given_latin, sex, born, household,
             status, version, locality, address) in connection.execute(text(
                "select id, uuid, case_ref, surname, given_names, patronymic, surname_latin, given_names_latin, sex, "
                "birth_date, household_id, status, version, locality, address from persons "
                "where deleted_at is null and status != 'merged' order by id")):
            found[person_id] = RosterPerson(
                person_id, uuid, case_ref, surname, given, patronymic, surname_latin, given_latin, sex, born,
                tuple(numbers.get(person_id, ())), household, refs.get(household, "") if household else "", status,
                version, locality or "", address or "")
    return found


def test_the_roster_read_by_columns_on_postgresql_is_the_roster_read_row_by_row(
        postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(postgres_url)
    try:
        build_demo_roster(db, persons=60, operator="test", chunk=30)
        made = [persons.create_person(db, fields, operator="test",
                                      documents=[DocumentData.create(DocumentType.PASSPORT, number, "PSE")
                                                 for number in numbers]).id
                for fields, numbers in HOSTILE]
        persons.delete_person(db, made[-1], operator="test")
        with db.transaction() as session:  # a merged record, as a merge leaves it
            session.execute(text("update persons set status = 'merged' where id = :id"), {"id": made[0] - 1})
        expected = _row_by_row(db)
        assert made[-1] not in expected and made[0] - 1 not in expected and len(expected) > 60
        for every in (1, len(expected) - 1, len(expected), len(expected) + 1):
            monkeypatch.setattr(roster_module, "_ASKED_EVERY", every)
            with db.reading() as session:
                read = load_roster(session)
            assert list(read) == list(expected) and read == expected, every
        assert read[made[0]].documents == ("701234567", "70 1234568") and read[made[2]].documents == ()
        assert read[made[1]].surname is read[made[2]].surname and read[made[1]].birth_date is read[made[2]].birth_date
        forget_roster_index()
        roster, index = roster_index(db)
        assert roster == expected and sorted(int(record.key) for record in index._prepared) == sorted(expected)
    finally:
        forget_roster_index()
        db.close()
