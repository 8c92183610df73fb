"""Breaker X19 (issue 19): the bulk import's search terms and sort keys, given names a real list brings.

Arabic presentation forms, a decomposed Й, tatweel and Persian letters, a no-break space, a zero-width
joiner, hyphens, apostrophes, particles, a Latin letter inside a Cyrillic name, Cyrillic Supplement: each
person imported must be stored (terms, sort keys, phones, documents) as the same person typed in by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import tests.services.test_import_bulk_identity as typed_in
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

HOSTILE: list[list[Any]] = [
    ["ﻣﺤﻤﺪ", "ﺃﺣﻤﺪ", "", "", "", "P100", "+201001234567"],
    ["Йылмаз", "Иосиф", "", "", "", "P101", "+79161234567"],
    ["محـــمد", "علی", "", "", "", "P102", "+972502345678"],
    ["Petrov\u00a0Vodkin", "Kuzma", "", "", "", "P103", "+380501234567"],
    ["Петров-Водкин", "Кузьма", "", "", "", "P104", "+962791234567"],
    ["д'Артаньян", "Шарль", "", "", "", "P105", "+970599123456"],
    ["Ԁобрый", "Zażółć", "", "", "", "P106", "+79161234568"],
    ["  Иван\u200dов ", "Иван", "", "", "", "P107", "+79161234569"],
    ["van der Berg", "Anne-Marie", "", "", "", "P108", "+31612345678"],
    ["Ivanov", "Пётр", "", "", "", "P109", "+79161234570"],
    ["Ивaнов", "Пётр", "", "", "", "P110", "+79161234571"],
    ["عبد الله", "يوسف", "", "", "", "P111", "+970599123457"],
    ["O\u2019Neil", "Seán", "", "", "", "P112", "+353851234567"],
    ["ИВАНОВ", "ПЁТР", "", "", "", "P113", "+79161234572"],
]


def test_hostile_names_are_stored_as_typed_in(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typed_in, "ROWS", HOSTILE)
    typed_in._check_import(db, tmp_path)


def test_the_same_on_postgresql(postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typed_in, "ROWS", HOSTILE)
    db = open_database(postgres_url)
    try:
        typed_in._check_import(db, tmp_path)
    finally:
        db.close()
