"""The roster table's queries: which persons match a search and filters, and their rows.

The GUI's table model holds only the matching ids (`search_ids`) and asks for rows a page
at a time (`fetch_rows`), so a million-person roster never loads whole; it paints the first page
(`first_page_ids`) before every id has come. Queries use SQLAlchemy Core: on table pages it costs
about what raw sqlite3 does.

    page = first_page_ids(db, RosterQuery(text="иван"), 50)   # merged from the term index
    page = first_page_ids(db, RosterQuery(text="иванов сергей"), 50)   # intersected from it
    ids = search_ids(db, RosterQuery(text="иван"))             # every match, sorted
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from collections.abc import Sequence
from typing import cast

from sqlalchemy import Select, and_, bindparam, exists, func, intersect, or_, select, text, tuple_, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement, TextClause

from desktop_app.domain.flags import CHILD_UNDER_YEARS, ELDERLY_FROM_YEARS, INFANT_UNDER_YEARS, Flag
from desktop_app.domain.names import fold, words
from desktop_app.domain.person import ascii_digits
from desktop_app.domain.roles import Permission
from desktop_app.domain.scripts import skeleton_term
from desktop_app.domain.spellings import latin_forms, name_words, search_sound_keys
from desktop_app.domain.status import Status
from desktop_app.services import accounts
from desktop_app.services.roster_rows import RosterQuery, RosterRow, SortKey, roster_row
from desktop_app.storage.db import Database
from desktop_app.storage.first_look import SORT_COLUMNS
from desktop_app.storage.models import Document, Eligibility, Household, ListMember, Person, Phone, SearchTerm
from desktop_app.storage.queries import first_column

_TOP = "\U0010ffff"  # sorts after every character: the upper bound of a prefix range
# The most terms one typed word may begin for the first page to be merged from their lists in the
# term index (each in name order); a word beginning more (one or two letters) is sorted instead.
MERGE_TERMS = 64

# An intersected page (several typed words each beginning at most MERGE_TERMS terms) first takes its
# frontier this many persons per page row deep in a term's list, deeper each further round.
INTERSECT_FIRST_DEPTH = 8
# The most leaps to the words' first common person (each one statement); the window starts where they end.
LEAPS = 12
# The most prefixes whose terms one statement reads (SQLite: a compound SELECT has at most 500 parts).
PREFIXES_A_STATEMENT = 120
# The most words of a search whose persons are asked one by one; more are intersected (`_every_word`),
# at most WORDS_INTERSECTED a compound SELECT.
WORDS_ASKED_APART = 16
WORDS_INTERSECTED = 100

# One table of each sort key's column, shared with the first look (plain sqlite3, before SQLAlchemy).
_SORT_COLUMNS = {key: Person.__table__.c[SORT_COLUMNS[key.value]] for key in SortKey}


def _typed_words(text: str) -> tuple[list[str], str]:
    """The search box's text as `text_condition` and `_plain_words` read it: its distinct words (a word typed
    twice asks nothing more), digits of any script as 0-9, and the whole text folded to its letters and digits
    (a spaced number as one)."""
    text = ascii_digits(text)
    return list(dict.fromkeys(words(text))), "".join(ch for ch in fold(text) if ch.isalnum())


def text_condition(text: str) -> ColumnElement[bool] | None:
    """Every word must begin some search term of the person (names in any script, case ref,
    document number, phone digits); a spaced number ('72 12 345678') also matches as one; and
    a name typed in one script finds it written in Arabic letters through their consonant
    skeletons (`мухаммед` finds محمد, `Abu Shanab` finds أبو شنب), as matching compares them; a name
    word also begins some term with its sound keys (`spellings.search_sound_keys`: `yulia`, `julia` and
    `юлия` find Юлия and Yulia). Digits typed in any script are 0-9 (`٤٥١٢` finds passport 4512...,
    as the stored terms are)."""
    query_words, compact = _typed_words(text)
    if not query_words:
        return None
    compact_condition = _term_prefix(compact)
    if len(query_words) > 1 and all(any(ch.isdigit() for ch in word) for word in query_words):
        return compact_condition  # a spaced number: passport '72 0123456', phone '+20 100 123 4567'
    letters = [w for w in query_words if not any(ch.isdigit() for ch in w)]
    read = name_words(" ".join(letters))
    if len(read) == len(letters):  # each word is a name word: its prefix or its skeleton, in one lookup
        keys = dict(zip(letters, (_skeleton_keys(w) for w in read), strict=True))
        sounds = dict(zip(letters, (_sound_prefixes(w, r) for w, r in zip(letters, read, strict=True)), strict=True))
        condition = _every_word([_word_persons(w, keys.get(w, ()), sounds.get(w, ())) for w in query_words])
    else:  # particles joined or articles dropped ('Abu Shanab' is one name word): the words, or the name
        condition = _every_word([_word_persons(w) for w in query_words])
        keys_of_read = [_skeleton_keys(w) for w in read]
        if read and all(keys_of_read):
            condition = or_(condition, _every_word([*(_word_persons(w) for w in query_words if w not in letters),
                                                    *(_terms_persons(k) for k in keys_of_read)]))
    if len(query_words) > 1 and any(ch.isdigit() for ch in compact):
        condition = or_(condition, compact_condition)
    return condition


def _term_prefix(word: str, or_terms: Sequence[str] = (), or_prefixes: Sequence[str] = ()) -> ColumnElement[bool]:
    """Some term of the person begins with `word` or one of `or_prefixes` (or is one of `or_terms`)."""
    return Person.id.in_(_word_persons(word, or_terms, or_prefixes))


def _word_persons(word: str, or_terms: Sequence[str] = (), or_prefixes: Sequence[str] = ()) -> Select[tuple[int]]:
    """The persons some term of whom begins with `word` or one of `or_prefixes` (or is one of `or_terms`)."""
    wanted = [and_(SearchTerm.term >= prefix, SearchTerm.term < prefix + _TOP) for prefix in (word, *or_prefixes)]
    if or_terms:
        wanted.append(SearchTerm.term.in_(or_terms))
    return select(SearchTerm.person_id).where(or_(*wanted) if len(wanted) > 1 else wanted[0])


def _every_word(persons_of_words: Sequence[Select[tuple[int]]]) -> ColumnElement[bool]:
    """The person is among the persons of every word. A few words are asked one by one (the plans
    a typed search has always had); a text pasted into the box may hold hundreds, whose conditions
    side by side pass SQLite's expression depth (1,000) and take PostgreSQL's planner minutes (a
    join of hundreds of semi-joins), so past `WORDS_ASKED_APART` they are intersected, at most
    `WORDS_INTERSECTED` a compound SELECT (SQLite: 500 parts)."""
    if len(persons_of_words) <= WORDS_ASKED_APART:
        return and_(*(Person.id.in_(persons) for persons in persons_of_words))
    return and_(*(Person.id.in_(intersect(*persons_of_words[first:first + WORDS_INTERSECTED]))
                  for first in range(0, len(persons_of_words), WORDS_INTERSECTED)))


def _sound_prefixes(typed: str, name_word: str) -> tuple[str, ...]:
    """The sound keys of one typed name word (`name_word`: as `name_words` reads it) that its own
    prefix does not cover: 'yulia' -> ('iulia',), 'юлия' -> ('iulia',), 'sergei' -> ()."""
    return tuple(key for key in search_sound_keys(name_word) if not key.startswith(typed))


def _terms_persons(terms: Sequence[str]) -> Select[tuple[int]]:
    return select(SearchTerm.person_id).where(SearchTerm.term.in_(terms))


def _skeleton_keys(name_word: str) -> list[str]:
    """The skeleton search terms of one name word, as matching reads it (`latin_forms`)."""
    return sorted(skeleton_term(s) for s in latin_forms(name_word).skeletons)


def _years_ago(today: dt.date, years: int) -> str:
    try:
        return today.replace(year=today.year - years).isoformat()
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28).isoformat()


def flag_condition(flag: Flag, today: dt.date) -> ColumnElement[bool]:
    """Stored flags by column; derived ones by comparing the ISO birth-date text, which also
    gives the right answer for a year alone ('2009' sorts after '2008-11-25')."""
    if flag is Flag.INFANT:
        return Person.birth_date > _years_ago(today, INFANT_UNDER_YEARS)
    if flag is Flag.CHILD:
        return Person.birth_date > _years_ago(today, CHILD_UNDER_YEARS)
    if flag is Flag.ELDERLY:
        return Person.birth_date <= _years_ago(today, ELDERLY_FROM_YEARS)
    return getattr(Person, flag.value).is_(True)


def _filtered(query: RosterQuery, columns: Sequence[object], *, with_text: bool = True) -> Select[tuple[object, ...]]:
    statement = select(*columns).where(Person.deleted_at.is_(None))  # type: ignore[call-overload]
    condition = text_condition(query.text) if with_text else None
    if condition is not None:
        statement = statement.where(condition)
    if query.statuses:
        statement = statement.where(Person.status.in_([s.value for s in query.statuses]))
    elif not query.include_merged:
        statement = statement.where(Person.status != Status.MERGED.value)
    if query.list_id is not None:
        statement = statement.where(Person.id.in_(select(ListMember.person_id)
                                                  .where(ListMember.list_id == query.list_id)))
    if query.household_id is not None:
        statement = statement.where(Person.household_id == query.household_id)
    for flag in query.flags:
        statement = statement.where(flag_condition(flag, query.today))
    if query.citizenship:
        wrapped = "," + Person.citizenships + ","
        statement = statement.where(wrapped.contains(f",{query.citizenship},", autoescape=True))
    if query.locality:
        statement = statement.where(Person.locality == query.locality)
    return statement


def ids_statement(query: RosterQuery) -> Select[tuple[object, ...]]:
    """The SELECT of matching ids in display order (exposed for benchmarks against raw sqlite3)."""
    column = _SORT_COLUMNS[query.sort]
    order = [column.desc() if query.descending else column.asc(), Person.id.desc() if query.descending
             else Person.id.asc()]
    return _filtered(query, [Person.id]).order_by(*order)


def check_filters(db: Database, query: RosterQuery) -> None:
    """Refuse (PermissionRefused, audited) a filter on the medical need to a role without READ_NOTES:
    the persons it finds would tell who has one (issue 20)."""
    if Flag.MEDICAL in query.flags and not accounts.may(db, Permission.READ_NOTES):
        accounts.require(db, Permission.READ_NOTES)


@accounts.guarded(Permission.SEARCH)
def search_ids(db: Database, query: RosterQuery) -> list[int]:
    """Ids of the matching persons in display order."""
    check_filters(db, query)
    with db.reading() as session:
        return first_column(session, ids_statement(query))


def first_page_statement(query: RosterQuery, limit: int) -> Select[tuple[object, ...]]:
    """The SELECT of the first `limit` matching ids in display order, every match found and sorted
    (what `first_page_ids` runs when the term index cannot give the page in order)."""
    return ids_statement(query).limit(limit)


def _plain_words(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]] | None:
    """The search as (prefixes, exact terms) per word, every word needing a term of the person that
    begins with one of its prefixes (the word, its sound keys) or is one of its exact terms
    (skeletons), when `text_condition` asks only that; None for its other readings (particles
    joined, a number beside words) and for no text."""
    query_words, compact = _typed_words(text)
    if not query_words:
        return None
    if len(query_words) > 1 and all(any(ch.isdigit() for ch in word) for word in query_words):
        return [((compact,), ())]
    if len(query_words) > 1 and any(ch.isdigit() for ch in compact):
        return None
    letters = [w for w in query_words if not any(ch.isdigit() for ch in w)]
    read = name_words(" ".join(letters))
    if len(read) != len(letters):
        return None
    keys = dict(zip(letters, (_skeleton_keys(w) for w in read), strict=True))
    sounds = dict(zip(letters, (_sound_prefixes(w, r) for w, r in zip(letters, read, strict=True)), strict=True))
    return [((w, *sounds.get(w, ())), tuple(keys.get(w, ()))) for w in query_words]


def _term_exists(number: int, prefixes: int, exact: int) -> ColumnElement[bool]:
    """Some term of the person begins with one of the `prefixes` prefixes of the `number`th other word
    (bound as w<number>_<i>, their upper bounds as top<number>_<i>) or is one of its `exact` exact terms
    (x<number>), asked of each person in turn."""
    other = SearchTerm.__table__.alias(f"other_terms_{number}")
    wanted = [and_(other.c.term >= bindparam(f"w{number}_{i}"), other.c.term < bindparam(f"top{number}_{i}"))
              for i in range(prefixes)]
    if exact:
        wanted.append(other.c.term.in_(bindparam(f"x{number}", expanding=True)))
    return exists().where(other.c.person_id == Person.id, or_(*wanted) if len(wanted) > 1 else wanted[0])


@functools.lru_cache(maxsize=64)
def _merged_shape(filters: RosterQuery, terms: int, others: tuple[tuple[int, int], ...],
                  limit: int) -> Select[tuple[object, ...]]:
    """The merged page's statement for `terms` driving terms (bound as t0, t1...), other words with
    `others` (prefixes, exact terms) each, and the filters of `filters`; built once per shape, as
    building the union costs more than running it."""
    down = filters.descending
    order = [SearchTerm.sort_key.desc(), SearchTerm.person_id.desc()] if down else [SearchTerm.sort_key,
                                                                                   SearchTerm.person_id]
    conditions = [_term_exists(number, prefixes, exact) for number, (prefixes, exact) in enumerate(others)]
    filtered = _filtered(filters, [SearchTerm.person_id.label("id"), Person.sort_key.label("key")], with_text=False)
    parts = [filtered.where(Person.id == SearchTerm.person_id, SearchTerm.term == bindparam(f"t{number}"),
                            *conditions).order_by(*order).limit(limit).subquery() for number in range(terms)]
    merged = union_all(*(select(part.c.id, part.c.key) for part in parts)).subquery()
    return (select(merged.c.id).group_by(merged.c.id, merged.c.key)
            .order_by(*([merged.c.key.desc(), merged.c.id.desc()] if down else [merged.c.key, merged.c.id]))
            .limit(limit))


def merged_page_statement(query: RosterQuery, limit: int, driver: tuple[int, Sequence[str]]
                          ) -> tuple[Select[tuple[object, ...]], dict[str, object]] | None:
    """The first `limit` matching ids in name order, merged from the term index, and its parameters:
    for each of the driving word's terms (`driver`: the word's index in `_plain_words` and its
    terms), its first `limit` matching persons straight from the index in (sort key, id) order; the
    first `limit` of their union are the page, as any person on the page is among the first `limit`
    of each of their terms. The other words and the filters are asked of those persons only.
    None: no term, no match."""
    plain = _plain_words(query.text)
    index, terms = driver
    if plain is None or not terms:
        return None
    others = [word for number, word in enumerate(plain) if number != index]
    # Padded to a power of two with the empty term, which no person has: a few shapes, each built
    # and compiled once, rather than one for every count of terms a keystroke meets.
    padded = [*terms, *[""] * ((1 << (len(terms) - 1).bit_length()) - len(terms))]
    params: dict[str, object] = {f"t{number}": term for number, term in enumerate(padded)}
    for number, (prefixes, exact) in enumerate(others):
        for i, prefix in enumerate(prefixes):
            params.update({f"w{number}_{i}": prefix, f"top{number}_{i}": prefix + _TOP})
        if exact:
            params[f"x{number}"] = list(exact)
    filters = dataclasses.replace(query, text="")
    shape = tuple((len(prefixes), min(len(exact), 1)) for prefixes, exact in others)
    return _merged_shape(filters, len(padded), shape, limit), params


@functools.lru_cache(maxsize=16)
def _terms_beginning_each(prefixes: int) -> TextClause:
    """The distinct terms beginning each of `prefixes` prefixes (bound as low<i>, high<i>), in order, at
    most :most of each, as (prefix number, term): one index seek a term (a loose index scan), every
    prefix in one statement."""
    found = ",\n".join(f"""found{i}(term, n) AS (
    SELECT min(term), 1 FROM search_terms WHERE term >= :low{i} AND term < :high{i}
    UNION ALL
    SELECT (SELECT min(term) FROM search_terms WHERE term > found{i}.term AND term < :high{i}), found{i}.n + 1
    FROM found{i} WHERE found{i}.term IS NOT NULL AND found{i}.n < :most)""" for i in range(prefixes))
    chosen = "\nUNION ALL\n".join(f"SELECT {i} AS prefix, term FROM found{i} WHERE term IS NOT NULL"
                                   for i in range(prefixes))
    return text(f"WITH RECURSIVE {found}\n{chosen}")


def _word_terms(session: Session, plain: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]
                ) -> list[list[str] | None]:
    """Each word's terms (those beginning with one of its prefixes, and its exact terms), or None for a
    word whose prefixes begin more than `MERGE_TERMS` terms; one statement for every word's prefixes."""
    owners = [number for number, (prefixes, _keys) in enumerate(plain) for _prefix in prefixes]
    bounds = [prefix for prefixes, _keys in plain for prefix in prefixes]
    found: list[set[str]] = [set() for _ in plain]
    # A text pasted into the search box may hold hundreds of words: SQLite refuses a compound SELECT of
    # more than 500 parts, so the prefixes go PREFIXES_A_STATEMENT at a time (one statement for a few words).
    for first in range(0, len(bounds), PREFIXES_A_STATEMENT):
        chunk = bounds[first:first + PREFIXES_A_STATEMENT]
        params: dict[str, object] = {"most": MERGE_TERMS + 1}
        for i, prefix in enumerate(chunk):
            params.update({f"low{i}": prefix, f"high{i}": prefix + _TOP})
        for prefix, term in session.connection().execute(_terms_beginning_each(len(chunk)), params):
            found[owners[first + prefix]].add(term)
    return [None if len(terms) > MERGE_TERMS else sorted(terms | set(keys))
            for terms, (_prefixes, keys) in zip(found, plain, strict=True)]


