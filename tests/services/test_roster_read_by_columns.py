"""The roster read a chunk of rows at a time, column by column (`load_roster`, issue 19): each active person as the
database holds them, in id order, at any chunk edge, the values persons share kept once, the checkpoint asked after
the documents and before each chunk.

The expected persons are read row by row by the driver itself (no SQLAlchemy): names in three scripts, no name, no
birth date, a partial one, several and shared documents, households, a person in the trash and a
merged one (both left out).
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.reconciling import roster as roster_module
from desktop_app.services.reconciling.roster import RosterPerson, load_roster
from desktop_app.storage.db import Database

HOSTILE = [  # (fields, document numbers)
    ({"surname": "أبو شنب", "given_names": "هدى", "surname_latin": "ABU SHANAB", "given_names_latin": "HUDA",
      "birth_date": "1985-03", "sex": "F", "locality": "Khan Younis", "address": "KHAN YOUNIS, block 5"},
     ["701234567", "70 1234568"]),
    ({"surname": "Иванов", "given_names": "Пётр", "patronymic": "Иванович", "birth_date": "1961"}, ["701234567"]),
    ({"surname": "Иванов", "given_names": "Пётр", "patronymic": "Иванович", "birth_date": "1961"}, []),
    ({"surname_latin": "SMITH", "birth_date": "2001-02-03"}, ["AB123456", "ab 123456"]),
    ({"given_names": "Ahmad"}, []),
]


def _row_by_row(connection: Any) -> dict[int, RosterPerson]:
    """Every active person read one row at a time by the driver itself, as `load_roster` read them before."""
    refs = dict(connection.execute("select id, ref from households"))
    numbers: dict[int, list[str]] = {}
    for person_id, number in connection.execute("select person_id, number from documents order by id"):
        numbers.setdefault(person_id, []).append(number)
    found = {}
    for (person_id, uuid, case_ref, surname, given, patronymic, surname_latin, given_latin, sex, born, household,
         status, version, locality, address) in connection.execute(
            "select id, uuid, case_ref, surname, given_names, patronymic, surname_latin, given_names_latin, sex, "
            "birth_date, household_id, status, version, locality, address from persons "
            "where deleted_at is null and status != 'merged' order by id"):
        found[person_id] = RosterPerson(
            person_id, uuid, case_ref, surname, given, patronymic, surname_latin, given_latin, sex, born,
            tuple(numbers.get(person_id, ())), household, refs.get(household, "") if household else "", status,
            version, locality or "", address or "")
    return found


@pytest.mark.parametrize("every", [1, 7, 1000])
def test_the_roster_read_by_columns_is_the_roster_read_row_by_row(db: Database, operator: str, every: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    build_demo_roster(db, persons=60)
    made = [persons.create_person(db, fields, operator=operator,
                                  documents=[DocumentData.create(DocumentType.PASSPORT, number, "PSE")
                                             for number in numbers]).id
            for fields, numbers in HOSTILE]
    persons.delete_person(db, made[-1], operator=operator)
    with db.transaction() as session:  # a merged record, as a merge leaves it
        session.connection().exec_driver_sql("update persons set status = 'merged' where id = ?",
                                             (made[0] - 1,))
    with db.raw_connection() as connection:
        expected = _row_by_row(connection)
    monkeypatch.setattr(roster_module, "_ASKED_EVERY", every)
    asked: list[int] = []
    with db.reading() as session:
        read = load_roster(session, checkpoint=lambda: asked.append(1))
    assert list(read) == list(expected) and read == expected
    assert all(type(person) is RosterPerson for person in read.values())
    assert made[-1] not in read and made[0] - 1 not in read
    assert read[made[0]].documents == ("701234567", "70 1234568") and read[made[2]].documents == ()
    assert read[made[1]].surname is read[made[2]].surname and read[made[1]].birth_date is read[made[2]].birth_date
    assert len(asked) == 1 + math.ceil(len(expected) / every)  # after the documents, then before each chunk
