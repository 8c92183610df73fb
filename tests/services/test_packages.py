"""Roster packages between three missions (issue 17): real SQLite rosters, real age files, real keys.

Cairo, Ramallah and Tel Aviv diverge (the same family registered twice, edits to the same and to
different fields, status, list answers, a merge, a deletion), exchange packages in several orders
and end identical apart from the conflicts they show. Replayed, reordered, dropped, tampered,
truncated, wrongly addressed packages and a wrong passphrase are handled and change nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from desktop_app.domain.errors import NotFound, RosterError
from desktop_app.domain.lists import Answer
from desktop_app.domain.person import DocumentData, DocumentType, Relationship
from desktop_app.domain.status import Status
from desktop_app.exchange import package_file
from desktop_app.services import duplicates, households, lists, packages, persons, status
from desktop_app.services.packages.records import read_records
from desktop_app.services.packages.sites import own_required
from desktop_app.services.packages.state import LOCAL, load_state, refresh, short
from desktop_app.storage.db import Database, open_database


@dataclass
class Site:
    name: str
    db: Database
    path: Path
    counter: Iterator[int]

    def person(self, uuid: str) -> persons.PersonView:
        return persons.find_person(self.db, uuid)


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[dict[str, Site]]:
    made: dict[str, Site] = {}
    for name, prefix in (("Cairo", "CAI"), ("Ramallah", "RAM"), ("Tel Aviv", "TLV")):
        path = tmp_path / f"{prefix.lower()}.db"
        made[name] = Site(name, open_database(path), path, itertools.count(1))
        packages.init_site(made[name].db, name, operator=f"{prefix.lower()}.officer", prefix=prefix)
    for a, b in itertools.permutations(made.values(), 2):
        packages.add_site(a.db, b.name, packages.list_sites(b.db)[0].public_line, operator="officer")
    yield made
    for site in made.values():
        site.db.close()


def send(tmp_path: Path, src: Site, dst: Site, *, since_last: bool = True) -> packages.ImportResult:
    out = tmp_path / f"{src.name}-to-{dst.name}-{next(src.counter)}.mrpkg"
    packages.export_package(src.db, out, operator="officer", to=[dst.name], since_last=since_last)
    return packages.import_package(dst.db, out, operator="officer")


def fingerprint_of(db: Database) -> str:
    """Every row of every table: 'nothing changed' is this staying the same."""
    with db.raw_connection() as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


def shared_state(db: Database) -> dict[str, dict[str, object]]:
    """What the site holds of every exchanged record, after counting its own last edits; and the
    check that this is what the roster holds (read back from the tables)."""
    with db.transaction() as session:
        refresh(session, short(own_required(session).uuid))
    with db.reading() as session:
        state = load_state(session)
        roster = read_records(session)
    for key, (_kind, values) in roster.items():
        local = state[key].values.get(LOCAL, {})
        expected = {k: v for k, v in state[key].values.items() if k != LOCAL}
        assert {k: (expected[k] if local.get(k) == v else v) for k, v in values.items()} == expected, key
    return {key: row.shared_values() for key, row in state.items()}


def conflict_fields(db: Database) -> set[tuple[str, str]]:
    return {(c.key, c.field) for c in packages.list_conflicts(db)}


def assert_identical_apart_from_conflicts(all_sites: list[Site]) -> set[tuple[str, str]]:
    open_conflicts = set().union(*(conflict_fields(s.db) for s in all_sites))
    states = [shared_state(s.db) for s in all_sites]
    assert states[0].keys() == states[1].keys() == states[2].keys()
    for key in states[0]:
        fields = set().union(*(s[key].keys() for s in states))
        for name in fields:
            if (key, name) in open_conflicts:
                continue
            assert states[0][key].get(name) == states[1][key].get(name) == states[2][key].get(name), (key, name)
    return open_conflicts


def _register(db: Database, surname: str, given: str, birth: str, passport: str, **extra: str) -> persons.PersonView:
    return persons.create_person(db, {"surname": surname, "given_names": given, "birth_date": birth, **extra},
                                 operator="officer",
                                 documents=[DocumentData(DocumentType.PASSPORT, passport, "RUS")])


def diverge(tmp_path: Path, s: dict[str, Site]) -> dict[str, str]:
    """The November 2023 story: returns the UUIDs the checks need."""
    cairo, ramallah, tel_aviv = s["Cairo"], s["Ramallah"], s["Tel Aviv"]
    head = _register(cairo.db, "Иванов", "Иван", "1980-01-02", "751234567", notes="first call")
    wife = _register(cairo.db, "Иванова", "Анна", "1982-03-04", "751234568")
    family = households.create_household(cairo.db, "Ivanov family", operator="officer", head_person_id=head.id)
    households.add_member(cairo.db, family.id, wife.id, Relationship.SPOUSE, operator="officer")
    twice_a = _register(cairo.db, "Сидоров", "Олег", "1990-07-07", "759999999")
    twice_b = _register(cairo.db, "Сидоров", "Олег", "1990-07-07", "759999999", notes="second registration")
    leaving = _register(cairo.db, "Кузнецов", "Пётр", "1970-10-10", "750000001")
    for other in (ramallah, tel_aviv):
        first = send(tmp_path, cairo, other, since_last=False)
        assert first.created == 5 and not first.conflicts
    on = {name: {p: site.person(p).id for p in (head.uuid, wife.uuid, twice_a.uuid, twice_b.uuid, leaving.uuid)}
          for name, site in s.items()}
    # The same field on two sides: a conflict. Different fields: both taken.
    persons.update_person(cairo.db, on["Cairo"][head.uuid], {"notes": "Cairo: at the school in Rafah"},
                          operator="officer")
    persons.update_person(ramallah.db, on["Ramallah"][head.uuid], {"notes": "Ramallah: moved to Khan Younis"},
                          operator="officer")
    persons.update_person(cairo.db, on["Cairo"][wife.uuid], {"email": "anna@example.org"}, operator="officer")
    persons.update_person(ramallah.db, on["Ramallah"][wife.uuid], {"locality": "Khan Younis"}, operator="officer")
    # A status change and a list answer at Cairo.
    status.change_status(cairo.db, on["Cairo"][head.uuid], Status.VERIFIED, operator="officer")
    rafah = lists.create_list(cairo.db, "Rafah 14 Nov", operator="officer")
    lists.add_members(cairo.db, rafah.id, [on["Cairo"][wife.uuid]], operator="officer")
    lists.record_answer(cairo.db, rafah.id, on["Cairo"][wife.uuid], Answer.APPROVED, operator="officer",
                        valid_until=dt.date(2023, 11, 20))
    # The same family member registered at Ramallah and at Tel Aviv under different UUIDs.
    twin_r = _register(ramallah.db, "Петров", "Пётр", "1975-05-05", "757777777")
    twin_t = _register(tel_aviv.db, "Петров", "Пётр", "1975-05-05", "757777777", phones="")
    # Ramallah merges the double registration; Cairo meanwhile edits the record Ramallah merges away.
    duplicates.merge_persons(ramallah.db, on["Ramallah"][twice_a.uuid], on["Ramallah"][twice_b.uuid],
                             operator="officer")
    persons.update_person(cairo.db, on["Cairo"][twice_b.uuid], {"email": "oleg@example.org"}, operator="officer")
    # Tel Aviv deletes a person Cairo goes on editing.
    persons.delete_person(tel_aviv.db, on["Tel Aviv"][leaving.uuid], operator="officer", reason="left by Taba")
    persons.update_person(cairo.db, on["Cairo"][leaving.uuid], {"notes": "called again"}, operator="officer")
    return {"head": head.uuid, "wife": wife.uuid, "kept": twice_a.uuid, "merged": twice_b.uuid,
            "leaving": leaving.uuid, "twin_r": twin_r.uuid, "twin_t": twin_t.uuid}


ORDERS = [
    # every pair once per round, in different orders
    [("Cairo", "Ramallah"), ("Cairo", "Tel Aviv"), ("Ramallah", "Cairo"), ("Ramallah", "Tel Aviv"),
     ("Tel Aviv", "Cairo"), ("Tel Aviv", "Ramallah")],
    [("Tel Aviv", "Ramallah"), ("Tel Aviv", "Cairo"), ("Ramallah", "Tel Aviv"), ("Ramallah", "Cairo"),
     ("Cairo", "Tel Aviv"), ("Cairo", "Ramallah")],
    [("Ramallah", "Cairo"), ("Cairo", "Tel Aviv"), ("Tel Aviv", "Ramallah"), ("Ramallah", "Tel Aviv"),
     ("Tel Aviv", "Cairo"), ("Cairo", "Ramallah")],
    [("Ramallah", "Tel Aviv"), ("Tel Aviv", "Cairo"), ("Cairo", "Ramallah"), ("Cairo", "Tel Aviv"),
     ("Ramallah", "Cairo"), ("Tel Aviv", "Ramallah")],
]


@pytest.mark.parametrize("order", ORDERS, ids=["cairo-first", "tel-aviv-first", "ring", "ring-back"])
def test_three_sites_end_identical_apart_from_conflicts(tmp_path: Path, sites: dict[str, Site],
                                                        order: list[tuple[str, str]]) -> None:
    ids = diverge(tmp_path, sites)
    results = []
    for _ in range(2):  # a second round carries what each site learnt from the third
        for src, dst in order:
            results.append(send(tmp_path, sites[src], sites[dst]))
    everyone = list(sites.values())
    open_conflicts = assert_identical_apart_from_conflicts(everyone)
    # The one field changed on two sides is a conflict, shown with both values, never settled silently.
    assert open_conflicts == {(f"person:{ids['head']}", "notes")}
    shown = {(c.person, c.field, c.ours, c.theirs) for r in results for c in r.conflicts}
    assert any(f == "notes" and {o, t} == {"Cairo: at the school in Rafah", "Ramallah: moved to Khan Younis"}
               for _p, f, o, t in shown)
    for site in everyone:
        wife = site.person(ids["wife"])
        assert (wife.email, wife.locality) == ("anna@example.org", "Khan Younis")  # different fields: both
        assert site.person(ids["head"]).status == Status.VERIFIED.value
        rafah = lists.find_list(site.db, "Rafah 14 Nov")
        member = next(m for m in lists.members(site.db, rafah.id) if m.person_id == wife.id)
        assert member.answer == Answer.APPROVED.value
        assert site.person(ids["leaving"]).deleted_at is not None  # deleted stays deleted
        assert site.person(ids["leaving"]).notes == "called again"
        merged = site.person(ids["merged"])
        assert merged.status == Status.MERGED.value and merged.merged_into_id == site.person(ids["kept"]).id
        assert site.person(ids["kept"]).email == "oleg@example.org"  # the edit went to the survivor
    # The same person registered at two missions is proposed, not merged.
    proposed = [d for r in results for d in r.duplicates]
    refs = {sites["Ramallah"].person(ids["twin_r"]).case_ref, sites["Tel Aviv"].person(ids["twin_t"]).case_ref}
    assert any({d["new"], d["existing"]} == refs for d in proposed)
    for site in everyone:
        assert site.person(ids["twin_r"]).status != Status.MERGED.value
        assert site.person(ids["twin_t"]).status != Status.MERGED.value


def test_resolving_a_conflict_reaches_every_site(tmp_path: Path, sites: dict[str, Site]) -> None:
    ids = diverge(tmp_path, sites)
    for src, dst in ORDERS[0] * 2:
        send(tmp_path, sites[src], sites[dst])
    cairo = sites["Cairo"]
    ref = cairo.person(ids["head"]).case_ref
    packages.resolve_conflict(cairo.db, ref, "notes", "theirs", operator="officer")
    for src, dst in ORDERS[0] * 2:
        send(tmp_path, sites[src], sites[dst])
    assert assert_identical_apart_from_conflicts(list(sites.values())) == set()
    for site in sites.values():
        assert site.person(ids["head"]).notes == "Ramallah: moved to Khan Younis"


def test_replay_reorder_and_drop(tmp_path: Path, sites: dict[str, Site]) -> None:
    cairo, ramallah, tel_aviv = sites["Cairo"], sites["Ramallah"], sites["Tel Aviv"]
    first = _register(cairo.db, "Иванов", "Иван", "1980-01-02", "751234567")
    packages_made = []
    for note in ("one", "two", "three"):
        persons.update_person(cairo.db, first.id, {"notes": note}, operator="officer")
        if note == "one":
            only_in_first = _register(cairo.db, "Петров", "Пётр", "1975-05-05", "757777777")
        for other in (ramallah, tel_aviv):
            out = tmp_path / f"{other.name}-{note}.mrpkg"
            packages.export_package(cairo.db, out, operator="officer", to=[other.name], since_last=True)
            packages_made.append(out)
    to_r = [p for p in packages_made if p.name.startswith("Ramallah")]
    to_t = [p for p in packages_made if p.name.startswith("Tel Aviv")]
    # Replay: refused, nothing changed.
    packages.import_package(ramallah.db, to_r[0], operator="officer")
    before = fingerprint_of(ramallah.db)
    with pytest.raises(packages.PackageRefused, match="imported already"):
        packages.import_package(ramallah.db, to_r[0], operator="officer")
    assert fingerprint_of(ramallah.db) == before
    # Reordered: the last first, then the middle one; the result is the latest note, the gap is named.
    last = packages.import_package(ramallah.db, to_r[2], operator="officer")
    assert last.missing == [2]
    middle = packages.import_package(ramallah.db, to_r[1], operator="officer")
    assert middle.missing == [] and not middle.conflicts
    assert ramallah.person(first.uuid).notes == "three"
    # Dropped: Tel Aviv never gets the first package; the gap is reported and its content is missing
    # until a whole package comes.
    dropped = packages.import_package(tel_aviv.db, to_t[1], operator="officer")
    assert dropped.missing == [1]
    assert tel_aviv.person(first.uuid).notes == "two"  # a record travels whole, with its latest values
    with pytest.raises(NotFound):
        tel_aviv.person(only_in_first.uuid)  # registered before the first package only, which never came
    whole = tmp_path / "whole.mrpkg"
    packages.export_package(cairo.db, whole, operator="officer", to=["Tel Aviv"])
    packages.import_package(tel_aviv.db, whole, operator="officer")
    assert tel_aviv.person(first.uuid).notes == "three"
    assert tel_aviv.person(only_in_first.uuid).surname == "Петров"


def _reseal(path: Path, identity: str, edit: object, out: Path, recipient: str) -> None:
    plain = pyrage.decrypt(path.read_bytes(), [pyrage.x25519.Identity.from_str(identity)])
    out.write_bytes(pyrage.encrypt(edit(plain), [pyrage.x25519.Recipient.from_str(recipient)]))  # type: ignore


def _flip_body_byte(plain: bytes) -> bytes:
    end = plain.index(b"\n") + 40
    return plain[:end] + bytes([plain[end] ^ 1]) + plain[end + 1:]


def _fix_checksum(plain: bytes) -> bytes:
    edited = _flip_body_byte(plain)
    header_end = edited.index(b"\n")
    header = json.loads(edited[:header_end])
    header["sha256"] = hashlib.sha256(edited[header_end + 1:]).hexdigest()
    return json.dumps(header).encode() + edited[header_end:]


def test_bad_packages_are_refused_and_change_nothing(tmp_path: Path, sites: dict[str, Site]) -> None:
    cairo, ramallah, tel_aviv = sites["Cairo"], sites["Ramallah"], sites["Tel Aviv"]
    _register(cairo.db, "Иванов", "Иван", "1980-01-02", "751234567")
    good = tmp_path / "good.mrpkg"
    packages.export_package(cairo.db, good, operator="officer", to=["Ramallah"])
    with ramallah.db.reading() as session:
        me = own_required(session)
        identity, recipient = me.age_identity or "", me.age_recipient
    tampered, forged, truncated = tmp_path / "tampered.mrpkg", tmp_path / "forged.mrpkg", tmp_path / "cut.mrpkg"
    _reseal(good, identity, _flip_body_byte, tampered, recipient)
    _reseal(good, identity, _fix_checksum, forged, recipient)
    truncated.write_bytes(good.read_bytes()[:-100])
    agreed = tmp_path / "agreed.mrpkg"
    packages.export_package(cairo.db, agreed, operator="officer", passphrase="falafel at nine")
    before = {name: fingerprint_of(site.db) for name, site in sites.items()}
    cases = [
        (ramallah, tampered, None, "checksum"),
        (ramallah, forged, None, "signature"),
        (ramallah, truncated, None, "damaged or truncated"),
        (tel_aviv, good, None, "not addressed to this site"),
        (ramallah, agreed, "wrong words", "wrong passphrase"),
    ]
    for site, path, passphrase, why in cases:
        with pytest.raises(packages.PackageRefused, match=why):
            packages.import_package(site.db, path, operator="officer", passphrase=passphrase)
    assert {name: fingerprint_of(site.db) for name, site in sites.items()} == before
    assert packages.import_package(ramallah.db, agreed, operator="officer", passphrase="falafel at nine").created == 1


def test_a_package_signed_by_another_key_is_refused(tmp_path: Path, sites: dict[str, Site]) -> None:
    """A site that claims Cairo's id but signs with its own key (a new roster that ran 'site init Cairo')."""
    cairo, ramallah = sites["Cairo"], sites["Ramallah"]
    impostor = open_database(tmp_path / "impostor.db")
    try:
        packages.init_site(impostor, "Cairo", operator="x")
        packages.add_site(impostor, "Ramallah", packages.list_sites(ramallah.db)[0].public_line, operator="x")
        with impostor.transaction() as session:  # claim Cairo's site id
            own_required(session).uuid = packages.list_sites(cairo.db)[0].uuid
        _register(impostor, "Фальшивый", "Человек", "1999-01-01", "750000009")
        out = tmp_path / "impostor.mrpkg"
        packages.export_package(impostor, out, operator="x", to=["Ramallah"])
        before = fingerprint_of(ramallah.db)
        with pytest.raises(packages.PackageRefused, match="signed by a key that is not Cairo's"):
            packages.import_package(ramallah.db, out, operator="officer")
        assert fingerprint_of(ramallah.db) == before
    finally:
        impostor.close()


