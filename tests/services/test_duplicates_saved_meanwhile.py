"""A save made while the duplicates are sought (session 18, U4): the search no longer holds the roster's saves.

The search reads the roster once and works out its pairs for seconds (minutes at a million persons) while
officers save. A person merged, deleted or dismissed as not a duplicate meanwhile is looked up again before
the pairs are returned: its pair is not offered as it was read (an officer would open a merged record).
The save is made, for real, once the roster was read: at the search's first progress report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from desktop_app.domain.errors import Cancelled, ValidationError
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import duplicates, persons
from desktop_app.storage.db import Database, open_database

Save = Callable[[Database, int, int], object]


def _twice(db: Database, surname: str, given: str, born: str) -> tuple[int, int]:
    ids = [persons.create_person(db, {"surname_latin": surname, "given_names_latin": given, "birth_date": born},
                                 operator="t").id for _ in range(2)]
    return ids[0], ids[1]


def _merged(db: Database, a: int, b: int) -> object:
    return duplicates.merge_persons(db, a, b, operator="t")


def _deleted(db: Database, a: int, b: int) -> object:
    return persons.delete_person(db, b, operator="t")


def _dismissed(db: Database, a: int, b: int) -> object:
    return duplicates.dismiss_pair(db, a, b, operator="t")


def _renamed(db: Database, a: int, b: int) -> object:
    """B corrected to the person it was meant to be: no longer A's duplicate (breaker X20c)."""
    return persons.update_person(db, b, {"surname_latin": "PETRENKO", "given_names_latin": "IVAN",
                                         "birth_date": "1950-07-02"}, operator="t")


def _document_added(db: Database, a: int, b: int) -> object:
    """B gains a passport A does not hold: the pair's fields and score as read are no longer B's (breaker X20c)."""
    return persons.add_document(db, b, DocumentData(DocumentType.PASSPORT, "N7731904"), operator="t")


pytest_plugins = ["tests.helpers.postgres"]
SAVES = [_merged, _deleted, _dismissed, _renamed, _document_added]


@pytest.fixture
def server_db(postgres_url: str) -> Iterator[Database]:
    database = open_database(postgres_url)
    yield database
    database.close()


@pytest.mark.parametrize("save", SAVES)
def test_a_pair_changed_during_the_search_is_not_offered_on_a_server(server_db: Database, save: Save) -> None:
    """The same on PostgreSQL (breaker X20c): the search's read is a transaction of its own there too."""
    test_a_pair_changed_during_the_search_is_not_offered(server_db, save)


@pytest.mark.parametrize("save", SAVES)
def test_a_pair_changed_during_the_search_is_not_offered(db: Database, save: Save) -> None:
    changed = _twice(db, "ORLOVA", "MARIA", "1984-02-11")
    kept = _twice(db, "ANTONOV", "PAVEL", "1971-09-30")
    saves: list[object] = []

    def progress(done: int, total: int) -> bool:
        if not saves:  # the roster was read: the officer saves now
            saves.append(save(db, *changed))
        return True

    found = {(pair.a.id, pair.b.id) for pair in duplicates.find_duplicates(db, progress=progress)}

    assert saves
    assert tuple(sorted(kept)) in found  # the search did run
    # before: offered as read, a merged or deleted person in it; an edited person with the fields, score and
    # decision of before its edit (the list said 'match' for ORLOVA MARIA and the PETRENKO IVAN she had become)
    assert tuple(sorted(changed)) not in found
    if save is _merged:  # the merge screen reads both persons again: a stale pair could not be merged blindly
        with pytest.raises(ValidationError):
            duplicates.merge_comparison(db, *changed)


def test_a_search_answered_cancel_stops_with_cancelled(db: Database) -> None:
    _twice(db, "ORLOVA", "MARIA", "1984-02-11")
    asked: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        asked.append((done, total))
        return False

    with pytest.raises(Cancelled):
        duplicates.find_duplicates(db, progress=progress)
    assert len(asked) == 1  # stopped at the first question, right after the roster's read
