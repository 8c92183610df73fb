"""Check-in at the gate: found by code, case reference or passport; refused with the reason; undone; counted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.domain.errors import NotFound
from desktop_app.domain.gate_codes import check_character, gate_code
from desktop_app.domain.status import Status
from desktop_app.services import lists
from desktop_app.services.crossing import CheckinKind, Refusal, boarding_list, gate_counts, scan, undo_scan
from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry
from tests.services.checkin_support import Gate, make_gate


@pytest.fixture
def gate(db: Database, operator: str) -> Gate:
    return make_gate(db, operator)


def test_a_scanned_code_checks_the_person_in_and_a_second_scan_is_refused(db: Database, operator: str,
                                                                         gate: Gate) -> None:
    result = scan(db, gate.list_id, gate_code(gate.mother), operator=operator)
    assert result.accepted and result.kind is CheckinKind.BOARDED and result.at is not None
    assert result.person is not None and result.person.name == "Орлова Анна"
    assert result.person.document.endswith("72 1234567") and result.person.household.endswith("Orlov")
    again = scan(db, gate.list_id, gate_code(gate.mother), operator="boris")
    assert not again.accepted and again.refusal is Refusal.ALREADY_CHECKED_IN
    assert again.at == result.at
    assert f"at {result.at:%H:%M:%S} by {operator}" in str(again.message)


def test_found_by_case_reference_or_passport_number_typed_with_spaces(db: Database, operator: str,
                                                                       gate: Gate) -> None:
    assert scan(db, gate.list_id, " g-1043 ".upper(), operator=operator).accepted
    by_passport = scan(db, gate.list_id, "721 234 567", operator=operator)
    assert by_passport.accepted and by_passport.person is not None and by_passport.person.case_ref == gate.mother


def test_a_code_typed_on_a_russian_keyboard_layout_is_read(db: Database, operator: str, gate: Gate) -> None:
    code = gate_code(gate.son)  # 'G-1043+?' : the scanner presses the same keys, the layout types 'П'
    russian = "П" + code[1:]
    assert scan(db, gate.list_id, russian, operator=operator).accepted


@pytest.mark.parametrize(("scanned", "refusal", "words"), [
    ("G-3001", Refusal.NOT_ON_LIST, "not on the list Rafah 14"),
    ("G-2001", Refusal.NOT_APPROVED, "not approved on Rafah 14 (answer: pending)"),
    ("G-9999", Refusal.UNKNOWN_CODE, "unknown code"),
    ("75 7654321", Refusal.NOT_ON_LIST, "G-3001 Сидоров Олег"),
])
def test_who_may_not_go_through_is_refused_with_the_reason(db: Database, operator: str, gate: Gate, scanned: str,
                                                           refusal: Refusal, words: str) -> None:
    result = scan(db, gate.list_id, scanned, operator=operator)
    assert not result.accepted and result.refusal is refusal
    assert words in str(result.message)
    assert gate_counts(db, gate.list_id).checked_in == 0


def test_a_misread_check_character_is_refused_not_taken_for_someone_else(db: Database, operator: str,
                                                                        gate: Gate) -> None:
    wrong = next(ch for ch in "0123456789" if ch != check_character(gate.mother))
    result = scan(db, gate.list_id, f"{gate.mother}+{wrong}", operator=operator)
    assert result.refusal is Refusal.MISREAD_CODE and "check character" in str(result.message)


def test_every_scan_is_audited_accepted_or_refused(db: Database, operator: str, gate: Gate) -> None:
    scan(db, gate.list_id, gate.mother, operator=operator)
    scan(db, gate.list_id, "G-9999", operator=operator)
    undo_scan(db, gate.list_id, gate.mother, operator=operator)
    with db.reading() as session:
        summaries = list(session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "checkin")
                                         .order_by(AuditEntry.id)))
    assert summaries == ["G-1042: boarded at the gate of 'Rafah 14'",
                         "G-9999: refused at the gate of 'Rafah 14' (unknown_code)",
                         "G-1042: boarded at the gate of 'Rafah 14' undone"]


def test_counts_and_missing_by_household(db: Database, operator: str, gate: Gate) -> None:
    counts = gate_counts(db, gate.list_id)
    assert (counts.expected, counts.checked_in, counts.missing) == (2, 0, 2)
    scan(db, gate.list_id, gate_code(gate.son), operator=operator)
    counts = gate_counts(db, gate.list_id)
    assert (counts.expected, counts.checked_in, counts.missing) == (2, 1, 1)
    [household] = counts.missing_by_household
    assert household.household.endswith("Orlov") and household.persons == [(gate.mother, "Орлова Анна")]


def test_undo_takes_a_wrong_scan_back_and_the_person_can_be_scanned_again(db: Database, operator: str,
                                                                         gate: Gate) -> None:
    scan(db, gate.list_id, gate.son, operator=operator)
    undone = undo_scan(db, gate.list_id, gate.son, operator=operator)
    assert undone.case_ref == gate.son and undone.kind is CheckinKind.BOARDED
    assert gate_counts(db, gate.list_id).checked_in == 0
    with pytest.raises(NotFound, match="check-in on Rafah 14"):
        undo_scan(db, gate.list_id, gate.son, operator=operator)
    assert scan(db, gate.list_id, gate.son, operator=operator).accepted


def test_a_crossing_scan_records_the_crossing_and_its_undo_puts_the_status_back(db: Database, operator: str,
                                                                               gate: Gate) -> None:
    assert scan(db, gate.list_id, gate.mother, operator=operator).accepted  # boarded the bus first
    crossed = scan(db, gate.list_id, gate.mother, operator=operator, crossed=True)
    assert crossed.accepted and crossed.kind is CheckinKind.CROSSED
    members = {m.case_ref: m for m in lists.members(db, gate.list_id)}
    assert members[gate.mother].status == Status.CROSSED.value and members[gate.mother].crossed_at == crossed.at
    assert not scan(db, gate.list_id, gate.mother, operator=operator, crossed=True).accepted
    undone = undo_scan(db, gate.list_id, gate.mother, operator=operator)
    assert undone.kind is CheckinKind.CROSSED and undone.status_restored == Status.APPROVED.value
    members = {m.case_ref: m for m in lists.members(db, gate.list_id)}
    assert members[gate.mother].status == Status.APPROVED.value and members[gate.mother].crossed_at is None
    assert gate_counts(db, gate.list_id).checked_in == 1  # still boarded


def test_the_boarding_list_holds_the_approved_with_codes_and_no_names_in_them(db: Database, operator: str,
                                                                             gate: Gate) -> None:
    printed = boarding_list(db, gate.list_id)
    assert [row.person.case_ref for row in printed.rows] == [gate.son, gate.mother]  # household, then name
    for row in printed.rows:
        assert row.code == gate_code(row.person.case_ref)
        assert "Орлов" not in row.code and "1234567" not in row.code
