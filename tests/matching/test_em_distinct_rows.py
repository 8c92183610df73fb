"""EM worked on the distinct level vectors, each weighed by its count, fits what EM row by row fits (issue 19).

A million compared pairs hold a few hundred distinct level vectors; `model._em` runs on those. The
row-by-row EM below is the definition it must keep: the same m and share, to rounding, in a session
with a fixed anchor field, with m fitted and with the share only.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop_app.matching.comparisons import BIRTH_F, DOCUMENT_F, FIELDS
from desktop_app.matching.model import (
    EM_ITERATIONS,
    FIXED_FIELDS,
    M_PSEUDO_PAIRS,
    U_FLOOR,
    Model,
    _em,
)


def _em_row_by_row(vectors: np.ndarray, model: Model, iterations: int, fixed: frozenset[int], *,
                   fit_m: bool = True) -> tuple[tuple[tuple[float, ...], ...], float]:
    """Plain EM over every row (session 17's `_em`)."""
    m = [list(row) for row in model.m]
    share = 0.3
    for _ in range(iterations):
        log_odds = np.full(len(vectors), math.log2(share / (1.0 - share)))
        for field, spec in enumerate(FIELDS):
            if field in fixed:
                continue
            bits = np.array([math.log2(m[field][lv] / max(model.u[field][lv], U_FLOOR))
                             for lv in range(spec.missing)] + [0.0])
            log_odds += bits[vectors[:, field]]
        p = 1.0 / (1.0 + np.exp2(-np.clip(log_odds, -60, 60)))
        share = float(min(max(p.mean(), 1e-4), 0.99))
        for field, spec in enumerate(FIELDS):
            if field in FIXED_FIELDS or field in fixed or not fit_m:
                continue
            weighted = np.bincount(vectors[:, field], weights=p, minlength=spec.missing + 1)[:spec.missing]
            total = weighted.sum() + M_PSEUDO_PAIRS
            m[field] = [(w + M_PSEUDO_PAIRS * prior) / total for w, prior in zip(weighted, model.m[field], strict=True)]
    return tuple(tuple(row) for row in m), share


def _pairs(seed: int, count: int) -> np.ndarray:
    """`count` level vectors, most of them repeated: pairs met through a date (names far), namesakes (names equal,
    the rest far) and a few duplicates (the document and the birth date equal)."""
    rng = np.random.default_rng(seed)
    kinds = np.array([[rng.integers(0, spec.missing + 1) for spec in FIELDS] for _ in range(60)], np.int64)
    kinds[:40, 2:5] = rng.integers(5, FIELDS[2].missing + 1, (40, 3))  # met through a date: names far
    kinds[40:52, 2:5] = 0  # namesakes: names equal
    kinds[40:52, BIRTH_F] = rng.integers(3, FIELDS[BIRTH_F].missing + 1, 12)
    kinds[:52, DOCUMENT_F] = rng.integers(2, FIELDS[DOCUMENT_F].missing + 1, 52)
    kinds[:, 0] = FIELDS[0].missing  # no roster IDs (the duplicate finder's)
    for field in range(BIRTH_F + 1, len(FIELDS)):  # sex, household and places: mostly missing or different
        kinds[:52, field] = rng.integers(FIELDS[field].missing - 1, FIELDS[field].missing + 1, 52)
    kinds[52:, DOCUMENT_F] = 0  # duplicates: the document and the birth date equal
    kinds[52:, BIRTH_F] = 0
    weight = np.concatenate((np.full(40, 0.80 / 40), np.full(12, 0.15 / 12), np.full(8, 0.05 / 8)))
    return kinds[rng.choice(len(kinds), count, p=weight / weight.sum())]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("fixed", [frozenset(), frozenset({DOCUMENT_F}), frozenset({BIRTH_F})])
def test_em_on_distinct_rows_fits_what_em_row_by_row_fits(seed: int, fixed: frozenset[int]) -> None:
    vectors = _pairs(seed, 5_000)
    model = Model.shipped()
    m, share = _em(vectors, model, EM_ITERATIONS, fixed)
    expected_m, expected_share = _em_row_by_row(vectors, model, EM_ITERATIONS, fixed)
    assert share == pytest.approx(expected_share, rel=1e-9, abs=1e-12)
    for row, expected_row in zip(m, expected_m, strict=True):
        assert row == pytest.approx(expected_row, rel=1e-9, abs=1e-12)
    _, share_only = _em(vectors, model, EM_ITERATIONS, fixed, fit_m=False)
    assert share_only == pytest.approx(_em_row_by_row(vectors, model, EM_ITERATIONS, fixed, fit_m=False)[1],
                                       rel=1e-9, abs=1e-12)

