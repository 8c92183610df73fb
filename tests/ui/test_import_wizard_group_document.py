"""Issue 14 in the window: a group's travel document on every row leaves the rows to be imported.

Before, every row after the first waited for the officer as a possible duplicate of row 1; now only
the pilgrim listed twice (same name and birth date) does, and the import creates the others.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.services import roster
from desktop_app.services.importing import Outcome
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.ui.importing.wizard import MAPPING_PAGE, PREVIEW_PAGE, REPORT_PAGE, TABLE_PAGE, open_import_wizard
from desktop_app.ui.main_window import MainWindow
from tests.services.import_support import write_xlsx

SHEET = [
    ["Surname", "Given names", "DOB", "Passport"],
    *[[f"Pilgrim{i}", given, f"{10 + i:02d}.03.{1950 + i}", "G7654321"]
      for i, given in enumerate(["Omar", "Ali", "Hassan", "Yusuf", "Mona", "Huda", "Samir", "Layla", "Karim",
                                 "Nour", "Rami", "Salma"])],
    ["Pilgrim0", "OMAR", "10.03.1950", "G7654321"],
]


def test_a_group_document_list_through_the_wizard(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    before = roster.count(window.db, RosterQuery())
    wizard = open_import_wizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(write_xlsx(tmp_path / "group.xlsx", SHEET)))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    outcomes = [row.outcome for row in wizard.preview.rows]  # type: ignore[union-attr]
    assert outcomes == [Outcome.NEW] * 12 + [Outcome.DUPLICATE]
    assert wizard.preview_page.model.rowCount() == 13
    assert not wizard.preview_page.accept_duplicates.isChecked()
    wizard.next()  # Import
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    assert wizard.result is not None and wizard.result.created == 12
    assert roster.count(window.db, RosterQuery()) == before + 12
    wizard.close()
