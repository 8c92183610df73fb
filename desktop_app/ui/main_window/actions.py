"""The window's menus and actions, kept in a registry apart from the window (Picard's model).

`ActionRegistry` holds every menu by its stable name ("File", "Edit", "Person", "Lists",
"Exchange", "View", "Tools", "Help") and every action by a stable name ("undo", "export"),
whoever built it: the window's own actions come from the `WINDOW_ACTIONS` table below, a
feature module adds its own through the host (`ui.main_window.host.WindowHost`):

    action = host.actions.add("export", QAction(tr("&Export…"), host.window()),
                              menus=("Exchange",), roster=True, shortcut="Ctrl+Shift+E")
    host.actions["export"].trigger()
    host.actions.menu("Tools").addSeparator()

An action's object name is its registry name followed by "Action" ("exportAction"), as
tests and screenshots look them up. `roster=True` puts it on the roster table's row menu too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from desktop_app.ui.keys import native_keys

if TYPE_CHECKING:
    from desktop_app.ui.main_window.frame import MainWindow

MENU_NAMES = ("File", "Edit", "Person", "Lists", "Exchange", "View", "Tools", "Help")
_MENU_TITLES = {"File": QT_TRANSLATE_NOOP("MainWindow", "&File"), "Edit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
                "Person": QT_TRANSLATE_NOOP("MainWindow", "&Person"),
                "Lists": QT_TRANSLATE_NOOP("MainWindow", "&Lists"),
                "Exchange": QT_TRANSLATE_NOOP("MainWindow", "E&xchange"),
                "View": QT_TRANSLATE_NOOP("MainWindow", "&View"), "Tools": QT_TRANSLATE_NOOP("MainWindow", "&Tools"),
                "Help": QT_TRANSLATE_NOOP("MainWindow", "&Help")}
Shortcut = QKeySequence.StandardKey | str | None


def _window_tr(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP("MainWindow", ...) (typed object by PySide6), translated."""
    return QCoreApplication.translate("MainWindow", str(text))


