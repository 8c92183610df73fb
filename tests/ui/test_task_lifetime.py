"""Issue 13 item 5: a dialog closed while its background task runs; Edit > Undo after a dialog closed.

The window sometimes never exited after a merge screen was closed, with "RuntimeError: Signal
source has been deleted" from `QRunnable::run`: the worker emitted through an object the
closed dialog owned. A real process closes the duplicates dialog mid-search and must quit
cleanly; in process, a task whose dialog is deleted is cancelled and its result dropped.
Closing a dialog must not end undo: Edit > Undo takes back the last merge or apply.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.status import Status
from desktop_app.services import demo, duplicates, lists, persons, status
from desktop_app.services.reconciling import apply_reconciliation, reconcile_answer
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog, MergeDialog
from desktop_app.ui.operations import run_in_background
from desktop_app.ui.reconcile import ReconcileDialog
from tests.services.test_reconcile_roster import write_answer
from tests.ui.typing import answer_next_message_box

CLOSE_MID_SEARCH = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop_app.storage.db import open_database
    from desktop_app.services.workspace import Workspace
    from desktop_app.ui.merge_dialog import DuplicatesDialog

    app = QApplication(sys.argv)
    db = open_database(sys.argv[1])
    dialog = DuplicatesDialog(Workspace(db, "officer"))  # starts looking for duplicates off the GUI thread
    dialog.show()
    QTimer.singleShot(int(sys.argv[2]), dialog.deleteLater)  # the officer closes it mid-search
    QTimer.singleShot(int(sys.argv[2]) + 20, app.quit)
    code = app.exec()
    db.close()
    print("exited", code)
""")


def test_closing_the_duplicates_dialog_mid_search_lets_the_application_quit(tmp_path: Path) -> None:
    db_path = tmp_path / "roster.db"
    database = open_database(db_path)
    demo.fill_demo(database, households=120, operator="demo")
    database.close()
    script = tmp_path / "close_mid_search.py"
    script.write_text(CLOSE_MID_SEARCH, encoding="utf-8")
    for delay in ("0", "30", "120"):
        done = subprocess.run([sys.executable, str(script), str(db_path), delay], capture_output=True, text=True,
                              timeout=90, cwd=Path(__file__).parents[2],
                              env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                   "HOME": str(tmp_path)})
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "exited 0"
        assert "Signal source has been deleted" not in done.stderr
        assert "QRunnable::run" not in done.stderr
        assert "Traceback" not in done.stderr


def test_a_task_whose_dialog_is_deleted_is_cancelled_and_its_result_dropped(qtbot: QtBot) -> None:
    dialog = QDialog()
    started, release = threading.Event(), threading.Event()
    seen: list[object] = []
    cancelled_seen: list[bool] = []

    def operation(progress: object) -> str:
        started.set()
        release.wait(10)
        cancelled_seen.append(not progress(1, 2))  # type: ignore[operator]
        return "result"

    task = run_in_background(dialog, "work", operation, seen.append, seen.append)
    number = task.number
    assert started.wait(10)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not _alive(dialog))
    release.set()
    from desktop_app.ui.operations import the_relay

    hub = the_relay()
    qtbot.waitUntil(lambda: number not in hub.cancel_events and cancelled_seen == [True], timeout=10_000)
    qtbot.wait(50)  # the queued result arrives and is dropped
    assert seen == []


def _alive(obj: object) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def _pair(db: Database) -> tuple[int, int]:
    fields = {"surname": "Щербаков", "given_names": "Иван", "birth_date": "1980-03-05", "sex": "M"}
    first = persons.create_person(db, fields, operator="t").id
    second = persons.create_person(db, {**fields, "patronymic": "Петрович"}, operator="t").id
    return first, second


def test_edit_undo_takes_back_a_merge_after_its_dialog_closed(qtbot: QtBot, window: MainWindow) -> None:
    a, b = _pair(window.db)
    duplicates_dialog = DuplicatesDialog(window.hub.workspace, window, undo_host=window)
    qtbot.addWidget(duplicates_dialog)
    qtbot.waitUntil(lambda: duplicates_dialog.loaded, timeout=20_000)
    dialog = MergeDialog(window.hub.workspace, a, b, duplicates_dialog, undo_host=window)
    dialog.show()
    replies: list[str] = []
    answer_next_message_box(replies)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert persons.get_person(window.db, b).status == Status.MERGED.value
    dialog.close()
    dialog.deleteLater()
    duplicates_dialog.close()
    qtbot.waitUntil(lambda: not _alive(dialog))
    assert window.actions["undo"].isEnabled() and "Merge into" in window.actions["undo"].text()
    window.actions["undo"].trigger()
    assert persons.get_person(window.db, b).status != Status.MERGED.value
    assert duplicates.merge_operations(window.db, a) == []
    assert not window.actions["undo"].isEnabled() or "Merge into" not in window.actions["undo"].text()


