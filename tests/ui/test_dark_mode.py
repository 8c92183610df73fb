"""Dark mode (Windows 11, macOS): what the window colours itself stays readable (issue 21).

The application gets a dark palette as those systems give it (light text on dark bases). A row
painted a pastel status colour used to keep the theme's light text (a contrast near 1), and the
empty roster's hint was a fixed dark grey on the theme's black. Every coloured row and the hint
must now reach WCAG's 4.5 between text and background; the lock screen (its own dark cover with
white text) is pinned to stay so.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import status as status_service
from desktop_app.services.duplicates import FieldChoice
from desktop_app.storage.db import Database
from desktop_app.ui.colours import MIN_CONTRAST, contrast_ratio
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import MergeChoiceModel
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection.lock import LockScreen
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.roles import STATUS_ROLE

DARK = {QPalette.ColorRole.Window: "#202020", QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#1c1c1c", QPalette.ColorRole.AlternateBase: "#2b2b2b",
        QPalette.ColorRole.Text: "#ffffff", QPalette.ColorRole.Button: "#2d2d2d",
        QPalette.ColorRole.ButtonText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#9e9e9e"}


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    before = QPalette(qapp.palette())
    palette = QPalette(before)
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(before)


def test_every_coloured_roster_row_is_readable_in_dark_mode(qtbot: QtBot, dark: QPalette, window: MainWindow) -> None:
    model = window.roster.model
    db = window.db
    assert db is not None
    on_hold = model.person_id(0)
    status_service.change_status(db, on_hold, status_service.Status.ON_HOLD, operator="A. Petrova", reason="test")
    model.invalidate_person(on_hold)
    qtbot.waitUntil(lambda: model.index(0, 1).data(STATUS_ROLE) == "on_hold")  # its page read again off the GUI thread
    seen: set[str] = set()
    for row in range(model.rowCount()):
        background = model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole)
        if background is None:
            continue
        seen.add(model.index(row, 1).data(STATUS_ROLE))
        foreground = model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole)
        text = foreground.color() if foreground is not None else dark.color(QPalette.ColorRole.Text)
        assert contrast_ratio(text, background.color()) >= MIN_CONTRAST, (row, text.name(), background.color().name())
    assert len(seen) >= 5  # approved, crossed, evacuated, rejected, on hold at least


def test_rows_without_a_colour_keep_the_theme(dark: QPalette, window: MainWindow) -> None:
    model = window.roster.model
    plain = [row for row in range(model.rowCount()) if model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole) is None]
    assert plain and all(model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) is None for row in plain)


def _readable_wherever_coloured(model: QAbstractItemModel, palette: QPalette) -> int:
    """How many cells the model colours; each must be readable (its text on its background)."""
    coloured = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            foreground = index.data(Qt.ItemDataRole.ForegroundRole)
            if background is None:
                assert foreground is None  # the theme's own text on the theme's own base
                continue
            coloured += 1
            text = foreground.color() if foreground is not None else palette.color(QPalette.ColorRole.Text)
            assert contrast_ratio(text, background.color()) >= MIN_CONTRAST, (row, column)
    return coloured


def test_warnings_and_differences_in_other_tables_are_readable_in_dark_mode(dark: QPalette) -> None:
    documents: RecordsModel[str] = RecordsModel([("Number", str), ("Note", str)],
                                                warn=lambda number: "expired" if number.startswith("0") else None)
    documents.set_records(["0123456", "72 0123456"])
    assert _readable_wherever_coloured(documents, dark) == 2
    merge = MergeChoiceModel()
    merge.set_rows([FieldChoice("surname", "Surname", "Иванов", "Иванова", True, "keep"),
                    FieldChoice("given_names", "Given names", "Пётр", "Пётр", True, "keep")], ("A", "B"))
    assert _readable_wherever_coloured(merge, dark) == 3


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_empty_roster_hint_is_readable_on_either_theme(qapp: QApplication, qtbot: QtBot, db: Database,
                                                          preferences: Preferences, theme: str,
                                                          request: pytest.FixtureRequest) -> None:
    if theme == "dark":
        request.getfixturevalue("dark")
    main = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.roster.empty_hint.isVisible())
    hint = main.roster.empty_hint
    base = main.roster.table.viewport().palette().color(QPalette.ColorRole.Base)
    assert contrast_ratio(hint.palette().color(QPalette.ColorRole.Text), base) >= MIN_CONTRAST
    assert hint.palette().color(QPalette.ColorRole.Text) != main.roster.table.palette().color(QPalette.ColorRole.Text)
    main.close()


def test_the_lock_screen_is_readable_in_dark_mode(dark: QPalette, qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(600, 400)
    screen = LockScreen(host)
    screen.setGeometry(host.rect())
    host.show()
    qtbot.waitExposed(host)
    cover = screen.palette().color(QPalette.ColorRole.Window)
    for label in screen.findChildren(QLabel):
        label.ensurePolished()
        if label.text():
            assert contrast_ratio(label.palette().color(QPalette.ColorRole.WindowText), cover) >= MIN_CONTRAST
    edit = screen.findChild(QLineEdit)
    button = screen.findChild(QPushButton)
    assert edit is not None and button is not None
    edit.ensurePolished()
    button.ensurePolished()
    assert contrast_ratio(edit.palette().color(QPalette.ColorRole.Text),
                          edit.palette().color(QPalette.ColorRole.Base)) >= MIN_CONTRAST
    assert contrast_ratio(button.palette().color(QPalette.ColorRole.ButtonText),
                          button.palette().color(QPalette.ColorRole.Button)) >= MIN_CONTRAST
    screen.problem.setText("Wrong passphrase")
    screen.problem.ensurePolished()
    assert contrast_ratio(screen.problem.palette().color(QPalette.ColorRole.WindowText), cover) >= MIN_CONTRAST
    image = screen.grab().toImage()
    assert image.pixelColor(5, 5) == cover  # the cover is painted its own colour, not the theme's window


def test_contrast_ratio_is_wcag_s() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#d8f0d8")) < 1.3  # the theme's text on a pastel row
