"""A star of copies on PostgreSQL (breaker X22d, session 20): offered to the oldest record, merged into it in one act,
and nothing of the class offered again.

The star's first record is the class's lowest position in the roster the finder reads, which `load_roster` orders by
id: on a server, whose rows come back in no order unless asked, the star must still go to the oldest record, and the
merge of the star (U7's 'Merge selected into one…', `duplicates.merge_many`) leaves only the slip to offer.
"""

from __future__ import annotations

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching import STAR_COPIES
from desktop_app.services import duplicates, persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]


def _karim(db: Database, given: str = "KARIM") -> int:
    return persons.create_person(
        db, {"surname_latin": "HADDAD", "given_names_latin": given, "surname": "HADDAD", "given_names": given,
             "birth_date": "1981-04-12", "sex": "M", "locality": "Rafah", "address": "Rafah, block 9"},
        operator="test", documents=[DocumentData.create(DocumentType.PASSPORT, "N0012345", "PSE")]).id


def test_a_star_on_a_server_goes_to_the_oldest_and_is_merged_into_it(postgres_url: str) -> None:
    server = open_database(postgres_url)
    try:
        build_demo_roster(server, persons=1_000)
        copies = [_karim(server) for _ in range(STAR_COPIES + 1)]
        slip = _karim(server, "KAREM")
        for copy in (copies[0], *copies[5:10]):  # their rows rewritten at the table's end: read back in another order
            persons.update_person(server, copy, {"address": "Rafah"}, operator="test")
            persons.update_person(server, copy, {"address": "Rafah, block 9"}, operator="test")
        ours = {*copies, slip}
        found = sorted((pair.a.id, pair.b.id) for pair in duplicates.find_duplicates(server)
                       if {pair.a.id, pair.b.id} & ours)
        assert found == [(copies[0], other) for other in sorted([*copies[1:], slip])]

        duplicates.merge_many(server, copies[0], copies[1:], operator="test")
        again = [(pair.a.id, pair.b.id) for pair in duplicates.find_duplicates(server) if {pair.a.id, pair.b.id} & ours]
        assert again == [(copies[0], slip)]
    finally:
        server.close()
