"""Property: a roster exported with the full-roster profile, imported into a fresh database, gives the same persons.

Also the command line's --json contract.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.person import PERSON_FIELDS, DocumentData, latin_or_derived
from desktop_app.domain.status import Status
from desktop_app.exchange.export_rows import profile_sheets
from desktop_app.exchange.xlsx_writer import write_workbook
from desktop_app.services import importing, persons, status
from desktop_app.services.persons import PersonView
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import Person
from tests.services.import_support import write_xlsx

OPERATOR = "test.officer"
SURNAMES = ["Иванов", "Щербакова", "Haddad", "Abu Shanab", "حداد", "Petrov-Vodkin", "O'Neil", "Ёлкин"]
GIVEN = ["Юлия", "Omar", "Мария-Анна", "فاطمة", "Jean Paul", ""]
NOTES = ["", "=1+1", "-urgent", "call after 18:00", "позвонить", "@home", "0 children"]
STATUSES = [s for s in Status if s is not Status.MERGED]


def partial_dates() -> st.SearchStrategy[str | None]:
    full = st.dates(dt.date(1920, 1, 1), dt.date(2023, 11, 1)).map(dt.date.isoformat)
    month = st.tuples(st.integers(1930, 2020), st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}")
    year = st.integers(1925, 2022).map(str)
    return st.one_of(st.none(), full, month, year)


person_strategy = st.fixed_dictionaries({
    "surname": st.sampled_from(SURNAMES),
    "given_names": st.sampled_from(GIVEN),
    "birth_date": partial_dates(),
    "sex": st.sampled_from([None, "M", "F", "X"]),
    "citizenships": st.lists(st.sampled_from(["RUS", "PSE", "EGY", "UKR"]), unique=True, max_size=2).map(",".join),
    "notes": st.sampled_from(NOTES),
    "medical": st.booleans(),
    "consent_date": st.one_of(st.none(), st.dates(dt.date(2023, 10, 1), dt.date(2023, 11, 20))),
    "passport": st.one_of(st.none(), st.integers(0, 10**7 - 1).map(lambda n: f"{n:07d}")),
    "phone": st.one_of(st.none(), st.integers(10**7, 10**8 - 1).map(lambda n: f"+2010{n}")),
    "status": st.sampled_from(STATUSES),
})


def _comparable(person: PersonView) -> dict[str, Any]:
    data = {spec.key: person.value(spec.key) for spec in PERSON_FIELDS if spec.key != "case_ref"}
    data["birth_date"] = person.birth_date.iso() if person.birth_date else None
    # The export writes the ICAO form when no Latin name is stored: compare the Latin name the person goes by.
    data["surname_latin"] = latin_or_derived(person.surname_latin, person.surname)
    data["given_names_latin"] = latin_or_derived(person.given_names_latin, person.given_names)
    data.update(uuid=person.uuid, case_ref=person.case_ref, status=person.status,
                documents=[(d.doc_type, d.number) for d in person.documents], phones=[p.e164 for p in person.phones])
    return data


def _export_row(person: PersonView) -> dict[str, Any]:
    row: dict[str, Any] = {spec.key: person.value(spec.key) for spec in PERSON_FIELDS}
    row.update(uuid=person.uuid, status=person.status, birth_date=person.birth_date)
    if person.documents:
        row.update(document_type=person.documents[0].doc_type, document_number=person.documents[0].number)
    if person.phones:
        row["phone"] = person.phones[0].e164
    return row


def _all(db: Database) -> list[PersonView]:
    from sqlalchemy import select

    with db.reading() as session:
        ids = list(session.scalars(select(Person.id).order_by(Person.uuid)))
    return [persons.get_person(db, i) for i in ids]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(person_strategy, min_size=1, max_size=6))
def test_export_then_import_gives_the_same_persons(tmp_path_factory: pytest.TempPathFactory,
                                                   people: list[dict[str, Any]]) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    source = open_database(folder / "source.db")
    target = open_database(folder / "target.db")
    try:
        for number, spec in enumerate(people):
            fields = {k: v for k, v in spec.items() if k not in ("passport", "phone", "status")}
            documents = [DocumentData.create("passport", f"{spec['passport']}{number}")] if spec["passport"] else []
            phones = [spec["phone"]] if spec["phone"] else []
            created = persons.create_person(source, fields, operator=OPERATOR, phones=phones, documents=documents)
            _walk_to(source, created.id, spec["status"])
        exported = _all(source)
        path = folder / "roster.xlsx"
        write_workbook(path, profile_sheets([_export_row(p) for p in exported]))
        preview = importing.preview_import(target, path)
        assert [r.outcome.value for r in preview.rows] == ["new"] * len(exported), [r.details for r in preview.rows]
        importing.commit_import(target, preview, operator=OPERATOR)
        assert [_comparable(p) for p in _all(target)] == [_comparable(p) for p in exported]
    finally:
        source.close()
        target.close()


def _walk_to(db: Database, person_id: int, wanted: Status) -> None:
    """Move a new person to `wanted` along legal transitions (a shortest path from 'registered')."""
    from collections import deque

    from desktop_app.domain.status import TRANSITIONS

    paths = {Status.REGISTERED: [Status.REGISTERED]}
    queue = deque([Status.REGISTERED])
    while queue:
        current = queue.popleft()
        for following in TRANSITIONS[current]:
            if following not in paths:
                paths[following] = [*paths[current], following]
                queue.append(following)
    for step in paths[wanted][1:]:
        status.change_status(db, person_id, step, operator=OPERATOR)


def test_cli_json_contract(tmp_path: Path) -> None:
    db_path = tmp_path / "cli.db"
    subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db_path), "mission", "--country", "EGY"],
                   check=True, capture_output=True)
    path = write_xlsx(tmp_path / "list.xlsx", [
        ["Rafah list"], ["Фамилия", "Имя", "Дата рождения", "№ паспорта", "Телефон"],
        ["Иванов", "Иван", "01.02.1980", "0123456", "01001234567"],
        ["Петров", "Пётр", "31.02.1980", "0123457", None],
    ])
    report = tmp_path / "rejected.xlsx"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db_path), "--operator", "cli", *args],
                              capture_output=True, text=True, timeout=120)

    dry = run("import", str(path), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["import_id"] is None
    done = run("import", str(path), "--json", "--reject-report", str(report), "--save-profile", "Hotline")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {k: result[k] for k in ("rows", "created", "updated", "unchanged", "duplicates", "rejected")} == {
        "rows": 2, "created": 1, "updated": 0, "unchanged": 0, "duplicates": 0, "rejected": 1}
    assert isinstance(result["import_id"], int)
    assert [{k: p[k] for k in ("row", "column", "value")} for p in result["problems"]] == [
        {"row": 4, "column": "C", "value": "31.02.1980"}]
    assert "not a real date" in result["problems"][0]["message"]
    assert report.exists()
    again = json.loads(run("import", str(path), "--json").stdout)
    assert (again["profile"], again["duplicates"], again["created"]) == ("Hotline", 1, 0)
    mapped = run("import", str(path), "--dry-run", "--json", "--map", "Телефон=", "--map", "Имя=notes")
    assert json.loads(mapped.stdout)["mapping"]["Имя"] == "notes"
    history = run("imports", "--json")
    assert [entry["import_id"] for entry in json.loads(history.stdout)] == [again["import_id"], result["import_id"]]
    undo = run("import", "--undo", str(result["import_id"]))
    assert undo.returncode == 0 and "1 persons removed" in undo.stdout
    twice = run("import", "--undo", str(result["import_id"]))
    assert twice.returncode == 1 and "already undone" in twice.stderr
    bad = run("import", str(tmp_path / "missing.xlsx"))
    assert bad.returncode == 1 and "missing.xlsx" in bad.stderr
