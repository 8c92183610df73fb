"""Restore, encryption and re-keying run on the runner's worker (issue 15, session 7), replayed: while
another process holds the roster's write lock (a real subprocess, as a colleague's long save), the
encryption waits off the GUI thread, the window handles events, the waiting window names the
colleague and the file stays untouched until the lock is released; Cancel gives it up with the
roster as it was, still open and working.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection
from desktop_app.ui.protection.dialogs import PlainCopiesDialog
from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog
from tests.ui.test_backup_protection import _plain, _when_shown

PASSPHRASE = "correct horse battery staple 7"
# A colleague's long save that then closes the roster: a file is swapped only once nobody has it open.
HOLD_THEN_CLOSE = """
import os, sys, time
from sqlalchemy import text
from desktop_app.storage.db import open_database
database = open_database(sys.argv[1], holder="A. Colleague")
with database.transaction() as session:
    session.execute(text("UPDATE settings SET value = value"))
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
database.close()
os._exit(0)
"""


@contextlib.contextmanager
def held_lock(path: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the roster's write lock for `seconds`, then closing the roster."""
    child = subprocess.Popen([sys.executable, "-c", HOLD_THEN_CLOSE, str(path), str(seconds)], stdout=subprocess.PIPE,
                             text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        yield child
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def _waiting_window() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                 and w.objectName() == "waitingForLock" and w.isVisible()), None)


def _encrypt(protection: Protection) -> None:
    """Tools > Encrypt roster…, the new passphrase typed twice, the plain backups left as they are."""
    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        dialog.edit.setText(PASSPHRASE)
        dialog.confirm.setText(PASSPHRASE)
        _when_shown(PlainCopiesDialog, lambda copies: copies.close())
        dialog._accept()

    _when_shown(PassphraseDialog, choose)
    QTimer.singleShot(0, protection.encrypt_or_rekey)


def test_encryption_waits_off_the_gui_thread_for_a_colleague_it_names(qtbot: QtBot, window: MainWindow,
                                                                      db_path: Path) -> None:
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: protection.auto_task is None, timeout=20_000)
    said: list[str] = []
    plain_while_held: list[bool] = []
    ticks: list[int] = []
    with held_lock(db_path, 3) as colleague:
        def tick() -> None:
            if colleague.poll() is not None:
                return
            waiting = _waiting_window()
            if waiting is not None:
                ticks.append(1)  # the window handles events while the encryption waits
                if not said:
                    said.append(waiting.labelText())
                    plain_while_held.append(_plain(db_path))

        timer = QTimer(window)
        timer.setInterval(10)
        timer.timeout.connect(tick)
        timer.start()
        _encrypt(protection)
        qtbot.waitUntil(lambda: colleague.poll() is not None, timeout=30_000)
    qtbot.waitUntil(lambda: protection.busy is None, timeout=30_000)
    timer.stop()
    assert said and "A. Colleague on " in said[0]
    assert plain_while_held == [True]  # nothing was touched while the colleague wrote
    assert len(ticks) > 10
    assert window.db is not None and window.db.encrypted and not _plain(db_path)
    qtbot.waitUntil(lambda: window.roster.model.rowCount() > 0, timeout=20_000)  # shown: read off the GUI thread
    assert _waiting_window() is None


def test_cancel_gives_up_an_encryption_waiting_for_a_colleague(qtbot: QtBot, window: MainWindow,
                                                               demo_db: Database, db_path: Path) -> None:
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: protection.auto_task is None, timeout=20_000)
    with held_lock(db_path, 20):
        _encrypt(protection)
        qtbot.waitUntil(lambda: _waiting_window() is not None, timeout=20_000)
        waiting = _waiting_window()
        assert waiting is not None
        cancel = waiting.findChild(QPushButton)
        assert cancel is not None
        cancel.click()
        qtbot.waitUntil(lambda: protection.busy is None, timeout=20_000)
    assert "cancelled" in window.statusBar().currentMessage()
    assert _plain(db_path) and window.db is demo_db and not demo_db.encrypted
    assert protection.auto is not None  # the automatic backups go on
    persons.create_person(demo_db, {"surname": "Still"}, operator="t")  # the roster is open and works

