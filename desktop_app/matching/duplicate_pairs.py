"""The duplicate finder's pairs met on arrays (issue 19): `fastpath.met_in_blocks` with a `DuplicateNarrowing`.

    pairs = RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK)
    rows, positions = pairs.met(start, end)   # == met_in_blocks(keys[start:end], blocks, MAX_BLOCK, births[start:end],
                                              #                   narrowing, {}, prepared[start:end], start)

`met_in_blocks` takes each registration's fifty-odd keys in Python (a dict look-up, a narrowing call,
a set update each), which grew with the blocks: most of the finder's time at a million persons. Here
every key is numbered once and each (key, registration) becomes a row of an array; a wide block's
second keys (`DuplicateNarrowing`: a name block's birth groups, a birth date's name words, a word
with its year's other initials) become keys of their own, (key, group), that the registrations of
the block are filed under and a query looks up, so that the union of `DuplicateNarrowing.met`'s
lists is the union of those keys' blocks. A query's pairs are then the records after it in each of
its keys' blocks, sliced from one sorted array, deduplicated as int64 codes (query * n + record).
The plain definition stays `met_in_blocks` with `DuplicateNarrowing`; `tests/matching/
test_duplicate_pairs.py` holds the two to the same pairs.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import cached_property

import numpy as np

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.fastpath import (
    _DATED,
    _DAY_MONTH,
    _ESTIMATED,
    _NARROWED,
    _WORD_AND_YEAR,
    _YEAR_DAY,
    DUPLICATE_DOCUMENT_BLOCK,
    WIDE_BLOCK,
    _codes,
    _date_columns,
    _day_month,
    _estimated,
    _year,
    _year_day,
    _year_month,
    shared_key_parts,
)
from desktop_app.matching.features import MIN_FUZZY_DOCUMENT, PATRONYMIC, NameToken, Prepared, _dated_blocks
from desktop_app.matching.normalize import SKELETON_PREFIX
from desktop_app.matching.roster_counts import _by_identity, by_identity

# A wide block's record is filed in block key * width + group: the width at least this, past every group a roster can
# number (`_SecondKeys.width`: its name words can outnumber this, and a group past it was filed under the next key's).
_GROUPS = 1 << 23
_WHOLE = -1  # the group of a whole block (a key not narrowed, or a query that meets all of a wide block)
_OTHER, _NAME, _BIRTH, _WORD_YEAR = 0, 1, 2, 3  # the kinds of key `DuplicateNarrowing` narrows, and the rest
_CHUNK = 5_000_000  # rows of the arrays of one range of keys (with a wide block's groups), about 250 MB at most
_CODES = 1 << 62  # a block's number shifted past every record (and a bit) below 2^63: as an int64
_NO_WORD = 0  # the group of the records with no name word (or no other initial): every query meets them
_FIRST_YEAR = 1850  # `PartialDate`'s first year: a date key holds the year less this (below 1 << 9)
# A date key as a number (`features._date_keys`, `key_parts`' `b|`): its kind above `_TAG`, then for a name word with
# the year the word's number and the year, for a full birth date the year, the day and month unordered.
_TAG = 1 << 40
_TY, _YO, _B = 1, 2, 3
_WORD_SHIFT = 12


def _kind(key: str) -> int:
    if key.startswith(_NARROWED):
        return _NAME
    if key.startswith("b|"):
        return _BIRTH
    if key.startswith(_WORD_AND_YEAR):
        return _WORD_YEAR
    return _OTHER


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """starts[k], starts[k] + 1, ..., starts[k] + counts[k] - 1 for every k, one after the other."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    out: np.ndarray = np.arange(total, dtype=np.int64) + np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return out


def _by_range(keys: np.ndarray, highs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of `keys` by range (range k: highs[k - 1] <= key < highs[k], ascending `highs`, every key
    below the last), each range's in position order, and where each range's begin and the last ends."""
    small = np.int16 if len(highs) < 1 << 15 else np.int64  # numpy sorts 16-bit numbers stably by radix
    # Each key's range looked up in a table by key (the keys run below the last high): a gather, not a search.
    ranges = np.repeat(np.arange(len(highs), dtype=small), np.diff(highs, prepend=0))[keys]
    order = np.argsort(ranges, kind="stable")
    return order, np.concatenate(([0], np.cumsum(np.bincount(ranges, minlength=len(highs)))))


def _row_codes(rows: np.ndarray, alphabet: np.ndarray) -> np.ndarray:
    """A value per row of `rows` (code points, each in `alphabet`), equal for equal rows only: the row's
    characters as digits of a number in base len(alphabet) when it fits in int64, else the row's bytes."""
    base = max(len(alphabet), 2)
    if base ** rows.shape[1] < 1 << 63:
        digits = np.searchsorted(alphabet, rows).astype(np.int64)
        out = np.zeros(len(rows), np.int64)
        for column in digits.T:
            out = out * base + column
        return out
    return np.ascontiguousarray(rows).view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).reshape(-1)


