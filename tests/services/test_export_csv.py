"""The CSV export (issue 19) on a real roster: the file read back with the csv module and opened by
LibreOffice, the same columns and profiles as the workbook, formula-looking text made inert, leading
zeros kept, a profile with a sheet per list refused for persons on two lists, and the audit entry."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.domain.export_profile import Grouping, builtin_profile
from desktop_app.exchange.export_errors import ExportCancelled, ExportError
from desktop_app.output_files import OutputExists
from desktop_app.services import audit, exporting, lists, persons
from desktop_app.services.exporting import Selection
from desktop_app.storage.db import Database
from tests.services.test_export_service import INJECTED_GIVEN, INJECTED_SURNAME, Roster, build_roster

DAY = dt.date(2026, 1, 1)
QUOTED_NOTE = 'He said "wait, not yet", then left; ’quoted’ and \'single\' ones'  # a line break: test_csv_writer
ADDRESS = "Salah al-Din St. 12, flat 3"


@pytest.fixture
def roster(db: Database, operator: str) -> Roster:
    built = build_roster(db, operator)
    persons.update_person(db, built.kept.id, {"notes": QUOTED_NOTE, "address": ADDRESS}, operator=operator)
    return built


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_csv_holds_the_workbooks_columns_as_text_read_back_by_the_csv_module(
        db: Database, roster: Roster, operator: str, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    result = exporting.export_persons(db, path, operator=operator, today=DAY)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with its mark: Excel reads Arabic and Cyrillic right
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == result.rows + 1 and b"\n" not in data.replace(
        b"\r\n", b"")  # CRLF ends each record
    headers, rows = read_csv(path)
    exporting.export_persons(db, tmp_path / "roster.xlsx", operator=operator, today=DAY)
    workbook_headers = [cell.value for cell in openpyxl.load_workbook(tmp_path / "roster.xlsx").worksheets[0][1]]
    assert headers == workbook_headers  # the same columns, in the same order
    by_uuid = {row["Record ID (UUID)"]: row for row in rows}
    assert set(by_uuid) == {p.uuid for p in roster.exported} and result.rows == result.persons == 4
    assert (result.format, result.sheets) == ("csv", (("Roster", 4),))
    ivanov, injected, arabic, kept = (by_uuid[p.uuid] for p in roster.exported)
    assert (ivanov["Surname"], ivanov["Given names"], ivanov["Patronymic"]) == ("Иванов", "Пётр", "Сергеевич")
    assert ivanov["Passport / document no."] == "0123456" and ivanov["Phone"] == "+79161234567"  # as held
    assert ivanov["Date of birth"] == "1980-02-01" and ivanov["Document expiry"] == "2030-05-01"  # profile's format
    assert ivanov["Age"] == "45" and ivanov["Household size"] == "2"
    assert (arabic["Surname"], arabic["Given names"]) == ("أبو شنب", "أحمد")
    assert arabic["Passport / document no."] == "007" and injected["Passport / document no."] == "00012"
    assert injected["Date of birth"] == "1975"
    # Text a spreadsheet would evaluate starts with an apostrophe: never a formula.
    assert injected["Surname"] == "'" + INJECTED_SURNAME and injected["Given names"] == "'" + INJECTED_GIVEN
    assert injected["Notes"] == "'-1+2"
    assert kept["Notes"] == QUOTED_NOTE and kept["Address"] == ADDRESS
    assert '"He said ""wait, not yet"", then left;' in data.decode("utf-8-sig")  # RFC 4180 quoting


def test_libreoffice_opens_the_csv_with_every_script_and_no_formula(
        db: Database, roster: Roster, operator: str, tmp_path: Path, soffice: list[str]) -> None:
    """Opened as a partner opens it: UTF-8, comma, the identifier columns imported as text (how leading
    zeros survive a spreadsheet), every other column as LibreOffice guesses it."""
    path = tmp_path / "roster.csv"
    exporting.export_persons(db, path, operator=operator, today=DAY)
    headers, _ = read_csv(path)
    as_text = "/".join(f"{headers.index(name) + 1}/2" for name in ("Passport / document no.", "Phone"))
    out = tmp_path / "lo"
    subprocess.run([*soffice, f"--infilter=CSV:44,34,76,1,{as_text}", "--convert-to", "xlsx", "--outdir", str(out),
                    str(path)], capture_output=True, timeout=180, check=False)
    sheet = openpyxl.load_workbook(out / "roster.xlsx").worksheets[0]
    cells = list(sheet.iter_rows())
    assert [c.value for c in cells[0]] == headers
    assert not [c.coordinate for row in cells for c in row if c.data_type == "f"]  # nothing evaluated
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in cells[1:]]
    by_uuid: dict[Any, dict[str, Any]] = {row["Record ID (UUID)"]: row for row in rows}
    ivanov, injected, arabic, kept = (by_uuid[p.uuid] for p in roster.exported)
    assert ivanov["Surname"] == "Иванов" and arabic["Surname"] == "أبو شنب"
    assert ivanov["Passport / document no."] == "0123456" and arabic["Passport / document no."] == "007"
    assert ivanov["Phone"] == "+79161234567"
    assert str(injected["Surname"]).endswith(INJECTED_SURNAME) and str(injected["Surname"]).startswith("'")
    assert kept["Notes"] == QUOTED_NOTE


def test_a_partner_profile_writes_one_list_and_refuses_two(db: Database, roster: Roster, operator: str,
                                                           tmp_path: Path) -> None:
    """A profile with a sheet per list: one list is one table; persons on two lists would be two tables,
    and the export says so (no file, nothing recorded) instead of mixing them or writing two files."""
    by_list = dataclasses.replace(builtin_profile("icrc_family"), grouping=Grouping.LIST)
    path = tmp_path / "list.csv"
    result = exporting.export_persons(db, path, profile=by_list, selection=Selection(list_id=roster.list_id),
                                      operator=operator, today=DAY)
    assert result.rows == 3 and len(read_csv(path)[1]) == 3
    other = lists.create_list(db, "Bus 2", operator=operator)
    lists.add_members(db, other.id, [roster.kept.id], operator=operator)
    refused = tmp_path / "two.csv"
    with pytest.raises(ExportError, match=r"one table.*more than one list.*Choose one list"):
        exporting.export_persons(db, refused, profile=by_list, operator=operator, today=DAY)
    assert not refused.exists() and not list(tmp_path.glob("*.partial*"))
    assert len(audit.browse(db, audit.AuditFilter(action="export"))) == 1


def test_a_csv_export_is_audited_and_cancelled_leaves_nothing(db: Database, roster: Roster, operator: str,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "border.csv"
    result = exporting.export_persons(db, path, operator=operator, partner=roster.partner_id,
                                      selection=Selection(list_id=roster.list_id), include_without_consent=True)
    [entry] = audit.browse(db, audit.AuditFilter(action="export"))
    details = entry.changes
    assert details["format"] == "csv" and details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert details["encrypted"] is False and sorted(details["persons"]) == sorted(
        p.uuid for p in (roster.ivanov, roster.injected, roster.arabic))
    assert result.without_consent == 1
    with pytest.raises(OutputExists):
        exporting.export_persons(db, path, operator=operator)  # an existing file only when asked
    cancelled = tmp_path / "cancelled.csv"
    with pytest.raises(ExportCancelled):
        exporting.export_persons(db, cancelled, operator=operator, progress=lambda done, total: False)
    assert not cancelled.exists()
