"""Who may go: each person's basis and evidence, the members flagged for missing evidence, the audited
override that lets one be submitted anyway, and the family's last confirmation.

    set_basis(db, person_id, Basis.SPOUSE, [Evidence.PASSPORT], operator="anna")
    eligibility_of(db, [person_id])[person_id].missing         # [Evidence.MARRIAGE_CERTIFICATE]
    flagged_on_list(db, list_id)                                # members lacking evidence, overridden or not
    override(db, list_id, person_id, "certificate seen by phone", operator="consul")
    confirm(db, person_id, operator="anna")                     # last confirmed: today
    unconfirmed_since(db, person_ids, days=3)                   # the re-confirmation round

A person with no basis recorded is not flagged (the roster predates this); `services.lists.mark_sent`
refuses to submit a flagged member without an override (`blocked_members`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.eligibility import Basis, Evidence, missing_evidence, parse_evidence
from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import Eligibility, EligibilityOverride, EvacuationList, ListMember, Person


@dataclass(frozen=True)
class EligibilityView:
    person_id: int
    basis: Basis | None
    evidence: list[Evidence]
    minor_with_one_parent: bool
    missing: list[Evidence]
    last_confirmed: dt.date | None


@dataclass(frozen=True)
class Flagged:
    person_id: int
    case_ref: str
    basis: Basis
    missing: list[Evidence]
    override: str | None  # the reason, when an officer overrode it on this list


def _view(person_id: int, row: Eligibility | None) -> EligibilityView:
    if row is None:
        return EligibilityView(person_id, None, [], False, [], None)
    basis = Basis(row.basis) if row.basis else None
    evidence = parse_evidence(row.evidence)
    missing = missing_evidence(basis, evidence, minor_with_one_parent=row.minor_with_one_parent) if basis else []
    return EligibilityView(person_id, basis, evidence, row.minor_with_one_parent, missing, row.last_confirmed)


def _row(session: Session, person_id: int, operator: str) -> tuple[Person, Eligibility]:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise NotFound("person", person_id)
    row = session.get(Eligibility, person_id)
    if row is None:
        row = Eligibility(person_id=person_id, basis=None, evidence="", minor_with_one_parent=False)
        session.add(row)
    row.updated_at, row.updated_by = audit.now(), operator
    return person, row


@accounts.guarded(Permission.CHECK_IN)
def set_basis(db: Database, person_id: int, basis: Basis, evidence: Iterable[Evidence], *, operator: str,
              minor_with_one_parent: bool = False) -> EligibilityView:
    """Record the basis and the evidence seen (replacing what was recorded); audited field by field."""
    held = list(dict.fromkeys(evidence))
    with db.transaction() as session:
        person, row = _row(session, person_id, operator)
        old = (row.basis, row.evidence, row.minor_with_one_parent)
        row.basis, row.evidence, row.minor_with_one_parent = basis.value, ",".join(e.value for e in held), \
            minor_with_one_parent
        view = _view(person_id, row)
        row.missing = ",".join(m.value for m in view.missing)
        audit.record(session, operator, "update", "person", person.uuid,
                     f"{person.case_ref}: basis {basis.value}" + (
                         f", missing {', '.join(m.value for m in view.missing)}" if view.missing else ""),
                     {"basis": [old[0], row.basis], "evidence": [old[1], row.evidence],
                      "minor_with_one_parent": [old[2], minor_with_one_parent]})
        return view


@accounts.guarded(Permission.LOG_CONTACTS)
def confirm(db: Database, person_id: int, *, operator: str, on: dt.date | None = None) -> EligibilityView:
    """The family confirmed they still want to leave (and where they are): last confirmed `on` (today)."""
    day = on or dt.date.today()
    with db.transaction() as session:
        person, row = _row(session, person_id, operator)
        old = row.last_confirmed
        row.last_confirmed = day
        audit.record(session, operator, "update", "person", person.uuid, f"{person.case_ref}: confirmed {day}",
                     {"last_confirmed": [old, day]})
        return _view(person_id, row)


@accounts.guarded(Permission.SEARCH)
def eligibility_of(db: Database, person_ids: Iterable[int]) -> dict[int, EligibilityView]:
    ids = list(dict.fromkeys(person_ids))
    found: dict[int, EligibilityView] = {}
    with db.reading() as session:
        for start in range(0, len(ids), 500):
            for row in session.scalars(select(Eligibility).where(Eligibility.person_id.in_(ids[start:start + 500]))):
                found[row.person_id] = _view(row.person_id, row)
    return {pid: found.get(pid) or _view(pid, None) for pid in ids}


def _flagged(session: Session, list_id: int) -> list[Flagged]:
    query = (select(Person.id, Person.case_ref, Eligibility, EligibilityOverride.reason)
             .join(ListMember, ListMember.person_id == Person.id)
             .join(Eligibility, Eligibility.person_id == Person.id)
             .outerjoin(EligibilityOverride, (EligibilityOverride.list_id == list_id)
                        & (EligibilityOverride.person_id == Person.id))
             .where(ListMember.list_id == list_id, Person.deleted_at.is_(None), Eligibility.basis.is_not(None))
             .order_by(Person.sort_key))
    result = []
    for person_id, case_ref, row, reason in session.execute(query):
        view = _view(person_id, row)
        if view.missing and view.basis is not None:
            result.append(Flagged(person_id, case_ref, view.basis, view.missing, reason))
    return result


@accounts.guarded(Permission.SEARCH)
def flagged_on_list(db: Database, list_id: int) -> list[Flagged]:
    """Members of the list whose basis lacks evidence, with the override reason where there is one."""
    with db.reading() as session:
        return _flagged(session, list_id)


def blocked_members(session: Session, list_id: int) -> list[Flagged]:
    """Inside the caller's transaction: flagged members without an override (they may not be submitted)."""
    return [f for f in _flagged(session, list_id) if f.override is None]


