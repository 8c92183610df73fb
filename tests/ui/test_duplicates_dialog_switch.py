"""Find duplicates open while the officer opens another roster (breaker X20a on 3ca72dc).

The window closes every dialog about the roster it leaves (MainWindow._roster_replaced); closing the pair's
Compare and merge screen told the Find duplicates dialog to look again (its `finished` -> `refresh`), and
the dialog's workspace already held the new roster: a whole search of the new roster started on the
writer's worker, from a dialog being deleted, its pairs then dropped (at 1,000,000 persons about 6 GB and
80 s of CPU, the new roster's writes waiting behind it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from desktop_app.services import demo, persons
from desktop_app.storage.db import open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog, MergeDialog
from tests.engine_listening import listen_until_stopped
from tests.ui.opening import switch_and_wait


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_no_search_of_the_new_roster_from_the_old_rosters_duplicates_dialog(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    other_path = tmp_path / "other.db"
    other = open_database(other_path)
    try:
        demo.fill_demo(other, households=3, operator="demo")
    finally:
        other.close()
    for surname in ("ORLOVA", "ORLOVA"):  # a person registered twice: at least one pair
        persons.create_person(window.db, {"surname_latin": surname, "given_names_latin": "MARIA",
                                          "birth_date": "1984-02-11"}, operator="t")
    window.actions["findDuplicates"].trigger()
    qtbot.waitUntil(lambda: any(d.loaded for d in window.findChildren(DuplicatesDialog)), timeout=30_000)
    (dialog,) = window.findChildren(DuplicatesDialog)
    assert isinstance(dialog.open_current(), MergeDialog)  # the officer compares the first pair

    searched: list[str] = []  # the roster files whose dismissed pairs a duplicates search read

    def record(conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "FROM duplicate_dismissals" in statement:
            searched.append(str(conn.engine.url.database))

    watch = listen_until_stopped(Engine, "before_cursor_execute", record)
    try:
        assert switch_and_wait(qtbot, window, str(other_path))
        qtbot.waitUntil(lambda: not window.findChildren(DuplicatesDialog))  # closed with the old roster
        qtbot.wait(1_000)  # a search started meanwhile reads the dismissed pairs at once
    finally:
        watch.stop()
    assert searched == []
