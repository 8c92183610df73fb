"""The fast paths of the index (cached blocking keys, the collector paused) change no decision.

Replays the old, uncached computation of blocking keys on a generated roster and answer,
and checks that an index built with every cache cold and one built with them warm decide
every answer row the same way.
"""

from __future__ import annotations

import gc
from itertools import combinations, product

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.matching import comparisons, features
from desktop_app.matching.engine import RosterIndex
from desktop_app.matching.features import PATRONYMIC, Prepared, blocking_keys, prepare


def _reference_keys(prepared: Prepared, *, indexing: bool) -> set[str]:
    """Blocking keys as the first model computed them, record by record with no cache."""
    keys: set[str] = set()
    if prepared.uuid:
        keys.add(f"u|{prepared.uuid}")
    if prepared.case_ref:
        keys.add(f"c|{prepared.case_ref}")
    keys.update(f"d|{number}" for number in prepared.documents)
    for number in prepared.documents:
        if len(number) >= features.MIN_FUZZY_DOCUMENT:
            keys.update(f"dd|{number[:i]}{number[i + 1:]}" for i in range(len(number)))
    blocks = [token.blocks for token in prepared.tokens]
    for first, second in combinations(blocks, 2):
        for a, b in product(first, second):
            keys.add(f"n|{a}|{b}" if a <= b else f"n|{b}|{a}")
    if len(blocks) == 1:
        keys.update(f"n|{a}" for a in blocks[0])
    date = prepared.birth_date
    if date is not None:
        words = set().union(*(t.blocks for t in prepared.tokens if t.role != PATRONYMIC))
        full = date.day is not None and date.month is not None
        for word in words:
            if full:
                keys.add(f"ty|{word}|{date.year}" if indexing else f"yo|{word}|{date.year}")
            else:
                keys.add(f"ty|{word}|{date.year}")
                if indexing:
                    keys.add(f"yo|{word}|{date.year}")
        if full:
            low, high = sorted((date.day, date.month))  # type: ignore[type-var]
            keys.add(f"b|{date.year}|{low}-{high}")
    if indexing or not (prepared.documents or (date is not None and date.is_full)):
        keys.update(features._initial_keys(prepared.tokens))
    elif not (date is not None and date.is_full):
        keys.update(key for key in features._initial_keys(prepared.tokens) if "~" not in key)
    if not indexing and not (date is not None and date.is_full) and not any(
            t.role in (features.GIVEN, features.NAME) for t in prepared.tokens):
        keys.update(f"ng|{block}|~" for t in prepared.tokens if t.role == features.SURNAME for block in t.blocks
                    if not block.startswith("~"))
    return keys


def _clear_caches() -> None:
    for module in (features, comparisons):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def test_cached_blocking_keys_equal_the_uncached_ones() -> None:
    roster = make_roster(1_500, seed=11)
    answer, _ = make_answer(roster, 300, seed=12)
    for record in [roster_record(p) for p in roster]:
        prepared = prepare(record)
        assert blocking_keys(prepared, indexing=True) == _reference_keys(prepared, indexing=True)
    for record in answer:
        prepared = prepare(record)
        assert blocking_keys(prepared, indexing=False) == _reference_keys(prepared, indexing=False)


def test_decisions_do_not_depend_on_warm_caches_or_the_collector() -> None:
    roster = [roster_record(p) for p in make_roster(2_000, seed=13)]
    answer, _ = make_answer(make_roster(2_000, seed=13), 400, seed=14)

    def decisions() -> list[list[tuple[object, str, float]]]:
        index = RosterIndex(roster)
        return [[(c.key, c.decision, round(c.score, 9)) for c in found] for found in index.candidates_for_all(answer)]

    _clear_caches()
    was_enabled = gc.isenabled()  # off when a window's tests ran before (ui.garbage)
    cold = decisions()
    assert gc.isenabled() == was_enabled  # the index gives the collector back as it found it
    warm = decisions()
    assert cold == warm
    assert sum(1 for found in cold if found and found[0][1] == "match") > 200
