"""Counts for the morning meeting: by status, list, flag and locality, and what is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select

from desktop_app.domain.flags import Flag
from desktop_app.domain.lists import Answer
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts
from desktop_app.services.roster import flag_condition
from desktop_app.storage.db import Database
from desktop_app.storage.models import EvacuationList, LiaisonEntry, ListMember, Person, StatusChange

EXPIRY_WARNING_DAYS = 2


def _on_roster() -> Any:
    return (Person.deleted_at.is_(None)) & (Person.status != Status.MERGED.value)


@dataclass(frozen=True)
class RosterStats:
    persons: int
    by_status: dict[str, int]
    by_list: dict[str, int]
    by_flag: dict[str, int]
    by_locality: dict[str, int]
    households: int
    approved_not_crossed: int
    approvals_expiring: int
    follow_ups_due: int
    in_trash: int

    def as_json(self) -> dict[str, Any]:
        return {"persons": self.persons, "by_status": self.by_status, "by_list": self.by_list,
                "by_flag": self.by_flag, "by_locality": self.by_locality, "households": self.households,
                "approved_not_crossed": self.approved_not_crossed, "approvals_expiring": self.approvals_expiring,
                "follow_ups_due": self.follow_ups_due, "in_trash": self.in_trash}


@accounts.guarded(Permission.SEARCH)
def roster_stats(db: Database, today: dt.date | None = None) -> RosterStats:
    """All the counts at once; persons in the trash and merged records are not counted."""
    day = today or dt.date.today()
    flags = list(Flag)
    with db.reading() as session:
        # One pass over the roster for the counts by status, locality and flag: the flags stored as columns
        # have no index, each of their counts read the whole table, and those by status and locality looked
        # every person up from an index. Grouped by status and locality, summed here.
        groups = session.execute(
            select(Person.status, Person.locality, func.count(),
                   *(func.sum(case((flag_condition(flag, day), 1), else_=0)) for flag in flags))
            .where(_on_roster()).group_by(Person.status, Person.locality)).all()
        by_status = {s.value: 0 for s in Status if s is not Status.MERGED}
        localities: dict[str, int] = {}
        by_flag = {flag.value: 0 for flag in flags}
        for status, locality, count, *flagged in groups:
            by_status[status] = by_status.get(status, 0) + count
            if locality:
                localities[locality] = localities.get(locality, 0) + count
            for flag, number in zip(flags, flagged, strict=True):
                by_flag[flag.value] += int(number or 0)
        persons = sum(by_status.values())
        by_locality = dict(sorted(localities.items(), key=lambda item: (-item[1], item[0])))
        by_list = dict(session.execute(  # members on the roster: the trash and merged records do not count
            select(EvacuationList.name, func.count(Person.id))
            .outerjoin(ListMember, ListMember.list_id == EvacuationList.id)
            .outerjoin(Person, (Person.id == ListMember.person_id) & _on_roster())
            .group_by(EvacuationList.id).order_by(EvacuationList.id)).all())
        households = session.scalar(select(func.count(func.distinct(Person.household_id))).where(
            _on_roster(), Person.household_id.is_not(None))) or 0
        approved_not_crossed = by_status[Status.APPROVED.value]
        approvals_expiring = session.scalar(select(func.count(func.distinct(ListMember.person_id))).join(
            Person, Person.id == ListMember.person_id).where(
            _on_roster(), Person.status == Status.APPROVED.value, ListMember.answer == Answer.APPROVED.value,
            ListMember.crossed_at.is_(None), ListMember.valid_until.is_not(None),
            ListMember.valid_until <= day + dt.timedelta(days=EXPIRY_WARNING_DAYS))) or 0
        follow_ups = session.scalar(select(func.count()).where(
            LiaisonEntry.follow_up_due.is_not(None), LiaisonEntry.follow_up_due <= day,
            LiaisonEntry.follow_up_done_at.is_(None))) or 0
        in_trash = session.scalar(select(func.count()).where(Person.deleted_at.is_not(None))) or 0
    return RosterStats(persons, by_status, by_list, by_flag, by_locality, households, approved_not_crossed,
                       approvals_expiring, follow_ups, in_trash)


@dataclass(frozen=True)
class DailyCount:
    day: dt.date
    registered: int
    crossed: int


@accounts.guarded(Permission.SEARCH)
def daily_counts(db: Database, days: int = 30, today: dt.date | None = None) -> list[DailyCount]:
    """Registrations and crossings per day over the last `days` days (for the dashboard chart)."""
    end = today or dt.date.today()
    start = end - dt.timedelta(days=days - 1)
    since = dt.datetime.combine(start, dt.time())
    with db.reading() as session:
        registered = dict(session.execute(
            select(func.date(Person.created_at), func.count()).where(Person.created_at >= since,
                                                                    Person.deleted_at.is_(None))
            .group_by(func.date(Person.created_at))).all())
        crossed = dict(session.execute(
            select(func.date(StatusChange.at), func.count()).where(StatusChange.at >= since,
                                                                  StatusChange.to_status == Status.CROSSED.value)
            .group_by(func.date(StatusChange.at))).all())
    # SQLite's date() gives text, PostgreSQL's a date: key both by the ISO text.
    registered = {str(day): count for day, count in registered.items()}
    crossed = {str(day): count for day, count in crossed.items()}
    result = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        key = day.isoformat()
        result.append(DailyCount(day, int(registered.get(key, 0)), int(crossed.get(key, 0))))
    return result
