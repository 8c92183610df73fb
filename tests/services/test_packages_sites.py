"""A site's keys and case references over time (issue 17): the reference floor across a restore,
our own key rotated (`site rekey`) and a partner's key replaced (`site replace-key`).

Real SQLite rosters under tmp_path, real backups and restores, real packages signed and sealed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.errors import NotFound, RosterError
from desktop_app.domain.person import DocumentData, DocumentType, Relationship
from desktop_app.exchange import package_file
from desktop_app.services import audit, backups, duplicates, households, packages, persons, roster
from desktop_app.services.packages.sites import own_required
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database


@pytest.fixture
def cairo(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "cairo.db")
    packages.init_site(db, "Cairo", operator="cai.officer", prefix="CAI")
    yield db
    db.close()


def test_a_restore_never_hands_out_a_prefixed_reference_again(tmp_path: Path, cairo: Database) -> None:
    for n in range(3):
        persons.create_person(cairo, {"surname": f"Before {n}"}, operator="t")
    (tmp_path / "backups").mkdir()
    taken = backups.backup_now(cairo, tmp_path / "backups", operator="t")
    handed_out = [persons.create_person(cairo, {"surname": f"After {n}"}, operator="t").case_ref for n in range(2)]
    assert handed_out == ["MR-CAI-000004", "MR-CAI-000005"]  # told to the family, sent to partners
    (tmp_path / "safety").mkdir()
    restored = backups.restore_backup(cairo, taken.path, operator="t", safety_folder=tmp_path / "safety").database
    try:
        new = persons.create_person(restored, {"surname": "Registered after the restore"}, operator="t")
        assert new.case_ref == "MR-CAI-000006"
    finally:
        restored.close()


@pytest.fixture
def ramallah(tmp_path: Path, cairo: Database) -> Iterator[Database]:
    db = open_database(tmp_path / "ramallah.db")
    packages.init_site(db, "Ramallah", operator="ram.officer", prefix="RAM")
    packages.add_site(cairo, "Ramallah", packages.list_sites(db)[0].public_line, operator="cai.officer")
    packages.add_site(db, "Cairo", packages.list_sites(cairo)[0].public_line, operator="ram.officer")
    yield db
    db.close()


def _fingerprints(db: Database) -> dict[str, str]:
    return {site.name: site.fingerprint for site in packages.list_sites(db)}


def _send(src: Database, dst: Database, to: str, out: Path) -> packages.ImportResult:
    packages.export_package(src, out, operator="officer", to=[to], since_last=True)
    return packages.import_package(dst, out, operator="officer")


def test_our_rotated_key_reaches_the_partner_signed_by_the_old_one(tmp_path: Path, cairo: Database,
                                                                   ramallah: Database) -> None:
    old = _fingerprints(cairo)["Cairo"]
    persons.create_person(ramallah, {"surname": "Sent to the old key"}, operator="t")
    on_its_way = tmp_path / "on-its-way.mrpkg"  # encrypted to Cairo's key before it rotated
    packages.export_package(ramallah, on_its_way, operator="ram.officer", to=["Cairo"])

    change = packages.rekey_site(cairo, operator="cai.officer")
    assert change.old_fingerprint == old != change.site.fingerprint == _fingerprints(cairo)["Cairo"]
    assert packages.import_package(cairo, on_its_way, operator="cai.officer").created == 1  # the old key still opens

    persons.create_person(cairo, {"surname": "Sent after the rotation"}, operator="t")
    assert _send(cairo, ramallah, "Ramallah", tmp_path / "after.mrpkg").created == 1
    assert _fingerprints(ramallah)["Cairo"] == change.site.fingerprint  # taken from the old key's statement
    trail = audit.browse(ramallah, audit.AuditFilter(action="site rekey"))
    assert [entry.changes["fingerprint"] for entry in trail] == [[old, change.site.fingerprint]]
    persons.create_person(ramallah, {"surname": "To the new key"}, operator="t")
    assert _send(ramallah, cairo, "Cairo", tmp_path / "back.mrpkg").created == 1

    packages.rekey_site(cairo, operator="cai.officer")  # twice before the next package: the chain is followed
    third = packages.rekey_site(cairo, operator="cai.officer")
    persons.create_person(cairo, {"surname": "After two rotations"}, operator="t")
    assert _send(cairo, ramallah, "Ramallah", tmp_path / "twice.mrpkg").created == 1
    assert _fingerprints(ramallah)["Cairo"] == third.site.fingerprint


def test_a_statement_not_signed_by_the_known_key_is_refused(tmp_path: Path, cairo: Database,
                                                            ramallah: Database) -> None:
    """A stranger who copies Cairo's name and id, with a 'rekey' statement signed by a key of its own."""
    stranger = package_file.new_site_keys()
    with cairo.reading() as session:
        cairo_id = own_required(session).uuid
    line = package_file.public_line(cairo_id, stranger.sign_public, stranger.age_recipient)
    manifest = {"sender": {"id": cairo_id, "name": "Cairo", "public_key": line}, "to": [], "sequence": {"*": 1},
                "records": 0, "counts": {}, "rekey": [{"old": stranger.sign_public, "new": line,
                                                       "signature": package_file.rekey_statement(
                                                           stranger.sign_private, line)}]}
    out = tmp_path / "forged.mrpkg"
    out.write_bytes(package_file.seal(manifest, [], sign_private=stranger.sign_private, passphrase="agreed"))
    before = _fingerprints(ramallah)
    with pytest.raises(packages.PackageRefused, match="signed by a key that is not Cairo's"):
        packages.import_package(ramallah, out, operator="ram.officer", passphrase="agreed")
    assert _fingerprints(ramallah) == before


