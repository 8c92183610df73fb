"""`mission-roster export` and `mission-roster profiles`, run through `cli.main` on a real database:
the --json contract, the password file (first line only, never on the command line, never in
the audit trail or the logs), PDF manifests, and the profile commands."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from desktop_app import cli
from desktop_app.logs import log_path, setup_logging
from desktop_app.services import audit, exporting
from desktop_app.storage.db import Database
from tests.services.test_export_service import LIST_NAME, PARTNER, Roster, build_roster

# Printing makes a Qt application when none runs; a test session also shows widgets, so it makes its
# QApplication first, as the window does (rendering never imports the widgets).
pytestmark = pytest.mark.usefixtures("qapp")

OPERATOR = "cli.officer"


@pytest.fixture
def roster(db: Database, db_path: Path) -> Roster:
    return build_roster(db, OPERATOR)


@pytest.fixture
def debug_log() -> Iterator[Path]:
    """Logging at DEBUG into this test's log file; the handler goes again afterwards (it is process-wide)."""
    logger = logging.getLogger("desktop_app")
    before, level = list(logger.handlers), logger.level
    path = setup_logging(logging.DEBUG)
    yield path
    for handler in logger.handlers:
        if handler not in before:
            handler.close()
            logger.removeHandler(handler)
    logger.setLevel(level)


def run(db_path: Path, *args: str) -> int:
    return cli.main(["--db", str(db_path), "--operator", OPERATOR, *args])


