"""The roster's persons made ready a chunk at a time (f688bbc): each person, in order, as one by one, at any edge.

`services.reconciling.roster._records` takes `CANCEL_EVERY` persons at a time as columns
(`RosterPreparing.prepared_columns`) and looks at `cancelled` once per chunk. Attacked by breaker X20b: a roster
read from a real SQLite file (the bench's generator, and persons with names in three scripts, no name, no birth
date, a partial one, identifiers and places in odd case and spacing, several and shared documents) made ready with
chunks of 1, 2, 3, 7, the roster's size less one, its size and one more must give `person.prepared()` of each
person in the roster's order; a cancel seen at a chunk's edge stops with the chunks before it given whole.
"""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.reconciling import roster as roster_module
from desktop_app.services.reconciling.roster import RosterPerson, load_roster
from desktop_app.storage.db import Database

HOSTILE = [  # (fields, document numbers)
    ({"surname": "أبو شنب", "given_names": "هدى", "surname_latin": "ABU SHANAB", "given_names_latin": "HUDA",
      "birth_date": "1985-03", "sex": "F", "locality": "  Khan Younis ", "address": "KHAN YOUNIS, block 5"},
     ["701234567", "70 1234568"]),
    ({"surname": "Иванов", "given_names": "Пётр", "patronymic": "Иванович", "birth_date": "1961",
      "locality": "Тверь", "case_ref": "  R-00017 "}, ["701234567"]),
    ({"surname": "Straße", "given_names": "Jürgen", "surname_latin": "STRASSE", "sex": "M"}, []),
    ({"given_names": "Ahmad"}, ["N/A"]),
    ({"surname_latin": "SMITH", "birth_date": "2001-02-03", "case_ref": "r-00018"},
     ["AB123456", "ab 123456", "١٢٣٤٥٦٧٨٩"]),
]


@pytest.fixture
def roster(db: Database, operator: str) -> dict[int, RosterPerson]:
    build_demo_roster(db, persons=60)
    for fields, numbers in HOSTILE:
        persons.create_person(db, fields, operator=operator,
                              documents=[DocumentData.create(DocumentType.PASSPORT, number, "PSE")
                                         for number in numbers])
    with db.reading() as session:
        return load_roster(session)


def test_every_chunk_size_gives_each_person_as_one_by_one_in_order(roster: dict[int, RosterPerson],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [person.prepared() for person in roster.values()]
    assert len(expected) > 60 and any(p.case_ref == "r-00017" for p in expected)  # the hostile persons are there
    for every in (1, 2, 3, 7, len(roster) - 1, len(roster), len(roster) + 1):
        monkeypatch.setattr(roster_module, "CANCEL_EVERY", every)
        assert list(roster_module._records(roster, lambda: False)) == expected, every


def test_a_cancel_seen_at_a_chunk_edge_stops_after_the_chunks_before_it(roster: dict[int, RosterPerson],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roster_module, "CANCEL_EVERY", 7)
    looks: list[int] = []

    def cancelled() -> bool:
        looks.append(len(made))
        return len(looks) > 3  # the fourth look: three chunks given

    made: list[object] = []
    with pytest.raises(Cancelled):
        for record in roster_module._records(roster, cancelled):
            made.append(record)
    assert looks == [0, 7, 14, 21]
    assert made == [person.prepared() for person in list(roster.values())[:21]]
