"""Reconciling a partner's answer in the window: the dialog (choose, match off the GUI thread, review
by keyboard, apply, undo) and its table models.

    from desktop_app.ui.reconcile import ReconcileDialog
    ReconcileDialog(db, "A. Officer", window, list_id=3, undo_host=host).show()

`install(host)` adds Lists / Exchange > Reconcile partner answer…. The dialog, and the matching engine
behind it, are imported when first opened (or first named through this face).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from desktop_app.ui.main_window.features import lazy_face

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost
    from desktop_app.ui.reconcile.dialog import ReconcileDialog
    from desktop_app.ui.reconcile.models import CHOSEN_COLOUR, DIFFERS_COLOUR, ComparisonModel, OutcomeModel

__all__ = ["CHOSEN_COLOUR", "DIFFERS_COLOUR", "ComparisonModel", "OutcomeModel", "ReconcileDialog", "install"]
__getattr__ = lazy_face(__name__, {"ReconcileDialog": "dialog", "CHOSEN_COLOUR": "models", "DIFFERS_COLOUR": "models",
                                   "ComparisonModel": "models", "OutcomeModel": "models"})


def install(host: WindowHost) -> None:
    """Lists and Exchange menus: 'Reconcile partner answer…'."""
    action = host.actions.add(
        "reconcile", QAction(QCoreApplication.translate("ReconcileDialog", "&Reconcile partner answer…"),
                             host.window()), menus=("Lists", "Exchange"), shortcut="Ctrl+Shift+R")

    def open_dialog() -> None:
        from desktop_app.ui.reconcile.dialog import ReconcileDialog

        # Opened while a list is chosen on the Lists page: the answer is checked against that list.
        dialog = ReconcileDialog(host.db, host.operator, host.window(), list_id=host.chosen_list_id(),
                                 undo_host=host)
        dialog.show()

    action.triggered.connect(open_dialog)
