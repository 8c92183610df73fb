"""Named import mappings ('Egyptian MFA'), shared by every workstation through the database.

A profile maps header texts to roster fields ('' for a column to leave out). Its header
signature (a hash of the file's headers, folded, in order) lets the import offer it again,
by itself, when a file with the same headers comes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.exchange.headers import IMPORT_TARGETS, normalize_header
from desktop_app.services import accounts, audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import MappingProfile

MAX_NAME = 200


@dataclass(frozen=True)
class MappingProfileView:
    name: str
    header_signature: str
    mapping: dict[str, str]  # header text -> target key ('' : left out)
    updated_at: dt.datetime
    updated_by: str


def header_signature(headers: Sequence[str]) -> str:
    """SHA-256 of the file's non-empty headers, folded and in order."""
    folded = [normalize_header(h) for h in headers if h and h.strip()]
    return hashlib.sha256("\x1f".join(folded).encode("utf-8")).hexdigest()


def _view(row: MappingProfile) -> MappingProfileView:
    return MappingProfileView(row.name, row.header_signature, json.loads(row.mapping), row.updated_at, row.updated_by)


@accounts.guarded(Permission.IMPORT)
def save_mapping_profile(db: Database, name: str, headers: Sequence[str], mapping: Mapping[str, str], *,
                         operator: str) -> MappingProfileView:
    """Save (or replace) the profile `name`: `mapping` is {header: target or ''} for the file's `headers`."""
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("profile name", name, QT_TRANSLATE_NOOP("services.import_profiles", "is empty"))
    if len(clean) > MAX_NAME:
        raise ValidationError("profile name", name, f"is longer than {MAX_NAME} characters")
    for header, target in mapping.items():
        if target and target not in IMPORT_TARGETS:
            raise ValidationError("mapping", f"{header}={target}",
                                  QT_TRANSLATE_NOOP("services.import_profiles", "names no roster field"))
    stored = {header: target or "" for header, target in mapping.items()}
    with db.transaction() as session:
        row = session.scalar(select(MappingProfile).where(MappingProfile.name == clean))
        old = json.loads(row.mapping) if row else None
        if row is None:
            row = MappingProfile(name=clean)
            session.add(row)
        row.header_signature = header_signature(headers)
        row.mapping = json.dumps(stored, ensure_ascii=False)
        row.updated_at = audit.now()
        row.updated_by = operator
        audit.record(session, operator, "update" if old is not None else "create", "mapping_profile", clean,
                     f"saved import mapping profile '{clean}'", {"mapping": [old, stored]})
        session.flush()
        return _view(row)


def list_mapping_profiles(db: Database) -> list[MappingProfileView]:
    with db.reading() as session:
        return [_view(row) for row in session.scalars(select(MappingProfile).order_by(MappingProfile.name))]


@accounts.guarded(Permission.IMPORT)
def delete_mapping_profile(db: Database, name: str, *, operator: str) -> None:
    with db.transaction() as session:
        row = session.scalar(select(MappingProfile).where(MappingProfile.name == name))
        if row is None:
            raise NotFound("mapping profile", name)
        audit.record(session, operator, "delete", "mapping_profile", name, f"deleted import mapping profile '{name}'",
                     {"mapping": [json.loads(row.mapping), None]})
        session.delete(row)


def profile_named(session: Session, name: str) -> MappingProfileView:
    row = session.scalar(select(MappingProfile).where(MappingProfile.name == name))
    if row is None:
        known = ", ".join(session.scalars(select(MappingProfile.name).order_by(MappingProfile.name))) or "none saved"
        raise ValidationError("profile", name, f"is not a saved mapping profile (profiles: {known})")
    return _view(row)


def profile_for_headers(session: Session, headers: Sequence[str]) -> MappingProfileView | None:
    """The most recently saved profile made for files with exactly these headers."""
    row = session.scalar(select(MappingProfile).where(MappingProfile.header_signature == header_signature(headers))
                         .order_by(MappingProfile.updated_at.desc(), MappingProfile.id.desc()).limit(1))
    return _view(row) if row else None


def apply_profile(headers: Sequence[str], mapping: dict[int, str], profile: Mapping[str, str]) -> dict[int, str]:
    """`mapping` with the profile's choices for the headers it knows (a '' choice leaves a column out)."""
    by_header = {normalize_header(h): target for h, target in profile.items()}
    result = dict(mapping)
    for index, header in enumerate(headers):
        key = normalize_header(header)
        if header and key in by_header:
            target = by_header[key]
            for other, chosen in list(result.items()):
                if target and chosen == target and other != index:
                    del result[other]
            if target:
                result[index] = target
            else:
                result.pop(index, None)
    return dict(sorted(result.items()))