class ActionRegistry:
    """Menus and actions by name; the roster's row menu (`roster_actions`, None a separator) beside them."""

    def __init__(self, parent: QWidget, menu_bar: QMenuBar, roster_actions: list[QAction | None]) -> None:
        self._parent = parent
        self._menu_bar = menu_bar
        self._menus: dict[str, QMenu] = {}
        self._actions: dict[str, QAction] = {}
        self.roster_actions = roster_actions
        for name in MENU_NAMES:
            self.add_menu(name, _window_tr(_MENU_TITLES[name]))

    def add_menu(self, name: str, title: str) -> QMenu:
        """A new top-level menu named `name` (its object name `<name>Menu`, lower case)."""
        if name in self._menus:
            raise ValueError(f"a menu named {name!r} exists already")
        menu = self._menu_bar.addMenu(title)
        menu.setObjectName(f"{name.lower()}Menu")
        self._menus[name] = menu
        return menu

    def menu(self, name: str) -> QMenu:
        return self._menus[name]

    @property
    def menus(self) -> dict[str, QMenu]:
        return dict(self._menus)

    def add(self, name: str, action: QAction, *, menus: Sequence[str] = (), roster: bool = False,
            shortcut: Shortcut | Sequence[str] = None) -> QAction:
        """Register `action` as `name`, add it to `menus` (by name) and, with `roster`, to the row menu."""
        if name in self._actions:
            raise ValueError(f"an action named {name!r} exists already")
        if isinstance(shortcut, (QKeySequence.StandardKey, str)):
            action.setShortcut(QKeySequence(shortcut))
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(keys) for keys in shortcut])
        if not action.objectName():
            action.setObjectName(f"{name}Action")
        self._actions[name] = action
        for menu in menus:
            self._menus[menu].addAction(action)
        if roster:
            self.roster_actions.append(action)
        return action

    def add_roster_separator(self) -> None:
        self.roster_actions.append(None)

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __contains__(self, name: object) -> bool:
        return name in self._actions

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def shortcut_table(self, extra: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
        """(what, keys) for every action of the window with a shortcut, and `extra`, fewest keys first."""
        rows = list(extra)
        for action in self._parent.findChildren(QAction):
            for shortcut in action.shortcuts()[:1]:
                rows.append((action.text().replace("&", "").rstrip("…").strip(),
                             shortcut.toString(QKeySequence.SequenceFormat.NativeText)))
        return sorted(set(rows), key=lambda r: (r[1].count("+"), r[1]))


@dataclass(frozen=True)
class ActionSpec:
    """One of the window's own actions: its name, text, slot (a MainWindow method), keys and places."""

    name: str
    text: object  # marked with QT_TRANSLATE_NOOP("MainWindow", ...), translated when built
    slot: str
    shortcut: Shortcut = None
    menus: tuple[str, ...] = ()
    roster: bool = False


# In menu order. None in `roster` order is a separator (see ROSTER_ORDER).
WINDOW_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("newDatabase", QT_TRANSLATE_NOOP("MainWindow", "&New roster…"), "new_database", None, ("File",)),
    ActionSpec("openDatabase", QT_TRANSLATE_NOOP("MainWindow", "&Open roster…"), "open_database_dialog",
               QKeySequence.StandardKey.Open, ("File",)),
    ActionSpec("fillDemo", QT_TRANSLATE_NOOP("MainWindow", "Fill with &demonstration data…"), "fill_demo", None,
               ("File",)),
    ActionSpec("quit", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "close", QKeySequence.StandardKey.Quit, ("File",)),
    ActionSpec("find", QT_TRANSLATE_NOOP("MainWindow", "&Find"), "focus_search", QKeySequence.StandardKey.Find,
               ("Edit",)),
    ActionSpec("newPerson", QT_TRANSLATE_NOOP("MainWindow", "&New person…"), "new_person",
               QKeySequence.StandardKey.New, ("Person",)),
    ActionSpec("editPerson", QT_TRANSLATE_NOOP("MainWindow", "&Edit person…"), "edit_current", "Ctrl+E",
               ("Person",), roster=True),
    ActionSpec("changeStatus", QT_TRANSLATE_NOOP("MainWindow", "Change &status…"), "change_status_of_current",
               "Ctrl+T", ("Person",), roster=True),
    ActionSpec("addToList", QT_TRANSLATE_NOOP("MainWindow", "Add to &list…"), "add_selection_to_list",
               "Ctrl+Shift+L", ("Person",), roster=True),
    ActionSpec("quickLog", QT_TRANSLATE_NOOP("MainWindow", "&Log a contact…"), "quick_log", "Ctrl+L", ("Person",),
               roster=True),
    ActionSpec("deletePerson", QT_TRANSLATE_NOOP("MainWindow", "Move to &trash"), "delete_current",
               QKeySequence.StandardKey.Delete, ("Person",)),
    ActionSpec("nextPerson", QT_TRANSLATE_NOOP("MainWindow", "Ne&xt person"), "next_person", "Ctrl+Down"),
    ActionSpec("previousPerson", QT_TRANSLATE_NOOP("MainWindow", "Pre&vious person"), "previous_person", "Ctrl+Up"),
    ActionSpec("newList", QT_TRANSLATE_NOOP("MainWindow", "&New list…"), "new_list", None, ("Lists",)),
    ActionSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "&Settings…"), "show_settings", "Ctrl+,", ("Tools",)),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"), "show_shortcuts", "F1",
               ("Help",)),
    ActionSpec("about", QT_TRANSLATE_NOOP("MainWindow", "&About"), "show_about", None, ("Help",)),
)

# Shortcuts that act inside a screen, not through an action: listed in Help > Keyboard shortcuts.
EDITOR_SHORTCUTS = (
    (QT_TRANSLATE_NOOP("MainWindow", "Save the person (in the editor)"), QKeySequence.StandardKey.Save),
    (QT_TRANSLATE_NOOP("MainWindow", "Save and open the next / previous person (in the editor)"),
     "Ctrl+PgDown / Ctrl+PgUp"),
    (QT_TRANSLATE_NOOP("MainWindow", "Save a liaison log entry"), "Ctrl+Return"),
)