def first_page_driver(session: Session, query: RosterQuery) -> tuple[int, list[str]] | None:
    """The word whose terms the first page is merged from, the one beginning the fewest terms, and
    those terms; None when the page is to be sorted instead (no text, another reading, another sort
    than by name, every word a prefix of more than `MERGE_TERMS` terms, or a pasted text of more than
    `WORDS_ASKED_APART` words: its words side by side would pass SQLite's 500 parts of a compound SELECT)."""
    plain = _plain_words(query.text) if query.sort is SortKey.NAME else None
    if plain is None or len(plain) > WORDS_ASKED_APART:
        return None
    best: tuple[int, list[str]] | None = None
    for index, terms in enumerate(_word_terms(session, plain)):
        if terms is not None and (best is None or len(terms) < len(best[1])):
            best = (index, terms)
    return best


def intersected_words(session: Session, query: RosterQuery) -> dict[int, list[str]] | None:
    """The words whose persons the first page is intersected from (`intersected_page`), by their index
    in `_plain_words`, with their terms: every word beginning at most `MERGE_TERMS` terms, when two or
    more do in a search in name order of at most `WORDS_ASKED_APART` words; None otherwise."""
    plain = _plain_words(query.text) if query.sort is SortKey.NAME else None
    if plain is None or len(plain) < 2 or len(plain) > WORDS_ASKED_APART:
        return None
    streamed = {index: terms for index, terms in enumerate(_word_terms(session, plain)) if terms is not None}
    return streamed if len(streamed) >= 2 else None


