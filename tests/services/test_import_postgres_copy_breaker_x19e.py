"""The PostgreSQL import by COPY attacked (issue 19, breaker X19e).

Values COPY's text format treats specially arrive unaltered, as SQLite stores them. A failure that is
the server's and not the row's (the connection lost mid-COPY, a colleague's lock outwaited) is told as
any other write's failure, without blaming a row of the file or quoting one, and leaves nothing of
the import: before, the lost connection raised 'the connection is lost' from the rollback (a bug for
the crash dialog) and a lock timeout said 'row 15: the database refused it'.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Text, text

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.person import DOCUMENT_NUMBER_WIDTH, TEXT_WIDTHS, DocumentData, derived_latin
from desktop_app.services import importing, persons
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import open_database
from desktop_app.storage.errors import CannotOpen, DatabaseBusy
from desktop_app.storage.models import Document, Operation, Person
from tests.services.import_support import write_xlsx
from tests.services.test_import_postgres_copy import HEADERS, OPERATOR, _content, _imported, _rows, small_chunks

pytest_plugins = ["tests.helpers.postgres"]

__all__ = ["small_chunks"]  # the fixture, used by name

# Each a value COPY's text format escapes or ends a row or the data at, or that a careless copy alters.
_AWKWARD = ["back\\slash", "tab\there", "two\nlines", "\\N", "\\.", "end\\", "a\\tb", "\\\\N", "\u200fمحمد\u200e علي",
            "😀👨\u200d👩\u200d👧", "long " + "x" * 180]


def test_values_copy_escapes_arrive_as_sqlite_stores_them(small_chunks: None, postgres_url: str,
                                                           tmp_path: Path) -> None:
    rows = [[None, f"Иванов{value}", value, "IVANOV", "PETR", "М", "01.01.1980", f"72{i:07d}", None,
             f"+7916{i:07d}", f"F-{i}", "head", None, None, value + "z" * 20_000] for i, value in enumerate(_AWKWARD)]
    path = write_xlsx(tmp_path / "list.xlsx", [HEADERS, *rows])
    lite = open_database(tmp_path / "roster.db")
    server = open_database(postgres_url)
    try:
        assert _imported(server, path).created == _imported(lite, path).created == len(_AWKWARD)
        on_server = _content(server)
        assert on_server == _content(lite)
        stored = {row[3] for row in on_server["persons"]}  # given names (id, case ref, surname first)
        # COPY's own escapes as typed (white space within a name is made one space, on SQLite too)
        assert {"back\\slash", "\\N", "\\.", "end\\", "a\\tb", "\\\\N"} <= stored
    finally:
        server.close()
        lite.close()


def _prepared(url: str, path: Path, condition: str) -> importing.ImportPreview:
    """The preview of 15 rows, then a rule of the server's met by the row whose surname ends in 13 (the
    file's row 15, in the third chunk of 6) that `condition` (SQL of `$1`, the surname) decides."""
    db = open_database(url)
    try:
        save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
        preview = importing.preview_import(db, path)
        with db.engine.begin() as connection:
            connection.execute(text("CREATE FUNCTION at_thirteen(text) RETURNS boolean LANGUAGE sql AS "
                                    f"$f$ SELECT CASE WHEN $1 LIKE '%13' THEN ({condition}) ELSE true END $f$"))
            connection.execute(text("ALTER TABLE persons ADD CONSTRAINT at_thirteen CHECK (at_thirteen(surname))"))
        return preview
    finally:
        db.close()


def test_the_connection_lost_mid_copy_is_told_and_leaves_nothing(small_chunks: None, postgres_url: str,
                                                                  tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "evacuees.xlsx", [HEADERS, *_rows(15)], title="Rafah")
    # The server ends the import's connection while the persons' third chunk is being copied.
    preview = _prepared(postgres_url, path, "SELECT pg_terminate_backend(pg_backend_pid())")
    db = open_database(postgres_url)
    try:
        with pytest.raises(CannotOpen) as lost:
            importing.commit_import(db, preview, operator=OPERATOR)
        message = str(lost.value)
        assert "terminating connection" in message
        assert "Пётр" not in message and "شنب13" not in message and "COPY" not in message  # no row quoted
    finally:
        db.close()
    db = open_database(postgres_url)  # the roster opens again, with nothing of the import
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM persons")).scalar() == 0
            assert connection.execute(text("SELECT count(*) FROM search_terms")).scalar() == 0
            assert connection.execute(text("SELECT count(*) FROM operations")).scalar() == 0
    finally:
        db.close()


