"""Merging many copies of one registration in one act: one backup, one operation, undone at once, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.errors import EditConflict, NotFound, ValidationError
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import audit, backups, duplicates, lists, persons
from desktop_app.storage.db import Database, open_database
from tests.services.test_reconcile_roster import OPERATOR, Roster, build_roster

pytest_plugins = ["tests.helpers.postgres"]
COPIES = 4  # the first registration and three copies typed again alike


def _copy(db: Database, **fields: str) -> int:
    """Omar Khalil registered once more, alike in every field (with `fields` added)."""
    return persons.create_person(
        db, {"surname": "Khalil", "given_names": "Omar", "birth_date": "1990-04-12", "sex": "M", **fields},
        operator=OPERATOR, documents=[DocumentData.create(DocumentType.PASSPORT, "N0481516", "EGY")]).id


@pytest.fixture
def copies(db: Database) -> tuple[Roster, list[int], Path]:
    """The roster, the ids of one registration entered `COPIES` times (the first first), and its backup folder."""
    roster = build_roster(db)
    folder = Path(db.target.path).parent / "backups"  # type: ignore[arg-type]
    folder.mkdir()
    backups.use_backup_folder(db, folder)
    return roster, [_copy(db) for _ in range(COPIES)], folder


def _merge_backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*-before-merge*"))


def test_many_copies_merge_in_one_act_with_one_backup_and_undo_at_once(
        db: Database, copies: tuple[Roster, list[int], Path]) -> None:
    roster, (first, *others), folder = copies
    lists.add_members(db, roster.list_id, [others[1]], operator=OPERATOR)

    survivor = duplicates.merge_many(db, first, others, operator=OPERATOR)

    assert survivor.id == first and survivor.status == "registered"
    assert len(_merge_backups(folder)) == 1  # one backup, not one per record merged
    for other in others:
        merged = persons.get_person(db, other)
        assert (merged.status, merged.merged_into_id) == ("merged", first)
    assert [m.list_name for m in lists.memberships(db, first)] == ["Rafah 14 Nov"]
    assert [d.number for d in survivor.documents] == ["N0481516"]  # alike copies add no document
    merges = audit.browse(db, audit.AuditFilter(action="merge"))
    refs = {persons.get_person(db, other).case_ref for other in others}
    assert {entry.summary.split()[1] for entry in merges} == refs  # every merged record in the audit trail
    (operation,) = duplicates.merge_operations(db, first)
    assert all(duplicates.merge_operations(db, other) == [operation] for other in others)

    restored = duplicates.undo_merge(db, operation, operator=OPERATOR)

    assert restored.id == others[0]
    for other in others:
        back = persons.get_person(db, other)
        assert (back.status, back.merged_into_id) == ("registered", None)
    assert [m.list_name for m in lists.memberships(db, others[1])] == ["Rafah 14 Nov"]
    assert lists.memberships(db, first) == []
    assert duplicates.merge_operations(db, first) == []
    assert audit.verify_chain(db).intact
    with pytest.raises(ValidationError, match="already undone"):
        duplicates.undo_merge(db, operation, operator=OPERATOR)


def test_a_record_gone_meanwhile_leaves_every_record_as_it_was(
        db: Database, copies: tuple[Roster, list[int], Path]) -> None:
    _, (first, *others), _ = copies
    persons.delete_person(db, others[-1], operator=OPERATOR, reason="entered by mistake")
    with pytest.raises(NotFound, match=str(others[-1])):
        duplicates.merge_many(db, first, others, operator=OPERATOR)
    duplicates.merge_persons(db, others[1], others[0], operator=OPERATOR)
    with pytest.raises(ValidationError, match="already merged"):
        duplicates.merge_many(db, first, [others[1], others[0]], operator=OPERATOR)
    assert persons.get_person(db, others[1]).status == "registered"  # the first of them was not merged either
    assert duplicates.merge_operations(db, first) == []
    with pytest.raises(ValidationError, match="same record twice"):
        duplicates.merge_many(db, first, [others[1], others[1]], operator=OPERATOR)
    with pytest.raises(ValidationError, match="two different persons"):
        duplicates.merge_many(db, first, [others[1], first], operator=OPERATOR)
    with pytest.raises(ValidationError, match="two different persons"):
        duplicates.merge_many(db, first, [], operator=OPERATOR)


def test_the_undo_is_refused_once_the_kept_record_changed(
        db: Database, copies: tuple[Roster, list[int], Path]) -> None:
    _, (first, *others), _ = copies
    duplicates.merge_many(db, first, others, operator=OPERATOR)
    persons.update_person(db, first, {"notes": "called back"}, operator="someone.else")
    with pytest.raises(EditConflict, match=r"merge of 3 records .* changed by someone\.else"):
        duplicates.undo_merge(db, duplicates.merge_operations(db, first)[0], operator=OPERATOR)
    assert persons.get_person(db, others[0]).status == "merged"  # nothing undone


def test_a_field_picked_from_the_others_comes_from_the_first_that_differs(
        db: Database, copies: tuple[Roster, list[int], Path]) -> None:
    _, (first, plain, *_), _ = copies
    with_email = _copy(db, email="first@example.org", notes="typed again")
    later = _copy(db, email="later@example.org", notes="and again")
    before = persons.get_person(db, first)

    survivor = duplicates.merge_many(db, first, [plain, with_email, later], picks={"notes": "other"},
                                     operator=OPERATOR)

    assert (survivor.email, survivor.notes) == ("first@example.org", "typed again")
    duplicates.undo_merge(db, duplicates.merge_operations(db, first)[0], operator=OPERATOR)
    after = persons.get_person(db, first)
    assert (after.email, after.notes, after.version > before.version) == (before.email, before.notes, True)


def test_many_copies_merge_and_are_undone_at_once_on_a_server(postgres_url: str) -> None:
    """The same act on PostgreSQL: one operation, every record merged, and undone together."""
    server = open_database(postgres_url)
    try:
        first, *others = (_copy(server) for _ in range(COPIES))
        duplicates.merge_many(server, first, others, operator=OPERATOR)
        assert {persons.get_person(server, other).merged_into_id for other in others} == {first}
        (operation,) = duplicates.merge_operations(server, first)
        duplicates.undo_merge(server, operation, operator=OPERATOR)
        assert {persons.get_person(server, other).status for other in others} == {"registered"}
        assert audit.verify_chain(server).intact
    finally:
        server.close()
