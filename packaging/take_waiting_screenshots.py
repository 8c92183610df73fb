"""Screenshots of the window's waiting states for the README, run under Xvfb from the repository's root:

    xvfb-run -a -s "-screen 0 1400x900x24" python packaging/take_waiting_screenshots.py

File > Open's "Opening…" box (the worker rosters open on held busy), the box asking whether to open anyway
when the roster left cannot be backed up (its backup folder gone), and the sign-in's "Checking the PIN…"
while a colleague's process holds the roster's write lock (`tests.storage.test_errors.held_lock`, which is
why this needs the repository, as `make screenshots` does), and the "Opening…" box saying a roster made before
this version is being upgraded. The images go to docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.domain.roles import Role  # noqa: E402
from desktop_app.services import accounts, demo, persons  # noqa: E402
from desktop_app.services.workspace import Workspace  # noqa: E402
from desktop_app.storage.db import open_database  # noqa: E402
from desktop_app.ui.accounts.sign_in import SignInDialog  # noqa: E402
from desktop_app.ui.app import application  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402
from desktop_app.ui.operations import open_pool  # noqa: E402
from desktop_app.ui.preferences import Preferences  # noqa: E402
from tests.services.test_search_sound_keys import _without_sound_keys  # noqa: E402
from tests.storage.test_errors import held_lock  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    app = application()
    work = Path(tempfile.mkdtemp(prefix="roster-waiting-shots-"))

    def settle(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def wait(condition: Callable[[], bool], seconds: float = 60) -> None:
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        if not condition():
            raise SystemExit("the window never reached the state to take")

    db = open_database(work / "roster.db")
    demo.fill_demo(db, households=30, operator="demo")
    preferences = Preferences(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    preferences.backup_folder = str(work / "backups")
    window = MainWindow(db, "A. Petrova", preferences)
    window.resize(1200, 760)
    window.show()
    wait(lambda: window.completed)
    settle(2)
    following = work / "next.db"
    open_database(following).close()

    def opening_box() -> QProgressDialog | None:
        box = window.findChild(QProgressDialog, "openingRoster")
        return box if box is not None and box.isVisible() else None

    gate = threading.Event()
    open_pool().start(gate.wait)  # the roster on its way in stays on its way
    window.open_locked(str(following))
    wait(lambda: opening_box() is not None)
    settle(1)
    box = opening_box()
    assert box is not None
    box.grab().save(str(OUT / "opening.png"))

    def leave_box() -> QMessageBox | None:
        return next((w for w in QApplication.allWidgets() if isinstance(w, QMessageBox)
                     and w.objectName() == "leaveBackupFailedBox" and w.isVisible()), None)

    preferences.backup_folder = str(work / "usb-stick" / "roster-backups")  # pulled out
    persons.create_person(db, {"surname": "Late", "given_names": "Arrival"}, operator="demo")
    gate.set()
    wait(lambda: leave_box() is not None)
    settle(1)
    asked = leave_box()
    assert asked is not None
    asked.grab().save(str(OUT / "open-backup-not-written.png"))
    cancel = asked.button(QMessageBox.StandardButton.Cancel)
    assert cancel is not None
    cancel.click()
    wait(lambda: window.opening is None)

    staffed = open_database(work / "staffed.db")
    accounts.add_account(staffed, "A. Consul", Role.HEAD, "4711", operator="setup")
    dialog = SignInDialog(Workspace(staffed, "A. Petrova"), None)
    dialog.show()
    wait(lambda: dialog.names_read)
    with held_lock(work / "staffed.db", 60) as colleague:
        def take_checking() -> None:
            if not dialog.signing:
                QTimer.singleShot(20, take_checking)
                return
            settle(1.5)
            dialog.grab().save(str(OUT / "sign-in-checking.png"))
            colleague.kill()

        QTimer.singleShot(0, take_checking)
        dialog.pin.setText("4711")
        dialog.sign_in()
    # A roster made before this version: the box says it is upgraded (its write lock held by a plain connection,
    # as a colleague's save would, keeps the upgrade waiting after its backup while the box is taken).
    old = work / "old.db"
    made = open_database(old)
    demo.fill_demo(made, households=10, operator="demo")
    made.close()
    _without_sound_keys(f"sqlite:///{old}")
    colleague_lock = sqlite3.connect(old, isolation_level=None)
    colleague_lock.execute("BEGIN IMMEDIATE")
    wait(lambda: window.opening is None)
    window.open_locked(str(old))
    wait(lambda: (box := opening_box()) is not None and box.labelText().startswith("Upgrading"))
    settle(1)
    upgrading = opening_box()
    assert upgrading is not None
    upgrading.grab().save(str(OUT / "opening-upgrade.png"))
    for name in ("opening", "open-backup-not-written", "sign-in-checking", "opening-upgrade"):
        print(f"saved {OUT / (name + '.png')}")
    sys.stdout.flush()
    shutil.rmtree(work, ignore_errors=True)
    os._exit(0)  # the window's workers and the colleague's process are let go with the process


if __name__ == "__main__":
    raise SystemExit(main())
