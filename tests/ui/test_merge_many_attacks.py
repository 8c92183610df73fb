"""Breaker X22c on 'Merge selected into one…' in Find duplicates (the window's merge of many copies in one act)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import persons
from desktop_app.services.duplicates import DuplicateCandidate
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import DuplicatesDialog, _kept_of
from tests.storage.test_errors import held_lock
from tests.ui.test_merge_many_dialog import _copies, _opened, _select_pairs_among
from tests.ui.typing import answer_next_message_box


def test_pairs_linked_only_through_a_chain_name_no_record_to_merge_into(
        window: MainWindow, qtbot: QtBot, demo_db: Database) -> None:
    """A–B, B–C, C–D selected (Ctrl+click down a list): D was never paired with the record everyone would be merged
    into (B, the one in most pairs), so nobody compared them; the window must not merge D into B on that."""
    a, b, c, d = _copies(demo_db, 4)
    dialog = _opened(window, qtbot)
    found = {frozenset((pair.a.id, pair.b.id)): pair for pair in dialog.model.records}
    chain: list[DuplicateCandidate] = [found[frozenset(ends)] for ends in ((a, b), (b, c), (c, d))]

    assert _kept_of(chain) is None  # a chain is not one record's pairs
    assert _kept_of(chain[:2]) is not None and _kept_of(chain[:2]).id == b  # type: ignore[union-attr]
    star = [found[frozenset((a, other))] for other in (b, c, d)]
    assert _kept_of(star) is not None and _kept_of(star).id == a  # type: ignore[union-attr]

    rows = [dialog.model.records.index(pair) for pair in chain]  # Ctrl+click on each
    for row in rows:
        dialog.table.selectionModel().select(dialog.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                             | QItemSelectionModel.SelectionFlag.Rows)
    replies: list[str] = []
    answer_next_message_box(replies)
    qtbot.mouseClick(dialog.merge_selected_button, Qt.MouseButton.LeftButton)

    assert "not all linked to one record" in replies[0]
    assert {persons.get_person(demo_db, person).status for person in (a, b, c, d)} == {"registered"}
    dialog.close()


def test_the_dialog_closed_while_the_merge_waits_for_a_colleague_leaves_it_undoable(
        window: MainWindow, qtbot: QtBot, demo_db: Database, db_path: Path) -> None:
    """The hurried officer confirms, sees the roster is busy and closes Find duplicates: the wait is given up with
    the dialog, and nothing may reach the crash dialog (it told the Cancelled on the deleted dialog: RuntimeError);
    a merge written anyway must have its Edit > Undo."""
    first, *others = _copies(demo_db, 3)
    dialog = _opened(window, qtbot)
    assert _select_pairs_among(dialog, {first, *others}) >= 2
    replies: list[str] = []
    closer, closed = _closing(dialog, lambda: bool(replies) and not dialog.merge_selected_button.isEnabled())
    with held_lock(db_path, 6.0) as colleague:
        answer_next_message_box(replies)
        closer.start()
        QTimer.singleShot(0, lambda: qtbot.mouseClick(dialog.merge_selected_button, Qt.MouseButton.LeftButton))
        qtbot.waitUntil(lambda: colleague.poll() is not None, timeout=30_000)
    closer.stop()
    assert closed  # closed while the merge waited
    qtbot.wait(1500)  # the merge, if it goes on, is written now
    merged = {persons.get_person(demo_db, other).merged_into_id for other in others}
    if merged == {None}:
        return  # given up with the dialog: nothing written, nothing to undo
    assert merged == {first}
    assert window.undo_stack.canUndo() and "Merge 2 records" in window.undo_stack.undoText()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: {persons.get_person(demo_db, other).merged_into_id for other in others} == {None},
                    timeout=20_000)


def test_a_pair_that_needs_a_look_is_not_merged_unseen_among_the_selected(
        window: MainWindow, qtbot: QtBot, demo_db: Database) -> None:
    """A father entered twice and his son named alike, born 30 years later: the finder offers the father's copies
    as 'almost surely' and each with the son as 'look'. Ctrl+A and 'Merge selected into one…' merged the son into
    his father with nobody comparing them; a pair the finder only asks to look at must be compared (Enter) first."""
    father, copy = (persons.create_person(
        demo_db, {"surname": "Darwish", "given_names": "Youssef Ahmad", "birth_date": "1961-05-14", "sex": "M",
                  "place_of_birth": "Homs"}, operator="t").id for _ in range(2))
    son = persons.create_person(
        demo_db, {"surname": "Darwish", "given_names": "Youssef Ahmad", "birth_date": "1991-05-14", "sex": "M",
                  "place_of_birth": "Homs"}, operator="t").id
    dialog = _opened(window, qtbot)
    family = {father, copy, son}
    among = [pair for pair in dialog.model.records if {pair.a.id, pair.b.id} <= family]
    assert {pair.decision for pair in among if son in (pair.a.id, pair.b.id)} == {"review"}  # as the finder says
    assert [pair.decision for pair in among if son not in (pair.a.id, pair.b.id)] == ["match"]
    assert _select_pairs_among(dialog, family) == len(among) >= 2

    replies: list[str] = []
    answer_next_message_box(replies)
    qtbot.mouseClick(dialog.merge_selected_button, Qt.MouseButton.LeftButton)

    assert "need a look" in replies[0]
    assert {persons.get_person(demo_db, person).status for person in family} == {"registered"}
    dialog.close()


def test_a_copy_a_colleague_corrected_after_the_list_was_made_is_not_merged_on_the_old_list(
        window: MainWindow, qtbot: QtBot, demo_db: Database) -> None:
    """The list was made; a colleague then corrects one 'copy' (it was his brother: other given names and birth
    date). 'Merge selected into one…' merged it on the list's old picture, the confirmation naming only references;
    it must refuse, naming the record changed, and merge nothing."""
    first, second, brother = _copies(demo_db, 3)
    dialog = _opened(window, qtbot)
    assert _select_pairs_among(dialog, {first, second, brother}) >= 2
    persons.update_person(demo_db, brother, {"given_names": "Fadi", "birth_date": "1983-11-02"},
                          operator="B. Colleague")
    brother_ref = persons.get_person(demo_db, brother).case_ref

    replies: list[str] = []

    def answer() -> None:  # the confirmation (Yes), then whatever the window tells
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            replies.append(box.text())
            (box.defaultButton() or box.buttons()[0]).click()

    answering = QTimer(window)
    answering.setInterval(20)
    answering.timeout.connect(answer)
    answering.start()
    qtbot.mouseClick(dialog.merge_selected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(replies) >= 2, timeout=20_000)
    answering.stop()

    assert brother_ref in replies[1] and "B. Colleague" in replies[1]
    assert {persons.get_person(demo_db, person).status for person in (first, second, brother)} == {"registered"}
    dialog.close()


def test_the_dialog_closed_while_not_a_duplicate_waits_for_a_colleague_reaches_no_crash_dialog(
        window: MainWindow, qtbot: QtBot, demo_db: Database, db_path: Path) -> None:
    """As for the merge of several: Del ('not a duplicate') while a colleague writes, then the dialog closed. The
    wait is given up with it; telling its Cancelled on the deleted dialog raised RuntimeError."""
    one, two = _copies(demo_db, 2)
    dialog = _opened(window, qtbot)
    row = next(row for row, pair in enumerate(dialog.model.records) if {pair.a.id, pair.b.id} == {one, two})
    dialog.table.setCurrentIndex(dialog.model.index(row, 0))
    closer, closed = _closing(dialog, lambda: any(w.objectName() == "waitingForLock" and w.isVisible()
                                                  for w in QApplication.topLevelWidgets()))
    with held_lock(db_path, 6.0) as colleague:
        closer.start()
        QTimer.singleShot(0, dialog.dismiss_current)
        qtbot.waitUntil(lambda: colleague.poll() is not None, timeout=30_000)
    closer.stop()
    assert closed
    qtbot.wait(1000)
    assert {persons.get_person(demo_db, person).status for person in (one, two)} == {"registered"}


def _closing(dialog: DuplicatesDialog, waiting: Callable[[], bool]) -> tuple[QTimer, list[bool]]:
    """A timer (not started) that closes `dialog` once `waiting()` holds, as the officer's click on its close
    button in the wait; the list holds what close() returned."""
    closed: list[bool] = []

    def close_while_waiting() -> None:
        if not closed and waiting():
            closer.stop()
            closed.append(dialog.close())

    closer = QTimer(dialog.parent())
    closer.setInterval(20)
    closer.timeout.connect(close_while_waiting)
    return closer, closed
