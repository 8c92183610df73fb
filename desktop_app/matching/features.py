"""A record prepared for matching: name tokens, document keys, birth date, blocking keys.

`prepare(record)` is done once per record (roster rows when the index is built, answer
rows when they are looked up). Blocking keys are plain strings; two records become a
candidate pair when they share at least one key:

* `u|uuid`, `c|case_ref`: our own identifiers echoed by the partner;
* `d|number` for each document number;
* `n|a|b`: the block keys of any two name words, unordered (surname and given name in
  any order, under any romanisation that reduces to the same consonant frame);
* `ty|w|year`, `yo|w|year`: a surname or given-name word with the birth year when one side has
  only a year;
* `b|year|dm`: the full birth date alone (day and month unordered, so a swap still meets; a few
  persons a day even on a large roster), so a pair whose names both changed (a married name, a
  typo in each) still meets;
* `dd|number`: a document number of 6+ characters with one character left out, at each place, so
  numbers one typo apart (a wrong, missing or extra character, two swapped) meet;
* `ng|w|initial`: a surname word with the first letter of a given name, looked up for a record
  with no full birth date and no document (nothing else to meet through; the skeleton's 'initial'
  `~` stands for any given name); with a document and no full birth date, by the surname's sound
  frame and the given name's first letter only (the number may be mistyped: FEBRL1's Nichooas
  Campbell met nobody); a record with a surname and no given name and no full birth date meets
  every namesake of its surname (`ng|w|~`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, product, repeat
from operator import eq
from typing import NamedTuple

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex, document_match_key
from desktop_app.matching.normalize import SKELETON_PREFIX, latin_forms, name_words, place_text
from desktop_app.matching.records import Key, MatchRecord

SURNAME = "surname"
GIVEN = "given name"
PATRONYMIC = "patronymic"
NAME = "name"  # a word of a full name in unknown order

MIN_FUZZY_DOCUMENT = 6  # shorter numbers must be equal to count


@dataclass(frozen=True, slots=True)
class NameToken:
    """One word of a name: its role and its spellings (a Cyrillic word and its passport Latin)."""

    role: str
    words: tuple[str, ...]
    blocks: frozenset[str]


class Prepared(NamedTuple):
    """What the scorer and the index need from one record, computed once.

    A named tuple rather than a frozen dataclass: the index makes one for every roster person,
    and a frozen dataclass sets each field through `object.__setattr__`, several times the cost.
    """

    key: Key
    tokens: tuple[NameToken, ...]
    documents: frozenset[str]
    birth_date: PartialDate | None
    sex: Sex | None
    uuid: str | None
    case_ref: str | None
    household_key: Key | None
    has_roles: bool
    locality: str = ""  # `place_text` of the locality
    address: str = ""   # `place_text` of the address


def prepare(record: MatchRecord) -> Prepared:
    """Tokens, normalised documents and identifiers of `record`."""
    return prepare_fields(
        record.key, surname=record.surname, given_names=record.given_names, patronymic=record.patronymic,
        surname_latin=record.surname_latin, given_names_latin=record.given_names_latin, full_name=record.full_name,
        birth_date=record.birth_date, sex=record.sex, documents=record.documents, uuid=record.uuid,
        case_ref=record.case_ref, household_key=record.household_key, locality=record.locality,
        address=record.address)


def prepare_fields(key: Key, *, surname: str = "", given_names: str = "", patronymic: str = "",
                   surname_latin: str = "", given_names_latin: str = "", full_name: str = "",
                   birth_date: PartialDate | None = None, sex: Sex | None = None, documents: Iterable[str] = (),
                   uuid: str | None = None, case_ref: str | None = None, household_key: Key | None = None,
                   locality: str = "", address: str = "") -> Prepared:
    """`prepare` of the `MatchRecord` these fields would make, without making it (the roster's 100,000 persons)."""
    tokens, has_roles = _name_tokens(surname, given_names, patronymic, surname_latin, given_names_latin, full_name)
    return Prepared(
        key=key,
        tokens=tokens,
        documents=frozenset(filter(None, map(document_match_key, documents))),
        birth_date=birth_date,
        sex=sex,
        uuid=_identifier(uuid),
        case_ref=_identifier(case_ref),
        household_key=household_key,
        has_roles=has_roles,
        locality=place_text(locality),
        address=place_text(address),
    )


def _name_tokens(surname: str, given_names: str, patronymic: str, surname_latin: str, given_names_latin: str,
                 full_name: str) -> tuple[tuple[NameToken, ...], bool]:
    """The tokens of a name and whether its roles are known (as `MatchRecord.has_roles`)."""
    has_roles = bool(surname or surname_latin or given_names or given_names_latin)
    if has_roles:
        return (_role_tokens(SURNAME, surname, surname_latin) + _role_tokens(GIVEN, given_names, given_names_latin)
                + _role_tokens(PATRONYMIC, patronymic, "")), True
    return _role_tokens(NAME, full_name, ""), False


def _identifier(value: str | None) -> str | None:
    if not value:
        return None
    folded = value.strip().casefold()
    # The value as read when it is already in its compared form: a roster's million identifiers are not held twice.
    return (value if folded == value else folded) or None


_NO_DOCUMENTS: frozenset[str] = frozenset()


class RosterPreparing:
    """`prepare_fields` of a roster's persons, one after another: the tokens of each distinct name made once.

        preparing = RosterPreparing()
        records = [preparing.prepared(...) for person in roster]   # == prepare_fields(...) of each

    Namesakes share one tokens tuple (a roster of a million persons repeats its names), looked up
    by the five name columns as read; the lookup table goes with this object.
    """

    def __init__(self) -> None:
        self._names: dict[tuple[str, str, str, str, str], tuple[tuple[NameToken, ...], bool]] = {}

    def prepared(self, key: Key, surname: str, given_names: str, patronymic: str, surname_latin: str,
                 given_names_latin: str, birth_date: PartialDate | None, sex: Sex | None, documents: tuple[str, ...],
                 uuid: str | None, case_ref: str | None, household_key: Key | None, locality: str, address: str
                 ) -> Prepared:
        """`prepare_fields(key, surname=surname, ...)` (no full name: a roster person's roles are known or empty)."""
        names = (surname, given_names, patronymic, surname_latin, given_names_latin)
        made = self._names.get(names)
        if made is None:
            made = self._names[names] = _name_tokens(surname, given_names, patronymic, surname_latin,
                                                     given_names_latin, "")
        return Prepared(key, made[0],
                        frozenset(filter(None, map(document_match_key, documents))) if documents else _NO_DOCUMENTS,
                        birth_date, sex, _identifier(uuid), _identifier(case_ref), household_key, made[1],
                        place_text(locality), place_text(address))

    def prepared_columns(self, keys: Sequence[Key], surnames: Sequence[str], given_names: Sequence[str],
                         patronymics: Sequence[str], surnames_latin: Sequence[str], given_names_latin: Sequence[str],
                         birth_dates: Iterable[PartialDate | None], sexes: Iterable[Sex | None],
                         documents: Iterable[tuple[str, ...]], uuids: Sequence[str | None],
                         case_refs: Sequence[str | None], household_keys: Iterable[Key | None],
                         localities: Sequence[str], addresses: Sequence[str]) -> list[Prepared]:
        """`prepared` of many persons given column by column (the i-th of each column is the i-th person).

            records = preparing.prepared_columns(ids, surnames, ..., addresses)   # == [preparing.prepared(...), ...]

        Each distinct name, locality and address is prepared once and mapped back to its persons, and the
        records are made by `map` and `zip`, without a Python call per person (the roster's dates and sexes come
        prepared: `services.reconciling.roster` maps each distinct one once).
        """
        names = list(zip(surnames, given_names, patronymics, surnames_latin, given_names_latin, strict=True))
        made = self._names
        for new in set(names).difference(made):
            made[new] = _name_tokens(*new, "")
        tokens, roles = zip(*map(made.__getitem__, names), strict=True) if names else ((), ())
        del names
        places = {place: place_text(place) for place in {*localities, *addresses}}
        return list(map(tuple.__new__, repeat(Prepared), zip(
            keys, tokens,
            [frozenset(filter(None, map(document_match_key, numbers))) if numbers else _NO_DOCUMENTS
             for numbers in documents],
            birth_dates, sexes, _identifiers(uuids), _identifiers(case_refs), household_keys, roles,
            map(places.__getitem__, localities), map(places.__getitem__, addresses), strict=True)))


def _identifiers(values: Sequence[str | None]) -> Sequence[str | None]:
    """`_identifier` of each of `values`: `values` itself when every one is already in its compared form."""
    if all(values) and all(map(eq, map(str.casefold, map(str.strip, values)), values)):  # type: ignore[arg-type]
        return values
    return [_identifier(value) for value in values]


@lru_cache(maxsize=500_000)
def _role_tokens(role: str, native: str, latin: str) -> tuple[NameToken, ...]:
    native_words, latin_words = name_words(native), name_words(latin)
    if native_words and len(native_words) == len(latin_words):
        groups = [tuple(dict.fromkeys(pair)) for pair in zip(native_words, latin_words, strict=True)]
    else:
        groups = [(w,) for w in native_words + latin_words]
    return tuple(NameToken(role, group, frozenset().union(*(latin_forms(w).blocks for w in group)))
                 for group in groups)


def blocking_keys(prepared: Prepared, *, indexing: bool) -> set[str]:
    """The blocking keys of a record; `indexing` picks the roster side of the year-only keys."""
    keys: set[str] = set()
    if prepared.uuid:
        keys.add(f"u|{prepared.uuid}")
    if prepared.case_ref:
        keys.add(f"c|{prepared.case_ref}")
    keys.update(_document_keys(prepared.documents))
    keys.update(_name_keys(prepared.tokens))
    date = prepared.birth_date
    if date is not None:
        keys.update(_date_keys(date, _dated_blocks(prepared.tokens), indexing=indexing))
        if date.day is not None and date.month is not None:
            low, high = sorted((date.day, date.month))
            keys.add(f"b|{date.year}|{low}-{high}")
    if indexing or not (prepared.documents or (date is not None and date.is_full)):
        keys.update(_initial_keys(prepared.tokens))
    elif not (date is not None and date.is_full):  # a number, maybe mistyped, and no date to meet through
        keys.update(_sound_initial_keys(prepared.tokens))
    if not indexing and not (date is not None and date.is_full):
        keys.update(_surname_alone_keys(prepared.tokens))
    return keys


@lru_cache(maxsize=200_000)
def _document_keys(documents: frozenset[str]) -> frozenset[str]:
    keys = {f"d|{number}" for number in documents}
    for number in documents:
        if len(number) >= MIN_FUZZY_DOCUMENT:
            keys.update(f"dd|{number[:i]}{number[i + 1:]}" for i in range(len(number)))
    return frozenset(keys)


@lru_cache(maxsize=200_000)
def _name_keys(tokens: tuple[NameToken, ...]) -> frozenset[str]:
    blocks = [token.blocks for token in tokens]
    if len(blocks) == 1:
        return frozenset(f"n|{a}" for a in blocks[0])
    return frozenset().union(*(_pair_keys(first, second) for first, second in combinations(blocks, 2)))


@lru_cache(maxsize=500_000)  # surname and given name pairs repeat far more than whole names
def _pair_keys(first: frozenset[str], second: frozenset[str]) -> frozenset[str]:
    return frozenset(f"n|{a}|{b}" if a <= b else f"n|{b}|{a}" for a, b in product(first, second))


@lru_cache(maxsize=200_000)
def _dated_blocks(tokens: tuple[NameToken, ...]) -> frozenset[str]:
    return frozenset().union(*(token.blocks for token in tokens if token.role != PATRONYMIC))


@lru_cache(maxsize=200_000)
def _initial_keys(tokens: tuple[NameToken, ...]) -> frozenset[str]:
    """A surname word's block key with a given name's first letter (any two words for a full name)."""
    surnames = [t for t in tokens if t.role in (SURNAME, NAME)]
    givens = [t for t in tokens if t.role in (GIVEN, NAME)]
    keys = set()
    for surname in surnames:
        for given in givens:
            if given is surname:
                continue
            initials = {block[:1] for block in given.blocks}
            keys.update(f"ng|{block}|{initial}" for block in surname.blocks for initial in initials)
    return frozenset(keys)


@lru_cache(maxsize=200_000)
def _sound_initial_keys(tokens: tuple[NameToken, ...]) -> frozenset[str]:
    """`_initial_keys` by the surname's sound frame and the given name's first letter only (no consonant skeleton,
    whose 'initial' stands for any given name): for a record with a document and no full birth date."""
    return frozenset(key for key in _initial_keys(tokens) if SKELETON_PREFIX not in key)


@lru_cache(maxsize=200_000)
def _surname_alone_keys(tokens: tuple[NameToken, ...]) -> frozenset[str]:
    """For a record with a surname and no given name: the initial keys of every given name under its surname's
    sound frame (the skeleton 'initial' every given name has), so that it meets its namesakes."""
    if any(t.role in (GIVEN, NAME) for t in tokens):
        return frozenset()
    return frozenset(f"ng|{block}|{SKELETON_PREFIX}" for t in tokens if t.role == SURNAME for block in t.blocks
                     if not block.startswith(SKELETON_PREFIX))


def _date_keys(date: PartialDate, words: frozenset[str], *, indexing: bool) -> set[str]:
    keys: set[str] = set()
    full = date.day is not None and date.month is not None
    for word in words:
        if full:  # a full date on both sides meets through `b|`
            keys.add(f"ty|{word}|{date.year}" if indexing else f"yo|{word}|{date.year}")
        else:
            keys.add(f"ty|{word}|{date.year}")
            if indexing:
                keys.add(f"yo|{word}|{date.year}")
    return keys
