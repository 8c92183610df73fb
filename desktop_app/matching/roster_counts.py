"""A roster's records grouped by name and by birth date, for the model's counts (issue 19).

    counts = RosterCounts(records)
    model = model.with_u(estimate_u(records, model, rng, counts=counts))
    model = model.with_term_frequencies(records, counts).with_twins(records, counts)

The model counts names, families and birth dates on the whole roster at each opening. A roster
repeats its names (namesakes share one tokens tuple: `features.RosterPreparing`) and its birth
dates (persons born the same day mostly share one date object), so each distinct name's keys are
worked out once and weighed by the records carrying it, and so is each distinct date. Records are
grouped by identity first (cheap), and equal dates joined after; equal names held in two objects
stay two entries, which the counts (sums over entries) do not see: the counts equal those made
record by record, whatever the records share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import Literal

import numpy as np

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.comparisons import name_key
from desktop_app.matching.features import GIVEN, SURNAME, NameToken, Prepared

GivenNames = tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]]


class RosterCounts:
    """`records` as distinct names and dates: each record's name (`name_of`) and date (`date_of`) numbered."""

    def __init__(self, records: Sequence[Prepared]) -> None:
        self.records = records
        tokens = [record.tokens for record in records]
        first, of = by_identity(records, "tokens")
        appearing = np.argsort(first, kind="stable")  # the names in the order they first appear
        number = np.empty(len(first), np.int64)
        number[appearing] = np.arange(len(first))
        self.names: list[tuple[NameToken, ...]] = [tokens[k] for k in first[appearing].tolist()]
        self.name_of: np.ndarray = number[of]  # each record's name
        births = [record.birth_date for record in records]
        first, of = by_identity(records, "birth_date")
        value: dict[PartialDate | None, int] = {}  # equal dates in several objects joined
        code = np.fromiter((value.setdefault(births[k], len(value)) for k in first.tolist()), np.int64, len(first))
        self.dates: list[PartialDate | None] = list(value)  # each value once: None too, when a record has none
        self.date_of: np.ndarray = code[of]  # each record's date
        self.name_records: list[int] = np.bincount(self.name_of, minlength=len(self.names)).tolist()
        self.date_records: list[int] = np.bincount(self.date_of, minlength=len(self.dates)).tolist()

    @cached_property
    def given_names(self) -> list[GivenNames]:
        """Per name: its given-name tokens' (sound key, words) in order, and their keys each once."""
        out: list[GivenNames] = []
        for tokens in self.names:
            named = tuple((name_key(t.words), t.words) for t in tokens if t.role == GIVEN)
            keys = tuple(dict.fromkeys(key for key, _ in named))
            out.append((named, keys))
        return out

    @cached_property
    def surname_keys(self) -> list[str | None]:
        """Per name: its surnames' sound keys as a family shares them (`model._family`), None without a surname."""
        out: list[str | None] = []
        for tokens in self.names:
            surnames = [name_key(t.words) for t in tokens if t.role == SURNAME]
            out.append(None if not surnames else surnames[0] if len(surnames) == 1 else " ".join(sorted(surnames)))
        return out

    @cached_property
    def days(self) -> list[tuple[int, int, int] | None]:
        """Per date: (year, month, day) when month and day are given, else None."""
        return [None if date is None or date.month is None or date.day is None else (date.year, date.month, date.day)
                for date in self.dates]

    @cached_property
    def full(self) -> list[bool]:
        """Per date: whether it is a full date."""
        return [date is not None and date.is_full for date in self.dates]

    @cached_property
    def holders(self) -> Counter[str]:
        """How many records carry each number (`model.document_holders`)."""
        return Counter(chain.from_iterable(map(attrgetter("documents"), self.records)))

    def pairs(self, names: Sequence[bool], dates: Sequence[bool]) -> list[tuple[int, int, int]]:
        """(name, date, records) for each distinct name and date some record carries together, of the names and
        dates marked True."""
        if not self.records:
            return []
        name_of, date_of = self.name_of, self.date_of
        kept = np.asarray(names, dtype=bool)[name_of] & np.asarray(dates, dtype=bool)[date_of]
        combined = name_of[kept] * len(self.dates) + date_of[kept]
        found, records = np.unique(combined, return_counts=True)
        return list(zip((found // len(self.dates)).tolist(), (found % len(self.dates)).tolist(), records.tolist(),
                        strict=True))


class NumberedRecords(list[Prepared]):
    """A roster's records (never changed once made) that number their names and birth dates by identity once
    (`by_identity`) for every array made of them: the model's counts, the batch blocks, the birth and answer
    narrowing, the pair fields and name levels each numbered the same million objects themselves.

        roster = NumberedRecords(prepared)          # `RosterIndex`'s records
        first, of = by_identity(roster, "tokens")   # numbered on the first ask, the same arrays after
    """

    def __init__(self, records: Iterable[Prepared]) -> None:
        super().__init__(records)
        self.numbered: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def by_identity(records: Sequence[Prepared], field: Literal["tokens", "birth_date"]) -> tuple[np.ndarray, np.ndarray]:
    """`_by_identity` of each record's `field` (its tokens tuple or birth date object), kept by `NumberedRecords`:
    read them, never change them."""
    kept = records.numbered if isinstance(records, NumberedRecords) else None
    found = kept.get(field) if kept is not None else None
    if found is None:
        found = _by_identity([getattr(record, field) for record in records])
        if kept is not None:
            kept[field] = found
    return found


def _by_identity(objects: list[object]) -> tuple[np.ndarray, np.ndarray]:
    """For each distinct object (by identity, in the order of their ids), where it first is in `objects`; and for
    each of `objects`, which distinct object it is."""
    ids = np.fromiter(map(id, objects), np.uint64, len(objects))
    _, first, of = np.unique(ids, return_index=True, return_inverse=True)
    return first, of.reshape(-1)
