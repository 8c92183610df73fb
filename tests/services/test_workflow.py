"""Status workflow, households, lists with answers, partners and the liaison log."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.errors import TransitionRefused, ValidationError
from desktop_app.domain.lists import Answer, ListState
from desktop_app.domain.partners import Channel, OrgKind
from desktop_app.domain.person import Relationship
from desktop_app.domain.status import Status
from desktop_app.services import households, lists, partners, persons, stats, status
from desktop_app.storage.db import Database


def _person(db: Database, operator: str, surname: str, given: str = "Иван", born: str = "1980-01-01") -> int:
    return persons.create_person(db, {"surname": surname, "given_names": given, "birth_date": born},
                                 operator=operator).id


def test_status_changes_are_checked_and_kept_as_history(db: Database, operator: str) -> None:
    pid = _person(db, operator, "Петров")
    status.change_status(db, pid, Status.VERIFIED, operator=operator, reason="passport seen")
    with pytest.raises(TransitionRefused, match="'verified' to 'crossed'"):
        status.change_status(db, pid, Status.CROSSED, operator=operator)
    with pytest.raises(ValidationError, match="merging"):
        status.change_status(db, pid, Status.MERGED, operator=operator)
    history = status.history(db, pid)
    assert [(h.from_status, h.to_status) for h in history] == [(None, "registered"), ("registered", "verified")]
    assert history[1].reason == "passport seen" and history[1].operator == operator
    assert persons.get_person(db, pid).status == "verified"


def test_household_with_a_non_citizen_spouse(db: Database, operator: str) -> None:
    wife = _person(db, operator, "Иванова", "Мария")
    husband = persons.create_person(db, {"surname": "أبو شنب", "surname_latin": "ABU SHANAB",
                                         "given_names_latin": "AHMAD", "citizenships": "PSE"}, operator=operator).id
    household = households.create_household(db, "Abu Shanab", operator=operator, head_person_id=wife)
    household = households.add_member(db, household.id, husband, Relationship.SPOUSE, operator=operator)
    assert [(m.person_id, m.relationship) for m in household.members] == [(wife, "head"), (husband, "spouse")]
    household = households.set_head(db, household.id, husband, operator=operator,
                                    former_head_becomes=Relationship.SPOUSE)
    assert household.head_person_id == husband
    assert {m.person_id: m.relationship for m in household.members} == {husband: "head", wife: "spouse"}


def test_list_lifecycle_answers_and_split_household_warning(db: Database, operator: str) -> None:
    border = partners.create_organization(db, "Rafah Crossing Authority", OrgKind.BORDER_AUTHORITY,
                                          operator=operator, country="EGY")
    mother = _person(db, operator, "Орлова", "Анна")
    son = _person(db, operator, "Орлов", "Илья", "2015-05-05")
    household = households.create_household(db, "Orlov", operator=operator, head_person_id=mother)
    households.add_member(db, household.id, son, Relationship.CHILD, operator=operator)
    for pid in (mother, son):
        status.change_status(db, pid, Status.VERIFIED, operator=operator)
    evacuation_list = lists.create_list(db, "Rafah list 1", operator=operator, organization_id=border.id)
    assert lists.add_household(db, evacuation_list.id, household.id, operator=operator) == 2
    assert lists.add_members(db, evacuation_list.id, [mother], operator=operator) == 0  # already on it
    summary = lists.mark_sent(db, evacuation_list.id, operator=operator)
    assert summary.state == ListState.SENT.value
    assert persons.get_person(db, mother).status == "submitted"

    valid = dt.date.today() + dt.timedelta(days=1)
    lists.record_answer(db, evacuation_list.id, mother, Answer.APPROVED, operator=operator, valid_until=valid)
    lists.record_answer(db, evacuation_list.id, son, Answer.REJECTED, operator=operator, note="no birth cert.")
    summary = lists.get_list(db, evacuation_list.id)
    assert (summary.state, summary.approved, summary.rejected, summary.pending) == ("answered", 1, 1, 0)
    assert persons.get_person(db, son).status == "rejected"
    warnings = households.split_households(db, evacuation_list.id)
    assert len(warnings) == 1 and "not" in warnings[0].message
    assert warnings[0].not_approved == [persons.get_person(db, son).case_ref]

    assert stats.roster_stats(db).approvals_expiring == 1
    lists.record_crossing(db, evacuation_list.id, mother, operator=operator)
    with pytest.raises(ValidationError, match="approval"):
        lists.record_crossing(db, evacuation_list.id, son, operator=operator)
    assert persons.get_person(db, mother).status == "crossed"
    assert lists.get_list(db, evacuation_list.id).crossed == 1
    memberships = lists.memberships(db, mother)
    assert [(m.list_name, m.answer, m.organization) for m in memberships] == [
        ("Rafah list 1", "approved", "Rafah Crossing Authority")]


def test_liaison_log_and_follow_ups(db: Database, operator: str) -> None:
    icrc = partners.create_organization(db, "ICRC Cairo", OrgKind.INTERNATIONAL_ORGANIZATION, operator=operator)
    contact = partners.add_contact(db, icrc.id, "Anne Martin", operator=operator, position="Protection",
                                   phones=["+41 22 730 21 11"], emails=["a.martin@example.org"])
    pid = _person(db, operator, "Зайцев")
    today = dt.date.today()
    due = partners.log_contact(db, "Bus leaves at 07:00", operator=operator, channel=Channel.PHONE,
                               contact_id=contact.id, follow_up_due=today, person_ids=[pid])
    partners.log_contact(db, "Later", operator=operator, organization_id=icrc.id,
                         follow_up_due=today + dt.timedelta(days=3))
    assert [e.id for e in partners.follow_ups_due(db)] == [due.id]
    assert due.who == "Anne Martin / ICRC Cairo"
    assert [e.id for e in partners.log_entries(db, person_id=pid)] == [due.id]
    partners.complete_follow_up(db, due.id, operator=operator)
    assert partners.follow_ups_due(db) == []
    assert stats.roster_stats(db).follow_ups_due == 0
