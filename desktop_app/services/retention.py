"""Closing a crisis: personal data must not outlive its purpose.

`plan_retention` counts the persons in chosen states whose record has not changed for a number
of days. `apply_retention` first archives the whole roster to an encrypted backup (the
passphrase is required and not kept), then, in one transaction, either anonymises those persons
(names, documents, phones, contact details, addresses, notes and free-text reasons are removed;
uuid, status, sex, birth year, citizenships, locality, flags, households and list answers stay,
so the statistics stay right) or deletes them outright (their counts by status and citizenship
go into the audit entry). The caller confirms the exact count it was shown: if the roster
changed meanwhile, nothing is done.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.domain.status import Status
from desktop_app.services import audit
from desktop_app.services.persons import reindex
from desktop_app.storage.backup import BackupInfo, backup_database
from desktop_app.storage.db import MIN_PASSPHRASE_LENGTH, Database
from desktop_app.storage.models import (
    Household,
    ListMember,
    Person,
    StatusChange,
)

log = logging.getLogger(__name__)

ANONYMISED_SURNAME = "ANONYMISED"
BLANKED_FIELDS = ("given_names", "patronymic", "surname_latin", "given_names_latin", "place_of_birth", "email",
                  "messenger", "address", "notes", "source")


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


def plan_retention(db: Database, states: Sequence[Status], older_than_days: int,
                   now: dt.datetime | None = None) -> RetentionPlan:
    """Who would be anonymised or deleted: persons in `states` unchanged for `older_than_days` days."""
    if not states:
        raise ValidationError("state", "", "choose at least one state (e.g. evacuated)")
    if older_than_days < 0:
        raise ValidationError("older than", older_than_days, "must be a number of days, 0 or more")
    cutoff = (now or dt.datetime.now()).replace(microsecond=0) - dt.timedelta(days=older_than_days)
    with db.reading() as session:
        ids = tuple(session.scalars(_selection(states, cutoff)))
    return RetentionPlan(tuple(states), older_than_days, cutoff, ids)


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
    archived = backup_database(db, Path(archive), encrypt_with=archive_passphrase)
    with db.transaction() as session:
        persons = list(session.scalars(select(Person).where(Person.id.in_(plan.person_ids)).order_by(Person.id)))
        if [p.id for p in persons] != list(plan.person_ids):
            raise RosterError("The roster changed while the archive was written; nothing was changed.")
        by_status = Counter(p.status for p in persons)
        by_citizenship = Counter(p.citizenships or "-" for p in persons)
        uuids = [p.uuid for p in persons]
        if mode is RetentionMode.ANONYMISE:
            for person in persons:
                _anonymise(session, person, operator)
        else:
            _delete(session, persons)
        _blank_orphan_households(session)
        # What the trail said about these persons (old names, numbers) goes too; the chain stays.
        redacted = audit.redact(session, "person", uuids)
        audit.record(session, operator, f"retention_{mode.value}", "roster", archived.path.name,
                     f"{mode.value} {len(persons)} persons ({', '.join(s.value for s in plan.states)}, unchanged "
                     f"for {plan.older_than_days} days); archived encrypted to {archived.path.name}",
                     {"persons": len(persons), "by_status": dict(by_status), "by_citizenship": dict(by_citizenship),
                      "uuids": uuids, "archive": archived.path.name, "older_than_days": plan.older_than_days,
                      "audit_entries_redacted": redacted})
    log.info("retention %s: %d persons, archive written", mode.value, len(persons))
    return RetentionResult(mode, len(persons), archived)


def _anonymise(session: Session, person: Person, operator: str) -> None:
    person.surname = ANONYMISED_SURNAME
    for field in BLANKED_FIELDS:
        setattr(person, field, "")
    if person.birth_date:
        person.birth_date = person.birth_date[:4]
    person.consent_date = None
    person.documents.clear()
    person.phones.clear()
    person.sort_key = ANONYMISED_SURNAME.casefold()
    for change in person.status_changes:
        change.reason = ""
    session.execute(update(ListMember).where(ListMember.person_id == person.id).values(answer_note=""))
    person.updated_at = audit.now()
    person.updated_by = operator
    reindex(session, person)


def _delete(session: Session, persons: list[Person]) -> None:
    ids = [p.id for p in persons]
    session.execute(update(Person).where(Person.merged_into_id.in_(ids)).values(merged_into_id=None))
    session.execute(update(Household).where(Household.head_person_id.in_(ids)).values(head_person_id=None))
    session.execute(update(StatusChange).where(StatusChange.person_id.in_(ids)).values(reason=""))
    for person in persons:
        session.delete(person)
    session.flush()


def _blank_orphan_households(session: Session) -> None:
    """A household left with no identifiable member loses its name (a family name) and notes."""
    identifiable = select(Person.household_id).where(Person.household_id.is_not(None),
                                                     Person.surname != ANONYMISED_SURNAME)
    anonymised = select(Person.household_id).where(Person.household_id.is_not(None),
                                                   Person.surname == ANONYMISED_SURNAME)
    session.execute(update(Household).where(Household.id.in_(anonymised), Household.id.not_in(identifiable),
                                            Household.name != "").values(name="", notes=""))
