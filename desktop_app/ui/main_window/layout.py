"""The window's remembered layout: size, splitters, roster columns, docks and the page last shown.

Restored in two steps, as the window is built: `restore_frame` before the first paint (the
frame's own parts), `restore_pages` once `complete` built the other pages; `save_layout` when
the window closes. Everything lives in `Preferences.window_state` (window state apart from the
user's preferences).

    restore_frame(window)      # in MainWindow.__init__
    restore_pages(window)      # at the end of MainWindow.complete
    save_layout(window)        # in closeEvent
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSplitter

if TYPE_CHECKING:
    from desktop_app.ui.main_window.frame import MainWindow

START_PAGE = "roster"
DEFAULT_SIZE = (1280, 780)


def remembered_page(window: MainWindow) -> str:
    return str(window.preferences.value("window/page", START_PAGE) or START_PAGE)


def splitters(window: MainWindow) -> dict[str, QSplitter]:
    """Every splitter whose position is remembered, by its key in the window state."""
    found = {"main_splitter": window.splitter}
    for key, name in (("households_splitter", "households"), ("lists_splitter", "lists"),
                      ("partners_splitter", "partners"), ("trash_splitter", "trash")):
        splitter = getattr(window.pages.get(name), "splitter", None)
        if isinstance(splitter, QSplitter):
            found[key] = splitter
    return found


def fit_navigation(window: MainWindow) -> None:
    """The sidebar as wide as its widest entry (a splitter saved in another language cannot cut one)."""
    navigation = window.navigation
    navigation.ensurePolished()
    metrics = navigation.fontMetrics()
    widest = max((metrics.horizontalAdvance(navigation.item(row).text()) for row in range(navigation.count())),
                 default=100)
    window.splitter.setSizes([widest + 40, max(600, window.width() - widest - 40)])
    navigation.setMinimumWidth(widest + 40)


def restore_frame(window: MainWindow) -> None:
    """Size, main splitter and roster columns (their sort order too) as the user left them."""
    window.resize(*DEFAULT_SIZE)
    fit_navigation(window)
    preferences = window.preferences
    geometry = preferences.window_state("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    header = preferences.window_state("roster_header")
    if header is not None:
        window.roster.table.horizontalHeader().restoreState(header)
    saved = preferences.window_state("main_splitter")
    if saved is not None:
        window.splitter.restoreState(saved)


def restore_pages(window: MainWindow) -> None:
    """The pages' splitters, the window's docks and toolbars, and the page the user was on."""
    preferences = window.preferences
    state = preferences.window_state("state")
    if state is not None:
        window.restoreState(state)
    for key, splitter in splitters(window).items():
        saved = preferences.window_state(key)
        if saved is not None and splitter is not window.splitter:
            splitter.restoreState(saved)
    page = remembered_page(window)
    window.show_page(page if page in window.pages else START_PAGE)


def save_layout(window: MainWindow) -> None:
    preferences = window.preferences
    preferences.set_window_state("geometry", window.saveGeometry())
    preferences.set_window_state("state", window.saveState())
    preferences.set_window_state("roster_header", window.roster.table.horizontalHeader().saveState())
    for key, splitter in splitters(window).items():
        preferences.set_window_state(key, splitter.saveState())
    preferences.set_value("window/page", window.current_page())
    preferences.sync()
