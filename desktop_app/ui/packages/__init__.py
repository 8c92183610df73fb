"""Roster packages in the window (issue 17): Exchange > Send / Receive a roster package…, Tools > Sites and keys….

    install(host)   # listed in ui.main_window.features.FEATURE_MODULES

The dialogs live beside this module: `SitesDialog`, `SendDialog`, `ReceiveDialog`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from desktop_app.ui.main_window.features import lazy_face

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost
    from desktop_app.ui.packages.receive_dialog import ReceiveDialog
    from desktop_app.ui.packages.send_dialog import SendDialog
    from desktop_app.ui.packages.sites_dialog import SitesDialog

__all__ = ["ReceiveDialog", "SendDialog", "SitesDialog", "install"]
__getattr__ = lazy_face(__name__, {"ReceiveDialog": "receive_dialog", "SendDialog": "send_dialog",
                                   "SitesDialog": "sites_dialog"})


def install(host: WindowHost) -> None:
    def action(name: str, text: str, menu: str) -> QAction:
        return host.actions.add(name, QAction(text, host.window()), menus=(menu,))

    send = action("sendPackage", QCoreApplication.translate("RosterPackages", "Send a roster &package…"), "Exchange")
    receive = action("receivePackage", QCoreApplication.translate("RosterPackages", "Receive a roster pac&kage…"),
                     "Exchange")
    sites = action("sitesAndKeys", QCoreApplication.translate("RosterPackages", "Sites and &keys…"), "Tools")

    # Each dialog is deleted by Qt on the window's thread once closed: left to Python's garbage
    # collector, which may run on a worker's thread, its destruction would be announced from there.
    def open_send() -> None:
        from desktop_app.ui.packages.send_dialog import SendDialog

        if host.workspace is not None:
            dialog = SendDialog(host.hub, host.workspace, host.window())
            dialog.exec()
            dialog.deleteLater()

    def open_receive() -> None:
        from desktop_app.ui.packages.receive_dialog import ReceiveDialog

        if host.workspace is None:
            return
        dialog = ReceiveDialog(host.hub, host.workspace, host.window())
        dialog.applied.connect(host.data_changed)
        dialog.exec()
        dialog.deleteLater()

    def open_sites() -> None:
        from desktop_app.ui.packages.sites_dialog import SitesDialog

        if host.workspace is not None:
            dialog = SitesDialog(host.workspace, host.window())
            dialog.exec()
            dialog.deleteLater()

    send.triggered.connect(open_send)
    receive.triggered.connect(open_receive)
    sites.triggered.connect(open_sites)
