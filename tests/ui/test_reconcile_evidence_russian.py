"""The review screen's evidence column in Russian: field names and levels translated, the bits as they are.

Matching names each field and level in English (`matching.comparisons.FIELDS`, marked for
translation in context matching.evidence); the window shows them in the officer's language.
Replayed: in the Russian window the evidence read 'surname: equal', 'given name: equal',
'prior: chance before comparing' and the engine's '3 other candidates, 10% of rows not on the roster'.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex, evidence_term
from desktop_app.matching.comparisons import FIELDS
from desktop_app.storage.db import Database
from desktop_app.ui import i18n
from desktop_app.ui.errors import translated
from tests.services.test_reconcile_roster import Roster
from tests.ui.test_reconcile_screen import _checked, answer, roster  # noqa: F401  (fixtures)

ENGLISH_WORDS = ("surname", "given name", "prior", "chance before comparing", "equal", "candidate", "roster",
                 "log-odds")


@pytest.fixture
def russian() -> Iterator[None]:
    assert i18n.install_language("ru")
    try:
        yield
    finally:
        i18n.install_language("en")


def test_every_field_and_level_has_its_russian(russian: None) -> None:
    words = {word for spec in FIELDS for word in (spec.name, *spec.levels)}
    untranslated = [word for word in words if translated(evidence_term(word)) == word]
    assert not untranslated
    assert translated(evidence_term("prior")) == "исходно"
    assert translated(evidence_term("a word matching never wrote")) == "a word matching never wrote"


def test_the_engine_s_other_candidates_term_is_translated_with_its_figures(russian: None) -> None:
    people = [MatchRecord(i, "Иванов", "Иван", birth_date=PartialDate(1960 + i, 1, 1)) for i in range(3)]
    found = RosterIndex(people).candidates(MatchRecord.from_full_name("q", "IVANOV IVAN"))
    field, level, _ = found[0].contributions[-1]
    assert (field, level) == ("roster", "2 other candidates, 10% of rows not on the roster")
    assert translated(evidence_term(field)) == "база"
    assert translated(evidence_term(level)) == "других кандидатов: 2; 10% строк не из базы"


def test_the_review_screen_shows_the_evidence_in_russian(qtbot: QtBot, db: Database, roster: Roster,  # noqa: F811
                                                         answer: Path, tmp_path: Path,  # noqa: F811
                                                         russian: None) -> None:
    dialog = _checked(qtbot, db, roster, answer)
    comparison = dialog.comparison
    rows = [comparison.headerData(r, Qt.Orientation.Vertical) for r in range(comparison.rowCount())]
    evidence_row = rows.index("Доводы (биты)")
    text = comparison.data(comparison.index(evidence_row, 1))
    lines = text.splitlines()
    assert lines[0].split()[0].startswith("-") and "исходно: вероятность до сравнения" in lines[0]
    assert any("фамилия: совпадает" in line for line in lines)
    assert any("имя: совпадает" in line for line in lines)
    assert lines[-1].endswith("= логарифм шансов, что это один человек")
    assert not [word for word in ENGLISH_WORDS if word in text]
    dialog.resize(1100, 760)
    dialog.comparison_view.resizeRowsToContents()
    dialog.comparison_view.scrollTo(comparison.index(evidence_row, 1))
    dialog.grab().save(str(tmp_path / "evidence-ru.png"))
    assert (tmp_path / "evidence-ru.png").stat().st_size > 0
