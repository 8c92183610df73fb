"""Closing a crisis: personal data must not outlive its purpose.

`plan_retention` counts the persons in chosen states whose record has not changed for a number
of days. `apply_retention` first archives the whole roster to an encrypted backup (the
passphrase is required and not kept), then, in one transaction, either anonymises those persons
(names, documents, phones, contact details, addresses, notes and free-text reasons are removed;
uuid, status, sex, birth year, citizenships, locality, flags, households and list answers stay,
so the statistics stay right) or deletes them outright (their counts by status and citizenship
go into the audit entry). The caller confirms the exact count it was shown: if the roster
changed meanwhile, nothing is done.

Everywhere else a person's data was copied goes too (`PERSONAL_PLACES` lists them): the
values kept for undo in `operation_changes`, liaison log summaries about them, list answer
notes, status reasons, duplicate notes, free-text notes that name them or their document
numbers, and the audit trail's content about them (redacted by a chained `redact` entry). The
records of the persons merged into them are treated with them. Every step is one SQL statement
per 500 persons, so the write lock is held for seconds, not minutes. Usage:

    plan = plan_retention(db, [Status.EVACUATED], older_than_days=90)
    apply_retention(db, plan, mode=RetentionMode.ANONYMISE, archive=Path("closing.db"),
                    archive_passphrase=secret, confirm_count=plan.count, operator="A. Petrova")
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.names import words
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.services.search_index import sort_key, term_rows
from desktop_app.storage.backup import BackupInfo, backup_database
from desktop_app.storage.db import MIN_PASSPHRASE_LENGTH, Database
from desktop_app.storage.models import (
    AuditEntry,
    Document,
    DuplicateDismissal,
    EvacuationList,
    Household,
    LiaisonEntry,
    LiaisonPerson,
    ListMember,
    OperationChange,
    Person,
    Phone,
    SearchTerm,
    StatusChange,
)

log = logging.getLogger(__name__)

ANONYMISED_SURNAME = "ANONYMISED"
BLANKED_FIELDS = ("given_names", "patronymic", "surname_latin", "given_names_latin", "place_of_birth", "email",
                  "messenger", "address", "notes", "source")
REDACTED_TEXT = "[removed when the crisis was closed]"
# Every column that can hold what a person is or said, besides the persons row itself; the
# retention test searches all text columns of the file, so a new one shows up there.
PERSONAL_PLACES = ("documents", "phones", "search_terms", "status_changes.reason", "list_members.answer_note",
                   "liaison_entries.summary", "duplicate_dismissals.note", "households.name/notes",
                   "evacuation_lists.notes", "operation_changes.before", "audit_entries.summary/changes")
# What undo may still put back for a retained person: nothing that names or reaches them.
UNDO_SAFE_KEYS = frozenset({"status", "answer", "valid_until", "answered_at", "crossed_at", "state", "person_id",
                            "row", "household_id", "relationship", "sex", "citizenships", "region", "locality",
                            "medical", "reduced_mobility", "pregnant", "unaccompanied_minor", "consent_to_share",
                            "list_id", "deleted_at", "merged_into_id"})
# Audit entries on another person that carry a retained person's uuid (and their note or fields).
_PAIR_ACTIONS = ("merge", "undo", "not_duplicate", "duplicate_mark_removed")
CHUNK = 500


class RetentionMode(StrEnum):
    ANONYMISE = "anonymise"
    DELETE = "delete"


@dataclass(frozen=True)
class RetentionPlan:
    states: tuple[Status, ...]
    older_than_days: int
    cutoff: dt.datetime
    person_ids: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.person_ids)


@dataclass(frozen=True)
class RetentionResult:
    mode: RetentionMode
    persons: int
    archive: BackupInfo


def _selection(states: Sequence[Status], cutoff: dt.datetime) -> Select[tuple[int]]:
    return (select(Person.id).where(Person.status.in_([s.value for s in states]), Person.updated_at <= cutoff,
                                    Person.surname != ANONYMISED_SURNAME).order_by(Person.id))


@accounts.guarded(Permission.RETENTION)
def plan_retention(db: Database, states: Sequence[Status], older_than_days: int,
                   now: dt.datetime | None = None) -> RetentionPlan:
    """Who would be anonymised or deleted: persons in `states` unchanged for `older_than_days` days."""
    if not states:
        raise ValidationError("state", "",
                              QT_TRANSLATE_NOOP("services.retention", "choose at least one state (e.g. evacuated)"))
    if older_than_days < 0:
        raise ValidationError("older than", older_than_days,
                              QT_TRANSLATE_NOOP("services.retention", "must be a number of days, 0 or more"))
    cutoff = (now or dt.datetime.now()).replace(microsecond=0) - dt.timedelta(days=older_than_days)
    with db.reading() as session:
        ids = tuple(session.scalars(_selection(states, cutoff)))
    return RetentionPlan(tuple(states), older_than_days, cutoff, ids)


@accounts.guarded(Permission.RETENTION)
def apply_retention(db: Database, plan: RetentionPlan, *, mode: RetentionMode, archive: Path,
                    archive_passphrase: str, confirm_count: int, operator: str) -> RetentionResult:
    """Archive the roster encrypted to `archive`, then anonymise or delete the planned persons.

    `confirm_count` must be the count the user agreed to; when the roster no longer matches it,
    nothing is archived or changed.
    """
    if len(archive_passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError("archive passphrase", "", f"must have at least {MIN_PASSPHRASE_LENGTH} characters: "
                              "the archive holds everyone's data")
    current = plan_retention(db, plan.states, plan.older_than_days, plan.cutoff
                             + dt.timedelta(days=plan.older_than_days))
    if current.count != confirm_count or current.person_ids != plan.person_ids:
        raise RosterError(f"The roster changed: {current.count} persons now match, not {confirm_count}. Nothing was "
                          "done; review the new count and confirm again.")
    if current.count == 0:
        raise RosterError("No person matches; nothing to do.")
    # No plain tiered copy here (import, apply and merge take one): a copy kept for weeks would hold the very
    # persons retention removes. The archive below, encrypted with its own passphrase, is the copy before.
    archived = backup_database(db, Path(archive), encrypt_with=archive_passphrase)
    # The trail is searched for their names before the write lock is taken; under it, only what came since.
    with db.reading() as session:
        early = _EarlyScan.run(session, _with_merged_records(session, list(plan.person_ids)))
    with db.transaction() as session:
        planned = list(plan.person_ids)
        found = _rows(session, select(Person.id, Person.status, Person.citizenships, Person.updated_at), planned,
                      Person.id)
        # Updated after the plan: someone worked on these persons, so they are not stale any more.
        changed = any(row[3] > plan.cutoff for row in found)
        if sorted(row[0] for row in found) != planned or changed:
            raise RosterError("The roster changed while the archive was written; nothing was changed.")
        by_status = Counter(row[1] for row in found)
        by_citizenship = Counter(row[2] or "-" for row in found)
        ids = _with_merged_records(session, planned)
        trace = _Trace.collect(session, ids)
        redacted = _remove_copies(session, trace, operator, early)
        if mode is RetentionMode.ANONYMISE:
            _anonymise(session, ids, operator)
        else:
            _delete(session, ids)
        _blank_orphan_households(session, trace.household_ids)
        audit.record(session, operator, f"retention_{mode.value}", "roster", archived.path.name,
                     f"{mode.value} {len(planned)} persons ({', '.join(s.value for s in plan.states)}, unchanged "
                     f"for {plan.older_than_days} days); archived encrypted to {archived.path.name}",
                     {"persons": len(planned), "by_status": dict(by_status), "by_citizenship": dict(by_citizenship),
                      "uuids": trace.uuids, "archive": archived.path.name, "older_than_days": plan.older_than_days,
                      "audit_entries_redacted": redacted, "merged_records": len(ids) - len(planned)})
    log.info("retention %s: %d persons, archive written", mode.value, len(planned))
    return RetentionResult(mode, len(planned), archived)


# --- set-based steps ------------------------------------------------------------------------------

def _chunks(values: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start:start + CHUNK])


def _ids() -> Any:
    """The chunk of ids, bound as one expanding parameter: each statement is built and compiled once."""
    return bindparam("ids", expanding=True)


def _each_chunk(session: Session, statement: Any, ids: Sequence[Any]) -> None:
    for chunk in _chunks(ids):
        session.execute(statement, {"ids": chunk})


def _rows(session: Session, query: Select[Any], ids: Sequence[int], column: Any) -> list[Any]:
    statement = query.where(column.in_(_ids()))
    return [row for chunk in _chunks(ids) for row in session.execute(statement, {"ids": chunk})]


def _with_merged_records(session: Session, ids: list[int]) -> list[int]:
    """The planned persons and every record merged into them (the same people, kept for undo)."""
    every = set(ids)
    frontier = list(ids)
    while frontier:
        found = {row[0] for row in _rows(session, select(Person.id), frontier, Person.merged_into_id)} - every
        every |= found
        frontier = sorted(found)
    return sorted(every)


@dataclass
class _Trace:
    """Where the persons' data was copied: ids gathered before anything is removed."""

    person_ids: list[int]
    uuids: list[str]
    document_ids: list[int]
    phone_ids: list[int]
    member_ids: list[int]
    household_ids: list[int]
    needles: set[str]  # full names and document numbers as folded words joined by spaces

    @classmethod
    def collect(cls, session: Session, ids: list[int]) -> _Trace:
        people = _rows(session, select(Person.id, Person.uuid, Person.household_id, Person.surname,
                                       Person.given_names, Person.surname_latin, Person.given_names_latin), ids,
                       Person.id)
        documents = _rows(session, select(Document.id, Document.number_key), ids, Document.person_id)
        needles: set[str] = set()
        for _, _, _, *names in people:
            for surname, given in (names[:2], names[2:]):
                if surname and given:
                    needles.update((" ".join(words(surname) + words(given)), " ".join(words(given) + words(surname))))
        needles.update(" ".join(words(key)) for _, key in documents if len(key) >= 5)
        return cls(ids, [row[1] for row in people], [row[0] for row in documents],
                   [row[0] for row in _rows(session, select(Phone.id), ids, Phone.person_id)],
                   [row[0] for row in _rows(session, select(ListMember.id), ids, ListMember.person_id)],
                   sorted({row[2] for row in people if row[2] is not None}),
                   {n for n in needles if len(n) >= 5})


