"""Breaker X19 (issue 19): the streamed export attacked the way a mission's day attacks it.

A colleague's process changes the roster while an export is being written (between the selection
run once and the last page of records read): the export must not die on a missing record, and no
file may appear whose audit entry names persons it does not carry. The export reads one snapshot
(issue 19, `tests/services/test_export_snapshot.py`): such a change is not in the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from desktop_app.domain.export_profile import UUID_KEY, ExportColumn, builtin_profile, full_roster_profile
from desktop_app.domain.partners import OrgKind
from desktop_app.output_files import OutputRefused
from desktop_app.services import lists, partners, persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.exporting import ConsentMissing, Selection, export_persons
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry, Person

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.officer"
PERSONS = 1_100  # past the first page of 1,000 records, so that a change can land between two pages
LIST_NAME = "Bus X19"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Only what the check needs: the rows are read and written as for any profile, and the test stays short.
PROFILE = dataclasses.replace(full_roster_profile(), columns=(ExportColumn.of(UUID_KEY), ExportColumn.of("case_ref")))


@pytest.fixture(scope="module")
def roster_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bulk roster whose every person is on one list."""
    path = tmp_path_factory.mktemp("bulk") / "roster.db"
    database = open_database(path)
    try:
        assert build_demo_roster(database, persons=PERSONS, operator=OPERATOR, today=DAY).persons == PERSONS
        with database.reading() as session:
            ids = list(session.scalars(select(Person.id).where(Person.deleted_at.is_(None),
                                                                Person.merged_into_id.is_(None))))
        bus = lists.create_list(database, LIST_NAME, operator=OPERATOR)
        assert lists.add_members(database, bus.id, ids, operator=OPERATOR) == len(ids) > 1_000
    finally:
        database.close()
    return path


@pytest.fixture
def roster(roster_path: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "roster.db"
    copy.write_bytes(roster_path.read_bytes())
    yield copy


def _exported_uuids(path: Path) -> list[str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    header = next(i for i, row in enumerate(rows) if "Record ID (UUID)" in row)
    column = rows[header].index("Record ID (UUID)")
    return [str(row[column]) for row in rows[header + 1:] if UUID.match(str(row[column]))]


def _audited_uuids(db: Database) -> list[str]:
    """The persons the last export's audit entry names (in it, or in the entries listing them apart)."""
    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "export")
                                .order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        details = json.loads(entry.changes)
        if "persons" in details:
            return list(details["persons"])
        parts = [json.loads(part.changes) for part in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "export_persons").order_by(AuditEntry.id))]
        return [uuid for part in parts if part["export_entry"] == entry.id for uuid in part["persons"]]


def test_a_member_removed_from_the_list_while_it_is_exported(roster: Path, tmp_path: Path) -> None:
    """It was a KeyError out of the export (the crash dialog), then a refusal; now the export is read from
    one snapshot (issue 19): the file is the list as it was when the export began, its audit entry names
    exactly whom it carries, the colleague's change is kept, and the next export carries it."""
    db = open_database(roster)
    colleague = open_database(roster)
    try:
        bus = lists.find_list(db, LIST_NAME)
        with db.reading() as session:  # the list's last row in the export's order: on the second page
            last = session.scalars(select(Person.id).order_by(Person.sort_key.desc(), Person.id.desc())).first()
        changed: list[int] = []

        def colleague_removes_the_last_member(done: int, total: int) -> bool:
            if not changed:
                changed.append(lists.remove_members(colleague, bus.id, [last or 0], operator="colleague"))
            return True

        (tmp_path / "out").mkdir()
        target = tmp_path / "out" / "bus.xlsx"
        result = export_persons(db, target, profile=PROFILE, selection=Selection(list_id=bus.id), operator=OPERATOR,
                                today=DAY, progress=colleague_removes_the_last_member)
        assert changed == [1]
        exported = _exported_uuids(target)
        assert len(exported) == len(set(exported)) == result.persons == PERSONS
        assert sorted(exported) == sorted(_audited_uuids(db))
        result = export_persons(db, target, profile=PROFILE, selection=Selection(list_id=bus.id),
                                operator=OPERATOR, today=DAY, overwrite=True)
        exported = _exported_uuids(target)
        assert len(exported) == result.persons == PERSONS - 1
        assert sorted(exported) == sorted(_audited_uuids(db))
    finally:
        colleague.close()
        db.close()


@pytest.mark.parametrize("profile", ["full_roster", "flight_manifest"])  # the title row; a sheet named by the list
def test_a_list_named_with_characters_xml_forbids_still_exports(db: Database, tmp_path: Path, profile: str) -> None:
    """A list's name is stored as pasted (U+FFFE, U+FFFF: a badly decoded UTF-16 message; a control
    character): its export died in lxml with a bare ValueError; the characters are now left out."""
    person = persons.create_person(db, {"surname": "Хаддад", "given_names": "Sami"}, operator=OPERATOR)
    bus = lists.create_list(db, "Bus\ufffe 3\uffff\x01", operator=OPERATOR)
    lists.add_members(db, bus.id, [person.id], operator=OPERATOR)
    target = tmp_path / "bus.xlsx"
    result = export_persons(db, target, profile=builtin_profile(profile), selection=Selection(list_id=bus.id),
                            operator=OPERATOR, today=DAY)
    assert result.persons == 1
    book = openpyxl.load_workbook(target, read_only=True)  # lxml: refuses what Excel would call damaged
    try:
        texts = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
        names = book.sheetnames
    finally:
        book.close()
    assert {"Хаддад", "KHADDAD"} & set(texts) and any("Bus 3" in text for text in texts), texts
    assert all("\ufffe" not in n and "\uffff" not in n and "\x01" not in n for n in names), names


