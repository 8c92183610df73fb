"""The crossing day in the window: the check-in screen at the gate, the printed boarding list, and
notifying the families (issue 18).

    install(host)      # ui.main_window.features: Lists > Notify the families…, Missing evidence on a list…;
                       # Person > Basis and evidence… (both Notify and Basis on the roster's row menu too)

The Lists page opens the same screens for its current list (`actions.open_checkin`,
`actions.print_boarding_list`, `actions.open_notify`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost


def install(host: WindowHost) -> None:
    """Notify the roster as filtered (or the selection, when several are selected) from the menu and row menu."""
    action = host.actions.add(
        "notify", QAction(QCoreApplication.translate("NotifyDialog", "&Notify the families…"), host.window()),
        menus=("Lists",), roster=True)

    def notify_roster() -> None:
        from desktop_app.ui.crossing.actions import open_notify_roster

        selected = host.roster.selected_ids()
        if len(selected) > 1:
            open_notify_roster(host.window(), host.hub, selected)  # the window owns the dialog
        else:  # everyone the roster shows, once every id has been read
            host.roster.model.when_complete(lambda ids: open_notify_roster(host.window(), host.hub, ids))

    action.triggered.connect(notify_roster)

    basis = host.actions.add(
        "eligibility", QAction(QCoreApplication.translate("PersonEligibilityDialog", "&Basis and evidence…"),
                               host.window()), menus=("Person",), roster=True)

    def person_eligibility() -> None:
        from desktop_app.ui.crossing.eligibility_dialog import PersonEligibilityDialog

        person_id = host.roster.current_id()
        if person_id is not None:
            PersonEligibilityDialog(host.hub, person_id, "", host.window()).show()

    basis.triggered.connect(person_eligibility)
    missing = host.actions.add(
        "listEligibility", QAction(QCoreApplication.translate("ListEligibilityDialog", "&Missing evidence on a list…"),
                                   host.window()), menus=("Lists",))

    def list_eligibility() -> None:
        from desktop_app.ui.crossing.eligibility_dialog import ListEligibilityDialog

        ListEligibilityDialog(host.hub, host.window()).show()

    missing.triggered.connect(list_eligibility)
