"""Reconciling a partner's answer in the window: the dialog (choose, match off the GUI thread, review
by keyboard, apply, undo) and its table models.

    from desktop_app.ui.reconcile import ReconcileDialog
    ReconcileDialog(db, "A. Officer", window, list_id=3, undo_host=host).show()

`install(host)` adds Lists / Exchange > Reconcile partner answer….
"""

from desktop_app.ui.reconcile.dialog import ReconcileDialog, install
from desktop_app.ui.reconcile.models import CHOSEN_COLOUR, DIFFERS_COLOUR, ComparisonModel, OutcomeModel

__all__ = ["CHOSEN_COLOUR", "DIFFERS_COLOUR", "ComparisonModel", "OutcomeModel", "ReconcileDialog", "install"]