def _reached(key: str, person: str, descending: bool, *, past: bool = False) -> ColumnElement[bool]:
    """The term row is at or after (`past`: after) the row bound as (:key, :person) in display order."""
    row, bound = tuple_(SearchTerm.sort_key, SearchTerm.person_id), tuple_(bindparam(key), bindparam(person))
    if past:
        return row < bound if descending else row > bound
    return row <= bound if descending else row >= bound


@functools.lru_cache(maxsize=64)
def _frontier_shape(lists: int, started: bool, descending: bool) -> Select[tuple[str, int]]:
    """Of `lists` terms (bound as t0, t1...), each one's person ranked :skip + 1 in display order in the
    term index (from the row bound as (:k0, :p0) on when `started`), and of those the first in display
    order: (sort key, person); no row when no term has that many persons from there."""
    order = [SearchTerm.sort_key.desc(), SearchTerm.person_id.desc()] if descending else [SearchTerm.sort_key,
                                                                                         SearchTerm.person_id]
    ranked = [select(SearchTerm.sort_key, SearchTerm.person_id)
              .where(SearchTerm.term == bindparam(f"t{number}"),
                     *([_reached("k0", "p0", descending)] if started else []))
              .order_by(*order).limit(1).offset(bindparam("skip")).subquery() for number in range(lists)]
    found = union_all(*(select(one.c.sort_key, one.c.person_id) for one in ranked)).subquery()
    return (select(found.c.sort_key, found.c.person_id)
            .order_by(*([found.c.sort_key.desc(), found.c.person_id.desc()] if descending
                        else [found.c.sort_key, found.c.person_id])).limit(1))