def screen_shortcuts() -> list[tuple[str, str]]:
    rows = []
    for text, keys in EDITOR_SHORTCUTS:
        shown = (QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
                 if isinstance(keys, QKeySequence.StandardKey) else native_keys(keys))
        rows.append((_window_tr(text), shown))
    return rows


def build_window_actions(window: MainWindow) -> ActionRegistry:
    """The registry with the window's menus and own actions (undo and redo from its undo stack)."""
    registry = ActionRegistry(window, window.menuBar(), window.roster.context_actions)
    specs = {spec.name: spec for spec in WINDOW_ACTIONS}

    def build(spec: ActionSpec) -> QAction:
        action = QAction(_window_tr(spec.text), window)
        slot: Callable[[], object] = getattr(window, spec.slot)
        action.triggered.connect(lambda _checked=False, act=slot: act())
        return registry.add(spec.name, action, shortcut=spec.shortcut)

    actions = {spec.name: build(spec) for spec in WINDOW_ACTIONS}
    undo = window.undo_stack.createUndoAction(window, _window_tr(QT_TRANSLATE_NOOP("MainWindow", "&Undo")))
    registry.add("undo", undo, shortcut=QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window, _window_tr(QT_TRANSLATE_NOOP("MainWindow", "&Redo")))
    registry.add("redo", redo, shortcut=("Ctrl+Shift+Z", "Ctrl+Y"))

    file_menu = registry.menu("File")
    file_menu.addAction(actions["newDatabase"])
    file_menu.addAction(actions["openDatabase"])
    window.recent_menu = file_menu.addMenu(_window_tr(QT_TRANSLATE_NOOP("MainWindow", "Open &recent")))
    window.recent_menu.setObjectName("recentMenu")
    window.recent_menu.aboutToShow.connect(window.fill_recent)
    file_menu.addSeparator()
    file_menu.addAction(actions["fillDemo"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])

    edit_menu = registry.menu("Edit")
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addAction(actions["find"])

    actions["deletePerson"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.roster.table.addAction(actions["deletePerson"])
    person_menu = registry.menu("Person")
    for name in ("newPerson", "editPerson", "changeStatus", "addToList", "quickLog", "deletePerson", None,
                 "nextPerson", "previousPerson"):
        if name is None:
            person_menu.addSeparator()
        else:
            person_menu.addAction(actions[name])
    for name in ("editPerson", "changeStatus", "addToList", "quickLog"):
        registry.roster_actions.append(actions[name])
    registry.add_roster_separator()
    registry.roster_actions.append(actions["deletePerson"])

    registry.menu("Lists").addActions([actions["newList"], actions["addToList"]])
    registry.menu("Tools").addAction(actions["settings"])
    registry.menu("Help").addActions([actions["shortcuts"], actions["about"]])
    assert set(specs) == set(actions)
    return registry


class PageActions:
    """View ▸ one action per page, Ctrl+1…Ctrl+9, rebuilt whenever the menu opens (feature pages included)."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        self.window = window
        self.menu = menu
        self.actions: list[QAction] = []
        menu.aboutToShow.connect(self.fill)
        self.fill()

    @Slot()
    def fill(self) -> None:
        window = self.window
        for action in self.actions:
            self.menu.removeAction(action)
            window.removeAction(action)
            action.deleteLater()
        self.actions = []
        for row in range(window.navigation.count()):
            item = window.navigation.item(row)
            name = str(item.data(Qt.ItemDataRole.UserRole))
            action = QAction(item.text(), window)
            action.setObjectName(f"page_{name}")
            if row < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, n=name: window.show_page(n))
            window.addAction(action)
            self.menu.addAction(action)
            self.actions.append(action)