def test_a_colleagues_lock_outwaited_mid_copy_is_busy_not_a_refused_row(small_chunks: None, postgres_url: str,
                                                                        tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "evacuees.xlsx", [HEADERS, *_rows(15)], title="Rafah")
    # Row 15 waits for a lock a colleague holds; the server gives the wait up after lock_timeout.
    preview = _prepared(postgres_url, path, "SELECT true FROM pg_advisory_xact_lock(4242)")
    colleague = open_database(postgres_url)
    db = None
    try:
        with colleague.engine.begin() as connection:  # for the import's connection, opened after it
            name = connection.execute(text("SELECT current_database()")).scalar()
            connection.execute(text(f"ALTER DATABASE {name} SET lock_timeout = '200ms'"))
        with colleague.engine.begin() as holding:
            holding.execute(text("SELECT pg_advisory_xact_lock(4242)"))
            db = open_database(postgres_url)
            before = _content(db)
            with pytest.raises(DatabaseBusy):
                importing.commit_import(db, preview, operator=OPERATOR)
        assert _content(db) == before
    except ValidationError as refused:  # what it said before: the row blamed for the server's wait
        pytest.fail(f"the lock's timeout was told as a refused row: {refused}")
    finally:
        if db is not None:
            db.close()
        colleague.close()


def test_a_cell_longer_than_its_column_rejects_its_row_on_either_database(small_chunks: None, postgres_url: str,
                                                                          tmp_path: Path) -> None:
    """PostgreSQL holds a name to 200 characters, SQLite does not: the whole import was refused on the
    server ('the database refused it (value too long ...)') and stored on SQLite. Now the row is
    rejected at the preview on both, the others imported alike."""
    rows = _rows(15)
    rows[3][1] = "Щербакова" + "щ" * 300  # the file's row 5: Фамилия
    rows[5][3] = "IVANOV" * 40  # row 7: Surname (Latin), 240 letters
    rows[7][7] = "72" + "1" * 45  # row 9: a passport number of 47
    rows[9][14] = "needs care " * 3000  # row 11: notes have no limit
    path = write_xlsx(tmp_path / "list.xlsx", [HEADERS, *rows])
    lite = open_database(tmp_path / "roster.db")
    server = open_database(postgres_url)
    try:
        for db in (server, lite):
            save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
            preview = importing.preview_import(db, path)
            rejected = {row.row: [(p.header, str(p.message)) for p in row.problems]
                        for row in preview.rows if row.outcome is importing.Outcome.REJECTED}
            assert rejected == {5: [("Фамилия", "is longer than 200 characters")],
                                7: [("Surname (Latin)", "is longer than 200 characters")],
                                9: [("Passport", "document number: is longer than 40 characters")]}, rejected
            assert importing.commit_import(db, preview, operator=OPERATOR).created == 12
        assert _content(server) == _content(lite)
    finally:
        server.close()
        lite.close()


def test_a_hand_registered_name_longer_than_its_column_is_refused_not_a_crash(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        for fields in ({"surname": "Иванов" + "ж" * 200}, {"surname": "Ivanov", "address": "Gate 2 " * 80},
                       {"surname": "Ivanov", "email": "a" * 250 + "@mission.org"}):
            with pytest.raises(ValidationError, match="is longer than"):  # was DataError, for the crash dialog
                persons.create_person(db, fields, operator=OPERATOR)
        with pytest.raises(ValidationError, match="is longer than 40 characters"):
            DocumentData.create("passport", "72" + "1" * 39)
        stored = persons.create_person(db, {"surname": "Щ" * 200, "address": "a" * 500, "notes": "n" * 10_000},
                                       operator=OPERATOR)  # at the widths: kept whole
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT length(surname), length(address), length(notes) FROM persons "
                                           "WHERE id = :id"), {"id": stored.id}).one() == (200, 500, 10_000)
    finally:
        db.close()


def test_the_widths_checked_are_the_roster_columns() -> None:
    persons_table, documents_table = Person.__table__, Document.__table__
    for key, width in TEXT_WIDTHS.items():
        assert getattr(persons_table.c[key].type, "length", None) == width, key
    assert getattr(documents_table.c["number"].type, "length", None) == DOCUMENT_NUMBER_WIDTH
    assert isinstance(persons_table.c["notes"].type, Text)
    operations = Operation.__table__.c
    assert [getattr(operations[key].type, "length", None) for key in ("file_name", "sheet")] == [500, 200]
    assert len(derived_latin("Щ" * 200)) == TEXT_WIDTHS["surname_latin"] == 200  # SHCH x 200, cut


def test_a_csv_named_longer_than_the_sheet_column_imports_on_the_server(postgres_url: str, tmp_path: Path) -> None:
    """A CSV's sheet is its file's name (234 characters here): PostgreSQL refused the import's record of
    itself with DataError, for the crash dialog, where SQLite stored it."""
    path = tmp_path / ("evacuees-list-" + "a" * 220 + ".csv")
    path.write_text("Surname,Given names\nIvanov,Petr\n", encoding="utf-8")
    db = open_database(postgres_url)
    try:
        save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
        preview = importing.preview_import(db, path)
        assert len(preview.sheet) > 200
        assert importing.commit_import(db, preview, operator=OPERATOR).created == 1
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT file_name, sheet FROM operations")).one() == (
                path.name, path.stem[:200])
    finally:
        db.close()
