"""The check-in screen driven as at the gate: a scanner types the code and Enter (found, refused,
a duplicate scan, undo), the counts and the missing by household follow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.gate_codes import gate_code
from desktop_app.services.crossing import Refusal, gate_counts
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.crossing.actions import print_boarding_list
from desktop_app.ui.crossing.checkin_screen import FOUND_COLOURS, REFUSED_COLOURS, CheckinScreen
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.workspace_signals import WorkspaceHub
from tests.services.checkin_support import Gate, make_gate


@pytest.fixture
def screen(db: Database, operator: str, qtbot: QtBot) -> Iterator[tuple[CheckinScreen, Gate]]:
    gate = make_gate(db, operator)
    hub = WorkspaceHub()
    hub.set_workspace(Workspace(db, operator))
    widget = CheckinScreen(hub, gate.list_id, "Rafah 14")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: "Expected 2" in widget.counts.text())
    yield widget, gate


def _scan(qtbot: QtBot, widget: CheckinScreen, text: str) -> object:
    with qtbot.waitSignal(widget.answered, timeout=10_000) as answered:
        qtbot.keyClicks(widget.scan_field, text)
        qtbot.keyClick(widget.scan_field, Qt.Key.Key_Return)
    return answered.args[0]


def test_a_scanned_code_is_found_and_shown_green_with_the_identity_fields(
        screen: tuple[CheckinScreen, Gate], qtbot: QtBot, db: Database) -> None:
    widget, gate = screen
    result = _scan(qtbot, widget, gate_code(gate.mother))
    assert result.accepted  # type: ignore[attr-defined]
    assert "G-1042 Орлова Анна: boarded" in widget.verdict.text()
    assert "1985-03-04" in widget.details.text() and "72 1234567" in widget.details.text()
    assert "H-00001 Orlov" in widget.details.text() and "approved" in widget.details.text()
    assert FOUND_COLOURS[0] in widget.verdict.styleSheet()
    assert widget.scan_field.text() == ""  # ready for the next scan
    qtbot.waitUntil(lambda: "checked in 1" in widget.counts.text())
    assert widget.missing_model.rowCount() == 1
    assert widget.missing_model.item(0).child(0).text() == "G-1043  Орлов Илья"
    assert gate_counts(db, gate.list_id).checked_in == 1


def test_refused_loudly_not_approved_unknown_and_a_duplicate_scan(screen: tuple[CheckinScreen, Gate],
                                                                  qtbot: QtBot) -> None:
    widget, gate = screen
    assert _scan(qtbot, widget, gate.pending).refusal is Refusal.NOT_APPROVED  # type: ignore[attr-defined]
    assert "not approved on Rafah 14" in widget.verdict.text()
    assert REFUSED_COLOURS[0] in widget.verdict.styleSheet()
    assert _scan(qtbot, widget, "ZZ-404+1").refusal is Refusal.MISREAD_CODE  # type: ignore[attr-defined]
    assert _scan(qtbot, widget, gate.son).accepted  # type: ignore[attr-defined]
    duplicate = _scan(qtbot, widget, gate_code(gate.son))
    assert duplicate.refusal is Refusal.ALREADY_CHECKED_IN  # type: ignore[attr-defined]
    assert "already checked in (boarded) at" in widget.verdict.text()
    assert REFUSED_COLOURS[0] in widget.verdict.styleSheet()


def test_undo_takes_the_wrong_scan_back(screen: tuple[CheckinScreen, Gate], qtbot: QtBot, db: Database) -> None:
    widget, gate = screen
    _scan(qtbot, widget, gate.son)
    qtbot.waitUntil(lambda: "checked in 1" in widget.counts.text())
    assert widget.undo_button.isEnabled()
    qtbot.mouseClick(widget.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "scan of" in widget.verdict.text() and "undone" in widget.verdict.text())
    qtbot.waitUntil(lambda: "checked in 0" in widget.counts.text())
    assert gate_counts(db, gate.list_id).checked_in == 0
    assert _scan(qtbot, widget, gate.son).accepted  # type: ignore[attr-defined]


def test_scans_typed_faster_than_answered_are_all_answered_in_order(screen: tuple[CheckinScreen, Gate],
                                                                    qtbot: QtBot) -> None:
    widget, gate = screen
    answers: list[object] = []
    widget.answered.connect(answers.append)
    for text in (gate.mother, gate.son, gate.outsider):
        qtbot.keyClicks(widget.scan_field, text)
        qtbot.keyClick(widget.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=15_000)
    assert [a.scanned for a in answers] == [gate.mother, gate.son, gate.outsider]  # type: ignore[attr-defined]
    assert [a.accepted for a in answers] == [True, True, False]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "missing 0" in widget.counts.text())


def test_the_lists_page_opens_the_gate_and_prints_the_boarding_list(qtbot: QtBot, db: Database, operator: str,
                                                                    preferences: Preferences, tmp_path: Path) -> None:
    gate = make_gate(db, operator)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("lists")
    window.lists.reload()
    window.lists.select_list(gate.list_id)
    qtbot.mouseClick(window.lists.checkin_button, Qt.MouseButton.LeftButton)
    screen = window.lists.checkin_screen
    qtbot.waitUntil(lambda: "Expected 2" in screen.counts.text())
    assert _scan(qtbot, screen, gate_code(gate.son)).accepted  # type: ignore[attr-defined]
    out = tmp_path / "gate.pdf"
    print_boarding_list(window.lists, window.hub, gate.list_id, "Rafah 14", str(out))
    qtbot.waitUntil(out.exists, timeout=15_000)
    assert out.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: "printed to" in window.statusBar().currentMessage())
    screen.close()
