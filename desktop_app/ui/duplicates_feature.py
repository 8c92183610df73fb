"""The duplicates feature's menu entry: Tools ▸ Find duplicates…. The dialog (`ui.merge_dialog`) and the
duplicate finder behind it (the matching engine, numpy) are imported when first opened.

    install(host)   # listed in ui.main_window.features.FEATURE_MODULES
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

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
        dialog = DuplicatesDialog(workspace, host.window(), undo_host=host)
        dialog.changed.connect(lambda: host.data_changed())
        dialog.show()

    action.triggered.connect(open_dialog)
