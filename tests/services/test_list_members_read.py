"""A list's members are read as the columns the Lists page shows, not as whole entities (issue 19, W1).

In the real window on the 1,000,000-person bench roster, the Lists page read a list of 174,510 members as
Person and ListMember entities (every column, an identity map): 1 GB and 11 s, on every visit to the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from desktop_app.domain.lists import Answer
from desktop_app.domain.status import Status, answer_gap
from desktop_app.services import lists, persons
from desktop_app.storage.db import Database
from desktop_app.storage.models import ListMember, Person

OPERATOR = "A. Petrova"


@pytest.fixture
def entities_loaded() -> Iterator[list[str]]:
    """The names of the mapped classes whose rows SQLAlchemy made into entities meanwhile."""
    loaded: list[str] = []

    def on_load(target: object, _context: object) -> None:
        loaded.append(type(target).__name__)

    for mapped in (Person, ListMember):
        event.listen(mapped, "load", on_load)
    yield loaded
    for mapped in (Person, ListMember):
        event.remove(mapped, "load", on_load)


def test_a_lists_members_are_read_without_making_entities(db: Database, entities_loaded: list[str]) -> None:
    """Failed before (two entities made per member: ['Person', 'ListMember', ...]), passes."""
    ids = [persons.create_person(db, {"surname": f"Иванова{n}", "given_names": "Мария"}, operator=OPERATOR).id
           for n in range(5)]
    created = lists.create_list(db, "Rafah 14 Nov", operator=OPERATOR)
    lists.add_members(db, created.id, ids, operator=OPERATOR)
    entities_loaded.clear()
    members = lists.members(db, created.id)
    assert sorted(m.person_id for m in members) == sorted(ids)
    assert entities_loaded == []


def test_each_members_fields_are_those_the_list_holds(db: Database) -> None:
    """Name parts joined in order (an empty patronymic left out), the Latin name, status, the recorded answer with
    its date and note, the gap between the answer and the status, and the order by name."""
    omar = persons.create_person(db, {"surname": "Хасан", "given_names": "Омар", "surname_latin": "HASAN",
                                      "given_names_latin": "OMAR"}, operator=OPERATOR)
    anna = persons.create_person(db, {"surname": "Абрамова", "given_names": "Анна", "patronymic": "Петровна",
                                      "surname_latin": "ABRAMOVA"}, operator=OPERATOR)
    created = lists.create_list(db, "Allenby 15 Nov", operator=OPERATOR)
    lists.add_members(db, created.id, [omar.id, anna.id], operator=OPERATOR)
    lists.mark_sent(db, created.id, operator=OPERATOR, verify_first=True)
    lists.record_answer(db, created.id, omar.id, Answer.APPROVED, operator=OPERATOR,
                        valid_until=dt.date(2026, 12, 31), note="gate 3")
    first, second = lists.members(db, created.id)
    assert (first.person_id, first.case_ref, first.name, first.latin_name) == (
        anna.id, anna.case_ref, "Абрамова Анна Петровна", "ABRAMOVA ANNA")
    assert (first.answer, first.valid_until, first.crossed_at, first.answer_note) == ("pending", None, None, "")
    assert (second.person_id, second.name, second.latin_name, second.answer, second.valid_until,
            second.answer_note) == (omar.id, "Хасан Омар", "HASAN OMAR", "approved", dt.date(2026, 12, 31), "gate 3")
    assert second.status == persons.get_person(db, omar.id).status
    assert first.status == persons.get_person(db, anna.id).status
    assert second.status_gap == answer_gap("approved", Status(persons.get_person(db, omar.id).status))
    assert first.status_gap == answer_gap("pending", Status(persons.get_person(db, anna.id).status))
