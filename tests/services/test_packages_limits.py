"""A hostile package that unpacks to far more than it says (issue 17): refused early, nothing changed.

The package is built with the real gzip, Ed25519 and age code, signed by a stranger's own key and
sealed to the agreed passphrase (anyone who knows it can make one). A gzip 'bomb' of 256 MB is
refused after reading about one line of it, which tracemalloc shows: the unpacking never holds
more than a few MB.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import tracemalloc
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.exchange import package_file
from desktop_app.services import packages
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


def _manifest(records: int, counts: dict[str, int]) -> dict[str, Any]:
    keys = package_file.new_site_keys()
    site = str(uuid.uuid4())
    return {"sender": {"id": site, "name": "Stranger", "public_key": package_file.public_line(
        site, keys.sign_public, keys.age_recipient)}, "sequence": {"*": 1}, "to": [], "records": records,
        "counts": counts}


def _sealed(out: Path, body: bytes) -> Path:
    """`body` (gzip bytes) signed and sealed to the passphrase 'agreed' as `package_file.seal` does."""
    key = Ed25519PrivateKey.generate()
    digest = hashlib.sha256(body).digest()
    public = key.public_key().public_bytes_raw()
    header = {"format": "mrpkg", "version": 1, "sha256": digest.hex(),
              "signer": base64.urlsafe_b64encode(public).decode().rstrip("="),
              "signature": base64.urlsafe_b64encode(key.sign(digest)).decode().rstrip("=")}
    out.write_bytes(pyrage.passphrase.encrypt(json.dumps(header).encode() + b"\n" + body, "agreed"))
    return out


def _line(value: Any) -> bytes:
    return json.dumps(value).encode() + b"\n"


def _person() -> dict[str, Any]:
    return {"key": f"person:{uuid.uuid4()}", "kind": "person", "values": {"surname": "X"}, "clocks": {}}


def _refused(db: Database, path: Path, match: str) -> str:
    before = _dump(db)
    with pytest.raises(packages.PackageRefused, match=match) as refused:
        packages.import_package(db, path, operator="ram.officer", passphrase="agreed", trust_sender=True)
    assert _dump(db) == before
    assert "\n" not in str(refused.value)
    return str(refused.value)


def test_a_gzip_bomb_is_refused_after_its_first_line(tmp_path: Path, ramallah: Database) -> None:
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)  # the gzip container
    body = squeeze.compress(_line(_manifest(1, {"person": 1})))
    block = b"0" * (1 << 20)
    body += b"".join(squeeze.compress(block) for _ in range(256)) + squeeze.flush()  # 256 MB, no newline
    path = _sealed(tmp_path / "bomb.mrpkg", body)
    tracemalloc.start()
    try:
        _refused(ramallah, path, r"bomb\.mrpkg: refused: the package unpacks to more than its manifest declares")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 << 20


def test_more_records_than_the_manifest_declares_are_refused(tmp_path: Path, ramallah: Database) -> None:
    body = gzip.compress(_line(_manifest(2, {"person": 2})) + b"".join(_line(_person()) for _ in range(50)))
    _refused(ramallah, _sealed(tmp_path / "more.mrpkg", body), r"more\.mrpkg: refused: .* \(2 records\)")


def test_records_of_other_kinds_or_fewer_than_counted_are_refused(tmp_path: Path, ramallah: Database) -> None:
    body = gzip.compress(_line(_manifest(2, {"household": 2})) + _line(_person()) + _line(_person()))
    _refused(ramallah, _sealed(tmp_path / "kinds.mrpkg", body), r"kinds\.mrpkg: the records are not those the "
             r"manifest counts")
    body = gzip.compress(_line(_manifest(3, {"person": 3})) + _line(_person()))
    _refused(ramallah, _sealed(tmp_path / "fewer.mrpkg", body), r"\(3 declared, 1 arrived\)")


@pytest.mark.parametrize("manifest", [{"counts": {"person": 1}}, {"records": 1, "counts": {"person": 2}},
                                      {"records": -1, "counts": {"person": -1}}, {"records": 1, "counts": [1]}],
                         ids=["no-total", "sum-differs", "negative", "counts-list"])
def test_a_manifest_without_sound_counts_is_malformed(tmp_path: Path, ramallah: Database,
                                                      manifest: dict[str, Any]) -> None:
    first = _manifest(1, {"person": 1})
    first.pop("records")
    first.update(manifest)
    body = gzip.compress(_line(first) + _line(_person()))
    _refused(ramallah, _sealed(tmp_path / "counts.mrpkg", body), r"counts\.mrpkg: malformed content \(line 1 .* "
             r"manifest\)")


def test_a_file_larger_than_any_package_is_not_read(tmp_path: Path, ramallah: Database,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _sealed(tmp_path / "large.mrpkg", gzip.compress(_line(_manifest(0, {}))))
    monkeypatch.setattr(package_file, "MAX_PACKAGE_BYTES", path.stat().st_size - 1)  # a 1 GB file, scaled down
    _refused(ramallah, path, r"large\.mrpkg: 0 MB is more than a roster package may be")


def test_a_deeply_nested_record_is_refused_as_damaged(tmp_path: Path, ramallah: Database) -> None:
    body = gzip.compress(_line(_manifest(1, {"person": 1})) + b"[" * 200_000 + b"]" * 200_000 + b"\n")
    _refused(ramallah, _sealed(tmp_path / "deep.mrpkg", body), r"deep\.mrpkg: the package is damaged")


def test_an_honest_package_still_reads(tmp_path: Path, ramallah: Database) -> None:
    manifest = _manifest(2, {"person": 2})
    records = [_person(), _person()]
    data = package_file.seal(manifest, records, sign_private=package_file.new_site_keys().sign_private,
                             passphrase="agreed")
    (tmp_path / "fine.mrpkg").write_bytes(data)
    package = package_file.read_package(tmp_path / "fine.mrpkg", passphrase="agreed")
    assert package.records == records
    assert io.BytesIO(data).getbuffer().nbytes < package_file.MAX_PACKAGE_BYTES
