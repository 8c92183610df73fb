"""A partner's cells that look like HTML read in the reconcile screen's tooltips as they are (breaker X19m).

Qt shows a tooltip as rich text when it looks like HTML (`Qt.mightBeRichText`): the review's comparison
gave each cell's text as its tooltip, so a partner's name 'IVANOVA <b>ANNA</b><!-- x -->' showed as
'IVANOVA ANNA', the comment's words hidden, beside a cell saying otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services.reconciling import Outcome
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import Roster, build_roster, write_answer
from tests.ui.reconciling import as_a_tooltip_shows, checked_dialog

HOSTILE = "IVANOVA <b>ANNA</b><!-- not this person --> <img src=\"file:///etc/hostname\">"


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


def test_the_comparison_tooltips_show_the_cells_words(qtbot: QtBot, db: Database, roster: Roster,
                                                      tmp_path: Path) -> None:
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                          [[HOSTILE, "", "", "approved"], ["KOZLOV SERGEI", "", "<i>72</i> 1", "approved"]])
    dialog = checked_dialog(qtbot, db, roster.list_id, answer, timeout=60_000)
    review = dialog.models[Outcome.REVIEW]
    assert review.rowCount() == 2 and review.data(review.index(0, 1)) == HOSTILE
    comparison = dialog.comparison
    seen = []
    for row in range(2):
        dialog.review_view.setCurrentIndex(review.index(row, 0))
        for cell in (comparison.index(r, c) for r in range(comparison.rowCount())
                     for c in range(comparison.columnCount())):
            text = comparison.data(cell)
            assert as_a_tooltip_shows(comparison.data(cell, Qt.ItemDataRole.ToolTipRole)) == text, text
            seen.append(text)
    assert HOSTILE in seen and "<i>72</i> 1" in seen
