"""Attacks on accounts and roles at the services (issue 20, breaker X20, session 8).

A head of mission in another process (a real `mission-roster` subprocess) disables or demotes an
officer whose roster is open here: the officer's next call is judged by the account as it stands now.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.domain.roles import Permission, Role
from desktop_app.services import accounts, persons
from desktop_app.services.accounts import PermissionRefused
from desktop_app.storage.db import Database, open_database


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.db"
    db = open_database(path)
    try:
        accounts.add_account(db, "A. Consul", Role.HEAD, "4711", operator="setup")
        accounts.sign_in(db, accounts.authenticate(db, "A. Consul", "4711"))
        accounts.add_account(db, "B. Duty", Role.OFFICER, "2222", operator="setup")
    finally:
        db.close()
    (tmp_path / "head.pin").write_text("4711\n", encoding="utf-8")
    return path


def _as_head_elsewhere(roster: Path, *args: str) -> None:
    """A `mission-roster` command run by the head of mission in another process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(roster), "--user", "A. Consul",
                           "--pin-file", str(roster.parent / "head.pin"), *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def _officer(roster: Path) -> Database:
    db = open_database(roster, create=False)
    accounts.sign_in(db, accounts.authenticate(db, "B. Duty", "2222"))
    return db


def test_an_account_disabled_in_another_process_is_refused_its_next_write(roster: Path) -> None:
    db = _officer(roster)
    try:
        persons.create_person(db, {"surname": "Иванова"}, operator="B. Duty")
        _as_head_elsewhere(roster, "users", "disable", "B. Duty")
        with pytest.raises(PermissionRefused) as caught:
            persons.create_person(db, {"surname": "Петрова"}, operator="B. Duty")
        assert "disabled" in str(caught.value)
        assert not accounts.may(db, Permission.REGISTER)
        with pytest.raises(PermissionRefused):
            persons.find_person(db, "Иванова")
    finally:
        db.close()


def test_an_officer_demoted_in_another_process_no_longer_reads_the_notes(roster: Path) -> None:
    db = _officer(roster)
    try:
        person = persons.create_person(db, {"surname": "Иванова", "medical": True, "notes": "insulin"},
                                       operator="B. Duty")
        assert persons.get_person(db, person.id).notes == "insulin"
        _as_head_elsewhere(roster, "users", "role", "B. Duty", "volunteer")
        seen = persons.get_person(db, person.id)
        assert "insulin" not in (seen.notes or "") and not seen.medical
        with pytest.raises(PermissionRefused) as caught:
            persons.update_person(db, person.id, {"notes": "none"}, operator="B. Duty")
        assert caught.value.role is Role.VOLUNTEER
    finally:
        db.close()


def test_the_check_on_the_roster_file_does_not_pass_a_volunteer_while_the_file_is_locked(
        roster: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A roster held exclusively by another connection (a restore or a rewrite under way) made the
    file's accounts unreadable, and the check read that as 'no accounts': the volunteer passed."""
    from desktop_app.domain.errors import DatabaseError
    from desktop_app.storage import db as storage

    db = open_database(roster, create=False)
    try:
        accounts.sign_in(db, accounts.authenticate(db, "A. Consul", "4711"))
        accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234", operator="setup")
        volunteer = accounts.authenticate(db, "V. Hotline", "1234")
    finally:
        db.close()
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 200)  # the test waits for the lock a moment, not 10 s
    holder = sqlite3.connect(roster, isolation_level=None)  # another program writing in exclusive mode
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("UPDATE accounts SET failed_attempts = failed_attempts")
    try:
        with pytest.raises(DatabaseError) as caught:
            accounts.require_on_file(roster, None, Permission.ENCRYPTION, volunteer)
        assert "busy" in str(caught.value) or "locked" in str(caught.value) or "in use" in str(caught.value)
    finally:
        holder.close()
    with pytest.raises(PermissionRefused):
        accounts.require_on_file(roster, None, Permission.ENCRYPTION, volunteer)


def test_the_wrong_pin_that_locks_the_account_says_so_and_for_how_long(roster: Path) -> None:
    """The fifth wrong PIN locked the account but said only 'no account with this PIN': the officer typed
    on, each try refused as locked, without knowing the fifth had locked it (issue 20: the lock-out
    message says how long and why)."""
    from desktop_app.services.accounts import SignInRefused

    db = open_database(roster, create=False)
    try:
        messages = []
        for _ in range(accounts.MAX_FAILURES):
            with pytest.raises(SignInRefused) as caught:
                accounts.authenticate(db, "B. Duty", "0000")
            messages.append(str(caught.value))
        assert all("locked" not in message for message in messages[:-1])
        assert "locked" in messages[-1] and "5 more minute" in messages[-1] and "5 wrong PINs" in messages[-1]
    finally:
        db.close()
