"""The import's new persons go to PostgreSQL by COPY and store what SQLite stores (issue 19).

The same workbook is imported into a SQLite roster and a PostgreSQL one, the bulk writer's chunk
made small so that several chunks are written: every table holds the same rows (ids, case
references, search terms with their sort keys, households and heads, documents, phones, status
and operation changes, audit entries), apart from what is random or a clock's (uuids, times,
hashes). A row the server refuses in a later chunk leaves nothing of the import, and is named
by file, sheet, row and column, never by its value.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from desktop_app.domain.errors import DuplicateValue, ValidationError
from desktop_app.services import importing, persons
from desktop_app.services.importing import new
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import Base
from tests.services.import_support import write_xlsx

pytest_plugins = ["tests.helpers.postgres"]

OPERATOR = "test.officer"
HEADERS = ["Case No", "Фамилия", "Имя", "Surname (Latin)", "Given names (Latin)", "Пол", "Дата рождения", "Passport",
           "Действителен до", "Phone", "Household", "Relationship", "Status", "Medical needs", "Notes"]
_SURNAMES = [("Иванов", "IVANOV"), ("أبو شنب", "ABU SHANAB"), ("Щербакова", "SHCHERBAKOVA"), ("O'Brien", "O'BRIEN")]
_VOLATILE = {"uuid", "at", "created_at", "updated_at", "prev_hash", "hash", "content_digest", "entity_key", "value"}


def _rows(count: int) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i in range(count):
        surname, latin = _SURNAMES[i % len(_SURNAMES)]
        rows.append([f"C-{i}" if i % 3 == 0 else None, f"{surname}{i}", "Пётр" if i % 2 else "محمد", latin, "PETR",
                     "М" if i % 2 else "F", f"{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i}", f"72{i:07d}",
                     dt.datetime(2031, 1 + i % 12, 1), f"+7916{i:07d}", f"F-{i // 3}" if i % 5 else None,
                     "head" if i % 3 == 0 else "child", "verified" if i % 4 == 0 else None,
                     "yes" if i % 6 == 0 else None, "needs a wheelchair" if i % 7 == 0 else None])
    return rows


def _imported(db: Database, path: Path) -> importing.ImportResult:
    save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
    preview = importing.preview_import(db, path)
    assert not [r for r in preview.rows if r.outcome is not importing.Outcome.NEW], [r.problems for r in preview.rows]
    return importing.commit_import(db, preview, operator=OPERATOR)


def _content(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in key order, without the columns that are random or a clock's."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in _VOLATILE]
            order = list(table.primary_key.columns) or columns
            found[table.name] = [tuple(_steady(row._mapping)) for row in
                                 connection.execute(select(*columns).order_by(*order))]
    return found


def _steady(row: Any) -> list[Any]:
    """The row's values, an audit entry's changes without the trail's random id."""
    values = dict(row)
    if values.get("changes"):
        values["changes"] = {k: v for k, v in json.loads(values["changes"]).items() if k != "trail"}
    return list(values.values())


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new, "CHUNK", 6)  # several chunks from a few rows, as 100,000 rows give
    monkeypatch.setattr(new, "ANALYZE_AFTER", 10)


def test_postgresql_stores_what_sqlite_stores(small_chunks: None, postgres_url: str, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [HEADERS, *_rows(15)])
    lite = open_database(tmp_path / "roster.db")
    server = open_database(postgres_url)
    try:
        assert _imported(server, path).created == _imported(lite, path).created == 15
        on_server, on_file = _content(server), _content(lite)
        assert len(on_server["search_terms"]) > 15 * 3 and len(on_server["status_changes"]) == 15
        assert on_server == on_file
    finally:
        server.close()
        lite.close()


def test_a_row_the_server_refuses_names_its_place_and_leaves_nothing(small_chunks: None, postgres_url: str,
                                                                      tmp_path: Path) -> None:
    db = open_database(postgres_url)
    try:
        path = write_xlsx(tmp_path / "evacuees.xlsx", [HEADERS, *_rows(15)], title="Rafah")
        save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
        preview = importing.preview_import(db, path)
        with db.engine.begin() as connection:  # a rule of the server's the preview does not know
            connection.execute(text("ALTER TABLE persons ADD CONSTRAINT no_thirteen CHECK (surname NOT LIKE '%13')"))
        before = _content(db)
        with pytest.raises(ValidationError) as refused:
            importing.commit_import(db, preview, operator=OPERATOR)
        message = str(refused.value)
        # The file's row 15 (the header in row 1) is in the third chunk: two were already copied.
        assert "evacuees.xlsx, Rafah, row 15" in message and "nothing was imported" in message
        assert "أبو شنب13" not in message and "no_thirteen" in message
        assert _content(db) == before
    finally:
        db.close()


def test_a_column_the_server_refuses_is_named_by_its_header(small_chunks: None, postgres_url: str,
                                                            tmp_path: Path) -> None:
    db = open_database(postgres_url)
    try:
        path = write_xlsx(tmp_path / "evacuees.xlsx", [HEADERS, *_rows(15)], title="Rafah")
        save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
        preview = importing.preview_import(db, path)
        with db.engine.begin() as connection:  # narrower than the roster's own column: COPY quotes the value
            connection.execute(text("ALTER TABLE persons ALTER COLUMN surname TYPE varchar(8)"))
        with pytest.raises(ValidationError) as refused:
            importing.commit_import(db, preview, operator=OPERATOR)
        message = str(refused.value)
        assert "evacuees.xlsx, Rafah, row 4, Фамилия" in message, message  # Щербакова2, the first too long
        assert "Щербакова2" not in message
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM persons")).scalar() == 0
    finally:
        db.close()


def test_a_case_reference_taken_after_the_preview_writes_nothing(small_chunks: None, postgres_url: str,
                                                                 tmp_path: Path) -> None:
    db = open_database(postgres_url)
    try:
        path = write_xlsx(tmp_path / "list.xlsx", [HEADERS, *_rows(15)])
        save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
        preview = importing.preview_import(db, path)
        persons.create_person(db, {"case_ref": "C-12", "surname": "Someone"}, operator=OPERATOR)
        before = _content(db)
        with pytest.raises(DuplicateValue, match="nothing was imported"):
            importing.commit_import(db, preview, operator=OPERATOR)
        assert _content(db) == before
    finally:
        db.close()
