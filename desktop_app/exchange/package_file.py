"""The `.mrpkg` roster package: keys, signature and age encryption (issue 17).

    keys = new_site_keys()
    line = public_line(site_uuid, keys.sign_public, keys.age_recipient)   # 'mrsite1:<uuid>:<ed25519>:<age1…>'
    data = seal(manifest, records, sign_private=keys.sign_private, recipients=[age1…])  # bytes to write
    package = read_package(path, identities=[keys.age_identity])          # or passphrase=...
    package.manifest, package.records, package.signer, package.sha256
    statement = rekey_statement(old_keys.sign_private, new_line)        # a rotated key, signed by the old one
    verify_rekey(old_keys.sign_public, new_line, statement)             # True

Inside the age encryption (to the receiving sites' X25519 keys, or to a passphrase): one JSON
header line `{"format": "mrpkg", "version": 1, "sha256": …, "signer": …, "signature": …}`, then
the body: gzip (no time stamp, so the same content gives the same bytes) of JSON lines, the
manifest first, then one record a line in a fixed order. The Ed25519 signature covers the
body's SHA-256; the header's checksum is checked first. A package that fails anything is
refused with `PackageRefused` and one line saying why.

The body is unpacked as a stream, never whole: a file over MAX_PACKAGE_BYTES is not read, a line
over MAX_LINE_BYTES, more records than the manifest's `records`, or more unpacked bytes than its
records may take (AVERAGE_RECORD_BYTES each, at most MAX_UNPACKED_BYTES) stop the unpacking at
once; at the end the records of each kind must be as many as its `counts` say.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from desktop_app.domain.errors import RosterError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP

FORMAT = "mrpkg"
FORMAT_VERSION = 1
PUBLIC_PREFIX = "mrsite1"
MAX_PACKAGE_BYTES = 1 << 30  # the encrypted file (a 100,000-person roster packs to tens of MB)
MAX_LINE_BYTES = 1 << 20  # one record (or the manifest) unpacked
AVERAGE_RECORD_BYTES = 16 << 10  # unpacked, on average over a package's records (a person is under 1 KB)
MAX_UNPACKED_BYTES = 2 << 30


class PackageRefused(RosterError):
    """A package that is not read: damaged, tampered, not for us, wrong passphrase, replayed."""


@dataclass(frozen=True)
class SiteKeys:
    sign_private: str  # Ed25519 raw private key, base64url
    sign_public: str  # Ed25519 raw public key, base64url
    age_identity: str  # AGE-SECRET-KEY-1…
    age_recipient: str  # age1…


@dataclass(frozen=True)
class PublicKey:
    site_uuid: str
    sign_public: str
    age_recipient: str


@dataclass(frozen=True)
class Package:
    manifest: dict[str, Any]
    records: list[dict[str, Any]]
    signer: str  # the Ed25519 public key that signed it (base64url)
    sha256: str  # of the body


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_site_keys() -> SiteKeys:
    """A fresh Ed25519 signing pair and an age X25519 identity."""
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    raw_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    identity = pyrage.x25519.Identity.generate()
    return SiteKeys(_b64(raw_private), _b64(raw_public), str(identity), str(identity.to_public()))


def public_line(site_uuid: str, sign_public: str, age_recipient: str) -> str:
    """Both public keys and the site's id in one printable line, to send or read out."""
    return f"{PUBLIC_PREFIX}:{site_uuid}:{sign_public}:{age_recipient}"


def parse_public_line(line: str) -> PublicKey:
    """The parts of a `public_line`; RosterError when it is not one."""
    parts = line.strip().split(":")
    try:
        if len(parts) != 4 or parts[0] != PUBLIC_PREFIX:
            raise ValueError(line)
        site = str(uuid_module.UUID(parts[1]))
        Ed25519PublicKey.from_public_bytes(_unb64(parts[2]))
        pyrage.x25519.Recipient.from_str(parts[3])
    except (ValueError, pyrage.RecipientError) as exc:
        raise RosterError(QT_TRANSLATE_NOOP("exchange.package_file", "not a site's public key (expected "
                                            "'mrsite1:<site id>:<signing key>:<age1…>'): {line}"),
                          line=line.strip()[:80]) from exc
    return PublicKey(site, parts[2], parts[3])


