"""Every page and dialog at a laptop's and a desktop's size, in English and Russian: screenshots,
and what is cut off.

    .venv/bin/python packaging/screen_check.py [OUT_FOLDER]   # each size on Qt's offscreen screen of that size
    .venv/bin/python packaging/screen_check.py OUT ru 1280x720   # one, on this display (xvfb-run -a -s ...)

For each size (1280x720, 1920x1080) and language it opens the window on a demonstration roster,
shows each page and dialog, saves `OUT/<lang>-<width>x<height>-<name>.png` and prints every widget
that `clipped()` finds cut off: a window or dialog larger than the screen, a widget reaching past
its window's edge, a button or label shorter than its text, a placeholder wider than its field,
or a table column that must be seen lying outside its table's viewport. Exit status 1 when any.
`tests/ui/test_screens.py` runs the same checks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

SIZES = (QSize(1280, 720), QSize(1920, 1080))
LANGUAGES = ("en", "ru")
SLACK = 2  # pixels of rounding a style may leave

# Table columns that must be seen without scrolling sideways, their titles whole: a list's answer,
# status, validity and crossing (they were off-screen at 1280 pixels, then cut in Russian).
KEY_COLUMNS = {"listMembers": (0, 1, 2, 3, 4, 5), "householdMembers": (0, 1, 2, 3, 4)}
# Tables whose every column title must be read whole (the reconcile result's "Roster person"
# was cut to "еловек из базы" at 1280 pixels in Russian).
WHOLE_HEADERS = {"matchedTable", "reviewTable", "notOnRosterTable", "notMentionedTable", "warningsTable"}


def _inside_scrolled_content(widget: QWidget, top: QWidget) -> bool:
    """True for a widget inside a scroll area's content: it may lie past the viewport by design."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton | QLabel):
        text = widget.text()[:40]
    return f"{type(widget).__name__}#{widget.objectName() or '?'}" + (f" '{text}'" if text else "")


def clipped(top: QWidget, screen: QSize) -> list[str]:
    """What is cut off in `top` (a shown window or dialog) on a screen of `screen` pixels."""
    problems: list[str] = []
    if top.width() > screen.width() or top.height() > screen.height():
        problems.append(f"{_name(top)} is {top.width()}x{top.height()}, larger than the screen "
                        f"{screen.width()}x{screen.height()}")
    if isinstance(top, QDialog) and top.minimumSizeHint().width() > screen.width():
        problems.append(f"{_name(top)} needs {top.minimumSizeHint().width()} px, wider than the screen")
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.isWindow() or _inside_scrolled_content(widget, top):
            continue
        corner = widget.mapTo(top, QPoint(widget.width(), widget.height()))
        if corner.x() > top.width() + SLACK or corner.y() > top.height() + SLACK:
            problems.append(f"{_name(widget)} reaches past the window's edge ({corner.x()},{corner.y()})")
            continue
        problems += _cut_text(widget)
    return problems


def _cut_text(widget: QWidget) -> list[str]:
    if widget.width() <= 1 or widget.height() <= 1:
        return []
    if isinstance(widget, QAbstractButton) and widget.text():
        if widget.width() + SLACK < widget.sizeHint().width():
            return [f"{_name(widget)} is {widget.width()} px, its text needs {widget.sizeHint().width()}"]
    elif isinstance(widget, QLabel) and widget.text() and not widget.wordWrap() and widget.pixmap().isNull():
        needed = widget.minimumSizeHint().width()
        if widget.width() + SLACK < needed:
            return [f"{_name(widget)} is {widget.width()} px, its text needs {needed}"]
    elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
        margins = widget.textMargins()
        room = widget.width() - margins.left() - margins.right() - 8  # the frame and the text's own margin
        if widget.isClearButtonEnabled():
            room -= widget.height() // 2 + 4
        needed = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
        if needed > room + SLACK:
            return [f"QLineEdit#{widget.objectName() or '?'} cuts its placeholder "
                    f"'{widget.placeholderText()[:40]}' ({room} px for {needed})"]
    elif isinstance(widget, QComboBox) and widget.currentText():
        needed = widget.fontMetrics().horizontalAdvance(widget.currentText()) + 30
        if widget.width() + SLACK < min(needed, widget.sizeHint().width()):
            return [f"QComboBox#{widget.objectName() or '?'} cuts '{widget.currentText()[:40]}'"]
    elif isinstance(widget, QTableView) and widget.objectName() in WHOLE_HEADERS:
        return _cut_headers(widget)
    elif isinstance(widget, QTableView) and widget.objectName() in KEY_COLUMNS:
        header = widget.horizontalHeader()
        for column in KEY_COLUMNS[widget.objectName()]:
            right = header.sectionViewportPosition(column) + header.sectionSize(column)
            if right > widget.viewport().width() + SLACK:
                title = widget.model().headerData(column, header.orientation())
                return [f"QTableView#{widget.objectName()}: column '{title}' ends at {right}, past the "
                        f"viewport's {widget.viewport().width()} px"]
        # Those columns must also be read: "Пересекли границу" was cut at 1280 pixels in Russian.
        return _cut_headers(widget, KEY_COLUMNS[widget.objectName()])
    return []