def test_edit_undo_takes_back_an_apply_after_the_reconcile_dialog_closed(qtbot: QtBot, window: MainWindow,
                                                                         tmp_path: Path) -> None:
    db = window.db
    person = persons.create_person(db, {"surname_latin": "OSTROVSKY", "given_names_latin": "PAVEL",
                                        "birth_date": "1966-02-03"}, operator="t").id
    evacuation_list = lists.create_list(db, "Rafah undo", operator="t")
    lists.add_members(db, evacuation_list.id, [person], operator="t")
    lists.mark_sent(db, evacuation_list.id, operator="t")
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Decision"],
                          [["OSTROVSKY PAVEL", "03.02.1966", "approved"]])
    dialog = ReconcileDialog(Workspace(db, window.operator), window, list_id=evacuation_list.id, undo_host=window)
    dialog.show()
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=20_000)
    answer_next_message_box([], QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_apply is not None, timeout=20_000)
    assert persons.get_person(db, person).status == "approved"
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not _alive(dialog))
    window.actions["undo"].trigger()
    assert persons.get_person(db, person).status == "registered"
    assert [m.answer for m in lists.members(db, evacuation_list.id)] == ["pending"]


def test_the_dialogs_own_undo_spends_the_window_entry(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    db = window.db
    person = persons.create_person(db, {"surname_latin": "LEVIN", "given_names_latin": "ARKADY",
                                        "birth_date": "1950-01-01"}, operator="t").id
    status.change_status(db, person, Status.VERIFIED, operator="t")
    evacuation_list = lists.create_list(db, "Rafah spent", operator="t")
    lists.add_members(db, evacuation_list.id, [person], operator="t")
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Decision"],
                          [["LEVIN ARKADY", "01.01.1950", "rejected"]])
    dialog = ReconcileDialog(Workspace(db, window.operator), window, list_id=evacuation_list.id, undo_host=window)
    qtbot.addWidget(dialog)
    dialog.show()
    rec = reconcile_answer(db, answer, list_id=evacuation_list.id)
    dialog.show_reconciliation(rec)
    dialog._applied(apply_reconciliation(db, rec, {}, operator="t"))
    depth = window.undo_stack.count()
    answer_next_message_box([], QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_apply is None, timeout=20_000)
    assert window.undo_stack.count() == depth - 1  # the spent entry left the stack
    assert persons.get_person(db, person).status == "verified"


def test_edit_undo_takes_back_an_import_after_the_wizard_closed(qtbot: QtBot, window: MainWindow,
                                                                tmp_path: Path) -> None:
    from desktop_app.ui.importing.wizard import REPORT_PAGE, TABLE_PAGE, open_import_wizard
    from tests.services.import_support import write_xlsx

    sheet = write_xlsx(tmp_path / "volunteer.xlsx", [["ФИО", "Дата рождения", "№ паспорта"],
                                                     ["Haddad Omar", "13.02.1975", "0765432"],
                                                     ["Haddad Lina", "01.07.1979", "0765433"]])
    before = len(window.roster.model.ids)
    wizard = open_import_wizard(window)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(sheet))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    assert wizard.result is not None and wizard.result.created == 2
    wizard.close()
    wizard.deleteLater()
    qtbot.waitUntil(lambda: not _alive(wizard))
    window.roster.model.refresh()
    qtbot.waitUntil(lambda: len(window.roster.model.ids) == before + 2)  # read off the GUI thread
    assert window.actions["undo"].text().startswith("&Undo Import #")
    window.actions["undo"].trigger()
    qtbot.waitUntil(lambda: len(window.roster.model.ids) == before)


def test_edit_undo_while_the_reconcile_dialog_is_open_updates_it(qtbot: QtBot, window: MainWindow,
                                                                 tmp_path: Path) -> None:
    db = window.db
    person = persons.create_person(db, {"surname_latin": "LEVINA", "given_names_latin": "SARA",
                                        "birth_date": "1952-02-02"}, operator="t").id
    evacuation_list = lists.create_list(db, "Rafah open", operator="t")
    lists.add_members(db, evacuation_list.id, [person], operator="t")
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Decision"],
                          [["LEVINA SARA", "02.02.1952", "approved"]])
    dialog = ReconcileDialog(Workspace(db, window.operator), window, list_id=evacuation_list.id, undo_host=window)
    qtbot.addWidget(dialog)
    dialog.show()
    rec = reconcile_answer(db, answer, list_id=evacuation_list.id)
    dialog.show_reconciliation(rec)
    dialog._applied(apply_reconciliation(db, rec, {}, operator="t"))
    assert dialog.undo_button.isEnabled()
    window.actions["undo"].trigger()
    assert not dialog.undo_button.isEnabled() and dialog.apply_button.isEnabled()
    assert dialog.counts_label.text() == "Undone: 1 answers restored, 1 statuses returned."
    assert persons.get_person(db, person).status == "registered"
