"""Commit (all or nothing), undo (whole, without overwriting later work), history, and bad files changing nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from sqlalchemy import select

from desktop_app.domain.errors import DuplicateValue, ExchangeError, ValidationError
from desktop_app.domain.export_profile import ColumnKind
from desktop_app.domain.person import DocumentData
from desktop_app.exchange import readers
from desktop_app.exchange.errors import (
    CorruptFile,
    EmptySheet,
    FileTooLarge,
    NoDataRows,
    NotASpreadsheet,
    PasswordRequired,
    WrongPassword,
)
from desktop_app.exchange.xlsx_writer import SheetSpec, write_workbook
from desktop_app.services import audit, importing, lists, persons
from desktop_app.services.importing import ImportCancelled, Outcome
from desktop_app.storage.db import Database
from desktop_app.storage.models import Household, Operation, OperationChange, Person
from tests.services.import_support import content, write_xlsx

OPERATOR = "test.officer"


def _list_file(tmp_path: Path, rows: list[list[object]], name: str = "list.xlsx") -> Path:
    return write_xlsx(tmp_path / name, [["Case No", "Surname", "Given names", "DOB", "Passport", "Phone", "Household",
                                         "Relationship", "Status"], *rows])


def test_commit_creates_and_updates_in_one_operation(db: Database, tmp_path: Path) -> None:
    known = persons.create_person(db, {"case_ref": "C-1", "surname": "Иванов", "email": "a@example.org"},
                                  operator=OPERATOR)
    path = _list_file(tmp_path, [
        ["C-1", "Иванов", "Иван", "1980-02-01", None, "+79161234567", None, None, "verified"],
        [None, "Haddad", "Omar", "1975", "0123456", None, "F-7", "head", None],
        [None, "Haddad", "Laila", "2010", "0123457", None, "F-7", "child", None],
        [None, None, None, "31.02.1980", None, None, None, None, None],
    ])
    preview = importing.preview_import(db, path)
    result = importing.commit_import(db, preview, operator=OPERATOR)
    assert (result.rows, result.created, result.updated, result.rejected) == (4, 2, 1, 1)
    updated = persons.get_person(db, known.id)
    assert (updated.given_names, updated.birth_date.iso(), updated.status) == ("Иван", "1980-02-01", "verified")
    assert updated.email == "a@example.org"  # blank cells never overwrite
    assert [p.e164 for p in updated.phones] == ["+79161234567"]
    haddad = persons.get_person(db, result.created_ids[0])
    assert haddad.documents[0].number == "0123456" and haddad.case_ref.startswith("MR-")
    assert haddad.household_ref == "F-7"
    with db.reading() as session:
        household = session.scalar(select(Household).where(Household.ref == "F-7"))
        assert household.head_person_id == haddad.id
        operation = session.get(Operation, result.import_id)
        assert (operation.kind, operation.file_name, operation.sheet) == ("import", "list.xlsx", "List")
        assert operation.file_sha256 == preview.file_sha256
        changes = session.scalars(select(OperationChange).where(OperationChange.operation_id == operation.id)).all()
        assert sorted(c.change for c in changes if c.entity == "person") == ["created", "created", "updated"]
    entry = audit.browse(db, audit.AuditFilter(action="import"))[0]
    assert entry.changes["counts"]["created"] == 2 and entry.changes["mapping"]["Passport"] == "document_number"
    assert audit.verify_chain(db).intact
    summary = importing.list_imports(db)[0]
    assert summary.id == result.import_id and summary.counts["updated"] == 1 and summary.undone_at is None


def test_search_finds_imported_persons(db: Database, tmp_path: Path) -> None:
    from desktop_app.services import roster

    path = _list_file(tmp_path, [[None, "Щербакова", "Юлия", "1990", "7201234567", None, None, None, None]])
    importing.commit_import(db, importing.preview_import(db, path), operator=OPERATOR)
    assert len(roster.search_ids(db, roster.RosterQuery(text="shcherbakova"))) == 1
    assert len(roster.search_ids(db, roster.RosterQuery(text="7201234567"))) == 1


def test_imported_rows_are_stored_as_a_hand_made_person_is(db: Database, tmp_path: Path) -> None:
    """The bulk path writes storage values itself (SQLite): they must be the ORM's, type for type."""
    values = {"surname": "Петрова", "given_names": "Анна", "birth_date": "1980-02-01", "medical": True,
              "consent_to_share": True, "consent_date": "2024-05-06", "citizenships": "RUS"}
    hand = persons.create_person(db, values, operator=OPERATOR, phones=["+79161234567"], documents=[
        DocumentData.create("passport", "0123456", "RUS", "2020-01-02", "2030-01-01")])
    headers = ["Фамилия", "Имя", "DOB", "Med", "Consent", "Consent date", "Citizenship", "Passport", "Country",
               "Issued", "Expires", "Phone"]
    path = write_xlsx(tmp_path / "one.xlsx", [headers, [
        "Петрова", "Анна", "1980-02-01", "yes", "yes", dt.date(2024, 5, 6), "RUS", "0123456", "RUS",
        dt.date(2020, 1, 2), "2030-01-01", "+7 916 123 45 67"]])
    targets = ["surname", "given_names", "birth_date", "medical", "consent_to_share", "consent_date", "citizenships",
               "document_number", "document_country", "document_issue_date", "document_expiry_date", "phone"]
    preview = importing.preview_import(db, path, mapping_overrides=dict(zip(headers, targets, strict=True)))
    assert [row.outcome for row in preview.rows] == [Outcome.DUPLICATE]
    imported = importing.commit_import(db, preview, operator=OPERATOR, accept_duplicates_as_new=True).created_ids[0]

    def stored(table: str, key: str, person_id: int, skip: set[str]) -> list[dict[str, object]]:
        with db.engine.connect() as connection:
            names = [row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({table})")]
            kept = [n for n in names if n not in skip]
            cells = ", ".join(f'"{n}", typeof("{n}")' for n in kept)
            return [dict(zip([f"{n}{t}" for n in kept for t in ("", ":type")], row, strict=True)) for row in
                    connection.exec_driver_sql(f"SELECT {cells} FROM {table} WHERE {key} = ?", (person_id,))]

    stamps = {"created_at", "updated_at", "at"}
    assert stored("persons", "id", imported, {"id", "uuid", "case_ref", *stamps}) == \
        stored("persons", "id", hand.id, {"id", "uuid", "case_ref", *stamps})
    for table in ("documents", "phones"):
        assert stored(table, "person_id", imported, {"id", "person_id"}) == \
            stored(table, "person_id", hand.id, {"id", "person_id"})
    for table, key in (("persons", "id"), ("status_changes", "person_id")):
        for column in stamps & {n for n in stored(table, key, hand.id, set())[0] if ":" not in n}:
            made, bulk = stored(table, key, hand.id, set())[0][column], stored(table, key, imported, set())[0][column]
            assert isinstance(bulk, str) and len(bulk) == len(str(made)) == len("2025-01-01 12:00:00.000000")
    with db.engine.connect() as connection:
        terms = [{row[0] for row in connection.exec_driver_sql(
            "SELECT term FROM search_terms WHERE person_id = ? AND term NOT LIKE 'mr%' AND term NOT LIKE '00000_'",
            (person_id,))} for person_id in (hand.id, imported)]
    assert terms[0] == terms[1] and "9161234567" in terms[0]


def test_duplicates_are_left_out_unless_accepted(db: Database, tmp_path: Path) -> None:
    persons.create_person(db, {"surname": "Haddad", "given_names": "Omar", "birth_date": "1975"}, operator=OPERATOR)
    path = _list_file(tmp_path, [[None, "Haddad", "Omar", "1975", None, None, None, None, None]])
    preview = importing.preview_import(db, path)
    assert preview.rows[0].outcome is Outcome.DUPLICATE
    assert importing.commit_import(db, preview, operator=OPERATOR).created == 0
    assert importing.commit_import(db, preview, operator=OPERATOR, accept_duplicates_as_new=True).created == 1


def test_a_failing_row_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = _list_file(tmp_path, [[None, "A", "B", None, None, None, None, None, None],
                                 ["C-9", "Taken", "Later", None, None, None, None, None, None]])
    preview = importing.preview_import(db, path)
    persons.create_person(db, {"case_ref": "C-9", "surname": "Someone"}, operator=OPERATOR)  # after the preview
    before = content(db)
    with pytest.raises(DuplicateValue, match="nothing was imported"):
        importing.commit_import(db, preview, operator=OPERATOR)
    assert content(db) == before


def test_an_update_made_illegal_since_the_preview_writes_nothing(db: Database, tmp_path: Path) -> None:
    from desktop_app.domain.status import Status
    from desktop_app.services import status

    known = persons.create_person(db, {"case_ref": "C-1", "surname": "A"}, operator=OPERATOR)
    path = _list_file(tmp_path, [[None, "New", "One", None, None, None, None, None, None],
                                 ["C-1", "A", None, None, None, None, None, None, "verified"]])
    preview = importing.preview_import(db, path)
    status.change_status(db, known.id, Status.DECLINED, operator=OPERATOR)
    before = content(db)
    with pytest.raises(ValidationError, match="row 3"):
        importing.commit_import(db, preview, operator=OPERATOR)
    assert content(db) == before


def test_cancel_writes_nothing(db: Database, tmp_path: Path) -> None:
    rows = [[None, f"Person{i}", "X", None, f"P{i:07d}", None, None, None, None] for i in range(2500)]
    preview = importing.preview_import(db, _list_file(tmp_path, rows))
    before = content(db)
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 2000  # cancel after the first chunk was inserted

    with pytest.raises(ImportCancelled, match="nothing was written"):
        importing.commit_import(db, preview, operator=OPERATOR, progress=progress)
    assert content(db) == before and 2000 in seen


def test_preview_can_be_cancelled(db: Database, tmp_path: Path) -> None:
    path = _list_file(tmp_path, [[None, "A", "B", None, None, None, None, None, None]])
    with pytest.raises(ImportCancelled):
        importing.preview_import(db, path, progress=lambda done, total: False)


def test_undo_removes_created_restores_updated_and_refuses_twice(db: Database, tmp_path: Path) -> None:
    known = persons.create_person(db, {"case_ref": "C-1", "surname": "Иванов", "locality": "Gaza"},
                                  operator=OPERATOR)
    path = _list_file(tmp_path, [["C-1", "Иванов", "Иван", None, "0123456", None, None, None, "verified"],
                                 [None, "New", "One", None, None, None, "H-NEW", None, None],
                                 [None, "New", "Two", None, None, None, None, None, None]])
    before = content(db)
    result = importing.commit_import(db, importing.preview_import(db, path), operator=OPERATOR)
    persons.update_person(db, result.created_ids[1], {"notes": "called back"}, operator=OPERATOR)  # touched since
    undo = importing.undo_import(db, result.import_id, operator=OPERATOR)
    assert (undo.deleted, undo.trashed, undo.restored, undo.conflicts) == (1, 1, 1, ())
    restored = persons.get_person(db, known.id)
    assert (restored.given_names, restored.status, restored.documents) == ("", "registered", [])
    assert persons.get_person(db, result.created_ids[1]).deleted_at is not None
    with db.reading() as session:
        assert session.get(Person, result.created_ids[0]) is None
        assert session.scalar(select(Household).where(Household.ref == "H-NEW")) is None
    assert len(content(db)["persons"]) == len(before["persons"]) + 1  # only the touched one stays, in the trash
    assert importing.list_imports(db)[0].undone_at is not None
    with pytest.raises(ValidationError, match="already undone"):
        importing.undo_import(db, result.import_id, operator=OPERATOR)
    assert audit.verify_chain(db).intact


def test_undo_leaves_a_person_changed_since_and_reports_it(db: Database, tmp_path: Path) -> None:
    known = persons.create_person(db, {"case_ref": "C-1", "surname": "A", "locality": "Gaza"}, operator=OPERATOR)
    path = write_xlsx(tmp_path / "l.xlsx", [["Case No", "Locality"], ["C-1", "Rafah"]])
    result = importing.commit_import(db, importing.preview_import(db, path), operator=OPERATOR)
    persons.update_person(db, known.id, {"locality": "Khan Younis"}, operator=OPERATOR)
    undo = importing.undo_import(db, result.import_id, operator=OPERATOR)
    assert undo.restored == 0 and [c.case_ref for c in undo.conflicts] == ["C-1"]
    assert "locality" in undo.conflicts[0].message
    assert persons.get_person(db, known.id).locality == "Khan Younis"


def test_undo_keeps_a_created_person_put_on_a_list(db: Database, tmp_path: Path) -> None:
    path = _list_file(tmp_path, [[None, "New", "One", None, None, None, None, None, None]])
    result = importing.commit_import(db, importing.preview_import(db, path), operator=OPERATOR)
    evacuation = lists.create_list(db, "Rafah 1", operator=OPERATOR)
    lists.add_members(db, evacuation.id, list(result.created_ids), operator=OPERATOR)
    undo = importing.undo_import(db, result.import_id, operator=OPERATOR)
    assert (undo.deleted, undo.trashed) == (0, 1)


def test_unknown_import_cannot_be_undone(db: Database) -> None:
    from desktop_app.domain.errors import NotFound

    with pytest.raises(NotFound):
        importing.undo_import(db, 42, operator=OPERATOR)


# --- bad input: a clear message naming the file, and nothing changed ---------------------------------

def _bomb(path: Path) -> Path:
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(readers.MAX_UNCOMPRESSED_BYTES // len(chunk) + 8):
                member.write(chunk)
    return path


def _million_rows(path: Path) -> Path:
    with xlsxwriter.Workbook(path, {"constant_memory": True}) as book:
        sheet = book.add_worksheet("Big")
        sheet.write_string(0, 0, "Surname")
        sheet.write_string(1_048_575, 0, "last")
    return path


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _truncated(path: Path, tmp_path: Path) -> Path:
    whole = write_xlsx(tmp_path / "whole.xlsx", [["Surname"], ["A"]]).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


BAD_FILES = {
    "html.xls": (lambda p, t: _written(p, b"<html><body><table><tr><td>A</td></tr></table></body></html>"),
                 NotASpreadsheet, "web page"),
    "pdf.xls": (lambda p, t: _written(p, b"%PDF-1.7\n%binary"), NotASpreadsheet, "PDF"),
    "truncated.xlsx": (_truncated, CorruptFile, "damaged or truncated"),
    "bomb.xlsx": (lambda p, t: _bomb(p), FileTooLarge, "unpacks to"),
    "huge.xlsx": (lambda p, t: _million_rows(p), FileTooLarge, "1,048,576 rows"),
    "empty.xlsx": (lambda p, t: write_xlsx(p, []), EmptySheet, "empty"),
    "headers.xlsx": (lambda p, t: write_xlsx(p, [["Surname", "Given names", "DOB"]]), NoDataRows, "no rows of data"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_are_refused_and_change_nothing(db: Database, tmp_path: Path, name: str) -> None:
    make, error, words = BAD_FILES[name]
    path = make(tmp_path / name, tmp_path)
    before = content(db)
    with pytest.raises(error, match=words) as caught:
        importing.preview_import(db, path)
    assert name in str(caught.value)  # the message names the file
    assert isinstance(caught.value, ExchangeError)
    assert content(db) == before


def test_password_protected_workbook(db: Database, tmp_path: Path) -> None:
    spec = SheetSpec("List", "", [("Surname", ColumnKind.TEXT), ("Passport", ColumnKind.IDENTIFIER)],
                     [["Haddad", "0123456"]])
    locked = write_workbook(tmp_path / "locked.xlsx", [spec], password="Rafah-2023").path
    with pytest.raises(PasswordRequired, match=r"locked\.xlsx: .*password"):
        importing.preview_import(db, locked)
    with pytest.raises(WrongPassword):
        importing.preview_import(db, locked, password="wrong")
    preview = importing.preview_import(db, locked, password="Rafah-2023")
    assert preview.rows[0].data.documents[0].number == "0123456"


def test_formulas_import_their_cached_values(db: Database) -> None:
    preview = importing.preview_import(db, Path(__file__).parent.parent / "data" / "roster_calc.xlsx",
                                       mapping_overrides={"Members": "notes"})
    assert [r.data.fields.get("notes") for r in preview.rows] == ["2", "2", "2", "2"]


def test_control_characters_are_removed_with_a_note(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ctl.xlsx", [["Surname", "Given names"], ["Hadd\u200bad", "Om\u202ear"]])
    preview = importing.preview_import(db, path)
    assert preview.rows[0].data.fields["surname"] == "Haddad"
    assert any("invisible" in w for w in preview.warnings)


def test_csv_in_windows_1251(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("Фамилия;Имя;Дата рождения;№ паспорта\r\nИванов;Иван;01.02.1980;0123456\r\n".encode("cp1251"))
    row = importing.preview_import(db, path).rows[0]
    assert row.data.fields["surname"] == "Иванов" and row.data.documents[0].number == "0123456"


def test_nothing_mapped_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [["Colour", "Size"], ["red", "L"], ["blue", "M"]])
    with pytest.raises(ValidationError, match="maps no column"):
        importing.preview_import(db, path)


def test_year_and_today(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [["Surname", "DOB"], ["Future", dt.date.today() + dt.timedelta(days=2)]])
    assert "future" in importing.preview_import(db, path).rows[0].details


def test_reader_bytes_stay_untouched(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "same.xlsx", [["Surname"], ["A"]])
    data = path.read_bytes()
    importing.open_import_file(path)
    assert io.BytesIO(path.read_bytes()).getvalue() == data
