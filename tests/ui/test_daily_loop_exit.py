"""The window exits cleanly after the daily loop's dialogs (issue 13 item 5), in a real process.

A child process opens the window on a demo roster, changes the status of a whole list through
the bulk status dialog, sends a list with verify-first, applies a partner's answer in the
reconcile screen and closes it (at once, or while the apply runs), takes both back with
Edit > Undo (a third Undo with nothing left), then closes the window. It must exit with 0, with
no traceback and no "Signal source has been deleted" on stderr, and `verify` must pass.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from desktop_app.services import demo, lists, persons
from desktop_app.storage.db import open_database

DAY = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from desktop_app.storage.db import open_database
    from desktop_app.services import lists
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.preferences import Preferences

    path, answer, list_name, close_while = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "mid-apply"
    app = QApplication(sys.argv)
    db = open_database(path)
    prefs = Preferences(QSettings(path + ".ini", QSettings.Format.IniFormat))
    prefs.operator = "officer"
    window = MainWindow(db, "officer", prefs)
    window.show()
    said = []

    def press_default() -> None:  # every question box: its default (Yes, Verify and send); errors: OK
        box = app.activeModalWidget()
        if isinstance(box, QMessageBox):
            said.append(box.text().splitlines()[0] if box.text() else "")
            (box.defaultButton() or box.buttons()[0]).click()
        elif box is not None and box.objectName() == "bulkStatusDialog":
            box.target.setCurrentIndex(box.target.findData("on_hold"))
            box.apply()
    pump = QTimer(interval=30)
    pump.timeout.connect(press_default)
    pump.start()

    def wait(condition, seconds=60):
        end = time.monotonic() + seconds
        while not condition():
            app.processEvents()
            time.sleep(0.01)
            if time.monotonic() > end:
                raise SystemExit("timed out")

    from desktop_app.ui.bulk_status import change_status_of
    target = lists.find_list(db, list_name)
    ids = [m.person_id for m in lists.members(db, target.id)]
    change_status_of(window, [("every member", ids, target.id)])
    window.findChildren(QMessageBox, "bulkStatusReport")[-1].close()
    window.actions["undo"].trigger()

    from desktop_app.services.workspace import Workspace
    from desktop_app.ui.reconcile import ReconcileDialog
    dialog = ReconcileDialog(Workspace(db, "officer"), window, list_id=target.id, undo_host=window)
    dialog.show()
    dialog.path_edit.setText(answer)
    dialog.run_check()
    wait(lambda: dialog.reconciliation is not None)
    dialog.apply()
    if not close_while:
        wait(lambda: dialog.last_apply is not None)
    dialog.close()
    wait(lambda: dialog.last_apply is not None)
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    QTimer.singleShot(50, window.close)
    QTimer.singleShot(100, app.quit)
    code = app.exec()
    db.close()
    print("exited", code, "|".join(said))
""")


@pytest.mark.slow
@pytest.mark.parametrize("close", ["after-apply", "mid-apply"])
def test_the_window_exits_after_bulk_status_reconcile_and_undo(tmp_path: Path, close: str) -> None:
    db_path = tmp_path / "roster.db"
    database = open_database(db_path)
    demo.fill_demo(database, households=40, operator="demo")
    target = max(lists.all_lists(database), key=lambda s: s.pending)
    pending = [persons.get_person(database, m.person_id) for m in lists.members(database, target.id)
               if m.answer == "pending"]
    database.close()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Case ref", "Surname", "Given names", "Date of birth", "Decision"])
    for number, person in enumerate(pending):
        sheet.append([person.case_ref, person.value("surname_latin"), person.value("given_names_latin"),
                      person.birth_date.iso() if person.birth_date else "", "rejected" if number % 3 else "approved"])
    answer = tmp_path / "answer.xlsx"
    workbook.save(answer)
    script = tmp_path / "day.py"
    script.write_text(DAY, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(db_path), str(answer), target.name, close],
                          capture_output=True, text=True, timeout=180, cwd=Path(__file__).parents[2],
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("exited 0"), done.stdout
    for bad in ("Traceback", "Signal source has been deleted", "QRunnable::run", "Unexpected error"):
        assert bad not in done.stderr
    check = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db_path), "verify"], capture_output=True,
                           text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    database = open_database(db_path)
    try:  # both undone: every member as the demo left them
        assert [m.answer for m in lists.members(database, target.id)].count("pending") == len(pending)
    finally:
        database.close()
