"""The window's one workspace, and the changes to it: `WorkspaceHub` and `RosterChanges`.

`WorkspaceHub` holds the window's `services.workspace.Workspace` (the open roster and the
operator) and says two things with Qt signals, on the GUI thread:

- `workspace_changed(workspace)`: the roster was replaced (another file opened, a restore, an
  encryption). The window clears its undo stack, closes screens about the old roster, and every
  page reads the new one.
- `changed(kinds)`: a change touched these kinds of records (`services.changes` kinds:
  "persons", "lists", ...), made in this window or elsewhere.

Pages subscribe with `hub.follow(page, kinds, reload)`: the page in front (`hub.bring_to_front`)
reloads at once when a change touches its kinds, the others when next brought to the front.

    hub = WorkspaceHub(window)
    hub.set_workspace(Workspace(db, "A. Officer"))
    hub.follow(households_page, frozenset({"households", "persons"}), households_page.reload)
    hub.announce(frozenset({"households"}))   # after a write: pages that show households reload
    hub.replace_database(other_db)            # workspace_changed; every page reloads

A dialog is handed the workspace itself and mixes in `HoldsWorkspace` for `db` and `operator`:

    dialog = ExportDialog(window.workspace, parent=window)

A colleague's edit, status change, import or answer (another window, a command, another
workstation) is seen by `services.changes.ChangeWatcher`, which runs on a thread of its own
(it takes its baseline, then polls or waits, on its own connection, never on the GUI thread), and
arrives as `RosterChanges.changed(change)`;
`follow_changes(window)` hands it to the hub (`arrived`), which emits `changed_elsewhere(kinds)`,
and the window reloads, keeping on the roster the search box, the selection and the scroll
position as the officer left them; a person open in the editor keeps what is typed (a save over
a colleague's change is the conflict the editor reports).

The watcher also sees the window's own commits (they come from another connection). The hub
knows them: each write run through `ui.operations` tells it when it starts (`write_started`)
and which audit entries it committed (`services.changes.OwnCommit`), announced at once; the
watcher's word about entries that are all our own is dropped, and what it says while one of our
writes is running waits for that write's end, so an officer's own save reloads the pages once.

    changes = follow_changes(window)          # once the window has its database
    changes.changed.connect(lambda change: print(sorted(change.kinds)))

The watched database follows `window.db`: a roster switched, encrypted or restored (a new
`Database`) is watched in its place, and a hidden window watches nothing. This module loads
no SQLAlchemy until a workspace is set (the window's first paint does without it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from desktop_app.ui.operations import roster_swaps

if TYPE_CHECKING:
    from desktop_app.services.changes import Change, OwnCommit
    from desktop_app.services.workspace import Roster, Workspace
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

FOLLOW_MS = 500  # how often the window's database and visibility are looked at
_STOP_WAIT_S = 2.0
OWN_COMMITS_KEPT = 200  # our latest commits, against which the watcher's news is checked


def every_kind() -> frozenset[str]:
    """All kinds of records: what a replaced roster or an unspecified change may have touched."""
    from desktop_app.services.changes import ALL_KINDS

    return ALL_KINDS


@dataclass
class _Follower:
    page: QWidget
    kinds: frozenset[str]
    reload: Callable[[], None]
    stale: bool


class Leaving:
    """The roster open is about to be left for another (`WorkspaceHub.leaving_roster`): a listener whose work
    must end first takes `hold()` and calls what it returns once, with True when the work is done (or failed
    in a way told to the officer) and False when it was given up (Cancel): the roster open then stays.
    `go_on(leave)` runs on the GUI thread once every holder has answered. `parent` is the widget a holder's
    dialogs belong to (the window's box saying the roster is being opened, which takes the window's input);
    `target` the roster coming in (its path or address)."""

    def __init__(self, go_on: Callable[[bool], None], parent: QWidget, target: str = "") -> None:
        self._go_on: Callable[[bool], None] | None = go_on
        self.parent = parent
        self.target = target
        self._holding = 0
        self._given_up = False
        self._asking = True  # the signal is being emitted: its listeners may still hold

    def hold(self) -> Callable[[bool], None]:
        self._holding += 1
        answered = False

        def release(done: bool) -> None:
            nonlocal answered
            if answered:
                return
            answered = True
            self._holding -= 1
            self._given_up = self._given_up or not done
            self._answer()

        return release

    def asked(self) -> None:
        """Every listener has heard: the switch goes on as soon as nobody holds it."""
        self._asking = False
        self._answer()

    def _answer(self) -> None:
        if not self._asking and not self._holding and self._go_on is not None:
            go_on, self._go_on = self._go_on, None
            go_on(not self._given_up)


class WorkspaceHub(QObject):
    """The window's workspace; emits `workspace_changed(workspace)` and `changed(frozenset[str])`."""

    workspace_changed = Signal(object)  # the Workspace, whose database was replaced
    changed = Signal(object)  # frozenset of services.changes kinds
    changed_elsewhere = Signal(object)  # frozenset of kinds another connection committed (not our own)
    # The officer opens another roster: the last moment to act on this one. The `Leaving` handed over lets a
    # listener hold the switch until its work (the final backup, on the writer's worker) is done or given up.
    leaving_roster = Signal(object)
    reads_released = Signal()  # someone who may read signed in (issue 20): reads held meanwhile may run

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self._db: Roster | None = None
        self.previous: Roster | None = None  # the roster replaced last (closed), to close what still shows it
        self._followers: list[_Follower] = []
        self._front: QWidget | None = None
        self._writing = 0  # our writes under way (ui.operations)
        self._own: list[OwnCommit] = []  # what they committed, newest last
        self._held: list[Change] = []  # the watcher's news that came while one of our writes ran
        self.reads_held = False  # nobody may read the roster yet (issue 20): the pages stay stale, unread
        self.changed.connect(self._deliver)

    def open_roster(self) -> Roster | None:
        """The roster open now, None before one opens (what a page's reads are checked against)."""
        return self.workspace.db if self.workspace is not None else None

    def set_workspace(self, workspace: Workspace) -> None:
        """Hold `workspace` and relay what it tells (a change, a replaced roster) as signals."""
        self.workspace = workspace
        self._db = workspace.db
        workspace.on_changed.append(self.changed.emit)
        workspace.on_replaced.append(self._replaced)

    def replace_database(self, database: Roster) -> None:
        """Work on `database` from now on: the old one is closed, `workspace_changed` is emitted."""
        assert self.workspace is not None
        self.workspace.replace_database(database)

    def _replaced(self, workspace: Workspace) -> None:
        self.previous, self._db = self._db, workspace.db
        for follower in self._followers:
            follower.stale = True
        self.workspace_changed.emit(workspace)
        self._reload_front()

    def announce(self, kinds: frozenset[str] | None = None) -> None:
        """A change touched these kinds of records (None: any); the pages that show them reload."""
        if self.workspace is not None:
            self.workspace.notify(every_kind() if kinds is None else kinds)

    # --- our writes and the watcher's news ------------------------------------------------------

    def write_started(self, kinds: frozenset[str] | None) -> Callable[[OwnCommit | None], None]:
        """One of our writes starts; call the returned function with what it committed (None: it failed)
        when it ends: the kinds it declared and those of its audit entries are announced."""
        self._writing += 1
        done = False

        def finished(own: OwnCommit | None) -> None:
            nonlocal done
            if done or not shiboken6.isValid(self):
                return
            done = True
            self._writing -= 1
            if own is not None:
                self._own = [*self._own[-OWN_COMMITS_KEPT + 1:], own]
                self.announce((every_kind() if kinds is None else kinds) | own.kinds)
            if not self._writing:
                held, self._held = self._held, []
                for change in held:
                    self._consider(change)

        return finished

    def is_own(self, change: Change) -> bool:
        """Whether every audit entry behind `change` is one our writes committed (and announced)."""
        return bool(change.ids) and all(any(own.covers(entry) for own in self._own) for entry in change.ids)

    @Slot(object)
    def arrived(self, change: Change) -> None:
        """The watcher's news: another connection committed `change` (or we did: then it is not news)."""
        if self._writing:
            self._held.append(change)
        else:
            self._consider(change)

    def _consider(self, change: Change) -> None:
        if self.is_own(change):
            log.debug("the watcher saw our own commit of %d entries", change.entries)
            return
        self.changed_elsewhere.emit(change.kinds)

    # --- pages -------------------------------------------------------------------------------

    def follow(self, page: QWidget, kinds: frozenset[str], reload: Callable[[], None], *,
               filled: bool = False) -> None:
        """Keep `page` up to date: `reload()` when a change touches `kinds`, at once while it is in front,
        else when next brought to the front. A page not `filled` yet fills when first brought to the front."""
        self._followers.append(_Follower(page, kinds, reload, stale=not filled))
        page.destroyed.connect(lambda _obj=None, p=page: self._forget(p))

    def _forget(self, page: QWidget) -> None:
        self._followers = [f for f in self._followers if f.page is not page]
        if self._front is page:
            self._front = None

    def bring_to_front(self, page: QWidget) -> None:
        """`page` is the one the officer sees now: it reloads if a change touched it while it was away."""
        self._front = page
        self._reload_front()

    def is_stale(self, page: QWidget) -> bool:
        return any(f.stale for f in self._followers if f.page is page)

    @Slot(object)
    def _deliver(self, kinds: frozenset[str]) -> None:
        for follower in self._followers:
            if follower.kinds & kinds:
                follower.stale = True
        self._reload_front()

    def hold_reads(self, held: bool) -> None:
        """While held (a roster with accounts and nobody signed in who may search), no page reloads: a
        change only marks them stale; released, the page in front reads at once, the others when shown."""
        if held != self.reads_held:
            self.reads_held = held
            if not held:
                self.reads_released.emit()
            self._reload_front()

    def _reload_front(self) -> None:
        if self.reads_held:
            return
        for follower in list(self._followers):
            if follower.page is self._front and follower.stale:
                follower.stale = False
                follower.reload()


