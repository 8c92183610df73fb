"""Who may go in the window: a person's basis and evidence with what is missing, the confirmation, and a list's
flagged members overridden with a reason; the roster's row menu and the Lists menu open them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.domain.eligibility import Basis, Evidence
from desktop_app.domain.status import Status
from desktop_app.services import lists, persons, status
from desktop_app.services.crossing import eligibility_of, flagged_on_list, set_basis
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui.crossing.eligibility_dialog import ListEligibilityDialog, PersonEligibilityDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.workspace_signals import WorkspaceHub


@pytest.fixture
def hub(db: Database, operator: str) -> WorkspaceHub:
    workspace_hub = WorkspaceHub()
    workspace_hub.set_workspace(Workspace(db, operator))
    return workspace_hub


def _person(db: Database, operator: str, ref: str) -> int:
    return persons.create_person(db, {"surname": "Abu Shanab", "given_names": "Ahmad", "case_ref": ref},
                                 operator=operator).id


def test_the_person_dialog_says_what_is_missing_saves_and_confirms(qtbot: QtBot, db: Database, operator: str,
                                                                   hub: WorkspaceHub) -> None:
    person_id = _person(db, operator, "G-1044")
    dialog = PersonEligibilityDialog(hub, person_id, "G-1044")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "never" in dialog.confirmed.text())
    dialog.basis.setCurrentIndex(dialog.basis.findData("spouse"))
    qtbot.keyClick(dialog.evidence[Evidence.PASSPORT], Qt.Key.Key_Space)  # ticked from the keyboard
    assert dialog.missing.text() == "Missing: marriage certificate"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveEligibility"), Qt.MouseButton.LeftButton)
    view = eligibility_of(db, [person_id])[person_id]
    assert view.basis is Basis.SPOUSE and view.missing == [Evidence.MARRIAGE_CERTIFICATE]
    dialog.confirm_today()
    qtbot.waitUntil(lambda: dt.date.today().isoformat() in dialog.confirmed.text(), timeout=10_000)
    assert eligibility_of(db, [person_id])[person_id].last_confirmed == dt.date.today()


def test_the_list_dialog_overrides_a_flagged_member_with_the_reason(qtbot: QtBot, db: Database, operator: str,
                                                                    hub: WorkspaceHub) -> None:
    person_id = _person(db, operator, "G-1044")
    status.change_status(db, person_id, Status.VERIFIED, operator=operator)
    created = lists.create_list(db, "Rafah 14", operator=operator)
    lists.add_members(db, created.id, [person_id], operator=operator)
    set_basis(db, person_id, Basis.SPOUSE, [Evidence.PASSPORT], operator=operator)
    dialog = ListEligibilityDialog(hub)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert "without an override" in dialog.summary.text()
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.shown, timeout=10_000):
        dialog.override_selected("certificate seen by video call")
    assert [f.override for f in flagged_on_list(db, created.id)] == ["certificate seen by video call"]
    assert "each overridden" in dialog.summary.text()
    assert lists.mark_sent(db, created.id, operator=operator).state == "sent"


def test_the_menus_open_them(qtbot: QtBot, db: Database, operator: str, preferences: Preferences) -> None:
    _person(db, operator, "G-1044")
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: "eligibility" in window.actions and window.roster.model.ids != [])
    window.roster.table.selectRow(0)
    window.actions["eligibility"].trigger()
    assert window.findChildren(PersonEligibilityDialog)
    window.actions["listEligibility"].trigger()
    assert window.findChildren(ListEligibilityDialog)
    for dialog in [*window.findChildren(PersonEligibilityDialog), *window.findChildren(ListEligibilityDialog)]:
        dialog.close()


def test_the_household_page_flags_a_member_whose_evidence_is_missing(qtbot: QtBot, db: Database, operator: str,
                                                                       preferences: Preferences) -> None:
    from desktop_app.domain.person import Relationship
    from desktop_app.services import households

    wife = persons.create_person(db, {"surname": "Орлова", "given_names": "Анна", "case_ref": "G-1042"},
                                 operator=operator).id
    husband = _person(db, operator, "G-1044")
    household = households.create_household(db, "Abu Shanab", operator=operator, head_person_id=wife)
    households.add_member(db, household.id, husband, Relationship.SPOUSE, operator=operator)
    set_basis(db, wife, Basis.CITIZEN, [Evidence.PASSPORT], operator=operator)
    set_basis(db, husband, Basis.SPOUSE, [Evidence.PASSPORT], operator=operator)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("households")
    window.households.select_household(household.id)
    qtbot.waitUntil(lambda: window.households.split_warning.isVisible())
    assert window.households.split_warning.text() == "⚠ G-1044: spouse without marriage certificate"


def test_the_lists_page_shades_a_member_lacking_evidence_until_overridden(
        qtbot: QtBot, db: Database, operator: str, preferences: Preferences) -> None:
    from desktop_app.services.crossing import override

    person_id = _person(db, operator, "G-1044")
    created = lists.create_list(db, "Rafah 14", operator=operator)
    lists.add_members(db, created.id, [person_id], operator=operator)
    set_basis(db, person_id, Basis.SPOUSE, [Evidence.PASSPORT], operator=operator)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("lists")
    window.lists.reload()
    window.lists.select_list(created.id)
    model = window.lists.members_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == ("Evidence missing (spouse): marriage certificate; the list cannot be sent until it is recorded or "
                   "overridden")
    override(db, created.id, person_id, "seen by video call", operator=operator)
    window.lists.show_list(created.id)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None


def test_the_roster_flags_a_person_whose_evidence_is_missing(qtbot: QtBot, db: Database, operator: str,
                                                              preferences: Preferences) -> None:
    from desktop_app.ui.roster_model import COLUMN_KEYS

    flagged = _person(db, operator, "G-1044")
    complete = persons.create_person(db, {"surname": "Орлова", "given_names": "Анна", "case_ref": "G-1042"},
                                     operator=operator).id
    set_basis(db, flagged, Basis.SPOUSE, [Evidence.PASSPORT], operator=operator)
    set_basis(db, complete, Basis.CITIZEN, [Evidence.PASSPORT], operator=operator)
    window = MainWindow(db, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model = window.roster.model
    qtbot.waitUntil(lambda: len(model.ids) == 2)
    column = COLUMN_KEYS.index("flags")
    shown = {model.data(model.index(row, 0)): (model.data(model.index(row, column)),
                                               model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole))
             for row in range(2)}
    assert shown["G-1044"] == ("⚠", "evidence missing: marriage certificate")
    assert shown["G-1042"] == ("", "")
