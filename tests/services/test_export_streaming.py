"""A whole-roster export in constant memory (issue 19): the selection is streamed from the query and
held as machine integers, the rows are written as they are read, and a large export's persons are
listed in audit entries of their own, a thousand at a time, instead of one list of every UUID.

Measured on two bulk rosters (`services/demo_bulk.py`) of different sizes: the peak of Python's
allocations during the export (tracemalloc) must not grow with the roster. Before the change the
selection kept a row object, a key tuple and a UUID string per person, and the audit entry one JSON
list of every UUID: some hundreds of bytes per person, megabytes over these rosters."""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from desktop_app.services import audit
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.exporting import ExportResult, Selection, export_persons, recipients_of
from desktop_app.services.exporting.export import PERSONS_ENTITY, PERSONS_PER_ENTRY
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry, Person

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.officer"
# Both past two whole pages of records (1,000 each, read one after the other), so that only the
# roster's size differs between them.
SMALL, LARGE = 2_050, 4_050
# What 2,000 more persons may add to the peak: their keys and UUIDs, kept in about 40 bytes a person
# (80 KB), and noise. A row object, a key tuple and UUID strings per person were about 1 MB.
GROWTH_ALLOWED = 400_000
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def rosters(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Database]]:
    built: dict[int, Database] = {}
    for persons in (SMALL, LARGE):
        database = open_database(tmp_path_factory.mktemp(f"bulk-{persons}") / "roster.db")
        assert build_demo_roster(database, persons=persons, operator=OPERATOR, today=DAY).persons == persons
        built[persons] = database
    yield built
    for database in built.values():
        database.close()


def _export_peak(db: Database, path: Path) -> tuple[int, ExportResult]:
    """The whole roster exported to `path`, and the peak of Python's allocations while it ran."""
    gc.collect()
    tracemalloc.start()
    try:
        result = export_persons(db, path, operator=OPERATOR, today=DAY, include_without_consent=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_whole_roster_export_does_not_grow_in_memory_with_the_roster(rosters: dict[int, Database],
                                                                          tmp_path: Path, suffix: str) -> None:
    with rosters[SMALL].reading() as session:
        first = session.scalar(select(Person.id).limit(1))
    export_persons(rosters[SMALL], tmp_path / f"warm{suffix}", operator=OPERATOR, today=DAY,  # statements compiled
                   selection=Selection(person_ids=(first or 0,)))
    small_peak, small = _export_peak(rosters[SMALL], tmp_path / f"small{suffix}")
    large_peak, large = _export_peak(rosters[LARGE], tmp_path / f"large{suffix}")
    assert (small.rows, small.persons, large.rows, large.persons) == (SMALL, SMALL, LARGE, LARGE)
    assert large_peak - small_peak < GROWTH_ALLOWED, (small_peak, large_peak)


def test_a_large_export_lists_every_person_once_in_entries_of_its_own(rosters: dict[int, Database],
                                                                      tmp_path: Path) -> None:
    db = rosters[LARGE]
    path = tmp_path / "roster.xlsx"
    result = export_persons(db, path, operator=OPERATOR, today=DAY, partner="Rafah Crossing Authority",
                            include_without_consent=True)
    workbook = openpyxl.load_workbook(path, read_only=True)
    written = [row[0] for row in workbook.worksheets[0].iter_rows(values_only=True)
               if isinstance(row[0], str) and UUID.match(row[0])]
    workbook.close()
    assert len(written) == LARGE
    with db.reading() as session:
        [(export_id, export_changes)] = session.execute(select(AuditEntry.id, AuditEntry.changes).where(
            AuditEntry.entity == "export", AuditEntry.entity_key == result.sha256)).all()
        parts = session.scalars(select(AuditEntry.changes).where(AuditEntry.entity == PERSONS_ENTITY,
                                                                 AuditEntry.entity_key == result.sha256)
                                .order_by(AuditEntry.id)).all()
        consent = {uuid: given for uuid, given in session.execute(select(Person.uuid, Person.consent_to_share))}
    details = json.loads(export_changes)
    assert "persons" not in details and details["persons_count"] == LARGE
    assert details["persons_entries"] == len(parts) == -(-LARGE // PERSONS_PER_ENTRY)
    listed = [json.loads(part) for part in parts]
    assert all(part["export_entry"] == export_id and len(part["persons"]) <= PERSONS_PER_ENTRY for part in listed)
    assert [uuid for part in listed for uuid in part["persons"]] == written  # once each, in the file's order
    without = [uuid for part in listed for uuid in part["without_consent"]]
    assert without == [uuid for uuid in written if not consent[uuid]] and details["without_consent_count"] == len(
        without) == result.without_consent > 0
    assert audit.verify_chain(db).intact
    with db.reading() as session:
        last_listed = session.scalar(select(Person.id).where(Person.uuid == written[-1]))
    assert last_listed is not None
    recipient = recipients_of(db, last_listed)[0]  # the newest, found through the last entry of the list
    assert (recipient.partner, recipient.file_name, recipient.sha256) == ("Rafah Crossing Authority", path.name,
                                                                          result.sha256)
