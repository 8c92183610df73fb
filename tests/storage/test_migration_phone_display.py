"""Migration 0009: phones keep the form the roster shows, filled for the numbers already stored."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.domain.phones import display_phone
from desktop_app.services import persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage import migrations
from desktop_app.storage.db import open_database


def test_phones_stored_before_0009_are_shown_formatted_after_the_upgrade(db_path: Path, operator: str) -> None:
    db = open_database(db_path)
    person = persons.create_person(db, {"surname": "Haddad"}, operator=operator,
                                   phones=["+201001234567", "+970591234567"])
    db.close()
    engine = create_engine(f"sqlite:///{db_path}")
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(phones)")]
        assert "display" not in columns
    engine.dispose()

    db = open_database(db_path)  # upgrades
    try:
        with db.engine.connect() as connection:
            stored = dict(connection.execute(text("SELECT e164, display FROM phones")).all())
        assert stored == {"+201001234567": display_phone("+201001234567"),
                          "+970591234567": display_phone("+970591234567")}
        assert stored["+201001234567"] == "+20 10 01234567"
        row = roster.fetch_rows(db, roster.search_ids(db, RosterQuery()))[person.id]
        assert row.phone == "+20 10 01234567"  # the first phone, as the roster shows it
    finally:
        db.close()


def test_a_phone_registered_by_hand_is_stored_with_its_shown_form(db_path: Path, operator: str) -> None:
    db = open_database(db_path)
    try:
        persons.create_person(db, {"surname": "Ivanov"}, operator=operator, phones=["0100 123 4567"],
                              phone_region="EG")
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT e164, display FROM phones")).one() == (
                "+201001234567", "+20 10 01234567")
    finally:
        db.close()