@functools.lru_cache(maxsize=64)
def _intersected_shape(filters: RosterQuery, words: int, probed: tuple[tuple[int, int], ...],
                       limit: int, past: bool) -> Select[tuple[object, ...]]:
    """The first `limit` persons in display order who have a term of each of `words` words (their terms
    bound as s0, s1... lists) from the row bound as (:k0, :p0) (`past`: after it) to the frontier
    (:key, :person), and pass the filters of `filters` and the `probed` words (as `_term_exists` binds them)."""
    def persons_of(number: int) -> Select[tuple[object, ...]]:
        window = [_reached("k0", "p0", filters.descending, past=past),
                  _reached("key", "person", not filters.descending)]
        return select(SearchTerm.person_id).where(SearchTerm.term.in_(bindparam(f"s{number}", expanding=True)),
                                                  *window)

    column = _SORT_COLUMNS[SortKey.NAME]
    order = [column.desc(), Person.id.desc()] if filters.descending else [column.asc(), Person.id.asc()]
    probes = [_term_exists(number, prefixes, exact) for number, (prefixes, exact) in enumerate(probed)]
    return (_filtered(filters, [Person.id], with_text=False)
            .where(Person.id.in_(intersect(*(persons_of(number) for number in range(words)))), *probes)
            .order_by(*order).limit(limit))


