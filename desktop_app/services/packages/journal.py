"""Append-only records exchanged in packages: liaison entries, contact attempts, gate check-ins.

    records.update(read_journal(session, person_uuid, list_uuid))   # {key: (kind, values)}
    create_journal(writer, "liaison", rows)                          # new ones, in bulk
    apply_journal(writer, key, "checkin", {"undone_at": …})          # the few fields that change later
    journal_row(session, key, "attempt")                             # the roster row of a key (for undo)

Each row made since migration 0019 has a UUID of its own (`uid`, given at creation, kept by every
site that receives it): its key is '<kind>:<uid>' and the uid travels in its values. Rows stored
before have none and are still named by a digest of what never changes about them (when, who,
what, for whom), as partners already know them; that digest was shared by two entries copied from
a paper log with the same time, officer and channel, so only one of them reached the partner
(issue 17). Either way the same entry is the same record everywhere and a package adds only those
a site does not have (a union). What changes later (a liaison entry's
follow-up, an undone check-in) is merged field by field like any other record. A liaison entry's
organization is carried by name and created here, as 'other', when this roster does not know it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.storage.models import Checkin, ContactAttempt, LiaisonEntry, LiaisonPerson, Organization

JOURNAL_KINDS = ("liaison", "attempt", "checkin")
# Fields that may change after the record was made (the rest name it).
_MUTABLE = {"liaison": ("follow_up_due", "follow_up_done_at", "counterpart", "summary"),
            "checkin": ("undone_at", "undone_by")}


def plain(value: Any) -> Any:
    """A column value as JSON keeps it."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def date_of(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def datetime_of(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _key(kind: str, *parts: Any) -> str:
    text = "\x1f".join(str(plain(part)) for part in parts)
    return f"{kind}:" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _liaison_key(at: Any, operator: Any, channel: Any, organization: Any) -> str:
    return _key("liaison", at, operator, channel, organization)


def _attempt_key(person: Any, at: Any, operator: Any, outcome: Any, note: Any) -> str:
    return _key("attempt", person, at, operator, outcome, note)


def _checkin_key(list_uuid: Any, person: Any, kind: Any, at: Any, operator: Any) -> str:
    return _key("checkin", list_uuid, person, kind, at, operator)


def journal_key(kind: str, uid: str | None, *parts: Any) -> str:
    """The package key of a journal record: its uid, or for a row without one the digest of `parts`
    (the fields _liaison_key, _attempt_key, _checkin_key take)."""
    if uid:
        return f"{kind}:{uid}"
    digests: dict[str, Callable[..., str]] = {"liaison": _liaison_key, "attempt": _attempt_key,
                                              "checkin": _checkin_key}
    return digests[kind](*parts)


def _with_uid(values: dict[str, Any], uid: str | None) -> dict[str, Any]:
    # A row without uid is sent exactly as before 0019, so partners see no change to it.
    return values | {"uid": uid} if uid else values


