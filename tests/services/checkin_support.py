"""A small gate for the check-in tests: a list with an approved household, a pending member and an outsider."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.lists import Answer
from desktop_app.domain.person import DocumentData, DocumentType, Relationship
from desktop_app.domain.status import Status
from desktop_app.services import households, lists, persons, status
from desktop_app.storage.db import Database


@dataclass
class Gate:
    list_id: int
    mother: str
    son: str
    pending: str
    outsider: str


def _person(db: Database, operator: str, surname: str, given: str, ref: str, passport: str = "") -> int:
    documents = [DocumentData(DocumentType.FOREIGN_PASSPORT, passport)] if passport else []
    return persons.create_person(db, {"surname": surname, "given_names": given, "birth_date": "1985-03-04",
                                      "case_ref": ref}, operator=operator, documents=documents).id


def make_gate(db: Database, operator: str) -> Gate:
    """Rafah 14: the Orlovs (mother G-1042 with a passport, son G-1043) approved, G-2001 pending; G-3001 on no list."""
    mother = _person(db, operator, "Орлова", "Анна", "G-1042", "72 1234567")
    son = _person(db, operator, "Орлов", "Илья", "G-1043")
    pending = _person(db, operator, "Петров", "Пётр", "G-2001")
    _person(db, operator, "Сидоров", "Олег", "G-3001", "75 7654321")
    household = households.create_household(db, "Orlov", operator=operator, head_person_id=mother)
    households.add_member(db, household.id, son, Relationship.CHILD, operator=operator)
    for pid in (mother, son, pending):
        status.change_status(db, pid, Status.VERIFIED, operator=operator)
    evacuation_list = lists.create_list(db, "Rafah 14", operator=operator)
    lists.add_members(db, evacuation_list.id, [mother, son, pending], operator=operator)
    lists.mark_sent(db, evacuation_list.id, operator=operator)
    lists.record_answers(db, evacuation_list.id, [mother, son], Answer.APPROVED, operator=operator)
    return Gate(evacuation_list.id, "G-1042", "G-1043", "G-2001", "G-3001")