def _remove_copies(session: Session, trace: _Trace, operator: str, early: _EarlyScan | None = None) -> int:
    """Remove the persons' data from every place it was copied to; returns the audit entries redacted."""
    ids = trace.person_ids
    for statement in (
            update(StatusChange).where(StatusChange.person_id.in_(_ids())).values(reason=""),
            update(ListMember).where(ListMember.person_id.in_(_ids())).values(answer_note=""),
            update(DuplicateDismissal).where(or_(DuplicateDismissal.person_a_id.in_(_ids()),
                                                 DuplicateDismissal.person_b_id.in_(_ids()))).values(note=""),
            update(LiaisonEntry).where(LiaisonEntry.id.in_(select(LiaisonPerson.entry_id).where(
                LiaisonPerson.person_id.in_(_ids())))).values(summary=REDACTED_TEXT)):
        _each_chunk(session, statement, ids)
    _scrub_free_text(session, trace.needles)
    _scrub_undo_values(session, trace)
    return _redact_trail(session, trace, operator, early)


def _scrub_free_text(session: Session, needles: set[str]) -> None:
    """Free text not linked to the persons that names them or gives a document number of theirs."""
    if not needles:
        return
    longest = max(len(needle.split(" ")) for needle in needles)
    # Every free-text column, whoever's row it is: another person's notes or status reason can name them.
    places: list[tuple[Any, Any, str]] = [(LiaisonEntry, LiaisonEntry.summary, REDACTED_TEXT),
                                          (Household, Household.notes, ""), (EvacuationList, EvacuationList.notes, ""),
                                          (DuplicateDismissal, DuplicateDismissal.note, ""),
                                          (Person, Person.notes, ""), (StatusChange, StatusChange.reason, ""),
                                          (ListMember, ListMember.answer_note, "")]
    for table, column, blank in places:
        hits = [row_id for row_id, value in session.execute(select(table.id, column).where(column != "",
                                                                                          column != blank))
                if value and _mentions(words(value), needles, longest)]
        for chunk in _chunks(hits):
            session.execute(update(table).where(table.id.in_(chunk)).values({column.key: blank}))


