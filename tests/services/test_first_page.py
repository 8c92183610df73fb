"""The first page read with plain sqlite3 at start-up is exactly what the roster queries give."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.services import demo, persons, roster
from desktop_app.services.duplicates import merge_persons
from desktop_app.services.roster_rows import RosterQuery, SortKey, first_page
from desktop_app.storage.db import Database, encrypt_database, open_database
from desktop_app.storage.first_look import SORT_COLUMNS


@pytest.fixture(scope="module")
def roster_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo roster with persons in the trash and a merged record, closed again."""
    path = tmp_path_factory.mktemp("first-page") / "roster.db"
    database = open_database(path)
    demo.fill_demo(database, households=80, operator="demo")
    ids = roster.search_ids(database, RosterQuery())
    for person_id in ids[:3]:
        persons.delete_person(database, person_id, operator="demo")
    merge_persons(database, ids[10], ids[11], operator="demo")
    database.close()
    return path


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SortKey))
def test_first_page_is_what_the_roster_queries_give(roster_file: Path, sort: SortKey, descending: bool) -> None:
    query = RosterQuery(sort=sort, descending=descending)
    page = first_page(str(roster_file), query, 50)
    assert page is not None
    database = open_database(roster_file)
    try:
        ids = roster.search_ids(database, query)
        expected = roster.fetch_rows(database, ids[:50])
    finally:
        database.close()
    assert page.count == len(ids)  # the trash and the merged record are left out of both
    assert [row.id for row in page.rows] == ids[:50]
    assert page.rows == [expected[person_id] for person_id in ids[:50]]


def test_every_sort_key_has_its_column() -> None:
    assert set(SORT_COLUMNS) == {key.value for key in SortKey}


def test_a_filtered_query_is_left_to_the_database_layer(roster_file: Path) -> None:
    assert first_page(str(roster_file), RosterQuery(text="ива"), 50) is None
    assert first_page(str(roster_file), RosterQuery(locality="Gaza"), 50) is None


def test_what_is_not_a_plain_current_roster_gives_none(tmp_path: Path, roster_file: Path, db: Database) -> None:
    query = RosterQuery()
    assert first_page(str(tmp_path / "missing.db"), query, 50) is None
    page = tmp_path / "page.html"
    page.write_text("<html>not a roster</html>")
    assert first_page(str(page), query, 50) is None
    assert first_page(f"sqlite:///{roster_file}", query, 50) is None  # a URL: the usual way
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (text)").connection.close()
    assert first_page(str(other), query, 50) is None

    older = tmp_path / "older.db"
    older.write_bytes(roster_file.read_bytes())
    with sqlite3.connect(older) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    assert first_page(str(older), query, 50) is None  # to be migrated first

    secret = tmp_path / "secret.db"
    secret.write_bytes(roster_file.read_bytes())
    encrypt_database(secret, "correct horse battery")
    assert first_page(str(secret), query, 50) is None


def test_an_empty_roster_has_an_empty_first_page(db: Database, db_path: Path) -> None:
    page = first_page(str(db_path), RosterQuery(), 50)
    assert page is not None
    assert (page.count, page.rows) == (0, [])
