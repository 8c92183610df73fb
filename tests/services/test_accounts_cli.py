"""The command line with accounts (issue 20): --user and its PIN, `users ...`, one-line refusals with exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry


def _trail(db: Database) -> list[AuditEntry]:
    """The audit trail's last 100 entries, newest first, read straight from the roster."""
    with db.reading() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(100)))
        session.expunge_all()
        return entries


@pytest.fixture
def pins(tmp_path: Path) -> dict[str, str]:
    files = {}
    for name, pin in (("head", "4711-consul"), ("officer", "2222-duty"), ("volunteer", "1234-hotline")):
        path = tmp_path / f"{name}.pin"
        path.write_text(pin + "\n", encoding="utf-8")
        files[name] = str(path)
    return files


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "--operator", "typed name", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _as(who: str, pins: dict[str, str]) -> list[str]:
    return ["--user", {"head": "A. Consul", "officer": "B. Duty", "volunteer": "V. Hotline"}[who],
            "--pin-file", pins[who]]


def _roster_with_three(capsys: pytest.CaptureFixture[str], db: Path, pins: dict[str, str]) -> None:
    assert _run(capsys, db, "users", "add", "A. Consul", "--role", "head", "--pin-file", pins["head"])[0] == 0
    for who, name in (("officer", "B. Duty"), ("volunteer", "V. Hotline")):
        code, _, err = _run(capsys, db, *_as("head", pins), "users", "add", name, "--role", who,
                            "--pin-file", pins[who])
        assert code == 0, err


def test_the_first_account_is_a_head_made_without_signing_in(tmp_path: Path, pins: dict[str, str],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "roster.db"
    code, _, err = _run(capsys, db, "users", "add", "V. Hotline", "--role", "volunteer", "--pin-file",
                        pins["volunteer"])
    assert code == 1 and err.count("\n") == 1 and "first account" in err
    _roster_with_three(capsys, db, pins)
    code, out, _ = _run(capsys, db, *_as("head", pins), "users", "list", "--json")
    listed = json.loads(out)
    assert [(a["name"], a["role"], a["created_by"]) for a in listed] == [
        ("A. Consul", "head", "A. Consul"), ("B. Duty", "officer", "A. Consul"),
        ("V. Hotline", "volunteer", "A. Consul")]
    assert all("pin" not in key for entry in listed for key in entry)


def test_a_volunteer_registers_but_an_export_is_refused_in_one_line_and_audited(
        tmp_path: Path, pins: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "roster.db"
    _roster_with_three(capsys, db, pins)
    code, _, err = _run(capsys, db, *_as("volunteer", pins), "person", "add", "--surname", "Иванова")
    assert code == 0, err
    code, _, err = _run(capsys, db, *_as("volunteer", pins), "export", str(tmp_path / "out.xlsx"))
    assert code == 1 and err.count("\n") == 1
    assert "V. Hotline (volunteer) has no permission" in err and "exports to partners" in err
    assert not (tmp_path / "out.xlsx").exists()
    code, _, err = _run(capsys, db, *_as("volunteer", pins), "users", "role", "V. Hotline", "head")
    assert code == 1 and "accounts" in err
    roster = open_database(db)
    try:
        entries = _trail(roster)  # read as the file holds it: audit.browse needs someone signed in
    finally:
        roster.close()
    assert "typed name" not in {entry.operator for entry in entries}
    created = next(entry for entry in entries if entry.action == "create" and entry.entity == "person")
    assert created.operator == "V. Hotline"
    assert [e.entity_key for e in entries if e.action == "refused"] == ["accounts", "export"]


def test_without_signing_in_a_roster_with_accounts_refuses_writes(tmp_path: Path, pins: dict[str, str],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "roster.db"
    _roster_with_three(capsys, db, pins)
    code, _, err = _run(capsys, db, "person", "add", "--surname", "Иванова")
    assert code == 1 and "nobody is signed in" in err and err.count("\n") == 1


def test_a_wrong_pin_a_disabled_account_and_the_pin_from_the_environment(
        tmp_path: Path, pins: dict[str, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "roster.db"
    _roster_with_three(capsys, db, pins)
    code, _, err = _run(capsys, db, "--user", "B. Duty", "--pin-file", pins["volunteer"], "stats")
    assert code == 1 and "no account 'B. Duty' with this PIN" in err
    monkeypatch.setenv("MISSION_ROSTER_PIN", "2222-duty")
    assert _run(capsys, db, "--user", "B. Duty", "partner", "add", "COGAT")[0] == 0
    assert _run(capsys, db, *_as("head", pins), "users", "disable", "B. Duty")[0] == 0
    code, _, err = _run(capsys, db, "--user", "B. Duty", "stats")
    assert code == 1 and "disabled" in err
    assert _run(capsys, db, *_as("head", pins), "users", "enable", "B. Duty")[0] == 0
    assert _run(capsys, db, *_as("head", pins), "users", "role", "B. Duty", "volunteer")[0] == 0
    code, _, err = _run(capsys, db, "--user", "B. Duty", "partner", "add", "ICRC")
    assert code == 1 and "B. Duty (volunteer) has no permission" in err


def test_encrypting_the_roster_file_needs_the_head(tmp_path: Path, pins: dict[str, str],
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "roster.db"
    _roster_with_three(capsys, db, pins)
    monkeypatch.setenv("MISSION_ROSTER_PASSPHRASE", "a long passphrase for the roster")
    code, _, err = _run(capsys, db, *_as("officer", pins), "encrypt")
    assert code == 1 and "B. Duty (officer) has no permission" in err and "encryption passphrase" in err
    code, _, err = _run(capsys, db, *_as("head", pins), "encrypt")
    assert code == 0, err


def test_a_locked_account_is_told_for_how_long_and_after_how_many_wrong_pins(
        tmp_path: Path, pins: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    """Replay: five wrong PINs, then the right one: the refusal gave only the time the lock ends."""
    db = tmp_path / "roster.db"
    _roster_with_three(capsys, db, pins)
    wrong = tmp_path / "wrong.pin"
    wrong.write_text("9999-wrong\n", encoding="utf-8")
    for _ in range(5):
        assert _run(capsys, db, "--user", "V. Hotline", "--pin-file", str(wrong), "users", "list")[0] == 1
    code, _, err = _run(capsys, db, *_as("volunteer", pins), "users", "list")
    assert code == 1 and err.count("\n") == 1
    assert "locked for 5 more minute(s) after 5 wrong PINs in a row" in err, err