def read_journal(session: Session, person_uuid: dict[int, str],
                 list_uuid: dict[int, str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every liaison entry, contact attempt and check-in of the roster, by key."""
    records: dict[str, tuple[str, dict[str, Any]]] = {}
    organization = {i: n for i, n in session.execute(select(Organization.id, Organization.name))}
    links: dict[int, list[str]] = {}
    for entry_id, person_id in session.execute(select(LiaisonPerson.entry_id, LiaisonPerson.person_id)):
        links.setdefault(entry_id, []).append(person_uuid[person_id])
    for e in session.execute(select(LiaisonEntry)).scalars():
        org = organization.get(e.organization_id) if e.organization_id else None
        records[journal_key("liaison", e.uid, e.at, e.operator, e.channel, org)] = ("liaison", _with_uid({
            "at": plain(e.at), "operator": e.operator, "channel": e.channel, "organization": org,
            "counterpart": e.counterpart, "summary": e.summary, "follow_up_due": plain(e.follow_up_due),
            "follow_up_done_at": plain(e.follow_up_done_at),
            "list": list_uuid.get(e.list_id) if e.list_id else None, "persons": sorted(links.get(e.id, []))},
            e.uid))
    for a in session.execute(select(ContactAttempt)).scalars():
        who = person_uuid[a.person_id]
        records[journal_key("attempt", a.uid, who, a.at, a.operator, a.outcome, a.note)] = ("attempt", _with_uid({
            "person": who, "list": list_uuid.get(a.list_id) if a.list_id else None, "outcome": a.outcome,
            "note": a.note, "at": plain(a.at), "operator": a.operator}, a.uid))
    for c in session.execute(select(Checkin)).scalars():
        who, lst = person_uuid[c.person_id], list_uuid[c.list_id]
        records[journal_key("checkin", c.uid, lst, who, c.kind, c.at, c.operator)] = ("checkin", _with_uid({
            "list": lst, "person": who, "kind": c.kind, "at": plain(c.at), "operator": c.operator,
            "status_before": c.status_before, "crossed_before": plain(c.crossed_before),
            "undone_at": plain(c.undone_at), "undone_by": c.undone_by}, c.uid))
    return records


def create_journal(writer: Any, kind: str, rows: list[Any]) -> dict[str, int | None]:
    """Insert `rows` (StateRow of one journal kind, none in the roster); a record naming a person or
    list this roster does not have is skipped. Returns each key's row id (None when skipped)."""
    from desktop_app.services.packages.bulk import insert_rows
    from desktop_app.services.packages.records import organization_id

    session: Session = writer.session
    ids: dict[str, int | None] = dict.fromkeys((row.key for row in rows), None)
    if kind == "attempt":
        values = []
        for row in rows:
            v = row.values
            person_id = writer.person_id(v.get("person"))
            if person_id is None:
                continue
            values.append({"person_id": person_id, "list_id": writer.list_id(v.get("list")),
                           "outcome": v.get("outcome") or "", "note": v.get("note") or "",
                           "at": datetime_of(v.get("at")), "operator": v.get("operator") or writer.operator,
                           "uid": v.get("uid")})
        insert_rows(writer, cast(Table, ContactAttempt.__table__), values)
        return ids
    if kind == "checkin":
        values = []
        for row in rows:
            v = row.values
            person_id, list_id = writer.person_id(v.get("person")), writer.list_id(v.get("list"))
            if person_id is None or list_id is None:
                continue
            values.append({"list_id": list_id, "person_id": person_id, "kind": v.get("kind") or "",
                           "at": datetime_of(v.get("at")), "operator": v.get("operator") or writer.operator,
                           "status_before": v.get("status_before"),
                           "crossed_before": datetime_of(v.get("crossed_before")),
                           "undone_at": datetime_of(v.get("undone_at")), "undone_by": v.get("undone_by"),
                           "uid": v.get("uid")})
        insert_rows(writer, cast(Table, Checkin.__table__), values)
        return ids
    if kind == "liaison":  # few: one at a time, for the id its persons are linked by
        for row in rows:
            v = row.values
            # A Core insert: the model's default would give a record from before 0019 (no uid) a new
            # name, and it would go back to the sender as another entry.
            entry_id = session.execute(insert(LiaisonEntry).values(
                at=datetime_of(v.get("at")), operator=v.get("operator") or writer.operator,
                channel=v.get("channel") or "", counterpart=v.get("counterpart") or "",
                organization_id=organization_id(session, v.get("organization")), summary=v.get("summary") or "",
                follow_up_due=date_of(v.get("follow_up_due")),
                follow_up_done_at=datetime_of(v.get("follow_up_done_at")),
                list_id=writer.list_id(v.get("list")), uid=v.get("uid")).returning(LiaisonEntry.id)).scalar_one()
            ids[row.key] = entry_id
            for person in sorted({p for p in (writer.person_id(u) for u in v.get("persons") or []) if p}):
                session.add(LiaisonPerson(entry_id=entry_id, person_id=person))
        session.flush()
    return ids


def journal_ids(session: Session, kind: str) -> dict[str, int]:
    """Row id by key of every journal record of `kind` (read once, for removing many)."""
    from desktop_app.services.packages.records import read_ids

    person_uuid, list_uuid = read_ids(session)
    found: dict[str, int] = {}
    if kind == "liaison":
        organization = {i: n for i, n in session.execute(select(Organization.id, Organization.name))}
        for e in session.execute(select(LiaisonEntry.id, LiaisonEntry.at, LiaisonEntry.operator, LiaisonEntry.channel,
                                        LiaisonEntry.organization_id, LiaisonEntry.uid)):
            found[journal_key("liaison", e.uid, e.at, e.operator, e.channel, organization.get(e.organization_id)
                              if e.organization_id else None)] = e.id
    elif kind == "attempt":
        for a in session.execute(select(ContactAttempt.id, ContactAttempt.person_id, ContactAttempt.at,
                                        ContactAttempt.operator, ContactAttempt.outcome, ContactAttempt.note,
                                        ContactAttempt.uid)):
            found[journal_key("attempt", a.uid, person_uuid[a.person_id], a.at, a.operator, a.outcome, a.note)] = a.id
    elif kind == "checkin":
        for c in session.execute(select(Checkin.id, Checkin.list_id, Checkin.person_id, Checkin.kind, Checkin.at,
                                        Checkin.operator, Checkin.uid)):
            found[journal_key("checkin", c.uid, list_uuid[c.list_id], person_uuid[c.person_id], c.kind, c.at,
                              c.operator)] = c.id
    return found


def _is_uid(text: str) -> bool:
    """Whether a key's tail is a uid (a UUID as str(uuid.UUID) writes it) rather than a digest."""
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def journal_table(kind: str) -> Any:
    return {"liaison": LiaisonEntry, "attempt": ContactAttempt, "checkin": Checkin}[kind]


def journal_row(session: Session, key: str, kind: str) -> Any:
    """The roster row of a journal record (None when it is not there)."""
    from desktop_app.services.packages.records import read_ids

    table: Any = {"liaison": LiaisonEntry, "attempt": ContactAttempt, "checkin": Checkin}[kind]
    uid = key.split(":", 1)[1]
    if _is_uid(uid):
        return session.scalar(select(table).where(table.uid == uid))
    person_uuid, list_uuid = read_ids(session)
    for row in session.execute(select(table).where(table.uid.is_(None))).scalars():
        if kind == "liaison":
            org = session.scalar(select(Organization.name).where(Organization.id == row.organization_id)) \
                if row.organization_id else None
            found = _liaison_key(row.at, row.operator, row.channel, org)
        elif kind == "attempt":
            found = _attempt_key(person_uuid[row.person_id], row.at, row.operator, row.outcome, row.note)
        else:
            found = _checkin_key(list_uuid[row.list_id], person_uuid[row.person_id], row.kind, row.at, row.operator)
        if found == key:
            return row
    return None


def apply_journal(writer: Any, key: str, kind: str, values: dict[str, Any]) -> int | None:
    """Write the fields of a journal record that may change later (the rest name it and stay)."""
    row = journal_row(writer.session, key, kind)
    if row is None:
        return None
    changes: dict[str, Any] = {}
    for name in _MUTABLE.get(kind, ()):
        if name in values:
            value = values[name]
            changes[name] = date_of(value) if name == "follow_up_due" else \
                datetime_of(value) if name.endswith("_at") else value
    if changes:
        table: Any = {"liaison": LiaisonEntry, "checkin": Checkin}[kind]
        writer.session.execute(update(table).where(table.id == row.id).values(**changes))
    if kind == "liaison" and "persons" in values:
        writer.session.execute(delete(LiaisonPerson).where(LiaisonPerson.entry_id == row.id))
        for person in sorted({p for p in (writer.person_id(u) for u in values["persons"] or []) if p}):
            writer.session.add(LiaisonPerson(entry_id=row.id, person_id=person))
        writer.session.flush()
    return int(row.id)
