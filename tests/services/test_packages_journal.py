"""Liaison entries, contact attempts and gate check-ins travel in roster packages (issue 17).

They are append-only: each site's entries are added at the other (a union, each named by what
never changes about it); a later change (a follow-up done, a scan undone) is merged like any
field. Two real rosters under tmp_path, real packages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.errors import NotFound
from desktop_app.exchange import package_file
from desktop_app.services import crossing, households, packages, partners, persons
from desktop_app.services.packages.records import read_records
from desktop_app.services.packages.sites import own_required
from desktop_app.services.packages.state import load_state
from desktop_app.storage.db import Database, open_database
from tests.services.checkin_support import make_gate


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    cairo, ramallah = open_database(tmp_path / "cairo.db"), open_database(tmp_path / "ramallah.db")
    packages.init_site(cairo, "Cairo", operator="cai.officer", prefix="CAI")
    packages.init_site(ramallah, "Ramallah", operator="ram.officer", prefix="RAM")
    packages.add_site(cairo, "Ramallah", packages.list_sites(ramallah)[0].public_line, operator="cai.officer")
    packages.add_site(ramallah, "Cairo", packages.list_sites(cairo)[0].public_line, operator="ram.officer")
    yield cairo, ramallah
    cairo.close()
    ramallah.close()


def _send(src: Database, dst: Database, to: str, out: Path) -> packages.ImportResult:
    packages.export_package(src, out, operator="officer", to=[to], since_last=True)
    return packages.import_package(dst, out, operator="officer")


def _journal(db: Database) -> dict[str, dict[str, object]]:
    with db.reading() as session:
        return {key: values for key, (kind, values) in read_records(session).items()
                if kind in ("liaison", "attempt", "checkin")}


def test_journal_records_are_a_union_and_their_later_changes_merge(tmp_path: Path,
                                                                   pair: tuple[Database, Database]) -> None:
    cairo, ramallah = pair
    gate = make_gate(cairo, "cai.officer")
    mother = persons.find_person(cairo, gate.mother)
    crossing.scan(cairo, gate.list_id, gate.mother, operator="gate.officer", crossed=True)
    crossing.record_attempt(cairo, mother.id, crossing.Outcome.REACHED, operator="cai.officer", note="will come at 7")
    partners.log_contact(cairo, "Rafah list sent to the border authority", operator="cai.officer",
                         counterpart="Maj. Haddad", person_ids=[mother.id], list_id=gate.list_id)
    first = _send(cairo, ramallah, "Ramallah", tmp_path / "1.mrpkg")
    assert {k: v["created"] for k, v in first.kinds.items() if k in ("liaison", "attempt", "checkin")} == \
        {"liaison": 1, "attempt": 1, "checkin": 1}
    assert _journal(ramallah) == _journal(cairo)
    there = persons.find_person(ramallah, mother.uuid)
    assert [a.note for a in crossing.attempts_of(ramallah, there.id)] == ["will come at 7"]
    entry = partners.log_entries(ramallah, person_id=there.id)[0]
    assert (entry.summary, entry.counterpart) == ("Rafah list sent to the border authority", "Maj. Haddad")

    # Both add their own; Ramallah closes the follow-up of Cairo's entry; Cairo undoes the scan.
    crossing.record_attempt(ramallah, there.id, crossing.Outcome.NO_ANSWER, operator="ram.officer")
    partners.log_contact(ramallah, "UNHCR told", operator="ram.officer", follow_up_due=None)
    partners.complete_follow_up(ramallah, entry.id, operator="ram.officer")
    crossing.undo_scan(cairo, gate.list_id, gate.mother, operator="gate.officer")
    _send(ramallah, cairo, "Cairo", tmp_path / "2.mrpkg")
    _send(cairo, ramallah, "Ramallah", tmp_path / "3.mrpkg")
    assert _journal(ramallah) == _journal(cairo)
    journal = _journal(cairo)
    assert sorted(v["kind"] if "kind" in v else v.get("outcome", "liaison") for v in journal.values()) == \
        ["crossed", "liaison", "liaison", "no_answer", "reached"]
    assert any(v.get("follow_up_done_at") for v in journal.values())
    assert any(v.get("undone_at") for v in journal.values())
    again = _send(ramallah, cairo, "Cairo", tmp_path / "4.mrpkg")
    assert again.created == again.updated == 0 and not again.conflicts


def _refs(db: Database) -> set[str]:
    with db.reading() as session:
        return {values["case_ref"] for kind, values in read_records(session).values() if kind == "person"}


def test_a_part_of_one_list_or_of_households_and_the_rest_later(tmp_path: Path, pair: tuple[Database, Database],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    cairo, ramallah = pair
    make_gate(cairo, "cai.officer")
    lone = persons.create_person(cairo, {"surname": "Alone"}, operator="t")
    cairo_path, ramallah_path = cairo.target.path, ramallah.target.path
    assert cairo_path is not None and ramallah_path is not None
    out = tmp_path / "rafah.mrpkg"
    assert main(["--db", str(cairo_path), "--operator", "cli", "package", "export", str(out), "--to", "Ramallah",
                 "--list", "Rafah 14", "--json"]) == 0
    sent = json.loads(capsys.readouterr().out)
    assert sent["counts"]["list"] == 1 and sent["counts"]["member"] == 3
    packages.import_package(ramallah, out, operator="ram.officer")
    assert _refs(ramallah) == {"G-1042", "G-1043", "G-2001"}  # the Orlovs and the pending member, not G-3001
    assert households.list_households(ramallah)[0].head_person_id is not None

    packages.export_package(cairo, tmp_path / "rest.mrpkg", operator="cai.officer", to=["Ramallah"], since_last=True)
    packages.import_package(ramallah, tmp_path / "rest.mrpkg", operator="ram.officer")
    assert _refs(ramallah) == _refs(cairo) == {"G-1042", "G-1043", "G-2001", "G-3001", lone.case_ref}

    orlov = households.list_households(cairo)[0].ref
    packages.export_package(cairo, tmp_path / "orlov.mrpkg", operator="cai.officer", passphrase="agreed",
                            households=[orlov])
    package = package_file.read_package(tmp_path / "orlov.mrpkg", passphrase="agreed")
    assert package.manifest["part"]["households"] == [orlov]
    assert {r["values"]["case_ref"] for r in package.records if r["kind"] == "person"} == {"G-1042", "G-1043"}
    assert not any(r["kind"] in ("list", "member") for r in package.records)
    with pytest.raises(NotFound):
        packages.export_package(cairo, tmp_path / "none.mrpkg", operator="cai.officer", passphrase="agreed",
                                list_name="No such list")


def test_undoing_an_import_removes_its_journal_records_too(tmp_path: Path, pair: tuple[Database, Database]) -> None:
    cairo, ramallah = pair
    gate = make_gate(cairo, "cai.officer")
    mother = persons.find_person(cairo, gate.mother)
    crossing.scan(cairo, gate.list_id, gate.mother, operator="gate.officer", crossed=True)
    crossing.record_attempt(cairo, mother.id, crossing.Outcome.REACHED, operator="cai.officer")
    partners.log_contact(cairo, "Rafah list sent", operator="cai.officer", person_ids=[mother.id],
                         list_id=gate.list_id)
    out = tmp_path / "gate.mrpkg"
    packages.export_package(cairo, out, operator="cai.officer", to=["Ramallah"])
    result = packages.import_package(ramallah, out, operator="ram.officer")
    assert len(_journal(ramallah)) == 3 and result.operation_id is not None
    packages.undo_package_import(ramallah, result.operation_id, operator="ram.officer")
    with ramallah.reading() as session:
        assert read_records(session) == {}
    assert packages.import_package(ramallah, out, operator="ram.officer").created == 4
    assert _journal(ramallah) == _journal(cairo)


def test_a_list_of_an_organization_unknown_here_arrives_with_it(tmp_path: Path,
                                                                pair: tuple[Database, Database]) -> None:
    """Found by the 10,000-person bench: the receiving roster lacked the list's organization, so the
    list read back differently, counted as an edit made here, and the import could not be undone."""
    from desktop_app.domain.partners import OrgKind
    from desktop_app.services import lists

    cairo, ramallah = pair
    unhcr = partners.create_organization(cairo, "UNHCR", OrgKind.INTERNATIONAL_ORGANIZATION, operator="t")
    lists.create_list(cairo, "Rafah 14", operator="t", organization_id=unhcr.id)
    out = tmp_path / "list.mrpkg"
    packages.export_package(cairo, out, operator="cai.officer", to=["Ramallah"])
    result = packages.import_package(ramallah, out, operator="ram.officer")
    assert [o.name for o in partners.organizations(ramallah)] == ["UNHCR"]
    packages.export_package(ramallah, tmp_path / "back.mrpkg", operator="ram.officer", to=["Cairo"])
    with ramallah.reading() as session:  # the export counted no edit made here
        assert [row.clocks for row in load_state(session).values() if row.kind == "list"] == \
            [record["clocks"] for record in package_file.read_package(
                out, identities=[own_required(session).age_identity or ""]).records if record["kind"] == "list"]
    assert result.operation_id is not None
    packages.undo_package_import(ramallah, result.operation_id, operator="ram.officer")  # was refused
