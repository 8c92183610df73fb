"""The index's fast paths: the same blocks, bounds and levels as the plain definitions, computed in bulk.

    caps = name_caps(model, prepared)                 # == [model.name_cap(p) for p in prepared]
    blocks = build_blocks(keys, wanted)               # key -> positions, only for the keys a batch asks for
    fields = PairFields(prepared)                     # the roster's cheap fields as arrays, once
    levels = fields.levels(queries, rows, positions)  # row k == compare_other(queries[rows[k]], prepared[positions[k]])

The plain definitions stay where they are (`Model.name_cap`, `features.blocking_keys`);
this module computes the same values with less Python work per record, and
`tests/matching/test_engine_fastpath.py` checks it against them.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import repeat
from typing import Any

import numpy as np
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import cpdist

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.comparisons import (
    ADDRESS_BANDS,
    ADDRESS_F,
    BIRTH_F,
    D_DIFFERENT,
    D_DIGIT,
    D_EQUAL,
    D_GENERATION,
    D_NEAR,
    D_SWAPPED,
    D_YEAR,
    DIFFERENT,
    DOCUMENT_F,
    FIELDS,
    HOUSEHOLD_F,
    IDENTIFIER,
    LOCALITY_BANDS,
    LOCALITY_F,
    NAME_FIELDS,
    SCHEME,
    SEX_F,
    SOUND,
    _assignment,
    _words_level,
    document_level,
    name_key,
)
from desktop_app.matching.features import (
    GIVEN,
    MIN_FUZZY_DOCUMENT,
    NAME,
    PATRONYMIC,
    SURNAME,
    NameToken,
    Prepared,
    _date_keys,
    _dated_blocks,
    _document_keys,
    _initial_keys,
    _name_keys,
    _sound_initial_keys,
    _surname_alone_keys,
)
from desktop_app.matching.model import U_FLOOR, Model
from desktop_app.matching.normalize import SKELETON_PREFIX
from desktop_app.matching.roster_counts import by_identity

_ROLES = (SURNAME, GIVEN, PATRONYMIC)


def name_caps(model: Model, records: Sequence[Prepared]) -> list[float]:
    """`model.name_cap(record)` for every record, each name word weighed once per field.

    The cap of a field is the largest of its fuzzy levels' bits and the agreeing bits of
    its rarest word; the rarest word gives the largest log2(m / frequency), so the cap is
    the largest over the field's words, and a word's value is worked out once per roster.
    """
    fields = []
    for index, field in enumerate(NAME_FIELDS):
        fields.append((max(model.bits_table[field][3:]), max(model.m[field][:3]), model.term_frequencies[index],
                       model.tf_base[index]))
    word_bits: list[dict[tuple[str, ...], float]] = [{}, {}, {}]
    by_tokens: dict[tuple[tuple[str, tuple[str, ...]], ...], float] = {}
    # Each distinct tokens tuple once (namesakes of a roster share one: `features.RosterPreparing`), then spread.
    first, spread = by_identity(records, "tokens")
    caps: list[float] = []
    for k in first.tolist():
        record = records[k]
        signature = tuple((t.role, t.words) for t in record.tokens)
        cap = by_tokens.get(signature)
        if cap is None:
            cap = 0.0
            for index, role in enumerate(_ROLES):
                fuzzy, best_m, frequencies, base = fields[index]
                seen = word_bits[index]
                best = None
                for token in record.tokens:
                    if token.role != role and (token.role != NAME or role == PATRONYMIC):
                        continue
                    bits = seen.get(token.words)
                    if bits is None:
                        bits = math.log2(best_m / max(frequencies.get(name_key(token.words), base), U_FLOOR))
                        seen[token.words] = bits
                    best = bits if best is None or bits > best else best
                if best is not None:
                    cap += max(fuzzy, best)
            by_tokens[signature] = cap
        caps.append(cap)
    return list(map(caps.__getitem__, spread.tolist()))  # namesakes share one float object, kept with the index


def build_blocks(keys: Sequence[set[str]], wanted: Iterable[str] | None = None) -> dict[str, list[int]]:
    """Blocking key -> positions of the records holding it, in position order.

    With `wanted`, only those keys are kept (the keys one batch of queries looks up):
    each kept block is whole, so its size is the size the full index would give.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    if wanted is None:
        for position, record_keys in enumerate(keys):
            for key in record_keys:
                blocks[key].append(position)
        return blocks
    wanted = wanted if isinstance(wanted, set | frozenset) else set(wanted)
    for position, record_keys in enumerate(keys):
        for key in record_keys & wanted:
            blocks[key].append(position)
    return blocks


KeyParts = tuple[AbstractSet[str], ...]


def key_parts(prepared: Prepared, *, indexing: bool) -> KeyParts:
    """`features.blocking_keys(prepared, indexing=...)` as the disjoint sets it is the union of.

    The document, name and initial parts are the cached sets `blocking_keys` copies from (shared
    by every record of one name or number); only identifiers and dates are the record's own.
    Keeping the parts instead of their union spares building 100,000 sets of some forty keys
    for a roster, and holds each name's keys once.
    """
    own: set[str] = set()
    if prepared.uuid:
        own.add(f"u|{prepared.uuid}")
    if prepared.case_ref:
        own.add(f"c|{prepared.case_ref}")
    date = prepared.birth_date
    if date is not None:
        own.update(_date_keys(date, _token_keys(prepared.tokens)[1], indexing=indexing))
        if date.day is not None and date.month is not None:
            low, high = sorted((date.day, date.month))
            own.add(f"b|{date.year}|{low}-{high}")
    return own, *shared_key_parts(prepared, indexing=indexing)


def shared_key_parts(prepared: Prepared, *, indexing: bool) -> KeyParts:
    """The parts of `key_parts` after the record's own (identifiers and dates): its number, name and initial
    keys, each a cached set shared by every record of that number or name."""
    names, _, initials = _token_keys(prepared.tokens)
    date = prepared.birth_date
    parts: list[AbstractSet[str]] = [_document_keys(prepared.documents), names]
    if indexing or not (prepared.documents or (date is not None and date.is_full)):
        parts.append(initials)
    elif not (date is not None and date.is_full):  # as `features.blocking_keys`
        parts.append(_sound_initial_keys(prepared.tokens))
    if not indexing and not (date is not None and date.is_full):
        alone = _surname_alone_keys(prepared.tokens)
        if alone:  # a record with a given name has none: its parts stay four
            parts.append(alone)
    return tuple(parts)


