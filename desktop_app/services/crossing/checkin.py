"""Check-in at the gate: a scanned code, a case reference or a passport number finds the person
on a list and marks them boarded (or crossed) with the time and the officer; anyone who may not
go through is refused with the reason. Every scan, accepted or refused, and every undo is in
the audit trail.

    result = scan(db, list_id, "G-1042+8", operator="anna")            # boarded
    result = scan(db, list_id, "G-1042+8", operator="anna", crossed=True)
    result.accepted, result.refusal, result.message                     # refusal: a Refusal or None
    undo_scan(db, list_id, "G-1042", operator="anna")                  # a wrong scan taken back
    gate_counts(db, list_id)                                            # expected, checked in, missing

Expected are the list's members the partner approved (not in the trash). A crossing scan also
records the crossing on the list and moves the status to 'crossed' (`services.lists` does the
same by hand); its undo puts the crossing date and the status back.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app import output_files
from desktop_app.domain.errors import NotFound, TransitionRefused
from desktop_app.domain.gate_codes import gate_code, read_scan
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, label
from desktop_app.domain.person import normalize_document_number
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.services.status import set_status
from desktop_app.storage.db import Database
from desktop_app.storage.models import Checkin, Document, EvacuationList, Household, ListMember, Organization, Person


class CheckinKind(StrEnum):
    BOARDED = "boarded"
    CROSSED = "crossed"


class Refusal(StrEnum):
    UNKNOWN_CODE = "unknown_code"
    MISREAD_CODE = "misread_code"
    AMBIGUOUS = "ambiguous"
    IN_TRASH = "in_trash"
    NOT_ON_LIST = "not_on_list"
    NOT_APPROVED = "not_approved"
    ALREADY_CHECKED_IN = "already_checked_in"
    STATUS = "status"
    STOPPED = "stopped"


_REFUSALS = {
    Refusal.UNKNOWN_CODE: QT_TRANSLATE_NOOP("services.crossing", "{scanned}: unknown code: no person has this "
                                            "code, case reference or passport number"),
    Refusal.MISREAD_CODE: QT_TRANSLATE_NOOP("services.crossing", "{scanned}: the code's check character does not "
                                            "match (a misread or mistyped code): scan again or type the case "
                                            "reference"),
    Refusal.AMBIGUOUS: QT_TRANSLATE_NOOP("services.crossing", "{scanned}: several persons have this passport "
                                         "number ({refs}): scan the code or type the case reference"),
    Refusal.IN_TRASH: QT_TRANSLATE_NOOP("services.crossing", "{ref}: in the trash, not on the roster"),
    Refusal.NOT_ON_LIST: QT_TRANSLATE_NOOP("services.crossing", "{ref} {name}: not on the list {list}"),
    Refusal.NOT_APPROVED: QT_TRANSLATE_NOOP("services.crossing",
                                            "{ref} {name}: not approved on {list} (answer: {answer})"),
    Refusal.ALREADY_CHECKED_IN: QT_TRANSLATE_NOOP("services.crossing",
                                                  "{ref} {name}: already checked in ({kind}) at {at} by {by}"),
    Refusal.STATUS: QT_TRANSLATE_NOOP("services.crossing", "{ref} {name}: status {status} cannot become crossed"),
    Refusal.STOPPED: QT_TRANSLATE_NOOP("services.crossing", "{ref} {name}: approved on {list}, but since then "
                                       "{status}: may not go through (ask the consul)"),
}
# Approved on the list, then stopped on the roster (a hold overnight, the family declined, a rejection,
# merged into another record): the list's answer alone must not let them through the gate.
_STOPPED = frozenset({Status.ON_HOLD.value, Status.REJECTED.value, Status.DECLINED.value, Status.MERGED.value})
_ACCEPTED = {
    CheckinKind.BOARDED: QT_TRANSLATE_NOOP("services.crossing", "{ref} {name}: boarded"),
    CheckinKind.CROSSED: QT_TRANSLATE_NOOP("services.crossing", "{ref} {name}: crossed"),
}


@dataclass(frozen=True)
class GatePerson:
    """What the officer at the gate checks against the person in front of them (no photo)."""

    person_id: int
    case_ref: str
    name: str
    latin_name: str
    birth_date: str
    document_type: str  # the stored word ('foreign_passport'), '' when no document is recorded
    document: str  # its number as written ('72 1234567')
    household: str  # 'H-0012 Ivanov', or ''
    answer: str | None  # the partner's answer on this list; None when not on it


@dataclass(frozen=True)
class ScanResult:
    scanned: str
    accepted: bool
    message: Message
    person: GatePerson | None = None
    refusal: Refusal | None = None
    kind: CheckinKind | None = None
    at: dt.datetime | None = None  # when this scan checked them in, or the earlier check-in it refused

    def as_json(self) -> dict[str, object]:
        return {"scanned": self.scanned, "accepted": self.accepted, "refusal": self.refusal,
                "message": str(self.message), "kind": self.kind, "at": self.at.isoformat() if self.at else None,
                "case_ref": self.person.case_ref if self.person else None}


@dataclass(frozen=True)
class UndoneScan:
    case_ref: str
    kind: CheckinKind
    at: dt.datetime
    status_restored: str | None  # the status a crossing's undo put back


@dataclass(frozen=True)
class HouseholdMissing:
    household: str  # 'H-0012 Ivanov'; '' for persons in no household
    persons: list[tuple[str, str]]  # (case ref, name)


@dataclass(frozen=True)
class GateCounts:
    expected: int
    checked_in: int
    missing: int
    missing_by_household: list[HouseholdMissing] = field(default_factory=list)


@accounts.guarded(Permission.CHECK_IN)
def scan(db: Database, list_id: int, scanned: str, *, operator: str, crossed: bool = False) -> ScanResult:
    """Check in whoever `scanned` names on list `list_id` (see the module docstring); one transaction."""
    kind = CheckinKind.CROSSED if crossed else CheckinKind.BOARDED
    with db.transaction() as session:
        evacuation_list = _list(session, list_id)
        result = _scan(session, evacuation_list, scanned, kind, operator)
        key = result.person.case_ref if result.person else scanned.strip()[:60]
        summary = (f"{key}: {kind.value} at the gate of {evacuation_list.name!r}" if result.accepted
                   else f"{key}: refused at the gate of {evacuation_list.name!r} ({result.refusal})")
        audit.record(session, operator, "checkin", "list", evacuation_list.uuid, summary,
                     {"scanned": scanned.strip()[:60], "accepted": result.accepted, "refusal": result.refusal,
                      "kind": kind.value})
        return result


def _scan(session: Session, evacuation_list: EvacuationList, scanned: str, kind: CheckinKind,
          operator: str) -> ScanResult:
    text = scanned.strip()
    read = read_scan(text)
    if read.coded and not read.valid:
        return _refused(text, Refusal.MISREAD_CODE, values={"scanned": text})
    person = session.scalar(select(Person).where(Person.case_ref == read.case_ref))
    if person is None and read.coded:
        person = _by_ref_any_case(session, read.case_ref)
    if person is None and not read.coded:
        found = list(session.scalars(select(Person).join(Document, Document.person_id == Person.id)
                                     .where(Document.number_key == normalize_document_number(text))
                                     .distinct().limit(5)))
        alive = [p for p in found if p.deleted_at is None and p.status != Status.MERGED.value]
        if len(alive) > 1:
            return _refused(text, Refusal.AMBIGUOUS, values={"scanned": text, "refs": [p.case_ref for p in alive]})
        person = alive[0] if alive else (found[0] if found else None)
        if person is None:  # a case reference typed in the wrong case ('g-1042')
            person = _by_ref_any_case(session, read.case_ref)
    if person is None:
        return _refused(text, Refusal.UNKNOWN_CODE, values={"scanned": text})
    member = session.scalar(select(ListMember).where(ListMember.list_id == evacuation_list.id,
                                                     ListMember.person_id == person.id))
    seen = _gate_person(session, person, member)
    names: dict[str, object] = {"ref": person.case_ref, "name": seen.name, "list": evacuation_list.name}
    if person.deleted_at is not None:
        return _refused(text, Refusal.IN_TRASH, seen, values={"ref": person.case_ref})
    if member is None:
        return _refused(text, Refusal.NOT_ON_LIST, seen, values=names)
    if member.answer != Answer.APPROVED.value:
        return _refused(text, Refusal.NOT_APPROVED, seen, values={**names, "answer": label(member.answer)})
    if person.status in _STOPPED:
        return _refused(text, Refusal.STOPPED, seen, values={**names, "status": label(person.status)})
    earlier = _active(session, evacuation_list.id, person.id)
    # Boarding the bus, then crossing at the border, is two check-ins; anything else twice is a duplicate.
    if earlier is not None and not (earlier.kind == CheckinKind.BOARDED.value and kind is CheckinKind.CROSSED):
        return _refused(text, Refusal.ALREADY_CHECKED_IN, seen, earlier=earlier, values=names)
    stamp = audit.now()
    checkin = Checkin(list_id=evacuation_list.id, person_id=person.id, kind=kind.value, at=stamp, operator=operator)
    if kind is CheckinKind.CROSSED:
        checkin.status_before, checkin.crossed_before = person.status, member.crossed_at
        try:
            set_status(session, person, Status.CROSSED, operator=operator, reason="crossed at the gate",
                       list_id=evacuation_list.id)
        except TransitionRefused:
            return _refused(text, Refusal.STATUS, seen, values={**names, "status": label(person.status)})
        member.crossed_at = stamp
    session.add(checkin)
    return ScanResult(text, True, Message(_ACCEPTED[kind], ref=person.case_ref, name=seen.name), seen, None, kind,
                      stamp)


def _refused(text: str, refusal: Refusal, person: GatePerson | None = None, *, earlier: Checkin | None = None,
             values: dict[str, object]) -> ScanResult:
    if earlier is not None:
        values = {**values, "kind": label(earlier.kind), "at": earlier.at.strftime("%H:%M:%S"),
                  "by": earlier.operator}
    return ScanResult(text, False, Message(_REFUSALS[refusal], **values), person, refusal,
                      CheckinKind(earlier.kind) if earlier else None, earlier.at if earlier else None)


@accounts.guarded(Permission.CHECK_IN)
def undo_scan(db: Database, list_id: int, case_ref: str, *, operator: str) -> UndoneScan:
    """Take back the person's latest check-in on the list (a wrong scan); a crossing's status and date too."""
    with db.transaction() as session:
        evacuation_list = _list(session, list_id)
        ref = read_scan(case_ref).case_ref
        person = (session.scalar(select(Person).where(Person.case_ref == ref))
                  or _by_ref_any_case(session, ref))
        checkin = _active(session, list_id, person.id) if person else None
        if person is None or checkin is None:
            raise NotFound(Message(QT_TRANSLATE_NOOP("services.crossing", "check-in on {list}"),
                                   list=evacuation_list.name),
                           case_ref)
        checkin.undone_at, checkin.undone_by = audit.now(), operator
        restored: str | None = None
        if checkin.kind == CheckinKind.CROSSED.value:
            member = session.scalar(select(ListMember).where(ListMember.list_id == list_id,
                                                             ListMember.person_id == person.id))
            if member is not None:
                member.crossed_at = checkin.crossed_before
            if checkin.status_before and person.status == Status.CROSSED.value:
                # The workflow has no way back from 'crossed': this takes back a scan, not a decision.
                set_status(session, person, Status(checkin.status_before), operator=operator,
                           reason="a wrong crossing scan undone", list_id=list_id, check=False)
                restored = checkin.status_before
        audit.record(session, operator, "checkin", "list", evacuation_list.uuid,
                     f"{person.case_ref}: {checkin.kind} at the gate of {evacuation_list.name!r} undone",
                     {"undone": checkin.id, "kind": checkin.kind, "at": checkin.at})
        return UndoneScan(person.case_ref, CheckinKind(checkin.kind), checkin.at, restored)


@accounts.guarded(Permission.SEARCH)
def gate_counts(db: Database, list_id: int) -> GateCounts:
    """Expected (approved members), checked in, missing, and the missing by household."""
    # Columns, not entities: the screen asks after every scan, and a list can hold thousands.
    expected = (select(Person.id, Person.case_ref, Person.surname, Person.given_names, Person.patronymic,
                       Household.ref, Household.name)
                .join(ListMember, ListMember.person_id == Person.id)
                .outerjoin(Household, Household.id == Person.household_id)
                .where(ListMember.list_id == list_id, ListMember.answer == Answer.APPROVED.value,
                       Person.deleted_at.is_(None))
                .order_by(Household.ref, Person.sort_key))
    with db.reading() as session:
        _list(session, list_id)
        rows = session.execute(expected).all()
        checked = set(session.scalars(select(Checkin.person_id).where(Checkin.list_id == list_id,
                                                                      Checkin.undone_at.is_(None))))
    by_household: dict[str, list[tuple[str, str]]] = {}
    for person_id, case_ref, surname, given, patronymic, household_ref, household_name in rows:
        if person_id not in checked:
            household = " ".join(x for x in (household_ref, household_name) if x)
            by_household.setdefault(household, []).append(
                (case_ref, " ".join(x for x in (surname, given, patronymic) if x)))
    missing = sum(len(v) for v in by_household.values())
    return GateCounts(len(rows), len(rows) - missing, missing,
                      [HouseholdMissing(h, p) for h, p in by_household.items()])


@dataclass(frozen=True)
class BoardingRow:
    code: str  # what the QR code holds: case reference and check character
    person: GatePerson
    checked_in: str  # '' or 'boarded 07:42'


@dataclass(frozen=True)
class BoardingList:
    list_name: str
    partner: str
    rows: list[BoardingRow]


@accounts.guarded(Permission.SEARCH)
def boarding_list(db: Database, list_id: int) -> BoardingList:
    """The approved members in household order, each with their gate code (for the printed list)."""
    with db.reading() as session:
        evacuation_list = _list(session, list_id)
        found = session.execute(
            select(Person, ListMember).join(ListMember, ListMember.person_id == Person.id)
            .outerjoin(Household, Household.id == Person.household_id)
            .where(ListMember.list_id == list_id, ListMember.answer == Answer.APPROVED.value,
                   Person.deleted_at.is_(None))
            .order_by(Household.ref, Person.sort_key)).all()
        active = {c.person_id: c for c in session.scalars(select(Checkin).where(Checkin.list_id == list_id,
                                                                               Checkin.undone_at.is_(None)))}
        rows = []
        for person, member in found:
            checkin = active.get(person.id)
            rows.append(BoardingRow(gate_code(person.case_ref), _gate_person(session, person, member),
                                    f"{checkin.kind} {checkin.at:%H:%M}" if checkin else ""))
        organization = (session.get(Organization, evacuation_list.organization_id)
                        if evacuation_list.organization_id else None)
        partner = organization.name if organization else ""
        return BoardingList(evacuation_list.name, partner, rows)


def _by_ref_any_case(session: Session, case_ref: str) -> Person | None:
    """The one person whose case reference is `case_ref` but for letter case (a hurried officer types
    'g-1042', a scanner with Caps Lock on); None when no one, or several, match."""
    found = list(session.scalars(select(Person).where(func.upper(Person.case_ref) == case_ref.upper()).limit(2)))
    return found[0] if len(found) == 1 else None


def _active(session: Session, list_id: int, person_id: int) -> Checkin | None:
    return session.scalar(select(Checkin).where(Checkin.list_id == list_id, Checkin.person_id == person_id,
                                                Checkin.undone_at.is_(None)).order_by(Checkin.id.desc()).limit(1))


def _gate_person(session: Session, person: Person, member: ListMember | None) -> GatePerson:
    document = session.scalar(select(Document).where(Document.person_id == person.id).order_by(Document.id).limit(1))
    household = session.get(Household, person.household_id) if person.household_id else None
    return GatePerson(person.id, person.case_ref, _name(person),
                      " ".join(x for x in (person.surname_latin, person.given_names_latin) if x),
                      person.birth_date or "", document.doc_type if document else "",
                      document.number if document else "",
                      _household_text(household), member.answer if member else None)


def _household_text(household: Household | None) -> str:
    return " ".join(x for x in (household.ref, household.name) if x) if household else ""


def _name(person: Person) -> str:
    return " ".join(x for x in (person.surname, person.given_names, person.patronymic) if x)


def _list(session: Session, list_id: int) -> EvacuationList:
    evacuation_list = session.get(EvacuationList, list_id)
    if evacuation_list is None:
        raise NotFound("evacuation list", list_id)
    return evacuation_list


@dataclass(frozen=True)
class BoardingExport:
    path: Path
    persons: int
    sha256: str


@accounts.guarded(Permission.EXPORT)
def export_boarding_list(db: Database, list_id: int, out_path: str | os.PathLike[str], *,
                         render: Callable[[BoardingList], bytes], operator: str,
                         overwrite: bool = False, printed: BoardingList | None = None) -> BoardingExport:
    """Print the boarding list of `list_id` to a new PDF at `out_path` with `render`, and audit it.

    The file appears only when complete and recorded, and replaces an existing one only with
    `overwrite` (`storage.output_files`); the roster and its working files are never targets.
    `printed`: the list as already read (the window renders on its own thread, then writes here).
    """
    path = output_files.check_target(out_path, overwrite=overwrite, roster=db.target.path)
    printed = printed if printed is not None else boarding_list(db, list_id)
    data = render(printed)

    def record(sha256: str) -> None:
        with db.transaction() as session:
            evacuation_list = _list(session, list_id)
            audit.record(session, operator, "export", "list", evacuation_list.uuid,
                         f"boarding list of {evacuation_list.name!r}: {len(printed.rows)} persons",
                         {"path": str(path), "persons": len(printed.rows), "sha256": sha256})

    sha256 = output_files.write_bytes(path, data, overwrite=overwrite, roster=db.target.path, before=record)
    return BoardingExport(path, len(printed.rows), sha256)
