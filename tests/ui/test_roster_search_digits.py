"""The roster page finds a number typed in Arabic-Indic or Persian digits (issue 14; the service's test:
tests/services/test_search_digits.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.storage.db import Database
from desktop_app.ui.roster_page import RosterPage
from tests.services.test_search_digits import _people


def test_the_roster_page_finds_a_number_typed_in_arabic_digits(qtbot: QtBot, db: Database, operator: str) -> None:
    typed_id, latin_id = _people(db, operator)
    owner = QWidget()
    qtbot.addWidget(owner)
    page = RosterPage(db, owner)
    for typed, person_id in (("٤٥١٢٣", typed_id), ("4512345678", typed_id), ("۴۵۹۸", latin_id)):
        page.search.setText(typed)
        page.apply_filters()
        qtbot.waitUntil(lambda text=typed, wanted=person_id: page.model.query.text == text and page.model.searched
                        and not page.model.loading and page.model.ids == [wanted], timeout=20_000)
