"""Duplicates list and merge screen driven by keyboard: pick values, merge, undo, 'not a duplicate'."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import A, B, DuplicatesDialog, MergeDialog
from tests.services.test_reconcile_roster import Roster, build_roster
from tests.ui.typing import answer_next_message_box


@pytest.fixture
def pair(db: Database) -> tuple[int, int]:
    roster: Roster = build_roster(db)
    second = persons.create_person(db, {"surname_latin": "SCHERBAKOV", "given_names_latin": "IVAN",
                                        "birth_date": "1980-03-05", "email": "relative@example.org"},
                                   operator="t").id
    return roster.ids["ivan"], second


def _duplicates(qtbot: QtBot, db: Database) -> DuplicatesDialog:
    dialog = DuplicatesDialog(Workspace(db, "A. Petrova"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    return dialog


def test_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester: object, db: Database,
                                      pair: tuple[int, int]) -> None:
    dialog = _duplicates(qtbot, db)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    merge = MergeDialog(Workspace(db, "A. Petrova"), *pair)
    qtbot.addWidget(merge)
    qtmodeltester.check(merge.model)  # type: ignore[attr-defined]


def test_enter_opens_the_pair_and_the_merge_is_made_and_undone_by_keyboard(qtbot: QtBot, db: Database,
                                                                           pair: tuple[int, int]) -> None:
    ivan, second = pair
    dialog = _duplicates(qtbot, db)
    top = dialog.model.record(0)
    assert {top.a.id, top.b.id} == {ivan, second} and top.decision == "match"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    merge = dialog.merge_dialog
    qtbot.waitExposed(merge)
    rows = {merge.model.choice(r).key: r for r in range(merge.model.rowCount())}
    merge.table.setFocus()
    merge.table.setCurrentIndex(merge.model.index(rows["surname_latin"], 0))
    qtbot.keyClick(merge.table, Qt.Key.Key_Right)  # take B's Latin surname
    assert merge.model.picked("surname_latin") == B
    assert merge.model.data(merge.model.index(rows["surname_latin"], B), Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Checked
    merge.table.setCurrentIndex(merge.model.index(rows["email"], 0))
    assert merge.model.picked("email") == B  # empty on A: suggested from B
    qtbot.keyClick(merge.table, Qt.Key.Key_Space)
    assert merge.model.picked("email") == A
    qtbot.keyClick(merge.table, Qt.Key.Key_Space)

    replies: list[str] = []
    answer_next_message_box(replies)
    with qtbot.waitSignal(merge.merged, timeout=10_000):
        qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    assert "becomes 'merged'" in replies[0]
    a_id = top.a.id
    b_id = top.b.id
    kept = persons.get_person(db, a_id)
    assert persons.get_person(db, b_id).merged_into_id == a_id
    assert kept.email == "relative@example.org" and kept.surname_latin == persons.get_person(db, b_id).surname_latin

    with qtbot.waitSignal(merge.merged, timeout=10_000):
        qtbot.mouseClick(merge.undo_button, Qt.MouseButton.LeftButton)
    assert persons.get_person(db, b_id).merged_into_id is None
    assert "undone" in merge.status.text()
    merge.close()


def test_delete_marks_not_a_duplicate(qtbot: QtBot, db: Database, pair: tuple[int, int]) -> None:
    dialog = _duplicates(qtbot, db)
    count = dialog.model.rowCount()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert dialog.model.rowCount() == count - 1
    assert "marked as different persons" in dialog.count_label.text()
    again = _duplicates(qtbot, db)
    assert again.model.rowCount() == count - 1


def test_tools_menu_opens_the_duplicates(window: MainWindow, qtbot: QtBot) -> None:
    assert "Find &duplicates…" in [a.text() for a in window.actions.menu("Tools").actions()]
    window.actions["findDuplicates"].trigger()
    qtbot.waitUntil(lambda: window.findChildren(DuplicatesDialog)[-1].loaded, timeout=30_000)
    window.findChildren(DuplicatesDialog)[-1].close()



def _emptied_while_its_table_hears_a_key(qtbot: QtBot, dialog: DuplicatesDialog | MergeDialog) -> None:
    """Python's cycle collector empties a collected screen's attributes before Qt destroys it; its table, still
    alive until then, hears events (a focus moving, a key) that reach the screen's key filter, which had no
    `table` then (as the reconcile screen's had no `review_view`, test_reconcile_screen.py). Replayed as that
    moment: the screen's attributes emptied, a key on its table."""
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    held = dict(dialog.__dict__)
    dialog.__dict__.clear()
    try:  # an error in the filter fails the test (pytest-qt)
        QApplication.sendEvent(table, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier))
    finally:
        dialog.__dict__.update(held)
    dialog.close()


