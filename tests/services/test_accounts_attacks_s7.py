"""Breaker X20 (session 7), issue 20: reads a volunteer may make (SEARCH) that carried what the role
may not read, the medical need and the notes.

Each test replays the steps that reached the notes before its fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.errors import DuplicateValue
from desktop_app.domain.export_profile import full_roster_profile
from desktop_app.domain.roles import Role
from desktop_app.services import accounts, persons
from desktop_app.services.duplicates import merge_comparison
from desktop_app.services.exporting import Selection, manifest_rows, preview
from desktop_app.services.exporting.selection import person_records
from desktop_app.storage.db import Database, open_database

PINS = {Role.HEAD: "4711-consul", Role.VOLUNTEER: "1234-hotline"}
NAMES = {Role.HEAD: "A. Consul", Role.VOLUNTEER: "V. Hotline"}
SECRET = "insulin twice a day, diabetes"


@pytest.fixture
def roster(tmp_path: Path) -> tuple[Database, int, int]:
    """A roster with a head and a volunteer, and two look-alike persons, one with a medical need and notes."""
    db = open_database(tmp_path / "roster.db")
    accounts.add_account(db, NAMES[Role.HEAD], Role.HEAD, PINS[Role.HEAD], operator="setup")
    accounts.sign_in(db, accounts.authenticate(db, NAMES[Role.HEAD], PINS[Role.HEAD]))
    accounts.add_account(db, NAMES[Role.VOLUNTEER], Role.VOLUNTEER, PINS[Role.VOLUNTEER], operator="setup")
    ill = persons.create_person(db, {"surname": "Иванова", "given_names": "Анна", "medical": "yes",
                                     "notes": SECRET}, operator="setup")
    twin = persons.create_person(db, {"surname": "Иванова", "given_names": "Анна", "notes": "second " + SECRET},
                                 operator="setup")
    return db, ill.id, twin.id


def _as(db: Database, role: Role) -> None:
    accounts.sign_in(db, accounts.authenticate(db, NAMES[role], PINS[role]))


def test_an_export_preview_and_manifest_withhold_notes_and_medical_need_from_a_volunteer(
        roster: tuple[Database, int, int]) -> None:
    db, ill, _ = roster
    profile = full_roster_profile()
    _as(db, Role.HEAD)
    shown = preview(db, Selection(person_ids=(ill,)), profile)
    medical = shown.headers.index("Medical needs")
    assert any(SECRET in cell for row in shown.rows for cell in row)  # the head reads them
    head_medical = {row[medical] for row in shown.rows}
    _as(db, Role.VOLUNTEER)  # the volunteer may search, so the preview is open: its cells were not
    shown = preview(db, Selection(person_ids=(ill,)), profile)
    assert not any(SECRET in cell for row in shown.rows for cell in row)
    assert {row[medical] for row in shown.rows} == {""} != head_medical
    printed = manifest_rows(db, Selection(person_ids=(ill,)), profile)
    assert SECRET not in repr(printed)
    record = next(person_records(db, [(ill, None)]))
    assert record["notes"] == "" and record["medical"] is None


def test_the_merge_comparison_shows_a_volunteer_no_notes_nor_medical_need(roster: tuple[Database, int, int]) -> None:
    db, ill, twin = roster
    _as(db, Role.HEAD)
    assert {"medical", "notes"} <= {choice.key for choice in merge_comparison(db, ill, twin)}
    _as(db, Role.VOLUNTEER)
    choices = merge_comparison(db, ill, twin)
    assert SECRET not in repr(choices)
    assert not {"medical", "notes"} & {choice.key for choice in choices}
    assert {"surname", "given_names"} <= {choice.key for choice in choices}


@pytest.mark.parametrize("typed", ["١٢٣٤-hotline", "۱۲۳۴-hotline", "１２３４-hotline"])
def test_a_pin_typed_on_an_arabic_persian_or_fullwidth_keyboard_signs_in(typed: str, tmp_path: Path) -> None:
    """Replay: the head sets the volunteer's PIN 1234-hotline; the volunteer types it on an Arabic
    (Eastern digits) keyboard at the hotline desk: refused as a wrong PIN, and five tries locked them out."""
    db = open_database(tmp_path / "roster.db")
    accounts.add_account(db, NAMES[Role.HEAD], Role.HEAD, PINS[Role.HEAD], operator="setup")
    accounts.sign_in(db, accounts.authenticate(db, NAMES[Role.HEAD], PINS[Role.HEAD]))
    accounts.add_account(db, NAMES[Role.VOLUNTEER], Role.VOLUNTEER, PINS[Role.VOLUNTEER], operator="setup")
    assert accounts.authenticate(db, NAMES[Role.VOLUNTEER], typed).name == NAMES[Role.VOLUNTEER]
    with pytest.raises(accounts.SignInRefused):
        accounts.authenticate(db, NAMES[Role.VOLUNTEER], typed.replace("-hotline", "-hotlinx"))


def test_a_pin_hashed_as_typed_before_digits_were_folded_still_signs_in(tmp_path: Path) -> None:
    """A roster whose PIN was hashed from its Eastern digits as typed (before `pin_form`) keeps working,
    and its hash is brought to the folded form, so the same PIN in ASCII digits signs in after."""
    import hashlib
    import json

    from sqlalchemy import update

    from desktop_app.storage.models import Account

    db = open_database(tmp_path / "roster.db")
    accounts.add_account(db, NAMES[Role.HEAD], Role.HEAD, "١٢٣٤٥", operator="setup")
    with db.transaction() as session:
        row = session.query(Account).one()
        params = json.loads(row.pin_params)
        old = hashlib.scrypt("١٢٣٤٥".encode(), salt=bytes.fromhex(row.pin_salt), n=params["n"], r=params["r"],
                             p=params["p"], dklen=params["dklen"], maxmem=params["n"] * params["r"] * 256)
        session.execute(update(Account).values(pin_hash=old.hex()))
    with pytest.raises(accounts.SignInRefused):
        accounts.authenticate(db, NAMES[Role.HEAD], "12345")  # the old hash knows only the digits as typed
    assert accounts.authenticate(db, NAMES[Role.HEAD], "١٢٣٤٥").name == NAMES[Role.HEAD]
    assert accounts.authenticate(db, NAMES[Role.HEAD], "12345").name == NAMES[Role.HEAD]


def test_the_command_line_reads_no_person_with_nobody_signed_in_on_a_roster_with_accounts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Replay: `mission-roster search`, `audit`, `trash`, `followups`, `partner list` without --user on a
    roster with accounts printed every name, birth date, passport, phone and the liaison log."""
    from desktop_app.cli import main

    path = tmp_path / "roster.db"
    pin = tmp_path / "head.pin"
    pin.write_text(PINS[Role.HEAD] + "\r\n", encoding="utf-8-sig")  # as Notepad saves it: a BOM, CRLF
    assert main(["--db", str(path), "person", "add", "--surname", "Иванова", "--given", "Анна"]) == 0
    assert main(["--db", str(path), "users", "add", NAMES[Role.HEAD], "--role", "head", "--pin-file", str(pin)]) == 0
    capsys.readouterr()
    for command in (["search", "Иван"], ["audit"], ["trash"], ["followups"], ["partner", "list"]):
        assert main(["--db", str(path), *command]) == 1, command
        out, err = capsys.readouterr()
        assert "nobody is signed in" in err and "Иванова" not in out, command
    assert main(["--db", str(path), "--user", NAMES[Role.HEAD], "--pin-file", str(pin), "search", "Иван"]) == 0
    assert "Иванова" in capsys.readouterr().out


