"""Mission-wide settings kept in the database, shared by every workstation of the mission."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from desktop_app.domain.countries import alpha2, normalize_country
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import Setting

DEMONSTRATION_KEY = "demonstration"


@dataclass(frozen=True)
class MissionSettings:
    mission_name: str = ""
    # Host country of the mission: numbers typed without a country code are read as local.
    mission_country: str | None = None
    # A demonstration roster (invented families): the title bar and every export say so.
    demonstration: bool = False

    @property
    def phone_region(self) -> str | None:
        return alpha2(self.mission_country) if self.mission_country else None


def load_mission(db: Database) -> MissionSettings:
    with db.reading() as session:
        # Only the mission's own keys: other services keep theirs in the table as plain text.
        stored = {row.key: json.loads(row.value) for row in session.scalars(
            select(Setting).where(Setting.key.in_(("mission_name", "mission_country", DEMONSTRATION_KEY))))}
    return MissionSettings(stored.get("mission_name", ""), stored.get("mission_country"),
                           bool(stored.get(DEMONSTRATION_KEY, False)))


@accounts.guarded(Permission.MISSION)
def mark_demonstration(db: Database, *, operator: str) -> None:
    """Mark the roster as a demonstration for as long as it lives (audited)."""
    with db.transaction() as session:
        if session.get(Setting, DEMONSTRATION_KEY) is None:
            session.add(Setting(key=DEMONSTRATION_KEY, value=json.dumps(True)))
            audit.record(session, operator, "update", "setting", DEMONSTRATION_KEY,
                         "the roster was marked as a demonstration")


@accounts.guarded(Permission.MISSION)
def save_mission(db: Database, settings: MissionSettings, *, operator: str) -> MissionSettings:
    country = normalize_country(settings.mission_country, "mission country") if settings.mission_country else None
    values = {"mission_name": settings.mission_name.strip(), "mission_country": country}
    with db.transaction() as session:
        for key, value in values.items():
            row = session.get(Setting, key)
            old = json.loads(row.value) if row else None
            if row is None:
                session.add(Setting(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
            if old != value:
                audit.record(session, operator, "update", "setting", key, f"{key} changed", {key: [old, value]})
    return MissionSettings(values["mission_name"], country, settings.demonstration)