@accounts.guarded(Permission.CHECK_IN)
def override(db: Database, list_id: int, person_id: int, reason: str, *, operator: str) -> Flagged:
    """Let a flagged member be submitted on this list anyway; the reason is required and audited."""
    if not reason.strip():
        raise ValidationError("reason", reason, QT_TRANSLATE_NOOP("services.crossing", "is required for an "
                                                                  "override"))
    with db.transaction() as session:
        evacuation_list = session.get(EvacuationList, list_id)
        if evacuation_list is None:
            raise NotFound("evacuation list", list_id)
        flagged = next((f for f in _flagged(session, list_id) if f.person_id == person_id), None)
        if flagged is None:
            raise ValidationError("override", person_id, QT_TRANSLATE_NOOP(
                "services.crossing", "is not needed: this member lacks no evidence on {list}"),
                list=evacuation_list.name)
        row = session.scalar(select(EligibilityOverride).where(EligibilityOverride.list_id == list_id,
                                                               EligibilityOverride.person_id == person_id))
        if row is None:
            row = EligibilityOverride(list_id=list_id, person_id=person_id)
            session.add(row)
        row.reason, row.at, row.operator = reason.strip(), audit.now(), operator
        audit.record(session, operator, "override", "list", evacuation_list.uuid,
                     f"{flagged.case_ref} may be submitted on {evacuation_list.name!r} without "
                     f"{', '.join(m.value for m in flagged.missing)}: {reason.strip()}",
                     {"person_id": person_id, "missing": [m.value for m in flagged.missing]})
        return Flagged(flagged.person_id, flagged.case_ref, flagged.basis, flagged.missing, reason.strip())


@accounts.guarded(Permission.SEARCH)
def unconfirmed_since(db: Database, person_ids: Iterable[int], *, days: int,
                      today: dt.date | None = None) -> set[int]:
    """Those of `person_ids` never confirmed, or last confirmed more than `days` days before `today`."""
    cutoff = (today or dt.date.today()) - dt.timedelta(days=days)
    ids = list(dict.fromkeys(person_ids))
    fresh: set[int] = set()
    with db.reading() as session:
        for start in range(0, len(ids), 500):
            fresh.update(session.scalars(select(Eligibility.person_id).where(
                Eligibility.person_id.in_(ids[start:start + 500]), Eligibility.last_confirmed >= cutoff)))
    return set(ids) - fresh
