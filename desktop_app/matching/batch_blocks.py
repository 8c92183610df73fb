"""The blocks one batch of queries asks for, made without making every roster record's blocking keys.

    blocks = wanted_blocks(roster, queries, wanted)
    # == fastpath.build_part_blocks([key_parts(r, indexing=True) for r in roster], wanted)

A 100,000-person roster has some four million blocking keys (document numbers with one
character left out, name pairs under every romanisation, name words with the birth year),
and a batch looks up a small share of them. Here a roster key is made only where the batch
could ask for it: an identifier, number, date or year the batch's keys hold; only the name
block keys that occur in the queries' names are paired; initials only for the surnames the
batch's initial keys name. Each kept block is whole and in position order, as the full index
gives it; `tests/matching/test_batch_blocks.py` checks it against `build_part_blocks`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import combinations, product

import numpy as np

from desktop_app.matching.features import (
    MIN_FUZZY_DOCUMENT,
    NAME,
    PATRONYMIC,
    SURNAME,
    NameToken,
    Prepared,
    _initial_keys,
)
from desktop_app.matching.roster_counts import by_identity


class _Wanted:
    """A batch's blocking keys sorted by kind, as the values the roster's records are checked against."""

    def __init__(self, wanted: AbstractSet[str]) -> None:
        self.keys = wanted
        self.uuids: set[str] = set()
        self.cases: set[str] = set()
        self.numbers: set[str] = set()
        self.near_numbers: set[str] = set()  # `dd|` keys without their prefix
        self.birth_years: set[str] = set()  # the years of `b|` keys, as written in them
        self.year_words: defaultdict[str, set[str]] = defaultdict(set)  # `ty|word|year`: year -> words
        self.only_year_words: defaultdict[str, set[str]] = defaultdict(set)  # `yo|word|year`: year -> words
        self.initial_surnames: set[str] = set()  # the surname block keys of `ng|` keys
        for key in wanted:
            if key.startswith("n|"):
                continue  # names are paired from the queries' own block keys
            if key.startswith("d|"):
                self.numbers.add(key[2:])
            elif key.startswith("dd|"):
                self.near_numbers.add(key[3:])
            elif key.startswith("b|"):
                self.birth_years.add(key[2:].split("|", 1)[0])
            elif key.startswith("ty|"):
                word, year = key[3:].rsplit("|", 1)
                self.year_words[year].add(word)
            elif key.startswith("yo|"):
                word, year = key[3:].rsplit("|", 1)
                self.only_year_words[year].add(word)
            elif key.startswith("ng|"):
                self.initial_surnames.add(key[3:].rsplit("|", 1)[0])
            elif key.startswith("u|"):
                self.uuids.add(key[2:])
            elif key.startswith("c|"):
                self.cases.add(key[2:])


class RosterBlocks:
    """What a batch's blocks are made from, kept per roster: records grouped by name, dates and numbers as arrays.

        keep = RosterBlocks(roster)               # once per index
        blocks = keep.blocks(queries, wanted)     # == wanted_blocks(roster, queries, wanted)
    """

    def __init__(self, roster: Sequence[Prepared]) -> None:
        self._roster = roster
        groups: dict[tuple[int, ...], int] = {}  # a record's name words (shared objects) -> its group
        self._names: list[tuple[NameToken, ...]] = []
        # Each distinct tokens tuple once (a roster's namesakes share one: `features.RosterPreparing`), in the
        # order of its first record, so that the groups are numbered as record by record.
        first, spread = by_identity(roster, "tokens")
        every = [roster[k].tokens for k in first.tolist()]
        distinct_group = np.empty(len(first), np.int64)
        for k in np.argsort(first, kind="stable").tolist():
            tokens = every[k]
            signature = tuple(map(id, tokens))  # the words are the shared objects `prepare` caches
            group = groups.get(signature)
            if group is None:
                group = groups[signature] = len(self._names)
                self._names.append(tokens)
            distinct_group[k] = group
        group_of = distinct_group[spread]
        order = np.argsort(group_of, kind="stable")
        bounds = np.flatnonzero(np.diff(group_of[order])) + 1
        self._members = np.split(order, bounds)  # each group's positions, ascending
        self._group_of = group_of
        first, spread = by_identity(roster, "birth_date")  # a few thousand date objects
        dates = [roster[k].birth_date for k in first.tolist()]
        m = len(dates)
        self._year = np.fromiter((d.year if d is not None else -1 for d in dates), np.int64, m)[spread]
        self._full = np.fromiter((d is not None and d.day is not None and d.month is not None for d in dates),
                                 bool, m)[spread]
        day = np.fromiter((d.day or 0 if d is not None else 0 for d in dates), np.int64, m)[spread]
        month = np.fromiter((d.month or 0 if d is not None else 0 for d in dates), np.int64, m)[spread]
        self._birth = np.where(self._full, self._year * 10_000 + np.minimum(day, month) * 100
                               + np.maximum(day, month), -1)
        self._documents = [(position, number) for position, record in enumerate(roster)
                           for number in record.documents]
        # The numbers of 6+ characters by length: (position, number) and their code points, made for the first batch.
        self._by_length: dict[int, tuple[list[tuple[int, str]], np.ndarray]] | None = None
        self._dated: dict[int, frozenset[str]] = {}
        self._years: dict[int, np.ndarray] | None = None
        self._by_dated: dict[str, list[int]] | None = None

    def blocks(self, queries: Sequence[Prepared], wanted: AbstractSet[str]) -> dict[str, list[int]]:
        """`wanted_blocks(roster, queries, wanted)`."""
        batch = _Wanted(wanted)
        blocks: dict[str, list[int]] = {}
        roster = self._roster
        if batch.uuids or batch.cases:
            for kind, values, field in (("u", batch.uuids, "uuid"), ("c", batch.cases, "case_ref")):
                for position, record in enumerate(roster):
                    value = getattr(record, field)
                    if value in values:
                        blocks.setdefault(f"{kind}|{value}", []).append(position)
        numbers = batch.numbers
        for position, number in self._documents:
            if number in numbers:
                blocks.setdefault(f"d|{number}", []).append(position)
        for position, left_out in self._near_numbers(batch):
            blocks.setdefault(f"dd|{left_out}", []).append(position)
        self._date_blocks(batch, blocks)
        self._name_blocks(queries, batch, blocks)
        return blocks

    def _near_numbers(self, batch: _Wanted) -> list[tuple[int, str]]:
        """(position, number with one character left out) for every such form of a roster number (6+ characters)
        that the batch asks for, in order.

        A roster has about a million such forms and a batch asks for few: each form's hash (`_left_out_hashes`)
        is worked out on arrays, and only a form whose hash a wanted key has is made and looked up.
        """
        if self._by_length is None:
            by_length: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
            for position, number in self._documents:
                if len(number) >= MIN_FUZZY_DOCUMENT:
                    by_length[len(number)].append((position, number))
            self._by_length = {length: (found, _code_points([number for _, number in found], length))
                               for length, found in by_length.items()}
        wanted: defaultdict[int, list[str]] = defaultdict(list)
        for left_out in batch.near_numbers:
            wanted[len(left_out) + 1].append(left_out)
        near: set[tuple[int, str]] = set()
        for length, keys in wanted.items():
            if length not in self._by_length:
                continue
            found, points = self._by_length[length]
            met = _among(_left_out_hashes(points), _hashes(_code_points(keys, length - 1)))
            for row, place in zip(*(where.tolist() for where in np.nonzero(met)), strict=True):
                position, number = found[row]
                left_out = number[:place] + number[place + 1:]
                if left_out in batch.near_numbers:  # the hash met: the text decides
                    near.add((position, left_out))
        return sorted(near)

    def _date_blocks(self, batch: _Wanted, blocks: dict[str, list[int]]) -> None:
        births = {}
        for key in batch.keys:
            if key.startswith("b|"):
                year, days = key[2:].split("|", 1)
                low, _, high = days.partition("-")
                births[int(year) * 10_000 + int(low) * 100 + int(high)] = key
        if births:
            codes = np.fromiter(births, np.int64, len(births))
            for position in np.flatnonzero(np.isin(self._birth, codes)).tolist():
                blocks.setdefault(births[int(self._birth[position])], []).append(position)
        for kind, by_year, only_partial in (("ty", batch.year_words, False), ("yo", batch.only_year_words, True)):
            for year, words in by_year.items():
                if not year.isdigit():
                    continue
                positions = self._of_year(int(year))
                if only_partial:
                    positions = positions[~self._full[positions]]
                if len(positions) > 4 * len(words):  # few words for many records: only the records holding them
                    groups = set().union(*(self._dated_groups().get(word, ()) for word in words))
                    if not groups:
                        continue
                    positions = positions[np.isin(self._group_of[positions],
                                                  np.fromiter(groups, np.int64, len(groups)))]
                if not len(positions):
                    continue
                # Each name group once: the records of one name hold the same words.
                groups_of = self._group_of[positions]
                order = np.argsort(groups_of, kind="stable")
                ordered = groups_of[order]
                starts = np.flatnonzero(np.diff(ordered, prepend=-1))
                found: defaultdict[str, list[np.ndarray]] = defaultdict(list)
                for group, start, end in zip(ordered[starts].tolist(), starts.tolist(),
                                             [*starts[1:].tolist(), len(order)], strict=True):
                    for word in self._dated_of(group) & words:
                        found[word].append(order[start:end])
                for word, parts in found.items():  # each block in position order, as record by record
                    blocks[f"{kind}|{word}|{year}"] = positions[np.sort(np.concatenate(parts))].tolist()

    def _of_year(self, year: int) -> np.ndarray:
        """The positions of the records born in `year`, ascending."""
        if self._years is None:
            order = np.argsort(self._year, kind="stable")
            years, starts = np.unique(self._year[order], return_index=True)
            # An empty roster has no year, and `np.split` of its empty order still gives one (empty) part.
            parts = np.split(order, starts[1:]) if len(order) else []
            self._years = {int(y): part for y, part in zip(years.tolist(), parts, strict=True)}
        return self._years.get(year, np.zeros(0, np.int64))

    def _dated_groups(self) -> dict[str, list[int]]:
        """A name word's block key -> the groups whose dated keys it is part of."""
        by_dated = self._by_dated
        if by_dated is None:
            # Made whole, then kept: the fresh copies of a kept index share this, and a reconcile running beside
            # another must never read it half made (breaker X19n).
            by_dated = {}
            for group in range(len(self._names)):
                for word in self._dated_of(group):
                    by_dated.setdefault(word, []).append(group)
            self._by_dated = by_dated
        return by_dated

    def _dated_of(self, group: int) -> frozenset[str]:
        dated = self._dated.get(group)
        if dated is None:
            dated = self._dated[group] = frozenset().union(
                *(token.blocks for token in self._names[group] if token.role != PATRONYMIC))
        return dated

    def _name_blocks(self, queries: Sequence[Prepared], batch: _Wanted, blocks: dict[str, list[int]]) -> None:
        names = _Names(queries, batch)
        groups: defaultdict[str, list[int]] = defaultdict(list)
        for group, tokens in enumerate(self._names):
            for key in names.keys(tokens):
                groups[key].append(group)
        members = self._members
        for key, found in groups.items():
            if len(found) == 1:
                blocks[key] = members[found[0]].tolist()
            else:
                blocks[key] = np.sort(np.concatenate([members[group] for group in found])).tolist()