def test_an_account_disabled_while_its_window_is_open_is_refused_its_next_write_saying_so(tmp_path: Path) -> None:
    """Replay: the volunteer works in one window (one open roster), the head disables the account in
    another; the volunteer's next registration is refused, and the refusal said nobody was signed in."""
    path = tmp_path / "roster.db"
    head = open_database(path)
    accounts.add_account(head, NAMES[Role.HEAD], Role.HEAD, PINS[Role.HEAD], operator="setup")
    accounts.sign_in(head, accounts.authenticate(head, NAMES[Role.HEAD], PINS[Role.HEAD]))
    accounts.add_account(head, NAMES[Role.VOLUNTEER], Role.VOLUNTEER, PINS[Role.VOLUNTEER], operator="setup")
    desk = open_database(path, create=False)
    accounts.sign_in(desk, accounts.authenticate(desk, NAMES[Role.VOLUNTEER], PINS[Role.VOLUNTEER]))
    persons.create_person(desk, {"surname": "Петров"}, operator="typed")
    accounts.disable_account(head, NAMES[Role.VOLUNTEER], operator="setup")
    with pytest.raises(accounts.PermissionRefused) as caught:
        persons.create_person(desk, {"surname": "Сидоров"}, operator="typed")
    assert f"the account {NAMES[Role.VOLUNTEER]} is disabled" in str(caught.value)
    assert "nobody is signed in" not in str(caught.value)
    desk.close()


def test_an_account_name_differing_only_by_an_invisible_character_is_refused(roster: tuple[Database, int, int]) -> None:
    """Replay: 'A.\\u200b Consul' (a zero-width space) was added beside 'A. Consul' and read the same in
    the sign-in list and the audit trail."""
    db, _, _ = roster
    _as(db, Role.HEAD)
    for twin in ("A.\u200b Consul", "A. Con\u200dsul", "\u200eA. Consul"):
        with pytest.raises(DuplicateValue):
            accounts.add_account(db, twin, Role.VOLUNTEER, "5555-other", operator="setup")
    persian = "مهدی\u200cزاده"  # a zero-width non-joiner inside a Persian name stays in the name as typed
    assert accounts.add_account(db, persian, Role.VOLUNTEER, "5555-other", operator="setup").name == persian
