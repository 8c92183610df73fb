"""Migration 0023 (issue 19): search terms written whole, with the writer's sort key and no foreign key.

The upgrade from 0022 keeps every term row (person, term, sort key) and every search's persons in
order, on SQLite and PostgreSQL; afterwards the table has no foreign key, the sort key is NOT NULL
(a term written without one is refused), and a person deleted for good (an import undone) takes
their terms, as ON DELETE CASCADE did. The upgrade killed midway (SIGKILL) is done at the next open.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import importing, persons, roster
from desktop_app.services.roster import RosterQuery
from desktop_app.storage import migrations
from desktop_app.storage.db import Database, open_database
from tests.killed_child import killed_when_marked
from tests.services.import_support import write_xlsx

pytest_plugins = ["tests.helpers.postgres"]

OPERATOR = "test.officer"
PEOPLE = [
    {"surname": "Иванов", "given_names": "Иван", "patronymic": "Иванович"},
    {"surname": "Иванова", "given_names": "Юлия"},
    {"surname": "Иванов", "given_names": "Иван", "patronymic": "Петрович"},
    {"surname_latin": "Ivanova", "given_names_latin": "Julia"},
    {"surname": "أبو عيشة", "given_names": "محمد"},
    {"surname_latin": "Abu Shanab", "given_names_latin": "Mohammed"},
    {"surname": "Щербакова", "given_names": "Анна"},
    {"surname": "Кузнецов", "given_names": "Пётр"},
]
SEARCHES = ["ив", "иван", "ivan", "Ivanova Julia", "юлия", "julia", "mohammed", "abu", "мухаммед", "щерб",
            "shcherbakova", "kuz", "petr", "720123453", "72 0123455", "1001234567", "10012345", "mr",
            "иван иванович", "zzz"]


def _terms(url: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(
                "SELECT person_id, term, sort_key FROM search_terms ORDER BY person_id, term"))]
    finally:
        engine.dispose()


def _searches(db: Database) -> dict[str, tuple[list[int], list[int]]]:
    return {typed: (roster.search_ids(db, RosterQuery(text=typed)),
                    roster.first_page_ids(db, RosterQuery(text=typed), 3)) for typed in SEARCHES}


def _at_0022(target: str | Path) -> tuple[str, list[tuple[object, ...]], dict[str, tuple[list[int], list[int]]]]:
    """A roster of PEOPLE brought down to 0022; its URL, the term rows and the searches' persons at head."""
    db = open_database(target)
    try:
        for number, fields in enumerate(PEOPLE):
            persons.create_person(db, fields, operator=OPERATOR, phones=[f"+20100123456{number}"],
                                  documents=[DocumentData(DocumentType.PASSPORT, f"72012345{number}")])
        url = db.engine.url.render_as_string(hide_password=False)
        searched = _searches(db)
    finally:
        db.close()
    terms = _terms(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        config = migrations.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0022")
        assert [fk["name"] for fk in inspect(connection).get_foreign_keys("search_terms")] == \
            ["fk_search_terms_person_id_persons"]
    engine.dispose()
    assert _terms(url) == terms
    return url, terms, searched


def _check_upgraded(target: str | Path, terms: list[tuple[object, ...]],
                    searched: dict[str, tuple[list[int], list[int]]]) -> None:
    db = open_database(target)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        url = db.engine.url.render_as_string(hide_password=False)
        assert _terms(url) == terms  # every row, with its sort key
        assert _searches(db) == searched  # the same persons in the same order
        with db.engine.connect() as connection:
            schema = inspect(connection)
            assert schema.get_foreign_keys("search_terms") == []
            assert {c["name"]: c["nullable"] for c in schema.get_columns("search_terms")}["sort_key"] is False
            assert schema.get_pk_constraint("search_terms")["constrained_columns"] == ["person_id", "term"]
            assert [(i["name"], i["column_names"]) for i in schema.get_indexes("search_terms")] == \
                [("ix_search_terms_term", ["term", "sort_key", "person_id"])]
    finally:
        db.close()


def test_the_upgrade_to_0023_keeps_every_term_and_search_on_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "roster.db"
    _url, terms, searched = _at_0022(path)
    _check_upgraded(path, terms, searched)


def test_the_upgrade_to_0023_keeps_every_term_and_search_on_postgresql(postgres_url: str) -> None:
    _url, terms, searched = _at_0022(postgres_url)
    _check_upgraded(postgres_url, terms, searched)


# The child opens the roster (the upgrade) and stops for good in the middle of 0023.
_CHILD = """
import sys, time
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.engine import Engine
from desktop_app.storage.db import open_database

def _midway(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith(("DROP TABLE search_terms", "ALTER TABLE search_terms DROP CONSTRAINT")):
        Path(sys.argv[2]).write_text("midway")
        time.sleep(600)

event.listen(Engine, "after_cursor_execute", _midway)
open_database(sys.argv[1])
"""


def _killed_while_upgrading(target: str | Path, tmp_path: Path) -> None:
    killed_when_marked(_CHILD, [str(target)], tmp_path / "midway", "the upgrade never reached 0023")


@pytest.mark.posix_only("SIGKILL of a child process")
def test_the_upgrade_to_0023_killed_on_sqlite_is_done_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "roster.db"
    _url, terms, searched = _at_0022(path)
    _killed_while_upgrading(path, tmp_path)
    _check_upgraded(path, terms, searched)


@pytest.mark.posix_only("SIGKILL of a child process")
def test_the_upgrade_to_0023_killed_on_postgresql_is_done_at_the_next_open(postgres_url: str, tmp_path: Path) -> None:
    _url, terms, searched = _at_0022(postgres_url)
    _killed_while_upgrading(postgres_url, tmp_path)
    _check_upgraded(postgres_url, terms, searched)


def _term_without_sort_key_is_refused_and_deleted_persons_take_their_terms(db: Database, tmp_path: Path) -> None:
    kept = persons.create_person(db, {"surname": "Петрова", "given_names": "Яна"}, operator=OPERATOR)
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(text("INSERT INTO search_terms (person_id, term) VALUES (:id, 'forgotten')"),
                           {"id": kept.id})
    path = write_xlsx(tmp_path / "names.xlsx", [["Surname", "Given names", "Passport"], ["Смирнов", "Олег", "123"],
                                                 ["Соколова", "Анна", "456"]])
    result = importing.commit_import(db, importing.preview_import(db, path), operator=OPERATOR)
    assert len(result.created_ids) == 2
    with db.engine.connect() as connection:
        written = connection.execute(text("SELECT count(*) FROM search_terms")).scalar()
    assert importing.undo_import(db, result.import_id, operator=OPERATOR).deleted == 2
    with db.engine.connect() as connection:
        left = {row[0] for row in connection.execute(text("SELECT DISTINCT person_id FROM search_terms"))}
        remaining = connection.execute(text("SELECT count(*) FROM search_terms")).scalar()
    assert left == {kept.id}  # the undone import's persons took their terms with them
    assert isinstance(written, int) and isinstance(remaining, int) and written > remaining
    assert roster.search_ids(db, RosterQuery(text="смирнов")) == []


def test_terms_need_their_sort_key_and_go_with_their_person_on_sqlite(tmp_path: Path) -> None:
    db = open_database(tmp_path / "roster.db")
    try:
        _term_without_sort_key_is_refused_and_deleted_persons_take_their_terms(db, tmp_path)
    finally:
        db.close()


def test_terms_need_their_sort_key_and_go_with_their_person_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    db = open_database(postgres_url)
    try:
        _term_without_sort_key_is_refused_and_deleted_persons_take_their_terms(db, tmp_path)
    finally:
        db.close()
