"""The export service on a real roster: what the partner's file holds, read back by openpyxl and
LibreOffice; who is left out; consent; encryption; and the audit entry every export writes.

`build_roster` is shared with the CLI and GUI export tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msoffcrypto
import openpyxl
import pytest

from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.export_profile import ExportColumn, ExportProfile, Grouping, builtin_profile
from desktop_app.domain.lists import Answer
from desktop_app.domain.partners import OrgKind
from desktop_app.domain.person import DocumentData, Relationship
from desktop_app.domain.status import Status
from desktop_app.exchange.export_errors import ExportCancelled
from desktop_app.services import audit, duplicates, exporting, households, lists, partners, persons
from desktop_app.services.exporting import ConsentMissing, Selection
from desktop_app.services.roster import RosterQuery
from desktop_app.storage.db import Database
from tests.helpers.libreoffice import libreoffice_csv

PARTNER = "Rafah Crossing Authority"
LIST_NAME = "Rafah list 4"
INJECTED_SURNAME = '=HYPERLINK("http://evil.example","click")'
INJECTED_GIVEN = "+7 @SUM(1,1)"


@dataclass
class Roster:
    """The persons of the test roster by role, with the ids the tests need."""

    ivanov: persons.PersonView
    injected: persons.PersonView
    arabic: persons.PersonView
    trashed: persons.PersonView
    kept: persons.PersonView
    merged: persons.PersonView
    list_id: int
    partner_id: int
    household_id: int

    @property
    def exported(self) -> list[persons.PersonView]:
        return [self.ivanov, self.injected, self.arabic, self.kept]


def build_roster(db: Database, operator: str) -> Roster:
    """Cyrillic and Arabic names, passports with leading zeros, a year-only birth date, names typed as
    formulas, a household, a list with an answer, a person in the trash and a merged duplicate."""
    ivanov = persons.create_person(
        db, {"surname": "Иванов", "given_names": "Пётр", "patronymic": "Сергеевич", "sex": "M",
             "birth_date": "1980-02-01", "citizenships": "RUS", "consent_to_share": True, "locality": "Rafah"},
        operator=operator, documents=[DocumentData.create("foreign_passport", "0123456", "RUS",
                                                          expiry_date="2030-05-01")],
        phones=["+7 916 123 45 67"])
    injected = persons.create_person(
        db, {"surname": INJECTED_SURNAME, "given_names": INJECTED_GIVEN, "surname_latin": "EVIL",
             "given_names_latin": "CLICK", "sex": "F", "birth_date": "1975", "citizenships": "PSE,RUS",
             "consent_to_share": True, "notes": "-1+2"},
        operator=operator, documents=[DocumentData.create("national_id", "00012", "PSE")])
    arabic = persons.create_person(
        db, {"surname": "أبو شنب", "given_names": "أحمد", "surname_latin": "ABU SHANAB", "given_names_latin": "AHMAD",
             "sex": "M", "birth_date": "1983-09-02", "citizenships": "PSE", "consent_to_share": False},
        operator=operator, documents=[DocumentData.create("passport", "007", "PSE", expiry_date="2027-08-10")])
    trashed = persons.create_person(db, {"surname": "Удалённый", "given_names": "Иван", "consent_to_share": True},
                                    operator=operator)
    persons.delete_person(db, trashed.id, operator=operator, reason="registered twice")
    kept = persons.create_person(db, {"surname": "Смирнова", "given_names": "Анна", "birth_date": "1990-05-05",
                                      "consent_to_share": True}, operator=operator)
    merged = persons.create_person(db, {"surname": "Смирнова", "given_names": "Анна", "birth_date": "1990-05-05",
                                        "consent_to_share": True}, operator=operator)
    duplicates.merge_persons(db, kept.id, merged.id, operator=operator)
    household = households.create_household(db, "Ivanov / Abu Shanab", operator=operator, head_person_id=ivanov.id)
    households.add_member(db, household.id, arabic.id, Relationship.SPOUSE, operator=operator)
    organization = partners.create_organization(db, PARTNER, OrgKind.BORDER_AUTHORITY, operator=operator,
                                                country="EGY")
    evacuation_list = lists.create_list(db, LIST_NAME, operator=operator, organization_id=organization.id)
    lists.add_members(db, evacuation_list.id, [ivanov.id, injected.id, arabic.id], operator=operator)
    lists.mark_sent(db, evacuation_list.id, operator=operator, submit_members=False)
    lists.record_answer(db, evacuation_list.id, ivanov.id, Answer.APPROVED, operator=operator,
                        valid_until=dt.date(2026, 12, 1))
    return Roster(persons.get_person(db, ivanov.id), persons.get_person(db, injected.id),
                  persons.get_person(db, arabic.id), trashed, persons.get_person(db, kept.id), merged,
                  evacuation_list.id, organization.id, household.id)


@pytest.fixture
def roster(db: Database, operator: str) -> Roster:
    return build_roster(db, operator)


def sheet_table(path: Path, sheet: str | None = None, header_row: int = 1) -> tuple[list[str], list[dict[str, Any]]]:
    """Headers and data rows (as dicts) of a written sheet, without the footer row."""
    workbook = openpyxl.load_workbook(path)
    ws = workbook[sheet] if sheet else workbook.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    headers = [str(h) for h in rows[header_row - 1]]
    body = rows[header_row:-1]  # the last row is the footer with the count
    assert rows[-1][1] == len(body)
    return headers, [dict(zip(headers, row, strict=True)) for row in body]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_entries(db: Database) -> list[audit.AuditView]:
    return audit.browse(db, audit.AuditFilter(action="export"))


# --- what the workbook holds ----------------------------------------------------------------------------

def test_full_roster_has_every_live_person_and_every_value(db: Database, roster: Roster, operator: str,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    result = exporting.export_persons(db, path, operator=operator, today=dt.date(2026, 1, 1))
    headers, rows = sheet_table(path)
    assert headers[0] == "Record ID (UUID)" and "Date of birth" in headers and "Document expiry" in headers
    by_uuid = {row["Record ID (UUID)"]: row for row in rows}
    assert set(by_uuid) == {p.uuid for p in roster.exported}  # not the trashed one, not the merged one
    assert result.rows == result.persons == 4 and result.profile == "Full roster" and not result.encrypted
    ivanov = by_uuid[roster.ivanov.uuid]
    assert (ivanov["Surname"], ivanov["Given names"], ivanov["Patronymic"]) == ("Иванов", "Пётр", "Сергеевич")
    assert ivanov["Surname (Latin)"] == "IVANOV" and ivanov["Case ref."] == roster.ivanov.case_ref
    assert ivanov["Date of birth"] == dt.datetime(1980, 2, 1) and ivanov["Age"] == 45
    assert ivanov["Passport / document no."] == "0123456"  # text: the zero survives
    assert ivanov["Document expiry"] == dt.datetime(2030, 5, 1) and ivanov["Phone"] == "+79161234567"
    assert ivanov["Household"] and ivanov["Household size"] == 2 and ivanov["Relationship to head"] == "head"
    assert ivanov["Consent to share"] == "yes" and ivanov["Nationality"] == "RUS"
    injected = by_uuid[roster.injected.uuid]
    assert injected["Surname"] == INJECTED_SURNAME and injected["Given names"] == INJECTED_GIVEN
    assert injected["Notes"] == "-1+2" and injected["Date of birth"] == "1975"  # a year alone stays a year
    assert injected["Passport / document no."] == "00012" and injected["Citizenships"] == "PSE, RUS"
    arabic = by_uuid[roster.arabic.uuid]
    assert (arabic["Surname"], arabic["Given names"]) == ("أبو شنب", "أحمد")
    assert arabic["Passport / document no."] == "007" and arabic["Consent to share"] == "no"


def test_libreoffice_shows_formulas_as_text_and_keeps_zeros_dates_and_scripts(
        db: Database, roster: Roster, operator: str, tmp_path: Path, soffice: list[str]) -> None:
    path = tmp_path / "roster.xlsx"
    profile = ExportProfile(name="Check", columns=tuple(ExportColumn.of(k) for k in (
        "surname", "given_names", "notes", "document_number", "birth_date")), show_uuid=True)
    exporting.export_persons(db, path, profile=profile, operator=operator)
    csv_rows = libreoffice_csv(soffice, path, tmp_path / "csv")
    assert csv_rows is not None
    assert csv_rows[0] == ["Surname", "Given names", "Notes", "Passport / document no.", "Date of birth",
                           "Record ID (UUID)"]
    by_uuid = {row[5]: row for row in csv_rows[1:-1]}
    assert by_uuid[roster.injected.uuid][:5] == [INJECTED_SURNAME, INJECTED_GIVEN, "-1+2", "00012", "1975"]
    assert by_uuid[roster.ivanov.uuid][:5] == ["Иванов", "Пётр", "", "0123456", "01.02.1980"]
    assert by_uuid[roster.arabic.uuid][:5] == ["أبو شنب", "أحمد", "", "007", "02.09.1983"]
    assert csv_rows[-1][:2] == ["Total", "4"]


def test_a_list_export_carries_the_answer_in_the_border_authority_layout(
        db: Database, roster: Roster, operator: str, tmp_path: Path) -> None:
    path = tmp_path / "border.xlsx"
    profile = builtin_profile("border_authority")
    result = exporting.export_persons(db, path, profile=profile, selection=Selection(list_id=roster.list_id),
                                      partner=PARTNER, operator=operator, include_without_consent=True)
    headers, rows = sheet_table(path, header_row=2)
    workbook = openpyxl.load_workbook(path)
    ws = workbook["Border list"]
    assert ws["A1"].value == LIST_NAME and ws.sheet_view.rightToLeft  # the list's name as title; Arabic layout
    assert headers[1] == "اللقب (كما في جواز السفر)"
    surnames = [row[headers[1]] for row in rows]
    assert sorted(surnames) == sorted(["IVANOV", "EVIL", "ABU SHANAB"])  # upper-case Latin as in the passport
    assert result.partner == PARTNER and result.persons == 3
    uuid_column = openpyxl.utils.get_column_letter(len(headers))
    assert ws.column_dimensions[uuid_column].hidden  # the UUID is there, hidden
    profile_with_answer = ExportProfile(name="Answers", columns=tuple(ExportColumn.of(k) for k in (
        "surname_latin", "list_name", "answer", "approved_until")))
    exporting.export_persons(db, tmp_path / "answers.xlsx", profile=profile_with_answer,
                             selection=Selection(list_id=roster.list_id), operator=operator)
    _, answer_rows = sheet_table(tmp_path / "answers.xlsx", header_row=2)
    approved = next(row for row in answer_rows if row["Record ID (UUID)"] == roster.ivanov.uuid)
    assert (approved["List"], approved["Answer"], approved["Approval valid until"]) == \
        (LIST_NAME, "approved", dt.datetime(2026, 12, 1))


def test_households_come_together_and_lists_get_their_own_sheets(db: Database, roster: Roster, operator: str,
                                                                 tmp_path: Path) -> None:
    other = lists.create_list(db, "Bus 2", operator=operator)
    lists.add_members(db, other.id, [roster.kept.id, roster.ivanov.id], operator=operator)
    exporting.export_persons(db, tmp_path / "families.xlsx", profile=builtin_profile("icrc_family"),
                             operator=operator)
    _, rows = sheet_table(tmp_path / "families.xlsx")
    households_in_order = [row["Household"] for row in rows]
    first = households_in_order.index(rows[0]["Household"])
    assert households_in_order[first:first + 2] == [rows[0]["Household"]] * 2  # head and spouse adjacent
    assert rows[0]["Relationship to head"] == "head"
    result = exporting.export_persons(db, tmp_path / "flights.xlsx", profile=builtin_profile("flight_manifest"),
                                      selection=Selection(person_ids=(roster.ivanov.id, roster.kept.id,
                                                                      roster.injected.id)), operator=operator)
    assert result.sheets == ((LIST_NAME, 2), ("Bus 2", 2))  # Ivanov is on both lists: a row on each sheet
    assert result.rows == 4 and result.persons == 3
    _, bus = sheet_table(tmp_path / "flights.xlsx", "Bus 2", header_row=2)  # the list as title
    assert sorted(row["SURNAME"] for row in bus) == ["IVANOV", "SMIRNOVA"]


def test_selections_by_status_search_and_hand_picked_order(db: Database, roster: Roster, operator: str,
                                                           tmp_path: Path) -> None:
    profile = ExportProfile(name="Ids", columns=(ExportColumn.of("case_ref"),))
    approved = exporting.summarize(db, Selection(statuses=(Status.APPROVED,)), profile)
    assert approved.persons == 1  # Ivanov, approved on the list
    found = exporting.export_persons(db, tmp_path / "search.xlsx", profile=profile,
                                     selection=Selection(query=RosterQuery(text="ivanov")), operator=operator)
    assert found.persons == 1
    picked = (roster.arabic.id, roster.trashed.id, roster.ivanov.id, roster.merged.id)
    exporting.export_persons(db, tmp_path / "picked.xlsx", profile=profile,
                             selection=Selection(person_ids=picked), operator=operator)
    _, rows = sheet_table(tmp_path / "picked.xlsx")
    assert [row["Case ref."] for row in rows] == [roster.arabic.case_ref, roster.ivanov.case_ref]


# --- consent, encryption, cancel -----------------------------------------------------------------------------

def test_a_partner_export_with_persons_without_consent_needs_confirmation(db: Database, roster: Roster,
                                                                          operator: str, tmp_path: Path) -> None:
    path = tmp_path / "border.xlsx"
    with pytest.raises(ConsentMissing) as refused:
        exporting.export_persons(db, path, selection=Selection(list_id=roster.list_id), partner=PARTNER,
                                 operator=operator)
    assert refused.value.count == 1 and roster.arabic.case_ref in refused.value.message
    assert not path.exists() and export_entries(db) == []
    internal = exporting.export_persons(db, path, selection=Selection(list_id=roster.list_id), operator=operator)
    assert internal.without_consent == 1 and internal.partner is None  # the mission's own file: counted only
    path.unlink()
    result = exporting.export_persons(db, path, selection=Selection(list_id=roster.list_id), partner=PARTNER,
                                      operator=operator, include_without_consent=True)
    entry = export_entries(db)[0]
    assert entry.changes["without_consent"] == [roster.arabic.uuid] and result.without_consent == 1


def test_encrypted_export_opens_with_the_password_only(db: Database, roster: Roster, operator: str,
                                                       tmp_path: Path, soffice: list[str]) -> None:
    path = tmp_path / "secret.xlsx"
    password = "Kair0 2023 сектор"
    result = exporting.export_persons(db, path, password=password, operator=operator)
    assert result.encrypted
    with pytest.raises(Exception):  # noqa: B017 - not a plain workbook
        openpyxl.load_workbook(path)
    assert libreoffice_csv(soffice, path, tmp_path / "csv") is None
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=password)
        office.decrypt(plain)
    ws = openpyxl.load_workbook(plain).worksheets[0]
    assert {row[0] for row in ws.iter_rows(min_row=2, values_only=True)} >= {p.uuid for p in roster.exported}
    entry = export_entries(db)[0]
    assert entry.changes["encrypted"] is True
    stored = json.dumps(entry.changes, ensure_ascii=False) + entry.summary
    assert password not in stored and "Kair0" not in stored


def test_a_cancelled_export_leaves_no_file_and_no_record(db: Database, roster: Roster, operator: str,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportCancelled):
        exporting.export_persons(db, out / "cancel.xlsx", operator=operator, progress=lambda done, total: False)
    assert list(out.iterdir()) == [] and export_entries(db) == []


def test_unknown_partner_and_wrong_suffix_are_refused(db: Database, roster: Roster, operator: str,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotFound):
        exporting.export_persons(db, out / "x.xlsx", partner="Nobody Ltd", operator=operator)
    with pytest.raises(ValidationError, match=r"must end in \.xlsx \(a workbook\) or \.csv"):
        exporting.export_persons(db, out / "x.txt", operator=operator)
    with pytest.raises(ValidationError, match="cannot protect a CSV"):
        exporting.export_persons(db, out / "x.csv", operator=operator, password="Kair0-2023")
    assert list(out.iterdir()) == [] and export_entries(db) == []


# --- the record -------------------------------------------------------------------------------------------------

def test_every_export_is_audited_with_profile_partner_persons_and_hash(db: Database, roster: Roster,
                                                                       operator: str, tmp_path: Path) -> None:
    path = tmp_path / "border.xlsx"
    result = exporting.export_persons(db, path, profile=builtin_profile("border_authority"),
                                      selection=Selection(list_id=roster.list_id), partner=roster.partner_id,
                                      operator=operator, include_without_consent=True)
    [entry] = export_entries(db)
    assert entry.operator == operator and entry.entity == "export" and entry.entity_key == result.sha256
    assert entry.changes["sha256"] == result.sha256 == file_sha256(path)
    assert entry.changes["profile"] == "Border authority list" and entry.changes["partner"] == PARTNER
    assert entry.changes["partner_id"] == roster.partner_id and entry.changes["encrypted"] is False
    assert sorted(entry.changes["persons"]) == sorted([roster.ivanov.uuid, roster.injected.uuid, roster.arabic.uuid])
    assert entry.changes["file"] == str(path.resolve()) and entry.changes["selection"] == {"list_id": roster.list_id}
    assert audit.verify_chain(db).intact


def test_recipients_of_a_person_come_from_the_audit_trail(db: Database, roster: Roster, operator: str,
                                                          tmp_path: Path) -> None:
    assert exporting.recipients_of(db, roster.ivanov.id) == []
    exporting.export_persons(db, tmp_path / "internal.xlsx", operator=operator)
    exporting.export_persons(db, tmp_path / "border.xlsx", selection=Selection(list_id=roster.list_id),
                             partner=PARTNER, operator=operator, password="pw", include_without_consent=True)
    newest, oldest = exporting.recipients_of(db, roster.ivanov.id)
    assert (newest.partner, newest.encrypted, newest.file_name) == (PARTNER, True, "border.xlsx")
    assert (oldest.partner, oldest.recipient, oldest.profile) == (None, "(internal file)", "Full roster")
    assert [r.file_name for r in exporting.recipients_of(db, roster.kept.id)] == ["internal.xlsx"]
    with pytest.raises(NotFound):
        exporting.recipients_of(db, 999_999)


# --- profiles ------------------------------------------------------------------------------------------------------

def test_profiles_built_in_everywhere_saved_shared_and_deleted_with_audit(db: Database, operator: str) -> None:
    keys = [entry.key for entry in exporting.list_profiles(db)]
    assert keys == ["border_authority", "icrc_family", "flight_manifest", "full_roster"]
    assert exporting.get_profile(db, "Flight manifest") == builtin_profile("flight_manifest")
    mine = builtin_profile("border_authority").with_language("fr")
    mine = ExportProfile.from_json({**mine.to_json(), "name": "Liste frontière (FR)"})
    with pytest.raises(ValidationError, match="built-in"):
        exporting.save_profile(db, builtin_profile("border_authority"), operator=operator)
    exporting.save_profile(db, mine, operator=operator)
    assert exporting.get_profile(db, "liste frontière (fr)") == mine
    changed = ExportProfile.from_json({**mine.to_json(), "grouping": Grouping.HOUSEHOLD.value})
    exporting.save_profile(db, changed, operator=operator)
    assert [e.name for e in exporting.list_profiles(db)][-1] == "Liste frontière (FR)"
    assert exporting.get_profile(db, "Liste frontière (FR)").grouping is Grouping.HOUSEHOLD
    with pytest.raises(ValidationError, match="cannot be deleted"):
        exporting.delete_profile(db, "full_roster", operator=operator)
    exporting.delete_profile(db, "Liste frontière (FR)", operator=operator)
    with pytest.raises(NotFound):
        exporting.get_profile(db, "Liste frontière (FR)")
    actions = [(e.action, e.entity) for e in audit.browse(db, audit.AuditFilter(entity="export_profile"))]
    assert actions == [("delete", "export_profile"), ("update", "export_profile"), ("create", "export_profile")]
