"""Moving the roster onto a shared PostgreSQL server in the window (issue 16): Tools > Move roster to a
shared server….

    install(host)   # listed in ui.main_window.features.FEATURE_MODULES

The dialog is `MoveToServerDialog` (move_dialog.py); the copy itself is `services.move_to_server`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from desktop_app.domain.errors import RosterError
from desktop_app.ui.errors import show_error
from desktop_app.ui.server.move_dialog import MoveToServerDialog

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost

__all__ = ["MoveToServerDialog", "install", "open_move_dialog"]


def open_move_dialog(host: WindowHost) -> MoveToServerDialog | None:
    """The dialog for the roster open in the window (shown, not run: the caller or Qt closes it); None
    when there is no roster file to move."""
    db = host.db
    if db is None:
        return None
    if db.target.path is None:
        show_error(host.window(), RosterError(QCoreApplication.translate(
            "MoveToServer", "This roster is on a server already; only a roster file is moved to a server.")))
        return None
    dialog = MoveToServerDialog(db, host.operator, host.preferences, open_roster=host.switch_database,
                                parent=host.window())
    # Deleted by Qt on the window's thread once closed, never by Python's collector on a worker's thread.
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def install(host: WindowHost) -> None:
    action = host.actions.add("moveToServer", QAction(QCoreApplication.translate(
        "MoveToServer", "Move roster to a shared &server…"), host.window()), menus=("Tools",))
    action.triggered.connect(lambda: open_move_dialog(host))

    def offered(_workspace: object = None) -> None:  # only a roster file moves to a server
        action.setEnabled(host.db is not None and host.db.target.path is not None)

    host.hub.workspace_changed.connect(offered)
    offered()