@lru_cache(maxsize=200_000)
def _token_keys(tokens: tuple[NameToken, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The name keys, the words dated keys are made of, and the initial keys of one record's tokens.

    One cache look-up instead of three: each hashes the tokens, and a token's hash is not kept.
    """
    return _name_keys(tokens), _dated_blocks(tokens), _initial_keys(tokens)


def build_part_blocks(parts: Sequence[KeyParts], wanted: AbstractSet[str] | None = None) -> dict[str, list[int]]:
    """`build_blocks` of the records' `key_parts` (the parts of one record never share a key)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    if wanted is None:
        for position, record_parts in enumerate(parts):
            for part in record_parts:
                for key in part:
                    blocks[key].append(position)
        return blocks
    for position, record_parts in enumerate(parts):
        for part in record_parts:
            for key in part & wanted:
                blocks[key].append(position)
    return blocks


WIDE_BLOCK = 150  # a name key shared by more records than this meets only the records born alike (`BirthNarrowing`)
_NARROWED = ("n|", "ng|")  # the name keys (surname and given name, surname and initial): no date in them
# A document number (`d|`, or one character off it, `dd|`) borne by more records than this meets nobody in the
# duplicate finder (`DuplicateNarrowing`): a passport shared by a family (children written in a parent's passport),
# each registered more than once, stays far below it; a number typed for thousands (the office's own, a placeholder
# the cleaning does not know) identifies nobody, and its pairs grew with the square of its holders (breaker X20b:
# 1,999 holders compared pair by pair). Their names and birth dates still meet two registrations of one person.
DUPLICATE_DOCUMENT_BLOCK = 200
_DOCUMENT_KEYS = ("d|", "dd|")


def borne_by_many(key: str, holders: int) -> bool:
    """Whether `key` is a number's (`d|`, `dd|`) borne by more than `DUPLICATE_DOCUMENT_BLOCK` records: it identifies
    nobody, and its block meets nobody (the duplicate finder, an answer's rows).

        >>> borne_by_many("d|N0012345", 2_000), borne_by_many("n|haddad|omar", 2_000)
        (True, False)
    """
    return holders > DUPLICATE_DOCUMENT_BLOCK and key.startswith(_DOCUMENT_KEYS)


class BirthNarrowing:
    """The records of a wide name block a query meets: those its birth date could be, as Splink pairs a common
    name with a second key.

    On a large roster a common name pair ('Abbas Mohammed') is shared by hundreds or thousands of
    persons, and every answer row of that name met them all (most of a 300,000-person reconcile's
    pairs). In a block of more than `WIDE_BLOCK` records, a query with a birth date meets the
    records born in its year or a year either side, those born on its day and month (day and
    month unordered, any year: a mistyped year), and those with no birth date; a query with no
    date meets the whole block. The pairs left out differ in the year by two or more and in the
    day and month (they may still meet through a number or a year key). Only name keys are
    narrowed (`_NARROWED`); numbers, dates and the year keys stay whole.

        narrowing = BirthNarrowing(roster)
        split = {}                                       # one per batch: each wide block split once
        positions = narrowing.met(key, block, birth, split)
    """

    wide: int | None = None  # narrowed above this many records; None: `WIDE_BLOCK` (the duplicate finder's is narrower)

    def __init__(self, roster: Sequence[Prepared]) -> None:
        self._year, self._day_month = _date_columns(roster, _year, _day_month)

    def met(self, key: str, block: list[int], birth: PartialDate | None, split: Split,
            query_words: AbstractSet[str] | None = None,
            query_tokens: tuple[NameToken, ...] | None = None) -> list[list[int]]:
        """The positions of `block` (key `key`) a query born on `birth` meets, in a few lists (`query_words`, the
        query's name words, and `query_tokens` are for `DuplicateNarrowing`)."""
        if birth is None or len(block) <= (WIDE_BLOCK if self.wide is None else self.wide) or not key.startswith(
                _NARROWED):
            return [block]
        parts = split.get(key)
        if parts is None:
            by_year: defaultdict[int, list[int]] = defaultdict(list)
            by_day_month: defaultdict[int, list[int]] = defaultdict(list)
            undated: list[int] = []
            where = np.array(block, np.int64)
            for position, year, day_month in zip(block, self._year[where].tolist(), self._day_month[where].tolist(),
                                                 strict=True):
                if year < 0:
                    undated.append(position)
                    continue
                by_year[year].append(position)
                if day_month >= 0:
                    by_day_month[day_month].append(position)
            parts = split[key] = (dict(by_year), dict(by_day_month), undated)
        years, days_months, undated_ = parts
        out = [undated_]
        for year in (birth.year - 1, birth.year, birth.year + 1):
            found = years.get(year)
            if found:
                out.append(found)
        found = days_months.get(_day_month(birth))
        if found:
            out.append(found)
        return out


# A wide block's records as split for queries (`BirthNarrowing`: by year, by day and month, undated;
# `DuplicateNarrowing`: its own groups), kept from one query to the next.
Split = dict[str, Any]


def _year(date: PartialDate | None) -> int:
    return -1 if date is None else date.year


def _day_month(date: PartialDate | None) -> int:
    """Day and month unordered as one number (a swap still meets), -1 without both."""
    if date is None or date.day is None or date.month is None:
        return -1
    return min(date.day, date.month) * 100 + max(date.day, date.month)


def _year_month(date: PartialDate | None) -> int:
    return -1 if date is None or date.month is None else date.year * 100 + date.month


def _year_day(date: PartialDate | None) -> int:
    return -1 if date is None or date.day is None else date.year * 100 + date.day


def _estimated(date: PartialDate | None) -> int:
    """1 for a date that may stand for its year alone: no day, or 1 January (an unknown day's usual entry)."""
    return int(date is not None and (date.day is None or (date.day == 1 and date.month == 1)))


def _date_columns(roster: Sequence[Prepared], *columns: Callable[[PartialDate | None], int]) -> list[np.ndarray]:
    """Each function of the records' birth dates as an array: each distinct date object once (a roster's
    persons share a few thousand), then spread to the records."""
    first, spread = by_identity(roster, "birth_date")
    dates = [roster[k].birth_date for k in first.tolist()]
    return [np.fromiter(map(column, dates), np.int64, len(dates))[spread] for column in columns]


_WORD_AND_YEAR = ("ty|", "yo|")  # a name word with the birth year (one side gives the year alone)


@lru_cache(maxsize=200_000)
def other_initials(tokens: tuple[NameToken, ...], word: str, letters: int = 1) -> frozenset[str]:
    """The first `letters` letters, each apart, of the sound keys of a name's words other than those `word`
    is a key of (the duplicate finder's second key takes one; an answer row's takes two:
    `answer_narrowing`)."""
    return frozenset(letter for token in tokens if token.role != PATRONYMIC and word not in token.blocks
                     for block in token.blocks if not block.startswith(SKELETON_PREFIX) for letter in block[:letters])


# `DuplicateNarrowing`'s groups of a wide name block, one dict of int codes: a full date under its year and month,
# its year and day (`_YEAR_DAY` on) and its day and month (`_DAY_MONTH` on); an estimated date under its year
# (`_ESTIMATED` on); every dated record under its year (`_DATED` on); the undated under -1.
_ESTIMATED, _DATED, _YEAR_DAY, _DAY_MONTH = 1_000_000, 2_000_000, 3_000_000, 4_000_000


def _codes(birth: PartialDate) -> tuple[int, ...]:
    """The groups a query born on `birth` meets (`DuplicateNarrowing`), the undated first."""
    year = birth.year
    if _estimated(birth):
        return -1, _DATED + year - 1, _DATED + year, _DATED + year + 1
    month = birth.month if birth.month is not None else 0
    return (-1, (year - 1) * 100 + month, year * 100 + month, (year + 1) * 100 + month, _ESTIMATED + year - 1,
            _ESTIMATED + year, _ESTIMATED + year + 1, _YEAR_DAY + _year_day(birth), _DAY_MONTH + _day_month(birth))


class DuplicateNarrowing(BirthNarrowing):
    """The duplicate finder's narrowing of a wide block by a second key (`engine.DUPLICATE_WIDE_BLOCK`).

    Two registrations of one person share a number, or a name and a birth date typed with at most one
    slip: a digit of the day, of the month or of the year, day and month swapped, or a date estimated
    (a year alone, or 1 January for an unknown day) a year either side. In a name block (`n|`, `ng|`)
    wider than `wide`, a registration born on a full date meets the namesakes born in its month of its
    year or a year either side, on its day in its year, on its day and month in any year, those whose
    date is estimated in its year or a year either side, and the undated; an estimated date meets every
    namesake dated in its year or a year either side; an undated registration meets the whole block. A
    full birth date (`b|`) shared by more than `wide` registrations meets those of them that share a
    name word's key (`query_words`, the words `features._dated_blocks` gives). Each rule is symmetric,
    so that a pair is met from either side. (`BirthNarrowing`, the reconcile's, meets every namesake
    born within a year: their pairs grow with the square of a name's namesakes born in three years.)
    """

    def __init__(self, roster: Sequence[Prepared]) -> None:
        super().__init__(roster)
        self._year_month, self._year_day, self._estimated = _date_columns(roster, _year_month, _year_day,
                                                                          _estimated)
        self._words = [_dated_blocks(record.tokens) for record in roster]  # cached: namesakes share one set
        self._tokens = [record.tokens for record in roster]
        self._queried: dict[int, tuple[PartialDate, tuple[int, ...]]] = {}  # a date's id -> the date, its codes

    def met(self, key: str, block: list[int], birth: PartialDate | None, split: Split,
            query_words: AbstractSet[str] | None = None,
            query_tokens: tuple[NameToken, ...] | None = None) -> list[list[int]]:
        if borne_by_many(key, len(block)):
            return []
        if len(block) <= (WIDE_BLOCK if self.wide is None else self.wide):
            return [block]
        if key.startswith("b|"):
            return self._by_word(key, block, query_words, split, lambda position: self._words[position])
        if key.startswith(_WORD_AND_YEAR):
            word = key.split("|", 2)[1]
            return self._by_word(key, block, None if query_tokens is None else other_initials(query_tokens, word),
                                 split, lambda position: other_initials(self._tokens[position], word))
        if birth is None or not key.startswith(_NARROWED):
            return [block]
        groups: dict[int, list[int]] | None = split.get(key)
        if groups is None:
            groups = split[key] = self._split(block)
        codes = self._queried.get(id(birth))
        if codes is None:  # a roster's persons share their date objects: each one's codes are made once
            codes = self._queried[id(birth)] = (birth, _codes(birth))
        return [groups[code] for code in codes[1] if code in groups]

    @staticmethod
    def _by_word(key: str, block: list[int], query_words: AbstractSet[str] | None, split: Split,
                 words: Callable[[int], AbstractSet[str]]) -> list[list[int]]:
        """The records of `block` that share one of `query_words` (a record with none is met by all, and meets all)."""
        if not query_words:
            return [block]
        by_word = split.get(key)
        if by_word is None:
            by_word = split[key] = defaultdict(list)
            for position in block:
                for word in words(position) or ("",):
                    by_word[word].append(position)
        return [by_word[word] for word in ("", *query_words) if word in by_word]

    def _split(self, block: list[int]) -> dict[int, list[int]]:
        groups: defaultdict[int, list[int]] = defaultdict(list)
        where = np.array(block, np.int64)
        for position, year, year_month, year_day, day_month, estimated in zip(
                block, self._year[where].tolist(), self._year_month[where].tolist(),
                self._year_day[where].tolist(), self._day_month[where].tolist(), self._estimated[where].tolist(),
                strict=True):
            if year < 0:
                groups[-1].append(position)
                continue
            groups[_DATED + year].append(position)
            if estimated:
                groups[_ESTIMATED + year].append(position)
            else:
                groups[year_month].append(position)
                groups[_YEAR_DAY + year_day].append(position)
                groups[_DAY_MONTH + day_month].append(position)
        return dict(groups)


def met_in_blocks(keys: Sequence[set[str]], blocks: Mapping[str, list[int]], largest: int,
                  births: Sequence[PartialDate | None] | None = None, narrowing: BirthNarrowing | None = None,
                  split: Split | None = None, queries: Sequence[Prepared] | None = None, first: int | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Every (query, record) pair sharing a block of at most `largest` records, once: rows and positions.

    `keys[i]` are query i's blocking keys; the pairs come query by query, positions ascending
    (`RosterIndex._positions` gives the same positions as a set). With `narrowing`, a wide name
    block gives query i the records `births[i]` could be (`BirthNarrowing`; `split` keeps the wide
    blocks split by birth from one call to the next of a batch; `queries[i]`, query i, for a
    `DuplicateNarrowing`'s second keys). With `first`, the queries are the indexed records from position
    `first` on, and only the records after each are met (each pair once: the duplicate finder). A Python set per
    query, made an array and sorted there, measured cheaper than numpy's unique per query or over
    the whole batch (and than sorting the set in Python first).
    """
    rows: list[np.ndarray] = []
    positions: list[np.ndarray] = []
    split = {} if split is None else split
    for row, query_keys in enumerate(keys):
        met: set[int] = set()
        birth = births[row] if births is not None else None
        query_words = _dated_blocks(queries[row].tokens) if queries is not None else None
        query_tokens = queries[row].tokens if queries is not None else None
        after = -1 if first is None else first + row
        for key in query_keys:
            block = blocks.get(key)
            if block and len(block) <= largest and block[-1] > after:  # a block's positions ascend, as its parts'
                if narrowing is None:
                    met.update(block if after < block[0] else block[bisect_right(block, after):])
                else:
                    for part in narrowing.met(key, block, birth, split, query_words, query_tokens):
                        if part and part[-1] > after:
                            met.update(part if after < part[0] else part[bisect_right(part, after):])
        if met:
            found = np.fromiter(met, np.int64, len(met))
            found.sort()
            positions.append(found)
            rows.append(np.full(len(met), row, np.int64))
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows), np.concatenate(positions)


_ISO_LENGTH = len("1990-01-31")
_AFFIXES = range(2, 6)  # lengths of the number ends compared before a distance is computed (any h up to the bound)
_MISSING = -1  # a value absent on the record
_UNSEEN = -2   # a query's value that no roster record holds


def _given(value: Hashable | None) -> bool:
    """Whether `value` is a value and not missing, as `_Codes` reads it."""
    return value is not None and value != ""


class _Codes:
    """Values of one field as small integers: the roster's get codes 0.., a query's unknown value `_UNSEEN`."""

    def __init__(self) -> None:
        self.codes: dict[Hashable, int] = {}

    def add(self, value: Hashable | None) -> int:
        if value is None or value == "":
            return _MISSING
        return self.codes.setdefault(value, len(self.codes))

    def get(self, value: Hashable | None) -> int:
        if value is None or value == "":
            return _MISSING
        return self.codes.get(value, _UNSEEN)

    def column(self, values: Sequence[Hashable | None], *, add: bool) -> np.ndarray:
        """`add` (or `get`) of each of `values`, as an array."""
        codes = self.codes
        if add:
            found = [_MISSING if v is None or v == "" else codes.setdefault(v, len(codes)) for v in values]
        else:
            found = [_MISSING if v is None or v == "" else codes.get(v, _UNSEEN) for v in values]
        return np.array(found, np.int64)


# The fields most answers give none of (a partner's list of names, dates and passports): a roster's columns of
# them are made for the first batch whose queries give one (`_Columns.given`), not for every index.
_SEX, _HOUSEHOLD, _LOCALITY, _ADDRESS = "sex", "household_key", "locality", "address"
_OPTIONAL = (_SEX, _HOUSEHOLD, _LOCALITY, _ADDRESS)


class _Columns:
    """The cheap fields of a list of records as arrays (codes, dates, the single document number).

    A roster's (`roster=True`) sex, household and places are made when first asked for (`given`), and always
    before a batch's own are coded against them; a batch's own are made at once.
    """

    sex: np.ndarray
    household: np.ndarray
    locality: np.ndarray
    locality_text: np.ndarray
    address: np.ndarray
    address_text: np.ndarray

    def __init__(self, records: Sequence[Prepared], codes: tuple[_Codes, ...], *, roster: bool) -> None:
        _, _, _, _, document, _, _, _ = codes  # identifiers: `PairFields._identifiers`
        self._records = records
        self._codes = codes
        self._roster = roster
        self._made: set[str] = set()  # the `_OPTIONAL` fields whose columns are made
        n = len(records)
        if not roster:
            self.given(_OPTIONAL)
        self.doc_count = np.fromiter((len(r.documents) for r in records), np.int64, n)
        singles = [next(iter(r.documents)) if len(r.documents) == 1 else "" for r in records]
        self.doc = document.column(singles, add=roster)
        self.doc_text = np.array(singles, dtype=object)
        self.doc_len = np.fromiter((len(d) for d in singles), np.int64, n)
        # Each single number's first and last h characters (h in _AFFIXES) hashed, for `_may_be_one_off`.
        self.prefix, self.suffix = _affix_hashes(singles, self.doc_len)
        # Each distinct date object once (a roster's records share some 30,000), then spread to the records.
        first, spread = by_identity(records, "birth_date")
        dates = [records[k].birth_date for k in first.tolist()]
        m = len(dates)
        self.has_date = np.fromiter((d is not None for d in dates), bool, m)[spread]
        self.full = np.fromiter((d is not None and d.is_full for d in dates), bool, m)[spread]
        self.year = np.fromiter((d.year if d is not None else 0 for d in dates), np.int64, m)[spread]
        self.month = np.fromiter((d.month or 0 if d is not None else 0 for d in dates), np.int64, m)[spread]
        self.day = np.fromiter((d.day or 0 if d is not None else 0 for d in dates), np.int64, m)[spread]
        iso = np.array([d.iso() if d is not None and d.is_full else "" for d in dates], dtype=object)
        self.iso = iso[spread]
        # The full dates as rows of ten ASCII bytes (YYYY-MM-DD), for `_one_digit_off`; other rows stay zero.
        iso10 = np.fromiter((len(d) == _ISO_LENGTH for d in iso), bool, m)
        self.iso10 = iso10[spread]
        text = "".join(d if len(d) == _ISO_LENGTH else "\0" * _ISO_LENGTH for d in iso)
        self.iso_bytes = np.frombuffer(text.encode("ascii"), np.uint8).reshape(m, _ISO_LENGTH)[spread]

    def given(self, fields: Iterable[str]) -> None:
        """Make the columns of `fields` (of `_OPTIONAL`: `Prepared` field names) not made yet. A roster's codes are
        added here: for a kept index's columns, called under `PairFields`' lock."""
        _, _, sex, household, _, _, locality, address = self._codes
        records, add = self._records, self._roster
        for field in fields:
            if field in self._made:
                continue
            if field == _SEX:
                self.sex = sex.column([r.sex for r in records], add=add)
            elif field == _HOUSEHOLD:
                self.household = household.column([r.household_key for r in records], add=add)
            elif field == _LOCALITY:
                self.locality = locality.column([r.locality for r in records], add=add)
                self.locality_text = np.array([r.locality for r in records], dtype=object)
            else:
                self.address = address.column([r.address for r in records], add=add)
                self.address_text = np.array([r.address for r in records], dtype=object)
            self._made = self._made | {field}  # a new set: another thread reads the old one whole

    def rows(self, start: int, end: int) -> _Columns:
        """The columns of records `start` to `end` (views): what `_Columns(records[start:end], codes, roster=False)`
        gives for records the codes were made from (each value of theirs already has its code). Every field's column
        is made first (`given`)."""
        self.given(_OPTIONAL)
        out = object.__new__(_Columns)
        out.__dict__.update({name: column[start:end] for name, column in vars(self).items()
                             if isinstance(column, np.ndarray)})
        out._records, out._codes, out._roster, out._made = self._records[start:end], self._codes, False, self._made
        return out


class PairFields:
    """`compare_other` for many pairs at once: the roster's fields as arrays, built once per index."""

    def __init__(self, roster: Sequence[Prepared]) -> None:
        self._codes = (_Codes(), _Codes(), _Codes(), _Codes(), _Codes(), _Codes(), _Codes(), _Codes())
        self._roster = roster
        self._columns = _Columns(roster, self._codes, roster=True)
        # Held while a roster's column is made for a batch that first gives its field: the fresh copies of a kept
        # index share these columns and the codes, and reconciles run side by side.
        self._making = threading.Lock()
        # The roster's roster ID and case reference codes, made for the first batch that gives either.
        self._identifiers: tuple[np.ndarray, np.ndarray] | None = None
        # The level of each pair of the roster's localities and of its addresses met so far (`_place_levels`'
        # `known`), for the roster's own records as queries (`columns`' `indexed_from`).
        self._places_known = (KnownPlaces(), KnownPlaces())

    def levels(self, queries: Sequence[Prepared], rows: np.ndarray, positions: np.ndarray, *,
               indexed_from: int | None = None) -> np.ndarray:
        """One `compare_other` vector per pair (queries[rows[k]], roster[positions[k]]), as rows of an array."""
        columns = self.columns(queries, rows, positions, indexed_from=indexed_from)
        out = np.empty((len(rows), len(FIELDS)), dtype=np.int64)
        for field, column in enumerate(columns):
            out[:, field] = column
        return out

    def columns(self, queries: Sequence[Prepared], rows: np.ndarray, positions: np.ndarray, *,
                indexed_from: int | None = None) -> list[np.ndarray | int]:
        """`levels` field by field: one array per cheap field, the name fields' level (not compared yet) as an int.

        A batch meets millions of pairs and keeps few; separate columns spare filling and then
        reading back a pairs x fields matrix (`levels` of the pairs kept is stacked afterwards).
        With `indexed_from`, `queries` are the roster's own records from that position on (the duplicate
        finder's): their columns are the roster's, sliced, not made again from the records.
        """
        t = self._columns
        if indexed_from is None:
            # The roster's columns of a field some query gives, made (its values coded) before the queries' own.
            wanted = [field for field in _OPTIONAL if field not in t._made
                      and any(_given(getattr(query, field)) for query in queries)]
            if wanted:
                with self._making:
                    t.given(wanted)
            q = _Columns(queries, self._codes, roster=False)
        else:
            with self._making:
                q = t.rows(indexed_from, indexed_from + len(queries))
        out: list[np.ndarray | int] = [DIFFERENT + 1] * len(FIELDS)
        # A field no query gives is 'missing' for every pair: one level, not an array (most answers give
        # no roster ID, sex, household or places; the roster's column of such a field may not be made yet).
        out[IDENTIFIER] = self._identifier_levels(queries, rows, positions)
        out[SEX_F] = _same_levels(q.sex, t.sex, rows, positions) if _SEX in t._made else 2
        out[HOUSEHOLD_F] = _same_levels(q.household, t.household, rows, positions) if _HOUSEHOLD in t._made else 2
        out[BIRTH_F] = _date_levels(q, t, rows, positions)
        out[DOCUMENT_F] = self._document_levels(queries, q, t, rows, positions)
        # The roster's own records as queries: a pair of places met once for the roster, not once per batch.
        known = (None, None) if indexed_from is None else self._places_known
        locality, address = self._codes[6], self._codes[7]
        out[LOCALITY_F] = (_place_levels(q.locality, t.locality, q.locality_text, t.locality_text, rows, positions,
                                         LOCALITY_BANDS, known[0], len(locality.codes))
                           if _LOCALITY in t._made else len(LOCALITY_BANDS) + 2)
        out[ADDRESS_F] = (_place_levels(q.address, t.address, q.address_text, t.address_text, rows, positions,
                                        ADDRESS_BANDS, known[1], len(address.codes))
                          if _ADDRESS in t._made else len(ADDRESS_BANDS) + 2)
        return out

    def _identifier_levels(self, queries: Sequence[Prepared], rows: np.ndarray, positions: np.ndarray
                           ) -> np.ndarray | int:
        if not any(query.uuid or query.case_ref for query in queries):
            return 2  # `comparisons._identifier` of a query with neither
        uuid, case = self._codes[0], self._codes[1]
        if self._identifiers is None:
            self._identifiers = (uuid.column([r.uuid or "" for r in self._roster], add=True),
                                 case.column([r.case_ref or "" for r in self._roster], add=True))
        t_uuid, t_case = self._identifiers
        q_uuid = uuid.column([query.uuid or "" for query in queries], add=False)
        q_case = case.column([query.case_ref or "" for query in queries], add=False)
        return _identifier_levels(q_uuid[rows], t_uuid[positions], q_case[rows], t_case[positions])

    def _document_levels(self, queries: Sequence[Prepared], q: _Columns, t: _Columns, rows: np.ndarray,
                         positions: np.ndarray) -> np.ndarray:
        q_count, t_count = q.doc_count[rows], t.doc_count[positions]
        level = np.full(len(rows), 3, dtype=np.int64)  # missing
        single = (q_count == 1) & (t_count == 1)
        q_doc, t_doc = q.doc[rows], t.doc[positions]
        level[single & (q_doc == t_doc)] = 0
        fuzzy = single & (q_doc != t_doc)
        level[fuzzy] = 2
        level[fuzzy & (q.doc_len[rows] != t.doc_len[positions])] = 3  # other kinds of document (`document_level`)
        fuzzy &= np.minimum(q.doc_len[rows], t.doc_len[positions]) >= MIN_FUZZY_DOCUMENT
        where = np.flatnonzero(fuzzy)
        where = where[_may_be_one_off(q, t, rows[where], positions[where])]
        if len(where):
            distance = cpdist(q.doc_text[rows[where]], t.doc_text[positions[where]], scorer=OSA.distance,
                              score_cutoff=1, workers=1)
            level[where[distance <= 1]] = 1
        for k in np.flatnonzero((q_count > 1) & (t_count > 0) | (t_count > 1) & (q_count > 0)).tolist():
            level[k] = document_level(queries[rows[k]].documents, self._roster[positions[k]].documents)
        return level


def _identifier_levels(q_uuid: np.ndarray, t_uuid: np.ndarray, q_case: np.ndarray, t_case: np.ndarray
                       ) -> np.ndarray:
    equal = ((q_uuid != _MISSING) & (q_uuid == t_uuid)) | ((q_case != _MISSING) & (q_case == t_case))
    both = ((q_uuid != _MISSING) & (t_uuid != _MISSING)) | ((q_case != _MISSING) & (t_case != _MISSING))
    return np.where(equal, 0, np.where(both, 1, 2))


# A roster with at most this many distinct values of a place keeps the level of every pair of them met in a square
# table (int8, 4 MB at this size); one with more keeps them in a dict by the pair's number.
DENSE_PLACES = 2_047


class KnownPlaces:
    """The level of each pair of a roster's values of one place field met so far (`_place_levels`' `known`).

        known = KnownPlaces()
        _place_levels(codes, codes, texts, texts, rows, positions, LOCALITY_BANDS, known, values)

    `table` (`values` + 1 square, flat; row and column 0 the missing value) while the roster has at most
    `DENSE_PLACES` values: a pair's level is read by its codes, -1 until met; `by_pair` beyond.
    """

    def __init__(self) -> None:
        self.by_pair: dict[int, int] = {}
        self.table: np.ndarray | None = None
        self.side = 0

    def square(self, values: int, bands: tuple[float, ...]) -> np.ndarray | None:
        """The table for a roster of `values` distinct values (made the first time, or again for another number of
        values), or None when they are more than `DENSE_PLACES`."""
        if values > DENSE_PLACES:
            return None
        side = values + 1
        if self.table is None or self.side != side:
            table = np.full((side, side), -1, np.int8)
            table[0, :] = table[:, 0] = len(bands) + 2  # missing
            np.fill_diagonal(table[1:, 1:], 0)  # equal
            self.table, self.side = table.reshape(-1), side
        return self.table


def _place_levels(q_codes: np.ndarray, t_codes: np.ndarray, q_text: np.ndarray, t_text: np.ndarray, rows: np.ndarray,
                  positions: np.ndarray, bands: tuple[float, ...], known: KnownPlaces | None = None,
                  values: int = 0) -> np.ndarray | int:
    """`comparisons.place_level` per pair (the queries' and the roster's codes); Jaro-Winkler once per distinct
    pair of differing values.

    With `known` (the queries are roster records: every value has its code, and the roster has `values` of them),
    the level of each pair of codes is kept there, and Jaro-Winkler runs only for the pairs not met in an earlier
    batch: read from its square table by the pair's codes while the values are few, else from its dict.
    """
    if (q_codes == _MISSING).all():
        return len(bands) + 2  # missing
    if known is not None and (table := known.square(values, bands)) is not None:
        number = (q_codes[rows] + 1) * known.side + (t_codes[positions] + 1)
        found = table[number]
        new = np.flatnonzero(found < 0)
        if len(new):
            pairs, first = np.unique(number[new], return_index=True)
            at = new[first]
            table[pairs] = _banded(q_text[rows[at]], t_text[positions[at]], bands)
            found = table[number]
        return found.astype(np.int64)
    q, t = q_codes[rows], t_codes[positions]
    level = np.full(len(q), len(bands) + 2, dtype=np.int64)  # missing
    both = (q != _MISSING) & (t != _MISSING)
    equal = both & (q == t)
    level[equal] = 0
    where = np.flatnonzero(both & ~equal)
    if len(where) and known is not None:
        width = len(t_codes) + 1  # more than any code
        pairs, first, inverse = np.unique(q[where] * width + t[where], return_index=True, return_inverse=True)
        found = np.fromiter(map(known.by_pair.get, pairs.tolist(), repeat(-1)), np.int64, len(pairs))
        new = np.flatnonzero(found < 0)
        if len(new):
            at = where[first[new]]
            made = _banded(q_text[rows[at]], t_text[positions[at]], bands)
            found[new] = made
            known.by_pair.update(zip(pairs[new].tolist(), made.tolist(), strict=True))
        level[where] = found[inverse.reshape(-1)]
    elif len(where):
        # Each distinct (query row, roster value) once: an unseen query value has no code, its row stands in. The
        # pair as one number sorts as the pair would (row, then value), and numpy's unique of rows is far slower.
        codes = t[where]
        pairs = rows[where] * (int(codes.max()) + 1) + codes
        _, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
        found = _banded(q_text[rows[where[first]]], t_text[positions[where[first]]], bands)
        level[where] = found[inverse.reshape(-1)]
    return level


def _banded(q_texts: np.ndarray, t_texts: np.ndarray, bands: tuple[float, ...]) -> np.ndarray:
    """The place level of each pair of differing texts: the highest band its Jaro-Winkler similarity reaches."""
    similarity = cpdist(q_texts, t_texts, scorer=JaroWinkler.similarity, workers=1)
    levels = np.full(len(similarity), len(bands) + 1, dtype=np.int64)
    for band_level in range(len(bands), 0, -1):
        levels[similarity >= bands[band_level - 1]] = band_level
    return levels


def _same_levels(q_codes: np.ndarray, t_codes: np.ndarray, rows: np.ndarray, positions: np.ndarray
                 ) -> np.ndarray | int:
    """Equal, different or missing per pair (the queries' and the roster's codes)."""
    if (q_codes == _MISSING).all():
        return 2
    q, t = q_codes[rows], t_codes[positions]
    return np.where((q == _MISSING) | (t == _MISSING), 2, np.where(q == t, 0, 1))


def _date_levels(q: _Columns, t: _Columns, rows: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """`date_level` per pair, in its order of tests."""
    qy, qm, qd, ty, tm, td = q.year[rows], q.month[rows], q.day[rows], t.year[positions], t.month[positions], \
        t.day[positions]
    apart = np.abs(qy - ty)
    level = np.where(apart >= 15, D_GENERATION, np.where(apart <= 5, D_NEAR, D_DIFFERENT))
    full = q.full[rows] & t.full[positions]
    equal = full & (qy == ty) & (qm == tm) & (qd == td)
    swapped = full & ~equal & (qy == ty) & (qm == td) & (qd == tm)
    rest = full & ~equal & ~swapped
    where = np.flatnonzero(rest)
    if len(where):
        plain = q.iso10[rows[where]] & t.iso10[positions[where]]
        simple = where[plain]
        level[simple[_one_digit_off(q.iso_bytes[rows[simple]], t.iso_bytes[positions[simple]])]] = D_DIGIT
        other = where[~plain]
        if len(other):
            distance = cpdist(q.iso[rows[other]], t.iso[positions[other]], scorer=OSA.distance, score_cutoff=1,
                              workers=1)
            level[other[distance <= 1]] = D_DIGIT
    placeholder = rest & (qy == ty) & (((qm == 1) & (qd == 1)) | ((tm == 1) & (td == 1)))  # `_placeholder`
    level[placeholder] = D_YEAR
    year_only = ~full & (qy == ty) & ((qm == 0) | (tm == 0) | (qm == tm))
    level[year_only] = D_YEAR
    level[swapped] = D_SWAPPED
    level[equal] = D_EQUAL
    level[~(q.has_date[rows] & t.has_date[positions])] = D_GENERATION + 1
    return level


def _one_digit_off(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """OSA distance <= 1 between the rows of two byte arrays of equal width (`OSA.distance(x, y) <= 1` per row).

    Strings of one length are one edit apart when one character differs, or two neighbours
    are swapped (an insertion and a deletion are two edits).
    """
    off = a != b
    count = off.sum(axis=1)
    near = count <= 1
    two = np.flatnonzero(count == 2)
    if len(two):
        first = np.minimum(off[two].argmax(axis=1), a.shape[1] - 2)
        near[two] = (off[two, first + 1] & (a[two, first] == b[two, first + 1])
                     & (a[two, first + 1] == b[two, first]))
    return near


_AFFIX_BASE = np.uint64(0x100000001B3)  # odd: a polynomial hash of code points, modulo 2**64 (numpy wraps)


def _affix_hashes(numbers: list[str], lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of each number's first and last h characters, column h - _AFFIXES[0]; _MISSING where h is not shorter.

    Equal ends hash alike; two ends that differ may share a hash, which only sends their pair on to the distance.
    """
    n, widest = len(numbers), _AFFIXES[-1]
    width = max(widest, int(lengths.max(initial=0)))
    points = np.array(numbers, dtype=f"U{width}").view(np.uint32).reshape(n, width).astype(np.uint64)
    last = np.clip(lengths[:, None] - widest + np.arange(widest), 0, None)  # the last `widest` places (0 padded)
    ends = np.where(lengths[:, None] - widest + np.arange(widest) >= 0,
                    np.take_along_axis(points, last, axis=1), np.uint64(0))
    prefix = np.empty((n, len(_AFFIXES)), np.int64)
    suffix = np.empty((n, len(_AFFIXES)), np.int64)
    first = np.zeros(n, np.uint64)
    for k in range(widest):
        first = first * _AFFIX_BASE + points[:, k]
        if k + 1 in _AFFIXES:
            h = k + 1
            tail = np.zeros(n, np.uint64)
            for point in range(widest - h, widest):
                tail = tail * _AFFIX_BASE + ends[:, point]
            shorter = lengths <= h
            prefix[:, h - _AFFIXES[0]] = np.where(shorter, _MISSING, first.view(np.int64))
            suffix[:, h - _AFFIXES[0]] = np.where(shorter, _MISSING, tail.view(np.int64))
    return prefix, suffix


def _may_be_one_off(q: _Columns, t: _Columns, rows: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """False where two single document numbers (6+ characters) cannot be one OSA edit apart.

    One edit leaves the lengths at most one apart, and the numbers' first h or last h
    characters equal for h = (shorter length - 2) // 2 (or any smaller h): an edit before
    position h keeps at least h characters after it on both sides. Ends are compared by hash
    (`_affix_hashes`): a shared hash of ends that differ leaves the pair to the distance.
    """
    q_len, t_len = q.doc_len[rows], t.doc_len[positions]
    h = np.clip((np.minimum(q_len, t_len) - 2) // 2, _AFFIXES[0], _AFFIXES[-1]) - _AFFIXES[0]
    return (np.abs(q_len - t_len) <= 1) & ((q.prefix[rows, h] == t.prefix[positions, h])
                                          | (q.suffix[rows, h] == t.suffix[positions, h]))


MAX_TOKENS = 6  # name words per record compared in bulk; a record with more is compared pair by pair
_NO_LEVEL = -1  # a slot of the level matrix past a record's last word
_Names = tuple[tuple[int, int, int], tuple[str, str, str], tuple[str, ...]]


class _Pattern:
    """What `comparisons._assignment` made of one (query roles, target roles, levels): the slots' levels,
    the target words whose term-frequency keys to fill, the parts whose notes name a scheme."""

    __slots__ = ("keyed", "levels", "schemes", "swapped")

    def __init__(self, q_roles: tuple[str, ...], t_roles: tuple[str, ...], levels: tuple[int, ...]) -> None:
        fields, self.swapped = _assignment(q_roles, t_roles, levels)
        slot_levels = [DIFFERENT + 1] * 3
        for slot, _, level, _, _ in fields:
            slot_levels[slot] = level
        self.levels = (slot_levels[0], slot_levels[1], slot_levels[2])
        self.keyed = tuple((slot, ti) for slot, _, level, ti, _ in fields if level <= SOUND)
        width = len(t_roles)
        # A part met under a scheme (and only such a part) has a note naming the scheme of its word pair.
        self.schemes = tuple((slot, role, pair // width, pair % width) for slot, role, level, _, pair in fields
                             if level == SCHEME)


class _Numbering:
    """Name words (each token's spellings) and records' roles as numbers."""

    def __init__(self, groups: dict[tuple[str, ...], int], words: list[tuple[str, ...]],
                 roles: dict[tuple[str, ...], int], role_list: list[tuple[str, ...]]) -> None:
        self.groups, self.words, self.roles, self.role_list = groups, words, roles, role_list

    def copy(self) -> _Numbering:
        return _Numbering(dict(self.groups), list(self.words), dict(self.roles), list(self.role_list))

    def table(self, records: Sequence[Prepared]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each record's roles number, its tokens' word numbers (padded with -1) and its number of tokens."""
        groups, words, roles, role_list = self.groups, self.words, self.roles, self.role_list
        # Each distinct tokens tuple once (namesakes on a roster share one: `features.RosterPreparing`), taken
        # in the order of its first record, so that words and roles are numbered as record by record.
        every = [r.tokens for r in records]
        first, spread = by_identity(records, "tokens")
        m = len(first)
        role_ids = np.zeros(m, np.int64)
        group_ids = np.full((m, MAX_TOKENS), _NO_LEVEL, np.int64)
        firsts = first.tolist()
        counts = np.fromiter((len(every[k]) for k in firsts), np.int64, m)
        for i in np.argsort(first, kind="stable").tolist():
            tokens = every[firsts[i]]
            if not tokens or len(tokens) > MAX_TOKENS:
                continue
            signature = tuple(t.role for t in tokens)
            role_id = roles.get(signature)
            if role_id is None:
                role_id = roles[signature] = len(role_list)
                role_list.append(signature)
            role_ids[i] = role_id
            for j, token in enumerate(tokens):
                group = groups.get(token.words)
                if group is None:
                    group = groups[token.words] = len(words)
                    words.append(token.words)
                group_ids[i, j] = group
        return role_ids[spread], group_ids[spread], counts[spread]


class NameLevels:
    """`comparisons.compare`'s name part for many pairs at once: each distinct pair of name words met once.

    The roster's name words are numbered once per index (a batch numbers its own words on a
    copy, so that batches never change the index). For a batch of pairs, the level of every
    query word against every target word is looked up per distinct pair of words
    (`comparisons._words_level`, found through numpy's `unique` over word numbers), and the
    assignment of words to surname, given name and patronymic is worked out once per distinct
    pattern of roles and levels (`comparisons._assignment`). Only the term-frequency keys and
    the scheme notes are filled in pair by pair.
    """

    def __init__(self, roster: Sequence[Prepared]) -> None:
        self._numbering = _Numbering({}, [], {}, [])
        self._t_roles, self._t_groups, self._t_count = self._numbering.table(roster)
        self._name_keys: dict[int, str] = {}  # a roster word number -> its term-frequency key
        # For the roster's own records as queries (`indexed_from`), kept from one batch to the next: each pair of
        # roster words' `_words_level` by pair number, each pattern by its bytes (the roster's numbers never change).
        self._roster_levels: dict[int, tuple[int, str]] = {}
        self._roster_patterns: dict[bytes, _Pattern] = {}

    def names(self, queries: Sequence[Prepared], rows: np.ndarray, positions: np.ndarray, *,
              indexed_from: int | None = None) -> list[_Names | None]:
        """`comparisons._names(queries[rows[k]].tokens, roster[positions[k]].tokens)` per pair (None: not done here).

        A pair left None (a record without name words, or with more than `MAX_TOKENS`) is for
        the caller to compare one by one. With `indexed_from`, `queries` are the roster's own records from
        that position on (the duplicate finder's): their words are the roster's, numbered already.
        """
        if indexed_from is None:
            numbering = self._numbering.copy()
            q_roles, q_groups, q_count = numbering.table(queries)
            known: dict[int, tuple[int, str]] = {}  # a batch's own word numbers: its pairs' levels kept for it only
            patterns: dict[bytes, _Pattern] = {}
        else:
            numbering = self._numbering
            end = indexed_from + len(queries)
            q_roles, q_groups, q_count = (self._t_roles[indexed_from:end], self._t_groups[indexed_from:end],
                                          self._t_count[indexed_from:end])
            known, patterns = self._roster_levels, self._roster_patterns
        qc, tc = q_count[rows], self._t_count[positions]
        out: list[_Names | None] = [None] * len(rows)
        where = np.flatnonzero((qc > 0) & (tc > 0) & (qc <= MAX_TOKENS) & (tc <= MAX_TOKENS))
        if not len(where):
            return out
        rows, positions = rows[where], positions[where]
        qg, tg = q_groups[rows], self._t_groups[positions]
        width = len(numbering.words)
        # Word pair numbers, slot (i, j) at column i * MAX_TOKENS + j; -1 past either record's words.
        pairs = qg[:, :, None] * width + tg[:, None, :]
        pairs[(qg[:, :, None] < 0) | (tg[:, None, :] < 0)] = _NO_LEVEL
        pairs = pairs.reshape(len(where), MAX_TOKENS * MAX_TOKENS)
        valid = pairs >= 0
        distinct, inverse = np.unique(pairs[valid], return_inverse=True)
        words = numbering.words
        met = []
        for p in distinct.tolist():
            level = known.get(p)
            if level is None:
                level = known[p] = _words_level(words[p // width], words[p % width])
            met.append(level)
        met_of = np.zeros(pairs.shape, np.int64)  # each slot's word pair, as its place in `met`
        met_of[valid] = inverse.reshape(-1)
        levels = np.where(valid, np.array([level for level, _ in met] or [0], np.int64)[met_of], _NO_LEVEL)
        # One pattern per distinct (query roles, target roles, levels): the rows read as bytes, worked out once.
        signature = np.concatenate((q_roles[rows][:, None], self._t_roles[positions][:, None], levels),
                                   axis=1).astype(np.int32)
        size = signature.shape[1] * signature.itemsize
        buffer = signature.tobytes()
        name_keys = self._name_keys
        target_words = tg.tolist()
        for k, found in enumerate(where.tolist()):
            code = buffer[k * size:(k + 1) * size]
            pattern = patterns.get(code)
            if pattern is None:
                kind = signature[k].tolist()
                q_role, t_role = numbering.role_list[kind[0]], numbering.role_list[kind[1]]
                grid = kind[2:]
                pattern = patterns[code] = _Pattern(q_role, t_role, tuple(
                    grid[i * MAX_TOKENS + j] for i in range(len(q_role)) for j in range(len(t_role))))
            keys = ["", "", ""]
            for slot, ti in pattern.keyed:
                group = target_words[k][ti]
                key = name_keys.get(group)
                if key is None:
                    key = name_keys[group] = name_key(words[group])
                keys[slot] = key
            if not pattern.schemes and not pattern.swapped:
                out[found] = (pattern.levels, (keys[0], keys[1], keys[2]), ())
                continue
            notes = ["", "", ""]
            for slot, role, qi, ti in pattern.schemes:
                notes[slot] = f"{role} equal under {met[met_of[k, qi * MAX_TOKENS + ti]][1]}"
            if pattern.swapped:
                notes[0] = "; ".join(filter(None, (notes[0], "surname and given name in each other's place")))
            out[found] = (pattern.levels, (keys[0], keys[1], keys[2]), tuple(filter(None, notes)))
        return out