def _cut_headers(view: QTableView, columns: tuple[int, ...] | None = None) -> list[str]:
    """A column of `view` (of `columns`, else any) narrower than its title (the title is then shown cut)."""
    header = view.horizontalHeader()
    for column in range(header.count()) if columns is None else columns:
        if header.isSectionHidden(column):
            continue
        needed = header.sectionSizeFromContents(column).width()
        if header.sectionSize(column) + SLACK < needed:
            title = view.model().headerData(column, header.orientation())
            return [f"QTableView#{view.objectName()}: column '{title}' is {header.sectionSize(column)} px, "
                    f"its title needs {needed}"]
    return []


# --- what to open ------------------------------------------------------------------------------

Screen = tuple[str, Callable[[], QWidget]]


def screens(window: QWidget) -> Iterator[Screen]:
    """Every page of the window, then every dialog (built over it, not yet shown)."""
    from desktop_app.services import partners
    from desktop_app.ui.export_dialog import open_export_dialog
    from desktop_app.ui.importing.history import ImportHistoryDialog
    from desktop_app.ui.importing.wizard import ImportWizard
    from desktop_app.ui.merge_dialog import DuplicatesDialog
    from desktop_app.ui.pages.lists import NewListDialog
    from desktop_app.ui.person import StatusDialog
    from desktop_app.ui.protection.backup_dialog import BackupSettingsDialog
    from desktop_app.ui.protection.lock import LockScreen
    from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog
    from desktop_app.ui.reconcile import ReconcileDialog
    from desktop_app.ui.settings_dialog import SettingsDialog
    from desktop_app.ui.start_roster import MissingRosterDialog

    w = window
    db, operator = w.db, w.operator  # type: ignore[attr-defined]

    def page(name: str) -> Callable[[], QWidget]:
        def show() -> QWidget:
            w.show_page(name)  # type: ignore[attr-defined]
            if name == "lists" and w.lists.lists_model.rowCount():  # type: ignore[attr-defined]
                w.lists.lists_view.selectRow(0)  # type: ignore[attr-defined]
            return w
        return show

    for name in w.pages:  # type: ignore[attr-defined]
        yield name, page(name)

    def editor(tab: int) -> Callable[[], QWidget]:
        def make() -> QWidget:
            w.show_page("roster")  # type: ignore[attr-defined]
            dialog = w.open_editor(w.roster.model.person_id(0))  # type: ignore[attr-defined]
            dialog.tabs.setCurrentIndex(tab)
            return dialog
        return make

    for tab, name in enumerate(("details", "documents", "household", "history", "log")):
        yield f"person-{name}", editor(tab)
    yield "person-new-documents", lambda: _new_editor(w)
    yield "status", lambda: StatusDialog(db, operator, _first_person(w), w)
    yield "settings", lambda: SettingsDialog(w.workspace, w.preferences, w)  # type: ignore[attr-defined]
    yield "passphrase-open", lambda: PassphraseDialog(w, "Encrypted roster", "roster.db is encrypted. Type its "
                                                      "passphrase.")
    yield "passphrase-choose", lambda: PassphraseDialog(w, "Encrypt roster", "Choose a passphrase.", choose=True,
                                                        allow_plain=True)
    yield "lock", lambda: _locked(w, LockScreen)
    yield "missing-roster", lambda: MissingRosterDialog("/media/usb/cairo-roster.db", w)
    yield "new-list", lambda: NewListDialog(partners.organizations(db), w)  # the page reads them off the GUI thread
    yield "import", lambda: ImportWizard(w.workspace, w)
    yield "import-history", lambda: ImportHistoryDialog(w.workspace, w)
    yield "export", lambda: open_export_dialog(w)
    yield "reconcile", lambda: _reconciled(ReconcileDialog(w.workspace, w, list_id=_first_list(w)))
    yield "duplicates", lambda: DuplicatesDialog(w.workspace, w)
    yield "backup-settings", lambda: BackupSettingsDialog(w.preferences, w)  # type: ignore[attr-defined]


def _first_person(window: QWidget) -> object:
    from desktop_app.services import persons

    return persons.get_person(window.db, window.roster.model.person_id(0))  # type: ignore[attr-defined]


def _first_list(window: QWidget) -> int | None:
    from desktop_app.services import lists

    found = lists.all_lists(window.db)  # type: ignore[attr-defined]
    return found[0].id if found else None


def _new_editor(window: QWidget) -> QWidget:
    dialog = window.open_editor(None)  # type: ignore[attr-defined]
    dialog.tabs.setCurrentIndex(1)
    return dialog


def _locked(window: QWidget, lock_screen: type) -> QWidget:
    window.show_page("roster")  # type: ignore[attr-defined]
    cover = lock_screen(window)
    cover.setGeometry(window.rect())
    cover.set_asks(True)
    cover.problem.setText(cover.tr("Wrong passphrase."))
    cover.show()
    cover.raise_()
    window._h8_cover = cover  # type: ignore[attr-defined]  # removed by close_screen
    return window


