"""The window builds the open roster's matching index in the background once it is ready.

A real window on a real demo roster: a few seconds after it is complete, the kept index is
there and warmed, so the officer's first reconcile only matches. A warm-up asked for again
on a roster that has not changed keeps the index it has.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.services.reconciling.roster import forget_roster_index, roster_index, roster_index_ready
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.reconcile import WARM_UP_AFTER_MS, warm_up_later


def test_the_ready_window_warms_the_rosters_matching_index(qtbot: QtBot, demo_db: Database,
                                                           preferences: Preferences) -> None:
    forget_roster_index()
    assert not roster_index_ready(demo_db)
    main = MainWindow(demo_db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: roster_index_ready(demo_db), timeout=WARM_UP_AFTER_MS + 60_000)


def test_a_warm_up_asked_again_on_an_unchanged_roster_keeps_its_index(qtbot: QtBot, demo_db: Database,
                                                                       window: MainWindow) -> None:
    warm_up_later(window, after_ms=0)
    qtbot.waitUntil(lambda: roster_index_ready(demo_db), timeout=60_000)
    kept, _ = roster_index(demo_db)
    warm_up_later(window, after_ms=0)
    qtbot.wait(300)
    assert roster_index_ready(demo_db) and roster_index(demo_db)[0] is kept
