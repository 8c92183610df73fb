"""What a feature module may use of the window: the `WindowHost` Protocol.

A feature (export, import, reconcile, duplicates, protection, bulk status, ...) is a module with
`install(host: WindowHost) -> None`, listed in `ui.main_window.features.FEATURE_MODULES` and
called once the window is complete. It reaches the window only through what is declared here,
never by hanging attributes on it:

    def install(host: WindowHost) -> None:
        action = host.actions.add("export", QAction(tr("&Export…"), host.window()),
                                  menus=("Exchange",), roster=True, shortcut="Ctrl+Shift+E")
        action.triggered.connect(lambda: ExportDialog(host.workspace(), host.window()).exec())
        host.add_page("crossing", tr("Crossing day"), CrossingPage(host.hub))
        host.add_feature(Protection(host))          # found again with host.feature(Protection)

`MainWindow` is a `WindowHost` (checked by mypy where `features.install_features` passes it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QStatusBar, QWidget

    from desktop_app.services.settings import MissionSettings
    from desktop_app.services.workspace import Roster, Workspace
    from desktop_app.ui.main_window.actions import ActionRegistry
    from desktop_app.ui.preferences import Preferences
    from desktop_app.ui.roster_page import RosterPage
    from desktop_app.ui.workspace_signals import WorkspaceHub

F = TypeVar("F")


class WindowHost(Protocol):
    """The window as its feature modules see it."""

    hub: WorkspaceHub  # the workspace, `workspace_changed`, `changed(kinds)` and `follow`
    actions: ActionRegistry  # menus and actions by name; the roster's row menu
    undo_stack: QUndoStack  # Edit > Undo / Redo
    preferences: Preferences
    roster: RosterPage

    @property
    def db(self) -> Roster | None: ...

    @property
    def operator(self) -> str: ...

    @property
    def workspace(self) -> Workspace | None: ...

    def window(self) -> QWidget:
        """The main window itself: the parent of a feature's dialogs and actions."""
        ...

    def statusBar(self) -> QStatusBar: ...

    def add_page(self, name: str, title: str, widget: QWidget) -> None: ...

    def show_page(self, name: str) -> QWidget: ...

    def current_page(self) -> str: ...

    def chosen_list_id(self) -> int | None:
        """The evacuation list chosen on the Lists page while that page is in front, else None."""
        ...

    def data_changed(self, kinds: frozenset[str] | None = None) -> None: ...

    def mission_of(self, db: Roster | None) -> MissionSettings | None:
        """The mission of `db` as read when it opened or since; None when not read yet."""
        ...

    def staffed_of(self, db: Roster | None) -> bool | None:
        """Whether `db` has accounts, as read when it opened (File > Open); None when not read with its opening."""
        ...

    def switch_database(self, target: str, passphrase: str | None = None,
                        then: Callable[[bool], None] | None = None, *, create: bool = True) -> None: ...

    def add_feature(self, feature: object) -> None:
        """Keep a feature's object for the window's lifetime, found again by its type with `feature`."""
        ...

    def feature(self, kind: type[F]) -> F:
        """The feature object of type `kind` (KeyError if none was added)."""
        ...
