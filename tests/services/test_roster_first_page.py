"""The first page of a search merged from the term index (issue 19) is the page sorting every match gives.

`first_page_ids` merges, for the typed word beginning the fewest terms, each term's persons as the
term index holds them (in name order), or sorts every match when a word begins too many terms;
`search_ids` always sorts every match. Over a 2,000-person bulk roster with persons in the trash and
a merged record, both must give the same page in the same order for every kind of search and
filter. The sort key each term row carries is kept by the database: an edit, an undo and a new
person are followed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, event, func, select

from desktop_app.domain.flags import Flag
from desktop_app.domain.status import Status
from desktop_app.services import persons, roster
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.services.duplicates import merge_operations, merge_persons, undo_merge
from desktop_app.services.roster_rows import RosterQuery, SortKey
from desktop_app.storage import migrations
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import Household, ListMember, Person, Phone, SearchTerm

DAY = dt.date(2026, 11, 20)
OPERATOR = "test.officer"


@pytest.fixture(scope="module")
def bulk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp("first-page-merge") / "roster.db")
    build_demo_roster(database, persons=2000, operator=OPERATOR, today=DAY, chunk=500)
    ids = roster.search_ids(database, RosterQuery(today=DAY))
    for person_id in ids[5:40:7]:
        persons.delete_person(database, person_id, operator=OPERATOR)
    merge_persons(database, ids[50], ids[51], operator=OPERATOR)
    yield database
    database.close()


def _texts(db: Database) -> list[str]:
    """Prefixes of every kind a person is found by, of one to six characters, and two-word searches."""
    rng = random.Random(19)
    with db.reading() as session:
        people = session.execute(select(Person.surname, Person.given_names, Person.surname_latin,
                                        Person.case_ref)).all()
        phones = list(session.scalars(select(Phone.e164).limit(200)))
    texts = ["мухаммед", "Abu Shanab", "ива", "а", "m", "zz", "щщщ"]
    for _ in range(3):
        surname, given, latin, case_ref = rng.choice(people)
        size = rng.randint(1, 6)
        texts += [surname[:size], given[:size], latin[:size], case_ref[:size + 2], f"{surname[:4]} {given[:2]}"]
    texts += [rng.choice(phones)[-rng.randint(3, 7):] for _ in range(3)]
    return [t for t in texts if t.strip()]


def _filters(db: Database) -> list[dict[str, object]]:
    with db.reading() as session:
        list_id = session.scalar(select(ListMember.list_id).limit(1))
        household_id = session.scalar(select(Household.id).order_by(Household.id.desc()).limit(1))
    return [{}, {"statuses": (Status.REGISTERED,)}, {"list_id": list_id}, {"household_id": household_id},
            {"flags": (Flag.MEDICAL,)}, {"include_merged": True}, {"descending": True},
            {"flags": (Flag.CHILD,), "descending": True}]


def test_the_merged_page_is_the_sorted_page(bulk: Database) -> None:
    merged = sorted_only = 0
    for text in _texts(bulk):
        for number, extra in enumerate(_filters(bulk)):
            limit = (50, 3)[number % 2]  # a short page: a term's own first few are cut by the filters
            query = RosterQuery(text=text, today=DAY, **extra)  # type: ignore[arg-type]
            expected = roster.search_ids(bulk, query)[:limit]
            assert roster.first_page_ids(bulk, query, limit) == expected, (text, extra)
        with bulk.reading() as session:
            driven = roster.first_page_driver(session, RosterQuery(text=text)) is not None
        merged, sorted_only = merged + driven, sorted_only + (not driven)
    assert merged > 10 and sorted_only >= 3  # both ways were taken


def _several_words(db: Database) -> list[str]:
    """Searches of two and three words: surname and given name in each script and mixed, with the
    patronymic, prefixes of them, a one-letter word (more terms than are merged), an Arabic name."""
    rng = random.Random(23)
    with db.reading() as session:
        people = session.execute(select(Person.surname, Person.given_names, Person.patronymic, Person.surname_latin,
                                        Person.given_names_latin).where(Person.patronymic != "")).all()
        arabic = session.execute(select(Person.surname, Person.given_names, Person.surname_latin,
                                        Person.given_names_latin).where(Person.patronymic == "")).all()
    texts = ["иванов сергей", "ivanova anna", "анна ivanova", "елена николаевна", "мухаммед ахмад"]
    for _ in range(3):
        surname, given, patronymic, surname_latin, given_latin = rng.choice(people)
        texts += [f"{surname} {given}", f"{surname_latin} {given_latin}", f"{given_latin} {surname}",
                  f"{surname} {given} {patronymic}", f"{surname} {patronymic}", f"{surname[:4]} {given[:3]}",
                  f"{given} {surname_latin[:3]} {patronymic[:5]}", f"{surname} {given} {surname[0]}"]
    for _ in range(2):
        surname, given, surname_latin, given_latin = rng.choice(arabic)
        texts += [f"{surname} {given}", f"{given_latin} {surname_latin}"]
    return texts


def test_the_intersected_page_is_the_sorted_page(bulk: Database) -> None:
    intersected = 0
    filters = _filters(bulk)
    for number, text in enumerate(_several_words(bulk)):
        for extra in ({}, filters[1 + number % (len(filters) - 1)]):  # each filter on several texts
            limit = (50, 3, 1)[number % 3]  # short pages: the frontier goes deeper in rounds
            query = RosterQuery(text=text, today=DAY, **extra)  # type: ignore[arg-type]
            expected = roster.search_ids(bulk, query)[:limit]
            assert roster.first_page_ids(bulk, query, limit) == expected, (text, extra, limit)
        with bulk.reading() as session:
            intersected += roster.intersected_words(session, RosterQuery(text=text)) is not None
    assert intersected > 20  # most are intersected, the rest merged or sorted


def test_the_intersected_page_without_leaping_to_the_first_common_person(bulk: Database,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The window may start at any row before the first match: with no leap, at the last word's first
    person; the page is the same, found in more rounds."""
    monkeypatch.setattr(roster, "LEAPS", 0)
    for text in _several_words(bulk)[:12]:
        for descending in (False, True):
            query = RosterQuery(text=text, today=DAY, descending=descending)
            assert roster.first_page_ids(bulk, query, 4) == roster.search_ids(bulk, query)[:4], text


