"""On PostgreSQL too (issue 19): the first page merged or intersected from the term index is the sorted
page, and the term rows' sort keys are kept by the server's triggers (migration 0020) for a bulk roster, a new person
and a renamed one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from desktop_app.services import persons, roster
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import open_database
from desktop_app.storage.models import Person, SearchTerm

pytest_plugins = ["tests.helpers.postgres"]

DAY = dt.date(2026, 11, 20)


def test_the_merged_page_is_the_sorted_page_on_postgresql(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        build_demo_roster(db, persons=300, operator="test", today=DAY, chunk=100)
        made = persons.create_person(db, {"surname": "Яковлева", "given_names": "Анна"}, operator="test")
        persons.update_person(db, made.id, {"surname": "Аавик"}, operator="test")
        with db.reading() as session:
            stale = session.scalar(select(func.count()).select_from(SearchTerm)
                                   .join(Person, Person.id == SearchTerm.person_id)
                                   .where(SearchTerm.sort_key.is_distinct_from(Person.sort_key)))
            surnames = list(session.scalars(select(Person.surname).limit(40)))
        assert stale == 0
        merged = 0
        for text in ["анна", "ива", "мухаммед", *(s[:3] for s in surnames), *(s[:2] + " а" for s in surnames[:5])]:
            for descending in (False, True):
                query = RosterQuery(text=text, today=DAY, descending=descending)
                assert roster.first_page_ids(db, query, 7) == roster.search_ids(db, query)[:7], text
                with db.reading() as session:
                    merged += roster.first_page_driver(session, query) is not None
        assert merged > 40
        assert roster.first_page_ids(db, RosterQuery(text="анна", today=DAY), 1) == [made.id]
        with db.reading() as session:
            named = session.execute(select(Person.surname, Person.given_names, Person.patronymic,
                                           Person.surname_latin, Person.given_names_latin)
                                    .where(Person.patronymic != "").limit(4)).all()
        intersected = 0
        for surname, given, patronymic, surname_latin, given_latin in named:
            for text in [f"{surname} {given}", f"{surname_latin} {given_latin}", f"{given_latin} {surname}",
                         f"{surname} {given} {patronymic}", f"{surname[:3]} {patronymic[:4]}"]:
                for descending, limit in ((False, 7), (True, 2)):
                    query = RosterQuery(text=text, today=DAY, descending=descending)
                    assert roster.first_page_ids(db, query, limit) == roster.search_ids(db, query)[:limit], text
                with db.reading() as session:
                    intersected += roster.intersected_words(session, RosterQuery(text=text)) is not None
        assert intersected > 12
    finally:
        db.close()
