"""The duplicate finder reads the roster as a reconcile does: namesakes share one name, the pairs unchanged.

Issue 19. The model counts each distinct name once (`matching.roster_counts`), which only helps when
namesakes share one tokens tuple (`features.RosterPreparing`); the finder made every person's record on
its own (`match_record()`), so it counted its names person by person still. It now takes the roster's
records from `reconciling.prepared_roster`; the pairs, scores, decisions and reasons are those of the
records made one by one.
"""

from __future__ import annotations

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching import find_duplicates as engine_duplicates
from desktop_app.services import duplicates, persons
from desktop_app.services.reconciling import load_roster, prepared_roster
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR, build_roster


def test_the_finder_shares_namesakes_names_and_finds_the_same_pairs(db: Database) -> None:
    build_roster(db)
    for birth, number in (("1980-03-05", "721234567"), ("1991-07-08", "729998887"), ("1980-03-05", None)):
        persons.create_person(db, {"surname": "Щербаков", "given_names": "Иван", "patronymic": "Петрович",
                                   "birth_date": birth}, operator=OPERATOR,
                              documents=[DocumentData.create(DocumentType.PASSPORT, number, "RUS")] if number else [])
    with db.reading() as session:
        roster = load_roster(session)
    records = list(prepared_roster(roster))
    ivans = [r for r in records if (roster[int(r.key)].surname, roster[int(r.key)].given_names) == ("Щербаков", "Иван")]
    assert len(ivans) == 4 and len({id(r.tokens) for r in ivans}) == 1

    found = [(min(p.a.id, p.b.id), max(p.a.id, p.b.id), p.score, p.decision, p.reasons)
             for p in duplicates.find_duplicates(db)]
    one_by_one = engine_duplicates(person.match_record() for person in roster.values())
    assert found and found == [(min(int(p.key_a), int(p.key_b)), max(int(p.key_a), int(p.key_b)), round(p.score, 4),
                                p.decision, p.reasons) for p in one_by_one]
