"""Start the window: the Qt application, logging, the crash hook, the operator, the database."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from desktop_app import APP_NAME
from desktop_app.domain.errors import RosterError
from desktop_app.logs import setup_logging
from desktop_app.ui.errors import install_excepthook, show_error
from desktop_app.ui.main_window import MainWindow, ask_operator
from desktop_app.ui.preferences import APPLICATION, ORGANIZATION, Preferences
from desktop_app.ui.protection import open_roster

log = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    return app


def run_gui(target: str, operator: str | None = None) -> int:
    """Open the window on `target` (a path or URL), creating the database if needed."""
    setup_logging()
    app = application()
    install_excepthook()
    preferences = Preferences()
    if operator:
        preferences.operator = operator
    name = ask_operator(preferences)
    if name is None:
        return 1
    try:
        db = open_roster(None, target, name)  # asks for the passphrase of an encrypted roster
    except RosterError as exc:
        show_error(None, exc)
        return 1
    if db is None:
        return 1
    window = MainWindow(db, name, preferences)
    window.show()
    log.info("window opened")
    code = app.exec()
    window.db.close()
    return code
