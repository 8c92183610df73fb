"""The roster table's first page reads the accounts gate once (issue 19: on a server each read is a round trip).

The page's ids (`first_page_ids`) and its rows (`fetch_rows`, which asks a second permission for the medical
flag) are one piece of work read together on a worker (`accounts.gate_once`): the accounts were read three
times for it, now once; what the gate read still decides what is shown (a volunteer sees no medical flag).
A real SQLAlchemy listener on the roster's engine counts the statements.
"""

from __future__ import annotations

import re
import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from desktop_app.domain.roles import Role
from desktop_app.services import accounts, persons
from desktop_app.storage.db import Database
from desktop_app.ui.roster_page import RosterPage


def _in_first_page_read() -> bool:
    """Whether the statement is sent by the model's read of the first page (not the filter choices' reads)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "read_first" and frame.f_code.co_filename.endswith("roster_model.py"):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def test_the_first_page_reads_the_accounts_once(qtbot: QtBot, db: Database) -> None:
    accounts.add_account(db, "A. Consul", Role.HEAD, "4711-consul", operator="setup")
    accounts.sign_in(db, accounts.authenticate(db, "A. Consul", "4711-consul"))
    accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234-hotline", operator="setup")
    person = persons.create_person(db, {"surname": "Иванова", "medical": True}, operator="setup")
    persons.create_person(db, {"surname": "Петров"}, operator="setup")
    accounts.sign_in(db, accounts.authenticate(db, "V. Hotline", "1234-hotline"))
    gate_reads: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if re.search(r"\bFROM accounts\b", statement) and _in_first_page_read():
            gate_reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        owner = QWidget()
        qtbot.addWidget(owner)
        page = RosterPage(db, owner)  # two persons: the first page is every id, no read follows it
        qtbot.waitUntil(lambda: page.model.searched and not page.model.loading, timeout=20_000)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert len(page.model.ids) == 2 and person.id in page.model.ids
    assert page.model._pages[0][person.id].medical is False  # the volunteer's page: no medical flag
    assert len(gate_reads) == 1
