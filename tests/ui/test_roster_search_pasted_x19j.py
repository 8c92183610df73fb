"""Breaker X19j (issue 19): a column of names pasted from Excel into the roster page's search box, and
the officer typing on while that search runs (the service's tests:
tests/services/test_search_pasted_attacks_x19j.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.ui.roster_page import RosterPage


def test_a_pasted_column_of_names_is_shown_and_typing_on_shows_the_last_search(
        qtbot: QtBot, db: Database, operator: str) -> None:
    ivanova = persons.create_person(db, {"surname": "Иванова", "given_names": "Анна"}, operator=operator)
    petrova = persons.create_person(db, {"surname": "Петрова", "given_names": "Анна"}, operator=operator)
    owner = QWidget()
    qtbot.addWidget(owner)
    page = RosterPage(db, owner)
    pasted = "\r\n".join(["иванова\tанна"] * 255)  # 510 words: its first page was SQLite's refusal before
    page.search.setText(pasted)
    page.apply_filters()
    qtbot.waitUntil(lambda: page.model.query.text == pasted and page.model.searched and not page.model.loading,
                    timeout=30_000)
    assert page.model.ids == [ivanova.id]
    for typed in (pasted, "петрова", pasted, "анна", "петрова"):  # typed on while the pasted search runs
        page.search.setText(typed)
        page.apply_filters()
    qtbot.waitUntil(lambda: page.model.query.text == "петрова" and page.model.searched and not page.model.loading,
                    timeout=30_000)
    assert page.model.ids == [petrova.id]
    owner.close()

