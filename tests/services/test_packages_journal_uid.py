"""Journal records (liaison entries, contact attempts, check-ins) carry a stored uid in packages (issue 17).

Two records copied from a paper log with the same time once shared a package key (a digest of their
unchanging fields), so only one reached the partner. Rows made since migration 0019 are named by a
UUID given at creation and kept by every site that receives them; rows stored before keep no uid
and are still named by their digest, as partners already know them. Real SQLite rosters, real
signed and encrypted packages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text, update

from desktop_app.exchange import package_file
from desktop_app.services import packages, partners, persons
from desktop_app.services.crossing import Outcome, record_attempt
from desktop_app.services.packages.journal import _liaison_key, read_journal
from desktop_app.services.packages.records import read_ids
from desktop_app.storage import migrations
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import ContactAttempt, LiaisonEntry


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


def _dump(db: Database) -> str:
    with db.raw_connection() as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


def _signed(out: Path, records: list[dict[str, Any]]) -> Path:
    keys = package_file.new_site_keys()
    site = str(uuid.uuid4())
    manifest = {"sender": {"id": site, "name": "Stranger", "public_key": package_file.public_line(
        site, keys.sign_public, keys.age_recipient)}, "sequence": {"*": 1}, "to": [], "records": len(records),
        "counts": {"liaison": len(records)}}
    out.write_bytes(package_file.seal(manifest, records, sign_private=keys.sign_private, passphrase="agreed"))
    return out


def _keys(db: Database) -> dict[str, tuple[str, dict[str, Any]]]:
    with db.reading() as session:
        return read_journal(session, *read_ids(session))


def test_two_attempts_in_the_same_second_both_reach_the_partner_under_the_senders_uid(
        tmp_path: Path, pair: tuple[Database, Database]) -> None:
    cairo, ramallah = pair
    person = persons.create_person(cairo, {"surname": "Haddad"}, operator="cai.officer")
    for _ in range(2):
        record_attempt(cairo, person.id, Outcome.NO_ANSWER, operator="anna")
    with cairo.transaction() as session:  # as if both were made within one second
        session.execute(update(ContactAttempt).values(at=dt.datetime(2023, 11, 2, 9, 0)))
    packages.export_package(cairo, tmp_path / "1.mrpkg", operator="cai.officer", to=["Ramallah"])
    packages.import_package(ramallah, tmp_path / "1.mrpkg", operator="ram.officer")
    with cairo.reading() as session:
        sent = set(session.scalars(select(ContactAttempt.uid)))
    with ramallah.reading() as session:
        received = set(session.scalars(select(ContactAttempt.uid)))
    assert len(sent) == 2 and received == sent
    assert all(str(uuid.UUID(uid)) == uid for uid in sent)
    assert {k for k, (kind, _) in _keys(ramallah).items() if kind == "attempt"} == {f"attempt:{u}" for u in sent}


@pytest.mark.parametrize(("uid", "key"), [
    ("not-a-uuid", "liaison:not-a-uuid"),
    ("6F9619FF-8B86-D011-B42D-00C04FC964FF", "liaison:6F9619FF-8B86-D011-B42D-00C04FC964FF"),  # not as written
    (str(uuid.UUID(int=1)), f"liaison:{uuid.UUID(int=2)}"),  # not its key
    (12, "liaison:12"),
])
def test_a_journal_record_whose_uid_is_not_a_uuid_or_not_its_key_is_refused(
        tmp_path: Path, pair: tuple[Database, Database], uid: Any, key: str) -> None:
    _cairo, ramallah = pair
    values = {"at": "2023-11-03T12:00:00", "operator": "mallory", "channel": "phone", "organization": None,
              "counterpart": "", "summary": "Bus cancelled", "follow_up_due": None, "follow_up_done_at": None,
              "list": None, "persons": [], "uid": uid}
    path = _signed(tmp_path / "forged.mrpkg", [{"key": key, "kind": "liaison", "values": values, "clocks": {}}])
    before = _dump(ramallah)
    with pytest.raises(packages.PackageRefused, match=f"line 2, {key}: uid is not what this roster can store"):
        packages.import_package(ramallah, path, operator="ram.officer", passphrase="agreed", trust_sender=True)
    assert _dump(ramallah) == before


def test_a_package_from_before_uids_imports_by_digest_and_the_record_keeps_that_name(
        tmp_path: Path, pair: tuple[Database, Database]) -> None:
    _cairo, ramallah = pair
    values: dict[str, Any] = {"at": "2023-11-03T12:00:00", "operator": "omar", "channel": "phone", "organization": None,
              "counterpart": "", "summary": "Asked for 20 seats", "follow_up_due": None, "follow_up_done_at": None,
              "list": None, "persons": []}
    key = _liaison_key(dt.datetime(2023, 11, 3, 12), "omar", "phone", None)
    path = _signed(tmp_path / "old.mrpkg", [{"key": key, "kind": "liaison", "values": values, "clocks": {}}])
    result = packages.import_package(ramallah, path, operator="ram.officer", passphrase="agreed", trust_sender=True)
    assert result.kinds["liaison"]["created"] == 1
    with ramallah.reading() as session:
        assert session.scalars(select(LiaisonEntry.uid)).one() is None
    assert list(_keys(ramallah)) == [key]  # sent back under the name the sender knows it by


def test_entries_stored_before_0019_keep_their_digest_and_new_ones_get_a_uid(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_database(path).close()
    engine = create_engine(f"sqlite:///{path}")
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0018")
        connection.execute(text("INSERT INTO liaison_entries (at, operator, channel, counterpart, summary) "
                                "VALUES ('2023-11-02 09:00:00.000000', 'anna', 'phone', '', 'Called Rafah')"))
    engine.dispose()
    db = open_database(path)  # upgrades
    try:
        assert list(_keys(db)) == [_liaison_key(dt.datetime(2023, 11, 2, 9), "anna", "phone", None)]
        partners.log_contact(db, "Called the embassy", operator="anna", at=dt.datetime(2023, 11, 2, 9))
        with db.reading() as session:
            uids = {s: u for s, u in session.execute(select(LiaisonEntry.summary, LiaisonEntry.uid))}
        assert uids["Called Rafah"] is None
        assert str(uuid.UUID(uids["Called the embassy"])) == uids["Called the embassy"]
        assert len(_keys(db)) == 2
    finally:
        db.close()
