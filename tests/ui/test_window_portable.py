"""The window as Windows and macOS hand it files (issue 21): a roster dropped on it or sent by the
Finder opens in it, one window per roster (a real second process holds the lock), the recent list
names each roster once however its path was spelled, and the Help texts use native shortcuts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFileOpenEvent, QFontDatabase, QFontInfo, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop_app import APP_DIR_NAME
from desktop_app.logs import log_path
from desktop_app.storage.db import open_database
from desktop_app.storage.paths import default_database_path
from desktop_app.ui import app as ui_app
from desktop_app.ui.file_open import RosterFileDrop
from desktop_app.ui.instance import RosterLock, held_by
from desktop_app.ui.keys import native, native_keys
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences, recent_key, user_settings
from tests.ui.typing import answer_next_message_box

HOLDER = """
import sys
from desktop_app.ui.instance import RosterLock
lock = RosterLock(sys.argv[1])
print("held" if lock.acquire() else "refused", flush=True)
sys.stdin.readline()  # until the test lets go
"""


@pytest.fixture
def other_window(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A roster held open by another process, as a second window of the program holds it."""
    path = tmp_path / "Рафах" / "held.db"
    path.parent.mkdir()
    open_database(path).close()
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    yield path, child
    child.kill()
    child.communicate(timeout=30)  # and its pipes closed


def _roster(path: Path) -> Path:
    open_database(path).close()
    return path


def _drop(window: MainWindow, mime: QMimeData) -> bool:
    point = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def _files(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_a_second_window_on_an_open_roster_is_told_and_does_not_open_it(
        qapp: QApplication, other_window: tuple[Path, subprocess.Popen[str]]) -> None:
    path, child = other_window
    shown: list[str] = []
    answer_next_message_box(shown)
    hook = sys.excepthook
    try:
        assert ui_app.run_gui(str(path), operator="A. Petrova") == 1
    finally:
        sys.excepthook = hook
    assert len(shown) == 1 and str(path) in shown[0] and "already open in another" in shown[0]
    assert f"process {child.pid} " in shown[0]
    child.kill()  # the other window crashed: its lock is stale and is taken over
    child.communicate(timeout=30)
    lock = RosterLock(str(path))
    assert lock.acquire()
    lock.release()


def test_the_same_roster_spelled_differently_has_one_lock(tmp_path: Path) -> None:
    first = RosterLock(str(tmp_path / "a.db"))
    assert first.acquire()
    try:
        assert not RosterLock(str(tmp_path / "." / "x" / ".." / "a.db")).acquire()
        assert RosterLock.for_target(f"sqlite:///{tmp_path / 'a.db'}").lock_path == first.lock_path  # type: ignore[union-attr]
        assert RosterLock.for_target("postgresql://mission@db/roster") is None  # a server: many windows
        assert (RosterLock("C:/Rosters/Cairo.db", tmp_path, platform="win32").lock_path
                == RosterLock("c:\\rosters\\CAIRO.DB", tmp_path, platform="win32").lock_path)
    finally:
        first.release()


def test_a_roster_dropped_on_the_window_opens_in_it_and_moves_the_lock(
        window: MainWindow, tmp_path: Path, qtbot: QtBot, other_window: tuple[Path, subprocess.Popen[str]]) -> None:
    drop = RosterFileDrop(window, finder=True)  # as on macOS
    second = _roster(tmp_path / "second roster.db")
    third = _roster(tmp_path / "third.db")
    assert not _drop(window, _files(second, third))  # two files: not taken
    assert not _drop(window, _files(tmp_path))  # a folder: not taken
    text = QMimeData()
    text.setText(str(second))
    assert not _drop(window, text)

    assert _drop(window, _files(second))
    qtbot.waitUntil(lambda: drop.opened == [str(second)], timeout=20_000)  # opened off the GUI thread
    assert window.db is not None and window.db.target.path == second and drop.opened == [str(second)]
    lock = held_by(window)
    assert lock is not None and lock.path == str(second) and not RosterLock(str(second)).acquire()

    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(third)))  # macOS: from the Finder
    qtbot.waitUntil(lambda: len(drop.opened) == 2, timeout=20_000)
    assert window.db.target.path == third and held_by(window).path == str(third)  # type: ignore[union-attr]
    freed = RosterLock(str(second))
    assert freed.acquire()  # the roster the window left is free for another window
    freed.release()

    held, _child = other_window
    shown: list[str] = []
    answer_next_message_box(shown)
    assert _drop(window, _files(held))
    qtbot.waitUntil(lambda: bool(shown))
    assert str(held) in shown[0] and "already open" in shown[0]
    assert window.db.target.path == third  # stayed where it was


