"""Duplicates: the same person registered twice, found with the matching engine and merged by hand.

    pairs = find_duplicates(db)                                   # every pair at 'review' or above
    rows = merge_comparison(db, keep_id, other_id)                # the two records field by field
    survivor = merge_persons(db, keep_id, other_id, picks={"email": "other"}, operator="A. Petrova")
    survivor = merge_many(db, keep_id, [copy_2, copy_3], operator="A. Petrova")  # one act, one backup, one undo
    undo_merge(db, operation_id, operator="A. Petrova")
    dismiss_pair(db, a_id, b_id, operator="A. Petrova")           # 'not a duplicate': never proposed again

Merging. The survivor (`keep`) takes, field by field, the value the officer picked; a field
without a pick keeps the survivor's value, unless that is empty and the other's is not.
Documents and phones are united (one per number key / E.164 number). List memberships move
to the survivor; when both are on a list the stronger answer stays (crossed, then approved,
then rejected, then pending) and the other's membership is removed. Liaison log links move.
The survivor joins the other's household when it has none (or when 'household' is picked).

The other record is never deleted: it becomes status `merged` with `merged_into_id` set to
the survivor, leaves its household, and keeps its own documents, phones and status history
unchanged. Histories are therefore not re-pointed: `merged_history(db, survivor_id)` shows
the survivor's status history together with that of every record merged into it, each entry
naming the record it was written on. Everything the merge changed is an
`Operation(kind="merge")` with the values before, so `undo_merge` restores both records
exactly, refusing when either changed after the merge. `merge_many` merges several records into one
in one act (one registration entered many times): one backup before it, one operation, undone at once.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_module
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import Cancelled, EditConflict, NotFound, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.person import FIELDS_BY_KEY
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.matching import STAR_COPIES, Prepared
from desktop_app.matching import find_duplicates as engine_duplicates
from desktop_app.matching.engine import IDENTICAL
from desktop_app.services import accounts, audit
from desktop_app.services.backups import backup_before
from desktop_app.services.operations import changes_of, mark_undone, undoable
from desktop_app.services.persons import NOTE_FIELDS, PersonView, person_view
from desktop_app.services.reconciling import RosterPerson, differing_fields, load_roster, prepared_roster
from desktop_app.services.search_index import reindex, sort_key_of
from desktop_app.services.status import set_status
from desktop_app.storage.db import Database
from desktop_app.storage.models import (
    Document,
    DuplicateDismissal,
    EvacuationList,
    Household,
    LiaisonPerson,
    ListMember,
    Operation,
    OperationChange,
    Person,
    Phone,
    StatusChange,
)

Progress = Callable[[int, int], bool]
KIND = "merge"
HOUSEHOLD = "household"
# Fields the officer picks between; the case reference stays the survivor's (the other keeps its own),
# the relationship goes with the household.
MERGE_FIELDS: tuple[str, ...] = tuple(k for k in FIELDS_BY_KEY if k not in ("case_ref", "relationship"))
PICKABLE: tuple[str, ...] = (*MERGE_FIELDS, HOUSEHOLD)
K = TypeVar("K", int, str)  # a record's key: a person id, or a bench's record name
_ANSWER_STRENGTH = {Answer.PENDING.value: 0, Answer.REJECTED.value: 1, Answer.APPROVED.value: 2}


@dataclass(frozen=True)
class PersonBrief:
    id: int
    case_ref: str
    name: str
    latin_name: str
    birth_date: str
    sex: str
    documents: tuple[str, ...]
    household_ref: str
    status: str
    version: int = 0  # the record's version when the list was made (merge_many's `versions`)


@dataclass(frozen=True)
class DuplicateCandidate:
    a: PersonBrief
    b: PersonBrief
    score: float
    decision: str  # 'match' (almost surely one person) or 'review'
    reasons: tuple[str, ...]
    differing: frozenset[str]
    contributions: tuple[tuple[str, str, float], ...] = ()  # (field, level, bits), the prior first

    @property
    def copies(self) -> bool:
        """Whether the finder offers the pair as copies of one registration (`matching.engine.IDENTICAL`): alike in
        every field it compares and holding a number few persons hold, not namesakes alike in what the list shows
        (a camp's, sharing the office's number for want of one)."""
        return IDENTICAL in self.reasons


@dataclass(frozen=True)
class FieldChoice:
    """One row of the merge screen: a field, both values as text, and the suggested pick."""

    key: str
    label: str
    keep_text: str
    other_text: str
    pickable: bool
    suggested: str  # 'keep' or 'other'

    @property
    def differs(self) -> bool:
        return self.keep_text != self.other_text


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    operator: str
    from_status: str | None
    to_status: str
    reason: str
    list_name: str | None
    case_ref: str  # the record the entry was written on (the survivor or a record merged into it)


# --- finding ----------------------------------------------------------------------------------

def _brief(person: RosterPerson) -> PersonBrief:
    return PersonBrief(person.id, person.case_ref, person.name, person.latin_name, person.birth_date or "",
                       person.sex or "", person.documents, person.household_ref, person.status, person.version)


@accounts.guarded(Permission.SEARCH)
def find_duplicates(db: Database, *, progress: Progress | None = None) -> list[DuplicateCandidate]:
    """Every pair of active persons the engine scores at 'review' or above, strongest first.

    Pairs an officer marked as not a duplicate are left out. The roster is read in one read
    transaction, and saves go on while the pairs are worked out: a person merged, deleted, edited
    (fields, documents, status: their version moved) or dismissed as not a duplicate meanwhile is
    looked up again at the end and its pairs left out, not offered with the fields, score and decision
    of before the save; the next search judges them as they are (the merge screen reads both persons
    again in any case). `progress(done, total)` is asked
    between the stages and every thousand persons within them, `done` the stages finished of `total`
    (`SEARCH_STAGES[done]` names the one under way: reading, comparing, listing); once it returns False
    the search stops there with `Cancelled`.
    """
    check = _checker(progress)
    with db.reading() as session:
        roster = load_roster(session, checkpoint=lambda: check(_READING))
        dismissed = _dismissed(session)
    check(_COMPARING)
    pairs = engine_duplicates(_checked(prepared_roster(roster), check), checkpoint=lambda: check(_COMPARING))
    check(_LISTING)
    found = []
    for pair in pairs:
        a, b = sorted((int(pair.key_a), int(pair.key_b)))
        if (a, b) in dismissed:
            continue
        found.append(DuplicateCandidate(_brief(roster[a]), _brief(roster[b]), round(pair.score, 4), pair.decision,
                                        pair.reasons, differing_fields(pair.reasons), pair.contributions))
    judged = {person.id: (roster[person.id].version, roster[person.id].documents)
              for pair in found for person in (pair.a, pair.b)}
    del roster, pairs
    found, dismissed = _still_offered(db, found, judged)
    check(_STAGES)
    return _closed(found, dismissed)


# `find_duplicates`' stages as its progress counts them: the stages finished, of `_STAGES`
_READING, _COMPARING, _LISTING, _STAGES = 0, 1, 2, 3
# The stage under way, by `progress`' `done` (translated in the "services.duplicates" context): the search spends
# its time reading and comparing, and a window shows which (its bar stood at the first stage throughout).
SEARCH_STAGES = (QT_TRANSLATE_NOOP("services.duplicates", "reading the roster"),
                 QT_TRANSLATE_NOOP("services.duplicates", "comparing the persons"),
                 QT_TRANSLATE_NOOP("services.duplicates", "listing the pairs"))
_LOOKED_UP_AT_ONCE = 500  # persons per statement when the pairs' persons are looked up again


def _checker(progress: Progress | None) -> Callable[[int], None]:
    """`check(stage)`: says the stage reached and raises `Cancelled` once `progress` answers False."""

    def check(stage: int) -> None:
        if progress is not None and not progress(stage, _STAGES):
            raise Cancelled(QT_TRANSLATE_NOOP("services.duplicates", "The search for duplicates was cancelled."))

    return check


def _checked(records: Iterable[Prepared], check: Callable[[int], None]) -> Iterator[Prepared]:
    """`records`, asking `check` every thousand of them (the engine reads them while it builds its index)."""
    for position, record in enumerate(records):
        if position % 1000 == 0:
            check(_COMPARING)
        yield record


def _dismissed(session: Session) -> set[tuple[int, int]]:
    return {(a, b) for a, b in session.execute(select(DuplicateDismissal.person_a_id, DuplicateDismissal.person_b_id))}


def _still_offered(db: Database, found: list[DuplicateCandidate], judged: Mapping[int, tuple[int, tuple[str, ...]]]
                   ) -> tuple[list[DuplicateCandidate], set[tuple[int, int]]]:
    """The pairs of `found` whose persons are both still active and as they were `judged` (version, documents), and
    that were not dismissed, as the roster is now (saves went on during the search), with the dismissed pairs now.

    The documents are compared as well as the version: a document added or removed moves the person's version only
    when its `updated_at` moves, and that is kept to the second."""
    ids = sorted(judged)
    now: dict[int, tuple[int, list[str]]] = {}
    with db.reading() as session:
        for start in range(0, len(ids), _LOOKED_UP_AT_ONCE):
            some = ids[start:start + _LOOKED_UP_AT_ONCE]
            now.update((person_id, (version, [])) for person_id, version in session.execute(
                select(Person.id, Person.version).where(Person.id.in_(some), Person.deleted_at.is_(None),
                                                        Person.status != Status.MERGED.value)))
            for person_id, number in session.execute(select(Document.person_id, Document.number).where(
                    Document.person_id.in_(some)).order_by(Document.id)):
                if person_id in now:
                    now[person_id][1].append(number)
        dismissed = _dismissed(session)
    unchanged = {person_id for person_id, (version, numbers) in now.items()
                 if (version, tuple(numbers)) == judged[person_id]}
    return [pair for pair in found if pair.a.id in unchanged and pair.b.id in unchanged
            and (pair.a.id, pair.b.id) not in dismissed], dismissed


def _closed(found: list[DuplicateCandidate], dismissed: set[tuple[int, int]]) -> list[DuplicateCandidate]:
    """Two persons who both match one same third person are a match: one person registered three times.

    Each copy matches the first registration, but typed with other mistakes the two copies may
    differ from each other more than from it, and the model may offer their pair for review
    only or not at all (FEBRL2: 26 such pairs, none wrong; recall of match 0.980 -> 0.990).
    Only matches count as links, and a pair dismissed as not a duplicate stays dismissed. A
    pair added this way has the lower of its two matches' scores and says which third it is.
    """
    matches = {(pair.a.id, pair.b.id): pair for pair in found if pair.decision == "match"}
    briefs = {brief.id: brief for pair in matches.values() for brief in (pair.a, pair.b)}
    thirds = through_a_third(matches, offered=[(pair.a.id, pair.b.id) for pair in found if pair.decision == "review"])
    out = []
    for pair in found:
        third = thirds.pop((pair.a.id, pair.b.id), None)
        if third is not None and pair.decision == "review":
            pair = replace(pair, decision="match", reasons=(*pair.reasons, f"both match {briefs[third].case_ref}"))
        out.append(pair)
    for (a, b), third in thirds.items():
        if (a, b) not in dismissed:
            score = min(matches[(min(a, third), max(a, third))].score, matches[(min(b, third), max(b, third))].score)
            out.append(DuplicateCandidate(briefs[a], briefs[b], score, "match",
                                          (f"both match {briefs[third].case_ref}",), frozenset()))
    return sorted(out, key=lambda pair: -pair.score)


def through_a_third(matches: Iterable[tuple[K, K]], offered: Iterable[tuple[K, K]] = ()) -> dict[tuple[K, K], K]:
    """Each pair (lower, higher) of records that both match one same third record, and the lowest such third.

    `matches` are the matched pairs, each once in either order. Pairs that match each other
    directly are included too (a triangle); the caller keeps what it already has. A third that with the records it
    matches makes more than `STAR_COPIES` records links none of them: it is the first of a class of copies that the
    finder offers as a star (each copy, and a record meeting the class, to it), and merging each into it merges them
    all, where every pair of them would give the square back (200 copies: 19,900 pairs). The first of a class of
    `STAR_COPIES` + 1 is matched by `STAR_COPIES` copies: counting its matches alone gave its 190 pairs back.
    Each pair of `offered` (lower, higher: the pairs the caller lists already) is linked through any third, however
    many it matches: that adds no pair to the list, and a man registered again and again, each time with another
    slip, is such a third whose every pair the finder offers itself (27 slips: 90 pairs left for review).
    """
    linked: dict[K, set[K]] = defaultdict(set)
    for a, b in matches:
        linked[a].add(b)
        linked[b].add(a)
    thirds: dict[tuple[K, K], K] = {}
    for third in sorted(linked):
        if len(linked[third]) + 1 > STAR_COPIES:  # the third and its matches: a star's class
            continue
        ones = sorted(linked[third])
        for i, a in enumerate(ones):
            for b in ones[i + 1:]:
                thirds.setdefault((a, b), third)
    for a, b in offered:
        shared = linked[a] & linked[b] if a in linked and b in linked else set()
        if shared:
            thirds[(a, b)] = min(shared)
    return thirds


@accounts.guarded(Permission.MERGE)
def dismiss_pair(db: Database, a_id: int, b_id: int, *, operator: str, note: str = "") -> None:
    """Mark two persons as different people: the finder will not propose the pair again."""
    low, high = sorted((a_id, b_id))
    if low == high:
        raise ValidationError("pair", low, QT_TRANSLATE_NOOP("services.duplicates", "names the same person twice"))
    with db.transaction() as session:
        people = [_active(session, low), _active(session, high)]
        exists = session.scalar(select(DuplicateDismissal.id).where(DuplicateDismissal.person_a_id == low,
                                                                    DuplicateDismissal.person_b_id == high))
        if exists is not None:
            return
        session.add(DuplicateDismissal(person_a_id=low, person_b_id=high, at=audit.now(), operator=operator,
                                       note=note))
        audit.record(session, operator, "not_duplicate", "person", people[0].uuid,
                     f"{people[0].case_ref} and {people[1].case_ref} marked as different persons",
                     {"other": people[1].uuid, "note": note})


@accounts.guarded(Permission.MERGE)
def undismiss_pair(db: Database, a_id: int, b_id: int, *, operator: str) -> None:
    """Take back a 'not a duplicate' mark (the pair may be proposed again)."""
    low, high = sorted((a_id, b_id))
    with db.transaction() as session:
        removed = session.execute(delete(DuplicateDismissal).where(DuplicateDismissal.person_a_id == low,
                                                                   DuplicateDismissal.person_b_id == high))
        if not removed.rowcount:  # type: ignore[attr-defined]
            raise NotFound("'not a duplicate' mark for persons", f"{low}, {high}")
        a, b = session.get(Person, low), session.get(Person, high)
        audit.record(session, operator, "duplicate_mark_removed", "person", a.uuid if a else low,
                     f"{a.case_ref if a else low} and {b.case_ref if b else high} may be duplicates again")


# --- comparing ------------------------------------------------------------------------------------

def _text(key: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value is False


@accounts.guarded(Permission.SEARCH)
def merge_comparison(db: Database, keep_id: int, other_id: int) -> list[FieldChoice]:
    """The two records side by side: every mergeable field, the household, documents and phones."""
    notes_readable = accounts.may(db, Permission.READ_NOTES)  # issue 20: a volunteer compares no notes
    with db.reading() as session:
        keep, other = _pair(session, keep_id, other_id)
        rows = []
        for key in MERGE_FIELDS:
            if key in NOTE_FIELDS and not notes_readable:
                continue
            kv, ov = getattr(keep, key), getattr(other, key)
            suggested = "other" if _empty(kv) and not _empty(ov) else "keep"
            rows.append(FieldChoice(key, FIELDS_BY_KEY[key].label, _text(key, kv), _text(key, ov), True, suggested))
        rows.append(FieldChoice(HOUSEHOLD, QT_TRANSLATE_NOOP("services.duplicates", "Household"),
                                _household_text(keep), _household_text(other), True,
                                "other" if keep.household_id is None and other.household_id is not None else "keep"))
        rows.append(FieldChoice("case_ref", QT_TRANSLATE_NOOP("services.duplicates",
                                                              "Case ref. (each record keeps its own)"),
                                keep.case_ref, other.case_ref, False, "keep"))
        rows.append(FieldChoice("documents", QT_TRANSLATE_NOOP("services.duplicates", "Documents (united)"),
                                _join(d.number for d in keep.documents), _join(d.number for d in other.documents),
                                False, "keep"))
        rows.append(FieldChoice("phones", QT_TRANSLATE_NOOP("services.duplicates", "Phones (united)"),
                                _join(p.e164 for p in keep.phones), _join(p.e164 for p in other.phones), False, "keep"))
        rows.append(FieldChoice("status", QT_TRANSLATE_NOOP("services.duplicates", "Status (the survivor's stays)"),
                                keep.status, other.status, False, "keep"))
        return rows


def _household_text(person: Person) -> str:
    if person.household is None:
        return ""
    return f"{person.household.ref} ({person.relationship or 'member'})"


def _join(values: Any) -> str:
    return ", ".join(values)


# --- merging --------------------------------------------------------------------------------------

def _active(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise NotFound("person", person_id)
    if person.status == Status.MERGED.value:
        raise ValidationError("person", person.case_ref,
                              QT_TRANSLATE_NOOP("services.duplicates", "was already merged into another record"))
    return person


def _pair(session: Session, keep_id: int, other_id: int) -> tuple[Person, Person]:
    if keep_id == other_id:
        raise ValidationError("merge", keep_id, QT_TRANSLATE_NOOP("services.duplicates", "needs two different persons"))
    return _active(session, keep_id), _active(session, other_id)


class _Recorder:
    """OperationChange rows of one merge, in the order they happened."""

    def __init__(self, session: Session, operation: Operation) -> None:
        self.session = session
        self.operation = operation

    def __call__(self, entity: str, entity_id: int, change: str, before: dict[str, Any]) -> None:
        self.session.add(OperationChange(operation_id=self.operation.id, entity=entity, entity_id=entity_id,
                                         change=change, before=audit.to_json(before)))


@accounts.guarded(Permission.MERGE)
def merge_persons(db: Database, keep_id: int, other_id: int, *, picks: Mapping[str, str] | None = None,
                  operator: str) -> PersonView:
    """Merge `other_id` into `keep_id`; see the module docstring. Returns the survivor."""
    return _merge(db, keep_id, [other_id], picks, operator)


@accounts.guarded(Permission.MERGE)
def merge_many(db: Database, keep_id: int, other_ids: Sequence[int], *, picks: Mapping[str, str] | None = None,
               operator: str, versions: Mapping[int, int] | None = None) -> PersonView:
    """Merge every record of `other_ids` into `keep_id` in one act; returns the survivor.

        survivor = merge_many(db, first_copy, [copy_2, copy_3, copy_4], operator="A. Petrova")
        undo_merge(db, merge_operations(db, survivor.id)[0], operator="A. Petrova")   # all of them apart again

    One registration entered many times is merged at once: one backup is taken before it (not one per
    record), and the act is one transaction and one undoable operation (`undo_merge` separates every record
    again). Each record is merged as `merge_persons` would, in the order given, and each has its own audit entry.
    A field picked 'other' (or the household) is taken from the first record of `other_ids` whose value differs
    from the survivor's; a field without a pick is filled from the first record that has it when the survivor's
    is empty. All or nothing: a record not found, deleted or already merged meanwhile, named twice, or the
    survivor itself raises before anything is written, naming the record; so do two of the records that an
    officer marked as different persons ('not a duplicate': twins, say, each matched by a third record). With
    `versions` (each record's version as the officer saw it: `PersonBrief.version` of the list), a record changed
    since (a colleague's correction) raises EditConflict naming it and who changed it, nothing written.
    """
    return _merge(db, keep_id, list(other_ids), picks, operator, marks_refused=True, versions=versions)


def _checked_picks(picks: Mapping[str, str] | None) -> dict[str, str]:
    checked = dict(picks or {})
    for key, pick in checked.items():
        if key not in PICKABLE:
            raise ValidationError("merge field", key, f"cannot be picked (fields: {', '.join(PICKABLE)})")
        if pick not in ("keep", "other"):
            raise ValidationError(key, pick,
                                  QT_TRANSLATE_NOOP("services.duplicates", "must be picked as 'keep' or 'other'"))
    return checked


def _checked_others(db: Database, keep_id: int, other_ids: list[int]) -> None:
    if not other_ids:
        raise ValidationError("merge", _ref_of(db, keep_id),
                              QT_TRANSLATE_NOOP("services.duplicates", "needs two different persons"))
    seen: set[int] = set()
    for other_id in other_ids:
        if other_id == keep_id:
            raise ValidationError("merge", _ref_of(db, keep_id),
                                  QT_TRANSLATE_NOOP("services.duplicates", "needs two different persons"))
        if other_id in seen:
            raise ValidationError("merge", _ref_of(db, other_id),
                                  QT_TRANSLATE_NOOP("services.duplicates", "names the same record twice"))
        seen.add(other_id)


def _ref_of(db: Database, person_id: int) -> str | int:
    """The case reference the officer knows person `person_id` by (the id itself if there is no such person)."""
    with db.reading() as session:
        person = session.get(Person, person_id)
        return person.case_ref if person is not None else person_id


def _merge(db: Database, keep_id: int, other_ids: list[int], picks: Mapping[str, str] | None,
           operator: str, *, marks_refused: bool = False, versions: Mapping[int, int] | None = None) -> PersonView:
    """`merge_persons` (one other) and `merge_many`: one backup, one transaction, one operation. With
    `marks_refused` (a merge of several, whose pairs the officer did not each compare), two of the records marked
    as different persons refuse the act."""
    picks = _checked_picks(picks)
    _checked_others(db, keep_id, other_ids)
    backup_before(db, "merge", operator=operator)  # kept for weeks, named by its reason
    with db.transaction() as session:
        keep = _active(session, keep_id)
        keep_version_before = keep.version  # an undo of this merge lets an earlier one's undo past it
        others = [_active(session, other_id) for other_id in other_ids]  # all found before anything is written
        if marks_refused:
            _refuse_marked_apart(session, [keep, *others])
        seen = versions or {}
        for person in (keep, *others):
            if person.version != seen.get(person.id, person.version):
                raise EditConflict(f"{person.case_ref} was changed by {person.updated_by} at "
                                   f"{person.updated_at:%Y-%m-%d %H:%M} after the list of duplicates was made: "
                                   f"Refresh to judge it again. Nothing was merged.")
        operation = Operation(uuid=str(uuid_module.uuid4()), kind=KIND, at=audit.now(), operator=operator,
                              details="{}")
        session.add(operation)
        session.flush()
        record = _Recorder(session, operation)
        steps = [_merge_one(session, keep, other, picks, record, operation, operator) for other in others]
        if len(others) == 1:  # a single merge's details as they always were
            details: dict[str, Any] = {"keep_id": keep.id, "other_id": others[0].id, "keep_ref": keep.case_ref,
                                       "other_ref": others[0].case_ref, **steps[0],
                                       "after": {"keep_version": keep.version, "other_version": others[0].version},
                                       "keep_version_before": keep_version_before}
        else:
            details = {"keep_id": keep.id, "other_ids": [other.id for other in others], "keep_ref": keep.case_ref,
                       "other_refs": [other.case_ref for other in others], "steps": steps,
                       "after": {"keep_version": keep.version,
                                 "other_versions": [other.version for other in others]},
                       "keep_version_before": keep_version_before}
        operation.details = audit.to_json(details)
        session.flush()
        session.refresh(keep)
        return person_view(keep)


def _refuse_marked_apart(session: Session, records: list[Person]) -> None:
    """Raise, naming them, when two of `records` were marked as different persons ('not a duplicate')."""
    by_id = {person.id: person for person in records}
    for low, high in sorted(_dismissed(session)):
        if low in by_id and high in by_id:
            raise ValidationError("merge", None, QT_TRANSLATE_NOOP("domain.audit",
                                                                   "{a} and {b} marked as different persons"),
                                  a=by_id[low].case_ref, b=by_id[high].case_ref)


def _merge_one(session: Session, keep: Person, other: Person, picks: dict[str, str], record: _Recorder,
               operation: Operation, operator: str) -> dict[str, Any]:
    """Merge `other` into `keep` within the operation; a pick of 'other' honoured is spent (the next records of a
    merge of several keep what this one gave). Returns what it did, for the operation's details."""
    taken = _take_fields(keep, other, picks)
    record("person", keep.id, "updated", {"role": "keep", "household_id": keep.household_id,
                                          "relationship": keep.relationship,
                                          **{k: getattr(keep, k) for k in taken}})
    record("person", other.id, "updated", {"role": "other", "status": other.status,
                                           "household_id": other.household_id,
                                           "relationship": other.relationship})
    for key in taken:
        setattr(keep, key, getattr(other, key))
        if picks.get(key) == "other":
            picks[key] = "keep"
    household_before = keep.household_id
    _merge_household(session, keep, other, picks.get(HOUSEHOLD), record)
    if picks.get(HOUSEHOLD) == "other" and keep.household_id != household_before:
        picks[HOUSEHOLD] = "keep"
    added = _unite_documents_and_phones(session, keep, other, record)
    moved = _move_memberships(session, keep, other, record)
    _move_liaison_links(session, keep, other, record)
    keep.sort_key = sort_key_of(keep)
    keep.updated_at = audit.now()
    keep.updated_by = operator
    reindex(session, keep)
    set_status(session, other, Status.MERGED, operator=operator, reason=f"merged into {keep.case_ref}",
               operation_id=operation.id, check=False)
    other.merged_into_id = keep.id
    session.flush()
    audit.record(session, operator, "merge", "person", keep.uuid,
                 f"merged {other.case_ref} into {keep.case_ref} (operation {operation.id})",
                 {"other": other.uuid, "fields": taken, "operation": operation.id})
    return {"fields": taken, "added": added, "memberships": moved}


def _take_fields(keep: Person, other: Person, picks: Mapping[str, str]) -> list[str]:
    taken = []
    for key in MERGE_FIELDS:
        kv, ov = getattr(keep, key), getattr(other, key)
        pick = picks.get(key)
        if kv != ov and (pick == "other" or (pick is None and _empty(kv) and not _empty(ov))):
            taken.append(key)
    return taken


def _merge_household(session: Session, keep: Person, other: Person, pick: str | None, record: _Recorder) -> None:
    household = session.get(Household, other.household_id) if other.household_id else None
    joins = household is not None and keep.household_id != other.household_id and (
        pick == "other" or (pick is None and keep.household_id is None))
    if household is not None:
        record("household", household.id, "updated", {"head_person_id": household.head_person_id})
    if joins:
        old = session.get(Household, keep.household_id) if keep.household_id else None
        if old is not None and old.head_person_id == keep.id:
            record("household", old.id, "updated", {"head_person_id": old.head_person_id})
            old.head_person_id = None
        keep.household_id = other.household_id
        keep.relationship = other.relationship
    if household is not None and household.head_person_id == other.id:
        household.head_person_id = keep.id if keep.household_id == household.id else None
    other.household_id = None
    other.relationship = None


def _unite_documents_and_phones(session: Session, keep: Person, other: Person, record: _Recorder) -> int:
    numbers = {d.number_key for d in keep.documents}
    new_documents = [Document(doc_type=d.doc_type, number=d.number, number_key=d.number_key,
                              issuing_country=d.issuing_country, issue_date=d.issue_date, expiry_date=d.expiry_date)
                     for d in other.documents if d.number_key not in numbers]
    phones = {p.e164 for p in keep.phones}
    new_phones = [Phone(e164=p.e164, label=p.label) for p in other.phones if p.e164 not in phones]
    keep.documents.extend(new_documents)
    keep.phones.extend(new_phones)
    session.flush()
    for document in new_documents:
        record("document", document.id, "created", {"person_id": keep.id})
    for phone in new_phones:
        record("phone", phone.id, "created", {"person_id": keep.id})
    return len(new_documents) + len(new_phones)


def _strength(member: ListMember) -> int:
    return 3 if member.crossed_at is not None else _ANSWER_STRENGTH.get(member.answer, 0)


_MEMBER_FIELDS = ("answer", "valid_until", "crossed_at", "answered_at", "answer_note")


def _move_memberships(session: Session, keep: Person, other: Person, record: _Recorder) -> int:
    keeps = {m.list_id: m for m in session.scalars(select(ListMember).where(ListMember.person_id == keep.id))}
    moved = 0
    for member in session.scalars(select(ListMember).where(ListMember.person_id == other.id)).all():
        mine = keeps.get(member.list_id)
        if mine is None:
            record("list_member", member.id, "moved", {"person_id": other.id})
            member.person_id = keep.id
        else:
            if _strength(member) > _strength(mine):
                record("list_member", mine.id, "updated", {k: getattr(mine, k) for k in _MEMBER_FIELDS})
                for key in _MEMBER_FIELDS:
                    setattr(mine, key, getattr(member, key))
            record("list_member", member.id, "deleted", {
                "list_id": member.list_id, "person_id": other.id, "added_at": member.added_at,
                "added_by": member.added_by, **{k: getattr(member, k) for k in _MEMBER_FIELDS}})
            session.delete(member)
        moved += 1
    return moved


def _move_liaison_links(session: Session, keep: Person, other: Person, record: _Recorder) -> None:
    linked = set(session.scalars(select(LiaisonPerson.entry_id).where(LiaisonPerson.person_id == keep.id)))
    for link in session.scalars(select(LiaisonPerson).where(LiaisonPerson.person_id == other.id)).all():
        added = link.entry_id not in linked
        record("liaison_person", link.entry_id, "moved", {"person_id": other.id, "added_for_keep": added})
        session.delete(link)
        if added:
            session.add(LiaisonPerson(entry_id=link.entry_id, person_id=keep.id))


# --- undoing ----------------------------------------------------------------------------------------

_DATE_FIELDS = {"consent_date"}


@accounts.guarded(Permission.MERGE)
def undo_merge(db: Database, operation_id: int, *, operator: str) -> PersonView:
    """Separate the records again exactly as they were; returns the restored other record (of a merge of several
    (`merge_many`), the first of them: every one is restored)."""
    with db.transaction() as session:
        operation = undoable(session, operation_id, KIND)
        details = json.loads(operation.details)
        after = details["after"]
        other_ids = _each(details, "other_id")
        other_versions = _each(after, "other_version")
        keep = session.get(Person, details["keep_id"])
        others = [session.get(Person, other_id) for other_id in other_ids]
        if keep is None or any(other is None for other in others):
            raise NotFound("person of merge operation", operation_id)
        restored = [other for other in others if other is not None]
        changed = keep if not _as_merge_left(session, keep, after["keep_version"], operation_id) else next(
            (other for other, version in zip(restored, other_versions, strict=True) if other.version != version), None)
        if changed is not None:
            what = (f"the merge of {restored[0].case_ref} into {keep.case_ref}" if len(restored) == 1 else
                    f"the merge of {len(restored)} records into {keep.case_ref}")
            raise EditConflict(f"{what[0].upper()}{what[1:]} cannot be undone: "
                               f"{changed.case_ref} was changed by {changed.updated_by} at "
                               f"{changed.updated_at:%Y-%m-%d %H:%M} after the merge. Nothing was undone.")
        changes = changes_of(session, operation_id, newest_first=True)
        session.flush()
        by_id = {person.id: person for person in (keep, *restored)}
        for change in changes:
            _revert(session, change, keep, by_id)
        keep.sort_key = sort_key_of(keep)
        keep.updated_at = audit.now()
        keep.updated_by = operator
        session.flush()
        session.expire(keep, ["documents", "phones"])
        reindex(session, keep)
        for other in restored:
            other.merged_into_id = None
            before_other = next(json.loads(c.before) for c in changes
                                if c.entity == "person" and c.entity_id == other.id)
            set_status(session, other, Status(before_other["status"]), operator=operator,
                       reason=f"merge into {keep.case_ref} undone", operation_id=operation_id, check=False)
            audit.record(session, operator, "undo", "person", keep.uuid,
                         f"undid the merge of {other.case_ref} into {keep.case_ref} (operation {operation_id})",
                         {"other": other.uuid, "operation": operation_id})
        mark_undone(operation, operator)
        session.flush()  # the survivor's version as this undo leaves it, for an earlier merge's undo
        operation.details = audit.to_json({**details, "undone_keep_version": keep.version})
        session.flush()
        session.refresh(restored[0])
        return person_view(restored[0])


def _each(details: Mapping[str, Any], key: str) -> list[Any]:
    """`key` of each record a merge operation merged away, from its details (or their "after"): the list a merge of
    several keeps under `key` + "s", or a single merge's one value."""
    return list(details.get(f"{key}s", [details.get(key)]))


def _as_merge_left(session: Session, keep: Person, version: int, operation_id: int) -> bool:
    """Whether the survivor `keep` is as merge `operation_id` left it (at `version`): unchanged since, or changed only
    by later merges into it that were undone since, each of them made on the version the one before left and undone
    to the fields it found (an undo moves the version, not the fields: Edit > Undo twice undoes both merges)."""
    undone: dict[int, int] = {}
    for details_text in session.scalars(select(Operation.details).where(
            Operation.kind == KIND, Operation.id > operation_id, Operation.undone_at.is_not(None))):
        details = json.loads(details_text)
        if details.get("keep_id") == keep.id and {"undone_keep_version", "keep_version_before"} <= details.keys():
            undone[details["undone_keep_version"]] = details["keep_version_before"]
    now: int = keep.version
    while now != version and now in undone:
        now = undone.pop(now)
    return now == version


def _revert(session: Session, change: OperationChange, keep: Person, persons: Mapping[int, Person]) -> None:
    before = json.loads(change.before)
    if change.entity in ("document", "phone"):
        model = Document if change.entity == "document" else Phone
        session.execute(delete(model).where(model.id == change.entity_id))
    elif change.entity == "list_member" and change.change == "moved":
        member = session.get(ListMember, change.entity_id)
        if member is not None:
            member.person_id = before["person_id"]
    elif change.entity == "list_member" and change.change == "updated":
        member = session.get(ListMember, change.entity_id)
        if member is not None:
            for key in _MEMBER_FIELDS:
                setattr(member, key, _restored(key, before[key]))
    elif change.entity == "list_member" and change.change == "deleted":
        session.add(ListMember(id=change.entity_id, list_id=before["list_id"], person_id=before["person_id"],
                               added_at=dt.datetime.fromisoformat(before["added_at"]), added_by=before["added_by"],
                               **{k: _restored(k, before[k]) for k in _MEMBER_FIELDS}))
    elif change.entity == "liaison_person":
        if before["added_for_keep"]:
            session.execute(delete(LiaisonPerson).where(LiaisonPerson.entry_id == change.entity_id,
                                                        LiaisonPerson.person_id == keep.id))
        session.add(LiaisonPerson(entry_id=change.entity_id, person_id=before["person_id"]))
    elif change.entity == "household":
        household = session.get(Household, change.entity_id)
        if household is not None:
            household.head_person_id = before["head_person_id"]
    elif change.entity == "person":
        person = persons[change.entity_id]
        for key, value in before.items():
            if key not in ("role", "status"):
                setattr(person, key, _restored(key, value))


def _restored(key: str, value: Any) -> Any:
    """A column value from its JSON form in `before`."""
    if value is None:
        return None
    if key in _DATE_FIELDS or key == "valid_until":
        return dt.date.fromisoformat(value)
    if key in ("crossed_at", "answered_at"):
        return dt.datetime.fromisoformat(value)
    return value


# --- history ------------------------------------------------------------------------------------------

@accounts.guarded(Permission.SEARCH)
def merged_history(db: Database, person_id: int) -> list[HistoryEntry]:
    """The person's status history with that of every record merged into it (at any depth), oldest first."""
    with db.reading() as session:
        ids = {person_id}
        frontier = {person_id}
        while frontier:
            frontier = set(session.scalars(select(Person.id).where(Person.merged_into_id.in_(frontier)))) - ids
            ids |= frontier
        query = (select(StatusChange, EvacuationList.name, Person.case_ref)
                 .join(Person, Person.id == StatusChange.person_id)
                 .outerjoin(EvacuationList, EvacuationList.id == StatusChange.list_id)
                 .where(StatusChange.person_id.in_(ids)).order_by(StatusChange.at, StatusChange.id))
        return [HistoryEntry(c.at, c.operator, c.from_status, c.to_status, c.reason, name, ref)
                for c, name, ref in session.execute(query)]


@accounts.guarded(Permission.SEARCH)
def merged_refs(db: Database, operation_id: int) -> list[str]:
    """The case references of the records merge operation `operation_id` merged away, in its order (one, or each
    of a merge of several); the undo restores every one of them.

        refs = merged_refs(db, operation_id)    # ['MR-000002', 'MR-000003', 'MR-000004']
    """
    with db.reading() as session:
        operation = session.get(Operation, operation_id)
        if operation is None or operation.kind != KIND:
            raise NotFound("merge operation", operation_id)
        details = json.loads(operation.details)
        return _each(details, "other_ref")


@accounts.guarded(Permission.SEARCH)
def merge_operations(db: Database, person_id: int) -> list[int]:
    """Ids of merge operations (not undone) that involve the person, newest first (for an Undo button)."""
    with db.reading() as session:
        found = []
        for operation in session.scalars(select(Operation).where(Operation.kind == KIND,
                                                                 Operation.undone_at.is_(None))
                                         .order_by(Operation.id.desc())):
            details = json.loads(operation.details)
            if person_id == details.get("keep_id") or person_id in _each(details, "other_id"):
                found.append(operation.id)
        return found
