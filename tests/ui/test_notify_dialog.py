"""The Notify dialog driven as the officer does: choose the language and fields, see the order to call and
the SMS count, log an outcome, write the call sheet; opened from the Lists page and the roster's menu."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop_app.services import lists, persons
from desktop_app.services.crossing import NotifyGroup, attempts_of
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.crossing.notify_dialog import NotifyDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.workspace_signals import WorkspaceHub
from tests.ui.opening import roster_read


@pytest.fixture
def listed(db: Database, operator: str) -> int:
    ids = [persons.create_person(db, {"surname": s, "given_names": g, "surname_latin": sl, "given_names_latin": gl,
                                      "case_ref": ref}, operator=operator, phones=phones).id
           for s, g, sl, gl, ref, phones in (
               ("Орлова", "Анна", "ORLOVA", "ANNA", "G-1042", ["+20 100 123 4567"]),
               ("أبو شنب", "أحمد", "ABU SHANAB", "AHMAD", "G-1044", ["+970 59 912 3456"]))]
    created = lists.create_list(db, "Rafah 14", operator=operator)
    lists.add_members(db, created.id, ids, operator=operator)
    return created.id


def _fill(qtbot: QtBot, dialog: NotifyDialog) -> None:
    for edit, text in ((dialog.date, "14.11"), (dialog.time, "07:00"), (dialog.meeting_point, "Rafah gate"),
                       (dialog.bring, "passports")):
        qtbot.keyClicks(edit, text)


def test_the_dialog_shows_the_order_the_message_and_its_count_then_logs_and_writes(
        qtbot: QtBot, db: Database, operator: str, listed: int, tmp_path: Path) -> None:
    hub = WorkspaceHub()
    hub.set_workspace(Workspace(db, operator))
    dialog = NotifyDialog(hub, NotifyGroup(list_id=listed), "Rafah 14")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.template.count() > 0)
    qtbot.waitUntil(lambda: dialog.problem.isVisible() and "needs date" in dialog.problem.text())
    _fill(qtbot, dialog)
    dialog.language.setCurrentText("ru")
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.template.language == "ru"
                    and dialog.plan.fields.bring == "passports", timeout=10_000)
    assert dialog.model.rowCount() == 2 and "2 persons, 2 not reached yet" in dialog.summary.text()
    assert dialog.message.toPlainText().startswith("Орлова Анна, ваша эвакуация одобрена. Сбор 14.11 в 07:00")
    assert "UCS-2" in dialog.counter.text() and "2 SMS of 67 each" in dialog.counter.text()
    image = dialog.qr.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * image.height())
    pixels = pixels.reshape(image.height(), image.bytesPerLine())[:, :image.width()].copy()
    assert [found.text for found in zxingcpp.read_barcodes(pixels)] == [dialog.current().phones[0].links.whatsapp]
    first = dialog.current()
    assert first is not None
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(type(dialog.link_buttons[0]), "outcome_no_answer"),
                         Qt.MouseButton.LeftButton)
    assert [a.outcome for a in attempts_of(db, first.person_id)] == ["no_answer"]
    dialog.language.setCurrentText("ar")
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.template.language == "ar", timeout=10_000)
    assert dialog.message.layoutDirection() == Qt.LayoutDirection.RightToLeft
    out = tmp_path / "calls.pdf"
    with qtbot.waitSignal(dialog.written, timeout=15_000):
        dialog.write_file("call_sheet", "PDF (*.pdf)", str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_notify_from_the_lists_page_and_the_roster_menu(qtbot: QtBot, db: Database, listed: int,
                                                        preferences: Preferences) -> None:
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    roster_read(qtbot, window)  # Notify from the roster's menu waits for every id, read off the GUI thread
    window.show_page("lists")
    window.lists.reload()
    window.lists.select_list(listed)
    qtbot.mouseClick(window.lists.notify_button, Qt.MouseButton.LeftButton)
    dialog = window.lists.notify_dialog
    assert isinstance(dialog, NotifyDialog) and dialog.group.list_id == listed and dialog.approved_only.isChecked()
    dialog.close()
    qtbot.waitUntil(lambda: "notify" in window.actions)
    window.actions["notify"].trigger()
    roster_dialogs = [d for d in window.findChildren(NotifyDialog) if d.group.person_ids is not None]
    assert roster_dialogs and len(roster_dialogs[-1].group.person_ids or ()) == 2
    roster_dialogs[-1].close()


def test_the_dashboard_counts_the_approved_for_tomorrow_not_yet_reached(qtbot: QtBot, db: Database, operator: str,
                                                                       listed: int, preferences: Preferences) -> None:
    import datetime as dt

    from desktop_app.domain.lists import Answer
    from desktop_app.domain.status import Status
    from desktop_app.services import status
    from desktop_app.services.crossing import Outcome, record_attempt

    members = [m.person_id for m in lists.members(db, listed)]
    for person_id in members:
        status.change_status(db, person_id, Status.VERIFIED, operator=operator)
    lists.mark_sent(db, listed, operator=operator)
    lists.record_answers(db, listed, members, Answer.APPROVED, operator=operator,
                         valid_until=dt.date.today() + dt.timedelta(days=3))
    record_attempt(db, members[0], Outcome.REACHED, operator=operator)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("dashboard")
    figure = window.dashboard.figures["not_reached"]
    qtbot.waitUntil(lambda: figure.value.text() == "1", timeout=10_000)
    assert "approved for tomorrow, not yet reached" in figure.caption.text()


def test_the_reconfirmation_round_in_the_dialog(qtbot: QtBot, db: Database, operator: str, listed: int) -> None:
    from desktop_app.services.crossing import confirm

    first = lists.members(db, listed)[0]
    confirm(db, first.person_id, operator=operator)
    hub = WorkspaceHub()
    hub.set_workspace(Workspace(db, operator))
    dialog = NotifyDialog(hub, NotifyGroup(list_id=listed), "Rafah 14")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.template.count() > 0)
    _fill(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None and len(dialog.plan.recipients) == 2, timeout=10_000)
    qtbot.keyClick(dialog.reconfirm, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.plan is not None and len(dialog.plan.recipients) == 1, timeout=10_000)
    assert dialog.plan.recipients[0].person_id != first.person_id
