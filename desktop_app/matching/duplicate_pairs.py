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
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import numpy as np

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.fastpath import (
    _DATED,
    _DAY_MONTH,
    _ESTIMATED,
    _NARROWED,
    _WORD_AND_YEAR,
    _YEAR_DAY,
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
from desktop_app.matching.features import PATRONYMIC, NameToken, Prepared, _dated_blocks
from desktop_app.matching.normalize import SKELETON_PREFIX

# A wide block's record is filed in block key * width + group: the width at least this, past every group a roster can
# number (`_SecondKeys.width`: its name words can outnumber this, and a group past it was filed under the next key's).
_GROUPS = 1 << 23
_WHOLE = -1  # the group of a whole block (a key not narrowed, or a query that meets all of a wide block)
_OTHER, _NAME, _BIRTH, _WORD_YEAR = 0, 1, 2, 3  # the kinds of key `DuplicateNarrowing` narrows, and the rest
_CHUNK = 20_000_000  # rows of the arrays of one range of keys (with a wide block's groups), about 1 GB at most
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


def _int64(values: array[int]) -> np.ndarray:
    return np.frombuffer(values, np.int64).copy() if len(values) else np.zeros(0, np.int64)


class RosterPairs:
    """Every pair of a roster's records the duplicate finder meets (`DuplicateNarrowing` above `wide`), on arrays.

    Built once for the roster (its keys numbered, the records filed under them, sorted); `met(start, end)` then
    gives the pairs of the records `start` to `end` with the records after each, as `met_in_blocks` does with
    `first=start`. `release` lets the arrays go once the last batch is met.
    """

    def __init__(self, roster: Sequence[Prepared], *, wide: int | None, largest: int) -> None:
        self._n = len(roster)
        wide = WIDE_BLOCK if wide is None else wide
        keys = _Keys(roster)
        (index_keys, index_records), (query_keys, query_records) = keys.of_both()
        sizes = np.bincount(index_keys, minlength=keys.count())
        kind = np.zeros(len(sizes), np.int8)  # only the wide blocks' kinds matter
        wide_keys = np.flatnonzero((sizes > wide) & (sizes <= largest))
        kind[wide_keys] = keys.kinds(wide_keys)
        used = sizes[query_keys] <= largest  # a block wider than `largest` says too little to meet in
        query_keys, query_records = query_keys[used], query_records[used]
        used = sizes[index_keys] <= largest
        index_keys, index_records = index_keys[used], index_records[used]
        narrowed = (sizes > wide) & (kind != _OTHER)  # by key: a wide block met by a second key
        # The keys taken a range at a time (a key's pairs are its own): each range's arrays are about
        # `_CHUNK` rows, what a wide block's groups multiply its rows by counted in.
        weight = np.bincount(index_keys, weights=np.where(narrowed[index_keys], 4.0, 1.0), minlength=len(sizes))
        weight += np.bincount(query_keys, weights=np.where(narrowed[query_keys], 9.0, 1.0), minlength=len(sizes))
        bounds = np.unique(np.searchsorted(np.cumsum(weight), np.arange(1, int(weight.sum() // _CHUNK) + 1) * _CHUNK))
        del sizes, used, weight, wide_keys
        seconds = _SecondKeys(roster, keys)
        self._chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        low = 0
        for high in [*bounds.tolist(), len(narrowed)]:
            if high <= low:
                continue
            index_at = np.flatnonzero((index_keys >= low) & (index_keys < high))
            query_at = np.flatnonzero((query_keys >= low) & (query_keys < high))
            self._chunks.append(self._chunk(index_keys[index_at], index_records[index_at], query_keys[query_at],
                                            query_records[query_at], low, high, narrowed, kind, seconds))
            low = high

    def _chunk(self, index_keys: np.ndarray, index_records: np.ndarray, query_keys: np.ndarray,
               query_records: np.ndarray, low: int, high: int, narrowed: np.ndarray, kind: np.ndarray,
               seconds: _SecondKeys) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The keys `low` to `high`: their records filed (block * n + record, sorted), where each block ends, and
        the blocks each query looks up (blocks and queries by query, where each query's begin)."""
        n = self._n
        # A block not narrowed keeps its key's number (less `low`); a wide block's groups (key, group) are
        # numbered after them.
        filed_blocks, filed_records, asked_blocks, asked_records = [], [], [], []
        filed_groups, filed_grouped, asked_groups, asked_grouped = [], [], [], []  # key * width + group, record
        width = seconds.width()
        whole = ~narrowed[query_keys]
        asked_blocks.append(query_keys[whole] - low)
        asked_records.append(query_records[whole])
        whole = ~narrowed[index_keys]
        filed_blocks.append(index_keys[whole] - low)
        filed_records.append(index_records[whole])
        for kind_of in (_NAME, _BIRTH, _WORD_YEAR):
            at = np.flatnonzero(narrowed[query_keys] & (kind[query_keys] == kind_of))
            groups, per = seconds.asked(kind_of, query_keys[at], query_records[at])
            asking, records = np.repeat(query_keys[at], per), np.repeat(query_records[at], per)
            # A query meeting all of a wide block (no birth date, no name word) looks it up whole: filed whole too.
            whole = groups == _WHOLE
            asked_blocks.append(asking[whole] - low)
            asked_records.append(records[whole])
            asked_groups.append(asking[~whole] * width + groups[~whole])
            asked_grouped.append(records[~whole])
            whole_keys = np.unique(asking[whole])
            at = np.flatnonzero(narrowed[index_keys] & (kind[index_keys] == kind_of))
            groups, per = seconds.filed(kind_of, index_keys[at], index_records[at])
            filed_groups.append(np.repeat(index_keys[at], per) * width + groups)
            filed_grouped.append(np.repeat(index_records[at], per))
            if len(whole_keys):
                at = at[np.isin(index_keys[at], whole_keys)]
                filed_blocks.append(index_keys[at] - low)
                filed_records.append(index_records[at])
        del index_keys, index_records, query_keys, query_records
        filed = np.concatenate(filed_groups)
        _, dense = np.unique(np.concatenate((filed, *asked_groups)), return_inverse=True)  # each group numbered
        dense = dense.reshape(-1) + (high - low)
        filed_blocks += [dense[:len(filed)]]
        filed_records += filed_grouped
        asked_blocks.append(dense[len(filed):])
        asked_records += asked_grouped
        del filed, dense, filed_groups, filed_grouped, asked_groups, asked_grouped
        block = np.concatenate(filed_blocks)
        blocks = max(int(block.max(initial=-1)) + 1, int(np.concatenate(asked_blocks).max(initial=-1)) + 1)
        filed_order = block * n + np.concatenate(filed_records)
        ends = np.cumsum(np.bincount(block, minlength=blocks))
        del block, filed_blocks, filed_records
        filed_order.sort()
        # Only a block holding a record after the query is looked up.
        last = np.full(blocks, -1, np.int64)
        held = ends > np.concatenate(([0], ends[:-1]))
        last[held] = filed_order[ends[held] - 1] % n
        queries = np.concatenate(asked_records)
        block = np.concatenate(asked_blocks)
        del asked_records, asked_blocks
        kept = np.flatnonzero(last[block] > queries)
        by_query = kept[np.argsort(queries[kept], kind="stable")]  # a few ascending runs
        queries, block = queries[by_query], block[by_query]
        return filed_order, ends, block, queries, np.searchsorted(queries, np.arange(n + 1, dtype=np.int64))

    def met(self, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """The pairs of records `start` to `end` (rows from 0) with the records after each: rows and positions,
        query by query, positions ascending."""
        n = self._n
        end = min(end, n)
        found = []
        for filed, ends, blocks_asked, queries_asked, starts in self._chunks:
            low, high = int(starts[start]), int(starts[end])
            queries = queries_asked[low:high]
            blocks = blocks_asked[low:high]
            begin = np.searchsorted(filed, blocks * n + queries, side="right")  # past the query itself
            counts = ends[blocks] - begin
            found.append(np.repeat(queries, counts) * n + filed[_ranges(begin, counts)] % n)
        pairs = np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)
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
        shared: dict[tuple[NameToken, ...], tuple[tuple[int, ...], int]] = {}
        flat = array("q")
        counts = np.zeros(len(roster), np.int64)
        names = np.zeros(len(roster), np.int64)
        holders: list[int] = []
        for position, record in enumerate(roster):
            found = shared.get(record.tokens)
            if found is None:
                dated = _dated_blocks(record.tokens)
                found = shared[record.tokens] = (tuple(words.setdefault(w, len(words)) for w in dated), len(holders))
                holders.append(position)
            flat.extend(found[0])
            counts[position] = len(found[0])
            names[position] = found[1]
        self.names = names  # each record's name (its tokens) numbered, and a record holding each name
        self.name_holders = holders
        self.word_counts = counts  # each record's name words (`features._dated_blocks`), numbered
        self.word_starts = np.concatenate(([0], np.cumsum(counts)))
        self.words = _int64(flat)
        self.word_texts = list(words)
        year, day_month = _date_columns(roster, _year, _day_month)
        self.year, self.full = year, day_month >= 0  # -1: undated; a day always comes with a month
        self._day_month = day_month
        self._date_codes: np.ndarray | None = None

    def of_both(self) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """Every (key, record) of the index side and of the query side, each as two arrays."""
        texts = [self._texts(indexing=True), self._texts(indexing=False)]  # the date keys numbered after all texts
        out = []
        for (keys, records), indexing in zip(texts, (True, False), strict=True):
            dates, dated = self._dates(indexing=indexing)
            out.append((np.concatenate((keys, dates)), np.concatenate((records, dated))))
        return out[0], out[1]

    def count(self) -> int:
        """How many keys are numbered (call after `of_both`)."""
        return len(self._numbered) + len(self._codes())

    def kinds(self, keys: np.ndarray) -> np.ndarray:
        """The kind of each of `keys` (`_NAME`, `_BIRTH`, `_WORD_YEAR`, `_OTHER`)."""
        texts = len(self._numbered)
        if self._texts_by_number is None:
            self._texts_by_number = list(self._numbered)
        by_number = self._texts_by_number
        codes = self._codes()
        return np.fromiter((_kind(by_number[key]) if key < texts else
                            _BIRTH if codes[key - texts] // _TAG == _B else _WORD_YEAR for key in keys.tolist()),
                           np.int8, len(keys))

    def word_of(self, keys: np.ndarray) -> np.ndarray:
        """The name word's number of each of `keys`, name words with the year."""
        words: np.ndarray = (self._codes()[keys - len(self._numbered)] % _TAG) >> _WORD_SHIFT
        return words

    def _texts(self, *, indexing: bool) -> tuple[np.ndarray, np.ndarray]:
        """The keys `fastpath.shared_key_parts` gives (and identifiers'), numbered: a record's number keys are
        numbered once per set of numbers, the rest once per name, number or not and full date or not."""
        numbered = self._numbered
        by_documents: dict[AbstractSet[str], tuple[int, ...]] = {}
        by_name: dict[tuple[int, bool, bool], tuple[int, ...]] = {}
        names = self.names.tolist()
        flat = array("q")
        counts = np.zeros(len(self._roster), np.int64)
        for position, record in enumerate(self._roster):
            before = len(flat)
            if record.uuid:
                flat.append(numbered.setdefault(f"u|{record.uuid}", len(numbered)))
            if record.case_ref:
                flat.append(numbered.setdefault(f"c|{record.case_ref}", len(numbered)))
            date = record.birth_date
            name = (names[position], bool(record.documents), date is not None and date.is_full)
            found = by_name.get(name)
            parts = None
            if found is None:
                parts = shared_key_parts(record, indexing=indexing)
                found = by_name[name] = tuple(numbered.setdefault(key, len(numbered)) for part in parts[1:]
                                              for key in part)
            flat.extend(found)
            if record.documents:
                numbers = by_documents.get(record.documents)
                if numbers is None:
                    part = (parts or shared_key_parts(record, indexing=indexing))[0]
                    numbers = by_documents[record.documents] = tuple(numbered.setdefault(key, len(numbered))
                                                                     for key in part)
                flat.extend(numbers)
            counts[position] = len(flat) - before
        return _int64(flat), np.repeat(np.arange(len(self._roster), dtype=np.int64), counts)

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
            self._date_codes = np.unique(np.concatenate((self._raw_dates(indexing=True)[0],
                                                         self._raw_dates(indexing=False)[0])))
        return self._date_codes

    def _dates(self, *, indexing: bool) -> tuple[np.ndarray, np.ndarray]:
        codes, records = self._raw_dates(indexing=indexing)
        return np.searchsorted(self._codes(), codes) + len(self._numbered), records


class _SecondKeys:
    """The groups a wide block's records are filed in and a query looks up (`DuplicateNarrowing`'s second keys).

    Group numbers: a birth group's int code + 1 (`fastpath._codes`), a name word's number + 1, a letter's code
    point + 1; `_NO_WORD` for a record with none, `_WHOLE` for a query that meets the whole block.
    """

    def __init__(self, roster: Sequence[Prepared], keys: _Keys) -> None:
        self._roster = roster
        self._keys = keys
        self._year, self._year_month, self._year_day, self._day_month, self._estimated = _date_columns(
            roster, _year, _year_month, _year_day, _day_month, _estimated)
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
        """`DuplicateNarrowing._split`'s groups of each record, + 1."""
        year = self._year[records]
        dated = year >= 0
        estimated = dated & (self._estimated[records] != 0)
        full = dated & ~estimated
        counts = np.where(full, 4, np.where(estimated, 2, 1))
        out = np.empty((len(records), 4), np.int64)
        out[:, 0] = np.where(dated, _DATED + year, -1)
        out[:, 1] = np.where(estimated, _ESTIMATED + year, self._year_month[records])
        out[:, 2] = _YEAR_DAY + self._year_day[records]
        out[:, 3] = _DAY_MONTH + self._day_month[records]
        return out[np.arange(4) < counts[:, None]] + 1, counts

    def _birth_codes(self, records: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each query's `fastpath._codes` + 1 (`_WHOLE` when undated)."""
        distinct, first, inverse = np.unique(records, return_index=True, return_inverse=True)
        made: dict[int, tuple[PartialDate, tuple[int, ...]]] = {}
        flat = array("q")
        per = np.zeros(len(distinct), np.int64)
        for at, record in enumerate(distinct.tolist()):
            birth = self._roster[record].birth_date
            if birth is None:
                flat.append(_WHOLE)
                per[at] = 1
                continue
            found = made.get(id(birth))
            if found is None:  # a roster's persons share their date objects: each one's codes made once
                found = made[id(birth)] = (birth, tuple(code + 1 for code in _codes(birth)))
            flat.extend(found[1])
            per[at] = len(found[1])
        del first
        inverse = inverse.reshape(-1)
        starts = np.cumsum(per) - per
        counts = per[inverse]
        return _int64(flat)[_ranges(starts[inverse], counts)], counts

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