def test_open_recent_keeps_one_window_per_roster(window: MainWindow, tmp_path: Path, qtbot: QtBot,
                                                 other_window: tuple[Path, subprocess.Popen[str]]) -> None:
    held, _child = other_window
    window.preferences.add_recent(str(held))
    window.recent_menu.aboutToShow.emit()
    [entry] = [a for a in window.recent_menu.actions() if a.text() == str(held)]
    shown: list[str] = []
    answer_next_message_box(shown)
    before = window.db
    entry.trigger()
    qtbot.waitUntil(lambda: bool(shown))
    assert "already open in another" in shown[0] and window.db is before
    free = _roster(tmp_path / "free.db")
    opened: list[bool] = []
    window.open_locked(str(free), then=opened.append)  # File > Open's way in
    qtbot.waitUntil(lambda: opened == [True], timeout=20_000)
    assert window.db is not None and window.db.target.path == free and held_by(window).path == str(free)  # type: ignore[union-attr]


def test_recent_rosters_list_each_file_once_however_spelled(tmp_path: Path) -> None:
    def preferences(platform: str) -> Preferences:
        return Preferences(QSettings(str(tmp_path / f"{platform}.ini"), QSettings.Format.IniFormat), platform=platform)

    windows = preferences("win32")
    for spelling in ("C:/Rosters/Cairo.db", "C:\\Rosters\\Cairo.db", "c:\\rosters\\CAIRO.DB",
                     "\\\\?\\C:\\Rosters\\Cairo.db", "D:\\Cairo.db", "\\\\server\\share\\cairo.db",
                     "//server/share/cairo.db", "\\\\?\\UNC\\server\\share\\cairo.db"):
        windows.add_recent(spelling)
    assert windows.recent_databases == ["\\\\?\\UNC\\server\\share\\cairo.db", "D:\\Cairo.db",
                                        "\\\\?\\C:\\Rosters\\Cairo.db"]
    linux = preferences("linux")
    for spelling in ("/srv/a.db", "/srv//a.db", "/srv/./a.db", "/srv/A.db"):
        linux.add_recent(spelling)
    assert linux.recent_databases == ["/srv/A.db", "/srv/./a.db"]
    assert recent_key("/Users/olga/A.db", "darwin") == recent_key("/Users/olga/a.db", "darwin")
    stored = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)  # a list saved before the fix
    stored.setValue("recent_databases", ["C:\\a.db", "C:/a.db", "c:\\A.db"])
    assert Preferences(stored, platform="win32").recent_databases == ["C:\\a.db"]


def test_settings_and_folders_of_every_system_stay_in_the_test_s_home() -> None:
    home = Path(os.environ["HOME"])
    for platform in ("win32", "darwin", "linux"):
        settings = user_settings(platform)
        assert Path(settings.fileName()).is_relative_to(home), (platform, settings.fileName())  # not the registry
        assert settings.format() == (QSettings.Format.NativeFormat if platform == "linux"
                                     else QSettings.Format.IniFormat)
    preferences = Preferences()
    preferences.operator = "Ольга Петрова"
    preferences.sync()
    assert "Ольга" in QSettings(user_settings().fileName(), QSettings.Format.IniFormat).value("operator")
    cache = Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))  # compiled translations
    for folder in (default_database_path(), log_path(), cache):
        assert folder.is_relative_to(home) and "MissionRoster" in folder.parts


def test_hints_and_help_name_shortcuts_as_the_system_writes_them(window: MainWindow, qtbot: QtBot) -> None:
    find = window.actions["find"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert f"({find})" in window.roster.search.placeholderText()
    assert (native("Ctrl+Return"), window.tr("Save a liaison log entry")) in \
        [(keys, name) for name, keys in window.shortcut_table()]
    fonts: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "shortcutsDialog":
            QTimer.singleShot(20, look)
            return
        label = box.findChild(QLabel, "qt_msgbox_label")
        fonts.append(label.fontInfo().family() if label is not None else "")
        box.accept()

    QTimer.singleShot(0, look)
    window.show_shortcuts()
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert fonts == [QFontInfo(fixed).family()] and QFontInfo(fixed).fixedPitch()  # the system's, not "monospace"
    assert native_keys("Ctrl+PgDown / Ctrl+Shift+E, Ctrl+Return") == \
        f"{native('Ctrl+PgDown')} / {native('Ctrl+Shift+E')}, {native('Ctrl+Return')}"
    assert native("Ctrl+PgDown") == QKeySequence("Ctrl+PgDown").toString(QKeySequence.SequenceFormat.NativeText)
