"""The feature modules the window installs once it is complete, the call that installs them, and
the lazy public face their packages use so that a feature's services load when it is first used.

Each module in `FEATURE_MODULES` has `install(host: WindowHost) -> None` (see `host.py`); add
yours to the tuple. They are imported only here, after the first paint. `install` adds actions
and connects them; it must not import the feature's dialogs or services: those are imported in
the slot that first needs them (a test starts the window and checks that none is loaded):

    install_features(window)   # MainWindow.complete

A package whose `__init__` names its dialogs for outside code keeps that face and stays light:

    if TYPE_CHECKING:
        from desktop_app.ui.importing.wizard import ImportWizard
    __getattr__ = lazy_face(__name__, {"ImportWizard": "wizard"})   # imported on first access
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost

FEATURE_MODULES: tuple[str, ...] = ("desktop_app.ui.exporting_feature", "desktop_app.ui.importing",
                                     "desktop_app.ui.reconcile", "desktop_app.ui.duplicates_feature",
                                     "desktop_app.ui.protection", "desktop_app.ui.bulk_status",
                                     "desktop_app.ui.help", "desktop_app.ui.first_start",
                                     "desktop_app.ui.packages", "desktop_app.ui.crossing",
                                     "desktop_app.ui.server", "desktop_app.ui.accounts")  # accounts last: it gates


def install_features(host: WindowHost, modules: tuple[str, ...] = FEATURE_MODULES) -> None:
    for module_name in modules:
        importlib.import_module(module_name).install(host)


def lazy_face(package: str, names: Mapping[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` (PEP 562) for `package`: each of `names` is taken from its submodule
    (`{"ReconcileDialog": "dialog"}`) when first asked for, and kept in the package's namespace."""

    def __getattr__(name: str) -> object:
        submodule = names.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{submodule}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
