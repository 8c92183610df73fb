"""The main window, split along its seams: frame, actions, layout, the host features plug into.

    from desktop_app.ui.main_window import MainWindow, WindowHost
    window = MainWindow(database, "A. Officer", Preferences())
    window.actions["undo"].trigger()

Feature modules see the window only as a `WindowHost` (host.py) and are listed in
`features.FEATURE_MODULES`.
"""

from desktop_app.ui.main_window.actions import ActionRegistry
from desktop_app.ui.main_window.frame import MainWindow, ask_operator
from desktop_app.ui.main_window.host import WindowHost

__all__ = ["ActionRegistry", "MainWindow", "WindowHost", "ask_operator"]
