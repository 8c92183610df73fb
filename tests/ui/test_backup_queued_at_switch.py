"""An automatic backup still queued on its reading worker when File > Open leaves the roster (breaker X20d on
U5's ace811b).

The window's automatic backup now waits its turn on a reading worker, behind another long read (the full check
of a large roster at open, or a duplicate search while they shared one worker). When the officer opens another
roster meanwhile, the roster left gets its backup at close on the writer's worker; the automatic one still queued
must not run afterwards on the roster let go, and must not stand in the way of the backup at open of the roster
now open.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop_app.services import persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import open_database
from desktop_app.storage.models import Person
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import run_in_background
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection.feature import Protection
from tests.ui.opening import switch_and_wait

WAIT_MS = 30_000


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_a_backup_queued_when_the_roster_is_left_neither_runs_on_it_nor_skips_the_next_rosters(
        qtbot: QtBot, preferences: Preferences, tmp_path: Path) -> None:
    alpha, bravo = tmp_path / "alpha.db", tmp_path / "bravo.db"
    for path in (alpha, bravo):
        database = open_database(path)
        build_demo_roster(database, persons=300)
        database.close()
    folder = tmp_path / "backups"
    folder.mkdir()
    preferences.backup_folder = str(folder)
    alpha_db = open_database(alpha)
    window = MainWindow(alpha_db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: protection.auto_task is None, timeout=WAIT_MS)
    assert len(list(folder.glob("alpha-backup-*.db"))) == 1  # the backup at open
    with alpha_db.reading() as session:
        person_id = session.scalar(select(Person.id).limit(1))
    persons.update_person(alpha_db, person_id, {"notes": "changed"}, operator="A. Petrova")

    # A long read of the window's own holds the worker the automatic backup runs on (quiet, as the backup and the
    # full check at open are); the periodic backup queues behind it.
    started, release = threading.Event(), threading.Event()

    def long_read(_progress: object) -> None:
        started.set()
        release.wait(WAIT_MS / 1000)

    run_in_background(window, "Looking for duplicates", long_read, lambda _result: None, quiet=True, reading=True)
    assert started.wait(WAIT_MS / 1000)
    protection._periodic_backup()
    assert protection.auto_task is not None

    try:
        assert switch_and_wait(qtbot, window, str(bravo))  # alpha's backup at close is written on the writer's
    finally:
        release.set()
    assert window.db is not alpha_db
    qtbot.waitUntil(lambda: protection.auto_task is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: list(folder.glob("bravo-backup-*.db")) != [], timeout=WAIT_MS)  # before: never
    # The roster left is not opened again by the backup that was queued (a connection nobody closes).
    assert alpha_db.engine.pool.checkedin() == 0
    assert len(list(folder.glob("alpha-backup-*.db"))) == 2  # at open, at close: the queued one left no other
    window.close()
