"""Find duplicates in the window: the pairs of one registration entered many times merged in one act, undone at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import backups, persons
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog
from tests.ui.typing import answer_next_message_box


def _copies(db: Database, count: int) -> list[int]:
    """The ids of one registration entered `count` times alike, the first first."""
    return [persons.create_person(
        db, {"surname": "Saleh", "given_names": "Rami", "birth_date": "1979-01-23", "sex": "M"}, operator="t",
        documents=[DocumentData.create(DocumentType.PASSPORT, "RL5512077", "SYR")]).id for _ in range(count)]


def _opened(window: MainWindow, qtbot: QtBot) -> DuplicatesDialog:
    window.actions["findDuplicates"].trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(DuplicatesDialog))
                    and window.findChildren(DuplicatesDialog)[-1].loaded, timeout=60_000)
    return window.findChildren(DuplicatesDialog)[-1]


def _select_pairs_among(dialog: DuplicatesDialog, ids: set[int]) -> int:
    """Select (as Ctrl+click does) every listed pair of two of `ids`; returns how many."""
    rows = [row for row, pair in enumerate(dialog.model.records) if {pair.a.id, pair.b.id} <= ids]
    selection = dialog.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(dialog.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    return len(rows)


def test_the_selected_pairs_of_one_registration_merge_in_one_act_and_one_undo_separates_them(
        window: MainWindow, qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "merge-backups"
    folder.mkdir()
    backups.use_backup_folder(demo_db, folder)
    first, *others = _copies(demo_db, 5)
    first_ref = persons.get_person(demo_db, first).case_ref
    dialog = _opened(window, qtbot)
    assert _select_pairs_among(dialog, {first, *others}) >= len(others)

    replies: list[str] = []
    answer_next_message_box(replies)
    qtbot.mouseClick(dialog.merge_selected_button, Qt.MouseButton.LeftButton)

    assert f"Merge 4 records into {first_ref} " in replies[0]
    assert {persons.get_person(demo_db, other).merged_into_id for other in others} == {first}
    assert len(list(folder.glob("*-before-merge*"))) == 1  # one backup, not one per record
    assert not [p for p in dialog.model.records if {p.a.id, p.b.id} & set(others)]  # the list updated
    assert f"4 records merged into {first_ref}" in dialog.count_label.text()
    assert window.undo_stack.canUndo()

    window.undo_stack.undo()  # Edit > Undo: every record apart again, in one step

    qtbot.waitUntil(lambda: persons.get_person(demo_db, others[-1]).status == "registered", timeout=20_000)
    assert {persons.get_person(demo_db, other).merged_into_id for other in others} == {None}
    assert "undone" in dialog.count_label.text()
    dialog.close()


def test_pairs_of_two_registrations_selected_together_merge_nothing(
        window: MainWindow, qtbot: QtBot, demo_db: Database) -> None:
    one, two = _copies(demo_db, 2)
    three, four = (persons.create_person(
        demo_db, {"surname": "Nasser", "given_names": "Huda", "birth_date": "1993-07-04", "sex": "F"}, operator="t",
        documents=[DocumentData.create(DocumentType.PASSPORT, "NH0099231", "JOR")]).id for _ in range(2))
    dialog = _opened(window, qtbot)
    assert _select_pairs_among(dialog, {one, two}) + _select_pairs_among_kept(dialog, {three, four}) == 2

    replies: list[str] = []
    answer_next_message_box(replies)
    qtbot.mouseClick(dialog.merge_selected_button, Qt.MouseButton.LeftButton)

    assert "not all linked to one record" in replies[0]
    assert {persons.get_person(demo_db, person).status for person in (one, two, three, four)} == {"registered"}
    dialog.close()


def _select_pairs_among_kept(dialog: DuplicatesDialog, ids: set[int]) -> int:
    """As `_select_pairs_among`, keeping what is selected already."""
    rows = [row for row, pair in enumerate(dialog.model.records) if {pair.a.id, pair.b.id} <= ids]
    for row in rows:
        dialog.table.selectionModel().select(dialog.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                             | QItemSelectionModel.SelectionFlag.Rows)
    return len(rows)
