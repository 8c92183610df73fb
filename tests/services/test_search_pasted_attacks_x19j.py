"""Breaker X19j's attacks on the pasted-text search (issue 19, f3f2654): texts pasted from a
spreadsheet into the search box, on SQLite and PostgreSQL.

The first page (`first_page_ids`) is what the table paints first: it must be the first rows of every
match (`search_ids`), whatever the count of words, and never the crash dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.flags import Flag
from desktop_app.domain.status import Status
from desktop_app.services import persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.x19j"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    target = str(tmp_path / "roster.db") if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))
    database = open_database(target)
    for surname, given, medical in [("Иванова", "Анна Сергеевна", False), ("Ivanova", "Anna", True),
                                    ("Иванова", "Анна", True), ("Абу Шанаб", "Мухаммед Ахмед", False),
                                    ("Петрова", "Анна", False)]:
        persons.create_person(database, {"surname": surname, "given_names": given, "medical": medical},
                              operator=OPERATOR)
    try:
        yield database
    finally:
        database.close()


def _both_agree(db: Database, query: RosterQuery, limit: int = 2) -> list[int]:
    every = roster.search_ids(db, query)
    assert roster.first_page_ids(db, query, limit) == every[:limit], query.text[:60]
    assert roster.count(db, query) == len(every)
    return every


def test_five_hundred_pasted_words_each_in_a_name_paint_the_first_page(db: Database) -> None:
    """A column of names pasted from Excel: 510 words (tabs, line ends), each beginning a term of the Ivanovas. Every
    word began few terms, so the first page intersected all 510 words' persons in one compound SELECT:
    'too many terms in compound SELECT' on SQLite (the crash dialog), where every match was found."""
    query = RosterQuery(text="\r\n".join(["иванова\tанна"] * 255), today=DAY)  # 510 words, past 500 parts
    every = roster.search_ids(db, query)
    assert len(every) >= 2
    assert roster.first_page_ids(db, query, 2) == every[:2]


@pytest.mark.parametrize("count", [16, 17, 100, 101])
def test_at_and_past_each_limit_the_first_page_is_every_matchs_first(db: Database, count: int) -> None:
    """Exactly at and one past the words asked apart (16) and the words a compound SELECT (100), with
    the filters (status, flags), in both orders: the page is the first of every match."""
    text = " ".join((["иванова", "анна"] * count)[:count])
    for query in (RosterQuery(text=text, today=DAY), RosterQuery(text=text, today=DAY, descending=True),
                  RosterQuery(text=text, today=DAY, statuses=(Status.REGISTERED,)),
                  RosterQuery(text=text, today=DAY, flags=(Flag.MEDICAL,))):
        found = _both_agree(db, query, limit=1)
        assert len(found) >= (1 if query.flags else 2), (count, query)
