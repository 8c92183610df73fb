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

from desktop_app.exchange import package_file
from desktop_app.services import packages
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
        site, keys.sign_public, keys.age_recipient)}, "sequence": {"*": 1}, "to": []}
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
    ({}, [{"key": f"spaceship:{uuid.uuid4()}", "kind": "spaceship", "values": {}, "clocks": {}}]),
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