def hub_of(widget: QWidget | None) -> WorkspaceHub | None:
    """The hub of the window `widget` is shown in (through its parents), None for a widget on its own:
    for a dialog that runs a write through `ui.operations` with `hub=hub_of(self)`."""
    while widget is not None:
        hub = widget.findChild(WorkspaceHub, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if hub is not None:
            return hub
        widget = widget.parentWidget()
    return None


class OnWorkspace:
    """Mixed into a page (after its Qt class): `db` and `operator` are always those of the hub's workspace,
    so a replaced roster or another operator needs nothing done to the page but its reload."""

    hub: WorkspaceHub

    @property
    def workspace(self) -> Workspace:
        workspace = self.hub.workspace
        if workspace is None:
            raise RuntimeError("the window has no roster open yet")
        return workspace

    @property
    def db(self) -> Roster:
        return self.workspace.db

    @property
    def operator(self) -> str:
        return self.workspace.operator


class HoldsWorkspace:
    """Mixed into a dialog (after its Qt class) that is handed the window's `Workspace`: `db` and `operator`
    are always those of the roster open now. The window closes such a dialog when another roster opens
    (it shows records of the old one)."""

    workspace: Workspace

    @property
    def db(self) -> Roster:
        return self.workspace.db

    @property
    def operator(self) -> str:
        return self.workspace.operator


class _Watching:
    """The running watcher thread's stop switch (a plain object: safe to call while Qt objects are deleted)."""

    def __init__(self) -> None:
        self.database: Roster | None = None
        self.stop_event: threading.Event | None = None
        self.thread: threading.Thread | None = None
        self.baselined = threading.Event()  # the watcher took its baseline (or could not watch): set on its thread

    def stop(self, wait: bool = False) -> None:
        if self.stop_event is not None:
            self.stop_event.set()
        if wait and self.thread is not None:
            self.thread.join(_STOP_WAIT_S)
        self.database = self.stop_event = self.thread = None
        self.baselined = threading.Event()

    def on_destroyed(self, *_arguments: object) -> None:
        self.stop()

    def let_go(self, roster: object) -> None:
        """`roster`'s file is about to be swapped (`ui.operations.RosterSwaps`, on the swap's thread): the watcher
        of it closes its connection, which would keep the swap from holding the file (an encrypted roster's
        passphrase change was refused: "open in another window"); `follow` starts none on it meanwhile."""
        stop_event, thread = self.stop_event, self.thread
        if self.database is roster and stop_event is not None:
            stop_event.set()
            if thread is not None and thread is not threading.current_thread():
                thread.join(_STOP_WAIT_S)


class _FoundRelay(QObject):
    """What watcher threads emit on: owned by the application, so never deleted under a thread that emits
    (a window, and its `RosterChanges`, may be taken down while its watcher is handing over a change)."""

    found = Signal(object, object, object)  # (the _Watching that saw it, database, Change)


_found_relay: _FoundRelay | None = None


def _the_found_relay() -> _FoundRelay:
    global _found_relay
    if _found_relay is None or not shiboken6.isValid(_found_relay):
        _found_relay = _FoundRelay(QCoreApplication.instance())
    return _found_relay


class RosterChanges(QObject):
    """Emits `changed(Change)` when another connection commits changes to the watched roster."""

    changed = Signal(object)  # services.changes.Change

    def __init__(self, database: Callable[[], Roster | None], widget: QWidget) -> None:
        super().__init__(widget)
        self._database = database
        self._widget = widget
        self._watching = _Watching()
        self._relay = _the_found_relay()
        # Queued: the watcher thread emits on the relay, this object (on the GUI thread) hears it while it lives.
        self._relay.found.connect(self._deliver)
        widget.destroyed.connect(self._watching.on_destroyed)
        roster_swaps().holders.add(self._watching)
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
        """The roster watched, once the watcher has taken its baseline: what is committed from then on shows."""
        return self._watching.database if self._watching.baselined.is_set() else None

    @Slot()
    def follow(self) -> None:
        """Watch the window's database while the window is shown; nothing otherwise."""
        wanted = self._database() if self._widget.isVisible() else None
        if wanted is not None and roster_swaps().swapped(wanted):
            wanted = None  # its file is being replaced: the watcher of the new roster starts once it is open
        if wanted is self._watching.database:
            return
        self._watching.stop()
        if wanted is not None:
            from desktop_app.services.changes import can_watch

            if can_watch(wanted):
                self._start(wanted)

    def _start(self, database: Roster) -> None:
        stop = threading.Event()
        found, watching = self._relay.found, self._watching

        def on_change(change: Change) -> None:
            found.emit(watching, database, change)

        # The baseline (one indexed read; on PostgreSQL the LISTEN) is taken on the watcher's own thread, off the
        # GUI thread: what is committed from then on is seen, and its SQLite connection opens there too.
        from desktop_app.services.changes import ChangeWatcher

        baselined = self._watching.baselined

        def watch() -> None:
            try:
                watcher = ChangeWatcher(database)
            except Exception as exc:  # a server gone, a file locked away: the window works on without it
                log.warning("changes made elsewhere will not show by themselves: %s", type(exc).__name__)
                return  # not tried again until another roster opens
            finally:
                baselined.set()
            watcher.watch(on_change, stop)

        thread = threading.Thread(target=watch, name="roster-changes", daemon=True)
        self._watching.database, self._watching.stop_event, self._watching.thread = database, stop, thread
        thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._watching.stop(wait=True)

    @Slot(object, object, object)
    def _deliver(self, watching: _Watching, database: Roster, change: Change) -> None:
        # Another window's watcher, or a late word about a roster no longer open here: not ours.
        if watching is self._watching and database is self._watching.database:
            self.changed.emit(change)


def follow_changes(window: MainWindow) -> RosterChanges:
    """Hand what colleagues commit to the window's hub, keeping the roster's selection and scroll."""
    changes = RosterChanges(lambda: window.db, window)
    changes.changed.connect(window.hub.arrived)
    window.hub.changed_elsewhere.connect(lambda kinds: show_changes(window, kinds))
    return changes


def _still_shown(window: MainWindow) -> bool:
    """False once the window is being closed: a colleague's change may still be on its way to it."""
    return all(shiboken6.isValid(widget) for widget in (window, window.stack, window.roster, window.roster.table))


def show_changes(window: MainWindow, kinds: frozenset[str] | None = None) -> None:
    """The page in front reloads, the others when next shown; the roster keeps its selection and scroll."""
    if not _still_shown(window):
        return
    roster = window.roster
    table = roster.table
    selected = roster.selected_ids()
    current = roster.current_id()
    scrolled = table.verticalScrollBar().value()
    window.data_changed(kinds)
    if not _still_shown(window) or window.current_page() != "roster":
        return  # closed meanwhile: reloading a page may turn the event loop (a read waited for)
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