def _padded(terms: Sequence[str]) -> list[str]:
    """Padded to a power of two with the empty term, which no person has: a few statement shapes, each
    built and compiled once, rather than one for every count of terms a keystroke meets."""
    return [*terms, *[""] * ((1 << (len(terms) - 1).bit_length()) - len(terms))]


def intersected_page(session: Session, query: RosterQuery, streamed: dict[int, list[str]], limit: int
                     ) -> list[int]:
    """The first `limit` matching ids in display order, intersected from the `streamed` words' persons
    (`intersected_words`) in a window of the term index in display order. It starts at the words'
    first common person, leapt to (each word's first person from there in turn, until they agree; in
    name order a surname's persons are one stretch), and ends at a frontier: of the driving
    word's (the one with the fewest terms) persons from the start, the earliest ranked `depth` in its
    term. Each word's persons in the window are read straight from the index and intersected (the
    cost is the rows in the window, not a walk of one word's persons asking each for the others);
    filtered and asked for the other words they are every match up to the frontier. When `limit` of them are,
    they are the page, else the frontier goes deeper; when no term has `depth` persons from the
    start, the window ends at the driving word's last person."""
    plain = _plain_words(query.text)
    if plain is None:
        raise ValueError(f"not a search of plain words: {query.text!r}")
    # Core execution on the session's connection (these statements read no ORM entities): the ORM's own
    # work per statement, the larger part of a short statement's cost, is skipped.
    connection = session.connection()
    lists = [{f"t{number}": term for number, term in enumerate(_padded(terms))} for terms in streamed.values()]
    first = connection.execute(_frontier_shape(len(lists[0]), False, query.descending),
                               {"skip": 0, **lists[0]}).first()
    unmoved = 0  # words in a row whose first person from `start` on is `start`
    for leap in range(LEAPS):
        if first is None:
            return []  # no person has this word from here on: no match
        start, terms = first, lists[(leap + 1) % len(lists)]
        first = connection.execute(_frontier_shape(len(terms), True, query.descending),
                                   {"skip": 0, "k0": start[0], "p0": start[1], **terms}).first()
        unmoved = unmoved + 1 if first is not None and tuple(first) == tuple(start) else 0
        if unmoved == len(lists) - 1:
            break  # the words' first common person
    if first is None:
        return []
    start = first
    params: dict[str, object] = {f"s{number}": terms for number, terms in enumerate(streamed.values())}
    driving = _padded(min(streamed.values(), key=len))
    driving_terms = {f"t{number}": term for number, term in enumerate(driving)}
    probed = [word for index, word in enumerate(plain) if index not in streamed]
    for number, (prefixes, exact) in enumerate(probed):
        for i, prefix in enumerate(prefixes):
            params.update({f"w{number}_{i}": prefix, f"top{number}_{i}": prefix + _TOP})
        if exact:
            params[f"x{number}"] = list(exact)
    filters, shape = dataclasses.replace(query, text=""), tuple((len(prefixes), min(len(exact), 1))
                                                              for prefixes, exact in probed)
    frontier_statement = _frontier_shape(len(driving), True, query.descending)
    depth = INTERSECT_FIRST_DEPTH * limit
    page: list[int] = []
    lower, past = start, False  # the window of this round begins at `lower` (`past`: after it)
    while True:
        frontier = connection.execute(frontier_statement, {"skip": depth - 1, "k0": start[0], "p0": start[1],
                                                           **driving_terms}).first()
        # Past the driving word's last person in display order, the window ends there; a driving word of no
        # person (no term begins it, its leap not reached in a search of more words than leaps) has no match.
        end = frontier or connection.execute(_frontier_shape(len(driving), False, not query.descending),
                                             {"skip": 0, **driving_terms}).first()
        if end is None:
            return []
        # Each round reads only its own stretch of the window: the matches before it are on the page already.
        statement = _intersected_shape(filters, len(streamed), shape, limit, past)
        found = connection.execute(statement, {**params, "k0": lower[0], "p0": lower[1], "key": end[0],
                                               "person": end[1]}).scalars().all()
        page.extend(cast(int, x) for x in found[:limit - len(page)])
        if len(page) == limit or frontier is None:
            return page
        # As deep again as the matches found say the page needs (assuming they are spread evenly), and a half.
        depth *= min(16, max(2, math.ceil(1.5 * limit / max(len(page), 1))))
        lower, past = end, True


