"""A text of hundreds or thousands of words pasted into the search box (issue 19).

Every word of a search must begin some term of the person. Asked word by word, 1,200 words passed
SQLite's expression depth ('Expression tree is too large (maximum depth 1000)', the crash dialog),
and on PostgreSQL 250 words took the planner minutes (a join of 250 semi-joins). Past
`roster.WORDS_ASKED_APART` words the persons of the words are intersected instead, which must find
exactly whom asking word by word finds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services import persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.pasted"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    target = str(tmp_path / "roster.db") if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))
    database = open_database(target)
    for surname, given in [("Иванова", "Анна Сергеевна"), ("Ivanova", "Anna"), ("Абу Шанаб", "Мухаммед Ахмед"),
                           ("Abu Shanab", "Mohammed Ahmed"), ("Петрова", "Анна"), ("Иванов", "Сергей")]:
        persons.create_person(database, {"surname": surname, "given_names": given}, operator=OPERATOR)
    try:
        yield database
    finally:
        database.close()


def _pasted(words: int, seed: int) -> str:
    rng = random.Random(seed)
    return " ".join("".join(rng.choice("абвгдежзиклмнопрстуфх") for _ in range(6)) for _ in range(words))


def _names(db: Database, ids: list[int]) -> list[str]:
    return [f"{persons.get_person(db, i).surname} {persons.get_person(db, i).given_names}" for i in ids]


def test_a_thousand_pasted_words_find_nobody_instead_of_failing(tmp_path: Path) -> None:
    """SQLite's limit (PostgreSQL has none: the next tests hold it to the same statements)."""
    db = open_database(tmp_path / "roster.db")
    try:
        persons.create_person(db, {"surname": "Иванова", "given_names": "Анна"}, operator=OPERATOR)
        query = RosterQuery(text=_pasted(1_200, seed=19), today=DAY)
        assert roster.search_ids(db, query) == []
        assert roster.first_page_ids(db, query, 50) == []
    finally:
        db.close()


def test_many_words_that_all_begin_the_persons_terms_find_them(db: Database) -> None:
    """Twenty words past the limit, each beginning a term of Иванова Анна Сергеевна (prefixes repeat:
    every word asks the same of her): she is found, and a word nobody's term begins leaves nobody."""
    words = ["и", "ив", "ива", "иван", "ивано", "иванов", "иванова", "а", "ан", "анн", "анна", "с", "се", "сер",
             "серг", "серге", "сергее", "сергеев", "сергеевн", "сергеевна"]
    assert len(words) > roster.WORDS_ASKED_APART
    found = roster.search_ids(db, RosterQuery(text=" ".join(words), today=DAY))
    assert _names(db, found) == ["Иванова Анна Сергеевна"]
    assert roster.first_page_ids(db, RosterQuery(text=" ".join(words), today=DAY), 5) == found
    assert roster.search_ids(db, RosterQuery(text=" ".join([*words, "петр"]), today=DAY)) == []


def test_past_the_limit_the_search_finds_what_asking_word_by_word_finds(db: Database,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The same words asked word by word and intersected (the limit lowered to none): one result, in every
    script and through the Arabic particles, and a word typed twice asks nothing more."""
    texts = ("анна", "ivanova anna", "абу шанаб мухаммед", "abu shanab mohammed", "мухаммед abu", "иванов",
             "ива анна", "zzzz", "анна анна", "иванова анна иванова")
    asked_apart = [roster.search_ids(db, RosterQuery(text=text, today=DAY)) for text in texts]
    assert asked_apart[texts.index("анна анна")] == asked_apart[texts.index("анна")] != []
    monkeypatch.setattr(roster, "WORDS_ASKED_APART", 0)
    for text, expected in zip(texts, asked_apart, strict=True):
        query = RosterQuery(text=text, today=DAY)
        assert roster.search_ids(db, query) == expected, text
        assert roster.first_page_ids(db, query, 3) == expected[:3], text
    with db.reading() as session:
        sql = str(roster.ids_statement(RosterQuery(text="ivanova anna", today=DAY)).compile(
            dialect=session.connection().dialect))
    assert "INTERSECT" in sql  # the intersected path was the one asked


def test_a_pasted_text_is_one_condition_per_hundred_words(db: Database) -> None:
    """The statement sorting every match of 250 pasted words holds three intersections (250 / 100),
    not 250 conditions side by side: PostgreSQL's planner took minutes over those."""
    query = RosterQuery(text=_pasted(250, seed=7), today=DAY)
    with db.reading() as session:
        sql = str(roster.ids_statement(query).compile(dialect=session.connection().dialect))
    assert sql.count("INTERSECT") == 250 - 3
    assert sql.count("persons.id IN") == 3
    assert roster.search_ids(db, query) == []
