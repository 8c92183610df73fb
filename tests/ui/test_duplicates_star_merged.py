"""Find duplicates in the window: a star of copies (more than `STAR_COPIES`) selected whole and merged in one act
into its first record, and a second search offering nothing of the class (breaker X22d, session 20)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching import STAR_COPIES
from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog
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
    rows = [row for row, pair in enumerate(dialog.model.records) if {pair.a.id, pair.b.id} & set(copies)]
    assert sorted((dialog.model.records[row].a.id, dialog.model.records[row].b.id) for row in rows) == [
        (first, other) for other in others]  # the star: each copy once, with the first
    selection = dialog.table.selectionModel()
    for row in reversed(rows):  # as a hurried officer's Shift+click from the bottom up
        selection.select(dialog.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)

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
