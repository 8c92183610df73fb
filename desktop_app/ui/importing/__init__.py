"""Importing a spreadsheet in the window: the wizard (file, sheet, mapping, preview, report), its
models, and the history of imports with their undo.

    from desktop_app.ui.importing import open_import_wizard
    open_import_wizard(host).exec()

`install(host)` adds Exchange > Import spreadsheet… and Exchange > Undo an import…. The wizard, the
history and the import services behind them are imported when first opened (or first named here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from desktop_app.ui.main_window.features import lazy_face

if TYPE_CHECKING:
    from desktop_app.ui.importing.history import ImportHistoryDialog, open_import_history
    from desktop_app.ui.importing.wizard import (
        MAPPING_PAGE,
        PREVIEW_PAGE,
        REPORT_PAGE,
        TABLE_PAGE,
        ImportWizard,
        open_import_wizard,
    )
    from desktop_app.ui.main_window.host import WindowHost

__all__ = ["MAPPING_PAGE", "PREVIEW_PAGE", "REPORT_PAGE", "TABLE_PAGE", "ImportHistoryDialog", "ImportWizard",
           "install", "open_import_history", "open_import_wizard"]
__getattr__ = lazy_face(__name__, {"ImportHistoryDialog": "history", "open_import_history": "history",
                                   **dict.fromkeys(("MAPPING_PAGE", "PREVIEW_PAGE", "REPORT_PAGE", "TABLE_PAGE",
                                                    "ImportWizard", "open_import_wizard"), "wizard")})


def install(host: WindowHost) -> None:
    """Exchange ▸ Import spreadsheet… (Ctrl+I) and Exchange ▸ Undo an import…."""
    window = host.window()
    import_action = host.actions.add(
        "import", QAction(QCoreApplication.translate("ImportWizard", "&Import spreadsheet…"), window),
        menus=("Exchange",), shortcut="Ctrl+I")
    undo_action = host.actions.add(
        "undoImport", QAction(QCoreApplication.translate("ImportWizard", "&Undo an import…"), window),
        menus=("Exchange",))

    def open_wizard() -> None:
        from desktop_app.ui.importing.wizard import open_import_wizard

        open_import_wizard(host).exec()

    def open_history() -> None:
        from desktop_app.ui.importing.history import open_import_history

        open_import_history(host).exec()

    import_action.triggered.connect(open_wizard)
    undo_action.triggered.connect(open_history)
