"""Migration 0022 and the search's sound keys attacked (issues 19 and 14, breaker X19e).

The upgrade to 0022 killed (SIGKILL) after it wrote sound keys, on SQLite and on PostgreSQL: the
roster opens again, is upgraded then, and holds the terms a registration writes, each once. Names
of odd characters (punctuation alone, emoji, a soft sign alone, decomposed Й, bidi marks, ligatures,
300 Cyrillic letters) get from the migration the terms a registration gives them. And what the
sound keys cannot tell apart while a word is typed (left open, strict xfail).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.services import persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage import migrations
from desktop_app.storage.db import Database, open_database
from tests.killed_child import killed_when_marked
from tests.services.test_search_sound_keys import _without_sound_keys

pytest_plugins = ["tests.helpers.postgres"]

OPERATOR = "test.officer"
ODD_NAMES = [
    {"surname_latin": "O'Brien", "given_names_latin": "Sean"}, {"surname": "Петров-Водкин", "given_names": "Кузьма"},
    {"surname": "'", "given_names": "—"}, {"surname": "😀", "given_names": "Ь"},
    {"surname": "Ж" * 100, "given_names": "Щ" * 100}, {"surname": "\u200fمحمد\u200e", "given_names": "Й"},
    {"surname": "И\u0306ванов", "given_names": "Ivanовa"}, {"surname": "Ли", "given_names": "Ян Ё", "patronymic": "Ъ"},
    {"surname": "ʼАли", "given_names": "ʻUmar"}, {"surname": "ﬁlatov", "given_names": "Ⅻ"},
    {"surname": "ǅurić", "given_names": "İsmail"}, {"surname": "Straße", "given_names": "ΣΊΣΥΦΟΣ"},
]

# The child opens the roster (the upgrade) and stops for good once 0022 has written its first sound keys.
_CHILD = """
import sys, time
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.engine import Engine
from desktop_app.storage.db import open_database

def _written(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("INSERT INTO search_terms (person_id, term) SELECT"):
        Path(sys.argv[2]).write_text("written")
        time.sleep(600)

event.listen(Engine, "after_cursor_execute", _written)
open_database(sys.argv[1])
"""


def _terms(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT person_id, term, sort_key FROM search_terms ORDER BY person_id, term"))]


def _registered(target: str | Path) -> tuple[str, list[tuple[object, ...]]]:
    """A roster of the odd names brought down to 0021 (its sound keys taken away); its URL and the terms
    registration gave."""
    db = open_database(target)
    try:
        for fields in ODD_NAMES:
            persons.create_person(db, fields, operator=OPERATOR)
        terms = _terms(db)
        url = db.engine.url.render_as_string(hide_password=False)
    finally:
        db.close()
    assert _without_sound_keys(url) > 0
    return url, terms


def _killed_while_upgrading(target: str | Path, tmp_path: Path) -> None:
    killed_when_marked(_CHILD, [str(target)], tmp_path / "written", "the upgrade never wrote its sound keys")


def _check_opens_upgraded(target: str | Path, terms: list[tuple[object, ...]]) -> None:
    db = open_database(target)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        assert _terms(db) == terms  # every sound key back, once, with its sort key
    finally:
        db.close()


def test_the_upgrade_to_0022_killed_on_sqlite_is_done_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "roster.db"
    _url, terms = _registered(path)
    _killed_while_upgrading(path, tmp_path)
    _check_opens_upgraded(path, terms)


def test_the_upgrade_to_0022_killed_on_postgresql_is_done_at_the_next_open(postgres_url: str,
                                                                           tmp_path: Path) -> None:
    _url, terms = _registered(postgres_url)
    _killed_while_upgrading(postgres_url, tmp_path)
    _check_opens_upgraded(postgres_url, terms)


@pytest.fixture
def typed_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "roster.db")
    yield db
    db.close()


@pytest.mark.xfail(strict=True, reason="a sound key merges Ч, Ш, Щ with С (CH, SH and S are all 'S'), so the first "
                   "letters of Chernov ('cher' -> 'ser') begin Sergei's key: on the 100,000-person bench roster 'cher' "
                   "finds 6,577 persons and 'che' 7,765, none of them a Ch- name. The stored keys would need a search "
                   "key that keeps them apart (a migration)")
def test_the_first_letters_of_chernov_do_not_find_sergei(typed_db: Database) -> None:
    chernov = persons.create_person(typed_db, {"surname": "Чернов", "given_names": "Павел"}, operator=OPERATOR).id
    persons.create_person(typed_db, {"surname": "Сергеев", "given_names": "Сергей"}, operator=OPERATOR)
    assert set(roster.search_ids(typed_db, RosterQuery(text="cher"))) == {chernov}
