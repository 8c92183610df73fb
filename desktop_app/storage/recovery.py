"""The recovery file beside an encrypted roster: its passphrase sealed so that a recovery key opens it.

An officer who forgets the passphrase (or leaves, taking it along) must not lose the roster; yet
the recovery key, printed once and kept in the mission's safe, is never needed day to day. So the
file `roster.db.recovery` holds a key pair: the public half seals the roster's passphrase, and
the private half is itself encrypted under the recovery key. Changing the passphrase re-seals the
new one with the public half (no recovery key needed), so the printed key stays good for the life
of the roster. Whoever reads the file without the recovery key learns nothing.

    key = create(path, passphrase)          # written beside the roster; the key is shown once
    reseal(path, new_passphrase)            # after a passphrase change (services.backups does it)
    passphrase = unseal(path, key)          # RecoveryKeyRefused if the key does not open it
    copy_to(path, backup_folder)            # kept with the backups (services.backups does it)
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
import unicodedata
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from desktop_app.domain.errors import DatabaseError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP

SUFFIX = ".recovery"
FORMAT = 1
KEY_BYTES = 20  # 160 random bits: 32 letters and digits in base32, in 8 groups of 4
GROUP = 4
RSA_BITS = 3072
_OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


class RecoveryKeyRefused(DatabaseError):
    """The recovery key given does not open the roster's recovery file."""


def recovery_path(roster: Path) -> Path:
    """Where the recovery file of the roster at `roster` lives (beside it)."""
    return roster.with_name(roster.name + SUFFIX)


def new_key() -> str:
    """A fresh recovery key, in groups of four for reading aloud and typing: `ABCD-EFGH-…`."""
    text = base64.b32encode(secrets.token_bytes(KEY_BYTES)).decode("ascii").rstrip("=")
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))


# A key is read off paper: the Cyrillic and Greek capitals that look like its Latin letters (a Russian
# keyboard, a copy from a document, a scan), and the digits 0 and 8 that base32 never uses, for the O
# and B they are taken for, are read as those letters.
_LOOKALIKES = str.maketrans("АВСЕНІЈКМОРЅТХУΑΒΕΗΙΚΜΝΟΡΤΧΥΖ08", "ABCEHIJKMOPSTXYABEHIKMNOPTXYZOB")


def normalize_key(text: str) -> str:
    """The key as typed or read from a file, in its canonical form (any case, spaces and dashes ignored;
    full-width forms, look-alike Cyrillic and Greek letters, 0 and 8 read as the key's letters)."""
    folded = unicodedata.normalize("NFKC", text).upper().translate(_LOOKALIKES)
    letters = "".join(ch for ch in folded if ch.isalnum())
    return "-".join(letters[i:i + GROUP] for i in range(0, len(letters), GROUP))


def create(roster: Path, passphrase: str, *, key: str | None = None) -> str:
    """Write the recovery file beside `roster` with `passphrase` sealed; return the recovery key.

    A recovery file made before is replaced (asked for: the key printed before stops working).
    """
    key = normalize_key(key or new_key())
    private = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    record = {
        "format": FORMAT,
        "roster": roster.name,
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "public_key": private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii"),
        "private_key": private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(key.encode("ascii"))).decode("ascii"),
    }
    _write(recovery_path(roster), {**record, **_seal(record["public_key"], passphrase)})
    return key


def exists(roster: Path) -> bool:
    return recovery_path(roster).is_file()


def reseal(roster: Path, passphrase: str) -> bool:
    """Seal the roster's new `passphrase` in its recovery file, if it has one; True when it did."""
    path = recovery_path(roster)
    if not path.is_file():
        return False
    record = _read(path)
    earlier = [{k: record[k] for k in ("wrapped_key", "sealed_passphrase", "sealed_at")}, *record.get("earlier", [])]
    # The passphrases sealed before stay too: backups taken before a change keep the old passphrase.
    _write(path, {**record, **_seal(record["public_key"], passphrase), "earlier": earlier})
    return True


def copy_to(roster: Path, folder: Path) -> Path | None:
    """A copy of the roster's recovery file in `folder` (the backup stick), so that a backup of a lost
    laptop's roster can be opened with the printed key; None when the roster has none. The copy is as
    safe as the original: it opens only with the recovery key."""
    source = recovery_path(roster)
    target = folder / source.name
    if not source.is_file() or target.absolute() == source.absolute():
        return None
    _write(target, _read(source))
    return target


def adopt(roster: Path, recovery_file: Path) -> Path:
    """Put a copy of `recovery_file` (the one kept with the backups) beside `roster`, a backup restored
    on another computer, so that the key keeps working there; an existing one is left as it is."""
    target = recovery_path(roster)
    if not target.exists():
        _write(target, _read(recovery_file))
    return target


def unseal(roster: Path, key: str, *, recovery_file: Path | None = None) -> str:
    """The passphrase sealed in the roster's recovery file (beside it, or `recovery_file`: the copy kept
    with the backups), opened with the recovery `key`."""
    return unseal_all(roster, key, recovery_file=recovery_file)[0]


def unseal_all(roster: Path, key: str, *, recovery_file: Path | None = None) -> list[str]:
    """Every passphrase the recovery file has sealed, the newest first (a backup may be older than the
    last passphrase change)."""
    path = recovery_file or recovery_path(roster)
    if not path.is_file():
        raise DatabaseError(QT_TRANSLATE_NOOP("storage.recovery", "{path}: there is no recovery file beside the "
                                              "roster; a recovery key opens a roster only with it"), path=str(path))
    record = _read(path)
    try:
        private = serialization.load_pem_private_key(record["private_key"].encode("ascii"),
                                                     password=normalize_key(key).encode("ascii"))
    except (ValueError, TypeError):
        raise RecoveryKeyRefused(QT_TRANSLATE_NOOP("storage.recovery", "{path}: this recovery key does not open "
                                                   "the roster's recovery file; nothing was changed"),
                                 path=str(path)) from None
    if not isinstance(private, rsa.RSAPrivateKey):
        raise _damaged(path)
    earlier = record.get("earlier", [])
    found = []
    for sealed in (record, *(earlier if isinstance(earlier, list) else [])):
        try:  # a damaged entry is passed over: the others may still open the roster
            fernet_key = private.decrypt(base64.b64decode(sealed["wrapped_key"]), _OAEP)
            found.append(Fernet(fernet_key).decrypt(sealed["sealed_passphrase"].encode("ascii")).decode("utf-8"))
        except (KeyError, TypeError, ValueError, AttributeError, InvalidToken):
            continue
    if not found:
        raise _damaged(path)
    return found


def _seal(public_pem: str, passphrase: str) -> dict[str, str]:
    public = serialization.load_pem_public_key(public_pem.encode("ascii"))
    assert isinstance(public, rsa.RSAPublicKey)
    fernet_key = Fernet.generate_key()
    return {"wrapped_key": base64.b64encode(public.encrypt(fernet_key, _OAEP)).decode("ascii"),
            "sealed_passphrase": Fernet(fernet_key).encrypt(passphrase.encode("utf-8")).decode("ascii"),
            "sealed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


def _read(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict) or record.get("format") != FORMAT or not isinstance(record.get("private_key"),
                                                                                         str):
        raise _damaged(path)
    return record


def _damaged(path: Path) -> DatabaseError:
    return DatabaseError(QT_TRANSLATE_NOOP("storage.recovery", "{path}: not a recovery file of this program, or "
                                           "damaged"), path=str(path))


def _write(path: Path, record: dict[str, object]) -> None:
    """Write beside, then swap: a cut-off write leaves the recovery file as it was."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
