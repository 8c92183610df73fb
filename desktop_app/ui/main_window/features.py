"""The feature modules the window installs once it is complete, and the call that installs them.

Each module in `FEATURE_MODULES` has `install(host: WindowHost) -> None` (see `host.py`); add
yours to the tuple. They are imported only here, after the first paint.

    install_features(window)   # MainWindow.complete
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost

FEATURE_MODULES: tuple[str, ...] = ("desktop_app.ui.export_dialog", "desktop_app.ui.importing",
                                     "desktop_app.ui.reconcile", "desktop_app.ui.merge_dialog",
                                     "desktop_app.ui.protection", "desktop_app.ui.bulk_status",
                                     "desktop_app.ui.help", "desktop_app.ui.first_start",
                                     "desktop_app.ui.packages", "desktop_app.ui.crossing")


def install_features(host: WindowHost, modules: tuple[str, ...] = FEATURE_MODULES) -> None:
    for module_name in modules:
        importlib.import_module(module_name).install(host)
