"""Opening another roster in a test's window and waiting for it: File > Open opens the roster off the GUI
thread (`MainWindow.switch_database`), the window answering meanwhile.

    assert switch_and_wait(qtbot, window, str(other_path))    # True once it is the window's roster
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow

OPEN_TIMEOUT_MS = 20_000


def switch_and_wait(qtbot: QtBot, window: MainWindow, target: str, passphrase: str | None = None) -> bool:
    """`window.switch_database(target)`, returning once the roster is open (True) or was refused (False)."""
    answers: list[bool] = []
    window.switch_database(target, passphrase, then=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=OPEN_TIMEOUT_MS)
    return answers[0]
