"""Partner organizations and the liaison log's vocabulary."""

from __future__ import annotations

from enum import StrEnum


class OrgKind(StrEnum):
    MINISTRY = "ministry"
    BORDER_AUTHORITY = "border_authority"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    EMBASSY = "embassy"
    AIRLINE = "airline"
    OTHER = "other"


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    MESSENGER = "messenger"
    MEETING = "meeting"
    LETTER = "letter"
    OTHER = "other"
