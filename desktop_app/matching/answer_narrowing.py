"""Which roster records of a wide block an answer row meets: those that also agree on a second key.

    narrowing = AnswerNarrowing(roster, births)      # births: the index's `fastpath.BirthNarrowing`
    split = AnswerSplit()                            # one per answer: each wide block split once
    parts = narrowing.met(key, block, row, split)    # lists of positions; their union is what the row meets

At a million persons an answer row met some 320 records, four in five of them through a key
that holds many persons who could not be the row's person: a name word with a birth year
(`ty|`, `yo|`: 'IL' is the sound of Ilya, Yulia and Iuliia, and some 2,000 persons carry one of
them with a given year), a full birth date (`b|`: everyone born that day), or a common name
(`n|`, `ng|`). As record-linkage systems do at scale (Splink pairs a common key with a
second), a key shared by more than `ANSWER_WIDE_BLOCK` roster records gives a row only the
records that also agree with it on something a true pair shows:

- a name key: a birth date that could be the row's (its year or a year either side, its day and
  month in any year, or no date on the record; as `fastpath.BirthNarrowing`, which the duplicate
  finder uses), or two years off when either date is estimated (a year alone or 1 January: an age
  guessed at registration);
- a full birth date: a name word's key (sound or consonant skeleton) of the row;
- a name word with a birth year: one of the first two letters of another name word's sound key (the
  word the key holds agrees already; a typo or another transliteration of the other word rarely
  changes both).

A row that gives nothing to narrow by (no date for a name key, no other word for a word with a
year) meets the whole block, and a roster record that has nothing to narrow by is met by every
row. Numbers and identifiers are never narrowed; but a number (`d|`, or one character off it, `dd|`)
borne by more than `fastpath.DUPLICATE_DOCUMENT_BLOCK` roster records meets nobody, as in the duplicate
finder (`fastpath.borne_by_many`): typed for thousands (the office's own, a placeholder), it
identifies nobody, and every row holding it met and compared them all (500 such rows of a 1,000-row
answer against 1,999 holders: 999,500 pairs). Its holders still meet a row by names and birth dates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet

import numpy as np

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.fastpath import (
    _NARROWED,
    _WORD_AND_YEAR,
    BirthNarrowing,
    _day_month,
    borne_by_many,
    other_initials,
)
from desktop_app.matching.features import Prepared, _dated_blocks
from desktop_app.matching.roster_counts import by_identity

ANSWER_WIDE_BLOCK = 20  # a key shared by more roster records than this is narrowed by a second key
_NOTHING = ""  # the group of the roster records a wide block cannot narrow (met by every row)
GUESSED_AGE_SLACK = 2  # an estimated birth date meets, in a wide name block, the namesakes born this many years off
_NEW_YEAR = 101  # `fastpath._day_month` of 1 January, an unknown day's usual entry
# Two letters, not one, for an answer row: a transliteration changes a word's first sound more often than
# its second (Khaled and Chaled, HLD and SLD; Hussein and Gusein; Elena and Jelena; Olga and Helga; Hryhoriy
# and Grigoriy; Zhang and Chang), and the sound key of an Arabic word drops its first letter (عمر reads MR
# beside OMAR's OMR).
_OTHER_LETTERS = 2


class AnswerSplit:
    """The wide blocks an answer's rows met, each read once for all of them (a wide key is met by a few rows of an
    answer, most often one: a block is masked per row on arrays rather than split into every group once)."""

    __slots__ = ("births", "names")

    def __init__(self) -> None:
        self.births: dict[str, _Births] = {}
        self.names: dict[str, tuple[np.ndarray, np.ndarray, list[frozenset[str]]]] = {}  # positions, name, values


class _Births:
    """One wide block's positions and their records' birth years, days and months and estimated dates, as arrays."""

    __slots__ = ("day_month", "estimated", "positions", "year")

    def __init__(self, positions: np.ndarray, year: np.ndarray, day_month: np.ndarray, estimated: np.ndarray
                 ) -> None:
        self.positions, self.year, self.day_month, self.estimated = positions, year, day_month, estimated


class AnswerNarrowing:
    """The records of a wide block an answer row meets (see the module's docstring)."""

    def __init__(self, roster: Sequence[Prepared], births: BirthNarrowing) -> None:
        self._year = births._year  # the roster's birth years (-1: none) and days and months, shared
        self._day_month = births._day_month
        # An estimated date: a year alone (or a month), or 1 January.
        self._estimated = (self._year >= 0) & ((self._day_month < 0) | (self._day_month == _NEW_YEAR))
        # Each record's name as a number: namesakes share one tokens tuple (`features.RosterPreparing`), so a
        # wide block's names are worked out once each, not once a record.
        first, self._name_of = by_identity(roster, "tokens")
        self._names = [roster[k].tokens for k in first.tolist()]
        self._words: dict[int, frozenset[str]] = {}  # a name's number -> its words' keys, once asked

    def met(self, key: str, block: list[int], row: Prepared, split: AnswerSplit) -> list[list[int]]:
        """The positions of `block` (key `key`) the answer row `row` meets, in a few lists, each ascending."""
        if len(block) <= ANSWER_WIDE_BLOCK:
            return [block]
        if borne_by_many(key, len(block)):
            return []
        if key.startswith(_NARROWED):
            birth = row.birth_date
            return [block] if birth is None else [self._by_birth(key, block, birth, split)]
        if key.startswith("b|"):
            return self._grouped(key, block, _dated_blocks(row.tokens), split, self._name_words)
        if key.startswith(_WORD_AND_YEAR):
            word = key.split("|", 2)[1]
            return self._grouped(key, block, other_initials(row.tokens, word, _OTHER_LETTERS), split,
                                 lambda name: other_initials(self._names[name], word, _OTHER_LETTERS))
        return [block]

    def _by_birth(self, key: str, block: list[int], birth: PartialDate, split: AnswerSplit) -> list[int]:
        """The records of a wide name block born within a year of `birth`, on its day and month in any year, or
        undated; and `GUESSED_AGE_SLACK` years off where either date is estimated (a guessed age)."""
        found = split.births.get(key)
        if found is None:
            where = np.array(block, np.int64)
            found = split.births[key] = _Births(where, self._year[where], self._day_month[where],
                                                self._estimated[where])
        year, born = found.year, birth.year
        mask = (year == -1) | (year == born - 1) | (year == born) | (year == born + 1)
        if birth.day is not None and birth.month is not None:
            mask |= found.day_month == _day_month(birth)
        guessed = (year == born - GUESSED_AGE_SLACK) | (year == born + GUESSED_AGE_SLACK)
        if birth.day is None or (birth.day == 1 and birth.month == 1):  # this row's date estimated: every dated one
            mask |= guessed & (year != -1)
        else:
            mask |= guessed & found.estimated
        return found.positions[mask].tolist()  # type: ignore[no-any-return]

    def _name_words(self, name: int) -> frozenset[str]:
        words = self._words.get(name)
        if words is None:
            words = self._words[name] = _dated_blocks(self._names[name])
        return words

    def _grouped(self, key: str, block: list[int], wanted: frozenset[str], split: AnswerSplit,
                 values: Callable[[int], frozenset[str]]) -> list[list[int]]:
        """The records of `block` holding one of `wanted` (`values(name)`: a name's), and those holding none."""
        if not wanted:
            return [block]
        found = split.names.get(key)
        if found is None:
            where = np.array(block, np.int64)
            names, name_of = np.unique(self._name_of[where], return_inverse=True)
            found = split.names[key] = (where, name_of.reshape(-1), [values(name) for name in names.tolist()])
        where, name_of, held = found
        # A name holding no value is met by every row (as if it held `_NOTHING`, which every row asks for).
        meets = np.fromiter((not value or _NOTHING in value or not value.isdisjoint(wanted) for value in held),
                            bool, len(held))
        return [where[meets[name_of]].tolist()]


def met_by_rows(rows: Sequence[Prepared], keys: Sequence[AbstractSet[str]], blocks: Mapping[str, list[int]],
                largest: int, narrowing: AnswerNarrowing, split: AnswerSplit) -> tuple[np.ndarray, np.ndarray]:
    """`fastpath.met_in_blocks` for answer rows, each block narrowed by `narrowing`: rows and positions of the pairs.

    `keys[i]` are row i's blocking keys; the pairs come row by row, positions ascending.
    """
    found_rows: list[np.ndarray] = []
    positions: list[np.ndarray] = []
    for number, (row, row_keys) in enumerate(zip(rows, keys, strict=True)):
        met: set[int] = set()
        for key in row_keys:
            block = blocks.get(key)
            if not block or len(block) > largest:
                continue
            if len(block) <= ANSWER_WIDE_BLOCK:  # nothing to narrow (`AnswerNarrowing.met` gives the block)
                met.update(block)
            else:
                for part in narrowing.met(key, block, row, split):
                    met.update(part)
        if met:
            found = np.fromiter(met, np.int64, len(met))
            found.sort()
            positions.append(found)
            found_rows.append(np.full(len(met), number, np.int64))
    if not found_rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(found_rows), np.concatenate(positions)
