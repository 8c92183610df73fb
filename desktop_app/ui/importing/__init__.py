"""Importing a spreadsheet in the window: the wizard (file, sheet, mapping, preview, report), its
models, and the history of imports with their undo.

    from desktop_app.ui.importing import open_import_wizard
    open_import_wizard(host).exec()

`install(host)` adds Exchange > Import spreadsheet… and Exchange > Undo an import….
"""

from desktop_app.ui.importing.history import ImportHistoryDialog, open_import_history
from desktop_app.ui.importing.wizard import (
    MAPPING_PAGE,
    PREVIEW_PAGE,
    REPORT_PAGE,
    TABLE_PAGE,
    ImportWizard,
    install,
    open_import_wizard,
)

__all__ = ["MAPPING_PAGE", "PREVIEW_PAGE", "REPORT_PAGE", "TABLE_PAGE", "ImportHistoryDialog", "ImportWizard",
           "install", "open_import_history", "open_import_wizard"]
