"""Finding duplicates across alphabets, 'not a duplicate' marks, merging field by field, and undoing a merge."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import EditConflict, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import audit, duplicates, lists, partners, persons, stats
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR, Roster, build_roster


@pytest.fixture
def twice(db: Database) -> tuple[Roster, int, int]:
    """The roster plus Щербаков Иван registered a second time, in Latin, by a relative's e-mail."""
    roster = build_roster(db)
    second = persons.create_person(
        db, {"surname_latin": "SCHERBAKOV", "given_names_latin": "IVAN", "birth_date": "1980-03-05",
             "email": "relative@example.org", "medical": True},
        operator=OPERATOR, phones=["+20 100 123 4567"],
        documents=[DocumentData.create(DocumentType.PASSPORT, "721234567", "RUS"),
                   DocumentData.create(DocumentType.NATIONAL_ID, "4510 123456", "RUS")]).id
    return roster, roster.ids["ivan"], second


def test_finder_proposes_the_pair_across_alphabets_and_not_the_twins(db: Database, twice: tuple[Roster, int, int]
                                                                     ) -> None:
    roster, ivan, second = twice
    pairs = duplicates.find_duplicates(db)
    pair = next(p for p in pairs if {p.a.id, p.b.id} == {ivan, second})
    assert pair.decision == "match" and "document equal" in pair.reasons
    twins = {roster.ids["alexei"], roster.ids["andrei"]}
    assert all(p.decision != "match" for p in pairs if {p.a.id, p.b.id} == twins)
    father_son = {roster.ids["kozlov_father"], roster.ids["kozlov_son"]}
    assert all(p.decision != "match" for p in pairs if {p.a.id, p.b.id} == father_son)


def test_not_a_duplicate_is_not_proposed_again(db: Database, twice: tuple[Roster, int, int]) -> None:
    _, ivan, second = twice
    duplicates.dismiss_pair(db, second, ivan, operator=OPERATOR)
    duplicates.dismiss_pair(db, ivan, second, operator=OPERATOR)  # twice is harmless
    assert not [p for p in duplicates.find_duplicates(db) if {p.a.id, p.b.id} == {ivan, second}]
    duplicates.undismiss_pair(db, ivan, second, operator=OPERATOR)
    assert [p for p in duplicates.find_duplicates(db) if {p.a.id, p.b.id} == {ivan, second}]


def test_merge_takes_picks_unites_documents_moves_lists_and_keeps_both_histories(
        db: Database, twice: tuple[Roster, int, int]) -> None:
    roster, ivan, second = twice
    other_list = lists.create_list(db, "ICRC family list", operator=OPERATOR)
    lists.add_members(db, other_list.id, [second], operator=OPERATOR)
    lists.add_members(db, roster.list_id, [second], operator=OPERATOR)
    lists.record_answer(db, roster.list_id, second, Answer.APPROVED, operator=OPERATOR)  # stronger than pending
    organization = partners.organizations(db)[0].id if partners.organizations(db) else None
    partners.log_contact(db, "called about the second registration", operator=OPERATOR,
                         organization_id=organization, person_ids=[second])
    persons_before = stats.roster_stats(db).as_json()["persons"]
    comparison = {c.key: c for c in duplicates.merge_comparison(db, ivan, second)}
    assert comparison["email"].suggested == "other" and comparison["surname_latin"].differs

    survivor = duplicates.merge_persons(db, ivan, second, picks={"surname_latin": "other"}, operator=OPERATOR)

    assert survivor.id == ivan and survivor.surname == "Щербаков" and survivor.surname_latin == "SCHERBAKOV"
    assert survivor.email == "relative@example.org" and survivor.medical  # empty fields filled from the other
    assert sorted(d.number for d in survivor.documents) == ["4510 123456", "72 1234567"]  # united, no duplicate
    assert [p.e164 for p in survivor.phones] == ["+201001234567"]
    memberships = {m.list_name: m.answer for m in lists.memberships(db, ivan)}
    assert memberships == {"Rafah 14 Nov": "approved", "ICRC family list": "pending"}
    assert lists.memberships(db, second) == []
    other = persons.get_person(db, second)
    assert other.status == "merged" and other.merged_into_id == ivan and other.deleted_at is None
    assert stats.roster_stats(db).as_json()["persons"] == persons_before - 1
    history = duplicates.merged_history(db, ivan)
    assert {h.case_ref for h in history} == {survivor.case_ref, other.case_ref}
    assert history[-1].to_status == "merged"
    assert [e.id for e in partners.log_entries(db, person_id=ivan)]
    assert not [p for p in duplicates.find_duplicates(db) if second in (p.a.id, p.b.id)]
    with pytest.raises(ValidationError, match="already merged"):
        duplicates.merge_persons(db, ivan, second, operator=OPERATOR)


def test_undo_merge_restores_both_records(db: Database, twice: tuple[Roster, int, int]) -> None:
    roster, ivan, second = twice
    lists.add_members(db, roster.list_id, [second], operator=OPERATOR)
    before_keep = persons.get_person(db, ivan)
    before_other = persons.get_person(db, second)
    duplicates.merge_persons(db, ivan, second, picks={"birth_date": "other", "household": "keep"}, operator=OPERATOR)
    operation = duplicates.merge_operations(db, ivan)[0]

    restored = duplicates.undo_merge(db, operation, operator=OPERATOR)

    keep = persons.get_person(db, ivan)
    assert restored.status == before_other.status and restored.merged_into_id is None
    assert [d.number for d in keep.documents] == [d.number for d in before_keep.documents]
    assert [p.e164 for p in keep.phones] == [p.e164 for p in before_keep.phones]
    assert (keep.email, keep.medical, keep.surname_latin) == (before_keep.email, False, before_keep.surname_latin)
    assert keep.household_ref == before_keep.household_ref
    assert {m.list_name for m in lists.memberships(db, second)} == {"Rafah 14 Nov"}
    assert [m.list_name for m in lists.memberships(db, ivan)] == ["Rafah 14 Nov"]
    assert audit.verify_chain(db).intact
    with pytest.raises(ValidationError, match="already undone"):
        duplicates.undo_merge(db, operation, operator=OPERATOR)


def test_undo_merge_refused_after_a_later_change(db: Database, twice: tuple[Roster, int, int]) -> None:
    _, ivan, second = twice
    duplicates.merge_persons(db, ivan, second, operator=OPERATOR)
    persons.update_person(db, ivan, {"notes": "called back"}, operator="someone.else")
    with pytest.raises(EditConflict, match=r"changed by someone\.else"):
        duplicates.undo_merge(db, duplicates.merge_operations(db, ivan)[0], operator=OPERATOR)


def test_merge_refuses_bad_picks_and_the_same_person(db: Database, twice: tuple[Roster, int, int]) -> None:
    _, ivan, second = twice
    with pytest.raises(ValidationError, match="cannot be picked"):
        duplicates.merge_persons(db, ivan, second, picks={"case_ref": "other"}, operator=OPERATOR)
    with pytest.raises(ValidationError, match="'keep' or 'other'"):
        duplicates.merge_persons(db, ivan, second, picks={"email": "both"}, operator=OPERATOR)
    with pytest.raises(ValidationError, match="two different persons"):
        duplicates.merge_persons(db, ivan, ivan, operator=OPERATOR)
    assert persons.get_person(db, second).status == "registered"
