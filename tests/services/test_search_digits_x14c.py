"""Breaker X14c (session 11, issue 14): roster search of numbers typed in any script's digits (6f985ef).

Held: a number typed in Arabic-Indic or Persian digits, spaced or not, finds the passport stored in
0-9 and the other way round; case references are 0-9 only (the field refuses other digits), so the
search reading its digits as 0-9 loses none. Left open: a document number holding an Arabic letter
that folding changes (أ as ا) is stored as typed and searched folded, so typing it exactly misses it.
Held too: migration 0021 on an encrypted roster (and its copy before the migration stays encrypted).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, is_encrypted, open_database
from tests.services.test_search_digits import _check_upgraded, _people, _stored_as_0020_wrote_them

DAY = dt.date(2026, 12, 6)
PASSPHRASE = "correct horse battery staple"


def _found(db: Database, typed: str) -> list[int]:
    return roster.search_ids(db, RosterQuery(text=typed, today=DAY))


def test_a_number_with_an_arabic_letter_folding_keeps_is_found_in_any_digits(db: Database, operator: str) -> None:
    person = persons.create_person(db, {"surname": "حداد", "given_names": "ليلى"}, operator=operator,
                                   documents=[DocumentData.create(DocumentType.NATIONAL_ID, "ب١٢٣٤٥٦٧", "IRQ")])
    for typed in ("ب١٢٣٤٥٦٧", "ب1234567", "ب١٢٣"):
        assert _found(db, typed) == [person.id], typed


@pytest.mark.xfail(strict=True, reason="number keys are stored as typed and the search text is folded (أ to ا); "
                                       "left open: storing them folded needs the terms written again (a migration)")
def test_a_number_with_a_hamza_letter_is_found_as_typed(db: Database, operator: str) -> None:
    person = persons.create_person(db, {"surname": "حداد", "given_names": "ليلى"}, operator=operator,
                                   documents=[DocumentData.create(DocumentType.NATIONAL_ID, "أ١٢٣٤٥٦٧", "IRQ")])
    assert _found(db, "أ١٢٣٤٥٦٧") == [person.id]


def test_an_encrypted_roster_of_0020_is_upgraded_and_stays_encrypted(db_path: Path, operator: str) -> None:
    db = open_database(db_path, passphrase=PASSPHRASE)
    typed_id, latin_id = _people(db, operator)
    db.close()
    _stored_as_0020_wrote_them(f"sqlite+pysqlcipher://:{quote(PASSPHRASE)}@/{db_path}")
    db = open_database(db_path, passphrase=PASSPHRASE)
    try:
        _check_upgraded(db, typed_id, latin_id)
    finally:
        db.close()
    assert is_encrypted(db_path)
    assert not [p for p in db_path.parent.glob(f"{db_path.name}.before-migration-*")
                if p.read_bytes().startswith(b"SQLite format 3")]  # the copy before the migration: encrypted too
