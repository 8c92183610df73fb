"""The gate and the messages attacked as a hurried officer would: a case reference typed in lower case
(by hand, or a scanner with Caps Lock on), its undo, and a template whose fields carry a format."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.gate_codes import gate_code
from desktop_app.domain.notify_templates import NotifyFields, check_template
from desktop_app.domain.status import Status
from desktop_app.rendering.call_sheet_pdf import call_sheet_pdf
from desktop_app.services import crossing, persons, status
from desktop_app.services.crossing.templates import save_template
from desktop_app.storage.db import Database
from tests.services.checkin_support import make_gate


@pytest.mark.parametrize("typed", ["g-1042", "g-1042+8", " G-1042+8 ".lower()])
def test_a_case_reference_or_code_in_lower_case_finds_the_person(db: Database, operator: str, typed: str) -> None:
    gate = make_gate(db, operator)
    assert gate_code(gate.mother) == "G-1042+8"
    result = crossing.scan(db, gate.list_id, typed, operator=operator)
    assert result.accepted, str(result.message)
    assert result.person is not None and result.person.case_ref == "G-1042"
    assert crossing.gate_counts(db, gate.list_id).checked_in == 1


def test_a_crossing_undone_by_its_reference_in_lower_case_puts_the_status_back(db: Database, operator: str) -> None:
    gate = make_gate(db, operator)
    assert crossing.scan(db, gate.list_id, gate.son, operator=operator, crossed=True).accepted
    undone = crossing.undo_scan(db, gate.list_id, "g-1043", operator=operator)
    assert undone.case_ref == "G-1043" and undone.status_restored
    assert crossing.gate_counts(db, gate.list_id).checked_in == 0
    assert persons.find_person(db, "G-1043").status != Status.CROSSED.value


def test_two_case_references_differing_only_in_case_are_not_guessed_between(db: Database, operator: str) -> None:
    gate = make_gate(db, operator)
    persons.create_person(db, {"surname": "Иванов", "given_names": "Иван", "case_ref": "g-1042x"}, operator=operator)
    persons.create_person(db, {"surname": "Иванова", "given_names": "Мария", "case_ref": "G-1042X"},
                          operator=operator)
    result = crossing.scan(db, gate.list_id, "g-1042X", operator=operator)
    assert not result.accepted and result.refusal is crossing.Refusal.UNKNOWN_CODE


@pytest.mark.parametrize("text", ["{name}, bus at {time:HH:MM}", "{name!r}: {date}", "{date:>999999999}",
                                  "{meeting_point!s:^40}"])
def test_a_template_formatting_its_fields_is_refused_when_saved(db: Database, operator: str, text: str) -> None:
    with pytest.raises(ValidationError, match="write each field as its name alone"):
        check_template(text)
    with pytest.raises(ValidationError):
        save_template(db, "bus", "en", text, operator=operator)


def test_a_template_with_escaped_braces_still_fills(db: Database, operator: str) -> None:
    gate = make_gate(db, operator)
    template = save_template(db, "bus", "en", "{{gate}} {name} at {time}", operator=operator)
    plan = crossing.notify_plan(db, crossing.NotifyGroup(list_id=gate.list_id, approved_only=True), template,
                                NotifyFields(time="07:00"))
    assert plan.recipients and all(r.message.startswith("{gate} ") for r in plan.recipients)


def test_the_call_sheet_keeps_the_template_s_line_breaks_and_escapes_markup(
        db: Database, operator: str, tmp_path: Path, qapp: object) -> None:
    gate = make_gate(db, operator)
    template = save_template(db, "lines", "en", "Dear {name}\nBUS {time} <b>&</b>\nCASE {case_ref}",
                             operator=operator)
    plan = crossing.notify_plan(db, crossing.NotifyGroup(list_id=gate.list_id, approved_only=True), template,
                                NotifyFields(time="07:00"))
    sheet = tmp_path / "calls.pdf"
    sheet.write_bytes(call_sheet_pdf(plan))
    text = subprocess.run(["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    assert any(line.endswith("BUS 07:00 <b>&</b>") for line in lines), text
    assert any(line.endswith("CASE G-1042") for line in lines), text


@pytest.mark.parametrize("stopped", [Status.DECLINED, Status.ON_HOLD])
@pytest.mark.parametrize("crossed", [False, True])
def test_approved_on_the_list_then_stopped_on_the_roster_is_refused_at_the_gate(
        db: Database, operator: str, stopped: Status, crossed: bool) -> None:
    gate = make_gate(db, operator)
    status.change_status(db, persons.find_person(db, gate.mother).id, stopped, operator=operator)
    result = crossing.scan(db, gate.list_id, gate_code(gate.mother), operator=operator, crossed=crossed)
    assert not result.accepted and result.refusal is crossing.Refusal.STOPPED
    assert "may not go through" in str(result.message)
    assert crossing.gate_counts(db, gate.list_id).checked_in == 0
    assert crossing.scan(db, gate.list_id, gate.son, operator=operator, crossed=crossed).accepted  # the son goes