def _codes_less_one(rows: np.ndarray, alphabet: np.ndarray) -> list[np.ndarray]:
    """`_row_codes(np.delete(rows, k, axis=1), alphabet)` for every column k: when the codes are numbers, each is
    the digits before k and the digits after it put together (their codes made once), not the row made again."""
    width = rows.shape[1]
    base = max(len(alphabet), 2)
    if width < 2 or base ** (width - 1) >= 1 << 63:
        return [_row_codes(np.delete(rows, k, axis=1), alphabet) for k in range(width)]
    digits = np.searchsorted(alphabet, rows).astype(np.int64)
    before = [np.zeros(len(rows), np.int64)]  # before[k]: the code of the first k digits
    for k in range(width - 1):
        before.append(before[-1] * base + digits[:, k])
    after = np.zeros(len(rows), np.int64)  # the code of the digits after k, and base to their number
    scale = 1
    out: list[np.ndarray] = [np.zeros(0, np.int64)] * width
    for k in range(width - 1, -1, -1):
        out[k] = before[k] * scale + after
        after = after + digits[:, k] * scale
        scale *= base
    return out


_SPREAD = np.uint64(0x9E3779B97F4A7C15)  # odd (2**64 / the golden ratio): spreads block numbers over a table's buckets


def _buckets(blocks: np.ndarray, bits: int) -> np.ndarray:
    """Each block number's bucket of 2**bits: the top `bits` bits of the number times `_SPREAD` (modulo 2**64).
    Worked out in place in one copy of `blocks` (at a million persons the key build hashes some hundred million)."""
    spread: np.ndarray = blocks.astype(np.uint64)
    spread *= _SPREAD
    spread >>= np.uint64(64 - bits)
    return spread.view(np.int64)  # below 2**bits: the same numbers


def _meeting(filed_at: np.ndarray, filed_by: np.ndarray, asked_at: np.ndarray, asked_by: np.ndarray, n: int, *,
             bits: int | None = None) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """The records filed (block `filed_at[k]`, record `filed_by[k]`) and the look-ups (block `asked_at[k]`, query
    `asked_by[k]`) less rows that meet nobody: a look-up whose block holds no record after its query, a record whose
    block no query before it looks up. Records and queries are below `n`.

        (filed_at, filed_by), (asked_at, asked_by) = _meeting(filed_at, filed_by, asked_at, asked_by, n)

    Told without sorting: the blocks share the 2**`bits` buckets of a table (`_buckets`; by default at least twice
    the rows filed) holding the last record filed in them, then the first query still looking up; a row is left out
    only when nothing in its whole bucket meets it, so a bucket two blocks share may keep a row that meets nobody
    (the sort after finds it meeting nobody), never drop one that meets somebody.
    """
    if not len(filed_at) or not len(asked_at):
        none = np.zeros(0, np.int64)
        return (none, none), (none, none)
    bits = max(int(2 * len(filed_at) - 1).bit_length(), 10) if bits is None else bits
    small = np.int32 if n < 1 << 31 else np.int64
    last = np.full(1 << bits, -1, small)  # the last record filed in each bucket
    filed_buckets = _buckets(filed_at, bits)
    np.maximum.at(last, filed_buckets, filed_by.astype(small))
    kept = last[_buckets(asked_at, bits)] > asked_by
    del last
    asked_at, asked_by = asked_at[kept], asked_by[kept]
    first = np.full(1 << bits, n, small)  # the first query of each bucket (of those kept)
    np.minimum.at(first, _buckets(asked_at, bits), asked_by.astype(small))
    kept = first[filed_buckets] < filed_by
    return (filed_at[kept], filed_by[kept]), (asked_at, asked_by)


def _full(date: PartialDate | None) -> int:
    return int(date is not None and date.is_full)


def _int64(values: array[int]) -> np.ndarray:
    return np.frombuffer(values, np.int64).copy() if len(values) else np.zeros(0, np.int64)