def test_dry_run_changes_nothing_and_undo_takes_the_import_back(tmp_path: Path, sites: dict[str, Site]) -> None:
    cairo, ramallah = sites["Cairo"], sites["Ramallah"]
    head = _register(cairo.db, "Иванов", "Иван", "1980-01-02", "751234567")
    out = tmp_path / "first.mrpkg"
    packages.export_package(cairo.db, out, operator="officer", to=["Ramallah"])
    packages.import_package(ramallah.db, out, operator="officer")
    persons.update_person(cairo.db, head.id, {"notes": "second"}, operator="officer")
    _register(cairo.db, "Иванова", "Анна", "1982-03-04", "751234568")
    out2 = tmp_path / "second.mrpkg"
    packages.export_package(cairo.db, out2, operator="officer", to=["Ramallah"], since_last=True)
    before = fingerprint_of(ramallah.db)
    preview = packages.import_package(ramallah.db, out2, operator="officer", dry_run=True)
    assert (preview.created, preview.updated) == (1, 1) and preview.dry_run
    assert fingerprint_of(ramallah.db) == before
    result = packages.import_package(ramallah.db, out2, operator="officer")
    assert ramallah.person(head.uuid).notes == "second"
    assert result.operation_id is not None
    packages.undo_package_import(ramallah.db, result.operation_id, operator="officer")
    assert ramallah.person(head.uuid).notes == ""
    assert len([p for p in persons.list_trash(ramallah.db)]) == 0
    with pytest.raises(NotFound):
        persons.find_person(ramallah.db, "MR-CAI-000002")
    again = packages.import_package(ramallah.db, out2, operator="officer")  # undone: it can come again
    assert (again.created, again.updated) == (1, 1)


def test_case_references_carry_the_site_prefix(sites: dict[str, Site]) -> None:
    a = _register(sites["Cairo"].db, "Иванов", "Иван", "1980-01-02", "751234567")
    b = _register(sites["Ramallah"].db, "Иванов", "Иван", "1980-01-02", "751234567")
    assert (a.case_ref, b.case_ref) == ("MR-CAI-000001", "MR-RAM-000001")


def test_public_key_line_round_trips_and_bad_lines_are_refused(sites: dict[str, Site]) -> None:
    me = packages.list_sites(sites["Cairo"].db)[0]
    key = package_file.parse_public_line(me.public_line)
    assert key.site_uuid == me.uuid and package_file.fingerprint(key.sign_public) == me.fingerprint
    with pytest.raises(RosterError, match="not a site's public key"):
        package_file.parse_public_line(me.public_line.replace("age1", "age2"))