def _reconciled(dialog: QWidget) -> QWidget:
    """The reconcile dialog with a long result line, as after an apply with many refusals."""
    result = dialog.findChild(QLabel, "reconcileCounts")
    if result is not None:
        result.setText("Applied: 0 approved, 0 rejected, 0 statuses changed. Not applied: " + "; ".join(
            f"row {n}: status registered must be verified before an approval applies" for n in range(2, 14)))
    return dialog


def show_screen(app: QApplication, window: QWidget, make: Callable[[], QWidget], size: QSize) -> QWidget:
    """Build and show one screen for a screen of `size`; the widget to grab and check."""
    widget = make()
    if widget is not window:
        widget.show()
        if widget.width() > size.width() or widget.height() > size.height():
            pass  # told by clipped(): a dialog must fit the screen by itself
    settle(app)
    return widget


def settle(app: QApplication, limit: float = 30.0) -> None:
    """Handle events until the window's reads and writes have come back and their layouts are done.

    A screen is checked as the officer sees it: the dashboard's counts arrive from a reader, and under
    load they came after five rounds of events, their label's width not yet laid out (a flaky 'cut').
    """
    from desktop_app.ui.operations import read_pool, write_pool

    def idle(wait: float) -> bool:
        return read_pool().wait_for_done(wait) and write_pool().wait_for_done(wait)

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        for _ in range(5):
            app.processEvents()
        if idle(0.05):
            for _ in range(5):  # the last results' slots, then the layouts they ask for
                app.processEvents()
            if idle(0):  # those slots asked for nothing more
                break


def close_screen(window: QWidget, widget: QWidget) -> None:
    cover = getattr(window, "_h8_cover", None)
    if cover is not None:
        cover.hide()
        cover.deleteLater()
        window._h8_cover = None  # type: ignore[attr-defined]
    if widget is not window:
        widget.close()
        widget.deleteLater()


def open_window(workdir: Path, language: str, size: QSize) -> QWidget:
    """The main window on a demonstration roster in `workdir`, in `language`, at `size`."""
    from desktop_app.services import demo
    from desktop_app.storage.db import open_database
    from desktop_app.ui.i18n import install_language
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.preferences import Preferences

    install_language(language)
    target = workdir / "roster.db"
    fresh = not target.exists()
    db = open_database(target)
    if fresh:
        demo.fill_demo(db, households=20, operator="demo", seed=5)
    preferences = Preferences(QSettings(str(workdir / f"settings-{language}.ini"), QSettings.Format.IniFormat))
    preferences.operator = "A. Petrova"
    preferences.language = language
    window = MainWindow(db, "A. Petrova", preferences)
    window.resize(size)
    window.show()
    return window


def check(out: Path, language: str, size: QSize) -> int:
    """Screenshots and problems for one language and size, in this process; the number of problems."""
    from desktop_app.ui.app import application

    app = application()
    screen = app.primaryScreen().availableGeometry()
    if (screen.width(), screen.height()) != (size.width(), size.height()):
        print(f"note: the screen is {screen.width()}x{screen.height()}, not {size.width()}x{size.height()}")
    workdir = Path(tempfile.mkdtemp(prefix="roster-screens-db-"))
    found = 0
    window = open_window(workdir, language, size)
    for name, make in screens(window):
        widget = show_screen(app, window, make, size)
        widget.grab().save(str(out / f"{language}-{size.width()}x{size.height()}-{name}.png"))
        for problem in clipped(widget, size):
            found += 1
            print(f"{language} {size.width()}x{size.height()} {name}: {problem}")
        close_screen(window, widget)
    window.close()
    window.db.close()  # type: ignore[attr-defined]
    return found


def offscreen_platform(size: QSize, folder: Path) -> str:
    """A QT_QPA_PLATFORM value for Qt's offscreen platform with one screen of `size`."""
    config = folder / f"screen-{size.width()}x{size.height()}.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": size.width(),
                                               "height": size.height(), "logicalDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def main(argv: list[str]) -> int:
    """`screen_check.py [OUT]`: each language and size in a child process whose screen has that size;
    `screen_check.py OUT LANG WxH`: one of them here (under xvfb-run, the X screen's size applies)."""
    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="roster-screens-"))
    out.mkdir(parents=True, exist_ok=True)
    if len(argv) == 3:
        width, height = (int(part) for part in argv[2].split("x"))
        return 1 if check(out, argv[1], QSize(width, height)) else 0
    failed = False
    for language in LANGUAGES:
        for size in SIZES:
            env = {**os.environ, "QT_QPA_PLATFORM": offscreen_platform(size, out)}
            child = subprocess.run([sys.executable, __file__, str(out), language, f"{size.width()}x{size.height()}"],
                                   env=env, check=False)
            failed = failed or child.returncode != 0
    print(f"screenshots in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main(sys.argv[1:]))
