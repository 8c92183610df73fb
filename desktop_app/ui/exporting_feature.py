"""The export feature's menu entries: Exchange ▸ Export… (Ctrl+Shift+E), Exchange ▸ Export profiles…,
and 'Export these persons…' in the roster's context menu. The dialogs (`ui.export_dialog`,
`ui.profile_editor`) and the export services behind them are imported when first opened.

    install(host)   # listed in ui.main_window.features.FEATURE_MODULES
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost


def install(host: WindowHost) -> None:
    """Exchange ▸ Export… (Ctrl+Shift+E), Exchange ▸ Export profiles…, and the roster's context menu."""
    window = host.window()
    export_action = host.actions.add("export", QAction(QCoreApplication.translate("ExportDialog", "&Export…"), window),
                                     menus=("Exchange",), shortcut="Ctrl+Shift+E")
    export_action.triggered.connect(lambda: _open_export(host, selected_only=False))
    profiles_action = host.actions.add(
        "exportProfiles", QAction(QCoreApplication.translate("ExportDialog", "Export &profiles…"), window),
        menus=("Exchange",))
    profiles_action.triggered.connect(lambda: _open_profiles(host))
    selection_action = host.actions.add(
        "exportSelection", QAction(QCoreApplication.translate("ExportDialog", "Export these persons…"), window),
        roster=True)
    selection_action.triggered.connect(lambda: _open_export(host, selected_only=True))


def _open_export(host: WindowHost, *, selected_only: bool) -> None:
    from desktop_app.ui.export_dialog import open_export_dialog

    dialog = open_export_dialog(host, selected_only=selected_only)
    if dialog is not None:  # None: what it offers could not be read, or another roster opened meanwhile
        dialog.exec()


def _open_profiles(host: WindowHost) -> None:
    from desktop_app.ui.profile_editor import ProfileEditor

    if host.workspace is not None:
        ProfileEditor(host.workspace, parent=host.window()).exec()
