"""Defects found by a review of the core services, each pinned by the reproduction that found it."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from desktop_app.domain.errors import DatabaseError, NotFound, ValidationError
from desktop_app.services import persons
from desktop_app.storage.db import Database
from desktop_app.storage.models import Person


def test_a_hand_typed_reference_does_not_break_generated_ones(db: Database, operator: str) -> None:
    persons.create_person(db, {"surname": "A"}, operator=operator)
    persons.create_person(db, {"surname": "B", "case_ref": "MR-1"}, operator=operator)
    persons.create_person(db, {"surname": "X", "case_ref": "MR-X"}, operator=operator)
    refs = [persons.create_person(db, {"surname": s}, operator=operator).case_ref for s in "CDE"]
    assert refs == ["MR-000002", "MR-000003", "MR-000004"]


def test_a_constraint_failure_is_a_typed_error_without_the_values(db: Database, operator: str) -> None:
    first = persons.create_person(db, {"surname": "Щербакова"}, operator=operator)
    second = persons.create_person(db, {"surname": "Орлова"}, operator=operator)
    with pytest.raises(DatabaseError) as refused, db.transaction() as session:
        session.execute(update(Person).where(Person.id == second.id).values(uuid=first.uuid))
    assert "nothing was changed" in str(refused.value)
    assert first.uuid not in str(refused.value) and "Орлова" not in str(refused.value)
    assert persons.get_person(db, second.id).uuid == second.uuid
    with pytest.raises(NotFound):
        persons.find_person(db, "nobody")
    with pytest.raises(ValidationError):
        persons.update_person(db, first.id, {"birth_date": "soon"}, operator=operator)


def test_an_edit_cannot_blank_the_name_or_the_reference(db: Database, operator: str) -> None:
    person = persons.create_person(db, {"surname": "Иванов"}, operator=operator)
    with pytest.raises(ValidationError, match="surname"):
        persons.update_person(db, person.id, {"surname": "", "surname_latin": ""}, operator=operator)
    with pytest.raises(ValidationError, match="case_ref"):
        persons.update_person(db, person.id, {"case_ref": ""}, operator=operator)
    assert persons.get_person(db, person.id).surname == "Иванов"


def test_the_derived_latin_name_follows_a_corrected_cyrillic_one(db: Database, operator: str) -> None:
    derived = persons.create_person(db, {"surname": "Иванов", "given_names": "Пётр"}, operator=operator)
    edited = persons.update_person(db, derived.id, {"surname": "Смирнов"}, operator=operator)
    assert (edited.surname_latin, edited.given_names_latin) == ("SMIRNOV", "PETR")
    typed = persons.create_person(db, {"surname": "Щербаков", "surname_latin": "SCHERBAKOV"}, operator=operator)
    assert persons.update_person(db, typed.id, {"surname": "Щербакова"}, operator=operator).surname_latin == \
        "SCHERBAKOV"  # typed from the passport: left alone


def test_lists_crossings_households_and_undo_keep_their_rules(db: Database, operator: str) -> None:
    import datetime as dt

    from desktop_app.domain.lists import Answer, ListState
    from desktop_app.domain.status import Status
    from desktop_app.services import audit, households, lists, stats, undo

    first = persons.create_person(db, {"surname": "Орлов"}, operator=operator)
    second = persons.create_person(db, {"surname": "Орлова"}, operator=operator)
    evacuation_list = lists.create_list(db, "L", operator=operator)
    lists.add_members(db, evacuation_list.id, [first.id, second.id], operator=operator)
    with pytest.raises(ValidationError, match="cannot follow"):
        lists.set_state(db, evacuation_list.id, ListState.SENT, operator=operator)  # sending is mark_sent
    lists.record_answer(db, evacuation_list.id, first.id, Answer.APPROVED, operator=operator)
    lists.record_crossing(db, evacuation_list.id, first.id, operator=operator, at=dt.datetime(2024, 1, 1))
    entries = len(audit.browse(db))
    lists.record_crossing(db, evacuation_list.id, first.id, operator=operator, at=dt.datetime(2024, 2, 2))
    assert len(audit.browse(db)) == entries + 1  # a corrected crossing date is recorded
    persons.delete_person(db, second.id, operator=operator)
    assert stats.roster_stats(db).by_list == {"L": 1}  # the trash does not count
    with pytest.raises(NotFound):
        lists.record_crossing(db, evacuation_list.id, second.id, operator=operator)
    with db.transaction() as session:  # what a merge leaves behind
        session.execute(update(Person).where(Person.id == second.id).values(
            deleted_at=None, status=Status.MERGED.value, merged_into_id=first.id))
    with pytest.raises(ValidationError, match="merged"):
        households.create_household(db, "H", operator=operator, head_person_id=second.id)
    with pytest.raises(ValidationError, match="merge"):
        undo.revert_status(db, second.id, Status.REGISTERED, expected_current=Status.MERGED, operator=operator)


def test_trash_and_restore_of_a_household_head(db: Database, operator: str) -> None:
    from desktop_app.services import audit, households

    head = persons.create_person(db, {"surname": "Орлова"}, operator=operator)
    family = households.create_household(db, "Orlov", operator=operator, head_person_id=head.id)
    persons.delete_person(db, head.id, operator=operator)
    entry = audit.browse(db, audit.AuditFilter(entity_key=head.uuid, action="delete"))[0]
    assert entry.changes == {"head_of": [family.ref, None]}
    assert households.get_household(db, family.id).head_person_id is None
    persons.restore_person(db, head.id, operator=operator)
    assert households.get_household(db, family.id).head_person_id == head.id


def test_list_add_with_an_unknown_household_adds_nobody(db_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.cli import main

    base = ["--db", str(db_path), "--operator", "t"]
    main([*base, "person", "add", "--surname", "Орлов"])
    main([*base, "list", "create", "L"])
    assert main([*base, "list", "add", "L", "MR-000001", "--household", "H-99999"]) == 1
    assert "H-99999" in capsys.readouterr().err
    main([*base, "list", "show", "L"])
    assert "MR-000001" not in capsys.readouterr().out


def test_registration_audit_names_documents_and_phones_and_the_trash_is_not_submitted(db: Database,
                                                                                      operator: str) -> None:
    from desktop_app.domain.person import DocumentData
    from desktop_app.domain.status import Status
    from desktop_app.services import audit, lists, status

    person = persons.create_person(db, {"surname": "Орлов"}, operator=operator, phones=["+970591234567"],
                                   documents=[DocumentData.create("passport", "0123456")])
    created = audit.browse(db, audit.AuditFilter(entity_key=person.uuid, action="create"))[0]
    assert created.changes["documents"] == [None, ["passport 0123456"]]
    assert created.changes["phones"] == [None, ["+970591234567"]]
    status.change_status(db, person.id, Status.VERIFIED, operator=operator)
    evacuation_list = lists.create_list(db, "L", operator=operator)
    lists.add_members(db, evacuation_list.id, [person.id], operator=operator)
    persons.delete_person(db, person.id, operator=operator)
    lists.mark_sent(db, evacuation_list.id, operator=operator)
    assert persons.get_person(db, person.id).status == "verified"
