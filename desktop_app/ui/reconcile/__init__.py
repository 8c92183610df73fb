"""Reconciling a partner's answer in the window: the dialog (choose, match off the GUI thread, review
by keyboard, apply, undo) and its table models.

    from desktop_app.ui.reconcile import ReconcileDialog
    ReconcileDialog(window.workspace, window, list_id=3, undo_host=host).show()

`install(host)` adds Lists / Exchange > Reconcile partner answer…. The dialog, and the matching engine
behind it, are imported when first opened (or first named through this face), or by the warm-up: a few
seconds after a roster opens, its matching index is built in the background
(`services.reconciling.warm_roster_index`), so that the first reconcile only matches.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction

from desktop_app.ui.main_window.features import lazy_face

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost
    from desktop_app.ui.operations import PendingOperation
    from desktop_app.ui.reconcile.dialog import ReconcileDialog
    from desktop_app.ui.reconcile.models import CHOSEN_COLOUR, DIFFERS_COLOUR, ComparisonModel, OutcomeModel

WARM_UP_AFTER_MS = 3_000  # after the window is ready: the start's own work and the first look come first

_log = logging.getLogger(__name__)

__all__ = ["CHOSEN_COLOUR", "DIFFERS_COLOUR", "ComparisonModel", "OutcomeModel", "ReconcileDialog", "install"]
__getattr__ = lazy_face(__name__, {"ReconcileDialog": "dialog", "CHOSEN_COLOUR": "models", "DIFFERS_COLOUR": "models",
                                   "ComparisonModel": "models", "OutcomeModel": "models"})


def install(host: WindowHost) -> None:
    """Lists and Exchange menus: 'Reconcile partner answer…'."""
    action = host.actions.add(
        "reconcile", QAction(QCoreApplication.translate("ReconcileDialog", "&Reconcile partner answer…"),
                             host.window()), menus=("Lists", "Exchange"), shortcut="Ctrl+Shift+R")

    def open_dialog() -> None:
        from desktop_app.ui.latest_read import WaitedReads
        from desktop_app.ui.reconcile.dialog import ReconcileDialog, read_choices

        # Opened while a list is chosen on the Lists page: the answer is checked against that list.
        list_id, workspace = host.chosen_list_id(), host.workspace
        if workspace is None:
            return
        waited = WaitedReads(host.window(), lambda: host.db)
        choices = read_choices(waited, workspace)  # off the GUI thread, the window answering meanwhile
        if choices is None:
            return  # failed (and said why), or another roster or officer meanwhile
        dialog = ReconcileDialog(workspace, host.window(), list_id=list_id, undo_host=host, choices=choices)
        dialog.show()

    action.triggered.connect(open_dialog)

    warm_up_later(host)
    host.hub.workspace_changed.connect(lambda _workspace: warm_up_later(host))


def warm_up_later(host: WindowHost, after_ms: int = WARM_UP_AFTER_MS) -> None:
    """Build the open roster's matching index in the background `after_ms` from now (reads only).

    A reconcile asked for meanwhile waits for this build instead of making its own. A failure
    is logged (its kind only) and otherwise left to the reconcile, which builds the index again
    and reports what went wrong.
    """
    window = host.window()

    def start() -> None:
        db = host.db
        if db is None or not window.isVisible():  # a window closed meanwhile warms nothing
            return
        from desktop_app.ui.operations import run_read

        pending: list[PendingOperation] = []  # filled as soon as the work is started

        def work() -> int:
            from desktop_app.services.reconciling import warm_roster_index

            # The window closing cancels the operation: the build stops instead of holding the quit up.
            return warm_roster_index(db, lambda: bool(pending) and pending[0].cancel_event.is_set())

        pending.append(run_read(window, work, lambda _persons: None,
                                lambda error: _log.info("matching index warm-up ended: %s", type(error).__name__)))

    QTimer.singleShot(after_ms, window, start)