def _mentions(text_words: list[str], needles: set[str], longest: int) -> bool:
    """Whether a run of up to `longest` consecutive words is one of `needles`."""
    return any(" ".join(text_words[start:start + size]) in needles
               for start in range(len(text_words)) for size in range(1, longest + 1))


def _scrub_undo_values(session: Session, trace: _Trace) -> None:
    """The values kept to undo imports, merges and applies keep only what does not identify anyone."""
    targets = (("person", trace.person_ids), ("document", trace.document_ids), ("phone", trace.phone_ids),
               ("list_member", trace.member_ids))
    for entity, entity_ids in targets:
        for chunk in _chunks(entity_ids):
            rows = session.execute(select(OperationChange.id, OperationChange.before).where(
                OperationChange.entity == entity, OperationChange.entity_id.in_(chunk))).all()
            scrubbed = [{"row_id": row_id, "new_before": safe} for row_id, before in rows
                        if (safe := _safe_before(before)) != before]
            if scrubbed:
                _store_before(session, scrubbed)
    _scrub_others_undo_values(session, trace.needles)


def _store_before(session: Session, scrubbed: list[dict[str, Any]]) -> None:
    table = OperationChange.__table__
    session.execute(update(table).where(table.c.id == bindparam("row_id")).values(before=bindparam("new_before")),
                    scrubbed)


