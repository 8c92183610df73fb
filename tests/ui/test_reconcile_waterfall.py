"""The review screen shows each candidate's evidence field by field in bits (the model's waterfall)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services.reconciling import COMPARED_FIELDS
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import Roster
from tests.ui.test_reconcile_screen import _checked, answer, roster  # noqa: F401  (fixtures)


def test_each_candidate_shows_its_evidence_in_bits(qtbot: QtBot, db: Database, roster: Roster,  # noqa: F811
                                                   answer: Path, tmp_path: Path) -> None:  # noqa: F811
    dialog = _checked(qtbot, db, roster, answer)
    comparison = dialog.comparison
    rows = [comparison.headerData(r, Qt.Orientation.Vertical) for r in range(comparison.rowCount())]
    evidence_row = rows.index("Evidence (bits)")
    assert evidence_row >= len(COMPARED_FIELDS)
    review = dialog.review_view.model()
    shown = []
    for column in (1, 2):  # the two namesakes of 'IVANOVA ANNA'
        text = comparison.data(comparison.index(evidence_row, column))
        lines = text.splitlines()
        assert "prior" in lines[0] and float(lines[0].split()[0]) < 0
        assert any("surname: equal" in line for line in lines) and any("given name: equal" in line for line in lines)
        total = float(lines[-1].split()[0])
        assert abs(total - sum(float(line.split()[0]) for line in lines[:-1])) < 0.15
        shown.append(text)
    assert shown[0] == shown[1]  # namesakes, and the row gives no birth date: nothing tells them apart
    assert review.rowCount() == 2
    dialog.resize(1100, 760)
    dialog.comparison_view.resizeRowsToContents()
    dialog.grab().save(str(tmp_path / "waterfall.png"))
    assert (tmp_path / "waterfall.png").stat().st_size > 0
