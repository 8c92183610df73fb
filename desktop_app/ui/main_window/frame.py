"""The main window's frame: a sidebar of pages (dashboard, roster, households, lists, partners,
trash and audit), the status bar, the database it shows and the person actions behind its menus.

The package splits the window along its seams: `actions.py` (the menus and actions, in a
registry apart from the window), `layout.py` (what is remembered between sessions),
`host.py` (the `WindowHost` Protocol, all that feature modules see) and `features.py` (the
feature modules installed once the window is complete).

The open roster and the operator are one `Workspace`, held by `window.hub` (a
`ui.workspace_signals.WorkspaceHub`): `window.db` and `window.operator` read it. A roster
replaced (File > Open, a restore, an encryption) is `hub.workspace_changed`; a change is
`hub.changed(kinds)`, and each page, subscribed with `hub.follow`, reloads itself.

The window is built in two steps so that it can paint before the database layer is loaded:
`MainWindow(None, ...)` is the frame (sidebar, menus, the roster page, which can show a first
page of rows read with plain sqlite3), and `complete(db)` builds the other pages and installs
the features once the database is open. `MainWindow(db, ...)` does both at once. The services,
pages and dialogs (SQLAlchemy behind them) are therefore imported where they are used.

    window = MainWindow(None, "A. Officer", Preferences())
    window.show()
    window.complete(database)
    window.actions["newPerson"].trigger()
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop_app import APP_NAME, __version__
from desktop_app.domain.errors import RosterError
from desktop_app.domain.status import Status
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.i18n import install_language
from desktop_app.ui.main_window import layout
from desktop_app.ui.main_window.actions import ActionRegistry, PageActions, build_window_actions
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.roster_page import RosterPage
from desktop_app.ui.workspace_signals import WorkspaceHub

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # an annotation only: the type costs the first paint 2 ms

    from desktop_app.services.demo import DemoSummary
    from desktop_app.services.settings import MissionSettings
    from desktop_app.services.workspace import Roster, Workspace
    from desktop_app.ui.operations import PendingOperation, Progress
    from desktop_app.ui.pages.dashboard import DashboardPage
    from desktop_app.ui.pages.households import HouseholdsPage
    from desktop_app.ui.pages.lists import ListsPage
    from desktop_app.ui.pages.partners import PartnersPage
    from desktop_app.ui.pages.trash_audit import TrashAuditPage
    from desktop_app.ui.person import PersonEdit, PersonEditor

log = logging.getLogger(__name__)

DEMO_HOUSEHOLDS = 300
NAVIGATION_PADDING = 4  # pixels around a sidebar entry's text
F = TypeVar("F")


def _readable(db: Roster) -> bool:
    """Whether the pages may read `db` as it opens: no accounts, or someone signed in who may search."""
    from desktop_app.domain.roles import Permission
    from desktop_app.services import accounts

    return accounts.may(db, Permission.SEARCH)


@dataclass(frozen=True)
class OpenedRoster:
    """A roster opened off the GUI thread for the window, with what its opening reads (`open_for_window`)."""

    database: Roster
    staffed: bool  # it has accounts: nobody reads it before someone signs in (issue 20)
    account: str | None  # who is signed in on it already (its server login's account), else None
    mission: MissionSettings


def open_for_window(target: str, operator: str, passphrase: str | None, create: bool = True,
                    on_upgrade: Callable[[Path | None], None] | None = None) -> OpenedRoster:
    """Open the roster at `target` and read what the window needs before it shows it (for a worker: no Qt);
    the roster is closed again if a read fails. `on_upgrade(backup)`: it is about to be backed up and upgraded."""
    from desktop_app.services import accounts
    from desktop_app.services.settings import load_mission
    from desktop_app.services.workspace import open_roster

    database = open_roster(target, operator=operator, passphrase=passphrase, create=create, on_upgrade=on_upgrade)
    try:
        staffed = accounts.has_accounts(database)
        signed = (accounts.signed_in(database) or accounts.sign_in_by_server_login(database)) if staffed else None
        return OpenedRoster(database, staffed, signed.name if signed is not None else None, load_mission(database))
    except BaseException:
        database.close()
        raise


class _Opening:
    """A roster on its way into the window (`switch_database`): the window-modal box saying so, whose Cancel gives
    the open up, the pages' reads held, and the roster opened until the window takes it (closed otherwise)."""

    def __init__(self, window: MainWindow, target: str, finish: Callable[[bool], None]) -> None:
        from PySide6.QtWidgets import QProgressDialog, QPushButton

        class OpeningBox(QProgressDialog):
            """Escape is the box's Cancel while it has one (it hid the box and the window took input again, the
            roster coming in all the same), and does nothing while the roster left is backed up (the waiting
            window's Cancel gives that up)."""

            cancellable = True

            def reject(self) -> None:
                if self.cancellable:
                    self.canceled.emit()

        self.window = window
        self.target = target
        self._finish: Callable[[bool], None] | None = finish
        self.database: Roster | None = None  # opened, not yet the window's
        self.left: Roster | None = None  # the roster open, once it is being left (its final backup)
        self.given_up = False
        self._reads_held = window.hub.reads_held
        window.hub.hold_reads(True)
        self.create = True  # a roster that is not there is made (New), else refused (Open, Recent, a file sent)
        # A file by its name (a long folder cut the name off in the box), the whole path in its tooltip.
        shown = self.shown = target if "://" in target else Path(target).name or target
        self.box = OpeningBox(QCoreApplication.translate("MainWindow", "Opening %1…").replace("%1", shown),
                                   QCoreApplication.translate("MainWindow", "Cancel"), 0, 0, window)
        self.box.setToolTip(target)
        self.box.setObjectName("openingRoster")
        self.box.setWindowTitle(QCoreApplication.translate("MainWindow", "Opening a roster"))
        self.box.setWindowModality(Qt.WindowModality.WindowModal)  # no input reaches the window meanwhile
        self.box.setAutoClose(False)
        self.box.setAutoReset(False)
        self.box.setMinimumDuration(0)
        self.box.canceled.connect(self.give_up)
        for button in self.box.findChildren(QPushButton):
            # Not the default: Enter pressed twice, the second landing here after File > Open's dialog, gave it up.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.box.show()

    def give_up(self) -> None:
        """Cancel: the roster being opened is closed once its opening answers; the roster open stays."""
        self.given_up = True
        if shiboken6.isValid(self.box):
            self.box.setLabelText(QCoreApplication.translate("MainWindow", "Cancelling…"))

    def upgrading(self, _backup: object) -> None:
        """The roster is being upgraded to this version (backed up first), which a large one takes minutes to.
        Cancel is off meanwhile: the upgrade (one transaction) is not stopped half-way, and a roster given up
        would stay held by it, the box saying "Cancelling…" all the same until it is done."""
        from PySide6.QtGui import QShortcut
        from PySide6.QtWidgets import QPushButton

        if not shiboken6.isValid(self.box):
            return
        if self.given_up:  # Cancel pressed before the upgrade began: it is given up once the upgrade is done
            self.box.setLabelText(QCoreApplication.translate(
                "MainWindow", "Cancelling once %1 is upgraded to this version of Mission Roster (a large roster can "
                "take several minutes); the roster open stays.").replace("%1", self.shown))
            return
        self.box.setLabelText(QCoreApplication.translate(
            "MainWindow", "Upgrading %1 to this version of Mission Roster. A backup is taken first; a large roster "
            "can take several minutes.").replace("%1", self.shown))
        self.box.cancellable = False  # type: ignore[attr-defined]  # Escape does nothing
        for shortcut in self.box.findChildren(QShortcut):  # the box's own Escape, which Cancel being off leaves on
            shortcut.setEnabled(False)
        for button in self.box.findChildren(QPushButton):
            button.setEnabled(False)
            button.setToolTip(QCoreApplication.translate(
                "MainWindow", "An upgrade is not stopped half-way: the roster opens once it is done."))

    def leaving(self) -> QWidget:
        """The roster open is being backed up: its waiting window (Cancel) shows over this box."""
        self.box.setLabelText(QCoreApplication.translate("MainWindow", "Backing up the roster open before %1 opens…")
                              .replace("%1", self.target))
        self.box.setCancelButton(None)  # type: ignore[arg-type]  # the backup's own Cancel gives it up
        self.box.cancellable = False  # type: ignore[attr-defined]  # and Escape does nothing
        return self.box

    def hide(self) -> None:
        self.box.hide()

    def show(self) -> None:
        self.box.show()

    def end(self, switched: bool, *, tell: bool = True) -> None:
        """Done (`switched`) or given up: a roster opened and not taken is closed, the window answers again."""
        database, self.database = self.database, None
        if database is not None:
            database.close()  # nothing of it was shown: no statement, the connections let go
        if self.left is not None:
            from desktop_app.ui.operations import leave_roster

            leave_roster(self.left, False)  # open still (given up), or replaced (a replaced roster's writes give up)
        window = self.window
        if shiboken6.isValid(window):
            if window.opening is self:
                window.opening = None
                window.hub.hold_reads(self._reads_held)
            if shiboken6.isValid(self.box):
                self.box.hide()
                self.box.deleteLater()
        if tell:
            self.told(switched)

    def told(self, switched: bool) -> None:
        finish, self._finish = self._finish, None
        if finish is not None:
            finish(switched)


