"""Export profiles shared by every workstation of a mission: the built-in ones and the users' own.

Built-in profiles (border authority list, ICRC family list, flight manifest, full roster)
are served from code and the package's JSON files, never copied into the database: every
database has them, an upgrade of the program improves them everywhere at once, and nobody
can change or delete them by accident. A user who wants a variant opens one in the profile
editor and saves it under a new name; that copy is stored in the `export_profiles` table
(its JSON definition, `ExportProfile.dumps`) and shared through the database. Saving and
deleting are audited with the definition before and after.

Profiles are looked up by name, case-insensitively: a built-in one also by its key
('border_authority', 'flight_manifest' …), which is what the command line uses.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import EXPORT_PROFILE_KNOWN, NotFound, ValidationError
from desktop_app.domain.export_profile import BUILTIN_PROFILES, ExportProfile, builtin_profile
from desktop_app.domain.messages import Message
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import ExportProfileRow


@dataclass(frozen=True)
class ProfileEntry:
    """One profile as the profile list shows it: `key` is what to pass to `get_profile`."""

    key: str
    profile: ExportProfile
    builtin: bool
    updated_at: dt.datetime | None = None
    updated_by: str = ""

    @property
    def name(self) -> str:
        return self.profile.name


def builtin_entries() -> list[ProfileEntry]:
    return [ProfileEntry(key, builtin_profile(key), True) for key in BUILTIN_PROFILES]


def list_profiles(db: Database) -> list[ProfileEntry]:
    """The built-in profiles first, then the mission's own in name order."""
    with db.reading() as session:
        stored = [ProfileEntry(row.name, _parse(row), False, row.updated_at, row.updated_by)
                  for row in session.scalars(select(ExportProfileRow).order_by(func.lower(ExportProfileRow.name)))]
    return builtin_entries() + stored


def get_profile(db: Database, name: str) -> ExportProfile:
    """The profile called `name` (a built-in key or name, or a saved profile's name); NotFound otherwise."""
    wanted = name.strip().casefold()
    for entry in builtin_entries():
        if wanted in (entry.key.casefold(), entry.name.casefold()):
            return entry.profile
    with db.reading() as session:
        row = _find_row(session, name)
        if row is not None:
            return _parse(row)
    known = ", ".join(entry.key for entry in list_profiles(db))
    raise NotFound(Message(EXPORT_PROFILE_KNOWN, known=known), name)


@accounts.guarded(Permission.CONFIGURE)
def save_profile(db: Database, profile: ExportProfile, *, operator: str) -> ProfileEntry:
    """Store `profile` under its name (replacing a saved profile of that name); audited.

    The profile was validated when it was built; a name taken by a built-in profile is refused.
    """
    _refuse_builtin_name(profile.name, "is the name of a built-in profile; save your copy under another name")
    definition = profile.dumps()
    with db.transaction() as session:
        row = _find_row(session, profile.name)
        stamp = audit.now()
        if row is None:
            row = ExportProfileRow(name=profile.name, definition=definition, builtin=False, updated_at=stamp,
                                   updated_by=operator)
            session.add(row)
            session.flush()
            audit.record(session, operator, "create", "export_profile", profile.name,
                         f"saved export profile {profile.name!r}", {"definition": [None, profile.to_json()]})
        else:
            before = json.loads(row.definition)
            row.name = profile.name
            row.definition = definition
            row.updated_at = stamp
            row.updated_by = operator
            audit.record(session, operator, "update", "export_profile", profile.name,
                         f"changed export profile {profile.name!r}", {"definition": [before, profile.to_json()]})
        return ProfileEntry(row.name, profile, False, row.updated_at, row.updated_by)


@accounts.guarded(Permission.CONFIGURE)
def delete_profile(db: Database, name: str, *, operator: str) -> None:
    """Remove a saved profile; built-in ones cannot be deleted. Audited with the definition."""
    _refuse_builtin_name(name, "is built in and cannot be deleted")
    with db.transaction() as session:
        row = _find_row(session, name)
        if row is None:
            raise NotFound("saved export profile", name)
        audit.record(session, operator, "delete", "export_profile", row.name, f"deleted export profile {row.name!r}",
                     {"definition": [json.loads(row.definition), None]})
        session.delete(row)


def _refuse_builtin_name(name: str, reason: str) -> None:
    wanted = name.strip().casefold()
    for entry in builtin_entries():
        if wanted in (entry.key.casefold(), entry.name.casefold()):
            raise ValidationError("profile", name, reason)


def _find_row(session: Session, name: str) -> ExportProfileRow | None:
    """The saved profile named `name`, compared case-insensitively in any script (a mission has few)."""
    wanted = name.strip().casefold()
    rows = session.scalars(select(ExportProfileRow))
    return next((row for row in rows if row.name.casefold() == wanted), None)


def _parse(row: ExportProfileRow) -> ExportProfile:
    try:
        return ExportProfile.loads(row.definition)
    except ValidationError as exc:
        raise ValidationError(f"saved export profile {row.name!r}", None, exc.message) from None
