"""Issue 15 (session 10): the last reads on the GUI thread: the accounts gate as a roster opens (whether it has
accounts, who is signed in), the account names the idle lock offers, and the phone region the person editor reads.

Replayed with a real window on real SQLite rosters under tmp_path, a real `before_cursor_execute` listener on
every engine (`StatementThreads()`) recording the thread of every statement. The gate must still be known before
any page reads or a gated action runs (issue 20): the test looks at the window between the roster's replacing
and the reader's answer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desktop_app.domain.roles import Role
from desktop_app.services import accounts, demo
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.accounts import AccountsFeature
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.protection import Protection
from tests.ui.test_workspace_attacks_s7 import StatementThreads

WAIT_MS = 20_000


def _staff(db: Database) -> None:
    accounts.add_account(db, "A. Consul", Role.HEAD, "4711", operator="setup")
    accounts.sign_in(db, accounts.authenticate(db, "A. Consul", "4711"))
    accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234", operator="setup")
    accounts.sign_in(db, None)


def _gate(window: MainWindow) -> AccountsFeature:
    return window.feature(AccountsFeature)


def _action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None
    return action


def test_a_roster_replaced_holds_reads_and_actions_until_the_gate_has_read_it(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """A roster replaced otherwise than by File > Open (a restore, an encryption) was gated by reads on the GUI
    thread. Now, until the reader answers, the pages read nothing and no gated action may run; then the gate is
    applied (a roster without accounts: everything allowed, the pages read)."""
    other = open_database(tmp_path / "other.db")
    demo.fill_demo(other, households=2, operator="demo")
    export = _action(window, "exportAction")
    assert export.isEnabled()
    recorded = StatementThreads()
    try:
        window.hub.replace_database(other)
        held_meanwhile = (window.hub.reads_held, export.isEnabled())
        qtbot.waitUntil(lambda: not window.hub.reads_held and export.isEnabled(), timeout=WAIT_MS)
    finally:
        recorded.stop()
    assert held_meanwhile == (True, False)
    assert [where for where in recorded.on_gui if "ui/accounts/" in where] == [], "\n".join(recorded.on_gui)
    assert not _gate(window).switch_action.isVisible()


def test_the_idle_lock_offers_the_names_without_reading_on_the_gui_thread(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """The idle lock read the account names on the GUI thread as it locked. Now they are read with the gate,
    off the GUI thread, and again after a change (an account a colleague added shows)."""
    path = tmp_path / "staffed.db"
    other = open_database(path)
    demo.fill_demo(other, households=2, operator="demo")
    _staff(other)
    other.close()
    from tests.ui.opening import switch_and_wait
    from tests.ui.test_accounts_sign_in_first import _answer_modal

    _answer_modal(qtbot, "A. Consul", "4711")
    assert switch_and_wait(qtbot, window, str(path))
    gate = _gate(window)
    qtbot.waitUntil(lambda: not gate.checking and gate._account_names() == ["A. Consul", "V. Hotline"],
                    timeout=WAIT_MS)
    colleague = open_database(path)
    accounts.sign_in(colleague, accounts.authenticate(colleague, "A. Consul", "4711"))
    accounts.add_account(colleague, "B. Duty", Role.OFFICER, "2222", operator="A. Consul")
    colleague.close()
    lock = window.feature(Protection).lock
    statements = StatementThreads()
    try:
        lock.lock()
        assert lock.locked
        screen = lock.covers[window].screen
        # the names read before at once, then the colleague's account too once read again as it locked
        qtbot.waitUntil(lambda: screen.user.count() == 3 and not gate.checking, timeout=WAIT_MS)
    finally:
        statements.stop()
    assert [screen.user.itemText(i) for i in range(screen.user.count())] == ["A. Consul", "B. Duty", "V. Hotline"]
    assert statements.on_gui == [], "\n".join(statements.on_gui)


def test_the_phone_region_is_the_mission_read_with_the_open(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """`window.phone_region` (the person editor's) read the mission on the GUI thread each time; now it is the
    mission read with the roster's opening, or read again off the GUI thread after Settings."""
    path = tmp_path / "jordan.db"
    other = open_database(path)
    save_mission(other, MissionSettings("Amman", "Jordan"), operator="setup")
    other.close()
    from tests.ui.opening import switch_and_wait

    assert switch_and_wait(qtbot, window, str(path))
    statements = StatementThreads()
    try:
        region = window.phone_region
    finally:
        statements.stop()
    assert region == "JO"
    assert statements.on_gui == [], "\n".join(statements.on_gui)
