"""Migration 0008: search terms move to a WITHOUT ROWID table and lose the term no search reaches."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.services import persons, roster, search_index
from desktop_app.services.roster import RosterQuery
from desktop_app.storage import migrations
from desktop_app.storage.db import open_database


def _table_sql(connection: object) -> str:
    return connection.exec_driver_sql(  # type: ignore[attr-defined]
        "SELECT sql FROM sqlite_master WHERE name = 'search_terms'").scalar()


def test_a_roster_of_0007_keeps_every_search_after_the_upgrade(db_path: Path, operator: str) -> None:
    db = open_database(db_path)
    person = persons.create_person(db, {"surname": "Иванов", "given_names": "Пётр"}, operator=operator,
                                   phones=["+201001234567"])
    db.close()
    engine = create_engine(f"sqlite:///{db_path}")
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        assert "WITHOUT ROWID" not in _table_sql(connection)
        # what 0007's code wrote besides the words: the whole folded case reference
        connection.execute(text("INSERT INTO search_terms (person_id, term) VALUES (:id, :term)"),
                           {"id": person.id, "term": person.case_ref.lower()})
    engine.dispose()

    db = open_database(db_path)
    with db.engine.connect() as connection:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        assert "WITHOUT ROWID" in _table_sql(connection)
        terms = {row[0] for row in connection.execute(text("SELECT term FROM search_terms"))}
    assert person.case_ref == "MR-000001"
    assert terms == {"иванов", "ivanov", "петр", "petr", "mr", "000001", "201001234567", "1001234567",
                     "01001234567", "pietr"}  # pietr: Пётр's French spelling's sound key (0022)
    assert terms == search_index.search_terms(["Иванов", "Пётр"], person.case_ref, [], ["+201001234567"])
    for typed in ("MR-000001", "mr-0000", "mr 000001", "000001", "Иван", "petr", "0100 123", "+20 100"):
        assert roster.search_ids(db, RosterQuery(text=typed)) == [person.id], typed
    db.close()
