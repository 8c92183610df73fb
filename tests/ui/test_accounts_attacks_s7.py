"""Breaker X20 (session 7), issue 20, in the window: what shows when nobody is signed in on a roster
with accounts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.domain.roles import Role
from desktop_app.services import accounts
from desktop_app.storage.db import Database
from desktop_app.ui.accounts import AccountsFeature
from desktop_app.ui.accounts.sign_in import SignInDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences


@pytest.fixture
def staffed_window(qtbot: QtBot, demo_db: Database, preferences: Preferences) -> Iterator[MainWindow]:
    accounts.add_account(demo_db, "A. Consul", Role.HEAD, "4711", operator="setup")
    accounts.sign_in(demo_db, None)
    main = MainWindow(demo_db, "A. Petrova", preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: "accounts" in main.actions, timeout=30_000)
    yield main


def _sign_in_dialog(qtbot: QtBot, window: MainWindow) -> SignInDialog:
    feature = window.feature(AccountsFeature)
    qtbot.waitUntil(lambda: isinstance(getattr(feature, "dialog", None), SignInDialog)
                    and feature.dialog.isVisible(), timeout=10_000)
    dialog = feature.dialog
    assert isinstance(dialog, SignInDialog)
    return dialog


def test_cancelling_the_sign_in_shows_nobody_the_roster_until_someone_signs_in(
        qtbot: QtBot, staffed_window: MainWindow) -> None:
    """Replay: open a roster with accounts, press Cancel on the sign-in: every person's name, birth
    date, passport and phone were on the Roster page, under a typed operator's name."""
    _sign_in_dialog(qtbot, staffed_window).reject()
    assert staffed_window.roster.model.rowCount() == 0  # not even read (session 8: the pages wait for a sign-in)
    assert not staffed_window.roster.isVisible()
    assert staffed_window.centralWidget() is not None and not staffed_window.centralWidget().isVisible()
    assert "Sign in" in staffed_window.statusBar().currentMessage()
    switch = staffed_window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert switch is not None
    qtbot.waitUntil(lambda: switch.names_read, timeout=10_000)  # the names are read off the GUI thread
    switch.name.setCurrentIndex(switch.name.findData("A. Consul"))
    qtbot.keyClicks(switch.pin, "4711")
    switch.sign_in()
    assert staffed_window.operator == "A. Consul"
    qtbot.waitUntil(staffed_window.roster.isVisible, timeout=10_000)


def test_cancelling_switch_user_leaves_nobody_signed_in_not_the_officer_before(
        qtbot: QtBot, staffed_window: MainWindow, demo_db: Database) -> None:
    """Replay: the head signs in, chooses File > Switch user… for the hotline volunteer and leaves; the
    volunteer presses Cancel and went on working as the head, recorded as the head."""
    dialog = _sign_in_dialog(qtbot, staffed_window)
    qtbot.waitUntil(lambda: dialog.names_read, timeout=10_000)
    dialog.name.setCurrentIndex(dialog.name.findData("A. Consul"))
    qtbot.keyClicks(dialog.pin, "4711")
    dialog.sign_in()
    qtbot.waitUntil(staffed_window.roster.isVisible, timeout=10_000)
    assert accounts.signed_in(demo_db) is not None
    switch = staffed_window.feature(AccountsFeature).ask_sign_in(switching=True)
    assert switch is not None
    switch.reject()
    assert accounts.signed_in(demo_db) is None
    assert not staffed_window.roster.isVisible()
    assert not staffed_window.actions["accounts"].isEnabled()
