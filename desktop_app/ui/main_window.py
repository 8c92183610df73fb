"""The main window: the roster, the person editor, and the File and Person menus."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop_app import APP_NAME, __version__
from desktop_app.domain.errors import RosterError
from desktop_app.services import persons
from desktop_app.services.settings import load_mission
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.errors import show_error
from desktop_app.ui.person_editor import PersonEditor, StatusDialog
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.roster_page import RosterPage

log = logging.getLogger(__name__)

# Feature modules that add menus, pages or behaviour to the window: each has `install(window)`,
# called once the window is built. They find the menus in `window.menus` by name.
FEATURE_MODULES: tuple[str, ...] = ("desktop_app.ui.export_dialog",)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, operator: str, preferences: Preferences,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.db = db
        self.operator = operator
        self.preferences = preferences
        self.roster = RosterPage(db, self)
        self.roster.person_activated.connect(self.edit_person)
        # Pages: a sidebar on the left, the current page on the right (Ctrl+1..9 switch).
        self.pages: dict[str, QWidget] = {}
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pageStack")
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1100])
        self.setCentralWidget(self.splitter)
        self.add_page("roster", "Roster", self.roster)
        self.db_label = QLabel(self)
        self.db_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.db_label)
        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        for module_name in FEATURE_MODULES:
            importlib.import_module(module_name).install(self)
        self._show_database()
        self.resize(1280, 780)
        geometry = preferences.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        header = preferences.window_state("roster_header")
        if header is not None:
            self.roster.table.horizontalHeader().restoreState(header)

    # --- pages ---------------------------------------------------------------------------------

    def add_page(self, name: str, title: str, widget: QWidget) -> None:
        """Add a page to the sidebar; `name` is its stable key in `window.pages`, `title` what the user reads."""
        if name in self.pages:
            raise ValueError(f"a page named {name!r} exists already")
        widget.setParent(self.stack)
        self.pages[name] = widget
        self.stack.addWidget(widget)
        item = QListWidgetItem(title, self.navigation)
        item.setData(Qt.ItemDataRole.UserRole, name)
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)

    def show_page(self, name: str) -> QWidget:
        """Bring the page named `name` to the front and return it."""
        widget = self.pages[name]
        self.navigation.setCurrentRow(self.stack.indexOf(widget))
        return widget

    def current_page(self) -> str:
        return next(name for name, widget in self.pages.items() if widget is self.stack.currentWidget())

    # --- menus ---------------------------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self._menu("File", "&File")
        file_menu.addAction(self._action("&New roster…", self.new_database, None, "newDatabaseAction"))
        file_menu.addAction(self._action("&Open roster…", self.open_database_dialog, QKeySequence.StandardKey.Open,
                                         "openDatabaseAction"))
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "quitAction"))

        person_menu = self._menu("Person", "&Person")
        self.new_person_action = self._action("&New person…", self.new_person, QKeySequence.StandardKey.New,
                                              "newPersonAction")
        self.edit_person_action = self._action("&Edit person…", self.edit_current, "Ctrl+E", "editPersonAction")
        self.status_action = self._action("Change &status…", self.change_status_of_current, "Ctrl+T",
                                          "changeStatusAction")
        self.delete_action = self._action("Move to &trash", self.delete_current, QKeySequence.StandardKey.Delete,
                                          "deletePersonAction")
        self.find_action = self._action("&Find", self.focus_search, QKeySequence.StandardKey.Find, "findAction")
        self.next_action = self._action("Ne&xt person", lambda: self.roster.move_current(1), "Ctrl+Down",
                                        "nextPersonAction")
        self.previous_action = self._action("Pre&vious person", lambda: self.roster.move_current(-1), "Ctrl+Up",
                                            "previousPersonAction")
        for action in (self.new_person_action, self.edit_person_action, self.status_action, self.delete_action,
                       None, self.find_action, self.next_action, self.previous_action):
            if action is None:
                person_menu.addSeparator()
            else:
                person_menu.addAction(action)

        self._menu("Lists", "&Lists")
        self._menu("Exchange", "E&xchange")
        self._menu("Tools", "&Tools")
        help_menu = self._menu("Help", "&Help")
        help_menu.addAction(self._action("&Keyboard shortcuts", self.show_shortcuts, None, "shortcutsAction"))
        help_menu.addAction(self._action("&About", self.show_about, None, "aboutAction"))

    def _menu(self, name: str, title: str) -> QMenu:
        menu = self.menuBar().addMenu(title)
        menu.setObjectName(f"{name.lower()}Menu")
        self.menus[name] = menu
        return menu

    def shortcut_table(self) -> list[tuple[str, str]]:
        """Every action with a shortcut, for the Help menu's list."""
        rows = []
        for action in self.findChildren(QAction):
            if not action.shortcut().isEmpty():
                rows.append((action.text().replace("&", "").rstrip("…"),
                             action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        return sorted(set(rows))

    # --- database ------------------------------------------------------------------------------

    def _show_database(self) -> None:
        mission = load_mission(self.db)
        title = f"{APP_NAME} — {mission.mission_name or self.db.target.label}"
        self.setWindowTitle(title)
        self.db_label.setText(f"{self.db.target.label}   ·   operator: {self.operator}")
        self.preferences.add_recent(str(self.db.target.path or self.db.target.url))

    def switch_database(self, target: str) -> None:
        try:
            database = open_database(target)
        except RosterError as exc:
            show_error(self, exc)
            return
        old = self.db
        self.db = database
        self.roster.model.set_database(database)
        old.close()
        self._show_database()
        log.info("switched database")

    @Slot()
    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New roster database", str(Path.home() / "roster.db"),
                                              "Roster databases (*.db)")
        if path:
            if Path(path).exists():
                show_error(self, RosterError(f"{path} already exists; use Open to open it."))
                return
            self.switch_database(path)

    @Slot()
    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open roster database", str(Path.home()),
                                              "Roster databases (*.db);;All files (*)")
        if path:
            self.switch_database(path)

    @Slot()
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for target in self.preferences.recent_databases:
            action = self.recent_menu.addAction(target)
            action.triggered.connect(lambda _checked=False, t=target: self.switch_database(t))

    # --- persons ---------------------------------------------------------------------------------

    @property
    def phone_region(self) -> str | None:
        return load_mission(self.db).phone_region

    def open_editor(self, person_id: int | None) -> PersonEditor:
        editor = PersonEditor(self.db, self.operator, person_id, phone_region=self.phone_region, parent=self)
        editor.saved.connect(self._person_saved)
        return editor

    @Slot()
    def new_person(self) -> None:
        self.open_editor(None).exec()

    @Slot(int)
    def edit_person(self, person_id: int) -> None:
        self.open_editor(person_id).exec()

    @Slot()
    def edit_current(self) -> None:
        person_id = self.roster.current_id()
        if person_id is not None:
            self.edit_person(person_id)

    @Slot(int)
    def _person_saved(self, person_id: int) -> None:
        if self.roster.model.row_of(person_id) is None:
            self.roster.model.refresh()
        else:
            self.roster.model.invalidate_person(person_id)
        self.roster.select_person(person_id)

    @Slot()
    def change_status_of_current(self) -> None:
        person_id = self.roster.current_id()
        if person_id is None:
            return
        dialog = StatusDialog(self.db, self.operator, persons.get_person(self.db, person_id), self)
        if dialog.exec():
            self.roster.model.invalidate_person(person_id)

    @Slot()
    def delete_current(self) -> None:
        ids = self.roster.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, "Move to trash",
                                      f"Move {len(ids)} person{'s' if len(ids) > 1 else ''} to the trash? "
                                      "They can be restored from the trash.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            for person_id in ids:
                persons.delete_person(self.db, person_id, operator=self.operator)
        except RosterError as exc:
            show_error(self, exc)
        self.roster.model.refresh()

    @Slot()
    def focus_search(self) -> None:
        self.roster.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.roster.search.selectAll()

    # --- help and closing ----------------------------------------------------------------------

    @Slot()
    def show_shortcuts(self) -> None:
        text = "\n".join(f"{keys:<14} {name}" for name, keys in self.shortcut_table())
        box = QMessageBox(QMessageBox.Icon.Information, "Keyboard shortcuts", text, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("shortcutsDialog")
        box.setStyleSheet("QLabel { font-family: monospace; }")
        box.exec()

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", f"{APP_NAME} {__version__}\nAn offline evacuation roster for "
                          "consular missions.")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.preferences.set_window_state("geometry", self.saveGeometry())
        self.preferences.set_window_state("roster_header", self.roster.table.horizontalHeader().saveState())
        self.preferences.sync()
        super().closeEvent(event)


def ask_operator(preferences: Preferences, parent: QWidget | None = None) -> str | None:
    """The operator's name, asked once at first start and remembered."""
    if preferences.operator:
        return preferences.operator
    name, ok = QInputDialog.getText(parent, "Who is working?", "Your name (it goes into the audit trail with every "
                                    "change you make):")
    if not ok or not name.strip():
        return None
    preferences.operator = name
    return name.strip()
