"""Dates as people give them: a full date, or a year alone (which stays a year).

`PartialDate` is stored as text that sorts correctly: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date of which only the year may be known."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1850 <= self.year <= 2200:
            raise ValueError(f"year {self.year} out of range")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            dt.date(self.year, self.month or 1, self.day)  # raises ValueError for 31 April

    @classmethod
    def parse(cls, text: str, field: str = "date") -> PartialDate:
        """Parse the stored ISO form ('1980', '1980-02', '1980-02-01')."""
        match = _ISO.match(text.strip())
        if not match:
            raise ValidationError(field, text,
                                  QT_TRANSLATE_NOOP("domain.dates", "is not a date (expected YYYY-MM-DD or a year)"))
        year, month, day = match.groups()  # the year is required by _ISO
        try:
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        except ValueError as exc:
            raise ValidationError(field, text, QT_TRANSLATE_NOOP("domain.dates", "is not a real date ({problem})"),
                                  problem=str(exc)) from None

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def is_full(self) -> bool:
        return self.day is not None

    def as_date(self) -> dt.date | None:
        """The full date, or None when only part of it is known."""
        if self.day is None or self.month is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    def age_on(self, today: dt.date) -> int:
        """Completed years on `today`; with a year alone, the age reached during that year."""
        age = today.year - self.year
        if self.month is not None and (today.month, today.day) < (self.month, self.day or 1):
            age -= 1
        return age

    def is_after(self, today: dt.date) -> bool:
        """True when the date lies in the future of `today` (at the precision known)."""
        if self.month is None:
            return self.year > today.year
        if self.day is None:
            return (self.year, self.month) > (today.year, today.month)
        return (self.year, self.month, self.day) > (today.year, today.month, today.day)


def parse_iso_date(text: str, field: str) -> dt.date:
    """A full ISO date (document dates, follow-ups); a year alone is refused here."""
    value = PartialDate.parse(text, field)
    full = value.as_date()
    if full is None:
        raise ValidationError(field, text, QT_TRANSLATE_NOOP("domain.dates", "needs a full date (YYYY-MM-DD)"))
    return full
