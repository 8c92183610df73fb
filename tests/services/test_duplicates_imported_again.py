"""A registration entered again and again (issue 19, session 19), in a real SQLite roster, through the service.

A clerk who enters one family's file thousands of times over leaves as many copies of each person. Their name keys
and birth date are then borne by more than `engine.MAX_BLOCK` persons and their passport by more than
`fastpath.DUPLICATE_DOCUMENT_BLOCK`: no block met two copies, and none was offered to merge. Now each copy is offered
for merging into the first (`engine.IDENTICAL`), and so are the three copies of the son written in the same passport
(a number borne by thousands weighs against a pair: the model offered none of them either); no pair joins father
and son.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching.engine import IDENTICAL, MAX_BLOCK, REVIEW
from desktop_app.services import duplicates, persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database, open_database

FATHER = {"surname": "حداد", "given_names": "كريم", "surname_latin": "HADDAD", "given_names_latin": "KARIM",
          "birth_date": "1981-04-12", "sex": "M"}
SON = {"surname": "حداد", "given_names": "عمر", "surname_latin": "HADDAD", "given_names_latin": "OMAR",
       "birth_date": "2009-02-03", "sex": "M"}
COPIES = {"father": MAX_BLOCK + 50, "son": 3}


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    roster = open_database(tmp_path_factory.mktemp("again") / "roster.db")
    build_demo_roster(roster, persons=1_000)
    return roster


def test_each_copy_of_a_registration_entered_thousands_of_times_is_offered_for_merging(db: Database) -> None:
    """Fails before: no pair among the father's 2,050 copies (no block of at most `MAX_BLOCK` held two)."""
    try:
        copies: dict[str, set[int]] = defaultdict(set)  # who -> the ids of the copies
        for who, fields in (("father", FATHER), ("son", SON)):
            for _ in range(COPIES[who]):
                documents = [DocumentData.create(DocumentType.PASSPORT, "N0012345", "PSE")]  # the son is in it
                copies[who].add(persons.create_person(
                    db, {**fields, "locality": "Rafah", "address": "Rafah, block 9"}, operator="test",
                    documents=documents).id)
        who_is = {person: who for who, ids in copies.items() for person in ids}
        found = duplicates.find_duplicates(db)
        reached: dict[str, set[int]] = defaultdict(set)
        own: dict[str, list[duplicates.DuplicateCandidate]] = defaultdict(list)
        for pair in found:
            a, b = who_is.get(pair.a.id), who_is.get(pair.b.id)
            if a is None and b is None:
                continue
            assert a == b, (pair.a.id, pair.b.id, pair.reasons)  # never father and son
            assert a is not None
            reached[a].update((pair.a.id, pair.b.id))
            own[a].append(pair)
        assert reached == copies
        first = min(copies["father"])
        assert sorted((pair.a.id, IDENTICAL in pair.reasons) for pair in own["father"]) == [
            (first, True)] * (COPIES["father"] - 1)  # each to the first copy, not every pair of them
        # The son's three copies: the passport now a group's weighs against them, and the model offers none of them.
        assert sorted((pair.a.id, pair.decision, IDENTICAL in pair.reasons) for pair in own["son"]) == [
            (min(copies["son"]), REVIEW, True)] * 2
    finally:
        db.close()