def test_the_duplicates_list_emptied_by_the_cycle_collector_takes_a_key_without_an_error(
        qtbot: QtBot, db: Database, pair: tuple[int, int]) -> None:
    dialog = _duplicates(qtbot, db)
    _emptied_while_its_table_hears_a_key(qtbot, dialog)


def test_the_merge_screen_emptied_by_the_cycle_collector_takes_a_key_without_an_error(
        qtbot: QtBot, db: Database, pair: tuple[int, int]) -> None:
    dialog = MergeDialog(Workspace(db, "A. Petrova"), *pair)
    qtbot.addWidget(dialog)
    _emptied_while_its_table_hears_a_key(qtbot, dialog)


def _merge_current_pair(qtbot: QtBot, dialog: DuplicatesDialog) -> MergeDialog:
    """Merge the pair current in the list (the first, unless another is made current)."""
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    merge = dialog.merge_dialog
    qtbot.waitExposed(merge)
    replies: list[str] = []
    answer_next_message_box(replies)
    with qtbot.waitSignal(merge.merged, timeout=10_000):
        qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    return merge


def test_closing_the_merge_screen_without_a_merge_searches_nothing_again(qtbot: QtBot, db: Database,
                                                                        pair: tuple[int, int]) -> None:
    """A new search at every look at a pair was a minute of CPU and gigabytes at a million persons (breaker X20c)."""
    dialog = _duplicates(qtbot, db)
    search, shown = dialog.search, list(dialog.model.records)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    merge = dialog.merge_dialog
    qtbot.waitExposed(merge)
    merge.reject()
    qtbot.wait(50)
    assert dialog.search is search and dialog.model.records == shown

    merge = _merge_current_pair(qtbot, dialog)  # merged, then undone in the screen: nothing changed either
    with qtbot.waitSignal(merge.merged, timeout=10_000):
        qtbot.mouseClick(merge.undo_button, Qt.MouseButton.LeftButton)
    merge.reject()
    qtbot.wait(50)
    assert dialog.search is search and dialog.model.records == shown


def test_a_merge_takes_the_merged_records_pairs_off_the_list_and_keeps_the_others(
        qtbot: QtBot, db: Database, pair: tuple[int, int]) -> None:
    for _ in range(2):  # another person registered twice: a pair the merge of the first does not touch
        persons.create_person(db, {"surname_latin": "ORLOVA", "given_names_latin": "MARIA", "birth_date": "1984-02-11"},
                              operator="t")
    dialog = _duplicates(qtbot, db)
    search = dialog.search
    row = next(r for r, p in enumerate(dialog.model.records) if {p.a.id, p.b.id} == set(pair))
    dialog.table.setCurrentIndex(dialog.model.index(row, 0))
    top = dialog.model.record(row)
    others = [p for p in dialog.model.records if not {p.a.id, p.b.id} & {top.a.id, top.b.id}]
    assert any(p.a.name.startswith("ORLOVA") for p in others)
    merge = _merge_current_pair(qtbot, dialog)
    gone = top.b.id if merge.kept_id == top.a.id else top.a.id
    merge.reject()
    qtbot.waitUntil(lambda: all(gone not in (p.a.id, p.b.id) for p in dialog.model.records))
    assert dialog.search is search  # no new search
    assert [p for p in dialog.model.records if not {p.a.id, p.b.id} & {top.a.id, top.b.id}] == others
    assert "merged" in dialog.count_label.text()