@accounts.guarded(Permission.SEARCH)
def first_page_ids(db: Database, query: RosterQuery, limit: int) -> list[int]:
    """The first `limit` matching ids in display order: what the table paints before `search_ids`
    (every id, for scrolling anywhere and the count) has come, which at a million persons waits
    for every match of a short prefix. A search in name order is merged from the term index
    (`merged_page_statement`), reading about `limit` persons per term of the typed word beginning
    the fewest, or, when two or more words begin few terms (a surname and a given name), intersected
    from it (`intersected_page`); otherwise every match is found and sorted (`first_page_statement`)."""
    check_filters(db, query)
    with db.reading() as session:
        if session.get_bind().dialect.name == "postgresql":
            # The intersected page is read in rounds: each must see the roster the rounds before saw, or a
            # person a colleague renames meanwhile is met in two rounds and shown twice (READ COMMITTED gives
            # each statement the roster as of its own start; SQLite's read transaction is one snapshot).
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        streamed = intersected_words(session, query)
        if streamed is not None:
            return intersected_page(session, query, streamed, limit)
        driver = first_page_driver(session, query)
        # Through SQLAlchemy's statement cache (a page of rows; the union is costly to compile anew).
        if driver is None:
            return [cast(int, x) for x in session.scalars(first_page_statement(query, limit))]
        merged = merged_page_statement(query, limit, driver)
        return [] if merged is None else [cast(int, x) for x in session.scalars(*merged)]


