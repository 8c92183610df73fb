"""Issue 15 (session 9, part B): the audit-trail check, retention planning, the backup list and the closing backup
run off the GUI thread, and the roster table's rows kept across a reload are bounded.

Replayed with a real window on real SQLite rosters under tmp_path; a real `before_cursor_execute` listener
(`StatementThreads`) records the thread of every statement, and a real second process holds the roster's write
lock (`held_lock`) where a colleague's save is the point.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import demo_bulk
from desktop_app.storage.db import Database
from desktop_app.ui import roster_model
from desktop_app.ui.roster_model import PAGE_SIZE
from desktop_app.ui.roster_page import RosterPage


def _settled(qtbot: QtBot, page: RosterPage) -> None:
    model = page.model
    qtbot.waitUntil(lambda: model.searched and not model.loading and not model.pages_loading, timeout=20_000)


def test_the_rows_kept_across_reloads_are_bounded(qtbot: QtBot, db: Database,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each reload kept the pages cached then to be shown until read again, and rows never scrolled back to
    stayed for the window's life: scrolling a 100,000-person roster with colleagues' changes arriving kept
    every row read. They are kept no longer than the cache of pages holds (made two pages here)."""
    demo_bulk.build_demo_roster(db, persons=4 * PAGE_SIZE)
    monkeypatch.setattr(roster_model, "MAX_CACHED_PAGES", 2)
    owner = QWidget()  # never shown: the rows are read only when asked for below, as a view scrolling does
    qtbot.addWidget(owner)
    page = RosterPage(db, owner)
    _settled(qtbot, page)
    model = page.model
    kept = []
    for number in range(4):
        row = number * PAGE_SIZE
        model.index(row, 1).data()  # scrolled to: the page is read
        qtbot.waitUntil(lambda row=row: model.index(row, 1).data() not in (None, "…"), timeout=20_000)
        model.refresh()  # a colleague's change: the rows read stay shown until their page is read again
        _settled(qtbot, page)
        kept.append(model.stale_rows)
    assert max(kept) <= 2 * PAGE_SIZE, kept
    qtbot.waitUntil(lambda: model.index(PAGE_SIZE, 1).data() not in (None, "…"), timeout=20_000)
