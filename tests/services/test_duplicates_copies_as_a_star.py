"""Copies of one registration that the model itself offers, offered as a star by the service and by `duplicates
--json` (issues 14 and 19, session 20, G36), on a real SQLite roster (`tests/helpers/copies.py`).

Three persons registered 100 times each among a 1,000-person roster: the model offers every pair of a person's
copies, so the service listed 3 x 4,950 pairs, and a registration of the father with a slip in his given name was
offered with each of his 100 copies. Now each copy is offered once, for merging into its person's first record (the
oldest id), and the slip once, with that first record; the service's pairs through a third (`through_a_third`) do not
give the square back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import duplicates
from desktop_app.storage.db import open_database
from tests.helpers.copies import copies_roster, pairs_of_copies, star


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[int]]]:
    path = tmp_path_factory.mktemp("star") / "roster.db"
    return path, copies_roster(path)


def test_the_service_offers_each_copy_once_to_the_first(roster: tuple[Path, dict[str, list[int]]]) -> None:
    """Failed before: 4,950 pairs among each person's 100 copies, 100 between the slip and the father's copies."""
    path, ids = roster
    db = open_database(path)
    try:
        found = duplicates.find_duplicates(db)
    finally:
        db.close()
    assert pairs_of_copies([(pair.a.id, pair.b.id) for pair in found], ids) == star(ids)


def test_duplicates_json_lists_the_star(roster: tuple[Path, dict[str, list[int]]],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Failed before: as the service (15,050 pairs of the copies listed)."""
    path, ids = roster
    capsys.readouterr()
    assert main(["--db", str(path), "--operator", "cli.officer", "duplicates", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert pairs_of_copies([(pair["a"]["person_id"], pair["b"]["person_id"]) for pair in listed], ids) == star(ids)
