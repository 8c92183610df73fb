"""A duplicates search cancelled by closing its dialog gives the memory it held back to the system (breaker X20c).

The dialog asks glibc to give freed memory back once it is gone (W1: 5-6 GB kept at 1,000,000 persons). A
dialog closed while its search runs is gone before the search is: the search stops at its next question and
lets go of the roster read, its index and pairs afterwards, when nothing asks for the memory to be given back.
Here, on a 20,000-person roster, the dialog is closed in the engine's work; once the search ended and the window
settled, a trim made by the test finds little left to give back. (The test does not collect cycles first: what a
full pass of the collector would free is not what the search let go of, and the window collects on its own.)
"""

from __future__ import annotations

import gc
import os
import time

import pytest
from pytestqt.qtbot import QtBot

from desktop_app import system
from desktop_app.services.reconciling.roster import roster_index_ready
from desktop_app.ui import operations
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog
from desktop_app.ui.reconcile import WARM_UP_AFTER_MS

SEARCH_TIMEOUT_MS = 120_000
LEFT_TO_GIVE_BACK = 16 * 2**20  # bytes a trim may still find once the product gave back what it freed


def _resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(system.memory_trimmer() is None, reason="glibc's malloc_trim: Linux only")
@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_a_search_cancelled_by_its_closed_dialog_gives_its_memory_back(qtbot: QtBot, big_window: MainWindow) -> None:
    trim = system.memory_trimmer()
    assert trim is not None
    # The window's own background work done first (its matching index warmed, the backup at open written): what
    # either freed during the search would be given back by the test's trim below.
    qtbot.waitUntil(lambda: roster_index_ready(big_window.workspace.db), timeout=WARM_UP_AFTER_MS + SEARCH_TIMEOUT_MS)
    qtbot.waitUntil(lambda: operations.background_read_pool().active_count() == 0
                    and operations.background_read_pool().queued_count() == 0, timeout=SEARCH_TIMEOUT_MS)
    gc.collect()  # what the tests before and the window's start left, freed and given back before the search
    trim(0)
    big_window.actions["findDuplicates"].trigger()
    (dialog,) = big_window.findChildren(DuplicatesDialog)
    asked: list[int] = []

    def ask(number: int, done: int, total: int) -> None:
        asked.append(done)

    relay = operations.the_relay()
    relay.progressed.connect(ask)
    try:  # in the engine's work (the roster read and prepared, its keys being built): closed there
        qtbot.waitUntil(lambda: len(asked) > 25, timeout=SEARCH_TIMEOUT_MS)
    finally:
        relay.progressed.disconnect(ask)
    assert not dialog.loaded

    dialog.close()

    qtbot.waitUntil(lambda: operations.long_read_pool().active_count() == 0, timeout=SEARCH_TIMEOUT_MS)
    assert not dialog.loaded
    end = time.monotonic() + 2
    while time.monotonic() < end:  # the search's end handled, the product's own trim (a thread) done
        qtbot.wait(100)
    before = _resident()
    trim(0)
    given_back = before - _resident()
    # Before: the trim ran as the dialog went, the search still holding the roster's read and keys (28-47 MB here)
    assert given_back < LEFT_TO_GIVE_BACK, f"a trim gave back {given_back / 2**20:.1f} MB of {before / 2**20:.0f}"
