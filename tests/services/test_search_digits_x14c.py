"""Breaker X14c (session 11, issue 14): roster search of numbers typed in any script's digits (6f985ef).

Held: a number typed in Arabic-Indic or Persian digits, spaced or not, finds the passport stored in
0-9 and the other way round; case references are 0-9 only (the field refuses other digits), so the
search reading its digits as 0-9 loses none. Left open: a document number holding an Arabic letter
that folding changes (أ as ا) is stored as typed and searched folded, so typing it exactly misses it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database

DAY = dt.date(2026, 12, 6)


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
