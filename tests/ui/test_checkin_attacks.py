"""The check-in screen attacked as at a crowded gate: the scanner types into whatever has the keyboard
focus (after the officer ticked 'they cross here', while a colleague's write holds the roster),
codes come faster than they are answered, and a wrong scan is taken back after later ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.gate_codes import gate_code
from desktop_app.services.crossing import Refusal, ScanResult, gate_counts, undo_scan
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.crossing.checkin_screen import CheckinScreen
from desktop_app.ui.workspace_signals import WorkspaceHub
from tests.services.checkin_support import Gate, make_gate
from tests.storage.test_errors import held_lock


@pytest.fixture
def screen(db: Database, operator: str, qtbot: QtBot) -> Iterator[tuple[CheckinScreen, Gate]]:
    gate = make_gate(db, operator)
    hub = WorkspaceHub()
    hub.set_workspace(Workspace(db, operator))
    widget = CheckinScreen(hub, gate.list_id, "Rafah 14")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: "Expected 2" in widget.counts.text())
    yield widget, gate


def _scanner_types(qtbot: QtBot, text: str) -> None:
    """A USB scanner: keystrokes to whatever widget has the keyboard focus, then Enter."""
    target = QApplication.focusWidget()
    assert isinstance(target, QWidget), "nothing has the keyboard focus: the scan goes nowhere"
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def test_a_scan_after_ticking_they_cross_here_still_reaches_the_scan_field(
        screen: tuple[CheckinScreen, Gate], qtbot: QtBot, db: Database) -> None:
    widget, gate = screen
    qtbot.waitUntil(lambda: widget.scan_field.hasFocus())
    qtbot.mouseClick(widget.crossed_box, Qt.MouseButton.LeftButton)
    assert widget.crossed_box.isChecked()
    with qtbot.waitSignal(widget.answered, timeout=10_000) as answered:
        _scanner_types(qtbot, gate_code(gate.son))
    result = answered.args[0]
    assert isinstance(result, ScanResult) and result.accepted and result.kind == "crossed"
    assert gate_counts(db, gate.list_id).checked_in == 1


def test_codes_scanned_faster_than_answered_are_all_answered_in_order(
        screen: tuple[CheckinScreen, Gate], qtbot: QtBot, db: Database) -> None:
    widget, gate = screen
    results: list[ScanResult] = []
    widget.answered.connect(results.append)
    scans = [gate_code(gate.mother), gate.pending, gate_code(gate.mother), "G-1043+K", gate.son.lower()]
    for text in scans:  # no wait between them
        qtbot.keyClicks(widget.scan_field, text)
        qtbot.keyClick(widget.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(results) == len(scans), timeout=20_000)
    assert [r.refusal for r in results] == [None, Refusal.NOT_APPROVED, Refusal.ALREADY_CHECKED_IN,
                                            Refusal.MISREAD_CODE, None]
    qtbot.waitUntil(lambda: "checked in 2" in widget.counts.text())
    assert gate_counts(db, gate.list_id).missing == 0


def test_a_scan_while_a_colleague_holds_the_roster_is_not_lost_nor_cancelled_by_the_next(
        screen: tuple[CheckinScreen, Gate], qtbot: QtBot, db: Database, db_path: Path) -> None:
    widget, gate = screen
    results: list[ScanResult] = []
    widget.answered.connect(results.append)
    with held_lock(db_path, 4) as colleague:
        qtbot.waitUntil(lambda: widget.scan_field.hasFocus())
        _scanner_types(qtbot, gate_code(gate.mother))
        qtbot.waitUntil(lambda: any(d.isVisible() for d in widget.findChildren(QProgressDialog, "waitingForLock")),
                        timeout=5_000)
        qtbot.wait(300)  # the waiting window is up; the next family steps forward and is scanned
        _scanner_types(qtbot, gate_code(gate.son))
        qtbot.waitUntil(lambda: colleague.poll() is not None, timeout=20_000)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=20_000)
    assert all(r.accepted for r in results), [str(r.message) for r in results]
    assert gate_counts(db, gate.list_id).checked_in == 2


def test_a_scan_cancelled_while_waiting_for_the_roster_is_said_and_the_gate_goes_on(
        screen: tuple[CheckinScreen, Gate], qtbot: QtBot, db: Database, db_path: Path) -> None:
    widget, gate = screen
    results: list[ScanResult] = []
    widget.answered.connect(results.append)
    with held_lock(db_path, 3) as colleague:
        qtbot.waitUntil(lambda: widget.scan_field.hasFocus())
        _scanner_types(qtbot, gate_code(gate.mother))
        qtbot.waitUntil(lambda: any(d.isVisible() for d in widget.findChildren(QProgressDialog, "waitingForLock")),
                        timeout=5_000)
        waiting = next(d for d in widget.findChildren(QProgressDialog, "waitingForLock") if d.isVisible())
        cancel = waiting.findChild(QPushButton)
        assert isinstance(cancel, QPushButton)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # the officer gives the check-in up
        qtbot.waitUntil(lambda: "NOT checked in" in widget.verdict.text(), timeout=10_000)
        assert "G-1042+8" in widget.verdict.text()
        qtbot.waitUntil(lambda: colleague.poll() is not None, timeout=20_000)
    with qtbot.waitSignal(widget.answered, timeout=10_000):  # the gate is not stuck on the given-up scan
        _scanner_types(qtbot, gate_code(gate.son))
    assert [r.person.case_ref for r in results if r.person] == ["G-1043"]
    assert gate_counts(db, gate.list_id).checked_in == 1


def test_undo_after_later_refused_scans_takes_back_the_last_accepted_one(
        screen: tuple[CheckinScreen, Gate], qtbot: QtBot, db: Database) -> None:
    widget, gate = screen
    for text in (gate_code(gate.son), gate.pending, "ZZ-1+1"):
        with qtbot.waitSignal(widget.answered, timeout=10_000):
            _scanner_types(qtbot, text)
    assert widget.undo_button.isEnabled()
    qtbot.keyClick(widget.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "G-1043: scan of" in widget.verdict.text(), timeout=10_000)
    assert gate_counts(db, gate.list_id).checked_in == 0


def test_an_undo_a_colleague_already_made_is_said_on_the_screen_not_in_a_dialog_that_eats_the_next_scan(
        screen: tuple[CheckinScreen, Gate], qtbot: QtBot, db: Database, operator: str) -> None:
    widget, gate = screen
    with qtbot.waitSignal(widget.answered, timeout=10_000):
        _scanner_types(qtbot, gate_code(gate.son))
    undo_scan(db, gate.list_id, gate.son, operator="colleague at door 2")  # taken back at the other door
    qtbot.keyClick(widget.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "No check-in on Rafah 14" in widget.verdict.text(), timeout=10_000)
    assert QApplication.activeModalWidget() is None
    with qtbot.waitSignal(widget.answered, timeout=10_000) as answered:
        _scanner_types(qtbot, gate_code(gate.mother))
    assert answered.args[0].accepted
