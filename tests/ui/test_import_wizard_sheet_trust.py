"""Issue 13 item 6 in the window: the volunteer's sheet through the import wizard.

The column left out ('Место нахождения') is named at the top of the Columns page with the field
it may hold, one click maps it; the preview says above its rows which total lines were skipped;
the second row of the same person is left out unless ticked; the Gaza number is Palestinian.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.services import roster
from desktop_app.services.importing import Outcome
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.ui.importing.wizard import MAPPING_PAGE, PREVIEW_PAGE, REPORT_PAGE, TABLE_PAGE, open_import_wizard
from desktop_app.ui.main_window import MainWindow
from tests.services.import_support import write_xlsx

SHEET = [
    ["ФИО", "Дата рождения", "Телефон", "Гражданство", "Место нахождения"],
    ["Аль-Масри Ахмед", "25.06.1990", "0599112234", "Россия, Палестина", "Газа"],
    ["Аль-Масри Лейла Ахмедовна", "03/11/2008", "0599112235", "Россия, Палестина", "Газа"],
    ["Аль-Масри Лейла Ахмедовна", "03/11/2008", "0599112235", "Россия, Палестина", "Газа"],
    ["Итого: 3 человека"],
]


def test_the_volunteers_sheet_through_the_wizard(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    save_mission(window.db, MissionSettings("Cairo", "EGY"), operator="A. Petrova")
    before = roster.count(window.db, RosterQuery())
    wizard = open_import_wizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(write_xlsx(tmp_path / "volunteer.xlsx", SHEET)))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    page = wizard.mapping_page
    assert page.left_out.isVisible()
    assert "Not imported" in page.left_out.text() and "E: Место нахождения" in page.left_out.text()
    assert "Locality" in page.left_out.text()
    assert page.use_suggestions.isVisible()
    page.use_suggestions.click()
    assert page.combos[4].currentData() == "locality"
    assert not page.left_out.isVisible()

    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    preview = wizard.preview_page
    assert preview.notes.isVisible()
    assert "row 5 skipped: a total line, not a person ('Итого: 3 человека')" in preview.notes.text()
    assert preview.model.rowCount() == 3
    outcomes = [row.outcome for row in wizard.preview.rows]  # type: ignore[union-attr]
    assert outcomes == [Outcome.NEW, Outcome.NEW, Outcome.DUPLICATE]
    assert wizard.preview.rows[0].data.phones == ("+970599112234",)  # type: ignore[union-attr]
    assert wizard.preview.rows[1].data.fields["birth_date"] == "2008-11-03"  # type: ignore[union-attr]
    assert not preview.accept_duplicates.isChecked()
    wizard.next()  # Import
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    assert wizard.result is not None and wizard.result.created == 2
    assert roster.count(window.db, RosterQuery()) == before + 2
