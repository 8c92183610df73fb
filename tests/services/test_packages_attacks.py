"""Attacks on roster packages (issue 17, breaker X16): hostile content inside a package that decrypts.

Anyone holding a site's public key (it is read out by phone, printed, mailed) can encrypt a file to
that site, and anyone who knows an agreed passphrase can sign a package with a key of their own; a
package that decrypts is therefore not trusted content. Each test here builds such a file with the
real age and Ed25519 code, imports it into a real SQLite roster, and expects a one-line refusal
with nothing changed (never a crash, never a hang).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest

from desktop_app.domain.errors import EditConflict, NotFound
from desktop_app.exchange import package_file
from desktop_app.services import packages, persons
from desktop_app.services.packages.sites import own_required
from desktop_app.storage.db import Database, open_database


@pytest.fixture
def ramallah(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "ramallah.db")
    packages.init_site(db, "Ramallah", operator="ram.officer", prefix="RAM")
    yield db
    db.close()


def _dump(db: Database) -> str:
    with db.raw_connection() as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


def _to_site(db: Database, plain: bytes, out: Path) -> Path:
    """`plain` encrypted to the site's public age key, as anyone holding its public key line can."""
    with db.reading() as session:
        recipient = own_required(session).age_recipient
    out.write_bytes(pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(recipient)]))
    return out


def _signed(out: Path, manifest_edit: dict[str, Any], records: list[Any]) -> Path:
    """A passphrase package signed by a stranger's own key, with the manifest and records given."""
    keys = package_file.new_site_keys()
    site = str(uuid.uuid4())
    manifest: dict[str, Any] = {"sender": {"id": site, "name": "Stranger", "public_key": package_file.public_line(
        site, keys.sign_public, keys.age_recipient)}, "sequence": {"*": 1}, "to": [], "records": len(records),
        "counts": {"person": len(records)}}
    manifest.update(manifest_edit)
    out.write_bytes(package_file.seal(manifest, records, sign_private=keys.sign_private, passphrase="agreed"))
    return out


@pytest.mark.parametrize("header", [b"[1, 2]\n", b"5\n", b'"mrpkg"\n', b"null\n"])
def test_a_header_that_is_not_an_object_is_refused(tmp_path: Path, ramallah: Database, header: bytes) -> None:
    path = _to_site(ramallah, header + b"body", tmp_path / "odd.mrpkg")
    before = _dump(ramallah)
    with pytest.raises(packages.PackageRefused, match="not a roster package"):
        packages.import_package(ramallah, path, operator="ram.officer")
    assert _dump(ramallah) == before


_PERSON = f"person:{uuid.uuid4()}"


@pytest.mark.parametrize(("manifest", "records"), [
    ({}, [{"kind": "person"}]),  # a record without its key
    ({}, [[1, 2]]),  # a record that is not an object
    ({}, [{"key": _PERSON, "kind": "person", "values": 5, "clocks": {}}]),
    ({}, [{"key": _PERSON, "kind": "person", "values": {}, "clocks": []}]),
    ({"counts": {"spaceship": 1}}, [{"key": f"spaceship:{uuid.uuid4()}", "kind": "spaceship", "values": {},
                                     "clocks": {}}]),
    ({}, [{"key": _PERSON, "kind": "household", "values": {}, "clocks": {}}]),  # kind and key disagree
    ({"sequence": "lots"}, []),
    ({"sequence": {"*": "one"}}, []),
    ({"sequence": {"*": -3}}, []),
    ({"sender": ["Stranger"]}, []),
    ({"to": "Ramallah"}, []),
], ids=["no-key", "list-record", "values-number", "clocks-list", "unknown-kind", "kind-key-mismatch",
        "sequence-text", "sequence-number-text", "sequence-negative", "sender-list", "to-text"])
