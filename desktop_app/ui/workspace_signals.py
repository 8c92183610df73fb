"""Changes committed elsewhere, brought to the window: `RosterChanges.changed(kinds)` on the GUI thread.

A colleague's edit, status change, import or answer (another window, a command, another
workstation) is seen by `services.changes.ChangeWatcher`, which runs on a thread of its own
(it polls or waits on its own connection, never on the GUI thread, which only takes the
baseline when watching starts), and arrives here as the record kinds
it touched. `follow_changes(window)` subscribes the window's pages: the page in front reloads at
once, the others when next shown. On the roster the same search runs again; the search box, the
selection and the scroll position stay as the officer left them, and a person open in the editor
keeps what is typed (a save over a colleague's change is the conflict the editor reports).

    changes = follow_changes(window)          # once the window has its database
    changes.changed.connect(lambda kinds: print(sorted(kinds)))

The watched database follows `window.db`: a roster switched, encrypted or restored (a new
`Database`) is watched in its place, and a hidden window watches nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from desktop_app.services.changes import Change, ChangeWatcher, can_watch

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

# The open roster as the window holds it (storage's Database): opaque here, handed to services only.
# Issue 15's Workspace gives it a type the window may name.
Roster = object

log = logging.getLogger(__name__)

FOLLOW_MS = 500  # how often the window's database and visibility are looked at
_STOP_WAIT_S = 2.0


class _Watching:
    """The running watcher thread's stop switch (a plain object: safe to call while Qt objects are deleted)."""

    def __init__(self) -> None:
        self.database: Roster | None = None
        self.stop_event: threading.Event | None = None
        self.thread: threading.Thread | None = None

    def stop(self, wait: bool = False) -> None:
        if self.stop_event is not None:
            self.stop_event.set()
        if wait and self.thread is not None:
            self.thread.join(_STOP_WAIT_S)
        self.database = self.stop_event = self.thread = None

    def on_destroyed(self, *_arguments: object) -> None:
        self.stop()


class RosterChanges(QObject):
    """Emits `changed(frozenset[str])` when another connection commits changes to the watched roster."""

    changed = Signal(object)  # frozenset of services.changes kinds
    _found = Signal(object, object)  # (database, Change), emitted by the watcher thread

    def __init__(self, database: Callable[[], Roster | None], widget: QWidget) -> None:
        super().__init__(widget)
        self._database = database
        self._widget = widget
        self._watching = _Watching()
        self._found.connect(self._deliver)  # queued: the watcher thread emits, the GUI thread delivers
        widget.destroyed.connect(self._watching.on_destroyed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(lambda watching=self._watching: watching.stop(wait=True))
        self._timer = QTimer(self)
        self._timer.setInterval(FOLLOW_MS)
        self._timer.timeout.connect(self.follow)
        self._timer.start()
        self.follow()

    @property
    def watched(self) -> Roster | None:
        return self._watching.database

    @Slot()
    def follow(self) -> None:
        """Watch the window's database while the window is shown; nothing otherwise."""
        wanted = self._database() if self._widget.isVisible() else None
        if wanted is self._watching.database:
            return
        self._watching.stop()
        if wanted is not None and can_watch(wanted):  # type: ignore[arg-type]  # a Database (see Roster)
            self._start(wanted)

    def _start(self, database: Roster) -> None:
        stop = threading.Event()
        found = self._found

        def on_change(change: Change) -> None:
            try:
                found.emit(database, change)
            except RuntimeError:  # this object was deleted with its window: nobody to tell
                stop.set()

        # The baseline is taken here (one indexed read; on PostgreSQL the LISTEN), so that nothing committed
        # from now on is missed; the watcher's own SQLite connection opens on its thread.
        try:
            watcher = ChangeWatcher(database)  # type: ignore[arg-type]  # a Database (see Roster)
        except Exception as exc:  # a server gone, a file locked away: the window works on without it
            log.warning("changes made elsewhere will not show by themselves: %s", type(exc).__name__)
            self._watching.database = database  # not tried again until another roster opens
            return
        thread = threading.Thread(target=watcher.watch, args=(on_change, stop), name="roster-changes", daemon=True)
        self._watching.database, self._watching.stop_event, self._watching.thread = database, stop, thread
        thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._watching.stop(wait=True)

    @Slot(object, object)
    def _deliver(self, database: Roster, change: Change) -> None:
        if database is self._watching.database:  # not a late word about a roster no longer open
            self.changed.emit(change.kinds)


def follow_changes(window: MainWindow) -> RosterChanges:
    """Keep the window's pages up to date with changes committed elsewhere."""
    changes = RosterChanges(lambda: window.db, window)
    changes.changed.connect(lambda _kinds: show_changes(window))
    return changes


def show_changes(window: MainWindow) -> None:
    """The page in front reloads, the others when next shown; the roster keeps its selection and scroll."""
    roster = window.roster
    table = roster.table
    selected = roster.selected_ids()
    current = roster.current_id()
    scrolled = table.verticalScrollBar().value()
    window.data_changed()
    if window.current_page() != "roster":
        return
    model = roster.model
    selection = QItemSelection()
    for person_id in selected:
        row = model.row_of(person_id)
        if row is not None:
            selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    rows = table.selectionModel()
    current_row = model.row_of(current) if current is not None else None
    if current_row is not None:
        rows.setCurrentIndex(model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    rows.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    table.verticalScrollBar().setValue(scrolled)