def fingerprint(sign_public: str) -> str:
    """The signing key's SHA-256, first 16 bytes as 8 groups of 4 hex digits (read out by phone)."""
    digest = hashlib.sha256(_unb64(sign_public)).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def _statement_text(new_line: str) -> bytes:
    return b"mrpkg rekey\n" + new_line.encode()


def rekey_statement(old_sign_private: str, new_line: str) -> str:
    """The old signing key's signature over the site's new public line: what tells the partners,
    in the next package, that the new key is the same site's (`verify_rekey`)."""
    key = Ed25519PrivateKey.from_private_bytes(_unb64(old_sign_private))
    return _b64(key.sign(_statement_text(new_line)))


def verify_rekey(old_sign_public: str, new_line: str, signature: str) -> bool:
    """Whether `signature` is the key `old_sign_public`'s statement that `new_line` replaces it."""
    try:
        Ed25519PublicKey.from_public_bytes(_unb64(old_sign_public)).verify(_unb64(signature),
                                                                           _statement_text(new_line))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _body(manifest: dict[str, Any], records: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=6) as out:
        out.write(_line(manifest))
        for record in records:
            out.write(_line(record))
    return buffer.getvalue()


def _line(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"


def seal(manifest: dict[str, Any], records: Iterable[dict[str, Any]], *, sign_private: str,
         recipients: Sequence[str] = (), passphrase: str | None = None) -> bytes:
    """The encrypted package bytes: to the age `recipients`, or to `passphrase` (exactly one of them)."""
    if bool(recipients) == (passphrase is not None):
        raise ValueError("a package goes to recipients or to a passphrase")
    body = _body(manifest, records)
    digest = hashlib.sha256(body).digest()
    key = Ed25519PrivateKey.from_private_bytes(_unb64(sign_private))
    header = {"format": FORMAT, "version": FORMAT_VERSION, "sha256": digest.hex(),
              "signer": _b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)),
              "signature": _b64(key.sign(digest))}
    plain = _line(header) + body
    if passphrase is not None:
        return pyrage.passphrase.encrypt(plain, passphrase)
    return pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(r) for r in recipients])


def _refused(text: str, path: Path, **values: Any) -> PackageRefused:
    return PackageRefused(text, path=path.name, **values)


def read_package(path: Path, *, identities: Sequence[str] = (), passphrase: str | None = None) -> Package:
    """Decrypt, check the checksum and the signature (against the key the header names: the caller
    checks that key is the sender's), and parse. PackageRefused on any failure."""
    try:
        size = path.stat().st_size
        if size > MAX_PACKAGE_BYTES:
            raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: {size} MB is more than a roster "
                                             "package may be ({limit} MB)"), path, size=size >> 20,
                           limit=MAX_PACKAGE_BYTES >> 20)
        data = path.read_bytes()
    except OSError as exc:
        raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: cannot be read ({why})"), path,
                       why=exc.strerror or str(exc)) from exc
    plain = _decrypt(path, data, identities, passphrase)
    header_end = plain.find(b"\n")
    try:
        header = json.loads(plain[:header_end])
        if not isinstance(header, dict) or header.get("format") != FORMAT or not isinstance(header.get("sha256"), str):
            raise ValueError("header")
    except (ValueError, UnicodeDecodeError) as exc:
        raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: not a roster package"), path) from exc
    if header.get("version") != FORMAT_VERSION:
        raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: package format {version} is not "
                                         "known to this version of the program"), path, version=header.get("version"))
    body = plain[header_end + 1:]
    digest = hashlib.sha256(body).digest()
    if digest.hex() != header["sha256"]:
        raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: the checksum does not match: the "
                                         "package is damaged or was altered"), path)
    try:
        Ed25519PublicKey.from_public_bytes(_unb64(header["signer"])).verify(_unb64(header["signature"]), digest)
    except (InvalidSignature, ValueError, KeyError, TypeError) as exc:
        raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: the signature does not match: the "
                                         "package was altered or not signed by its sender"), path) from exc
    try:
        manifest, records = _unpack(path, body)
    except (OSError, EOFError, ValueError, RecursionError) as exc:
        raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: the package is damaged"), path) from exc
    return Package(manifest, records, header["signer"], digest.hex())