def test_replacing_a_partners_key_is_audited_with_the_old_fingerprint(tmp_path: Path, cairo: Database,
                                                                      ramallah: Database) -> None:
    old = _fingerprints(cairo)["Ramallah"]
    fresh = open_database(tmp_path / "ramallah-reinstalled.db")  # the laptop was lost: a new roster
    try:
        packages.init_site(fresh, "Ramallah", operator="ram.officer", prefix="RAM")
        line = packages.list_sites(fresh)[0].public_line
        change = packages.replace_site_key(cairo, "Ramallah", line, operator="cai.officer")
        assert change.old_fingerprint == old
        assert _fingerprints(cairo)["Ramallah"] == change.site.fingerprint == packages.key_fingerprint(line)
        trail = audit.browse(cairo, audit.AuditFilter(action="site replace key"))
        assert [entry.changes["fingerprint"] for entry in trail] == [[old, change.site.fingerprint]]
        with pytest.raises(RosterError, match="Ramallah has this key already"):
            packages.replace_site_key(cairo, "Ramallah", line, operator="cai.officer")
        with pytest.raises(RosterError, match="belongs to site Cairo"):
            packages.replace_site_key(cairo, "Ramallah", packages.list_sites(cairo)[0].public_line, operator="t")
        persons.create_person(fresh, {"surname": "From the new laptop"}, operator="t")
        packages.add_site(fresh, "Cairo", packages.list_sites(cairo)[0].public_line, operator="ram.officer")
        assert _send(fresh, cairo, "Cairo", tmp_path / "new-laptop.mrpkg").created == 1
    finally:
        fresh.close()


def test_site_rekey_and_replace_key_on_the_command_line(tmp_path: Path, cairo: Database, ramallah: Database,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    cairo_path, ramallah_path = cairo.target.path, ramallah.target.path
    assert cairo_path is not None and ramallah_path is not None
    cairo.close()
    ramallah.close()
    assert main(["--db", str(cairo_path), "--operator", "cli", "site", "rekey"]) == 0
    captured = capsys.readouterr()
    new_line = captured.out.strip()
    assert new_line.startswith("mrsite1:") and "fingerprint" in captured.err
    assert main(["--db", str(ramallah_path), "--operator", "cli", "site", "replace-key", "Cairo", new_line]) == 0
    said = capsys.readouterr().out
    assert f"is now {packages.key_fingerprint(new_line)}" in said
    assert main(["--db", str(ramallah_path), "--operator", "cli", "site", "replace-key", "Cairo", "nonsense"]) == 1
    assert "not a site's public key" in capsys.readouterr().err


def test_persons_written_in_bulk_are_whole_searchable_and_undone_as_a_whole(tmp_path: Path, cairo: Database,
                                                                            ramallah: Database) -> None:
    """The bulk writer gives a received person what the window gives one typed in: documents, phones,
    household and head, search terms in both scripts; a merge between two new persons; undo removes all."""
    head = persons.create_person(cairo, {"surname": "Петрова", "given_names": "Анна"}, operator="t",
                                 documents=[DocumentData(DocumentType.PASSPORT, "75 1234567", "RUS")],
                                 phones=["+201001234567"])
    child = persons.create_person(cairo, {"surname": "Petrov", "given_names": "Ilya"}, operator="t")
    twin = persons.create_person(cairo, {"surname": "Petrov", "given_names": "Ilia"}, operator="t")
    family = households.create_household(cairo, "Petrov family", operator="t", head_person_id=head.id)
    households.add_member(cairo, family.id, child.id, Relationship.CHILD, operator="t")
    duplicates.merge_persons(cairo, child.id, twin.id, operator="t")
    result = _send(cairo, ramallah, "Ramallah", tmp_path / "family.mrpkg")
    assert result.created == 3
    for text in ("petrova", "Петрова", "751234567", "1001234567"):
        found = roster.search_ids(ramallah, RosterQuery(text=text))
        assert [persons.get_person(ramallah, i).uuid for i in found] == [head.uuid], text
    received = persons.find_person(ramallah, head.uuid)
    assert (received.documents[0].number, received.phones[0].e164) == ("75 1234567", "+201001234567")
    there = households.get_household(ramallah, received.household_id)
    assert there.head_person_id == received.id
    assert persons.find_person(ramallah, twin.uuid).merged_into_id == persons.find_person(ramallah, child.uuid).id
    assert result.operation_id is not None
    packages.undo_package_import(ramallah, result.operation_id, operator="ram.officer")
    assert roster.search_ids(ramallah, RosterQuery(text="petrova")) == []
    with pytest.raises(NotFound):
        persons.find_person(ramallah, head.uuid)