def _scrub_others_undo_values(session: Session, needles: set[str]) -> None:
    """Values kept to undo a change on someone else (his notes before an import) lose the ones
    that name the persons or give their document numbers; undo then leaves those fields as they are."""
    if not needles:
        return
    longest = max(len(needle.split(" ")) for needle in needles)
    scrubbed: list[dict[str, Any]] = []
    for row_id, before in session.execute(select(OperationChange.id, OperationChange.before)
                                          .where(OperationChange.before != "{}")):
        try:
            values = json.loads(before)
        except ValueError:
            continue
        if not isinstance(values, dict):
            continue
        kept = _without_mentions(values, needles, longest)
        if kept != values:
            scrubbed.append({"row_id": row_id, "new_before": audit.to_json(kept)})
    for start in range(0, len(scrubbed), CHUNK):
        _store_before(session, scrubbed[start:start + CHUNK])


def _without_mentions(values: dict[str, Any], needles: set[str], longest: int) -> dict[str, Any]:
    """`values` without the entries that name the persons; nested records keep their shape (an
    import's undo values hold {"fields": {...}, "after": {...}})."""
    kept: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            kept[key] = _without_mentions(value, needles, longest)
        elif not any(_mentions(words(text), needles, longest) for text in _strings(value)):
            kept[key] = value
    return kept


def _safe_before(before: str) -> str:
    try:
        values = json.loads(before)
    except ValueError:
        return "{}"
    if not isinstance(values, dict):
        return "{}"
    return audit.to_json(_safe_values(values))


def _safe_values(values: dict[str, Any]) -> dict[str, Any]:
    """The safe keys, at every level: an import's undo values nest the fields ({"fields": {...},
    "after": {...}}), and dropping the nesting made undo of that import fail with a traceback."""
    return {key: _safe_values(value) if isinstance(value, dict) else value for key, value in values.items()
            if key in UNDO_SAFE_KEYS or isinstance(value, dict)}


def _redact_trail(session: Session, trace: _Trace, operator: str, early: _EarlyScan | None = None) -> int:
    """Blank the trail's content about the persons, and pair entries on others that carry their uuid."""
    entry_ids: list[int] = []
    for chunk in _chunks(trace.uuids):
        entry_ids += session.scalars(select(AuditEntry.id).where(
            AuditEntry.entity == "person", AuditEntry.entity_key.in_(chunk), AuditEntry.redacted_at.is_(None),
            AuditEntry.content_digest.is_not(None)))
    uuids = set(trace.uuids)
    for entry_id, changes in session.execute(select(AuditEntry.id, AuditEntry.changes).where(
            AuditEntry.entity == "person", AuditEntry.action.in_(_PAIR_ACTIONS), AuditEntry.redacted_at.is_(None),
            AuditEntry.content_digest.is_not(None))):
        if json.loads(changes).get("other") in uuids:
            entry_ids.append(entry_id)
    if early is not None and early.needles == trace.needles:
        entry_ids += [i for i in early.found if i not in set(entry_ids)]
        entry_ids += _entries_naming(session, trace.needles, set(entry_ids), after=early.last_id)
    else:
        entry_ids += _entries_naming(session, trace.needles, set(entry_ids))
    return audit.redact_entries(session, entry_ids, operator=operator,
                                reason=f"retention of {len(trace.person_ids)} person records")


@dataclass(frozen=True)
class _EarlyScan:
    """The trail searched for the persons' names before the write lock, up to entry `last_id`."""

    needles: set[str]
    found: list[int]
    last_id: int

    @classmethod
    def run(cls, session: Session, ids: list[int]) -> _EarlyScan:
        needles = _Trace.collect(session, ids).needles
        last_id = session.scalar(select(func.max(AuditEntry.id))) or 0
        return cls(needles, _entries_naming(session, needles, set(), upto=last_id), last_id)


