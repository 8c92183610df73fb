"""Attacks on accounts in the window (issue 20): what a volunteer is offered beyond the menus' actions.

The lists page's own buttons (mark sent, reconcile, record answers, print the boarding list, notify,
check-in...) stayed enabled for a volunteer with no reason shown: the services refused on click, but the
window offered them. They are gated like the actions now, and stay off when the page enables them again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.domain.roles import Role
from desktop_app.ui.accounts import BUTTON_PERMISSIONS, AccountsFeature
from desktop_app.ui.main_window import MainWindow
from tests.ui.test_accounts import _sign_in, _sign_in_dialog, staffed_db, staffed_window  # noqa: F401

LIST_BUTTONS = ("markSentButton", "reconcileListButton", "listStatusButton", "boardingListButton",
                "notifyListButton", "checkinButton", "recordAnswerButton", "addSelectionButton", "newListButton")


def _button(window: MainWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_a_volunteer_is_offered_no_list_button_and_the_page_cannot_enable_one(
        qtbot: QtBot, staffed_window: MainWindow) -> None:  # noqa: F811
    _sign_in(qtbot, _sign_in_dialog(qtbot, staffed_window), "V. Hotline", "1234")
    for name in LIST_BUTTONS:
        button = _button(staffed_window, name)
        assert name in BUTTON_PERMISSIONS and not button.isEnabled(), name
        assert "V. Hotline (volunteer) has no permission" in button.toolTip(), name
    boarding = _button(staffed_window, "boardingListButton")
    boarding.setEnabled(True)  # the page enabling it on a selection: the gate keeps it off
    assert not boarding.isEnabled()

    switch = staffed_window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert switch is not None
    _sign_in(qtbot, switch, "B. Duty", "2222")
    assert staffed_window.operator == "B. Duty"
    assert _button(staffed_window, "boardingListButton").isEnabled()  # what the page wanted meanwhile
    assert _button(staffed_window, "newListButton").isEnabled()
    assert _button(staffed_window, "newListButton").toolTip() == ""


PAGE_BUTTONS = ("newHouseholdButton", "setRelationshipButton", "makeHeadButton", "removeMemberButton",
                "addMemberButton", "addOrganizationButton", "editOrganizationButton", "addContactButton",
                "editContactButton", "logContactButton", "followUpDoneButton", "restoreButton")


def test_the_households_partners_and_trash_buttons_follow_the_role(
        qtbot: QtBot, staffed_window: MainWindow) -> None:  # noqa: F811
    """Replay: a volunteer was offered Add organization and Restore selected on the partners and trash
    pages (the services refused on click); each button now follows its permission, role by role."""
    _sign_in(qtbot, _sign_in_dialog(qtbot, staffed_window), "V. Hotline", "1234")
    for name in PAGE_BUTTONS:
        button = _button(staffed_window, name)
        permission = BUTTON_PERMISSIONS[name]
        if Role.VOLUNTEER.may(permission):
            assert "has no permission" not in button.toolTip(), name
        else:
            assert not button.isEnabled(), name
            assert "V. Hotline (volunteer) has no permission" in button.toolTip(), name
    assert {BUTTON_PERMISSIONS[name] for name in PAGE_BUTTONS if not Role.VOLUNTEER.may(BUTTON_PERMISSIONS[name])}
    switch = staffed_window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert switch is not None
    _sign_in(qtbot, switch, "A. Consul", "4711")
    for name in PAGE_BUTTONS:
        assert "has no permission" not in _button(staffed_window, name).toolTip(), name
