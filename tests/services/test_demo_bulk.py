"""The demonstration roster built in bulk (`demo --persons N`, issue 19): the same roster as the
per-person demo, one audit entry, and a roster that search, duplicates, export and reconcile take."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.domain.person import DocumentData
from desktop_app.services import audit, demo, persons, roster
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.duplicates import find_duplicates
from desktop_app.services.exporting import Selection, export_persons
from desktop_app.services.reconciling import Outcome, reconcile_answer
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import (
    AuditEntry,
    Document,
    EvacuationList,
    Household,
    ListMember,
    Person,
    Phone,
    SearchTerm,
    StatusChange,
)
from tests.services.test_reconcile_roster import write_answer

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.officer"


def _content(db: Database) -> dict[str, Any]:
    """Everything a person is, keyed by case reference (ids, uuids and time stamps left out)."""
    with db.reading() as session:
        ref: dict[int, str] = {i: c for i, c in session.execute(select(Person.id, Person.case_ref))}
        lists: dict[int, str] = {i: n for i, n in session.execute(select(EvacuationList.id, EvacuationList.name))}
        people = {row.case_ref: tuple(row)[1:] for row in session.execute(select(
            Person.id, Person.case_ref, Person.surname, Person.given_names, Person.patronymic, Person.surname_latin,
            Person.given_names_latin, Person.sort_key, Person.sex, Person.birth_date, Person.citizenships,
            Person.region, Person.locality, Person.address, Person.source, Person.relationship, Person.medical,
            Person.reduced_mobility, Person.consent_to_share, Person.status, Person.version))}
        households = sorted((h.ref, h.name, ref.get(h.head_person_id or 0)) for h in session.scalars(select(Household)))
        member_of = {ref[p]: h for p, h in session.execute(select(Person.id, Household.ref)
                                                            .join(Household, Person.household_id == Household.id))}
        terms = sorted((ref[p], t) for p, t in session.execute(select(SearchTerm.person_id, SearchTerm.term)))
        documents = sorted((ref[d.person_id], d.doc_type, d.number, d.number_key, d.issuing_country, d.issue_date,
                            d.expiry_date) for d in session.scalars(select(Document)))
        phones = sorted((ref[p.person_id], p.e164, p.display) for p in session.scalars(select(Phone)))
        history = sorted((ref[c.person_id], c.id, c.from_status, c.to_status, c.reason, lists.get(c.list_id or 0))
                         for c in session.scalars(select(StatusChange)))
        members = sorted((ref[m.person_id], lists[m.list_id], m.answer, m.valid_until, m.answered_at is None,
                          m.crossed_at is None) for m in session.scalars(select(ListMember)))
    # The history's order per person, without its ids (written in another order by the two builders).
    steps = [(case_ref, *rest) for case_ref, _, *rest in history]
    return {"people": people, "households": households, "member_of": member_of, "terms": terms,
            "documents": documents, "phones": phones, "history": steps, "members": members}


def test_the_bulk_roster_is_the_per_person_demo_roster(tmp_path: Path) -> None:
    one_by_one = open_database(tmp_path / "one.db")
    bulk = open_database(tmp_path / "bulk.db")
    try:
        made = demo.fill_demo(one_by_one, households=16, operator=OPERATOR, today=DAY)
        built = build_demo_roster(bulk, persons=made.persons, operator=OPERATOR, today=DAY, chunk=20)
        assert (built.households, built.persons, built.lists, built.organizations, built.log_entries) == (
            made.households, made.persons, made.lists, made.organizations, made.log_entries)
        expected, got = _content(one_by_one), _content(bulk)
        assert expected["members"] and any("\u0600" <= p[1][:1] <= "\u06ff" for p in expected["people"].values())
        for part in expected:
            assert got[part] == expected[part], part
        with bulk.reading() as session:
            assert session.scalars(select(AuditEntry.summary)).all() == [
                f"demo roster of {made.persons} persons built"]
    finally:
        one_by_one.close()
        bulk.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """2,000 persons built in bulk, in chunks of 500."""
    database = open_database(tmp_path_factory.mktemp("bulk") / "roster.db")
    summary = build_demo_roster(database, persons=2000, operator=OPERATOR, today=DAY, chunk=500)
    assert summary.persons == 2000
    yield database
    database.close()


def test_exactly_the_persons_asked_for_and_one_intact_audit_entry(big: Database) -> None:
    with big.reading() as session:
        assert len(session.scalars(select(Person.id)).all()) == 2000
        entries = session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.summary)).all()
        headless = session.scalars(select(Household.id).where(Household.head_person_id.is_(None))).all()
    assert [tuple(e) for e in entries] == [("demo", "roster", "demo roster of 2000 persons built")]
    assert headless == []
    assert audit.verify_chain(big).intact
    assert big.check_integrity() is None


def test_search_finds_bulk_persons_in_every_script(big: Database) -> None:
    with big.reading() as session:
        ivanovs = set(session.scalars(select(Person.id).where(Person.surname.in_(["Иванов", "Иванова"]))))
        mohammeds = set(session.scalars(select(Person.id).where(Person.given_names == "محمد")))
    assert ivanovs and mohammeds
    assert ivanovs <= set(roster.search_ids(big, RosterQuery(text="иванов")))
    assert ivanovs <= set(roster.search_ids(big, RosterQuery(text="IVANOV")))
    assert mohammeds <= set(roster.search_ids(big, RosterQuery(text="мухаммед")))  # Cyrillic finds Arabic script
    assert mohammeds <= set(roster.search_ids(big, RosterQuery(text="محمد")))


@pytest.mark.parametrize("text", ["", "ива", "abu", "محم", "72"])
def test_the_first_page_is_the_head_of_every_match(big: Database, text: str) -> None:
    query = RosterQuery(text=text)
    every = roster.search_ids(big, query)
    assert every
    assert roster.first_page_ids(big, query, 50) == every[:50]


def test_duplicates_find_a_bulk_person_registered_again(big: Database) -> None:
    with big.reading() as session:
        original = session.execute(select(Person).join(Document).where(Document.doc_type == "foreign_passport")
                                   .where(Person.birth_date.like("____-__-__")).limit(1)).scalar_one()
        passport = original.documents[0]
        fields = {"surname": original.surname, "given_names": original.given_names,
                  "patronymic": original.patronymic, "birth_date": original.birth_date, "sex": original.sex}
        number, original_id = passport.number, original.id
    again = persons.create_person(big, fields, operator=OPERATOR,
                                  documents=[DocumentData.create("foreign_passport", number, "RUS")])
    try:
        pairs = {(c.a.id, c.b.id) for c in find_duplicates(big)}
        assert tuple(sorted((original_id, again.id))) in pairs
    finally:
        persons.delete_person(big, again.id, operator=OPERATOR)


def test_export_writes_every_bulk_person_of_a_list(big: Database, tmp_path: Path) -> None:
    with big.reading() as session:
        list_id = session.scalar(select(EvacuationList.id).where(EvacuationList.name == "Rafah list 2"))
        case_refs = set(session.scalars(select(Person.case_ref).join(ListMember, ListMember.person_id == Person.id)
                                        .where(ListMember.list_id == list_id, Person.deleted_at.is_(None))))
    result = export_persons(big, tmp_path / "list.xlsx", selection=Selection(list_id=list_id), operator=OPERATOR,
                            include_without_consent=True)
    workbook = openpyxl.load_workbook(tmp_path / "list.xlsx", read_only=True)
    written = {cell for row in workbook.worksheets[0].iter_rows(values_only=True) for cell in row
               if isinstance(cell, str) and cell.startswith("MR-")}
    workbook.close()
    assert case_refs and result.rows == len(case_refs)
    assert written == case_refs


def test_a_partner_answer_is_reconciled_against_the_bulk_roster(big: Database, tmp_path: Path) -> None:
    with big.reading() as session:
        list_id, name = session.execute(select(EvacuationList.id, EvacuationList.name)
                                        .where(EvacuationList.name == "Rafah list 1")).one()
        rows = session.execute(
            select(Person.id, Person.surname_latin, Person.given_names_latin, Person.birth_date, Document.number)
            .join(ListMember, ListMember.person_id == Person.id).join(Document, Document.person_id == Person.id)
            .where(ListMember.list_id == list_id, Person.birth_date.like("____-__-__"))
            .order_by(Person.id).limit(3)).all()
    assert len(rows) == 3
    answer = [[f"{r.surname_latin} {r.given_names_latin}", dt.date.fromisoformat(r.birth_date).strftime("%d.%m.%Y"),
               r.number, "approved"] for r in rows]
    path = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"], answer)
    result = reconcile_answer(big, path, list_id=list_id)
    assert result.list_name == name
    assert [(r.outcome, r.person.person_id if r.person else None) for r in result.rows] == [
        (Outcome.MATCH, r.id) for r in rows]


def test_a_stopped_build_keeps_whole_chunks_and_says_so(db: Database) -> None:
    seen: list[tuple[int, int]] = []

    def stop_after_first(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    summary = build_demo_roster(db, persons=600, operator=OPERATOR, today=DAY, chunk=100, progress=stop_after_first)
    with db.reading() as session:
        stored = len(session.scalars(select(Person.id)).all())
        summaries = session.scalars(select(AuditEntry.summary)).all()
    assert len(seen) == 1 and 100 <= seen[0][0] < 600 and seen[0][1] == 600
    assert stored == summary.persons == seen[0][0]
    assert summaries == [f"demo roster of {stored} persons built"]
    assert audit.verify_chain(db).intact


def test_demo_persons_on_the_command_line(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "--operator", "cli.tester", "demo", "--persons", "0"]) != 0
    assert "--persons: 0 must be at least 1" in capsys.readouterr().err
    assert main(["--db", str(db_path), "--operator", "cli.tester", "demo", "--persons", "300", "--progress"]) == 0
    captured = capsys.readouterr()
    assert "300 persons" in captured.out
    assert "built 300 of 300 persons" in captured.err
    database = open_database(db_path)
    try:
        with database.reading() as session:
            assert len(session.scalars(select(Person.id)).all()) == 300
            assert session.scalars(select(AuditEntry.operator)).all() == ["cli.tester"]
        assert audit.verify_chain(database).intact
    finally:
        database.close()
