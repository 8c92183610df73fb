"""The duplicate finder's key build asks whether to stop within its longest step (breaker X20c).

`RosterPairs` asks its `checkpoint` between the build's steps (the officer's Cancel, a closed dialog, the window's
quit and a file swap all wait for the next question). Numbering both sides' keys (`_Keys.of_both`) was one step:
on the 1,000,000-person bench roster 17.4 s wall / 9.6 s CPU without a question (load 4.5), the longest wait of
the whole search. It now asks between each side's name keys, the documents' keys and each side's dates.
"""

from __future__ import annotations

import sys

import pytest

from desktop_app.matching.duplicate_pairs import RosterPairs
from desktop_app.matching.engine import DUPLICATE_WIDE_BLOCK, MAX_BLOCK
from desktop_app.matching.features import prepare
from tests.matching.test_duplicate_pairs import _roster


class _Stop(Exception):
    pass


def test_numbering_the_keys_asks_whether_to_stop() -> None:
    prepared = [prepare(record) for record in _roster()]
    asked_from: list[str] = []

    def checkpoint() -> None:
        asked_from.append(sys._getframe(1).f_code.co_name)

    RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK, checkpoint=checkpoint)

    # Before: asked only before and after it ('__init__' alone), the key numbering run through without a question
    assert asked_from.count("of_both") >= 4


def test_a_stop_asked_within_the_numbering_ends_the_build_there() -> None:
    prepared = [prepare(record) for record in _roster()]
    asked_from: list[str] = []

    def checkpoint() -> None:
        asked_from.append(sys._getframe(1).f_code.co_name)
        if asked_from[-1] == "of_both":
            raise _Stop

    with pytest.raises(_Stop):
        RosterPairs(prepared, wide=DUPLICATE_WIDE_BLOCK, largest=MAX_BLOCK, checkpoint=checkpoint)
    assert asked_from == ["__init__", "of_both"]  # the first side's keys numbered, then stopped
