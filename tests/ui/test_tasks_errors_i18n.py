"""Long work off the GUI thread (progress after half a second, cancel), the crash dialog,
and translations compiled from their .ts sources when no .qm was built."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.logs import log_path
from desktop_app.ui import errors, i18n
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import Progress, run_in_background
from tests.ui.typing import answer_next_message_box


def test_progress_shows_after_half_a_second_and_cancel_stops_the_work(qtbot: QtBot, window: MainWindow) -> None:
    steps: list[int] = []
    results: list[object] = []
    started = threading.Event()

    def slow(progress: Progress) -> str:
        started.set()
        for step in range(10_000):
            steps.append(step)
            if not progress(step, 10_000):
                return "cancelled"
            time.sleep(0.005)
        return "finished"

    task = run_in_background(window, "Slow work", slow, results.append)
    started.wait(5)
    assert not task.dialog.isVisible()  # nothing shown for short work
    qtbot.waitUntil(task.dialog.isVisible, timeout=5_000)
    assert isinstance(task.dialog, QProgressDialog) and task.dialog.maximum() == 10_000
    with qtbot.waitSignal(task.finished, timeout=10_000):
        qtbot.mouseClick(task.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert results == ["cancelled"] and len(steps) < 10_000


def test_quick_work_never_shows_a_dialog(qtbot: QtBot, window: MainWindow) -> None:
    results: list[object] = []
    task = run_in_background(window, "Quick", lambda progress: 42, results.append)
    with qtbot.waitSignal(task.finished, timeout=5_000):
        pass
    assert results == [42] and not task.dialog.isVisible()


def test_an_expected_error_in_the_background_is_shown_plainly(qtbot: QtBot, window: MainWindow) -> None:
    from desktop_app.domain.errors import DatabaseError

    def fails(progress: Progress) -> None:
        raise DatabaseError("The roster database is locked by another workstation; try again in a minute.")

    shown: list[str] = []
    answer_next_message_box(shown)
    task = run_in_background(window, "Locked", fails, lambda _r: None)
    with qtbot.waitSignal(task.finished, timeout=5_000):
        pass
    qtbot.waitUntil(lambda: bool(shown))
    assert "locked by another workstation" in shown[0]


def test_unexpected_error_reaches_the_crash_dialog_naming_the_log(qtbot: QtBot) -> None:
    old_hook = sys.excepthook
    errors.install_excepthook()
    try:
        shown: list[str] = []
        answer_next_message_box(shown)
        try:
            raise KeyError("a bug")
        except KeyError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        assert shown and str(log_path()) in shown[0] and "Your saved data is safe" in shown[0]
    finally:
        sys.excepthook = old_hook
    assert QApplication.activeModalWidget() is None or not isinstance(QApplication.activeModalWidget(), QMessageBox)


def test_translations_compile_from_sources_when_no_qm_was_built(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(i18n.translations_folder() / "mission_roster_ru.ts", sources)
    compiled = i18n.compiled("ru", folder=sources, cache=tmp_path / "cache")
    assert compiled is not None and compiled.parent == tmp_path / "cache" and compiled.stat().st_size > 1000
    translator = QTranslator()
    assert translator.load(str(compiled))
    assert translator.translate("MainWindow", "&File") == "&Файл"
    assert i18n.compiled("xx", folder=sources, cache=tmp_path / "cache") is None
