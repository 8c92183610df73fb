"""Undoing a status change (audited, refused when the status moved on) and editing partners."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.errors import DuplicateValue, EditConflict, ValidationError
from desktop_app.domain.partners import OrgKind
from desktop_app.domain.status import Status
from desktop_app.services import audit, partners, persons, status, undo
from desktop_app.storage.db import Database


def _approved(db: Database, operator: str) -> int:
    pid = persons.create_person(db, {"surname": "Петров", "given_names": "Иван"}, operator=operator).id
    for step in (Status.VERIFIED, Status.SUBMITTED, Status.APPROVED):
        status.change_status(db, pid, step, operator=operator)
    return pid


def test_revert_goes_back_where_the_workflow_would_refuse(db: Database, operator: str) -> None:
    pid = _approved(db, operator)
    reverted = undo.revert_status(db, pid, Status.SUBMITTED, expected_current=Status.APPROVED, operator=operator)
    assert (reverted.from_status, reverted.to_status) == ("approved", "submitted")
    assert persons.get_person(db, pid).status == "submitted"
    last = status.history(db, pid)[-1]
    assert (last.from_status, last.to_status) == ("approved", "submitted") and last.reason.startswith("undo")
    entry = audit.browse(db, audit.AuditFilter(action="status"))[0]
    assert entry.changes["status"] == ["approved", "submitted"] and entry.operator == operator
    assert audit.verify_chain(db).first_bad_id is None


def test_revert_refused_when_someone_moved_the_status_on(db: Database, operator: str) -> None:
    pid = _approved(db, operator)
    status.change_status(db, pid, Status.CROSSED, operator="colleague")
    with pytest.raises(EditConflict, match="now crossed"):
        undo.revert_status(db, pid, Status.SUBMITTED, expected_current=Status.APPROVED, operator=operator)
    assert persons.get_person(db, pid).status == "crossed"
    with pytest.raises(ValidationError, match="merging"):
        undo.revert_status(db, pid, Status.MERGED, expected_current=Status.CROSSED, operator=operator)


def test_undo_last_change_and_the_cli(db: Database, db_path: Path, operator: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    pid = _approved(db, operator)
    case_ref = persons.get_person(db, pid).case_ref
    db.close()
    assert main(["--db", str(db_path), "--operator", "cli.tester", "status-undo", case_ref]) == 0
    assert "approved -> submitted (undone)" in capsys.readouterr().out
    # The most recent change is now the undo itself: undoing again puts the approval back.
    assert main(["--db", str(db_path), "--operator", "cli.tester", "status-undo", case_ref]) == 0
    assert "submitted -> approved (undone)" in capsys.readouterr().out


def test_undo_with_no_earlier_status_is_refused(db: Database, operator: str) -> None:
    pid = persons.create_person(db, {"surname": "Петров"}, operator=operator).id
    with pytest.raises(ValidationError, match="no earlier status"):
        undo.undo_last_status_change(db, pid, operator=operator)


def test_edit_organization_and_contact(db: Database, operator: str) -> None:
    cogat = partners.create_organization(db, "COGAT", OrgKind.BORDER_AUTHORITY, operator=operator, country="ISR")
    partners.create_organization(db, "ICRC", OrgKind.INTERNATIONAL_ORGANIZATION, operator=operator)
    changed = partners.update_organization(db, cogat.id, operator=operator, name="COGAT Erez", country="",
                                           notes="night shift")
    assert (changed.name, changed.country, changed.notes) == ("COGAT Erez", None, "night shift")
    with pytest.raises(DuplicateValue):
        partners.update_organization(db, cogat.id, operator=operator, name="ICRC")
    contact = partners.add_contact(db, cogat.id, "Yael Cohen", operator=operator)
    edited = partners.update_contact(db, contact.id, operator=operator, position="Liaison officer",
                                     phones=["+972 50 555 1234"], emails=["y@example.org"])
    assert edited.phones == ["+972505551234"] and edited.position == "Liaison officer"
    with pytest.raises(ValidationError):
        partners.update_contact(db, contact.id, operator=operator, phones=["12"])
    trail = audit.browse(db, audit.AuditFilter(entity="contact"))
    assert trail[0].action == "update" and "+972" not in str(trail[0].changes)  # no personal data in the trail
    assert audit.browse(db, audit.AuditFilter(entity="organization"))[0].changes["name"] == ["COGAT", "COGAT Erez"]


def test_partner_edits_from_the_cli(db: Database, db_path: Path, operator: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    cogat = partners.create_organization(db, "COGAT", OrgKind.BORDER_AUTHORITY, operator=operator)
    partners.add_contact(db, cogat.id, "Yael Cohen", operator=operator)
    db.close()
    base = ["--db", str(db_path), "--operator", "cli.tester"]
    assert main([*base, "partner-edit", "COGAT", "--country", "EGY", "--kind", "ministry"]) == 0
    assert main([*base, "contact-edit", "COGAT", "yael cohen", "--position", "Senior liaison"]) == 0
    assert main([*base, "contact-edit", "COGAT", "Nobody"]) == 1
    out, err = capsys.readouterr()
    assert "COGAT (ministry, EGY)" in out and "Senior liaison" in out and "Nobody" in err
