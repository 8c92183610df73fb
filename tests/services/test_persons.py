"""Persons on a real database file: create, edit with audit, conflicts, trash and restore."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import DuplicateValue, EditConflict, ValidationError
from desktop_app.domain.person import DocumentData
from desktop_app.services import audit, persons, stats
from desktop_app.storage.db import Database


def _add(db: Database, operator: str, **fields: str) -> persons.PersonView:
    base = {"surname": "Щербаков", "given_names": "Мария", "birth_date": "1980-02-01", "sex": "F"}
    return persons.create_person(db, {**base, **fields}, operator=operator)


def test_create_gives_uuid_generated_case_ref_and_icao_latin(db: Database, operator: str) -> None:
    first = _add(db, operator)
    second = _add(db, operator, given_names="Анна")
    assert len(first.uuid) == 36 and first.uuid != second.uuid
    assert (first.case_ref, second.case_ref) == ("MR-000001", "MR-000002")
    assert (first.surname_latin, first.given_names_latin) == ("SHCHERBAKOV", "MARIIA")
    assert first.status == "registered"
    assert persons.get_person(db, first.id).created_by == operator


def test_mission_case_ref_is_kept_and_must_be_unique(db: Database, operator: str) -> None:
    assert _add(db, operator, case_ref="G-1042").case_ref == "G-1042"
    with pytest.raises(DuplicateValue, match="G-1042"):
        _add(db, operator, case_ref="G-1042")


def test_documents_and_phones(db: Database, operator: str) -> None:
    person = persons.create_person(
        db, {"surname": "Abu Shanab", "given_names": "Ahmad"}, operator=operator,
        documents=[DocumentData.create("passport", "0123456", "PSE", expiry_date="2030-01-01")],
        phones=["0591234567"], phone_region="PS")
    assert person.documents[0].number == "0123456"
    assert person.phones[0].e164 == "+970591234567"
    person = persons.add_phone(db, person.id, "+20 100 123 4567", operator=operator)
    assert [p.e164 for p in person.phones] == ["+970591234567", "+201001234567"]
    person = persons.remove_document(db, person.id, person.documents[0].id, operator=operator)
    assert person.documents == []


def test_edit_records_old_and_new_values_in_the_audit(db: Database, operator: str) -> None:
    person = _add(db, operator)
    updated = persons.update_person(db, person.id, {"locality": "Rafah", "birth_date": "1981"}, operator="other",
                                    expected_version=person.version)
    assert updated.locality == "Rafah" and updated.birth_date is not None and updated.birth_date.iso() == "1981"
    assert updated.version == person.version + 1
    entry = audit.browse(db, audit.AuditFilter(entity_key=person.uuid, action="update"))[0]
    assert entry.operator == "other"
    assert entry.changes == {"locality": ["", "Rafah"], "birth_date": ["1980-02-01", "1981"]}


def test_invalid_values_are_refused_and_nothing_changes(db: Database, operator: str) -> None:
    person = _add(db, operator)
    with pytest.raises(ValidationError, match="future"):
        persons.update_person(db, person.id, {"locality": "Gaza", "birth_date": "2099-01-01"}, operator=operator)
    assert persons.get_person(db, person.id).locality == ""


def test_edit_from_a_stale_version_is_a_conflict_not_an_overwrite(db: Database, operator: str) -> None:
    person = _add(db, operator)
    persons.update_person(db, person.id, {"notes": "called at 9"}, operator="colleague",
                          expected_version=person.version)
    with pytest.raises(EditConflict, match="colleague"):
        persons.update_person(db, person.id, {"notes": "mine"}, operator=operator, expected_version=person.version)
    assert persons.get_person(db, person.id).notes == "called at 9"


def test_trash_and_restore(db: Database, operator: str) -> None:
    person = _add(db, operator)
    persons.delete_person(db, person.id, operator=operator, reason="misclick test")
    assert stats.roster_stats(db).persons == 0
    assert [p.id for p in persons.list_trash(db)] == [person.id]
    with pytest.raises(ValidationError, match="trash"):
        persons.update_person(db, person.id, {"notes": "x"}, operator=operator)
    persons.restore_person(db, person.id, operator=operator)
    assert stats.roster_stats(db).persons == 1
    actions = [e.action for e in audit.browse(db, audit.AuditFilter(entity_key=person.uuid))]
    assert actions == ["restore", "delete", "create"]


def test_audit_chain_detects_tampering(db: Database, operator: str) -> None:
    person = _add(db, operator)
    persons.update_person(db, person.id, {"notes": "a"}, operator=operator)
    persons.update_person(db, person.id, {"notes": "b"}, operator=operator)
    assert audit.verify_chain(db).intact
    with db.engine.begin() as connection:  # a tamperer with the file first removes the append-only trigger
        connection.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
        connection.exec_driver_sql("UPDATE audit_entries SET summary = 'nothing happened' WHERE id = 2")
    report = audit.verify_chain(db)
    assert report.first_bad_id == 2
    assert "altered" in report.problem
