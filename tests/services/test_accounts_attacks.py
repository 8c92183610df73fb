"""Attacks on accounts and roles (issue 20), each replaying a defect a breaker found.

- An account named in Cyrillic could neither sign in nor be managed: SQLite's lower() folds ASCII only.
- With nobody signed in, a refusal was audited under the typed --operator (a forged head's name), and a
  failed sign-in under the name that was typed: both are unauthenticated, the trail must say so.
- A PIN file whose first line ends in a space or a tab (a hurried edit) counted as a wrong PIN towards lock-out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.domain.errors import DuplicateValue
from desktop_app.domain.roles import Permission, Role
from desktop_app.services import accounts, persons
from desktop_app.services.accounts import PermissionRefused, SignInRefused
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import Account, AuditEntry

pytest_plugins = ["tests.helpers.postgres"]

HEAD_PIN = "4711-consul"


def _head(db: Database, name: str = "A. Consul") -> accounts.AccountView:
    accounts.add_account(db, name, Role.HEAD, HEAD_PIN, operator="typed name")
    head = accounts.authenticate(db, name, HEAD_PIN)
    accounts.sign_in(db, head)
    return head


def _last(db: Database, action: str) -> AuditEntry:
    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                .order_by(AuditEntry.id.desc()).limit(1)).one()
        session.expunge(entry)
        return entry


def test_an_account_named_in_cyrillic_signs_in_and_is_managed_in_any_case(db: Database) -> None:
    _head(db, "Анна Консул")
    accounts.add_account(db, "Иван Петров", Role.OFFICER, "2222-duty", operator="x")
    assert accounts.authenticate(db, "Иван Петров", "2222-duty").name == "Иван Петров"
    assert accounts.authenticate(db, "иван  ПЕТРОВ", "2222-duty").name == "Иван Петров"
    assert accounts.change_role(db, "иван петров", Role.VOLUNTEER, operator="x").role is Role.VOLUNTEER
    with pytest.raises(DuplicateValue):
        accounts.add_account(db, "ИВАН ПЕТРОВ", Role.OFFICER, "3333", operator="x")
    # the last head cannot be demoted by spelling their name in another case either
    with pytest.raises(Exception, match="last active head"):
        accounts.change_role(db, "АННА КОНСУЛ", Role.OFFICER, operator="x")
    with db.reading() as session:
        assert [row.role for row in session.scalars(select(Account).order_by(Account.id))] == ["head", "volunteer"]


def test_a_refusal_with_nobody_signed_in_never_names_the_typed_operator(db: Database) -> None:
    _head(db)
    accounts.sign_in(db, None)
    db.holder = "A. Consul"  # what `--operator "A. Consul"` sets: a real head's name, typed by anyone
    with pytest.raises(PermissionRefused, match="nobody is signed in"):
        persons.create_person(db, {"surname": "Иванов"}, operator="A. Consul")
    refusal = _last(db, "refused")
    assert refusal.operator == accounts.NOT_SIGNED_IN and refusal.entity_key == Permission.REGISTER.value


def test_a_failed_sign_in_is_audited_as_not_signed_in_naming_the_account_tried(db: Database) -> None:
    _head(db)
    with pytest.raises(SignInRefused):
        accounts.authenticate(db, "A. Consul", "0000")
    refused = _last(db, "sign_in_refused")
    assert refused.operator == accounts.NOT_SIGNED_IN and refused.entity_key == "A. Consul"
    with pytest.raises(SignInRefused):
        accounts.authenticate(db, "The head approved this", "0000")
    assert _last(db, "sign_in_refused").operator == accounts.NOT_SIGNED_IN


def test_the_command_line_does_not_audit_a_forged_operator_on_a_roster_with_accounts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.db"
    pin = tmp_path / "head.pin"
    pin.write_text(HEAD_PIN + "\n", encoding="utf-8")
    assert main(["--db", str(path), "users", "add", "A. Consul", "--role", "head", "--pin-file", str(pin)]) == 0
    assert main(["--db", str(path), "--operator", "FORGED", "export", str(tmp_path / "out.xlsx")]) == 1
    assert main(["--db", str(path), "--operator", "FORGED", "person", "add", "--surname", "X"]) != 0
    assert not (tmp_path / "out.xlsx").exists()
    roster = open_database(path, create=False)
    try:
        with roster.reading() as session:
            operators = set(session.scalars(select(AuditEntry.operator)))
    finally:
        roster.close()
    capsys.readouterr()
    assert "FORGED" not in operators and accounts.NOT_SIGNED_IN in operators


@pytest.mark.parametrize("content", ["4711-consul \n", "4711-consul\t\r\n", "\ufeff4711-consul  \r\n"],
                         ids=["space", "tab-crlf", "bom-spaces"])
def test_a_pin_file_with_blanks_after_the_pin_signs_in_and_counts_no_failure(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    path = tmp_path / "r.db"
    pin, sloppy = tmp_path / "head.pin", tmp_path / "sloppy.pin"
    pin.write_text(HEAD_PIN + "\n", encoding="utf-8")
    sloppy.write_text(content, encoding="utf-8")
    assert main(["--db", str(path), "users", "add", "A. Consul", "--role", "head", "--pin-file", str(pin)]) == 0
    assert main(["--db", str(path), "--user", "A. Consul", "--pin-file", str(sloppy), "users", "list"]) == 0
    roster = open_database(path, create=False)
    try:
        with roster.reading() as session:
            assert session.scalars(select(Account.failed_attempts)).one() == 0
    finally:
        roster.close()
    capsys.readouterr()


def test_a_pin_file_of_blanks_only_is_refused_as_empty_without_a_try(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.db"
    pin, blank = tmp_path / "head.pin", tmp_path / "blank.pin"
    pin.write_text(HEAD_PIN + "\n", encoding="utf-8")
    blank.write_text("   \r\n4711-consul\n", encoding="utf-8")
    assert main(["--db", str(path), "users", "add", "A. Consul", "--role", "head", "--pin-file", str(pin)]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "--user", "A. Consul", "--pin-file", str(blank), "users", "list"]) == 1
    assert "PIN file is empty" in capsys.readouterr().err


@pytest.mark.parametrize("who", ["volunteer", "nobody"])
def test_move_to_server_of_a_roster_with_accounts_is_refused_before_any_connection(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], who: str) -> None:
    path = tmp_path / "r.db"
    pin, vol = tmp_path / "head.pin", tmp_path / "vol.pin"
    pin.write_text(HEAD_PIN + "\n", encoding="utf-8")
    vol.write_text("1234-hotline\n", encoding="utf-8")
    assert main(["--db", str(path), "users", "add", "A. Consul", "--role", "head", "--pin-file", str(pin)]) == 0
    assert main(["--db", str(path), "--user", "A. Consul", "--pin-file", str(pin), "users", "add", "V. Hotline",
                 "--role", "volunteer", "--pin-file", str(vol)]) == 0
    capsys.readouterr()
    sign_in = ["--user", "V. Hotline", "--pin-file", str(vol)] if who == "volunteer" else ["--operator", "A. Consul"]
    code = main(["--db", str(path), *sign_in, "move-to-server", "postgresql://nobody@127.0.0.1:9/none"])
    err = capsys.readouterr().err
    assert code == 1 and "Refused" in err and "mission settings" in err and "connect" not in err


def test_the_head_moves_a_roster_with_accounts_and_the_move_names_the_head(
        tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.db"
    pin = tmp_path / "head.pin"
    pin.write_text(HEAD_PIN + "\n", encoding="utf-8")
    assert main(["--db", str(path), "users", "add", "A. Consul", "--role", "head", "--pin-file", str(pin)]) == 0
    assert main(["--db", str(path), "--operator", "FORGED", "--user", "A. Consul", "--pin-file", str(pin),
                 "move-to-server", postgres_url]) == 0
    assert "verifies on the server" in capsys.readouterr().out
    server = open_database(postgres_url)
    try:
        with server.reading() as session:
            operators = set(session.scalars(select(AuditEntry.operator)))
    finally:
        server.close()
    assert "A. Consul" in operators and "FORGED" not in operators


def test_the_window_shows_no_first_page_of_a_roster_with_accounts_before_anyone_signs_in(db: Database) -> None:
    from desktop_app.services.roster_rows import RosterQuery, first_page

    persons.create_person(db, {"surname": "Иванов", "medical": True}, operator="x")
    target = str(db.target.path)  # type: ignore[union-attr]
    page = first_page(target, RosterQuery(), 50)
    assert page is not None and page.count == 1  # a roster without accounts: read at once, as before
    _head(db)
    assert first_page(target, RosterQuery(), 50) is None  # names and medical flags wait for the sign-in


def test_restoring_a_backup_keeps_the_accounts_as_they_are_now(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, folder = tmp_path / "r.db", tmp_path / "bk"
    folder.mkdir()
    pin, vol = tmp_path / "head.pin", tmp_path / "vol.pin"
    pin.write_text(HEAD_PIN + "\n", encoding="utf-8")
    vol.write_text("1234-hotline\n", encoding="utf-8")
    head = ["--db", str(path), "--user", "A. Consul", "--pin-file", str(pin)]
    assert main(["--db", str(path), "demo", "--households", "3"]) == 0
    assert main(["--db", str(path), "backup", str(folder)]) == 0  # before the roster had accounts
    assert main(["--db", str(path), "users", "add", "A. Consul", "--role", "head", "--pin-file", str(pin)]) == 0
    assert main([*head, "users", "add", "V. Hotline", "--role", "volunteer", "--pin-file", str(vol)]) == 0
    assert main([*head, "backup", str(folder)]) == 0  # the volunteer still active in this one
    assert main([*head, "users", "disable", "V. Hotline"]) == 0
    oldest, newer = sorted(folder.glob("*.db"))
    assert main([*head, "restore", str(oldest)]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "--operator", "anyone", "export", str(tmp_path / "all.xlsx")]) == 1
    assert "nobody is signed in" in capsys.readouterr().err and not (tmp_path / "all.xlsx").exists()
    assert main([*head, "restore", str(newer)]) == 0
    roster = open_database(path, create=False)
    try:
        with roster.reading() as session:
            assert set(session.execute(select(Account.name, Account.disabled))) == {("A. Consul", False),
                                                                                   ("V. Hotline", True)}
    finally:
        roster.close()
    capsys.readouterr()
