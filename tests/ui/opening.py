"""Opening another roster in a test's window and waiting for it: File > Open opens the roster off the GUI
thread (`MainWindow.switch_database`), the window answering meanwhile. And waiting for the roster table of a
window just shown: its ids are read off the GUI thread too, so a test that takes ids, counts rows or acts on
everyone the roster shows right after `show()` may find the table still empty.

    assert switch_and_wait(qtbot, window, str(other_path))    # True once it is the window's roster
    roster_read(qtbot, window)                                 # every id of the table's search has come
    window = shown_window(qtbot, database, preferences)        # a new window shown, its ids read
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences

OPEN_TIMEOUT_MS = 20_000


def switch_and_wait(qtbot: QtBot, window: MainWindow, target: str, passphrase: str | None = None) -> bool:
    """`window.switch_database(target)`, returning once the roster is open (True) or was refused (False)."""
    answers: list[bool] = []
    window.switch_database(target, passphrase, then=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=OPEN_TIMEOUT_MS)
    return answers[0]


def roster_read(qtbot: QtBot, window: MainWindow, timeout: int = OPEN_TIMEOUT_MS) -> None:
    """Return once the window's roster table shows its search's answer with every id (none still on its way)."""
    model = window.roster.model
    qtbot.waitUntil(lambda: model.searched and model.complete and not model.loading, timeout=timeout)


def shown_window(qtbot: QtBot, database: Database, preferences: Preferences, *, ids_read: bool = True) -> MainWindow:
    """A window on `database`, shown and exposed, its roster table's ids read (not waited for with `ids_read` False:
    to catch what runs as the window opens, such as its backup at open)."""
    window = MainWindow(database, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if ids_read:
        roster_read(qtbot, window)
    return window