def test_json_contract_of_an_xlsx_export(db_path: Path, roster: Roster, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.xlsx"
    assert run(db_path, "export", str(out), "--list", LIST_NAME, "--profile", "border_authority",
               "--partner", PARTNER, "--include-without-consent", "--title", "Rafah, 1 Nov", "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    assert {"path", "sha256", "rows", "persons", "profile", "encrypted"} <= set(printed)
    assert printed["path"] == str(out) and printed["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert (printed["rows"], printed["persons"], printed["profile"], printed["encrypted"]) == \
        (3, 3, "Border authority list", False)
    assert printed["partner"] == PARTNER
    assert openpyxl.load_workbook(out).worksheets[0]["A1"].value == "Rafah, 1 Nov"


def test_status_and_search_options_select_persons(db_path: Path, roster: Roster, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db_path, "export", str(tmp_path / "a.xlsx"), "--status", "approved", "registered", "--json") == 0
    assert json.loads(capsys.readouterr().out)["persons"] == 4  # Ivanov approved, the other three registered
    assert run(db_path, "export", str(tmp_path / "b.xlsx"), "--search", "ivanov", "--json") == 0
    assert json.loads(capsys.readouterr().out)["persons"] == 1
    assert run(db_path, "export", str(tmp_path / "c.xlsx"), "--person", roster.arabic.case_ref,
               roster.ivanov.uuid, "--json") == 0
    assert json.loads(capsys.readouterr().out)["persons"] == 2


def test_password_file_first_line_encrypts_and_never_reaches_audit_or_logs(
        db: Database, db_path: Path, roster: Roster, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        debug_log: Path) -> None:
    password = "Ouverture 7 — секрет"
    secret = tmp_path / "pw.txt"
    secret.write_bytes(f"{password}\r\nsecond line is not the password\n".encode())
    out = tmp_path / "secret.xlsx"
    assert run(db_path, "export", str(out), "--password-file", str(secret), "--json") == 0
    assert json.loads(capsys.readouterr().out)["encrypted"] is True
    plain = io.BytesIO()
    with out.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=password)  # the first line, without "\r\n"
        office.decrypt(plain)
    assert openpyxl.load_workbook(plain).worksheets[0].max_row == 4 + 2
    trail = json.dumps([(e.summary, e.changes) for e in audit.browse(db)], ensure_ascii=False)
    assert debug_log == log_path() and "export recorded: xlsx, 4 rows, 4 persons, encrypted True" in \
        debug_log.read_text(encoding="utf-8")
    logs = "".join(p.read_text(encoding="utf-8") for p in debug_log.parent.glob("*.log*"))
    for text in (trail, logs, db_path.read_bytes().decode("latin-1")):
        assert password not in text and "Ouverture" not in text
    assert "encrypted" in trail


def test_a_password_is_never_taken_from_the_command_line(db_path: Path, roster: Roster, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(db_path, "export", str(tmp_path / "x.xlsx"), "--password", "oops")
    empty = tmp_path / "empty.txt"
    empty.write_text("\nsecond\n", encoding="utf-8")
    assert run(db_path, "export", str(tmp_path / "x.xlsx"), "--password-file", str(empty)) == 1
    assert run(db_path, "export", str(tmp_path / "x.xlsx"), "--password-file", str(tmp_path / "missing")) == 1
    errors = capsys.readouterr().err
    assert "first line of the password file is empty" in errors and "no such password file" in errors
    assert not (tmp_path / "x.xlsx").exists()


def test_consent_refusal_is_one_line_and_exit_1(db_path: Path, roster: Roster, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db_path, "export", str(tmp_path / "x.xlsx"), "--list", LIST_NAME, "--partner", PARTNER) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and roster.arabic.case_ref in error and "--include-without-consent" in error
    assert not (tmp_path / "x.xlsx").exists()


def test_a_csv_export_by_its_suffix_or_format(db_path: Path, roster: Roster, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "border.csv"
    assert run(db_path, "export", str(out), "--format", "csv", "--list", LIST_NAME, "--profile", "border_authority",
               "--partner", PARTNER, "--include-without-consent", "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["format"] == "csv" and printed["persons"] == 3 and not printed["encrypted"]
    assert printed["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert out.read_text("utf-8-sig").count("\n") == 4  # the header and three persons
    assert run(db_path, "export", str(tmp_path / "all.csv")) == 0
    capsys.readouterr()
    assert run(db_path, "export", str(tmp_path / "x.xlsx"), "--format", "csv") == 1
    password = tmp_path / "pw.txt"
    password.write_text("Kair0-2023\n", encoding="utf-8")
    assert run(db_path, "export", str(tmp_path / "x.csv"), "--password-file", str(password)) == 1
    assert run(db_path, "export", str(tmp_path / "x.txt")) == 1
    errors = capsys.readouterr().err
    assert "must end in .csv for --format csv" in errors and "cannot protect a CSV" in errors
    assert ".csv (a table for a partner's system)" in errors
    assert not list(tmp_path.glob("x.*"))


def test_pdf_manifest_from_the_command_line(db: Database, db_path: Path, roster: Roster, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "manifest.pdf"
    assert run(db_path, "export", str(out), "--profile", "flight_manifest", "--list", LIST_NAME, "--paper",
               "letter", "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["rows"] == 3 and printed["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for name in ("IVANOV", "EVIL", "ABU SHANAB", "0123456", "00012", "007"):
        assert name in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "(letter)" in info
    [entry] = audit.browse(db, audit.AuditFilter(action="export"))
    assert entry.changes["format"] == "pdf" and entry.changes["paper"] == "letter"
    assert run(db_path, "export", str(tmp_path / "m.pdf"), "--list", LIST_NAME, "--password-file",
               str(out)) == 1


def test_profiles_commands_list_show_save_delete(db: Database, db_path: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db_path, "profiles") == 0
    listed = capsys.readouterr().out
    assert "border_authority\tBorder authority list" in listed and "built-in" in listed
    assert run(db_path, "profiles", "show", "icrc_family") == 0
    definition = json.loads(capsys.readouterr().out)
    definition["name"] = "ICRC, our variant"
    definition["columns"] = definition["columns"][:3]
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    assert run(db_path, "profiles", "save", str(mine)) == 0
    assert capsys.readouterr().out == "ICRC, our variant: saved (3 columns)\n"
    assert [c.key for c in exporting.get_profile(db, "ICRC, our variant").columns] == \
        ["household_ref", "household_size", "relationship"]
    assert run(db_path, "profiles", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out)[-1]["name"] == "ICRC, our variant"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**definition, "colour": "red"}), encoding="utf-8")
    assert run(db_path, "profiles", "save", str(broken)) == 1
    assert str(broken) in capsys.readouterr().err
    assert run(db_path, "profiles", "delete", "full_roster") == 1
    assert run(db_path, "profiles", "delete", "ICRC, our variant") == 0
    assert [e.builtin for e in exporting.list_profiles(db)] == [True] * 4
