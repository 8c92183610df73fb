"""Child processes of the launch benchmark (`bench.ui_bench`): each imports only what the program
it measures imports, and leaves the process at the moment measured.

- `bare`: a PySide6 window with an empty table, gone after its first paint;
- `floor DB`: the least a program can do to show the roster: PySide6, a QApplication, a QMainWindow
  with a QTableView of the first 50 rows read with plain sqlite3 (read-only) from the same roster,
  gone when READY;
- `roster DB first-paint`: `mission-roster --db DB` as a user starts it (desktop_app.launch), gone
  after the window's first paint (the roster table with its rows is painted in that pass);
- `roster DB ready`: the same, gone when READY, the workspace complete (`MainWindow.ready`);
- `frame DB`: the window's first screen rebuilt with PySide6 alone (the same widget classes,
  menus, sidebar, filter bar, a table model over the same first 200 rows read with sqlite3),
  none of our code: what the toolkit itself costs for that screen.

READY, the same for the floor and for ours (`_Ready`): the window shown, its table's first page
painted, and a key press posted to the table after that handled by the table; for ours the posting
waits until the workspace is complete too, since input before that only queues. A child prints
the moment it left at (`painted`, `ready`) on its standard output.

The user folders (settings, logs) are the parent's temporary ones, through XDG_* variables.
Each child watches only its own top-level window's events (an application-wide event filter
makes PySide wrap each of the ~1,500 start-up events of a full window in its Python type, which
cost the watched program itself ~25 ms).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

TABLE = "rosterTable"
FLOOR_ROWS = 50


def leave(moment: str = "painted") -> None:
    os.write(1, f"{moment}\n".encode())
    os._exit(0)


def bare() -> None:
    from PySide6.QtWidgets import QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    view = QTableView(window)
    view.setObjectName(TABLE)
    window.setCentralWidget(view)
    window.resize(1280, 780)
    watcher = _Painted(window)
    window.installEventFilter(watcher)
    window.show()
    app.exec()


def floor(database: str) -> None:
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex
    from PySide6.QtWidgets import QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = connection.execute("SELECT case_ref, surname, given_names, birth_date, status FROM persons "
                              "WHERE deleted_at IS NULL ORDER BY sort_key, id LIMIT ?", (FLOOR_ROWS,)).fetchall()
    connection.close()

    class Model(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return len(rows)

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 5

        def data(self, index: QModelIndex, role: int = 0) -> object:
            return rows[index.row()][index.column()] if role == 0 else None

    window = QMainWindow()
    table = QTableView(window)
    table.setObjectName(TABLE)
    table.setModel(Model(table))
    window.setCentralWidget(table)
    window.resize(1280, 780)
    ready = _Ready(table)
    ready.complete()
    window.show()
    app.exec()


def frame(database: str) -> None:
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSettings, Qt
    from PySide6.QtGui import QAction, QKeySequence, QUndoStack
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QComboBox,
        QHBoxLayout,
        QHeaderView,
        QLabel,
        QLineEdit,
        QListWidget,
        QMainWindow,
        QMenu,
        QPushButton,
        QSplitter,
        QStackedWidget,
        QTableView,
        QToolButton,
        QVBoxLayout,
    )

    app = QApplication(sys.argv[:1])
    QSettings("bench", "frame").value("window/page")
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    count = connection.execute("SELECT count(*) FROM persons").fetchone()[0]
    rows = connection.execute("SELECT case_ref, surname || ' ' || given_names, surname_latin, birth_date, sex, "
                              "citizenships, '', '', status, '', relationship, locality, '', updated_at FROM persons "
                              "WHERE deleted_at IS NULL ORDER BY sort_key, id LIMIT 200").fetchall()

    class Model(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return count

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 14

        def data(self, index: QModelIndex, role: int = 0) -> object:
            if role == 0 and index.row() < len(rows):
                return rows[index.row()][index.column()]
            return None

        def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
            return f"Column {section}" if role == 0 and orientation == Qt.Orientation.Horizontal else None

    window = QMainWindow()
    undo = QUndoStack(window)
    for title in ("File", "Edit", "Person", "Lists", "Exchange", "View", "Tools", "Help"):
        menu = window.menuBar().addMenu(title)
        for i in range(4):
            action = QAction(f"{title} action {i}", window)
            action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open) if i == 0 else QKeySequence(f"Ctrl+{i}"))
            menu.addAction(action)
    window.menuBar().actions()[1].menu().addAction(undo.createUndoAction(window, "Undo"))
    navigation = QListWidget()
    stack = QStackedWidget()
    page = QWidget()
    for title in ("Dashboard", "Roster", "Households", "Evacuation lists", "Partners", "Trash and audit"):
        navigation.addItem(title)
        stack.addWidget(page if title == "Roster" else QWidget())
    navigation.setCurrentRow(1)
    stack.setCurrentWidget(page)
    search = QLineEdit(page)
    search.setPlaceholderText("Search")
    search.setClearButtonEnabled(True)
    bar = QHBoxLayout()
    bar.addWidget(search, 1)
    bar.addWidget(QLabel(f"{count:,} persons"))
    filters = QHBoxLayout()
    for title in ("All statuses", "Any list", "Any citizenship", "Any locality"):
        combo = QComboBox(page)
        combo.addItem(title)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filters.addWidget(combo)
    needs = QToolButton(page)
    needs.setText("Needs")
    needs.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    needs_menu = QMenu(needs)
    for flag in range(7):
        needs_menu.addAction(f"need {flag}").setCheckable(True)
    needs.setMenu(needs_menu)
    filters.addWidget(needs)
    filters.addWidget(QLineEdit(page))
    filters.addWidget(QPushButton("Clear filters", page))
    table = QTableView(page)
    table.setObjectName(TABLE)
    QVBoxLayout(table.viewport()).addWidget(QLabel(table.viewport()))
    table.setModel(Model(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(24)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    for column in range(14):
        header.resizeSection(column, 100)
    header.setSectionHidden(10, True)
    layout = QVBoxLayout(page)
    layout.addLayout(bar)
    layout.addLayout(filters)
    layout.addWidget(table, 1)
    splitter = QSplitter()
    splitter.addWidget(navigation)
    splitter.addWidget(stack)
    window.setCentralWidget(splitter)
    window.statusBar().addPermanentWidget(QLabel("roster.db"))
    window.resize(1280, 780)
    watcher = _Painted(window)
    window.installEventFilter(watcher)
    window.show()
    app.exec()


class _Painted(QObject):
    """Leaves the process once the window it filters has painted for the first time: a window paints
    itself and its children (the table with its rows) in one pass, so the 0 ms timer runs after both."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, leave)
        return False


