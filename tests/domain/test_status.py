"""The workflow: every allowed transition passes, every other one is refused by name."""

from __future__ import annotations

import itertools

import pytest

from desktop_app.domain.errors import TransitionRefused, ValidationError
from desktop_app.domain.status import TRANSITIONS, Status, check_transition, parse_status, path_to

ALL_PAIRS = [(a, b) for a in Status for b in Status if a is not b]


@pytest.mark.parametrize(("current", "requested"), ALL_PAIRS)
def test_every_transition_is_allowed_exactly_when_listed(current: Status, requested: Status) -> None:
    if requested in TRANSITIONS[current] and requested is not Status.MERGED:
        check_transition(current, requested)
    else:
        with pytest.raises(TransitionRefused) as refused:
            check_transition(current, requested)
        assert f"'{current.value}'" in str(refused.value)
        assert f"'{requested.value}'" in str(refused.value)


def test_main_line_reaches_evacuated() -> None:
    line = [Status.REGISTERED, Status.VERIFIED, Status.SUBMITTED, Status.APPROVED, Status.CROSSED, Status.EVACUATED]
    for current, following in itertools.pairwise(line):
        check_transition(current, following)


def test_final_states_have_no_way_out() -> None:
    assert TRANSITIONS[Status.EVACUATED] == ()
    assert TRANSITIONS[Status.MERGED] == ()


def test_parse_status_accepts_labels() -> None:
    assert parse_status("On hold") is Status.ON_HOLD
    assert parse_status(" approved ") is Status.APPROVED
    with pytest.raises(ValidationError, match="not a status"):
        parse_status("gone")


def test_path_to_walks_the_shortest_legal_chain() -> None:
    assert path_to(Status.REGISTERED, Status.APPROVED) == [Status.VERIFIED, Status.SUBMITTED, Status.APPROVED]
    assert path_to(Status.SUBMITTED, Status.APPROVED) == [Status.APPROVED]
    assert path_to(Status.APPROVED, Status.APPROVED) == []
    assert path_to(Status.CROSSED, Status.APPROVED) is None
    assert path_to(Status.REGISTERED, Status.MERGED) is None
    for current in Status:
        for target in Status:
            steps = path_to(current, target)
            if steps:
                for before, after in itertools.pairwise([current, *steps]):
                    check_transition(before, after)
