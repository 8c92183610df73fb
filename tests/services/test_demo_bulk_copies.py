"""A large demonstration roster made of copies (`demo --persons N` past `demo_bulk.BLOCK`, issue 19): the
drawn block copied in SQL, every table with it, each copy with its own ids, references, documents and
phones, the names of other families and other birth dates; found by search in every script, one intact
audit entry; export and duplicates take it. On SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import selectinload

from desktop_app.services import audit, persons, roster, status
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.duplicates import find_duplicates
from desktop_app.services.exporting import Selection, export_persons
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.services.search_index import search_terms_of
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import (
    AuditEntry,
    Document,
    Household,
    ListMember,
    Person,
    Phone,
    SearchTerm,
    StatusChange,
)

pytest_plugins = ["tests.helpers.postgres"]

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.officer"
BLOCK, PERSONS = 500, 2000
TABLES = (Person, Household, Document, Phone, StatusChange, ListMember)  # and SearchTerm: other names, other terms


def _build(db: Database) -> None:
    summary = build_demo_roster(db, persons=PERSONS, operator=OPERATOR, today=DAY, chunk=200, block=BLOCK)
    assert summary.persons == PERSONS


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """2,000 persons: 500 drawn, then copied, 200 persons to a transaction."""
    database = open_database(tmp_path_factory.mktemp("copies") / "roster.db")
    _build(database)
    yield database
    database.close()


def _copy_of(person_id: int) -> int:
    """Which copy a person is (0: drawn), by id: the roster was empty, so the ids run 1 to PERSONS."""
    return (person_id - 1) // BLOCK


def _check_tables(db: Database) -> None:
    """Every table four times what the drawn block has in it, each copy's rows its own; every person's search
    terms those of their names, case reference, documents and phones."""
    with db.reading() as session:
        drawn_households = session.scalar(select(Person.household_id).where(Person.id == BLOCK)) or 0
        for model in TABLES:
            if model is Household:
                per_copy = Counter((i - 1) // drawn_households for i in session.scalars(select(Household.id)))
            else:
                per_copy = Counter(_copy_of(i) for i in session.scalars(
                    select(Person.id if model is Person else model.person_id)))  # type: ignore[union-attr]
            assert set(per_copy) == {0, 1, 2, 3}, model
            assert len(set(per_copy.values())) == 1, (model, per_copy)
        case_refs = session.scalars(select(Person.case_ref).order_by(Person.id)).all()
        uuids = [*session.scalars(select(Person.uuid)), *session.scalars(select(Household.uuid))]
        numbers = session.scalars(select(Document.number_key)).all()
        phones = session.scalars(select(Phone.e164)).all()
        headless = session.scalar(select(func.count()).select_from(Household).where(Household.head_person_id.is_(None)))
        foreign_heads = session.scalar(select(func.count()).select_from(Household).join(
            Person, Person.id == Household.head_person_id).where(Person.household_id != Household.id))
        people = session.scalars(select(Person).order_by(Person.id).options(
            selectinload(Person.search_terms), selectinload(Person.documents), selectinload(Person.phones))).all()
        wrong_terms = [p.id for p in people if {t.term for t in p.search_terms} != search_terms_of(p)]
        names = Counter((p.sort_key, p.birth_date) for p in people)
        wrong_keys = session.scalar(select(func.count()).select_from(SearchTerm)
                                    .join(Person, Person.id == SearchTerm.person_id)  # no foreign key (0023)
                                    .where(SearchTerm.sort_key != Person.sort_key))
        entries = session.execute(select(AuditEntry.action, AuditEntry.summary)).all()
    assert case_refs == [f"MR-{i:06d}" for i in range(1, PERSONS + 1)]
    assert len(set(uuids)) == len(uuids)
    assert len(set(numbers)) == len(numbers)  # no passport borne by two persons: copies are not the same people
    assert len(set(phones)) == len(phones)
    assert headless == foreign_heads == 0
    assert wrong_terms == [] and wrong_keys == 0  # as `persons.new_person` would have indexed each
    assert max(names.values()) <= 2  # namesakes, not the same person four times
    assert [tuple(e) for e in entries] == [("demo", f"demo roster of {PERSONS} persons built")]
    assert audit.verify_chain(db).intact


def _check_search(db: Database) -> None:
    """A name in each script finds persons of every copy, and the first page is the head of every match."""
    for text in ("иванов", "IVANOV", "мухаммед", "محمد"):
        found = roster.search_ids(db, RosterQuery(text=text))
        assert {_copy_of(i) for i in found} == {0, 1, 2, 3}, text
        assert roster.first_page_ids(db, RosterQuery(text=text), 20) == found[:20], text
    with db.reading() as session:  # a copied person's case reference and passport find them alone
        person_id, case_ref, number = session.execute(
            select(Person.id, Person.case_ref, Document.number).join(Document)
            .where(Person.id > 3 * BLOCK).order_by(Person.id).limit(1)).one()
    assert roster.search_ids(db, RosterQuery(text=case_ref)) == [person_id]
    assert roster.search_ids(db, RosterQuery(text=number)) == [person_id]


def test_a_copied_roster_has_every_table_copied_and_each_copy_its_own(copied: Database) -> None:
    _check_tables(copied)


def test_search_finds_persons_of_every_copy_in_every_script(copied: Database) -> None:
    _check_search(copied)


def test_a_copied_person_has_the_history_of_the_one_drawn(copied: Database) -> None:
    with copied.reading() as session:
        submitted = session.scalars(select(Person.id).where(Person.id <= BLOCK, Person.status == "submitted")
                                    .order_by(Person.id).limit(3)).all()
    assert submitted
    for drawn in submitted:
        for copy in (drawn + BLOCK, drawn + 3 * BLOCK):
            steps = [(c.from_status, c.to_status) for c in status.history(copied, copy)]
            assert steps == [(c.from_status, c.to_status) for c in status.history(copied, drawn)]
            assert steps[-1][1] == "submitted"


def test_export_and_duplicates_take_the_copied_roster(copied: Database, tmp_path: Path) -> None:
    with copied.reading() as session:
        list_id, members = session.execute(select(ListMember.list_id, func.count()).group_by(ListMember.list_id)
                                           .order_by(func.count()).limit(1)).one()
    result = export_persons(copied, tmp_path / "list.xlsx", selection=Selection(list_id=list_id), operator=OPERATOR,
                            include_without_consent=True)
    assert result.rows == members
    pairs = find_duplicates(copied)
    same_drawn = [(c.a.id, c.b.id) for c in pairs if (c.a.id - 1) % BLOCK == (c.b.id - 1) % BLOCK]
    assert len(pairs) < PERSONS // 50 and len(same_drawn) <= 5  # copies are other people, not registered again
    assert audit.verify_chain(copied).intact


def test_a_build_stopped_among_the_copies_keeps_whole_chunks_and_says_so(db: Database) -> None:
    seen: list[int] = []

    def stop_in_second_copy(done: int, total: int) -> bool:
        seen.append(done)
        return done < BLOCK + 250

    summary = build_demo_roster(db, persons=PERSONS, operator=OPERATOR, today=DAY, chunk=200, block=BLOCK,
                                progress=stop_in_second_copy)
    with db.reading() as session:
        stored = session.scalar(select(func.count()).select_from(Person)) or 0
        summaries = session.scalars(select(AuditEntry.summary)).all()
        headless = session.scalar(select(func.count()).select_from(Household).where(Household.head_person_id.is_(None)))
    assert BLOCK < stored == summary.persons == seen[-1] < PERSONS
    assert summaries == [f"demo roster of {stored} persons built"]
    assert headless == 0
    assert audit.verify_chain(db).intact


def test_a_copied_roster_on_postgresql(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        _build(db)
        _check_tables(db)
        _check_search(db)
        made = status.history(db, 3 * BLOCK + 1)
        assert made and made[0].to_status == "registered"
        with db.reading() as session:  # the planner knows the tables' sizes (an export's household count)
            planned = dict(session.execute(sql(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN ('persons', 'households')")).all())
            stored = session.scalar(sql("SELECT count(*) FROM persons"))
        assert planned["persons"] == stored and planned["households"] > 0
    finally:
        db.close()


def test_the_reference_after_the_millionth_is_the_next_one(db: Database) -> None:
    """A roster of a million persons ends at 'MR-1000000': the next person is 'MR-1000001', not a second
    'MR-1000000' counted from the last six-digit reference."""
    first = persons.create_person(db, {"surname": "Аавик"}, operator=OPERATOR)
    second = persons.create_person(db, {"surname": "Бабаев"}, operator=OPERATOR)
    persons.update_person(db, first.id, {"case_ref": "MR-999999"}, operator=OPERATOR)
    persons.update_person(db, second.id, {"case_ref": "MR-1000000"}, operator=OPERATOR)
    third = persons.create_person(db, {"surname": "Вавилов"}, operator=OPERATOR)
    assert third.case_ref == "MR-1000001"