class _Ready(QObject):
    """READY (see the module's docstring) for the window holding `table`: leaves the process once the
    table has painted, `complete()` was called, and a key press posted after both reached the table."""

    def __init__(self, table: QWidget) -> None:
        super().__init__(table)
        self._table = table
        self._painted = False
        self._completed = False
        self._posted = False
        table.viewport().installEventFilter(self)  # type: ignore[attr-defined]
        table.installEventFilter(self)

    def complete(self) -> None:
        self._completed = True
        self._post_when_both()

    def _post_when_both(self) -> None:
        if self._painted and self._completed and not self._posted:
            self._posted = True
            QCoreApplication.postEvent(self._table, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down,
                                                              Qt.KeyboardModifier.NoModifier))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._post_when_both)  # once this paint is on the screen
        elif event.type() == QEvent.Type.KeyPress and self._posted and watched is self._table:
            QTimer.singleShot(0, lambda: leave("ready"))  # once the table has acted on it
        return False


def roster(database: str, when: str) -> None:
    import gc

    gc.disable()  # where desktop_app.launch.main does it, before the window's modules load (it turns it on again)
    from desktop_app.ui import app as window_start

    start_window = window_start.start_window
    watchers: list[QObject] = []

    def watched(*args: object, **kwargs: object) -> object:
        window = start_window(*args, **kwargs)  # type: ignore[arg-type]
        if window is not None and when == "ready":
            ready = _Ready(window.roster.table)
            window.ready.connect(ready.complete)
            if window.completed:
                ready.complete()
        elif window is not None:  # shown, not painted yet: that happens once the event loop runs
            watchers.append(_Painted(window))
            window.installEventFilter(watchers[-1])
        return window

    window_start.start_window = watched  # type: ignore[assignment]
    from desktop_app.launch import main

    main(["--db", database, "--operator", "bench"])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    elif sys.argv[1] == "floor":
        floor(sys.argv[2])
    elif sys.argv[1] == "frame":
        frame(sys.argv[2])
    else:
        roster(sys.argv[2], sys.argv[3])
    raise SystemExit("the window closed before it painted")