def _entries_naming(session: Session, needles: set[str], known: set[int], *, after: int = 0,
                    upto: int | None = None) -> list[int]:
    """Entries on any record whose summary or recorded values name the persons or give a document
    number of theirs (another person's notes, a liaison entry, an export's summary). The values are
    read as JSON, so a name stored escaped (\\u0418...) is found as well."""
    if not needles:
        return []
    longest = max(len(needle.split(" ")) for needle in needles)
    query = select(AuditEntry.id, AuditEntry.summary, AuditEntry.changes).where(
        AuditEntry.id > after, AuditEntry.redacted_at.is_(None), AuditEntry.content_digest.is_not(None),
        AuditEntry.action != audit.REDACT_ACTION)
    if upto is not None:
        query = query.where(AuditEntry.id <= upto)
    found: list[int] = []
    for entry_id, summary, changes in session.execute(query):
        if entry_id in known:
            continue
        try:
            texts = [summary, *_strings(json.loads(changes))]
        except ValueError:
            texts = [summary, changes]
        if any(_mentions(words(text), needles, longest) for text in texts):
            found.append(entry_id)
    return found


def _strings(value: Any) -> Iterator[str]:
    """Every string in decoded JSON, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _anonymise(session: Session, ids: list[int], operator: str) -> None:
    stamp = audit.now()
    blank = {field: "" for field in BLANKED_FIELDS}
    key = sort_key(ANONYMISED_SURNAME, "", "", "", "")
    for table, column in ((Document, Document.person_id), (Phone, Phone.person_id),
                          (SearchTerm, SearchTerm.person_id)):
        _each_chunk(session, delete(table).where(column.in_(_ids())), ids)
    _each_chunk(session, update(Person).where(Person.id.in_(_ids())).values(
        surname=ANONYMISED_SURNAME, **blank, birth_date=func.substr(Person.birth_date, 1, 4), consent_date=None,
        sort_key=key, updated_at=stamp, updated_by=operator, version=Person.version + 1)
        .execution_options(synchronize_session=False), ids)
    terms = [{"person_id": person_id, "term": term, "sort_key": key}
             for row_id, case_ref in _rows(session, select(Person.id, Person.case_ref), ids, Person.id)
             for person_id, term in term_rows(row_id, (ANONYMISED_SURNAME,), case_ref, (), ())]
    for start in range(0, len(terms), 10 * CHUNK):
        session.execute(insert(SearchTerm), terms[start:start + 10 * CHUNK])


def _delete(session: Session, ids: list[int]) -> None:
    _each_chunk(session, update(Household).where(Household.head_person_id.in_(_ids())).values(head_person_id=None),
                ids)
    # Undo must not reach a deleted person's id (SQLite hands the highest ids out again).
    _each_chunk(session, delete(OperationChange).where(OperationChange.entity == "person",
                                                       OperationChange.entity_id.in_(_ids())), ids)
    for table, column in ((SearchTerm, SearchTerm.person_id), (Document, Document.person_id),
                          (Phone, Phone.person_id), (StatusChange, StatusChange.person_id),
                          (ListMember, ListMember.person_id), (LiaisonPerson, LiaisonPerson.person_id),
                          (DuplicateDismissal, DuplicateDismissal.person_a_id),
                          (DuplicateDismissal, DuplicateDismissal.person_b_id)):
        _each_chunk(session, delete(table).where(column.in_(_ids())), ids)
    # Records merged into them are among `ids` (see _with_merged_records): unlink them all, then delete.
    _each_chunk(session, update(Person).where(Person.id.in_(_ids())).values(merged_into_id=None)
                .execution_options(synchronize_session=False), ids)
    _each_chunk(session, delete(Person).where(Person.id.in_(_ids())).execution_options(synchronize_session=False),
                ids)


def _blank_orphan_households(session: Session, household_ids: list[int]) -> None:
    """A household of theirs left with no identifiable member loses its name (a family name) and notes."""
    identifiable = select(Person.household_id).where(Person.household_id.is_not(None),
                                                     Person.surname != ANONYMISED_SURNAME)
    for chunk in _chunks(household_ids):
        session.execute(update(Household).where(Household.id.in_(chunk), Household.id.not_in(identifiable))
                        .values(name="", notes=""))