@accounts.guarded(Permission.SEARCH)
def count(db: Database, query: RosterQuery) -> int:
    check_filters(db, query)
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(_filtered(query, [Person.id]).subquery())) or 0


def rows_statement(ids: Sequence[int]) -> Select[tuple[object, ...]]:
    """The SELECT of table rows for the given ids (exposed for benchmarks against raw sqlite3)."""
    return _rows_columns().where(Person.id.in_(list(ids)))


@functools.cache
def _rows_shape() -> Select[tuple[object, ...]]:
    """The SELECT of table rows for the ids bound as :ids, built once (building it cost more than
    running it for a page)."""
    return _rows_columns().where(Person.id.in_(bindparam("ids", expanding=True)))


@functools.cache
def _rows_columns() -> Select[tuple[object, ...]]:
    first_document = (select(Document.number).where(Document.person_id == Person.id)
                      .order_by(Document.id).limit(1).scalar_subquery())
    first_phone = (select(func.coalesce(func.nullif(Phone.display, ""), Phone.e164)).where(Phone.person_id == Person.id)
                   .order_by(Phone.id).limit(1).scalar_subquery())
    evidence_missing = select(Eligibility.missing).where(Eligibility.person_id == Person.id).scalar_subquery()
    return (select(Person.id, Person.case_ref, Person.surname, Person.given_names, Person.patronymic,
                   Person.surname_latin, Person.given_names_latin, Person.sex, Person.birth_date,
                   Person.citizenships, Person.status, Person.locality, Household.ref, Person.relationship,
                   first_document, first_phone, Person.medical, Person.reduced_mobility, Person.pregnant,
                   Person.unaccompanied_minor, Person.updated_at, evidence_missing)
            .outerjoin(Household, Household.id == Person.household_id))


@accounts.guarded(Permission.SEARCH)
def fetch_rows(db: Database, ids: Sequence[int]) -> dict[int, RosterRow]:
    """Rows for the given ids (one page of the table), keyed by id."""
    if not ids:
        return {}
    with db.reading(one_statement=True) as session:  # Core execution: the rows are plain tuples, no ORM entity
        rows = {row[0]: roster_row(row) for row in session.connection().execute(_rows_shape(), {"ids": list(ids)})}
    if not accounts.may(db, Permission.READ_NOTES):  # issue 20: no medical flag for a volunteer
        rows = {key: row._replace(medical=False) for key, row in rows.items()}
    return rows


@accounts.guarded(Permission.SEARCH)
def localities(db: Database) -> list[str]:
    with db.reading() as session:
        return [x for x in session.scalars(select(Person.locality).distinct().where(Person.locality != "")
                                           .order_by(Person.locality))]


@accounts.guarded(Permission.SEARCH)
def citizenships_in_use(db: Database) -> list[str]:
    with db.reading() as session:
        codes: set[str] = set()
        for value in session.scalars(select(Person.citizenships).distinct()):
            codes.update(c for c in value.split(",") if c)
        return sorted(codes)