def _malformed(path: Path, line: int, what: str) -> PackageRefused:
    return _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: malformed content (line {line} of the "
                                      "package is not a {what})"), path, line=line, what=what)


def _unpack(path: Path, body: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The manifest and the records, unpacked line by line within the limits the manifest sets.

    Signed is not trusted: anyone who knows an agreed passphrase signs with a key of their own."""
    with gzip.GzipFile(fileobj=io.BytesIO(body), mode="rb") as stream:
        first = stream.readline(MAX_LINE_BYTES + 1)
        if not first:
            raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: the package is damaged"), path)
        manifest = json.loads(first) if len(first) <= MAX_LINE_BYTES else None
        counts, expected = _declared(manifest)
        if manifest is None or expected is None or counts is None:
            raise _malformed(path, 1, "manifest")
        budget = min(MAX_UNPACKED_BYTES, MAX_LINE_BYTES + expected * AVERAGE_RECORD_BYTES)
        unpacked = len(first)
        records: list[dict[str, Any]] = []
        arrived: dict[str, int] = {}
        while raw := stream.readline(MAX_LINE_BYTES + 1):
            unpacked += len(raw)
            if len(raw) > MAX_LINE_BYTES or unpacked > budget or len(records) >= expected:
                raise _refused(QT_TRANSLATE_NOOP(
                    "exchange.package_file", "{path}: refused: the package unpacks to more than its manifest "
                    "declares ({records} records); nothing was changed"), path, records=expected)
            record = json.loads(raw)
            if not _is_record(record):
                raise _malformed(path, len(records) + 2, "record")
            records.append(record)
            arrived[record["kind"]] = arrived.get(record["kind"], 0) + 1
    if len(records) != expected or arrived != {kind: n for kind, n in counts.items() if n}:
        raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: the records are not those the "
                                         "manifest counts ({records} declared, {arrived} arrived)"), path,
                       records=expected, arrived=len(records))
    return manifest, records


def _declared(manifest: Any) -> tuple[dict[str, int] | None, int | None]:
    """The manifest's record counts per kind and in all (None when it does not give them soundly)."""
    if not isinstance(manifest, dict):
        return None, None
    counts, records = manifest.get("counts"), manifest.get("records")
    if not (isinstance(counts, dict) and _count(records) and all(
            isinstance(k, str) and _count(n) for k, n in counts.items())) or sum(counts.values()) != records:
        return None, None
    return counts, records


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_record(line: Any) -> bool:
    """A record line: {"key": "<kind>:<id>", "kind": "<kind>", "values": {...}, "clocks": {field: {site: n}}}."""
    if not isinstance(line, dict):
        return False
    key, kind, values, clocks = line.get("key"), line.get("kind"), line.get("values"), line.get("clocks")
    return (isinstance(key, str) and isinstance(kind, str) and key.startswith(kind + ":")
            and isinstance(values, dict) and isinstance(clocks, dict)
            and all(isinstance(clock, dict) and all(isinstance(n, int) and not isinstance(n, bool)
                                                    for n in clock.values()) for clock in clocks.values()))


def _decrypt(path: Path, data: bytes, identities: Sequence[str], passphrase: str | None) -> bytes:
    try:
        if passphrase is not None:
            return pyrage.passphrase.decrypt(data, passphrase)
        if not identities:
            raise _refused(QT_TRANSLATE_NOOP("exchange.package_file", "{path}: this roster has no site keys "
                                             "(run 'site init')"), path)
        return pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(i) for i in identities])
    except pyrage.DecryptError as exc:
        why = str(exc).lower()
        if passphrase is not None:
            text = QT_TRANSLATE_NOOP("exchange.package_file", "{path}: wrong passphrase, or not a package made "
                                     "with a passphrase")
        elif "no matching keys" in why or "passphrase" in why:
            text = QT_TRANSLATE_NOOP("exchange.package_file", "{path}: the package is not addressed to this site "
                                     "(or was made with a passphrase: give --password-file)")
        else:
            text = QT_TRANSLATE_NOOP("exchange.package_file", "{path}: the package is damaged or truncated")
        raise _refused(text, path) from exc
