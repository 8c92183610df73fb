"""The same roster on a roster file and on a PostgreSQL server is decided alike (issue 19): the duplicates
found, each pair's decision and score, and an answer's reconcile, every row's outcome and candidates.

The bench (`bench.million_scale --parts postgresql`) compares the two backends' decisions by SHA-256 at
100,000 and 1,000,000 persons; this keeps it true at a size a test can build. The same demonstration roster
(seeded, same day) is built on each backend, so the persons and their ids are the same.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from bench.matching_reconcile import HEADER, _typed_birth, _typed_name, _typed_passport
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.duplicates import find_duplicates
from desktop_app.services.reconciling import load_roster, reconcile_answer
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

DAY = dt.date(2026, 11, 20)
PERSONS, BLOCK = 1_500, 500  # 500 drawn, then copied: namesakes born alike, as at a million
ANSWERED, STRANGERS = 300, 20


def _built(db: Database) -> Database:
    summary = build_demo_roster(db, persons=PERSONS, operator="test.officer", today=DAY, chunk=250, block=BLOCK)
    assert summary.persons == PERSONS
    return db


@pytest.fixture(scope="module")
def on_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = _built(open_database(tmp_path_factory.mktemp("alike") / "roster.db"))
    yield db
    db.close()


@pytest.fixture
def on_server(postgres_url: str) -> Iterator[Database]:
    db = _built(open_database(postgres_url))
    yield db
    db.close()


def _answer(db: Database, path: Path) -> Path:
    """A partner's answer: persons of the roster typed as a partner types them, and a few strangers."""
    with db.reading() as session:
        roster = load_roster(session)
    rng = random.Random(19)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Approved")
    sheet.append(HEADER)
    cells = [[_typed_name(roster[i], rng), _typed_birth(roster[i].birth_date, rng),
              _typed_passport(roster[i].documents, rng)] for i in rng.sample(sorted(roster), ANSWERED)]
    cells += [[f"STRANGER{n:03d} NOBODY", f"{rng.randint(1, 28):02d}.0{rng.randint(1, 9)}.1970", f"Z{9_000 + n}"]
              for n in range(STRANGERS)]
    for number, row in enumerate(cells, start=1):
        sheet.append([number, *row, "approved", "2026-11-20"])
    workbook.save(path)
    return path


def _pairs(db: Database) -> list[tuple[int, int, str, float]]:
    return sorted((pair.a.id, pair.b.id, pair.decision, round(pair.score, 9)) for pair in find_duplicates(db))


def _reconciled(db: Database, answer: Path) -> list[Any]:
    return [(row.row, row.outcome.value, row.note,
             [(c.person.person_id, c.decision, round(c.score, 9), sorted(c.reasons)) for c in row.candidates])
            for row in reconcile_answer(db, answer).rows]


def test_duplicates_are_decided_alike_on_a_server(on_file: Database, on_server: Database) -> None:
    found = _pairs(on_file)
    assert found  # pairs to decide, not an empty roster
    assert _pairs(on_server) == found


def test_an_answer_is_reconciled_alike_on_a_server(on_file: Database, on_server: Database, tmp_path: Path) -> None:
    answer = _answer(on_file, tmp_path / "answer.xlsx")
    reconciled = _reconciled(on_file, answer)
    outcomes = {outcome for _, outcome, _, _ in reconciled}
    assert len(reconciled) == ANSWERED + STRANGERS and len(outcomes) >= 2  # matched rows and rows not found
    assert _reconciled(on_server, answer) == reconciled
