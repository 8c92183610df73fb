"""Evacuation lists sent to partners, and the partner's answer for each member."""

from __future__ import annotations

from enum import StrEnum


class ListState(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ANSWERED = "answered"
    CLOSED = "closed"


class Answer(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