def test_a_file_name_too_long_for_the_disk_is_refused_by_name(db: Database, tmp_path: Path) -> None:
    """130 Cyrillic letters are 260 bytes, past the 255 a file name may have: the export stopped with a
    bare OSError (the crash dialog); now the usual refusal naming the file, before any work."""
    persons.create_person(db, {"surname": "Иванов", "given_names": "Пётр"}, operator=OPERATOR)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / ("Список эвакуации " * 8 + ".xlsx")
    assert len(target.name.encode()) > 255
    with pytest.raises(OutputRefused, match="file name is too long"):
        export_persons(db, target, operator=OPERATOR, today=DAY)
    assert list((tmp_path / "out").iterdir()) == []


def test_consent_withdrawn_while_a_partner_export_is_written(roster: Path, tmp_path: Path) -> None:
    """Consent is checked when the selection is run; a colleague who records a person's withdrawal while
    the file is written (a large export takes minutes) sent that person to the partner anyway, and the
    audit entry said everyone had consented. Now the export stops as it would have at the start (the
    export reads one snapshot, which cannot see the withdrawal: it is looked for again before the file
    appears)."""
    db = open_database(roster)
    colleague = open_database(roster)
    try:
        partner = partners.create_organization(db, "Border Authority", OrgKind.BORDER_AUTHORITY, operator=OPERATOR)
        with db.reading() as session:
            consenting = tuple(session.scalars(select(Person.id).where(
                Person.consent_to_share.is_(True), Person.deleted_at.is_(None),
                Person.merged_into_id.is_(None)).order_by(Person.id)))
        assert len(consenting) > 1_000
        withdrawn: list[int] = []

        def colleague_records_a_withdrawal(done: int, total: int) -> bool:
            if not withdrawn:  # the last hand-picked person: on the second page of records
                persons.update_person(colleague, consenting[-1], {"consent_to_share": False}, operator="colleague")
                withdrawn.append(consenting[-1])
            return True

        (tmp_path / "out").mkdir()
        with pytest.raises(ConsentMissing, match="1 of the"):
            export_persons(db, tmp_path / "out" / "partner.xlsx", profile=PROFILE, partner=partner.id,
                           selection=Selection(person_ids=consenting), operator=OPERATOR, today=DAY,
                           progress=colleague_records_a_withdrawal)
        assert withdrawn and list((tmp_path / "out").iterdir()) == []
        with db.reading() as session:
            assert session.scalar(select(AuditEntry.id).where(AuditEntry.entity == "export")) is None
    finally:
        colleague.close()
        db.close()


CHILD_EXPORT = """
import resource, signal, sys, time
from pathlib import Path
from desktop_app.storage.db import open_database
from desktop_app.services.exporting import export_persons
roster, target, mode = sys.argv[1], sys.argv[2], sys.argv[3]
db = open_database(roster)
def progress(done, total):
    if mode == "kill" and done > 0:  # the first rows are in the partial file: wait there to be killed
        print("writing", flush=True)
        time.sleep(60)
    return True
if mode == "fsize":  # a full disk: writes past 64 KB fail (EFBIG) instead of killing the process
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (65_536, 65_536))
try:
    export_persons(db, target, operator="child", overwrite=True, include_without_consent=True, progress=progress)
    print("written", flush=True)
except Exception as exc:
    print(type(exc).__name__, exc, flush=True)
"""


def _child(roster: Path, target: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD_EXPORT, str(roster), str(target), mode],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])


def test_an_export_killed_or_out_of_disk_while_streaming_leaves_the_old_file(roster: Path, tmp_path: Path) -> None:
    """The workbook's sheets now go into the partial file as rows are read: SIGKILL half-way, or a full
    disk, must leave the asked file as it was, no audit entry, a roster that opens, and at most a hidden
    partial that the next export removes."""
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "roster.xlsx"
    target.write_bytes(b"yesterday's export")
    child = _child(roster, target, "kill")
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert target.read_bytes() == b"yesterday's export"
    [partial] = [p for p in target.parent.iterdir() if p != target]
    assert partial.name.startswith(".roster.xlsx.") and partial.suffix == ".part"
    assert stat.S_IMODE(partial.stat().st_mode) == 0o600
    full = _child(roster, target, "fsize")
    out, _ = full.communicate(timeout=120)
    assert out.startswith("OutputError") and "nothing was replaced" in out, out
    assert list(target.parent.iterdir()) == [target] and target.read_bytes() == b"yesterday's export"
    db = open_database(roster)
    try:
        with db.reading() as session:
            assert session.scalar(select(AuditEntry.id).where(AuditEntry.entity == "export")) is None
        result = export_persons(db, target, profile=PROFILE, operator=OPERATOR, today=DAY, overwrite=True,
                                include_without_consent=True)
    finally:
        db.close()
    assert list(target.parent.iterdir()) == [target] and len(_exported_uuids(target)) == result.persons
