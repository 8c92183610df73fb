"""What a package's record values must look like before the merge writes any of them.

    problem = record_problem(record)     # None, or the field that is not what its column takes
    check_records(path, records)         # PackageRefused naming the line, record and field

A package that decrypts and is signed is still not trusted content (anyone holding an agreed
passphrase signs with a key of their own), and the merge writes values straight to columns: a
date that is not a date, a flag that is not a flag, a list where text goes used to stop the import
half-way with the driver's or the date parser's own error, which quotes the value (personal data)
and is no refusal. Each field is checked against the column it is written to (its type, whether it
may be empty, its length); fields this version does not know are left alone, as the merge does.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Table

from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.exchange.package_file import PackageRefused
from desktop_app.services.packages.journal import _attempt_key, _checkin_key, _liaison_key
from desktop_app.storage.models import (
    Checkin,
    ContactAttempt,
    Document,
    EvacuationList,
    Household,
    LiaisonEntry,
    ListMember,
    Person,
    Phone,
    StatusChange,
)

Check = Callable[[Any], bool]
_REF_LENGTH = 64  # a record's uuid (36) or a journal digest named in another record


def _text(value: Any, length: int | None) -> bool:
    return isinstance(value, str) and (length is None or len(value) <= length)


def _iso(parse: Callable[[str], Any], value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parsed = parse(value)
    except ValueError:
        return False
    return not isinstance(parsed, dt.datetime) or parsed.tzinfo is None


def _column(column: Column[Any]) -> Check:
    """What `column` takes, as a package writes it (dates as ISO text; None only where it may be NULL)."""
    kind = column.type
    if isinstance(kind, Boolean):
        base: Check = lambda v: isinstance(v, bool)  # noqa: E731
    elif isinstance(kind, DateTime):
        base = lambda v: _iso(dt.datetime.fromisoformat, v)  # noqa: E731
    elif isinstance(kind, Date):
        base = lambda v: _iso(dt.date.fromisoformat, v)  # noqa: E731
    elif isinstance(kind, Integer):
        base = lambda v: isinstance(v, int) and not isinstance(v, bool) and abs(v) < 1 << 63  # noqa: E731
    elif isinstance(kind, String):  # Text too
        length = kind.length
        base = lambda v: _text(v, length)  # noqa: E731
    else:  # pragma: no cover - a column type this module was not told about
        raise TypeError(f"no package check for {kind!r}")
    if column.nullable:
        return lambda v: v is None or base(v)
    return base


def _of(model: Any, *names: str, **renamed: str) -> dict[str, Check]:
    table = cast(Table, model.__table__)
    checks = {name: _column(table.c[name]) for name in names}
    checks.update({field: _column(table.c[name]) for field, name in renamed.items()})
    return checks


def _ref(value: Any) -> bool:
    return value is None or _text(value, _REF_LENGTH)


def _rows(*columns: Check) -> Check:
    def check(value: Any) -> bool:
        return isinstance(value, list) and all(
            isinstance(row, list) and len(row) == len(columns) and all(c(v) for c, v in zip(columns, row, strict=True))
            for row in value)
    return check


def _document_columns() -> Check:
    table = cast(Table, Document.__table__)
    return _rows(*(_column(table.c[n]) for n in ("doc_type", "number", "issuing_country", "issue_date",
                                                 "expiry_date")))


def _phone_columns() -> Check:
    table = cast(Table, Phone.__table__)
    return _rows(_column(table.c["e164"]), _column(table.c["label"]))


def _refs(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and len(v) <= _REF_LENGTH for v in value)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


_PERSON_NAMES = ("case_ref", "surname", "given_names", "patronymic", "surname_latin", "given_names_latin", "sex",
                 "birth_date", "place_of_birth", "citizenships", "email", "messenger", "region", "locality",
                 "address", "medical", "reduced_mobility", "pregnant", "unaccompanied_minor", "consent_to_share",
                 "consent_date", "source", "notes", "relationship", "status")
FIELDS: dict[str, dict[str, Check]] = {
    "person": _of(Person, *_PERSON_NAMES) | {"household": _ref, "merged_into": _ref, "deleted": _flag,
                                             "documents": _document_columns(), "phones": _phone_columns()},
    "household": _of(Household, "name", "notes", "ref") | {"head": _ref},
    "list": _of(EvacuationList, "name", "state", "notes", "sent_at", "answered_at") | {"organization": _ref},
    "member": _of(ListMember, "answer", "valid_until", "crossed_at", "answered_at", "answer_note", "added_at",
                  "added_by") | {"present": _flag},
    "status": _of(StatusChange, "reason", "at", "operator", **{"from": "from_status", "to": "to_status"})
    | {"person": _ref, "list": _ref},
    "liaison": _of(LiaisonEntry, "at", "operator", "channel", "counterpart", "summary", "follow_up_due",
                   "follow_up_done_at") | {"organization": _ref, "list": _ref, "persons": _refs},
    "attempt": _of(ContactAttempt, "outcome", "note", "at", "operator") | {"person": _ref, "list": _ref},
    "checkin": _of(Checkin, "kind", "at", "operator", "status_before", "crossed_before", "undone_at", "undone_by")
    | {"person": _ref, "list": _ref},
}
# Fields without which the record cannot be written at all.
REQUIRED: dict[str, tuple[str, ...]] = {"status": ("to", "at"), "liaison": ("at",), "attempt": ("at",),
                                        "checkin": ("at",)}
# What a journal record's key is the digest of (journal.py): the fields that never change.
_NAMED_BY: dict[str, tuple[tuple[str, ...], Callable[..., str]]] = {
    "liaison": (("at", "operator", "channel", "organization"), _liaison_key),
    "attempt": (("person", "at", "operator", "outcome", "note"), _attempt_key),
    "checkin": (("list", "person", "kind", "at", "operator"), _checkin_key),
}
_KEY_PARTS = {"member": 3}  # member:<list uuid>:<person uuid>; every other kind: <kind>:<id>


def _is_uuid(value: Any) -> bool:
    """A UUID written as str(uuid.UUID) writes it (lower case, with its dashes), nothing else."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def record_problem(record: dict[str, Any]) -> str | None:
    """The first field of `record` (already shaped as package_file checks) that its column does not
    take, 'key' when the key is not one, or None. Never the value."""
    kind, key, values = record["kind"], record["key"], record["values"]
    parts = key.split(":")
    if len(parts) != _KEY_PARTS.get(kind, 2) or not all(0 < len(part) <= _REF_LENGTH for part in parts[1:]):
        return "key"
    checks = FIELDS.get(kind, {})
    for name in REQUIRED.get(kind, ()):
        if values.get(name) is None:
            return name
    for name, value in values.items():
        check = checks.get(name)
        if check is not None and not check(value):
            return str(name)
    if kind in _NAMED_BY and values.get("uid") is not None:
        # A record made since migration 0019 is named by its uid, which must be a UUID (the column
        # holds 36 characters, and a made-up one could take another entry's name) and be its key.
        uid = values["uid"]
        return None if _is_uuid(uid) and key == f"{kind}:{uid}" else "uid"
    if kind in _NAMED_BY:
        # A key that is not the digest of its record would be taken for another entry here (or sent
        # back as a new one); the digest's separator inside a field would let two records share one.
        names, digest = _NAMED_BY[kind]
        parts = [values.get(name) for name in names]
        if any(isinstance(part, str) and "\x1f" in part for part in parts) or digest(*parts) != key:
            return "key"
    return None


def check_records(path: Path, records: Sequence[dict[str, Any]]) -> None:
    """PackageRefused, naming the line, the record's key and the field, for the first record a
    column would not take or whose key came before (nothing has been written yet)."""
    seen: set[str] = set()
    for line, record in enumerate(records, start=2):  # line 1 is the manifest
        if record["key"] in seen:  # two versions of one record: which one the merge took was chance
            raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: malformed content (line {line}, "
                                                   "{record}: the record is in the package twice); nothing was "
                                                   "changed"), path=path.name, line=line, record=record["key"][:80])
        seen.add(record["key"])
        if (field := record_problem(record)) is not None:
            raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: malformed content (line {line}, "
                                                   "{record}: {field} is not what this roster can store); "
                                                   "nothing was changed"),
                                 path=path.name, line=line, record=record["key"][:80], field=field)