class _Statements:
    """The statements an engine runs while `on` (left in place after, off: a listener is never removed)."""

    def __init__(self, db: Database) -> None:
        self.on = False
        self.sent: list[tuple[str, object]] = []
        event.listen(db.engine, "before_cursor_execute", self._sent)

    def _sent(self, _conn: object, _cursor: object, statement: str, parameters: object, _context: object,
              _many: bool) -> None:
        if self.on:
            self.sent.append((statement, parameters))


def test_every_words_terms_are_read_in_one_statement(bulk: Database) -> None:
    """A surname and a given name (each with its sound keys: several prefixes a word) have their terms read
    in one statement; it was one a prefix."""
    caught = _Statements(bulk)
    query = RosterQuery(text="ivanova anna", today=DAY)
    caught.on = True
    try:
        page = roster.first_page_ids(bulk, query, 5)
    finally:
        caught.on = False
    assert page == roster.search_ids(bulk, query)[:5]
    assert len([sql for sql, _ in caught.sent if "WITH RECURSIVE" in sql]) == 1
    assert sum(len(prefixes) for prefixes, _exact in roster._plain_words(query.text) or []) > 2  # sound keys too


def test_each_deeper_round_reads_only_past_the_window_before(bulk: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the leap the window starts at a word's first person and the page takes rounds; each round
    intersects only the stretch after the one before (which held fewer matches than the page), not the whole
    window again from its start, and the page is still the sorted page."""
    monkeypatch.setattr(roster, "LEAPS", 0)
    caught = _Statements(bulk)
    deepened = 0
    for text in _several_words(bulk)[:12]:
        for descending in (False, True):
            query = RosterQuery(text=text, today=DAY, descending=descending)
            caught.sent, caught.on = [], True
            try:
                page = roster.first_page_ids(bulk, query, 4)
            finally:
                caught.on = False
            assert page == roster.search_ids(bulk, query)[:4], text
            # Each round's window as (start, end), the last words' bounds before LIMIT and OFFSET.
            windows = [(tuple(parameters[-6:-4]), tuple(parameters[-4:-2]))  # type: ignore[index]
                       for sql, parameters in caught.sent if "INTERSECT" in sql]
            for (_start, end), (next_start, _next_end) in itertools.pairwise(windows):
                assert next_start == end, text  # it started again at the first round's start
            deepened += len(windows) > 1
    assert deepened >= 3


def test_other_sorts_and_no_text_are_sorted(bulk: Database) -> None:
    with bulk.reading() as session:
        assert roster.first_page_driver(session, RosterQuery(text="ива", sort=SortKey.BIRTH_DATE)) is None
        assert roster.first_page_driver(session, RosterQuery()) is None
    query = RosterQuery(text="ива", sort=SortKey.BIRTH_DATE, today=DAY)
    assert roster.first_page_ids(bulk, query, 20) == roster.search_ids(bulk, query)[:20]


def _stale_terms(db: Database) -> int:
    """Term rows whose sort key is not their person's."""
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(SearchTerm)
                              .join(Person, Person.id == SearchTerm.person_id)
                              .where(SearchTerm.sort_key.is_distinct_from(Person.sort_key))) or 0


