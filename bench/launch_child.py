"""Child processes of the launch benchmark (`bench.ui_bench`): each imports only what the program
it measures imports, and leaves the process at the moment measured.

- `bare`: a PySide6 window with an empty table, gone after the table's first paint;
- `roster DB first-paint`: `mission-roster --db DB` as a user starts it (desktop_app.launch), gone
  after the roster table's first paint;
- `roster DB ready`: the same, gone once the whole workspace is built (`MainWindow.ready`).

The user folders (settings, logs) are the parent's temporary ones, through XDG_* variables.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

TABLE = "rosterTable"


class _Leave(QObject):
    """Leaves the process (no teardown) after the first paint of the table's viewport, or when ready."""

    def __init__(self, when: str) -> None:
        super().__init__()
        self.when = when

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            table = watched.parent()
            if table is not None and table.objectName() == TABLE:
                QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
                if self.when == "ready":
                    window = watched.window()
                    if getattr(window, "db", None) is not None:
                        leave()
                    else:
                        window.ready.connect(leave)  # type: ignore[attr-defined]
                else:
                    QTimer.singleShot(0, leave)  # runs once this paint has been done
        return False


def leave() -> None:
    os._exit(0)


def bare() -> None:
    from PySide6.QtWidgets import QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    watcher = _Leave("first-paint")
    app.installEventFilter(watcher)
    window = QMainWindow()
    view = QTableView(window)
    view.setObjectName(TABLE)
    window.setCentralWidget(view)
    window.resize(1280, 780)
    window.show()
    app.exec()
    del watcher


def roster(database: str, when: str) -> None:
    from desktop_app.ui.app import application

    watcher = _Leave(when)
    application().installEventFilter(watcher)
    from desktop_app.launch import main

    main(["--db", database, "--operator", "bench"])
    del watcher


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        roster(sys.argv[2], sys.argv[3])
    raise SystemExit("the window closed before it painted")