def test_malformed_content_is_refused_with_nothing_changed(tmp_path: Path, ramallah: Database,
                                                           manifest: dict[str, Any], records: list[Any]) -> None:
    path = _signed(tmp_path / "malformed.mrpkg", manifest, records)
    before = _dump(ramallah)
    with pytest.raises(packages.PackageRefused, match=r"malformed\.mrpkg: malformed content"):
        packages.import_package(ramallah, path, operator="ram.officer", passphrase="agreed", trust_sender=True)
    assert _dump(ramallah) == before


def test_a_lying_sequence_number_neither_hangs_nor_lists_a_trillion_gaps(tmp_path: Path,
                                                                       ramallah: Database) -> None:
    """A manifest that claims to be package 10**12: the gap is reported (bounded), not enumerated."""
    path = _signed(tmp_path / "far.mrpkg", {"sequence": {"*": 10**12}}, [])
    result = packages.import_package(ramallah, path, operator="ram.officer", passphrase="agreed",
                                     trust_sender=True, dry_run=True)
    assert result.missing[:3] == [1, 2, 3]
    assert len(result.missing) <= packages.MISSING_LISTED


@pytest.fixture
def pair(tmp_path: Path, ramallah: Database) -> Iterator[tuple[Database, Database]]:
    cairo = open_database(tmp_path / "cairo.db")
    packages.init_site(cairo, "Cairo", operator="cai.officer", prefix="CAI")
    packages.add_site(cairo, "Ramallah", packages.list_sites(ramallah)[0].public_line, operator="cai.officer")
    packages.add_site(ramallah, "Cairo", packages.list_sites(cairo)[0].public_line, operator="ram.officer")
    yield cairo, ramallah
    cairo.close()


def _send(cairo: Database, ramallah: Database, out: Path) -> packages.ImportResult:
    packages.export_package(cairo, out, operator="cai.officer", to=["Ramallah"], since_last=True)
    return packages.import_package(ramallah, out, operator="ram.officer")


def _notes(db: Database, uuid_: str, notes: str) -> None:
    persons.update_person(db, persons.find_person(db, uuid_).id, {"notes": notes}, operator="officer")


def test_undoing_a_later_import_keeps_the_conflict_an_earlier_import_opened(
        tmp_path: Path, pair: tuple[Database, Database]) -> None:
    """Package 2 opens a conflict on notes; package 3 (Cairo edited notes again) updates that same
    conflict; undoing package 3 used to delete it, so Ramallah silently kept its value."""
    cairo, ramallah = pair
    person = persons.create_person(cairo, {"surname": "Иванов", "given_names": "Иван"}, operator="cai.officer")
    _send(cairo, ramallah, tmp_path / "1.mrpkg")
    _notes(cairo, person.uuid, "Cairo: needs a wheelchair")
    _notes(ramallah, person.uuid, "Ramallah: travels with a cat")
    second = _send(cairo, ramallah, tmp_path / "2.mrpkg")
    assert [(c.field, c.theirs) for c in second.conflicts] == [("notes", "Cairo: needs a wheelchair")]
    _notes(cairo, person.uuid, "Cairo: needs a wheelchair and oxygen")
    third = _send(cairo, ramallah, tmp_path / "3.mrpkg")
    assert [(c.field, c.theirs) for c in third.conflicts] == [("notes", "Cairo: needs a wheelchair and oxygen")]
    assert third.operation_id is not None
    packages.undo_package_import(ramallah, third.operation_id, operator="ram.officer")
    assert [(c.field, c.ours, c.theirs) for c in packages.list_conflicts(ramallah)] == [
        ("notes", "Ramallah: travels with a cat", "Cairo: needs a wheelchair")]


