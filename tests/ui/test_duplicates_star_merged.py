"""Find duplicates in the window: a star of copies (more than `STAR_COPIES`) selected whole and merged in one act
into its first record, and a second search offering nothing of the class (breaker X22d, session 20)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching import STAR_COPIES
from desktop_app.services import persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog
from desktop_app.ui.preferences import Preferences
from tests.ui.opening import shown_window
from tests.ui.typing import answer_next_message_box


def _opened(window: MainWindow, qtbot: QtBot) -> DuplicatesDialog:
    window.actions["findDuplicates"].trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(DuplicatesDialog))
                    and window.findChildren(DuplicatesDialog)[-1].loaded, timeout=60_000)
    return window.findChildren(DuplicatesDialog)[-1]


def test_a_star_selected_whole_merges_into_its_first_and_is_not_offered_again(
        window: MainWindow, qtbot: QtBot, demo_db: Database) -> None:
    copies = [persons.create_person(
        demo_db, {"surname": "Saleh", "given_names": "Rami", "birth_date": "1979-01-23", "sex": "M"}, operator="t",
        documents=[DocumentData.create(DocumentType.PASSPORT, "RL5512077", "SYR")]).id for _ in range(STAR_COPIES + 4)]
    first, *others = copies
    dialog = _opened(window, qtbot)
    assert _select_the_star(dialog, copies) == [(first, other) for other in others]  # each copy once, with the first

    replies: list[str] = []
    answer_next_message_box(replies)
    qtbot.mouseClick(dialog.merge_selected_button, Qt.MouseButton.LeftButton)

    assert f"Merge {len(others)} records into {persons.get_person(demo_db, first).case_ref} " in replies[0]
    qtbot.waitUntil(lambda: {persons.get_person(demo_db, other).merged_into_id for other in others} == {first},
                    timeout=30_000)
    dialog.close()
    again = _opened(window, qtbot)
    assert not [pair for pair in again.model.records if {pair.a.id, pair.b.id} & set(copies)]
    again.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_a_star_the_model_leaves_to_look_at_merges_in_one_act(qtbot: QtBot, tmp_path: Path,
                                                                preferences: Preferences) -> None:
    """A file imported 250 times over whose persons give names, a birth date, sex and a passport only, among 1,000
    persons: their number borne by 250 holders and their name as common, the model offers each copy of the star for
    a look ('review'), and 'Merge selected into one…' refuses a selection holding a pair to look at (cc25918). The
    star the finder offers for merging into its first is merged one pair at a time, 249 times."""
    database = open_database(tmp_path / "roster.db")
    try:
        build_demo_roster(database, persons=1_000)
        copies = [persons.create_person(
            database, {"surname": "Saleh", "given_names": "Rami", "birth_date": "1979-01-23", "sex": "M"},
            operator="t", documents=[DocumentData.create(DocumentType.PASSPORT, "RL5512077", "SYR")]).id
            for _ in range(250)]
        first, *others = copies
        window = shown_window(qtbot, database, preferences)
        dialog = _opened(window, qtbot)
        assert _select_the_star(dialog, copies) == [(first, other) for other in others]
        replies: list[str] = []
        answer_next_message_box(replies)
        qtbot.mouseClick(dialog.merge_selected_button, Qt.MouseButton.LeftButton)
        dialog.close()
        window.close()
        assert f"Merge {len(others)} records into {persons.get_person(database, first).case_ref} " in replies[0]
    finally:
        database.close()


def _select_the_star(dialog: DuplicatesDialog, copies: list[int]) -> list[tuple[int, int]]:
    """Select (as Shift+click from the bottom up) every listed pair holding one of `copies`, nothing else; the pairs."""
    rows = [row for row, pair in enumerate(dialog.model.records) if {pair.a.id, pair.b.id} & set(copies)]
    selection = dialog.table.selectionModel()
    selection.clearSelection()
    for row in reversed(rows):
        selection.select(dialog.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    return sorted((dialog.model.records[row].a.id, dialog.model.records[row].b.id) for row in rows)
