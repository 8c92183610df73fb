"""The command line of roster packages: `site init/add/list`, `package export/import/conflicts/resolve/undo`.

Scripts at other missions call these exactly: the JSON keys are the contract.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import persons
from desktop_app.storage.db import open_database


def _run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--operator", "cli.officer", *args])


def _digest(db: Path) -> str:
    database = open_database(db)
    try:
        with database.raw_connection() as connection:
            return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        database.close()


@pytest.fixture
def two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    cairo, ramallah = tmp_path / "cairo.db", tmp_path / "ramallah.db"
    assert _run(cairo, "site", "init", "Cairo", "--prefix", "CAI") == 0
    cairo_key = capsys.readouterr().out.strip()
    assert _run(ramallah, "site", "init", "Ramallah") == 0
    ramallah_key = capsys.readouterr().out.strip()
    assert cairo_key.startswith("mrsite1:") and len(cairo_key.splitlines()) == 1
    assert _run(cairo, "site", "add", "Ramallah", ramallah_key) == 0
    assert _run(ramallah, "site", "add", "Cairo", cairo_key) == 0
    capsys.readouterr()
    return cairo, ramallah


def _person(db: Path, surname: str, notes: str = "") -> persons.PersonView:
    database = open_database(db)
    try:
        return persons.create_person(database, {"surname": surname, "given_names": "Иван", "notes": notes},
                                     operator="t")
    finally:
        database.close()


def _edit(db: Path, uuid: str, **changes: str) -> None:
    database = open_database(db)
    try:
        persons.update_person(database, persons.find_person(database, uuid).id, changes, operator="t")
    finally:
        database.close()


def test_site_list_json(two: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    cairo, _ = two
    assert _run(cairo, "site", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["name"], s["self"], s["prefix"]) for s in listed] == [("Cairo", True, "CAI"), ("Ramallah", False, "")]
    assert all(len(s["fingerprint"].split()) == 8 for s in listed)


def test_export_import_json_contract_conflicts_and_resolve(tmp_path: Path, two: tuple[Path, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    cairo, ramallah = two
    person = _person(cairo, "Иванов")
    out = tmp_path / "first.mrpkg"
    assert _run(cairo, "package", "export", str(out), "--to", "Ramallah", "--json") == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["to"] == ["Ramallah"] and exported["counts"]["person"] == 1
    assert _run(ramallah, "package", "import", str(out), "--dry-run", "--json") == 0
    assert json.loads(capsys.readouterr().out)["created"] == 1
    assert _run(ramallah, "package", "import", str(out), "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"created", "updated", "unchanged", "conflicts", "duplicates", "package"}
    assert (result["created"], result["package"]) == (1, {"sender": "Cairo", "sequence": 1})
    _edit(cairo, person.uuid, notes="Cairo's")
    _edit(ramallah, person.uuid, notes="Ramallah's")
    second = tmp_path / "second.mrpkg"
    assert _run(cairo, "package", "export", str(second), "--to", "Ramallah", "--since-last") == 0
    capsys.readouterr()
    assert _run(ramallah, "package", "import", str(second), "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["conflicts"] == [{"person": "MR-CAI-000001", "field": "notes", "ours": "Ramallah's",
                                    "theirs": "Cairo's"}]
    assert result["package"] == {"sender": "Cairo", "sequence": 2}
    assert _run(ramallah, "package", "conflicts", "--json") == 0
    assert json.loads(capsys.readouterr().out) == result["conflicts"]
    assert _run(ramallah, "package", "resolve", "MR-CAI-000001", "notes", "theirs") == 0
    assert "notes resolved (theirs)" in capsys.readouterr().out
    assert _run(ramallah, "package", "conflicts", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    database = open_database(ramallah)
    try:
        assert persons.find_person(database, person.uuid).notes == "Cairo's"
    finally:
        database.close()


def test_refused_package_exits_1_with_one_line_and_changes_nothing(tmp_path: Path, two: tuple[Path, Path],
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    cairo, ramallah = two
    _person(cairo, "Иванов")
    out = tmp_path / "first.mrpkg"
    assert _run(cairo, "package", "export", str(out), "--to", "Ramallah") == 0
    assert _run(ramallah, "package", "import", str(out)) == 0
    capsys.readouterr()
    before = _digest(ramallah)
    assert _run(ramallah, "package", "import", str(out), "--json") == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert "imported already" in captured.err
    assert _digest(ramallah) == before


def test_unknown_sender_is_refused_with_its_fingerprint(tmp_path: Path, two: tuple[Path, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    cairo, _ = two
    stranger = tmp_path / "stranger.db"
    assert _run(stranger, "site", "init", "Tel Aviv") == 0
    capsys.readouterr()
    assert _run(cairo, "site", "list", "--json") == 0
    listed = capsys.readouterr().out
    cairo_key = json.loads(listed)[0]["public_key"]
    assert _run(stranger, "site", "add", "Cairo", cairo_key) == 0
    _person(stranger, "Петров")
    out = tmp_path / "from-stranger.mrpkg"
    assert _run(stranger, "package", "export", str(out), "--to", "Cairo") == 0
    capsys.readouterr()
    assert _run(stranger, "site", "list", "--json") == 0
    fingerprint = json.loads(capsys.readouterr().out)[0]["fingerprint"]
    before = _digest(cairo)
    assert _run(cairo, "package", "import", str(out)) == 1
    err = capsys.readouterr().err
    assert "Tel Aviv is not a known site" in err and fingerprint in err and len(err.strip().splitlines()) == 1
    assert _digest(cairo) == before


def test_password_file_first_line(tmp_path: Path, two: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    cairo, ramallah = two
    _person(cairo, "Иванов")
    secret = tmp_path / "agreed.txt"
    secret.write_text("olives and figs\nthis second line is not part of it\n", encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("olives and dates\n", encoding="utf-8")
    out = tmp_path / "agreed.mrpkg"
    assert _run(cairo, "package", "export", str(out), "--password-file", str(secret)) == 0
    capsys.readouterr()
    assert _run(ramallah, "package", "import", str(out), "--password-file", str(wrong)) == 1
    assert "wrong passphrase" in capsys.readouterr().err
    assert _run(ramallah, "package", "import", str(out), "--password-file", str(secret), "--json") == 0
    assert json.loads(capsys.readouterr().out)["created"] == 1


def test_export_never_replaces_a_file(tmp_path: Path, two: tuple[Path, Path]) -> None:
    cairo, _ = two
    out = tmp_path / "keep.mrpkg"
    out.write_bytes(b"someone's file")
    assert _run(cairo, "package", "export", str(out), "--to", "Ramallah") == 1
    assert out.read_bytes() == b"someone's file"