def test_undoing_an_import_reopens_the_conflict_it_settled(tmp_path: Path, pair: tuple[Database, Database]) -> None:
    """Cairo resolves its side of a conflict and sends it: Ramallah's open conflict is settled by
    that package. Undoing the import must open the conflict again, not leave it settled."""
    cairo, ramallah = pair
    person = persons.create_person(cairo, {"surname": "Петров", "given_names": "Пётр"}, operator="cai.officer")
    _send(cairo, ramallah, tmp_path / "1.mrpkg")
    packages.export_package(ramallah, tmp_path / "back.mrpkg", operator="ram.officer", to=["Cairo"],
                            since_last=True)
    packages.import_package(cairo, tmp_path / "back.mrpkg", operator="cai.officer")
    _notes(cairo, person.uuid, "Cairo's note")
    _notes(ramallah, person.uuid, "Ramallah's note")
    assert len(_send(cairo, ramallah, tmp_path / "2.mrpkg").conflicts) == 1
    packages.export_package(ramallah, tmp_path / "back2.mrpkg", operator="ram.officer", to=["Cairo"],
                            since_last=True)
    packages.import_package(cairo, tmp_path / "back2.mrpkg", operator="cai.officer")
    packages.resolve_conflict(cairo, person.case_ref, "notes", "ours", operator="cai.officer")
    settling = _send(cairo, ramallah, tmp_path / "3.mrpkg")
    assert packages.list_conflicts(ramallah) == []
    assert settling.operation_id is not None
    packages.undo_package_import(ramallah, settling.operation_id, operator="ram.officer")
    assert [(c.field, c.ours, c.theirs) for c in packages.list_conflicts(ramallah)] == [
        ("notes", "Ramallah's note", "Cairo's note")]


def test_undo_refuses_when_an_imported_person_was_edited_here_since(tmp_path: Path,
                                                                    pair: tuple[Database, Database]) -> None:
    """The gate officer adds a note to a person the package brought; undoing the import used to delete
    the person and the note with it."""
    cairo, ramallah = pair
    person = persons.create_person(cairo, {"surname": "Иванов", "given_names": "Иван"}, operator="cai.officer")
    other = persons.create_person(cairo, {"surname": "Сидоров", "given_names": "Олег"}, operator="cai.officer")
    result = _send(cairo, ramallah, tmp_path / "1.mrpkg")
    assert result.operation_id is not None
    _notes(ramallah, person.uuid, "checked at the gate, family of five waiting")
    before = _dump(ramallah)
    with pytest.raises(EditConflict, match=rf"cannot be undone: {person.case_ref} changed since"):
        packages.undo_package_import(ramallah, result.operation_id, operator="ram.officer")
    assert _dump(ramallah) == before
    assert persons.find_person(ramallah, person.uuid).notes == "checked at the gate, family of five waiting"
    assert persons.find_person(ramallah, other.uuid).surname == "Сидоров"


def test_undo_of_an_untouched_import_still_works_after_an_export(tmp_path: Path,
                                                                 pair: tuple[Database, Database]) -> None:
    cairo, ramallah = pair
    person = persons.create_person(cairo, {"surname": "Иванов", "given_names": "Иван"}, operator="cai.officer")
    result = _send(cairo, ramallah, tmp_path / "1.mrpkg")
    packages.export_package(ramallah, tmp_path / "back.mrpkg", operator="ram.officer", to=["Cairo"])
    assert result.operation_id is not None
    packages.undo_package_import(ramallah, result.operation_id, operator="ram.officer")
    with pytest.raises(NotFound):
        persons.find_person(ramallah, person.uuid)


def test_person_add_on_the_command_line_works_after_site_init(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`site init --prefix` keeps the case-reference prefix as plain text in the settings table; the
    mission settings reader parsed every row there as JSON, so `person add` (which asks the mission's
    country for phone numbers) crashed with a JSONDecodeError on every roster with a site."""
    from desktop_app.cli import main

    db = tmp_path / "cairo.db"
    assert main(["--db", str(db), "--operator", "cai.officer", "site", "init", "Cairo", "--prefix", "CAI"]) == 0
    assert main(["--db", str(db), "--operator", "cai.officer", "person", "add", "--surname", "Новиков",
                 "--given", "Пётр", "--phone", "+79161234567"]) == 0
    assert "MR-CAI-000001" in capsys.readouterr().out
