"""Accounts (issue 20): the first head, PINs as scrypt hashes, lock-out, roles and disabling, audited refusals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.domain.errors import DuplicateValue, ValidationError
from desktop_app.domain.roles import Permission, Role
from desktop_app.services import accounts, audit, persons
from desktop_app.services.accounts import PermissionRefused, SignInRefused
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.storage.models import Account, AuditEntry

HEAD_PIN = "4711-consul"


def _head(db: Database) -> accounts.AccountView:
    accounts.add_account(db, "A. Consul", Role.HEAD, HEAD_PIN, operator="typed name")
    head = accounts.authenticate(db, "A. Consul", HEAD_PIN)
    accounts.sign_in(db, head)
    return head


def _entries(db: Database, action: str) -> list[AuditEntry]:
    with db.reading() as session:
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))
        session.expunge_all()
        return entries


def test_a_roster_without_accounts_works_as_before(db: Database) -> None:
    assert not accounts.has_accounts(db)
    assert accounts.require(db, Permission.RETENTION) is None
    person = persons.create_person(db, {"surname": "Иванов"}, operator="typed name")
    assert person.created_by == "typed name"


def test_the_first_account_must_be_a_head_and_anyone_may_make_it(db: Database) -> None:
    with pytest.raises(ValidationError, match="first account: the first is the head"):
        accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234", operator="x")
    assert not accounts.has_accounts(db)
    head = accounts.add_account(db, "A. Consul", Role.HEAD, HEAD_PIN, operator="whoever")
    assert head.role is Role.HEAD and head.created_by == "A. Consul"


def test_the_pin_is_kept_only_as_a_salted_scrypt_hash(db: Database) -> None:
    _head(db)
    accounts.add_account(db, "B. Officer", Role.OFFICER, HEAD_PIN, operator="x")
    with db.reading() as session:
        rows = [(row.pin_salt, row.pin_hash, row.pin_params) for row in session.scalars(select(Account))]
    assert len({salt for salt, _, _ in rows}) == 2 and len({pin_hash for _, pin_hash, _ in rows}) == 2
    for _, pin_hash, params in rows:
        assert HEAD_PIN not in pin_hash and json.loads(params)["n"] >= 2 ** 14
    assert HEAD_PIN not in db.target.path.read_bytes().decode("latin-1")  # type: ignore[union-attr]


def test_once_accounts_exist_nobody_signed_in_is_refused_and_audited(db: Database) -> None:
    _head(db)
    accounts.sign_in(db, None)
    with pytest.raises(PermissionRefused, match="nobody is signed in"):
        persons.create_person(db, {"surname": "Иванов"}, operator="typed name")
    assert _entries(db, "refused")[-1].entity_key == Permission.REGISTER.value


def test_only_the_head_adds_accounts_and_the_refusal_names_role_and_permission(db: Database) -> None:
    _head(db)
    accounts.add_account(db, "B. Officer", Role.OFFICER, "2222", operator="x")
    accounts.sign_in(db, accounts.authenticate(db, "B. Officer", "2222"))
    with pytest.raises(PermissionRefused) as caught:
        accounts.add_account(db, "C. Friend", Role.HEAD, "3333", operator="B. Officer")
    assert "B. Officer (officer) has no permission" in str(caught.value) and "accounts" in str(caught.value)
    assert caught.value.role is Role.OFFICER and caught.value.permission is Permission.ACCOUNTS
    refusal = _entries(db, "refused")[-1]
    assert refusal.operator == "B. Officer" and json.loads(refusal.changes)["role"] == "officer"
    assert [name for name, _role in accounts.account_names(db)] == ["A. Consul", "B. Officer"]


def test_the_audit_trail_names_the_account_never_the_typed_name(db: Database) -> None:
    _head(db)
    person = persons.create_person(db, {"surname": "Иванов"}, operator="somebody typed this")
    assert person.created_by == "A. Consul"
    assert {e.operator for e in audit.browse(db, audit.AuditFilter())} <= {"A. Consul"}


def test_five_wrong_pins_lock_the_account_for_five_minutes_and_each_refusal_is_audited(db: Database) -> None:
    _head(db)
    accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234", operator="x")
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(SignInRefused, match=r"no account 'V\. Hotline' with this PIN"):
            accounts.authenticate(db, "V. Hotline", "9999")
    with pytest.raises(SignInRefused, match="locked for 5 more minute"):  # the PIN that locks it says so
        accounts.authenticate(db, "V. Hotline", "9999")
    with pytest.raises(SignInRefused, match="locked"):
        accounts.authenticate(db, "V. Hotline", "1234")  # the right PIN, but locked
    later = accounts.list_accounts(db)[1].locked_until
    assert later is not None
    assert accounts.authenticate(db, "V. Hotline", "1234", now=later + dt.timedelta(seconds=1)).name == "V. Hotline"
    assert len(_entries(db, "sign_in_refused")) == accounts.MAX_FAILURES + 1
    with pytest.raises(SignInRefused, match="no account 'Nobody'"):
        accounts.authenticate(db, "Nobody", "1234")


def test_a_disabled_account_cannot_sign_in_nor_act_and_the_last_head_stays(db: Database) -> None:
    _head(db)
    accounts.add_account(db, "B. Officer", Role.OFFICER, "2222", operator="x")
    officer = accounts.authenticate(db, "B. Officer", "2222")
    accounts.disable_account(db, "B. Officer", operator="x")
    with pytest.raises(SignInRefused, match="disabled"):
        accounts.authenticate(db, "B. Officer", "2222")
    with pytest.raises(ValidationError, match="last active head"):
        accounts.disable_account(db, "A. Consul", operator="x")
    with pytest.raises(ValidationError, match="last active head"):
        accounts.change_role(db, "A. Consul", Role.OFFICER, operator="x")
    accounts.sign_in(db, officer)  # signed in before the head disabled it: refused from now on
    with pytest.raises(PermissionRefused):
        persons.create_person(db, {"surname": "Иванов"}, operator="x")


def test_a_role_change_applies_at_the_next_call(db: Database) -> None:
    head = _head(db)
    accounts.add_account(db, "B. Officer", Role.OFFICER, "2222", operator="x")
    officer = accounts.authenticate(db, "B. Officer", "2222")
    accounts.change_role(db, "B. Officer", Role.VOLUNTEER, operator="x")
    accounts.sign_in(db, officer)
    assert not accounts.may(db, Permission.EXPORT) and accounts.may(db, Permission.REGISTER)
    accounts.sign_in(db, head)
    with pytest.raises(DuplicateValue):
        accounts.add_account(db, "b. officer", Role.OFFICER, "2222", operator="x")


def test_a_volunteer_reads_no_medical_need_nor_notes_and_cannot_write_them(db: Database) -> None:
    _head(db)
    person = persons.create_person(db, {"surname": "Иванова", "medical": True, "notes": "insulin twice a day"},
                                   operator="x")
    accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234", operator="x")
    accounts.sign_in(db, accounts.authenticate(db, "V. Hotline", "1234"))
    seen = persons.get_person(db, person.id)
    assert (seen.medical, seen.notes, seen.withheld) == (False, "", True)
    assert persons.find_person(db, person.case_ref).notes == ""
    edited = persons.update_person(db, person.id, {"locality": "Rafah"}, operator="x")
    assert edited.notes == ""
    with pytest.raises(PermissionRefused, match="notes"):
        persons.update_person(db, person.id, {"notes": "nothing"}, operator="x")
    accounts.sign_in(db, None)
    assert not accounts.may(db, Permission.READ_NOTES)


def test_the_workspace_signs_in_and_keeps_the_account_on_a_reopened_roster(db_path: object) -> None:
    workspace = Workspace.open(db_path, operator="typed")  # type: ignore[arg-type]
    try:
        accounts.add_account(workspace.db, "A. Consul", Role.HEAD, HEAD_PIN, operator="typed")
        with pytest.raises(SignInRefused):
            workspace.sign_in("A. Consul", "wrong")
        assert workspace.account is None and workspace.operator == "typed"
        workspace.sign_in("a. consul", HEAD_PIN)
        assert workspace.operator == "A. Consul"
        workspace.replace_database(workspace.db.reopen())
        assert workspace.account is not None and workspace.account.name == "A. Consul"
        accounts.require(workspace, Permission.RETENTION)
        other = Path(str(db_path)).with_name("other.db")
        workspace.replace_database(Workspace.open(other, operator="x").db)
        assert workspace.account is None  # another roster: its own accounts, its own sign-in
    finally:
        workspace.close()


def test_the_roster_table_shows_a_volunteer_no_medical_flag(db: Database) -> None:
    from desktop_app.services import roster

    _head(db)
    person = persons.create_person(db, {"surname": "Иванова", "medical": True}, operator="x")
    assert roster.fetch_rows(db, [person.id])[person.id].medical
    accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234", operator="x")
    accounts.sign_in(db, accounts.authenticate(db, "V. Hotline", "1234"))
    assert not roster.fetch_rows(db, [person.id])[person.id].medical


def test_the_audit_trail_shows_a_volunteer_no_old_or_new_notes(db: Database) -> None:
    _head(db)
    person = persons.create_person(db, {"surname": "Иванова"}, operator="x")
    persons.update_person(db, person.id, {"notes": "insulin twice a day"}, operator="x")
    assert any("insulin" in json.dumps(e.changes, ensure_ascii=False) for e in audit.browse(db))
    accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234", operator="x")
    accounts.sign_in(db, accounts.authenticate(db, "V. Hotline", "1234"))
    seen = audit.browse(db)
    assert not any("insulin" in json.dumps(e.changes, ensure_ascii=False) for e in seen)
    assert any(e.changes.get("notes") == audit.WITHHELD for e in seen)
