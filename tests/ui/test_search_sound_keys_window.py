"""The roster page's search box finds a Cyrillic name from any Latin spelling (issue 14)."""

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


def test_latin_spellings_find_the_cyrillic_name(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    khasanov = persons.create_person(demo_db, {"surname": "Хасанов", "given_names": "Артём"}, operator="t").id
    latin = persons.create_person(demo_db, {"surname_latin": "Khasanova", "given_names_latin": "Yulia"},
                                  operator="t").id
    window.roster.model.refresh()
    search = window.findChild(QLineEdit, "searchBox")
    for typed, wanted, name in (("hasanov artyom", khasanov, "Хасанов Артём"), ("xasanov", khasanov, "Хасанов Артём"),
                                ("хасанова юлия", latin, "KHASANOVA YULIA"), ("hasanova julia", latin,
                                                                               "KHASANOVA YULIA")):
        search.clear()
        type_text(search, typed)
        qtbot.waitUntil(lambda typed=typed: window.roster.model.query.text == typed)
        assert wanted in window.roster.model.ids, typed
        assert name in _shown_names(window), typed
