"""What a paused build keeps goes to the collector's oldest generation, and its cycles are still freed (issue 19).

`engine.collector_paused` turns the cycle collector off while an index is built. Everything
allocated meanwhile used to sit in the youngest generation, which the first collection after
the pause walked object by object: a million persons' records and keys at the end of a
reconcile. The objects kept are now moved to the oldest generation as the pause ends (walked by
a full collection only), and none is frozen for good: a cycle made during the pause is freed by
the next full collection; a pause inside another leaves the move to the outer one, and with the
collector off (the window collects on its GUI thread) the build is moved and the collector left off.
"""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from collections.abc import Iterator

import pytest

from desktop_app.matching.engine import collector_paused

KEPT = 50_000


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    gc.collect()
    yield
    if not was_enabled:
        gc.disable()


def _build() -> tuple[list[list[int]], weakref.ref[_Node]]:
    kept = [[k] for k in range(KEPT)]  # containers the collector tracks
    first, second = _Node(), _Node()
    first.other, second.other = second, first  # a cycle nothing else holds
    return kept, weakref.ref(first)


def test_what_a_paused_build_keeps_is_old_and_its_cycles_are_still_freed(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
        kept, cycle = _build()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < KEPT // 10  # the youngest generation does not hold the build
    oldest = {id(objects) for objects in gc.get_objects(generation=2)}
    assert id(kept) in oldest and id(kept[-1]) in oldest
    assert cycle() is not None
    gc.collect()
    assert cycle() is None and len(kept) == KEPT


def test_a_pause_inside_another_leaves_the_move_to_the_outer_one(collector_on: None) -> None:
    with collector_paused():
        with collector_paused():
            kept, _ = _build()
        assert not gc.isenabled()
        assert gc.get_count()[0] >= KEPT  # still young: the outer pause moves them
    assert gc.isenabled() and gc.get_count()[0] < KEPT // 10 and gc.get_freeze_count() == 0
    assert len(kept) == KEPT


def test_with_the_collector_off_the_build_is_moved_and_the_collector_stays_off(collector_on: None) -> None:
    """The window's case: its GUI thread collects (`ui.garbage`), the automatic collector is off, and the warmed
    index's objects left young were walked by the GUI thread's next collections (0.45 s each at 100,000 persons)."""
    gc.disable()
    with collector_paused():
        kept, cycle = _build()
    assert not gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < KEPT // 10
    assert id(kept) in {id(objects) for objects in gc.get_objects(generation=2)}
    gc.collect()
    assert cycle() is None and len(kept) == KEPT


def test_pauses_in_two_threads_keep_the_collector_off_until_the_last_ends(collector_on: None) -> None:
    """Each pause restored the collector as it found it: a pause begun while another thread's ran found it off, and the
    first one's end turned it on again in the middle of the second one's build (and, the end falling between the second
    one's look and its own turning off, left it off for good; seen in a loop of four threads)."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen_after_first_ended: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen_after_first_ended.append(gc.isenabled())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen_after_first_ended == [False]  # still off: the second build is running
    assert gc.isenabled() and gc.get_freeze_count() == 0  # on again once both ended, as the first found it


def test_pauses_in_many_threads_leave_the_collector_as_found(collector_on: None) -> None:
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switching between any two steps of a pause

    def pausing() -> None:
        for count in range(2_000):
            with collector_paused():
                assert not gc.isenabled()
                _ = [[k] for k in range(count % 20)]

    try:
        threads = [threading.Thread(target=pausing) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch_interval)
    assert gc.isenabled() and gc.get_freeze_count() == 0