def test_the_bulk_roster_terms_carry_their_persons_sort_keys(bulk: Database) -> None:
    assert _stale_terms(bulk) == 0


def test_the_terms_follow_a_new_renamed_and_merged_person(tmp_path: Path) -> None:
    db = open_database(tmp_path / "roster.db")
    try:
        build_demo_roster(db, persons=60, operator=OPERATOR, today=DAY, chunk=30)
        made = persons.create_person(db, {"surname": "Яковлева", "given_names": "Анна"}, operator=OPERATOR)
        with db.reading() as session:
            keys = set(session.scalars(select(SearchTerm.sort_key).where(SearchTerm.person_id == made.id)))
        assert keys == {"яковлева анна"}
        query = RosterQuery(text="анна", today=DAY)
        assert roster.first_page_ids(db, query, 1) != [made.id]
        persons.update_person(db, made.id, {"surname": "Аавик"}, operator=OPERATOR)
        assert _stale_terms(db) == 0
        assert roster.first_page_ids(db, query, 1) == [made.id] == roster.search_ids(db, query)[:1]
        twin = persons.create_person(db, {"surname": "Аавик", "given_names": "Анна Мария"}, operator=OPERATOR)
        merge_persons(db, made.id, twin.id, picks={"given_names": "other"}, operator=OPERATOR)
        assert _stale_terms(db) == 0
        undo_merge(db, merge_operations(db, made.id)[-1], operator=OPERATOR)
        assert _stale_terms(db) == 0
        assert roster.first_page_ids(db, query, 2) == roster.search_ids(db, query)[:2]
    finally:
        db.close()


def test_a_roster_of_0019_has_its_terms_sort_keys_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "roster.db"
    db = open_database(path)
    build_demo_roster(db, persons=40, operator=OPERATOR, today=DAY, chunk=20)
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0019")
        columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(search_terms)")}
        assert "sort_key" not in columns
        assert "WITHOUT ROWID" in str(connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'search_terms'").scalar())
    engine.dispose()
    db = open_database(path)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        assert _stale_terms(db) == 0
        query = RosterQuery(text="ива", today=DAY)
        assert roster.first_page_ids(db, query, 5) == roster.search_ids(db, query)[:5]
    finally:
        db.close()
