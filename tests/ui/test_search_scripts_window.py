"""The roster page's search box finds a name written in Arabic letters from a Cyrillic or Latin query."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from tests.ui.typing import type_text


def _shown_names(window: MainWindow) -> list[str]:
    """The Name column as the officer sees it."""
    model = window.roster.model
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Name")
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_cyrillic_and_latin_queries_find_arabic_names(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    mohammed = persons.create_person(demo_db, {"surname": "محمد", "given_names": "علي"}, operator="t").id
    shanab = persons.create_person(demo_db, {"surname": "أبو شنب", "given_names": "هدى"}, operator="t").id
    window.roster.model.refresh()
    search = window.findChild(QLineEdit, "searchBox")
    for typed, wanted, name in (("мухаммед", mohammed, "محمد علي"), ("мохаммед", mohammed, "محمد علي"),
                                ("Abu Shanab", shanab, "أبو شنب هدى")):
        search.clear()
        type_text(search, typed)
        qtbot.waitUntil(lambda typed=typed: window.roster.model.query.text == typed)
        assert wanted in window.roster.model.ids, typed
        assert name in _shown_names(window), typed
    window.grab().save("/tmp/search_scripts_window.png")
