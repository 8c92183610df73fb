"""Issue 15 (session 8): the last reads on the GUI thread and the undo entries pushed after another roster opened.

Steps replayed with a real window on real SQLite rosters under tmp_path: the runner's read pool kept busy
by real reads (`BusyReads`) so that a dialog's read is still on its way when the officer opens another
roster; a real `before_cursor_execute` listener (`StatementThreads`) records the thread of every statement.

- Change status… reads the person's lists off the GUI thread, and an answer about a roster no longer open
  is dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop_app.services import lists, persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.person import StatusDialog
from tests.ui.polling import keep_looking
from tests.ui.test_workspace_attacks_s7 import BusyReads, StatementThreads, other_path  # noqa: F401 (a fixture)


def _on_a_list(db: Database, person_id: int) -> int:
    chosen = lists.create_list(db, "Convoy 1", operator="t")
    lists.add_members(db, chosen.id, [person_id], operator="t")
    return chosen.id


def test_change_status_reads_the_persons_lists_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                                  demo_db: Database) -> None:
    """Change status… filled its list choice with a read of the person's memberships on the GUI thread."""
    person_id = window.roster.model.person_id(0)
    list_id = _on_a_list(demo_db, person_id)
    window.roster.select_person(person_id)
    qtbot.waitUntil(lambda: window.roster_changes.watched is demo_db, timeout=20_000)
    offered: list[object] = []

    def look() -> bool:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StatusDialog) or dialog.list_choice.findData(list_id) < 0:
            return False
        offered.extend(dialog.list_choice.itemData(i) for i in range(dialog.list_choice.count()))
        dialog.reject()
        return True

    statements = StatementThreads(demo_db)
    try:
        keep_looking(look)
        window.change_status_of_current()
    finally:
        statements.stop()
    assert offered[0] is None and list_id in offered
    assert statements.threads
    assert statements.on_gui_thread() == 0


def test_a_status_dialogs_lists_of_the_old_roster_are_dropped(qtbot: QtBot, window: MainWindow,
                                                              demo_db: Database, other_path: Path) -> None:  # noqa: F811
    """The dialog's read of the person's lists is still on its way when another roster opens: its answer
    (the old roster's lists) is not offered; the window closed the dialog."""
    person_id = window.roster.model.person_id(0)
    _on_a_list(demo_db, person_id)
    person = persons.get_person(demo_db, person_id)
    busy = BusyReads(window)
    dialog = StatusDialog(demo_db, "A. Petrova", person, window, hub=window.hub)
    dialog.open()
    assert dialog.lists_busy
    window.switch_database(str(other_path))
    busy.release()
    qtbot.waitUntil(lambda: not dialog.lists_busy, timeout=20_000)
    assert not dialog.isVisible()
    assert dialog.list_choice.count() == 1  # only "(no list)"
    assert dialog.result() == QDialog.DialogCode.Rejected