_HASH_BASE = np.uint64(0x100000001B3)  # odd: a polynomial hash of code points, modulo 2**64 (numpy wraps)


_SIEVE_BITS = 24  # the low bits of a hash a sieve of 16 MB (one byte each) holds: a few in a thousand pass it falsely


def _among(hashes: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """`np.isin(hashes, wanted)` for millions of hashes and thousands wanted.

    `isin` sorts the hashes with the wanted; here a sieve of the wanted's low bits lets through
    the few hashes that may be wanted, and only they are looked for among the wanted.
    """
    low = np.uint64((1 << _SIEVE_BITS) - 1)
    sieve = np.zeros(1 << _SIEVE_BITS, bool)
    sieve[(wanted & low).astype(np.intp)] = True
    flat = hashes.reshape(-1)
    maybe = np.flatnonzero(sieve[(flat & low).astype(np.intp)])
    out = np.zeros(flat.shape, bool)
    out[maybe] = np.isin(flat[maybe], wanted)
    return out.reshape(hashes.shape)


def _code_points(texts: list[str], length: int) -> np.ndarray:
    """Texts of `length` characters as a (texts, length) array of their code points."""
    return np.array(texts, dtype=f"U{length}").view(np.uint32).reshape(len(texts), length).astype(np.uint64)


def _hashes(points: np.ndarray) -> np.ndarray:
    """The polynomial hash of each row: sum of point k times base ** (width - 1 - k), modulo 2**64."""
    width = points.shape[1]
    return (points * _HASH_BASE ** np.arange(width - 1, -1, -1, dtype=np.uint64)).sum(axis=1, dtype=np.uint64)


def _left_out_hashes(points: np.ndarray) -> np.ndarray:
    """Column i: `_hashes` of each row with its point i left out (a row of width - 1 points)."""
    width = points.shape[1]
    before = points * np.append(_HASH_BASE ** np.arange(width - 2, -1, -1, dtype=np.uint64), np.uint64(0))
    after = points * _HASH_BASE ** np.arange(width - 1, -1, -1, dtype=np.uint64)
    out = np.zeros_like(points)
    out[:, 1:] = np.cumsum(before, axis=1, dtype=np.uint64)[:, :-1]  # the points left of i, one place further left
    out[:, :-1] += np.cumsum(after[:, ::-1], axis=1, dtype=np.uint64)[:, ::-1][:, 1:]  # the points right of i
    return out


def wanted_blocks(roster: Sequence[Prepared], queries: Sequence[Prepared], wanted: AbstractSet[str]
                  ) -> dict[str, list[int]]:
    """Blocking key -> positions of the roster records holding it (indexing side), for the keys in `wanted` only.

    `wanted` is the union of the `queries`' blocking keys (`features.blocking_keys(q, indexing=False)`);
    the queries' name words bound which roster name keys are made.
    """
    return RosterBlocks(roster).blocks(queries, wanted)


class _Names:
    """The `n|` and `ng|` keys of a roster record's name words that the batch asks for.

    A name key pairs block keys of two words (one word's alone for a single word), and a
    batch's name keys pair its own words' block keys: a roster word's other block keys are
    never paired. Words and pairs of words repeat across a roster: each is worked out once.
    """

    def __init__(self, queries: Sequence[Prepared], batch: _Wanted) -> None:
        self._batch = batch
        self._blocks: set[str] = set()  # every block key of the queries' name words
        for query in queries:
            for token in query.tokens:
                self._blocks.update(token.blocks)
        self._parts: dict[frozenset[str], frozenset[str]] = {}  # a word's block keys -> those the queries hold
        self._pairs: dict[tuple[frozenset[str], frozenset[str]], list[str]] = {}
        self._singles: dict[frozenset[str], list[str]] = {}

    def _part(self, blocks: frozenset[str]) -> frozenset[str]:
        part = self._parts.get(blocks)
        if part is None:
            part = self._parts[blocks] = blocks & self._blocks
        return part

    def keys(self, tokens: tuple[NameToken, ...]) -> list[str]:
        wanted = self._batch.keys
        found: list[str] = []
        if len(tokens) == 1:
            part = self._part(tokens[0].blocks)
            single = self._singles.get(part)
            if single is None:
                single = self._singles[part] = [key for key in (f"n|{a}" for a in part) if key in wanted]
            found += single
        elif tokens:
            parts = [self._part(token.blocks) for token in tokens]
            pairs: set[str] = set()
            for first, second in combinations(parts, 2):
                if not first or not second:
                    continue
                paired = self._pairs.get((first, second))
                if paired is None:
                    paired = self._pairs[first, second] = [
                        key for key in (f"n|{a}|{b}" if a <= b else f"n|{b}|{a}" for a, b in product(first, second))
                        if key in wanted]
                pairs.update(paired)
            found += pairs
        surnames = self._batch.initial_surnames
        if surnames and any(token.blocks & surnames for token in tokens if token.role in (SURNAME, NAME)):
            found += _initial_keys(tokens) & wanted
        return found
