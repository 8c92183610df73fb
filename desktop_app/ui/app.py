"""Start the window: the Qt application, logging, the crash hook, the operator, the database.

The roster a user opens most days is a plain file at the current schema revision; the window
then paints at once with the first page of the roster read with plain sqlite3
(`services.roster_rows.first_page`), and the database is opened properly, and the rest of the
workspace built, right after that first paint. A plain roster file made by an older version is
upgraded on a worker behind a box saying so, the window shown at once (`_upgrade_then_open`). Any
other roster (encrypted, on a server, not there yet) is opened first and the window shown when it
is ready.

Opening the roster after the first paint imports some 450 modules (SQLAlchemy, the data model, the
services, the pages). PySide6 replaces Python's `__import__` with one that reads the source file of
every module imported after it, looking for the word "PySide6" (for its opt-in `from __feature__
import snake_case`, which this program does not use): about an eighth of that import's time. Those
imports run with Python's own `__import__` (`plain_imports`); the modules loaded so behave as any
module not opting in.

A roster file holds one window at a time (`ui.instance.RosterLock`): a second window on it (a
double-click on a roster already open) says where it is open and exits. Files dropped on the
window, or sent by macOS, open in it (`ui.file_open`).
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import APP_NAME
from desktop_app.domain.errors import RosterError
from desktop_app.logs import setup_logging
from desktop_app.services.roster_rows import first_page, needs_upgrade
from desktop_app.ui.errors import install_excepthook, show_error
from desktop_app.ui.file_open import RosterFileDrop
from desktop_app.ui.garbage import install as install_collector
from desktop_app.ui.instance import RosterLock, held_by
from desktop_app.ui.main_window import MainWindow, ask_operator
from desktop_app.ui.preferences import APPLICATION, ORGANIZATION, Preferences
from desktop_app.ui.start_roster import MissingRosterDialog, named_target, start_target

if TYPE_CHECKING:
    from desktop_app.ui.first_start import FirstStartWizard

log = logging.getLogger(__name__)

FIRST_LOOK_ROWS = 60  # read before the first paint: a tall window's worth (the page of 200 follows)


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    return app


def run_gui(target: str | None, operator: str | None = None) -> int:
    """Open the window on `target` (a path or URL, created if needed), or when None on the default
    roster (MISSION_ROSTER_DB, Settings > Default database, the data folder's; see `start_roster`)."""
    app = application()
    install_excepthook()
    preferences = Preferences()
    if operator:
        preferences.operator = operator
    first = first_start(preferences, target)
    if first is not None:  # nothing set up yet: the assistant made the roster to open (or was cancelled)
        if first.result_target is None:
            return 1
        target = first.result_target
    name = ask_operator(preferences)
    if name is None:
        return 1
    named = named_target(target)
    chosen = start_target(target, preferences)
    while chosen is not None:
        lock = RosterLock.for_target(chosen)
        if lock is not None and not lock.acquire():  # open in another window: told there, never twice
            show_error(None, lock.refusal())
            return 1
        window = start_window(chosen, name, preferences,
                              first.result_passphrase if first is not None and chosen == target else None)
        if window is not None and first is not None and first.result_demo_new:
            fill_demonstration(window)
        if window is not None and lock is not None:
            lock.setParent(window)
        code = app.exec() if window is not None else 1
        if window is not None and window.db is not None:
            window.db.close()
        for held in (lock, held_by(window) if window is not None else None):  # it may have moved to another roster
            if held is not None:
                held.release()
        if window is not None and not window.open_failed:
            return code
        if named:  # a roster named on the command line: its refusal was told, and that is the answer
            return 1
        # The default roster is there but refused (a folder, another program's file, a read-only
        # stick): without a choice here the officer could never reach Settings to change it.
        chosen = MissingRosterDialog(chosen, unopened=True).ask()
    return 1


def first_start(preferences: Preferences, target: str | None) -> FirstStartWizard | None:
    """The first-start assistant when nothing is set up yet (`ui.first_start`), after it ran; else None."""
    from desktop_app.ui.first_start import FirstStartWizard, is_first_start  # its pages: only at a first start

    if not is_first_start(preferences, named_target(target)):
        return None
    wizard = FirstStartWizard(preferences)
    if not wizard.exec():
        wizard.result_target = None
    return wizard


def fill_demonstration(window: MainWindow) -> None:
    """Invent the new demonstration roster's families once the window is complete."""
    from desktop_app.ui.main_window.frame import DEMO_HOUSEHOLDS

    if window.completed:
        window.start_demo_fill(DEMO_HOUSEHOLDS)
    else:
        window.ready.connect(lambda: window.start_demo_fill(DEMO_HOUSEHOLDS))


def start_window(target: str, operator: str, preferences: Preferences,
                 passphrase: str | None = None) -> MainWindow | None:
    """Show the window on `target` (an encrypted roster opened with `passphrase` when given, else
    asked); None when the roster could not be opened (the user was told)."""
    window = MainWindow(None, operator, preferences)
    RosterFileDrop(window)  # a roster dropped on the window, or sent by macOS's Finder, opens in it
    first = first_page(target, window.roster.model.query, FIRST_LOOK_ROWS) if window.starts_on_roster else None
    if first is None:
        if passphrase is None and needs_upgrade(target):
            window.show()
            _upgrade_then_open(window, target, operator)
            return window
        if not _open_into(window, target, operator, passphrase):
            window.deleteLater()
            return None
        window.show()
        return window
    window.roster.model.show_first_page(first)
    when_first_painted(window.roster.table.viewport(), lambda: _finish_start(window, target, operator))
    window.show()
    return window


@contextlib.contextmanager
def plain_imports() -> Iterator[None]:
    """Python's own `__import__` within the block, instead of PySide6's (see the module's docstring);
    PySide6's again after it. Without PySide6's hook in place (another PySide6 version), nothing changes."""
    hooked = builtins.__import__
    original = getattr(builtins, "__orig_import__", None)
    if original is None or original is hooked:
        yield
        return
    builtins.__import__ = original
    try:
        yield
    finally:
        builtins.__import__ = hooked


def _open_into(window: MainWindow, target: str, operator: str, passphrase: str | None = None) -> bool:
    with plain_imports():
        return _open_workspace(window, target, operator, passphrase)


def _open_workspace(window: MainWindow, target: str, operator: str, passphrase: str | None) -> bool:
    from desktop_app.services.workspace import open_roster as open_with_passphrase  # after the first paint
    from desktop_app.ui.protection import open_roster

    install_collector(application())  # off while the window started (desktop_app.launch): from now on it runs
    # on this thread only (ui.garbage)
    setup_logging()
    log.info("window starting (language %s)", window.preferences.language)
    parent = window if window.isVisible() else None
    try:
        db = (open_roster(parent, target, operator) if passphrase is None  # asked while it is wrong
              else open_with_passphrase(target, operator=operator, passphrase=passphrase))
    except RosterError as exc:
        show_error(parent, exc)
        return False
    if db is None:
        return False
    try:
        window.complete(db)
    except Exception as exc:  # a damaged file found only now: told, and the window does not stay half-built
        db.close()
        show_error(parent, exc)
        return False
    log.info("window opened")
    return True


def _upgrade_then_open(window: MainWindow, target: str, operator: str) -> None:
    """A roster made by an older version: backed up and upgraded on a worker (`run_opening`; minutes for a large
    roster) behind a box saying so, the window painted and answering meanwhile, then opened as any other. The
    upgrade is one transaction, never stopped half-way: the box has no Cancel, and the window asked to close
    meanwhile stays, and closes once it is done (`_CloseAfter`)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QProgressDialog

    from desktop_app.ui.operations import run_opening

    class UpgradingBox(QProgressDialog):
        def reject(self) -> None:  # Escape: the upgrade is not stopped half-way
            pass

    shown = Path(target).name or target
    box = UpgradingBox(QCoreApplication.translate(
        "MainWindow", "Upgrading %1 to this version of Mission Roster. A backup is taken first; a large roster can "
        "take several minutes.").replace("%1", shown), "", 0, 0, window)
    box.setObjectName("upgradingAtStart")
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "Opening a roster"))
    box.setToolTip(target)
    box.setCancelButton(None)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAutoClose(False)
    box.setAutoReset(False)
    box.setMinimumDuration(0)
    box.show()

    def upgrade(_tell: Callable[[object], None]) -> None:
        from desktop_app.services.workspace import open_roster

        open_roster(target, operator=operator, create=False).close()

    closing = _CloseAfter(window)

    def done() -> bool:
        box.close()
        box.deleteLater()
        closing.let_go()
        return window.isVisible()

    def upgraded(_result: object) -> None:
        if done():
            if closing.asked:
                window.close()
            else:
                _finish_start(window, target, operator)

    def failed(exc: BaseException) -> None:
        if done():
            show_error(window, exc)
            window.open_failed = True  # the exit status run_gui returns
            window.close()

    pending = run_opening(None, upgrade, upgraded, failed)
    pending.finished.connect(pending.deleteLater)


class _CloseAfter(QObject):
    """Holds the window's close while the roster it starts on is upgraded, and remembers it was asked: closed, the
    window went and its process ran on unseen for the minutes the upgrade takes, holding the roster's lock, so that
    the program started again was told the roster was open in another window, which was nowhere."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.asked = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.asked = True
            event.ignore()
            return True
        return False

    def let_go(self) -> None:
        self._window.removeEventFilter(self)


def _finish_start(window: MainWindow, target: str, operator: str) -> None:
    if not _open_into(window, target, operator):
        window.open_failed = True  # the exit status run_gui returns
        window.close()


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # once this paint is on the screen
            self.deleteLater()
        return False


def when_first_painted(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once `widget` has painted for the first time."""
    _FirstPaint(widget, then)
