"""The window's Find duplicates list offers hundreds of copies of a registration as a star (session 20, G36): each
copy once, to its person's first record (`tests/helpers/copies.py`), not every pair of them (3 x 4,950 rows before).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.storage.db import open_database
from desktop_app.ui.merge_dialog import DuplicatesDialog
from desktop_app.ui.preferences import Preferences
from tests.helpers.copies import copies_roster, pairs_of_copies, star
from tests.ui.opening import shown_window


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_find_duplicates_lists_each_copy_once(qtbot: QtBot, tmp_path: Path, preferences: Preferences) -> None:
    """Failed before: 15,050 rows of the copies (every pair of each person's 100, the slip with each of 100)."""
    ids = copies_roster(tmp_path / "roster.db")
    database = open_database(tmp_path / "roster.db")
    try:
        window = shown_window(qtbot, database, preferences)
        window.actions["findDuplicates"].trigger()
        qtbot.waitUntil(lambda: any(d.loaded for d in window.findChildren(DuplicatesDialog)), timeout=60_000)
        (dialog,) = window.findChildren(DuplicatesDialog)
        listed = [(pair.a.id, pair.b.id) for pair in dialog.model.records]
        assert pairs_of_copies(listed, ids) == star(ids)
        dialog.close()
        window.close()
    finally:
        database.close()
