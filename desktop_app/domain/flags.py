"""Vulnerability flags: those staff set on a person and those a birth date gives.

Apart from the person's field registry (`person.py`) because the roster table shows them in
its first paint, before the heavier domain modules are needed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from desktop_app.domain.dates import PartialDate

INFANT_UNDER_YEARS = 2
CHILD_UNDER_YEARS = 18
ELDERLY_FROM_YEARS = 65


class Flag(StrEnum):
    """Vulnerability flags: the first four are set by staff, the rest derive from the birth date."""

    MEDICAL = "medical"
    REDUCED_MOBILITY = "reduced_mobility"
    PREGNANT = "pregnant"
    UNACCOMPANIED_MINOR = "unaccompanied_minor"
    INFANT = "infant"
    CHILD = "child"
    ELDERLY = "elderly"


STORED_FLAGS = (Flag.MEDICAL, Flag.REDUCED_MOBILITY, Flag.PREGNANT, Flag.UNACCOMPANIED_MINOR)
DERIVED_FLAGS = (Flag.INFANT, Flag.CHILD, Flag.ELDERLY)


def derived_flags(birth_date: PartialDate | None, today: dt.date) -> set[Flag]:
    """Infant, child and elderly as the birth date says on `today`."""
    if birth_date is None:
        return set()
    age = birth_date.age_on(today)
    flags: set[Flag] = set()
    if age < INFANT_UNDER_YEARS:
        flags.add(Flag.INFANT)
    if age < CHILD_UNDER_YEARS:
        flags.add(Flag.CHILD)
    if age >= ELDERLY_FROM_YEARS:
        flags.add(Flag.ELDERLY)
    return flags


def person_flags(record: object, birth_date: PartialDate | None, today: dt.date) -> set[Flag]:
    """The flags set by staff on `record` (attributes named as the flags) and those the birth date gives."""
    return {flag for flag in STORED_FLAGS if getattr(record, flag.value)} | derived_flags(birth_date, today)
