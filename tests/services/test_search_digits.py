"""Roster search reads digits in any script (issue 14): a number typed in Arabic-Indic or Persian digits.

A passport typed '٤٥١٢٣٤٥٦٧٨' was stored as that search term, so a search for 4512345678 missed the
person; a search typed in Arabic-Indic digits missed every number and phone stored in 0-9. Search
terms now hold any script's digits as 0-9 and the search reads its text so; migration 0021 writes
the terms of the numbers already stored again (SQLite and PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.cli import main
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import persons, roster, search_index
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage import migrations
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

DAY = dt.date(2026, 12, 6)
TYPED_IN_ARABIC = "٤٥١٢٣٤٥٦٧٨"  # 4512345678


def _people(db: Database, operator: str) -> tuple[int, int]:
    typed = persons.create_person(db, {"surname": "حداد", "given_names": "ليلى"}, operator=operator,
                                  documents=[DocumentData.create(DocumentType.PASSPORT, TYPED_IN_ARABIC, "PSE")])
    latin = persons.create_person(db, {"surname": "Haddad", "given_names": "Omar"}, operator=operator,
                                  documents=[DocumentData.create(DocumentType.PASSPORT, "4598765432", "PSE")],
                                  phones=["+201001234567"])
    return typed.id, latin.id


def _found(db: Database, typed: str) -> list[int]:
    query = RosterQuery(text=typed, today=DAY)
    found = roster.search_ids(db, query)
    assert roster.first_page_ids(db, query, 5) == found[:5], typed
    return found


def _assert_found(db: Database, typed_id: int, latin_id: int) -> None:
    for typed in ("4512345678", "4512", "٤٥١٢", "۴۵۱۲۳۴۵۶۷۸", "45 12 345678", "٤٥ ١٢ ٣٤٥٦٧٨"):
        assert _found(db, typed) == [typed_id], typed
    for typed in ("٤٥٩٨٧٦٥٤٣٢", "۴۵۹۸", "٠١٠٠ ١٢٣", "+٢٠ ١٠٠", "۰۱۰۰۱۲۳۴۵۶۷", "4598"):
        assert _found(db, typed) == [latin_id], typed
    assert sorted(_found(db, "٤٥")) == sorted(_found(db, "45")) == sorted([typed_id, latin_id])


def test_a_number_typed_in_any_scripts_digits_is_found_in_any(db: Database, operator: str) -> None:
    typed_id, latin_id = _people(db, operator)
    _assert_found(db, typed_id, latin_id)


def _stored_as_0020_wrote_them(url: str) -> None:
    """Down to 0020, with the terms of the number typed in Arabic-Indic digits as 0020's code wrote them."""
    engine = create_engine(url)
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0020")
        rows = connection.execute(text("SELECT person_id FROM documents WHERE number_key = :key"),
                                  {"key": TYPED_IN_ARABIC}).all()
        assert len(rows) == 1
        connection.execute(text("DELETE FROM search_terms WHERE term = '4512345678'"))
        connection.execute(text("INSERT INTO search_terms (person_id, term) VALUES (:id, :term)"),
                           {"id": rows[0][0], "term": TYPED_IN_ARABIC})
    engine.dispose()


def _check_upgraded(db: Database, typed_id: int, latin_id: int) -> None:
    assert migrations.current_revision(db.engine) == migrations.head_revision()
    with db.engine.connect() as connection:
        terms = {row[0] for row in connection.execute(text("SELECT term FROM search_terms WHERE person_id = :id"),
                                                      {"id": typed_id})}
        stale = connection.execute(text("SELECT count(*) FROM search_terms WHERE sort_key IS NULL")).scalar()
    assert "4512345678" in terms and TYPED_IN_ARABIC not in terms
    assert terms == search_index.search_terms(["حداد", "ليلى"], persons.get_person(db, typed_id).case_ref,
                                              ["4512345678"], [])
    assert stale == 0
    _assert_found(db, typed_id, latin_id)


def test_a_roster_of_0020_finds_a_number_typed_in_arabic_digits_after_the_upgrade(
        db_path: Path, operator: str) -> None:
    db = open_database(db_path)
    typed_id, latin_id = _people(db, operator)
    db.close()
    _stored_as_0020_wrote_them(f"sqlite:///{db_path}")
    db = open_database(db_path)
    try:
        _check_upgraded(db, typed_id, latin_id)
    finally:
        db.close()


def test_a_roster_of_0020_on_postgresql_is_upgraded_so_too(postgres_url: str, operator: str) -> None:
    db = open_database(postgres_url)
    typed_id, latin_id = _people(db, operator)
    db.close()
    _stored_as_0020_wrote_them(postgres_url)
    db = open_database(postgres_url)
    try:
        _check_upgraded(db, typed_id, latin_id)
    finally:
        db.close()


def test_the_command_line_search_finds_a_number_typed_in_arabic_digits(
        db_path: Path, operator: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(db_path)
    typed_id, latin_id = _people(db, operator)
    refs = {person_id: persons.get_person(db, person_id).case_ref for person_id in (typed_id, latin_id)}
    db.close()
    for typed, person_id in (("4512345678", typed_id), ("٤٥٩٨٧٦٥٤٣٢", latin_id), ("۰۱۰۰۱۲۳", latin_id)):
        code = main(["--db", str(db_path), "--operator", operator, "search", typed, "--json"])
        found = json.loads(capsys.readouterr().out)
        assert code == 0 and [p["case_ref"] for p in found["persons"]] == [refs[person_id]], typed

