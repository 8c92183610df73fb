"""Screenshots of the real window for the README: run under Xvfb by `make screenshots`.

Fills a demonstration roster in a temporary folder, opens each main screen, and grabs the
window as a user would see it (the X server's own rendering, not the offscreen platform).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.services import demo
from desktop_app.storage.db import open_database
from desktop_app.ui.app import application
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def _settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> int:
    app = application()
    workdir = Path(tempfile.mkdtemp(prefix="roster-shots-"))
    db = open_database(workdir / "roster.db")
    demo.fill_demo(db, households=300, operator="demo")
    preferences = Preferences(QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, "A. Petrova", preferences)
    window.resize(1360, 800)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)
    shots: list[tuple[str, Callable[[], QWidget]]] = []

    def roster() -> QWidget:
        return window

    def search() -> QWidget:
        window.roster.search.setText("щерб")
        window.roster.apply_filters()
        return window

    def editor() -> QWidget:
        window.roster.search.clear()
        window.roster.apply_filters()
        dialog = window.open_editor(window.roster.model.person_id(5))
        dialog.show()
        return dialog

    def dashboard() -> QWidget:
        window.show_page("dashboard")
        deadline = time.monotonic() + 30
        while window.dashboard.stats is None and time.monotonic() < deadline:  # counted in the background
            app.processEvents()
        return window

    def lists() -> QWidget:
        window.show_page("lists")
        window.lists.lists_view.selectRow(1)
        return window

    def households() -> QWidget:
        window.show_page("households")
        return window

    def partners() -> QWidget:
        window.show_page("partners")
        return window

    shots += [("roster", roster), ("search", search), ("person", editor), ("dashboard", dashboard),
              ("lists", lists), ("households", households), ("partners", partners)]
    for name, prepare in getattr(sys.modules[__name__], "EXTRA_SHOTS", []):
        shots.append((name, lambda p=prepare: p(window)))

    def take_all() -> None:
        for name, prepare in shots:
            widget = prepare()
            _settle(app)
            widget.grab().save(str(OUT / f"{name}.png"))
            if widget is not window:
                widget.close()
            print(f"saved {OUT / (name + '.png')}")
        app.quit()

    QTimer.singleShot(300, take_all)
    app.exec()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
