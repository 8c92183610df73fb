"""The same code on PostgreSQL: migrations, the core workflows, search in any script, stats."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.flags import Flag
from desktop_app.domain.lists import Answer
from desktop_app.domain.person import DocumentData, Relationship
from desktop_app.domain.status import Status
from desktop_app.services import audit, households, importing, lists, persons, roster, stats, status
from desktop_app.services.roster import RosterQuery
from desktop_app.storage import migrations
from desktop_app.storage.db import Database, open_database
from tests.services.import_support import write_xlsx

pytest_plugins = ["tests.helpers.postgres"]


@pytest.fixture
def pg(postgres_url: str) -> Iterator[Database]:
    database = open_database(postgres_url)
    yield database
    database.close()


def test_migrations_and_workflows_on_postgresql(pg: Database, operator: str) -> None:
    assert migrations.current_revision(pg.engine) == migrations.head_revision()
    mother = persons.create_person(pg, {"surname": "Щербакова", "given_names": "Мария", "birth_date": "1980",
                                        "citizenships": "RUS", "locality": "Rafah"}, operator=operator,
                                   documents=[DocumentData.create("foreign_passport", "72 0123456")],
                                   phones=["+970 59 123 4567"])
    son = persons.create_person(pg, {"surname": "أبو شنب", "surname_latin": "ABU SHANAB", "given_names_latin": "OMAR",
                                     "birth_date": "2015-05-05", "citizenships": "RUS,PSE"}, operator=operator)
    assert mother.case_ref == "MR-000001" and son.case_ref == "MR-000002"

    def found(text: str, **filters: object) -> list[int]:
        return roster.search_ids(pg, RosterQuery(text=text, **filters))  # type: ignore[arg-type]

    assert found("щерб") == [mother.id]
    assert found("shcherbakova") == [mother.id]
    assert found("ابو") == [son.id]
    assert found("72 0123456") == [mother.id]
    assert found("0591234567") == [mother.id]
    assert found("", citizenship="PSE") == [son.id]
    assert found("", flags=(Flag.CHILD,)) == [son.id]
    assert roster.fetch_rows(pg, [mother.id])[mother.id].passport == "72 0123456"

    family = households.create_household(pg, "Abu Shanab", operator=operator, head_person_id=mother.id)
    households.add_member(pg, family.id, son.id, Relationship.CHILD, operator=operator)
    evacuation_list = lists.create_list(pg, "Rafah list 1", operator=operator)
    lists.add_household(pg, evacuation_list.id, family.id, operator=operator)
    lists.record_answer(pg, evacuation_list.id, mother.id, Answer.APPROVED, operator=operator,
                        valid_until=dt.date.today())
    assert persons.get_person(pg, mother.id).status == Status.APPROVED.value
    assert [w.not_approved for w in households.split_households(pg, evacuation_list.id)] == [["MR-000002"]]
    status.change_status(pg, son.id, Status.VERIFIED, operator=operator)

    counts = stats.roster_stats(pg)
    assert counts.persons == 2 and counts.by_status["approved"] == 1 and counts.by_flag["child"] == 1
    assert counts.by_list == {"Rafah list 1": 2}
    today = stats.daily_counts(pg, days=2)[-1]
    assert today.registered == 2
    persons.delete_person(pg, son.id, operator=operator)
    assert [p.id for p in persons.list_trash(pg)] == [son.id]
    assert audit.verify_chain(pg).intact


def test_concurrent_writers_keep_the_audit_chain_and_references_intact(pg: Database, operator: str) -> None:
    def register(worker: int) -> None:
        for index in range(10):
            persons.create_person(pg, {"surname": f"Writer{worker}", "given_names": f"N{index}"}, operator=operator)

    threads = [threading.Thread(target=register, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refs = [persons.get_person(pg, pid).case_ref for pid in roster.search_ids(pg, RosterQuery(text="writer"))]
    assert len(refs) == len(set(refs)) == 40
    assert audit.verify_chain(pg).intact


def test_import_and_its_undo_on_postgresql(pg: Database, operator: str, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [
        ["Фамилия", "Имя", "Дата рождения", "№ паспорта", "Телефон", "Семья", "Родство"],
        ["Кузнецова", "Анна", dt.date(1981, 3, 4), "PG 0001", "+970 59 765 4321", "PG-F1", "head"],
        ["Кузнецов", "Олег", "2012", "PG 0002", None, "PG-F1", "child"],
    ])
    preview = importing.preview_import(pg, path)
    result = importing.commit_import(pg, preview, operator=operator)
    assert result.created == 2
    anna, oleg = (persons.get_person(pg, person_id) for person_id in result.created_ids)
    assert (anna.surname_latin, anna.birth_date and anna.birth_date.iso(), anna.phones[0].e164) == (
        "KUZNETSOVA", "1981-03-04", "+970597654321")
    assert anna.household_ref == oleg.household_ref == "PG-F1" and oleg.documents[0].number == "PG 0002"
    assert anna.created_at == anna.updated_at and isinstance(anna.created_at, dt.datetime)
    assert roster.search_ids(pg, RosterQuery(text="кузнец")) == [oleg.id, anna.id]  # in name order
    assert roster.search_ids(pg, RosterQuery(text="0597654321")) == [anna.id]
    undone = importing.undo_import(pg, result.import_id, operator=operator)
    assert undone.deleted == 2 and roster.search_ids(pg, RosterQuery(text="кузнец")) == []
    assert audit.verify_chain(pg).intact
