"""The reconcile screen's columns hold their widest text whatever its script (breaker X19m on 37bc5c7).

Since 37bc5c7 a column is fitted to the rows of its few longest texts by characters, found as the
rows are prepared on the worker. Characters are not width: an Arabic name is about two thirds as
wide per letter as a Latin one in capitals, and its vowel marks take no width at all, so in an
answer of long Arabic names a shorter Latin name in capitals was the widest text and was cut ("…").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import Roster, build_roster, write_answer
from tests.ui.reconciling import checked_dialog

ARABIC = ("مُحَمَّد عَبْد ٱلرَّحْمَٰن ٱلْحُسَيْنِيّ", "عَبْد ٱللَّٰه بْن مُحَمَّد ٱلْهَاشِمِيّ",
          "فَاطِمَة بِنْت عَلِيّ ٱلزَّهْرَاء", "يُوسُف بْن عُمَر ٱلْخَطِيب ٱلْبَغْدَادِيّ",
          "مريم عبد الرحمن الحسيني الهاشمي", "عبد الله محمد عبد الرحمن الخطيب")
LATIN = "MOHAMMED ABDULRAHMAN WWW"  # shorter in characters than each Arabic name, wider on screen


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


def test_every_cell_fits_its_column_when_the_longest_texts_are_not_the_widest(
        qtbot: QtBot, db: Database, roster: Roster, tmp_path: Path) -> None:
    assert all(len(name) > len(LATIN) for name in ARABIC)
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"],
                          [[name, "1970", f"X{k}", "approved"] for k, name in enumerate(ARABIC)]
                          + [[LATIN, "1971", "X99", "approved"]])
    dialog = checked_dialog(qtbot, db, roster.list_id, answer, laptop=True, timeout=60_000)
    view = dialog.none_view
    shown, header = view.model(), view.horizontalHeader()
    assert shown.rowCount() == len(ARABIC) + 1
    for column in range(shown.columnCount() - 1):  # the last stretches to the table's edge
        for row in range(shown.rowCount()):
            text = shown.data(shown.index(row, column))
            assert header.sectionSize(column) >= view.sizeHintForIndex(shown.index(row, column)).width(), \
                (column, row, text)
