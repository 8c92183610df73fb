"""The duplicates feature's menu entry: Tools ▸ Find duplicates…. The dialog (`ui.merge_dialog`) and the
duplicate finder behind it (the matching engine, numpy) are imported when first opened.

    install(host)   # listed in ui.main_window.features.FEATURE_MODULES
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from desktop_app.ui.garbage import release_freed_memory

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost


def install(host: WindowHost) -> None:
    """Tools menu: 'Find duplicates…'."""
    action = host.actions.add(
        "findDuplicates", QAction(QCoreApplication.translate("DuplicatesDialog", "Find &duplicates…"),
                                  host.window()), menus=("Tools",))

    def open_dialog() -> None:
        from desktop_app.ui.merge_dialog import DuplicatesDialog

        workspace = host.workspace
        if workspace is None:
            return
        shown = next((d for d in host.window().findChildren(DuplicatesDialog) if d.isVisible()), None)
        if shown is not None:  # one list of pairs at a time: the one open is brought forward
            shown.raise_()
            shown.activateWindow()
            return
        dialog = DuplicatesDialog(workspace, host.window(), undo_host=host)
        # Closed, the dialog and its pairs go (a search still running is cancelled and stops within about a
        # thousand persons: the finder asks between its stages and batches), and the memory freed is given back:
        # a closed dialog was only hidden, holding its pairs, and each Find duplicates made another (W1 at
        # 1,000,000: 5-6 GB still held once the dialog was closed).
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(release_freed_memory)
        dialog.changed.connect(lambda: host.data_changed())
        dialog.show()

    action.triggered.connect(open_dialog)