class RosterPairs:
    """Every pair of a roster's records the duplicate finder meets (`DuplicateNarrowing` above `wide`), on arrays.

    Built once for the roster (its keys numbered, the records filed under them, sorted); `met(start, end)` then
    gives the pairs of the records `start` to `end` with the records after each, as `met_in_blocks` does with
    `first=start`. `release` lets the arrays go once the last batch is met.
    """

    def __init__(self, roster: Sequence[Prepared], *, wide: int | None, largest: int,
                 checkpoint: Callable[[], None] = lambda: None) -> None:
        """`checkpoint()` is called between the build's steps and ranges (it raises to stop: the officer cancelled)."""
        self._n = len(roster)
        wide = WIDE_BLOCK if wide is None else wide
        keys = _Keys(roster)
        checkpoint()
        (index_keys, index_records), (query_keys, query_records) = keys.of_both(checkpoint)
        checkpoint()
        sizes = np.bincount(index_keys, minlength=keys.count())
        too_wide = sizes > largest
        documents = keys.document_keys()  # a number borne by many identifies nobody (`DUPLICATE_DOCUMENT_BLOCK`)
        too_wide[documents] |= sizes[documents] > DUPLICATE_DOCUMENT_BLOCK
        kind = np.zeros(len(sizes), np.int8)  # only the wide blocks' kinds matter
        wide_keys = np.flatnonzero((sizes > wide) & ~too_wide)
        kind[wide_keys] = keys.kinds(wide_keys)
        # A block wider than `largest` says too little to meet in. A query meets only the records after it, and a
        # record is met only by the queries before it: a query after its key's last record, or a record before its
        # key's first query, meets nobody through the key (most number and name-word keys are one record's own)
        # and is left out before the arrays are filed and sorted.
        last = np.full(len(sizes), -1, np.int64)  # each key's last record (index side)
        np.maximum.at(last, index_keys, index_records)
        first = np.full(len(sizes), self._n, np.int64)  # each key's first query (query side)
        np.minimum.at(first, query_keys, query_records)
        used = ~too_wide[query_keys] & (last[query_keys] > query_records)
        query_keys, query_records = query_keys[used], query_records[used]
        used = ~too_wide[index_keys] & (first[index_keys] < index_records)
        index_keys, index_records = index_keys[used], index_records[used]
        del last, first, too_wide
        narrowed = (sizes > wide) & (kind != _OTHER)  # by key: a wide block met by a second key
        # The keys taken a range at a time (a key's pairs are its own): each range's arrays are about
        # `_CHUNK` rows, what a wide block's groups multiply its rows by counted in.
        weight = np.bincount(index_keys, weights=np.where(narrowed[index_keys], 4.0, 1.0), minlength=len(sizes))
        weight = weight.astype(np.float64, copy=False)  # `bincount` of no keys is integer, weights or not
        weight += np.bincount(query_keys, weights=np.where(narrowed[query_keys], 9.0, 1.0), minlength=len(sizes))
        bounds = np.unique(np.searchsorted(np.cumsum(weight), np.arange(1, int(weight.sum() // _CHUNK) + 1) * _CHUNK))
        del sizes, used, weight, wide_keys
        seconds = _SecondKeys(roster, keys)
        checkpoint()
        # Each range's records filed (block by block, ascending), and its look-ups by query: the query, where its
        # records after it begin in the filed records, how many.
        self._chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        highs = np.unique(np.append(bounds[bounds > 0], len(narrowed)))
        # Each side's rows put in order of their range once (a stable sort of small numbers), each range a slice.
        index_order, index_ends = _by_range(index_keys, highs)
        query_order, query_ends = _by_range(query_keys, highs)
        low = 0
        for at, high in enumerate(highs.tolist()):
            if high <= low:  # no keys (an empty roster)
                continue
            checkpoint()
            index_at = index_order[index_ends[at]:index_ends[at + 1]]
            query_at = query_order[query_ends[at]:query_ends[at + 1]]
            self._chunks.append(self._chunk(index_keys[index_at], index_records[index_at], query_keys[query_at],
                                            query_records[query_at], low, high, narrowed, kind, seconds))
            low = high

    def _chunk(self, index_keys: np.ndarray, index_records: np.ndarray, query_keys: np.ndarray,
               query_records: np.ndarray, low: int, high: int, narrowed: np.ndarray, kind: np.ndarray,
               seconds: _SecondKeys) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The keys `low` to `high`: their records filed (block by block, each block's ascending), and each query's
        look-ups by query (the query, where the block's records after it begin, how many)."""
        n = self._n
        # A block not narrowed keeps its key's number (less `low`); a wide block's groups (key, group) are
        # numbered after them: key's rank among the range's narrowed keys * width + group, when every block's
        # number, shifted past the records, fits an int64 (a roster of millions of words may not), else densely.
        filed_blocks, filed_records, asked_blocks, asked_records = [], [], [], []
        filed_groups, filed_grouped, asked_groups, asked_grouped = [], [], [], []  # rank * width + group, record
        width = seconds.width()
        rank = np.cumsum(narrowed[low:high]) - 1  # each narrowed key's rank in the range
        # A row's block and record in one number: the record in the low `shift` bits (n rounded up to a power of
        # two), taken apart by a shift and a mask, not a division.
        shift = max(n - 1, 1).bit_length()
        dense = ((high - low) + int(rank[-1] + 1) * width) << shift >= _CODES
        # Each row's key's kind where the key is narrowed, else `_OTHER` (a narrowed key's kind is never `_OTHER`).
        query_kind = np.where(narrowed[query_keys], kind[query_keys], _OTHER)
        index_kind = np.where(narrowed[index_keys], kind[index_keys], _OTHER)
        whole = query_kind == _OTHER
        asked_blocks.append(query_keys[whole] - low)
        asked_records.append(query_records[whole])
        whole = index_kind == _OTHER
        filed_blocks.append(index_keys[whole] - low)
        filed_records.append(index_records[whole])
        for kind_of in (_NAME, _BIRTH, _WORD_YEAR):
            at = np.flatnonzero(query_kind == kind_of)
            groups, per = seconds.asked(kind_of, query_keys[at], query_records[at])
            asking, records = np.repeat(query_keys[at], per), np.repeat(query_records[at], per)
            # A query meeting all of a wide block (no birth date, no name word) looks it up whole: filed whole too.
            whole = groups == _WHOLE
            asked_blocks.append(asking[whole] - low)
            asked_records.append(records[whole])
            asked_groups.append(rank[asking[~whole] - low] * width + groups[~whole])
            asked_grouped.append(records[~whole])
            whole_keys = np.unique(asking[whole])
            at = np.flatnonzero(index_kind == kind_of)
            groups, per = seconds.filed(kind_of, index_keys[at], index_records[at])
            filed_groups.append(rank[np.repeat(index_keys[at], per) - low] * width + groups)
            filed_grouped.append(np.repeat(index_records[at], per))
            if len(whole_keys):
                at = at[np.isin(index_keys[at], whole_keys)]
                filed_blocks.append(index_keys[at] - low)
                filed_records.append(index_records[at])
        del index_keys, index_records, query_keys, query_records, query_kind, index_kind
        if dense:  # each group numbered
            filed = np.concatenate(filed_groups)
            _, numbers = np.unique(np.concatenate((filed, *asked_groups)), return_inverse=True)
            filed_groups, asked_groups = [numbers.reshape(-1)[:len(filed)]], [numbers.reshape(-1)[len(filed):]]
            asked_grouped = [np.concatenate(asked_grouped)]
            del filed, numbers
        filed_blocks += [groups + (high - low) for groups in filed_groups]
        filed_records += filed_grouped
        asked_blocks += [groups + (high - low) for groups in asked_groups]
        asked_records += asked_grouped
        del filed_groups, filed_grouped, asked_groups, asked_grouped
        # Most look-ups of a wide block's groups find no record after them (at 100,000 persons 9 in 10 of the
        # rows met nobody): left out before the sort, which took half the key build.
        (filed_at, filed_by), (asked_at, asked_by) = _meeting(
            np.concatenate(filed_blocks), np.concatenate(filed_records), np.concatenate(asked_blocks),
            np.concatenate(asked_records), n)
        del filed_blocks, filed_records, asked_blocks, asked_records
        # The records filed (block, record, 0 as bits) and the look-ups (block, query, 1) sorted as one: a
        # look-up's records after it in its block are the filed ones from where it stands to its block's end.
        merged = np.concatenate(((filed_at << shift + 1) | (filed_by << 1),
                                 (asked_at << shift + 1) | (asked_by << 1) | 1))
        del filed_at, filed_by, asked_at, asked_by
        if not len(merged):  # every block of the range wider than `largest`: nothing filed, nothing looked up
            nothing = np.zeros(0, np.int32 if n < 1 << 31 else np.int64)
            return nothing, nothing, nothing, nothing
        merged.sort()
        asked = (merged & 1).astype(bool)
        places = np.int32 if len(merged) < 1 << 31 else np.int64  # counts of places: half the bytes when they fit
        filed_before = np.cumsum(~asked, dtype=places)  # the records filed up to each place
        merged >>= 1
        block = merged >> shift
        begins = np.ones(len(merged), bool)  # where each block begins
        np.not_equal(block[1:], block[:-1], out=begins[1:])
        del block
        run = np.cumsum(begins, dtype=places) - 1  # each place's block, numbered in order
        ends = np.append(np.flatnonzero(begins)[1:], len(merged))
        del begins
        at = np.flatnonzero(asked)
        begin = filed_before[at]
        counts = filed_before[ends - 1][run[at]] - begin
        del ends, run, filed_before
        kept = np.flatnonzero(counts > 0)  # only a block holding a record after the query is looked up
        record = (1 << shift) - 1
        queries = merged[at[kept]] & record
        filed = merged[~asked] & record
        del merged, asked, at
        begin, counts = begin[kept], counts[kept]
        if n * max(len(kept), 1) < 1 << 63:  # by query: a sort of query * len + place, not a sort of places
            by_query = np.sort(queries * len(kept) + np.arange(len(kept))) % max(len(kept), 1)
        else:
            by_query = np.argsort(queries, kind="stable")
        small = np.int32 if max(n, len(filed)) < 1 << 31 else np.int64
        return (filed.astype(small), queries[by_query].astype(small), begin[by_query].astype(small),
                counts[by_query].astype(small))

    def met(self, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """The pairs of records `start` to `end` (rows from 0) with the records after each: rows and positions,
        query by query, positions ascending."""
        n = self._n
        end = min(end, n)
        found = []
        for filed, queries_asked, begins, counts_asked in self._chunks:
            low, high = np.searchsorted(queries_asked, np.array((start, end), queries_asked.dtype)).tolist()  # no copy
            counts = counts_asked[low:high]
            found.append(np.repeat(queries_asked[low:high].astype(np.int64), counts) * n
                         + filed[_ranges(begins[low:high].astype(np.int64), counts)])
        pairs = np.concatenate(found) if found else np.zeros(0, np.int64)
        pairs.sort()
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
        return pairs // n - start, pairs % n

    def release(self) -> None:
        """Let the arrays go (the last batch is met)."""
        self._chunks = []


class _Keys:
    """The roster's blocking keys (`fastpath.key_parts`) numbered 0..: the shared parts' (names, numbers, initials)
    by their text, each set once; the date keys (a name word with the year, a full birth date) made as numbers
    from the records' words and dates, then numbered after them."""

    def __init__(self, roster: Sequence[Prepared]) -> None:
        self._roster = roster
        self._numbered: dict[str, int] = {}
        self._texts_by_number: list[str] | None = None
        words: dict[str, int] = {}
        shared: dict[tuple[NameToken, ...], int] = {}
        flat = array("q")
        holders: list[int] = []
        per_name: list[int] = []
        first, spread = by_identity(roster, "tokens")  # namesakes share one tuple (`RosterPreparing`): each once
        by_object = np.zeros(len(first), np.int64)
        for at in np.argsort(first).tolist():
            tokens = roster[int(first[at])].tokens
            found = shared.get(tokens)
            if found is None:
                found = shared[tokens] = len(holders)
                numbered = tuple(words.setdefault(w, len(words)) for w in _dated_blocks(tokens))
                flat.extend(numbered)
                per_name.append(len(numbered))
                holders.append(int(first[at]))
            by_object[at] = found
        names = by_object[spread]
        per = np.array(per_name, np.int64)
        counts = per[names]
        self.names = names  # each record's name (its tokens) numbered, and a record holding each name
        self.name_holders = holders
        self.word_counts = counts  # each record's name words (`features._dated_blocks`), numbered
        self.word_starts = np.concatenate(([0], np.cumsum(counts)))
        self.words = _int64(flat)[_ranges((np.cumsum(per) - per)[names], counts)]
        self.word_texts = list(words)
        year, day_month, full_date = _date_columns(roster, _year, _day_month, _full)
        self.year, self.full = year, day_month >= 0  # -1: undated; a day always comes with a month
        self.full_date = full_date  # `PartialDate.is_full`, as `shared_key_parts` tells a full date
        self._numbers = np.fromiter((bool(record.documents) for record in roster), np.int64, len(roster))
        self._document_count = 0
        self._dates_from = 0
        self._by_part: dict[int, tuple[AbstractSet[str], tuple[int, ...]]] = {}
        self._raw: dict[bool, tuple[np.ndarray, np.ndarray]] = {}
        self._day_month = day_month
        self._date_codes: np.ndarray | None = None

    def of_both(self, checkpoint: Callable[[], None] = lambda: None
                ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """Every (key, record) of the index side and of the query side, each as two arrays. `checkpoint()` is called
        between the sides' texts, the numbers and the dates (the key build's longest step: a cancel waited for it)."""
        texts = []  # numbers and dates numbered after them
        for indexing in (True, False):
            texts.append(self._texts(indexing=indexing))
            checkpoint()
        numbers, holders = self._documents
        checkpoint()
        numbers = numbers + len(self._numbered)
        self._dates_from = len(self._numbered) + self._document_count
        out = []
        for (keys, records), indexing in zip(texts, (True, False), strict=True):
            dates, dated = self._dates(indexing=indexing)
            out.append((np.concatenate((keys, numbers, dates)), np.concatenate((records, holders, dated))))
            checkpoint()
        return out[0], out[1]

    def document_keys(self) -> slice:
        """The numbers' keys (`d|`, `dd|`) among those numbered (call after `of_both`)."""
        return slice(len(self._numbered), self._dates_from)

    def count(self) -> int:
        """How many keys are numbered (call after `of_both`)."""
        return self._dates_from + len(self._codes())

    def kinds(self, keys: np.ndarray) -> np.ndarray:
        """The kind of each of `keys` (`_NAME`, `_BIRTH`, `_WORD_YEAR`, `_OTHER`)."""
        texts = len(self._numbered)
        if self._texts_by_number is None:
            self._texts_by_number = list(self._numbered)
        by_number = self._texts_by_number
        codes = self._codes()
        dates = self._dates_from
        return np.fromiter((_kind(by_number[key]) if key < texts else _OTHER if key < dates else
                            _BIRTH if codes[key - dates] // _TAG == _B else _WORD_YEAR for key in keys.tolist()),
                           np.int8, len(keys))

    def word_of(self, keys: np.ndarray) -> np.ndarray:
        """The name word's number of each of `keys`, name words with the year."""
        words: np.ndarray = (self._codes()[keys - self._dates_from] % _TAG) >> _WORD_SHIFT
        return words

    def _texts(self, *, indexing: bool) -> tuple[np.ndarray, np.ndarray]:
        """The identifiers' keys and the name and initial keys `fastpath.shared_key_parts` gives (all but its
        numbers'), numbered: a record's name keys once per name, number or not and full date or not, then spread
        to the records holding it."""
        numbered = self._numbered
        roster = self._roster
        flat = array("q")
        holders = array("q")
        for position, record in enumerate(roster):  # a roster read for the finder has no identifiers
            if record.uuid or record.case_ref:
                for key in (f"u|{record.uuid}" if record.uuid else "", f"c|{record.case_ref}" if record.case_ref
                            else ""):
                    if key:
                        flat.append(numbered.setdefault(key, len(numbered)))
                        holders.append(position)
        kinds, first, spread = np.unique(self.names * 4 + self._numbers * 2 + self.full_date, return_index=True,
                                         return_inverse=True)
        made = array("q")
        per = np.zeros(len(kinds), np.int64)
        by_part = self._by_part  # names share their parts (cached sets): each part's keys numbered once
        for at, position in enumerate(first.tolist()):
            before = len(made)
            for part in shared_key_parts(roster[position], indexing=indexing)[1:]:
                found = by_part.get(id(part))
                if found is None:
                    found = by_part[id(part)] = (part, tuple(numbered.setdefault(key, len(numbered)) for key in part))
                made.extend(found[1])
            per[at] = len(made) - before
        counts = per[spread.reshape(-1)]
        starts = (np.cumsum(per) - per)[spread.reshape(-1)]
        return (np.concatenate((_int64(flat), _int64(made)[_ranges(starts, counts)])),
                np.concatenate((_int64(holders), np.repeat(np.arange(len(roster), dtype=np.int64), counts))))

    @cached_property
    def _documents(self) -> tuple[np.ndarray, np.ndarray]:
        """`features._document_keys` of every record (both sides hold the same), numbered from 0, and their records:
        `d|` by the number's text, `dd|` (the number less one character) by its characters as a row of an array."""
        numbers: dict[str, int] = {}
        which, holders = array("q"), array("q")
        for position, record in enumerate(self._roster):
            for number in record.documents:
                which.append(numbers.setdefault(number, len(numbers)))
                holders.append(position)
        texts = list(numbers)
        del numbers
        number_of, holder = _int64(which), _int64(holders)
        lengths = np.fromiter(map(len, texts), np.int64, len(texts))
        # Each number's `dd|` keys (its characters less one, the k-th), k = 0.. in a row; `-1` for a key
        # dropped because the character before is the same (the same key again).
        variants = np.full(int(lengths[lengths >= MIN_FUZZY_DOCUMENT].sum()), -1, np.int64)
        variant_start = np.zeros(len(texts), np.int64)
        variant_count = np.where(lengths >= MIN_FUZZY_DOCUMENT, lengths, 0)
        variant_start[:] = np.cumsum(variant_count) - variant_count
        numbered = len(texts)  # the `d|` keys: 0..len(texts) - 1
        for length in np.unique(lengths[lengths >= MIN_FUZZY_DOCUMENT]).tolist():
            ids = np.flatnonzero(lengths == length)
            characters = np.frombuffer("".join([texts[k] for k in ids.tolist()]).encode("utf-32-le", "surrogatepass"),
                                       np.uint32).reshape(len(ids), length)
            alphabet = np.unique(characters)
            codes, repeated = _codes_less_one(characters, alphabet), []
            for k in range(length):
                repeated.append(characters[:, k] == characters[:, k - 1] if k else np.zeros(len(ids), bool))
            _, dense = np.unique(np.concatenate(codes), return_inverse=True)
            dense = dense.reshape(length, len(ids)) + numbered
            numbered = int(dense.max()) + 1
            dense[np.stack(repeated)] = -1
            variants[variant_start[ids][:, None] + np.arange(length)] = dense.T
        self._document_count = numbered
        counts = variant_count[number_of]
        keys = variants[_ranges(variant_start[number_of], counts)]
        records = np.repeat(holder, counts)
        kept = keys >= 0
        keys, records = keys[kept], records[kept]
        several = np.bincount(holder, minlength=len(self._roster)) > 1
        if several.any():  # a record's numbers one character off each other share a `dd|` key: once
            alone = ~several[records]
            pairs = np.unique(keys[~alone] * len(self._roster) + records[~alone])
            keys = np.concatenate((keys[alone], pairs // len(self._roster)))
            records = np.concatenate((records[alone], pairs % len(self._roster)))
        return np.concatenate((number_of, keys)), np.concatenate((holder, records))

    def _raw_dates(self, *, indexing: bool) -> tuple[np.ndarray, np.ndarray]:
        """`features._date_keys` and `b|` of every record as numbers (before numbering), and their records."""
        records = np.repeat(np.arange(len(self._roster), dtype=np.int64), self.word_counts)
        year = self.year[records]
        dated = year >= 0
        full = self.full[records]
        word_year = (self.words << _WORD_SHIFT) + (year - _FIRST_YEAR)
        # A full date: `ty|` on the index side, `yo|` on the query side; a partial one: `ty|` both, `yo|` indexed.
        ty = dated & (indexing | ~full)
        yo = dated & (~full if indexing else full)
        full_records = np.flatnonzero(self.full)
        birth = (self.year[full_records] - _FIRST_YEAR) * 10_000 + self._day_month[full_records]
        codes = np.concatenate((_TY * _TAG + word_year[ty], _YO * _TAG + word_year[yo], _B * _TAG + birth))
        return codes, np.concatenate((records[ty], records[yo], full_records))

    def _codes(self) -> np.ndarray:
        """The date keys' numbers, sorted: the key numbered len(texts) + k is the k-th."""
        if self._date_codes is None:
            self._raw = {indexing: self._raw_dates(indexing=indexing) for indexing in (True, False)}
            self._date_codes = np.unique(np.concatenate((self._raw[True][0], self._raw[False][0])))
        return self._date_codes

    def _dates(self, *, indexing: bool) -> tuple[np.ndarray, np.ndarray]:
        codes = self._codes()
        raw, records = self._raw.pop(indexing)  # made once with the numbers, let go once numbered
        return np.searchsorted(codes, raw) + self._dates_from, records


class _SecondKeys:
    """The groups a wide block's records are filed in and a query looks up (`DuplicateNarrowing`'s second keys).

    Group numbers: a birth group's int code + 1 (`fastpath._codes`), a name word's number + 1, a letter's code
    point + 1; `_NO_WORD` for a record with none, `_WHOLE` for a query that meets the whole block.
    """

    def __init__(self, roster: Sequence[Prepared], keys: _Keys) -> None:
        self._roster = roster
        self._keys = keys
        # Each record's birth date numbered by its object (a roster's persons share a few thousand), and each
        # numbered date's object: a date's groups and codes are made once, then gathered for its records.
        first, self._date_of = by_identity(roster, "birth_date")
        self._dates = [roster[k].birth_date for k in first.tolist()]
        self._by_name: dict[int, tuple[tuple[frozenset[str], frozenset[str]], ...]] = {}

    def width(self) -> int:
        """More than any group numbered: a name word's number + 1, a letter's code point + 1, a birth group + 1
        (`fastpath._codes`: `_DAY_MONTH` + a day and month, at most 1,231, the largest)."""
        return max(_GROUPS, len(self._keys.word_texts) + 1, sys.maxunicode + 2, _DAY_MONTH + 1_233)

    def filed(self, kind: int, keys: np.ndarray, records: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The groups each (key, record) is filed in, one after the other, and how many each."""
        if kind == _NAME:
            return self._birth_groups(records)
        if kind == _BIRTH:
            words = self._keys.word_counts[records]
            counts = np.maximum(words, 1)  # a record with no name word is met by all: under `_NO_WORD`
            groups = np.full(int(counts.sum()), _NO_WORD, np.int64)
            groups[_ranges(np.cumsum(counts) - counts, words)] = self._keys.words[
                _ranges(self._keys.word_starts[records], words)] + 1
            return groups, counts
        return self._initial_groups(keys, records, asked=False)

    def asked(self, kind: int, keys: np.ndarray, records: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The groups each (key, query) looks up, one after the other, and how many each."""
        if kind == _NAME:
            return self._birth_codes(records)
        if kind == _BIRTH:  # `_NO_WORD` and the words; `_WHOLE` for a query with none
            words = self._keys.word_counts[records]
            counts = words + 1
            starts = np.cumsum(counts) - counts
            groups = np.full(int(counts.sum()), _NO_WORD, np.int64)
            inner = _ranges(starts + 1, words)
            groups[inner] = self._keys.words[_ranges(self._keys.word_starts[records], words)] + 1
            groups[starts[words == 0]] = _WHOLE
            return groups, counts
        return self._initial_groups(keys, records, asked=True)

    def _birth_groups(self, records: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`DuplicateNarrowing._split`'s groups of each record, + 1: its date's, gathered (`_groups_by_date`)."""
        groups, per = self._groups_by_date
        dates = self._date_of[records]
        counts = per[dates]
        return groups[dates][np.arange(4) < counts[:, None]], counts

    @cached_property
    def _groups_by_date(self) -> tuple[np.ndarray, np.ndarray]:
        """Each numbered date's `DuplicateNarrowing._split` groups + 1 (a row of 4, the first `per` of them filled:
        its year; its year and month, year and day, day and month when full, or the year as estimated), and `per`."""
        year, year_month, year_day, day_month, estimated = (
            np.fromiter(map(column, self._dates), np.int64, len(self._dates))
            for column in (_year, _year_month, _year_day, _day_month, _estimated))
        dated = year >= 0
        estimated = dated & (estimated != 0)
        full = dated & ~estimated
        per = np.where(full, 4, np.where(estimated, 2, 1))
        groups = np.empty((len(self._dates), 4), np.int64)
        groups[:, 0] = np.where(dated, _DATED + year, -1)
        groups[:, 1] = np.where(estimated, _ESTIMATED + year, year_month)
        groups[:, 2] = _YEAR_DAY + year_day
        groups[:, 3] = _DAY_MONTH + day_month
        return groups + 1, per

    def _birth_codes(self, records: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each query's `fastpath._codes` + 1 (`_WHOLE` when undated)."""
        date_of, codes, starts, per = self._codes_by_date
        dates = date_of[records]
        counts = per[dates]
        return codes[_ranges(starts[dates], counts)], counts

    @cached_property
    def _codes_by_date(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each record's date numbered, and each numbered date's `fastpath._codes` + 1 (where they begin in one
        array, how many): a roster's persons share their date objects, each one's codes made once."""
        flat = array("q")
        per = np.zeros(len(self._dates), np.int64)
        for at, birth in enumerate(self._dates):
            made = (_WHOLE,) if birth is None else tuple(code + 1 for code in _codes(birth))
            flat.extend(made)
            per[at] = len(made)
        return self._date_of, _int64(flat), np.cumsum(per) - per, per

    def _initial_groups(self, keys: np.ndarray, records: np.ndarray, *, asked: bool) -> tuple[np.ndarray, np.ndarray]:
        """The other initials of each record's name given the key's word (`fastpath.other_initials`), as filed
        (`_NO_WORD` for none) or asked (`_NO_WORD` and the letters, `_WHOLE` for none), worked out once for each
        name and word."""
        names = self._keys.names[records]
        words = self._keys.word_of(keys)
        distinct, inverse = np.unique(names * len(self._keys.word_texts) + words, return_inverse=True)
        inverse = inverse.reshape(-1)
        flat = array("q")
        per = np.zeros(len(distinct), np.int64)
        texts = self._keys.word_texts
        some = self._keys.name_holders
        by_name = self._by_name
        for at, code in enumerate(distinct.tolist()):
            name, word = divmod(code, len(texts))
            found = by_name.get(name)
            if found is None:  # each word of the name (but the patronymic): its blocks and their first letters
                found = by_name[name] = tuple(
                    (token.blocks, frozenset(block[0] for block in token.blocks
                                             if block and not block.startswith(SKELETON_PREFIX)))
                    for token in self._roster[some[name]].tokens if token.role != PATRONYMIC)
            text = texts[word]
            other: set[str] = set()  # `fastpath.other_initials` (one letter)
            for blocks, initials in found:
                if text not in blocks:
                    other |= initials
            letters = tuple(ord(letter) + 1 for letter in other)
            groups = ((_NO_WORD, *letters) if letters else (_WHOLE,)) if asked else (letters or (_NO_WORD,))
            flat.extend(groups)
            per[at] = len(groups)
        starts = np.cumsum(per) - per
        counts = per[inverse]
        return _int64(flat)[_ranges(starts[inverse], counts)], counts


def identical_groups(records: Sequence[Prepared]) -> list[list[int]]:
    """The positions of registrations alike in everything the finder compares but their household, two or more,
    each group ascending: the same names, a full birth date (day, month and year), the same numbers (one at least),
    sex, locality and address.

        for group in identical_groups(prepared):
            kept, *again = group   # each of `again` is offered for merging into `kept` where nothing else offers it

    A file imported many times over (a clerk's repeated import, a family's file sent again and again) makes as many
    copies of each person; their numbers and names are then borne by as many holders, which the model weighs as a
    group's number and a common name, and their blocks grow past `engine.MAX_BLOCK`: `engine.find_duplicates`
    offers, through these groups, the copies no pair offered.

    Registrations holding no number, or only numbers borne by more than `DUPLICATE_DOCUMENT_BLOCK` persons (told
    apart by names and birth date: copies count once), are never a group: namesakes of a camp (the commonest names,
    the 1 January typed for an unknown day, no document or the office's own number, no address) are alike in every
    field too, and the model, which knows how many bear that name and that day, decides them.
    """
    if len(records) < 2:
        return []
    # Namesakes born on one day first, on arrays; the rest of the fields only for them (a few in a thousand).
    name = _value_codes([record.tokens for record in records])
    born = _value_codes([record.birth_date for record in records])
    alike = name * (int(born.max()) + 1) + born
    _, spread, counts = np.unique(alike, return_inverse=True, return_counts=True)
    groups: dict[tuple[object, ...], list[int]] = {}
    for position in np.flatnonzero(counts[spread.reshape(-1)] > 1).tolist():
        record = records[position]
        birth = record.birth_date
        if (not record.tokens or not record.documents or birth is None or birth.day is None
                or birth.month is None):
            continue
        signature = (int(alike[position]), record.documents, record.sex, record.locality, record.address)
        found = groups.get(signature)
        if found is None:
            groups[signature] = [position]
        else:
            found.append(position)
    alike_groups = [group for group in groups.values() if len(group) > 1]
    if not alike_groups:
        return []
    # A number counts for copies when few persons (names and birth date) bear it; one typed for hundreds of them
    # (the office's own, a placeholder) identifies nobody, and namesakes bearing it are no more copies than without.
    numbers = frozenset().union(*(records[group[0]].documents for group in alike_groups))
    bearers: dict[str, set[int]] = {}
    for position, record in enumerate(records):
        if record.documents and not numbers.isdisjoint(record.documents):
            for number in record.documents & numbers:
                bearers.setdefault(number, set()).add(int(alike[position]))
    return [group for group in alike_groups
            if any(len(bearers[number]) <= DUPLICATE_DOCUMENT_BLOCK for number in records[group[0]].documents)]


def _value_codes(values: list[object]) -> np.ndarray:
    """Each of `values` as a number, equal values one number. A roster's namesakes share one tokens tuple and its
    persons their date objects (`RosterPreparing`): each distinct object is read once, by its id (`values` holds
    them, so that no id is reused meanwhile)."""
    first, spread = _by_identity(values)
    numbered: dict[object, int] = {}
    codes = np.fromiter((numbered.setdefault(values[k], len(numbered)) for k in first.tolist()), np.int64, len(first))
    return codes[spread]  # type: ignore[no-any-return]
