"""The ground-truth benchmark at a small size: the engine meets its targets and beats both baselines."""

from __future__ import annotations

from bench.matching_bench import run_generated


def test_engine_meets_targets_on_generated_ground_truth() -> None:
    figures, _ = run_generated(roster_size=4_000, rows=800, seed=3)
    engine, vlookup, fuzzy = figures
    assert engine.precision >= 0.998
    assert engine.recall_review >= 0.99
    assert engine.review_share < 0.05
    assert engine.recall_review > max(vlookup.recall_review, fuzzy.recall_review) + 0.1
