"""Breaker X22c on merging many copies in one act (`duplicates.merge_many`)."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import EditConflict, ValidationError
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import duplicates, persons
from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.postgres"]

OPERATOR = "x22c.officer"


def _registered(db: Database, given_names: str, birth_date: str, *, passport: str | None = None) -> int:
    """A Haddad of the camp; the passport left out when the officer did not see one."""
    documents = [DocumentData.create(DocumentType.PASSPORT, passport, "LBN")] if passport else []
    return persons.create_person(
        db, {"surname": "Haddad", "given_names": given_names, "birth_date": birth_date, "sex": "M"},
        operator=OPERATOR, documents=documents).id


def test_records_an_officer_marked_as_different_persons_are_not_merged_in_one_act(db: Database) -> None:
    """Twins marked 'not a duplicate' and a third record (no passport) that matches each: merging the third's
    pairs in one act must not make the twins one person behind the officer's mark."""
    twin_a = _registered(db, "Karim", "2001-03-05", passport="RL1002001")
    twin_b = _registered(db, "Karim", "2001-03-05", passport="RL1002002")
    unsure = _registered(db, "Karim", "2001-03-05")
    duplicates.dismiss_pair(db, twin_a, twin_b, operator=OPERATOR, note="twins, seen at the desk")

    for keep, others in ((unsure, [twin_a, twin_b]), (twin_a, [unsure, twin_b]), (twin_b, [twin_a, unsure])):
        with pytest.raises(ValidationError, match="marked as different persons"):
            duplicates.merge_many(db, keep, others, operator=OPERATOR)

    assert {persons.get_person(db, p).status for p in (twin_a, twin_b, unsure)} == {"registered"}
    assert duplicates.merge_many(db, unsure, [twin_a], operator=OPERATOR).id == unsure  # one of them: as asked


def test_on_a_server_the_marks_and_a_colleagues_change_refuse_the_act_too(postgres_url: str) -> None:
    """PostgreSQL: twins marked apart refuse a merge of several; a record changed after the officer's list
    (`versions`) refuses it, naming who; the versions as listed merge."""
    server = open_database(postgres_url)
    try:
        twin_a = _registered(server, "Karim", "2001-03-05", passport="RL1002001")
        twin_b = _registered(server, "Karim", "2001-03-05", passport="RL1002002")
        unsure = _registered(server, "Karim", "2001-03-05")
        duplicates.dismiss_pair(server, twin_a, twin_b, operator=OPERATOR)
        with pytest.raises(ValidationError, match="marked as different persons"):
            duplicates.merge_many(server, unsure, [twin_a, twin_b], operator=OPERATOR)
        copy = _registered(server, "Karim", "2001-03-05")
        listed = {person: persons.get_person(server, person).version for person in (unsure, copy)}
        persons.update_person(server, copy, {"given_names": "Fadi"}, operator="B. Colleague")
        with pytest.raises(EditConflict, match=r"changed by B\. Colleague"):
            duplicates.merge_many(server, unsure, [copy], operator=OPERATOR, versions=listed)
        assert persons.get_person(server, copy).status == "registered"
        listed[copy] = persons.get_person(server, copy).version
        assert duplicates.merge_many(server, unsure, [copy], operator=OPERATOR, versions=listed).id == unsure
    finally:
        server.close()


def test_a_merge_is_undone_after_the_later_merge_of_several_into_the_same_record_was(db: Database) -> None:
    """Edit > Undo twice: the merge of several (which changed the kept record: a note picked) and then the single
    merge made before it. The second was refused, 'changed by x22c.officer after the merge': by the first undo itself,
    which gave the kept record its fields back but moved its version."""
    first = _registered(db, "Karim", "2001-03-05", passport="RL1002001")
    single = _registered(db, "Karim", "2001-03-05", passport="RL1002001")
    noted, plain = (persons.create_person(
        db, {"surname": "Haddad", "given_names": "Karim", "birth_date": "2001-03-05", "sex": "M", "notes": note},
        operator=OPERATOR).id for note in ("called back", ""))
    duplicates.merge_persons(db, first, single, operator=OPERATOR)
    (earlier,) = duplicates.merge_operations(db, first)
    duplicates.merge_many(db, first, [noted, plain], picks={"notes": "other"}, operator=OPERATOR)
    later = duplicates.merge_operations(db, first)[0]

    duplicates.undo_merge(db, later, operator=OPERATOR)
    duplicates.undo_merge(db, earlier, operator=OPERATOR)

    assert {persons.get_person(db, p).status for p in (first, single, noted, plain)} == {"registered"}
    assert persons.get_person(db, first).notes in ("", None)
    persons.update_person(db, first, {"notes": "seen again"}, operator="B. Colleague")
    duplicates.merge_persons(db, first, single, operator=OPERATOR)
    (again,) = duplicates.merge_operations(db, first)
    persons.update_person(db, first, {"notes": "edited after"}, operator="B. Colleague")
    with pytest.raises(EditConflict, match=r"changed by B\. Colleague"):  # a real edit still refuses
        duplicates.undo_merge(db, again, operator=OPERATOR)
