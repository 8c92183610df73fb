"""Split households are found in a few reads, not two per approved household (issue 19, W1).

On the 1,000,000-person bench roster a list of 174,510 members has tens of thousands of approved households;
`split_households`, which the Lists page reads with every list it shows, read each one's household and members
on its own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event

from desktop_app.domain.lists import Answer
from desktop_app.domain.person import Relationship
from desktop_app.services import households, lists, persons
from desktop_app.storage.db import Database

OPERATOR = "A. Petrova"
HOUSEHOLDS = 30


@pytest.fixture
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements the database is sent meanwhile."""
    sent: list[str] = []

    def before(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    yield sent
    event.remove(db.engine, "before_cursor_execute", before)


def test_split_households_are_read_in_a_few_statements(db: Database, statements: list[str]) -> None:
    """Failed before (61 statements and more for 30 households), passes; the warnings are the same."""
    mothers, children, refs = [], [], []
    for n in range(HOUSEHOLDS):
        mother = persons.create_person(db, {"surname": f"Орлова{n}", "given_names": "Анна"}, operator=OPERATOR).id
        child = persons.create_person(db, {"surname": f"Орлов{n}", "given_names": "Илья",
                                           "birth_date": "2015-05-05"}, operator=OPERATOR).id
        household = households.create_household(db, f"Orlov {n}", operator=OPERATOR, head_person_id=mother)
        households.add_member(db, household.id, child, Relationship.CHILD, operator=OPERATOR)
        mothers.append(mother)
        children.append(child)
        refs.append(household.ref)
    whole = persons.create_person(db, {"surname": "Хасан", "given_names": "Омар"}, operator=OPERATOR).id
    households.create_household(db, "Hasan", operator=OPERATOR, head_person_id=whole)
    created = lists.create_list(db, "Rafah 14 Nov", operator=OPERATOR)
    lists.add_members(db, created.id, [*mothers, whole], operator=OPERATOR)
    lists.mark_sent(db, created.id, operator=OPERATOR, verify_first=True)
    lists.record_answers(db, created.id, [*mothers, whole], Answer.APPROVED, operator=OPERATOR)
    statements.clear()
    warnings = households.split_households(db, created.id)
    assert len(statements) <= 6
    case_ref = {pid: persons.get_person(db, pid).case_ref for pid in [*mothers, *children]}
    assert [(w.household_ref, w.list_id, w.approved, w.not_approved) for w in warnings] == [
        (refs[n], created.id, [case_ref[mothers[n]]], [case_ref[children[n]]]) for n in range(HOUSEHOLDS)]


def test_one_households_split_is_read_without_the_others(db: Database) -> None:
    """The Households page asks for the household it shows (it read every household's, then kept one). Failed
    before (no household_id to ask with), passes."""
    chosen, other = [], []
    for n, kept in ((0, chosen), (1, other)):
        mother = persons.create_person(db, {"surname": f"Орлова{n}", "given_names": "Анна"}, operator=OPERATOR).id
        child = persons.create_person(db, {"surname": f"Орлов{n}", "given_names": "Илья",
                                           "birth_date": "2015-05-05"}, operator=OPERATOR).id
        household = households.create_household(db, f"Orlov {n}", operator=OPERATOR, head_person_id=mother)
        households.add_member(db, household.id, child, Relationship.CHILD, operator=OPERATOR)
        kept.extend([household.id, mother])
    created = lists.create_list(db, "Rafah 14 Nov", operator=OPERATOR)
    lists.add_members(db, created.id, [chosen[1], other[1]], operator=OPERATOR)
    lists.mark_sent(db, created.id, operator=OPERATOR, verify_first=True)
    lists.record_answers(db, created.id, [chosen[1], other[1]], Answer.APPROVED, operator=OPERATOR)
    assert {w.household_id for w in households.split_households(db)} == {chosen[0], other[0]}
    assert [w.household_id for w in households.split_households(db, household_id=chosen[0])] == [chosen[0]]
    assert [w.household_id for w in households.split_households(db, created.id, household_id=other[0])] == [other[0]]
