"""A real roster holding hundreds of copies of three registrations (session 20, G36): the duplicate finder offers
each copy once, to its person's first record (`engine.STAR_COPIES`), not every pair of them.

    ids = copies_roster(path)                 # a 1,000-person demonstration roster and 3 x COPIES copies
    assert pairs_of_copies(found, ids) == star(ids)

Each person gives one passport, sex, locality and address: on this roster the model offers every pair of a person's
copies (3 x 4,950 pairs before). "KAREM" is the father registered once more with a slip in his given name: it met
each of his copies before, and meets his first record once now.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database, open_database

COPIES = 100
PERSONS = {"KARIM": ("HADDAD", "1981-04-12", "M", "N0012345"), "LAILA": ("NASSAR", "1984-09-30", "F", "N0098765"),
           "OMAR": ("SALEH", "1979-02-03", "M", "N0055555")}
SLIPPED = "KAREM"  # KARIM registered once more, with a slip


def _create(db: Database, given: str, surname: str, born: str, sex: str, number: str) -> int:
    return persons.create_person(
        db, {"surname_latin": surname, "given_names_latin": given, "surname": surname, "given_names": given,
             "birth_date": born, "sex": sex, "locality": "Rafah", "address": "Rafah, block 9"}, operator="test",
        documents=[DocumentData.create(DocumentType.PASSPORT, number, "PSE")]).id


def copies_roster(path: Path) -> dict[str, list[int]]:
    """Writes the roster to `path` (closed again) and returns the ids of each person's copies and of the slip."""
    db = open_database(path)
    try:
        build_demo_roster(db, persons=1_000)
        ids = {given: [_create(db, given, *fields) for _ in range(COPIES)] for given, fields in PERSONS.items()}
        ids[SLIPPED] = [_create(db, SLIPPED, *PERSONS["KARIM"])]
    finally:
        db.close()
    return ids


def pairs_of_copies(found: list[tuple[int, int]], ids: dict[str, list[int]]) -> dict[str, list[tuple[int, int]]]:
    """The pairs (ids) of `found` holding a copy or the slip, sorted, by whose they are ("KAREM-KARIM": the slip and
    a copy of the father; "KARIM-other": a copy and another person)."""
    who_is = {person: who for who, own in ids.items() for person in own}
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a, b in found:
        if a in who_is or b in who_is:
            pairs["-".join(sorted({who_is.get(a, "other"), who_is.get(b, "other")}))].append((a, b))
    return {who: sorted(own) for who, own in pairs.items()}


def star(ids: dict[str, list[int]]) -> dict[str, list[tuple[int, int]]]:
    """What `pairs_of_copies` gives for a star: each copy to its person's first record, the slip to the father's."""
    offered = {given: [(min(ids[given]), copy) for copy in sorted(ids[given])[1:]] for given in PERSONS}
    return {**offered, f"{SLIPPED}-KARIM": [(min(ids["KARIM"]), ids[SLIPPED][0])]}
