"""Find duplicates asked while the backup at open runs waits for it and the roster's full check (breaker X20c).

U4 put the duplicate search on the long-reader worker (one thread) so that it holds no save; U5 (ace811b) put the
backup at open and the full check of a large roster on the same worker, so that they hold no save either. The
search asked in the first seconds after a roster opens now waits for the backup's copy and then the full
integrity check, its progress dialog saying 'Looking for duplicates' meanwhile, and a running search holds the
automatic backup back in the same way (a minute and more at 1,000,000 persons). Here, on a 20,000-person roster,
the search's first question should come while the backup at open still runs. (It did not: strictly expected to fail
until the window's own long reads, the automatic backup and the full check, got a worker of their own, U5.)
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.storage.db import Database
from desktop_app.ui import operations
from desktop_app.ui.merge_dialog import DuplicatesDialog
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection.feature import Protection
from tests.ui.opening import shown_window

TIMEOUT_MS = 120_000


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_find_duplicates_asked_during_the_opening_backup_starts_at_once(qtbot: QtBot, big_db: Database,
                                                                         preferences: Preferences) -> None:
    main = shown_window(qtbot, big_db, preferences, ids_read=False)
    protection = main.feature(Protection)
    assert protection.auto_task is not None  # the backup at open is running
    main.actions["findDuplicates"].trigger()
    (dialog,) = main.findChildren(DuplicatesDialog)
    search = dialog.search
    assert search is not None
    backup_running_at_first_question: list[bool] = []

    def asked(number: int, done: int, total: int) -> None:
        if number == search.number and not backup_running_at_first_question:
            backup_running_at_first_question.append(protection.auto_task is not None)

    relay = operations.the_relay()
    relay.progressed.connect(asked)
    try:
        qtbot.waitUntil(lambda: bool(backup_running_at_first_question), timeout=TIMEOUT_MS)
    finally:
        relay.progressed.disconnect(asked)
    try:
        # Now: the search starts once the backup and the roster's full check are done
        assert backup_running_at_first_question == [True]
    finally:
        dialog.close()
        main.close()
