"""Breaker X19f (issue 19): the first page intersected from the term index (`roster.intersected_page`) attacked.

A search's first page must be exactly the first page of sorting every match (`roster.search_ids`). Held:
namesakes with equal sort keys (ties by id), the same word twice and thrice, a word a prefix of the other,
persons found by a patronymic, a Latin form or an Arabic name far away in name order, empty surnames,
persons in the trash, filters, both orders, pages of 1 to 200, on SQLite, on PostgreSQL and on a PostgreSQL
database of ICU collation ru-RU, and 60 random searches on the 100,000-person bench roster. Broke: a long
search (13 or more words, as a pasted line) whose last words match nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from desktop_app.services import persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.officer"


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("x19f") / "roster.db")
    for surname, given, patronymic, count in (("Иванов", "Иван", "", 6), ("Иванов", "Иван", "Иванович", 3),
                                              ("Абрамов", "Пётр", "Иванович", 2), ("Яшин", "Иван", "Иванович", 2),
                                              ("", "Иван", "", 2), ("Иванова", "Анна", "Ивановна", 2)):
        for _ in range(count):
            persons.create_person(db, {"surname": surname, "given_names": given, "patronymic": patronymic},
                                  operator=OPERATOR)
    yield db
    db.close()


@pytest.mark.parametrize("text", [
    "иван " * 13 + "zzzzq",  # the last word matches nobody: its leap never came (twelve at most)
    "иван " * 12 + "zzzzq zzzzw",
    "иван иванович " * 7 + "щщщщ",
], ids=["14 words", "14 words, two nobody's", "15 words"])
def test_a_long_search_whose_last_word_matches_nobody_finds_nobody(namesakes: Database, text: str) -> None:
    """It raised NoResultFound (the crash dialog): the window's end was read as the last person of the
    word beginning the fewest terms (none), which the leaps had not reached to find it has no person."""
    for descending in (False, True):
        query = RosterQuery(text=text, today=DAY, descending=descending)
        assert roster.search_ids(namesakes, query) == []
        assert roster.first_page_ids(namesakes, query, 50) == []


def test_a_long_search_of_words_everyone_has_is_the_sorted_page(namesakes: Database) -> None:
    for text in ("иван " * 14, "иван иванович " * 7, "ив " * 13 + "иванович"):
        for descending, limit in ((False, 1), (True, 3), (False, 200)):
            query = RosterQuery(text=text, today=DAY, descending=descending)
            expected = roster.search_ids(namesakes, query)[:limit]
            assert expected and roster.first_page_ids(namesakes, query, limit) == expected, text
