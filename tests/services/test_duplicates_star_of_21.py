"""A class of exactly `STAR_COPIES` + 1 copies is offered as a star by the service too (breaker X22d, session 20).

The finder offers a class of more than `engine.STAR_COPIES` (20) records alike in every field as a star: each copy
to the first. Its first is then matched by `STAR_COPIES` copies, and `through_a_third` skipped a third matched by
MORE than `STAR_COPIES` records only: at 21 copies it linked every two of the 20 copies through their first and gave
back the square, 190 pairs "both match" beside the star's 20 (22 copies gave 21 pairs: the list shrank by ten as a
class grew by one).
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching import STAR_COPIES
from desktop_app.services import duplicates, persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import open_database


def _roster_with_copies(path: Path, copies: int) -> list[int]:
    """A 1,000-person demonstration roster and `copies` registrations of one person alike in every field (a
    passport of his own, a town and an address), on which the model matches every two of them; their ids."""
    db = open_database(path)
    try:
        build_demo_roster(db, persons=1_000)
        return [persons.create_person(
            db, {"surname_latin": "HADDAD", "given_names_latin": "KARIM", "surname": "HADDAD", "given_names": "KARIM",
                 "birth_date": "1981-04-12", "sex": "M", "locality": "Rafah", "address": "Rafah, block 9"},
            operator="test", documents=[DocumentData.create(DocumentType.PASSPORT, "N0012345", "PSE")]).id
            for _ in range(copies)]
    finally:
        db.close()


def test_twenty_one_copies_are_offered_as_a_star_not_every_pair(tmp_path: Path) -> None:
    """Failed before: 210 pairs of the 21 copies (the star's 20 matches and 190 "both match" the first)."""
    copies = _roster_with_copies(tmp_path / "roster.db", STAR_COPIES + 1)
    db = open_database(tmp_path / "roster.db")
    try:
        found = duplicates.find_duplicates(db)
    finally:
        db.close()
    among = sorted((pair.a.id, pair.b.id, pair.decision) for pair in found if {pair.a.id, pair.b.id} <= set(copies))
    assert among == [(copies[0], copy, "match") for copy in copies[1:]]