class MainWindow(QMainWindow):
    ready = Signal()  # the workspace is complete: every page and feature is there

    dashboard: DashboardPage
    households: HouseholdsPage
    lists: ListsPage
    partners: PartnersPage
    trash: TrashAuditPage

    def __init__(self, db: Roster | None, operator: str, preferences: Preferences,
                 parent: QWidget | None = None) -> None:
        """The whole window on `db`; with None, the frame only, waiting for `complete(db)`."""
        install_language(preferences.language)  # before any text is built; a change applies on the next window
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.hub = WorkspaceHub(self)
        self.completed = False  # every page and feature built (`complete`)
        self.open_failed = False  # the database could not be opened after the first paint
        self._operator = operator  # until the workspace holds it
        self.preferences = preferences
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.tasks: list[PendingOperation] = []
        self.pending: PendingOperation | None = None  # the last write the window started (ui.operations)
        self.opening: _Opening | None = None  # a roster on its way in (File > Open), until it is open or given up
        self._mission: tuple[Roster, MissionSettings] | None = None  # the roster's mission as last read (`mission_of`)
        self._staffed: tuple[Roster, bool] | None = None  # whether it has accounts, read with File > Open's opening

        # Pages: a sidebar on the left, the current page on the right (Ctrl+1..9 switch).
        self.pages: dict[str, QWidget] = {}
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        larger = self.navigation.font()  # a font and item heights, not a style sheet (~5 ms of the first paint)
        larger.setPointSizeF(11)
        self.navigation.setFont(larger)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pageStack")
        self.navigation.currentRowChanged.connect(self._page_chosen)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCentralWidget(self.splitter)

        # The frame: the roster page and a stand-in for each page that `complete` builds.
        # Follows the hub's workspace; a roster nobody may read yet (issue 20) is attached once someone signs in.
        self.roster = RosterPage(db if db is None or _readable(db) else None, self, hub=self.hub)
        for name, title in (("dashboard", self.tr("Dashboard")), ("roster", self.tr("Roster")),
                            ("households", self.tr("Households")), ("lists", self.tr("Evacuation lists")),
                            ("partners", self.tr("Partners and liaison log")), ("trash", self.tr("Trash and audit"))):
            self.add_page(name, title, self.roster if name == "roster" else QWidget(self))
        self.navigation.setCurrentRow(self.stack.indexOf(self.roster))
        self.roster.person_activated.connect(self.edit_person)

        self.db_label = QLabel(self)
        self.db_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.db_label)
        self.recent_menu: QMenu
        # Shadows QWidget.actions() on purpose, as Picard's window does: the registry is what features use.
        self.actions: ActionRegistry = build_window_actions(self)  # type: ignore[assignment]
        self.page_actions = PageActions(self, self.actions.menu("View"))
        self._features: dict[type, object] = {}
        layout.restore_frame(self)
        if db is not None:
            self.complete(db)

    @property
    def workspace(self) -> Workspace | None:
        """The open roster and its operator (None until `complete`)."""
        return self.hub.workspace

    @property
    def db(self) -> Roster | None:
        workspace = self.hub.workspace
        return workspace.db if workspace is not None else None

    @property
    def operator(self) -> str:
        workspace = self.hub.workspace
        return workspace.operator if workspace is not None else self._operator

    @property
    def starts_on_roster(self) -> bool:
        """Whether the page remembered from the last session is the roster."""
        return layout.remembered_page(self) == "roster"

    def complete(self, db: Roster) -> None:
        """Open the workspace on `db`: the other pages, the features, the remembered page."""
        from desktop_app.services import changes
        from desktop_app.services.workspace import Workspace
        from desktop_app.ui.main_window.features import install_features
        from desktop_app.ui.pages.dashboard import DashboardPage
        from desktop_app.ui.pages.households import HouseholdsPage
        from desktop_app.ui.pages.lists import ListsPage
        from desktop_app.ui.pages.partners import PartnersPage
        from desktop_app.ui.pages.trash_audit import TrashAuditPage
        from desktop_app.ui.workspace_signals import follow_changes

        self.hub.set_workspace(Workspace(db, self._operator))
        self.hub.workspace_changed.connect(self._roster_replaced)
        self._hold_reads_until_signed_in()
        if not self.roster.model.attached and not self.hub.reads_held:
            self.roster.attach(db)
        self.hub.follow(self.roster, frozenset({changes.PERSONS, changes.HOUSEHOLDS, changes.LISTS,
                                                changes.OPERATIONS}), self._reload_roster,
                        filled=self.roster.model.attached)
        hub = self.hub
        self.dashboard = DashboardPage(hub, self)
        self.households = HouseholdsPage(hub, self)
        self.lists = ListsPage(hub, self.roster.selected_ids, self.roster.model.when_complete, self)
        self.partners = PartnersPage(hub, self)
        self.trash = TrashAuditPage(hub, self)
        for name, page in (("dashboard", self.dashboard), ("households", self.households), ("lists", self.lists),
                           ("partners", self.partners), ("trash", self.trash)):
            self._replace_page(name, page)
        self.households.person_activated.connect(self.edit_person)
        self.lists.person_activated.connect(self.edit_person)
        self.dashboard.status_chosen.connect(self._show_status_in_roster)
        self.households.changed.connect(lambda: self.data_changed(frozenset({changes.HOUSEHOLDS, changes.PERSONS})))
        self.lists.changed.connect(lambda: self.data_changed(frozenset({changes.LISTS, changes.PERSONS})))
        self.partners.changed.connect(lambda: self.data_changed(frozenset({changes.PARTNERS, changes.LIAISON})))
        self.trash.restored.connect(lambda _id: self.data_changed(frozenset({changes.PERSONS})))
        install_features(self)
        self._show_database()
        layout.restore_pages(self)  # the other pages fill in when first shown: start-up stays quick
        self.roster_changes = follow_changes(self)  # what colleagues commit shows without a reload
        self.completed = True
        self.ready.emit()

    # --- pages ---------------------------------------------------------------------------------

    def add_page(self, name: str, title: str, widget: QWidget) -> None:
        """Add a page to the sidebar; `name` is its stable key in `window.pages`, `title` what the user reads."""
        if name in self.pages:
            raise ValueError(f"a page named {name!r} exists already")
        widget.setParent(self.stack)
        self.pages[name] = widget
        self.stack.addWidget(widget)
        item = QListWidgetItem(title, self.navigation)
        item.setData(Qt.ItemDataRole.UserRole, name)
        metrics = self.navigation.fontMetrics()
        item.setSizeHint(QSize(metrics.horizontalAdvance(title) + 2 * NAVIGATION_PADDING,
                               metrics.height() + 3 * NAVIGATION_PADDING))
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)

    def _replace_page(self, name: str, widget: QWidget) -> None:
        old = self.pages[name]
        widget.setParent(self.stack)
        self.stack.insertWidget(self.stack.indexOf(old), widget)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.pages[name] = widget

    def show_page(self, name: str) -> QWidget:
        """Bring the page named `name` to the front and return it."""
        widget = self.pages[name]
        row = self.stack.indexOf(widget)
        if self.navigation.currentRow() == row:
            self._page_chosen(row)  # already current: still fill it if it is stale
        else:
            self.navigation.setCurrentRow(row)
        return widget

    def current_page(self) -> str:
        return next(name for name, widget in self.pages.items() if widget is self.stack.currentWidget())

    def chosen_list_id(self) -> int | None:
        """The list chosen on the Lists page while that page is in front (WindowHost)."""
        if not self.completed or self.current_page() != "lists" or self.lists.current is None:
            return None
        return self.lists.current.id

    # --- features (WindowHost) -----------------------------------------------------------------

    def add_feature(self, feature: object) -> None:
        """Keep a feature's object for the window's lifetime; `feature(type)` finds it again."""
        if type(feature) in self._features:
            raise ValueError(f"a {type(feature).__name__} was added already")
        self._features[type(feature)] = feature

    def feature(self, kind: type[F]) -> F:
        found = self._features[kind]
        assert isinstance(found, kind)
        return found

    @Slot(int)
    def _page_chosen(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self.hub.bring_to_front(self.stack.currentWidget())  # a page changed while away reloads now

    def _hold_reads_until_signed_in(self) -> None:
        """A roster with accounts: signed in by the server login if one maps, else no page reads it until
        someone who may search signs in (ui.accounts asks, and releases the hub's reads)."""
        from desktop_app.domain.roles import Permission
        from desktop_app.services import accounts

        workspace = self.hub.workspace
        assert workspace is not None
        if workspace.account is None and accounts.has_accounts(workspace.db):
            workspace.sign_in_by_server_login()
        self.hub.hold_reads(not accounts.may(workspace.db, Permission.SEARCH))

    def _reload_roster(self) -> None:
        if not self.roster.model.attached and self.db is not None:  # opened before anyone signed in
            self.roster.attach(self.db)
            return
        self.roster.fill_filter_choices()
        self.roster.model.refresh()

    def data_changed(self, kinds: frozenset[str] | None = None) -> None:
        """A change touched these kinds of records (None: any): the page in front that shows them reloads
        now, the others when next shown."""
        self.hub.announce(kinds)

    # --- menus and pages' actions -------------------------------------------------------------

    def shortcut_table(self) -> list[tuple[str, str]]:
        """Every action with a shortcut and the screens' own keys, for the Help menu's list."""
        from desktop_app.ui.main_window.actions import screen_shortcuts

        return self.actions.shortcut_table(screen_shortcuts())

    @property
    def menus(self) -> dict[str, QMenu]:
        """The menus by name (a copy: add menus through `actions.add_menu`)."""
        return self.actions.menus

    @property
    def undo_action(self) -> QAction:
        return self.actions["undo"]

    @property
    def roster_context_actions(self) -> list[QAction | None]:
        return self.actions.roster_actions

    @Slot()
    def next_person(self) -> None:
        self.roster.move_current(1)

    @Slot()
    def previous_person(self) -> None:
        self.roster.move_current(-1)

    # --- database ------------------------------------------------------------------------------

    def _show_database(self) -> None:
        """The roster's name in the title and the status bar, and the mission the pages parse phone numbers
        with: read with the roster's opening when it was (File > Open), else off the GUI thread now."""
        db = self.db
        assert db is not None
        self.db_label.setText(self.tr("%1   ·   operator: %2").replace("%1", db.target.label)
                              .replace("%2", self.operator))
        self.preferences.add_recent(str(db.target.path or db.target.url))
        # Where the file lies (a OneDrive folder, a network share, a writer note left over): said once
        # in a box that does not stop the work, and kept on the roster's label (its tooltip).
        warnings = [translated(warning) for warning in db.warnings]
        self.db_label.setToolTip("\n\n".join(warnings))
        if warnings:
            self.db_label.setText("⚠ " + self.db_label.text())
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "\n\n".join(warnings), QMessageBox.StandardButton.Ok,
                              self)
            box.setObjectName("locationWarning")
            box.setWindowModality(Qt.WindowModality.NonModal)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.show()
        known = self.mission_of(db)
        if known is not None:
            self._show_mission(db, known)
            return
        from desktop_app.services.settings import load_mission
        from desktop_app.ui.operations import run_read

        self.setWindowTitle(f"{APP_NAME} — {db.target.label}")  # the mission's name once read
        run_read(self, lambda: load_mission(db), lambda mission: self._show_mission(db, mission))

    def mission_of(self, db: Roster | None) -> MissionSettings | None:
        """The mission of `db` as read when it opened or since (None when not read yet: ask it off the GUI
        thread), for what shows it (the title, the demonstration mark)."""
        known = self._mission
        return known[1] if known is not None and db is not None and known[0] is db else None

    def staffed_of(self, db: Roster | None) -> bool | None:
        known = self._staffed
        return known[1] if known is not None and db is not None and known[0] is db else None

    def _show_mission(self, db: Roster, mission: MissionSettings) -> None:
        if self.db is not db:
            return  # read for a roster replaced meanwhile
        self._mission = (db, mission)
        self.setWindowTitle(f"{APP_NAME} — {mission.mission_name or db.target.label}")
        if self.completed:
            self.partners.phone_region = mission.phone_region

    def switch_database(self, target: str, passphrase: str | None = None,
                        then: Callable[[bool], None] | None = None, *, create: bool = True) -> None:
        """Work on the roster at `target` from now on, asking an encrypted one's passphrase unless given.

        The roster opens on a worker of its own (`operations.run_opening`: the connection, the migrations' check,
        whether it has accounts, the mission), the window painting and answering meanwhile behind a window-modal
        "Opening" box whose Cancel gives the open up; its pages read nothing until then. Back on the GUI thread,
        its sign-in is asked where needed, the roster open is backed up on the writer's worker
        (`hub.leaving_roster`), then replaced. `then(switched)` runs once it is done or refused; an error is told
        and the roster open stays. A second open while one is on its way is refused (told), so that two rosters
        never open at once.
        """
        finish = then or (lambda _switched: None)
        if self.opening is not None:
            show_error(self, RosterError(self.tr("%1 is still being opened; open another roster once it is open.")
                                         .replace("%1", self.opening.target)))
            finish(False)
            return
        if passphrase is None:
            from desktop_app.ui.protection import ask_passphrase, needs_passphrase

            if needs_passphrase(target):
                passphrase = ask_passphrase(self, target, self.operator)
                if passphrase is None:
                    finish(False)
                    return
        self.opening = _Opening(self, target, finish)
        self.opening.create = create
        self._open_on_worker(self.opening, passphrase)

    def _open_on_worker(self, opening: _Opening, passphrase: str | None) -> None:
        from desktop_app.ui.operations import run_opening

        operator = self.operator
        target = opening.target
        # No parent: the answer comes even when the window was closed meanwhile, and the roster opened is closed.
        create = opening.create
        pending = run_opening(None, lambda tell: open_for_window(target, operator, passphrase, create, tell),
                              lambda opened: self._opened(opening, opened),
                              lambda exc: self._not_opened(opening, exc, passphrase), opening.upgrading)
        pending.finished.connect(pending.deleteLater)

    def _given_up(self, opening: _Opening) -> bool:
        """Whether `opening` was given up (Cancel, the window closed, or another open took its place)."""
        return opening.given_up or not shiboken6.isValid(self) or self.opening is not opening

    def _opened(self, opening: _Opening, opened: OpenedRoster) -> None:
        opening.database = opened.database
        if self._given_up(opening):
            opening.end(False)
            return
        account: str | None = opened.account
        if opened.staffed and account is None:
            opening.hide()
            account = self._ask_sign_in(opened.database)
            opening.show()
            if opening.given_up or not shiboken6.isValid(self):
                opening.end(False)
                return
            if account is None:  # Cancel: the roster open stays
                opening.end(False)
                return
        from desktop_app.ui.operations import leave_roster
        from desktop_app.ui.workspace_signals import Leaving

        opening.left = self.db
        if opening.left is not None:
            leave_roster(opening.left, True)  # its writes still waiting for a colleague are given up
        leaving = Leaving(lambda leave: self._leave_for(opening, opened, account, leave), opening.leaving(),
                          opening.target)
        self.hub.leaving_roster.emit(leaving)  # the last moment to act on the roster being left (a final backup)
        leaving.asked()

    def _leave_for(self, opening: _Opening, opened: OpenedRoster, account: str | None, leave: bool) -> None:
        if not leave or self._given_up(opening):
            opening.end(False)
            return
        database = opening.database
        assert database is not None
        opening.database = None  # the window's from now on
        opening.end(True, tell=False)  # the pages' reads as they were, before the new roster's gate applies
        self._mission = (database, opened.mission)
        self._staffed = (database, opened.staffed)
        self.hub.replace_database(database)
        if account and self.hub.workspace is not None:
            self.hub.workspace.set_operator(account)
        log.info("switched database")
        opening.told(True)

    def _not_opened(self, opening: _Opening, exc: BaseException, passphrase: str | None) -> None:
        from desktop_app.ui.protection import WrongPassphrase, ask_passphrase

        if self._given_up(opening):
            log.info("a roster given up (or its window closed) did not open: %s", type(exc).__name__)
            opening.end(False)
            return
        if isinstance(exc, WrongPassphrase) and passphrase is not None:
            log.info("wrong passphrase at open")
            opening.hide()
            again = ask_passphrase(self, opening.target, self.operator, wrong=True)
            if again is not None and not opening.given_up and self.opening is opening:
                opening.show()
                self._open_on_worker(opening, again)
                return
            opening.end(False)
            return
        opening.end(False)
        show_error(self, exc)

    def _ask_sign_in(self, database: Roster) -> str | None:
        """Who signs in on another roster with accounts, asked before it replaces the one open, so that its
        pages read nothing before (issue 20): the account's name, None when cancelled."""
        from desktop_app.services.workspace import Workspace
        from desktop_app.ui.accounts.sign_in import SignInDialog

        dialog = SignInDialog(Workspace(database, self.operator), self)
        try:
            return dialog.account.name if dialog.exec() and dialog.account is not None else None
        finally:
            dialog.deleteLater()

    @Slot(object)
    def _roster_replaced(self, workspace: Workspace) -> None:
        """Another roster (or the same one afresh): nothing of the old one stays on screen."""
        from PySide6.QtWidgets import QDialog

        from desktop_app.ui.undo_commands import clear_stack

        old = self.hub.previous
        clear_stack(self.undo_stack)  # not under an undo that waits for the lock (it would be deleted mid-run)
        for dialog in self.findChildren(QDialog):  # a screen left open about the roster being closed goes too
            # A dialog holding the workspace would act on the new roster with the old one's record ids.
            if getattr(dialog, "db", None) is old or getattr(dialog, "workspace", None) is workspace:
                dialog.close()
        self._show_database()

    @Slot()
    def new_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, self.tr("New roster database"), str(Path.home() / "roster.db"),
                                              self.tr("Roster databases (*.db)"))
        if path:
            if Path(path).exists():
                show_error(self, RosterError(self.tr("%1 already exists; use Open to open it.").replace("%1", path)))
                return
            self.open_locked(path)

    @Slot()
    def open_database_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open roster database"), str(Path.home()),
                                              self.tr("Roster databases (*.db);;All files (*)"))
        if path:
            self.open_locked(path, create=False)  # gone meanwhile: refused, not made anew

    def open_locked(self, target: str, then: Callable[[bool], None] | None = None, *, create: bool = True) -> None:
        """`switch_database` holding the roster's lock: a roster open in another window is refused (ui.instance).
        The roster opens off the GUI thread; `then(switched)` once it is open or refused (told)."""
        from desktop_app.ui.instance import switch_locked

        try:
            switch_locked(self, target, then, create=create)
        except RosterError as exc:
            show_error(self, exc)

    @Slot()
    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for target in self.preferences.recent_databases:
            action = self.recent_menu.addAction(target)
            # a roster since moved away is refused, not made anew (empty) where it was
            action.triggered.connect(lambda _checked=False, t=target: self.open_locked(t, create=False))

    @Slot()
    def fill_demo(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        count, ok = QInputDialog.getInt(self, self.tr("Demonstration data"),
                                        self.tr("Households to invent (about 3.6 persons each):"),
                                        DEMO_HOUSEHOLDS, 1, 100_000, 50)
        if ok:
            self.start_demo_fill(count)

    def start_demo_fill(self, households: int) -> PendingOperation:
        """Fill the roster with invented households off the GUI thread, with progress and cancel."""
        from desktop_app.services import demo
        from desktop_app.ui.operations import run_in_background

        db, operator = self.db, self.operator
        assert db is not None

        def fill(progress: Progress) -> DemoSummary:
            return demo.fill_demo(db, households=households, operator=operator, progress=progress)

        def done(summary: DemoSummary) -> None:
            self.statusBar().showMessage(self.tr("Added %1 persons in %2 households.")
                                         .replace("%1", f"{summary.persons:,}")
                                         .replace("%2", f"{summary.households:,}"), 8000)

        task = run_in_background(self, self.tr("Filling with demonstration data"), fill, done, hub=self.hub)
        self.tasks.append(task)
        task.finished.connect(lambda: self.tasks.remove(task))
        return task

    # --- persons ---------------------------------------------------------------------------------

    @property
    def phone_region(self) -> str | None:
        """The mission's host country, as read with the roster's opening or since (Settings); read off the GUI
        thread, the window answering, in the moment before that first read has answered."""
        db = self.db
        assert db is not None
        known = self.mission_of(db)
        if known is not None:
            return known.phone_region
        from desktop_app.services.settings import load_mission
        from desktop_app.ui.operations import run_read

        read: list[MissionSettings] = []
        refused: list[BaseException] = []
        run_read(self, lambda: load_mission(db), read.append, refused.append).wait()
        if refused:
            raise refused[0]
        if read and self.db is db:
            self._show_mission(db, read[0])
        return read[0].phone_region if read else None

    def open_editor(self, person_id: int | None) -> PersonEditor:
        from desktop_app.ui.person import PersonEditor

        editor = PersonEditor(self.db, self.operator, person_id, phone_region=self.phone_region, parent=self,
                              hub=self.hub)
        editor.saved.connect(self._person_saved)
        editor.edited.connect(self._person_edited)
        editor.status_changed.connect(self._status_changed)
        editor.navigate.connect(self._editor_navigate)
        return editor

    def _still_on(self, db: Roster | None) -> bool:
        """Whether `db` is still the roster open: a slot that waited for a read (the event loop turning) may
        find another roster opened meanwhile, and must then offer nothing read from the old one."""
        if db is not None and self.db is db:
            return True
        log.info("another roster opened while a read for the old one was on its way; its answer is dropped")
        return False

    def _show_editor(self, editor: PersonEditor, modal: bool = True) -> None:
        """Show an editor that has read its person (the event loop turning meanwhile), unless another
        roster opened or another officer signed in meanwhile: then it is dropped (it holds what the officer
        who asked may read, and would save under their name)."""
        if not self._still_on(editor.db):
            editor.deleteLater()
        elif editor.operator != self.operator:
            log.info("another officer signed in while a person was being read for the one before; dropped")
            editor.deleteLater()
        elif modal:
            editor.exec()
        else:
            editor.open()

    @Slot()
    def new_person(self) -> None:
        self._show_editor(self.open_editor(None))

    @Slot(int)
    def edit_person(self, person_id: int) -> None:
        self._show_editor(self.open_editor(person_id))

    @Slot()
    def edit_current(self) -> None:
        person_id = self.roster.current_id()
        if person_id is not None:
            self.edit_person(person_id)

    def _editor_navigate(self, person_id: int, step: int) -> None:
        self.roster.select_person(person_id)
        next_id = self.roster.move_current(step)
        if next_id is not None and next_id != person_id:
            self._show_editor(self.open_editor(next_id), modal=False)

    @Slot(int)
    def _person_saved(self, person_id: int) -> None:
        # The save ran through ui.operations, whose hub announced it: the pages reloaded once already.
        self.roster.select_person(person_id)

    def _person_edited(self, edit: PersonEdit) -> None:
        from desktop_app.ui.undo_commands import EditPersonCommand

        assert self.workspace is not None
        self.undo_stack.push(EditPersonCommand(self.workspace, edit.person_id, edit.case_ref, edit.before,
                                               edit.after, edit.version_after, self, self._undone))

    def _status_changed(self, person_id: int, case_ref: str, old: str, new: str) -> None:
        from desktop_app.ui.undo_commands import StatusCommand

        assert self.workspace is not None
        self.undo_stack.push(StatusCommand(self.workspace, person_id, case_ref, Status(old), Status(new), self,
                                           self._undone))

    def _undone(self, person_id: int) -> None:
        """After an undo or redo: the roster and the pages show the result."""
        self.data_changed()
        if self.current_page() != "roster":
            self._reload_roster()  # the person is selected on the roster, which is not in front
        self.roster.select_person(person_id)

    @Slot()
    def change_status_of_current(self) -> None:
        from PySide6.QtWidgets import QDialog

        from desktop_app.services import persons
        from desktop_app.services.persons import PersonView
        from desktop_app.ui.latest_read import opening_once
        from desktop_app.ui.operations import run_read
        from desktop_app.ui.person import StatusDialog

        person_id, db, operator = self.roster.current_id(), self.db, self.operator
        if person_id is None or db is None:
            return
        with opening_once(self, "statusDialog") as first:
            if not first:  # Ctrl+T again while the person is read: a second screen would show the status before
                return
            found: list[PersonView] = []
            run_read(self, lambda: persons.get_person(db, person_id), found.append).wait()  # the window answers
            if not found or not self._still_on(db):
                return  # the read failed (and said why), or was of a roster no longer open
            if self.operator != operator:  # read for the officer before a switch of user: not theirs to see
                log.info("another officer signed in while a person was being read for the one before; dropped")
                return
            person = found[0]
            dialog = StatusDialog(db, self.operator, person, self, hub=self.hub)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.new_status is not None:
                self._status_changed(person.id, person.case_ref, person.status, dialog.new_status)

    @Slot()
    def delete_current(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.services import persons
        from desktop_app.services.changes import PERSONS
        from desktop_app.ui.operations import run_write
        from desktop_app.ui.undo_commands import DeleteCommand

        ids = self.roster.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, self.tr("Move to trash"),
                                      self.tr("Move %n person(s) to the trash? They can be restored from the trash "
                                              "(or with Undo).", "", len(ids)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, operator, workspace = self.db, self.operator, self.workspace
        assert db is not None and workspace is not None

        def delete() -> tuple[list[tuple[int, str]], RosterError | None]:
            moved: list[tuple[int, str]] = []
            try:
                for person_id in ids:
                    moved.append((person_id, persons.delete_person(db, person_id, operator=operator).case_ref))
            except RosterError as exc:  # those moved before stay moved, and undoable
                return moved, exc
            return moved, None

        def deleted(result: tuple[list[tuple[int, str]], RosterError | None]) -> None:
            moved, refused = result
            if workspace.db is not db:  # another roster opened while it ran: its undo does not belong there
                log.info("a delete finished after its roster was replaced; its undo entry is dropped")
                return
            if moved:
                self.undo_stack.beginMacro(self.tr("Move %n person(s) to the trash", "", len(moved)))
                for person_id, case_ref in moved:
                    self.undo_stack.push(DeleteCommand(workspace, person_id, case_ref, self, self._undone))
                self.undo_stack.endMacro()
            if refused is not None:
                show_error(self, refused)

        self.pending = run_write(self, self.hub, self.tr("Moving to the trash"), delete, deleted,
                                 kinds=frozenset({PERSONS}))

    @Slot()
    def add_selection_to_list(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from desktop_app.services import lists
        from desktop_app.services.changes import LISTS, PERSONS
        from desktop_app.services.lists import ListSummary
        from desktop_app.ui.latest_read import _still_asked_of, opening_once
        from desktop_app.ui.operations import run_read, run_write

        ids, db = self.roster.selected_ids(), self.db
        if not ids or db is None:
            return
        with opening_once(self, "addToList") as first:
            if not first:  # pressed again while the lists are read: a second choice would add the persons twice
                return
            same = _still_asked_of(self.hub.open_roster)  # the roster and the officer who asked
            found: list[list[ListSummary]] = []
            run_read(self, lambda: lists.all_lists(db), found.append).wait()  # the window answers meanwhile
            if not found or not self._still_on(db) or not same():
                return  # the read failed (and said why), or was of a roster no longer open or another officer's
            summaries = [s for s in found[0] if s.state != "closed"]
            if not summaries:
                show_error(self, RosterError(self.tr("There is no open evacuation list yet: create one on the "
                                                     "Evacuation lists page.")))
                return
            names = [s.name for s in summaries]
            name, ok = QInputDialog.getItem(self, self.tr("Add to list"),
                                            self.tr("Add %n person(s) to the list:", "", len(ids)), names,
                                            len(names) - 1, False)
            if not ok or not self._still_on(db) or not same():
                return  # another officer signed in while the choice was open: not theirs to make
        chosen = summaries[names.index(name)]
        operator = self.operator

        def added(count: int) -> None:
            self.statusBar().showMessage(self.tr("%1 added to %2.").replace("%1", str(count)).replace("%2", name),
                                         6000)

        self.pending = run_write(self, self.hub, self.tr("Adding to the list"),
                                 lambda: lists.add_members(db, chosen.id, ids, operator=operator), added,
                                 kinds=frozenset({LISTS, PERSONS}))

    @Slot()
    def new_list(self) -> None:
        self.show_page("lists")
        self.lists.new_list()

    @Slot()
    def quick_log(self) -> None:
        ids = self.roster.selected_ids() if self.current_page() == "roster" else []
        self.partners.quick_entry(ids)

    @Slot()
    def focus_search(self) -> None:
        self.show_page("roster")
        self.roster.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.roster.search.selectAll()

    def _show_status_in_roster(self, status: str) -> None:
        self.roster.clear_filters()
        self.roster.show_status(Status(status))
        self.show_page("roster")

    # --- settings, help and closing --------------------------------------------------------------

    @Slot()
    def show_settings(self) -> None:
        from PySide6.QtWidgets import QDialog, QMessageBox

        from desktop_app.ui.settings_dialog import SettingsDialog

        assert self.workspace is not None
        dialog = SettingsDialog(self.workspace, self.preferences, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            assert self.hub.workspace is not None
            self.hub.workspace.set_operator(self.preferences.operator)
            self._mission = None  # the mission may have changed: read again (off the GUI thread)
            self._show_database()
            if dialog.language_changed:
                QMessageBox.information(self, self.tr("Language"),
                                        self.tr("The new language applies when the window is opened again."))

    @Slot()
    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.rendering import fixed_font

        width = max(len(keys) for _name, keys in self.shortcut_table())
        text = "\n".join(f"{keys:<{width}}  {name}" for name, keys in self.shortcut_table())
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Keyboard shortcuts"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("shortcutsDialog")
        box.setStyleSheet(f"QLabel {{ font-family: '{fixed_font().family()}'; }}")  # "monospace" is no Windows font
        box.exec()

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About %1").replace("%1", APP_NAME),
                          f"{APP_NAME} {__version__}\n"
                          + self.tr("An offline evacuation roster for consular missions."))

    def save_layout(self) -> None:
        layout.save_layout(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.opening is not None:
            self.opening.give_up()  # the roster being opened is closed when its opening answers
        if self.completed:  # a window closed before it was complete keeps the last layout
            self.save_layout()
        super().closeEvent(event)
        if event.isAccepted() and self.completed:
            # Colleagues' changes stop here: one arriving while the window is taken down reloaded pages
            # whose widgets were already gone (a crash seen in the whole test run).
            self.roster_changes.stop()


def ask_operator(preferences: Preferences, parent: QWidget | None = None) -> str | None:
    """The operator's name, asked once at first start and remembered."""
    if preferences.operator:
        return preferences.operator
    from PySide6.QtWidgets import QInputDialog

    name, ok = QInputDialog.getText(parent, QMainWindow.tr("Who is working?"),
                                    QMainWindow.tr("Your name (it goes into the audit trail with every change you "
                                                   "make):"))
    if not ok or not name.strip():
        return None
    preferences.operator = name
    return name.strip()

