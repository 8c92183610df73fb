"""Partner organizations, the people there, and the liaison log of every contact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.countries import normalize_country
from desktop_app.domain.errors import DuplicateValue, NotFound, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.partners import Channel, OrgKind
from desktop_app.domain.phones import normalize_phone
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import Contact, LiaisonEntry, LiaisonPerson, Organization, Person


@dataclass(frozen=True)
class ContactView:
    id: int
    organization_id: int
    name: str
    position: str
    phones: list[str]
    emails: list[str]


@dataclass(frozen=True)
class OrganizationView:
    id: int
    name: str
    kind: str
    country: str | None
    notes: str
    contacts: list[ContactView]


@dataclass(frozen=True)
class LiaisonView:
    id: int
    at: dt.datetime
    operator: str
    channel: str
    organization: str | None
    contact: str | None
    counterpart: str
    summary: str
    follow_up_due: dt.date | None
    follow_up_done_at: dt.datetime | None
    person_ids: list[int]
    list_id: int | None

    @property
    def who(self) -> str:
        return " / ".join(x for x in (self.contact or self.counterpart, self.organization) if x)


@accounts.guarded(Permission.PARTNERS)
def create_organization(db: Database, name: str, kind: OrgKind, *, operator: str, country: str | None = None,
                        notes: str = "") -> OrganizationView:
    clean = name.strip()
    if not clean:
        raise ValidationError("organization name", name, QT_TRANSLATE_NOOP("services.partners", "is required"))
    code = normalize_country(country, "country") if country else None
    with db.transaction() as session:
        if session.scalar(select(Organization.id).where(Organization.name == clean)) is not None:
            raise DuplicateValue(f"An organization named {clean!r} already exists.")
        organization = Organization(name=clean, kind=kind.value, country=code, notes=notes)
        session.add(organization)
        session.flush()
        audit.record(session, operator, "create", "organization", organization.id, f"added partner {clean!r}")
        return _org_view(organization)


@accounts.guarded(Permission.PARTNERS)
def add_contact(db: Database, organization_id: int, name: str, *, operator: str, position: str = "",
                phones: Iterable[str] = (), emails: Iterable[str] = (), region: str | None = None) -> ContactView:
    if not name.strip():
        raise ValidationError("contact name", name, QT_TRANSLATE_NOOP("services.partners", "is required"))
    numbers = [normalize_phone(p, region) for p in phones if p.strip()]
    with db.transaction() as session:
        organization = session.get(Organization, organization_id)
        if organization is None:
            raise NotFound("organization", organization_id)
        contact = Contact(organization_id=organization_id, name=name.strip(), position=position.strip(),
                          phones=",".join(numbers), emails=",".join(e.strip() for e in emails if e.strip()))
        session.add(contact)
        session.flush()
        audit.record(session, operator, "create", "contact", contact.id,
                     f"added contact {contact.name!r} at {organization.name!r}")
        return _contact_view(contact)


@accounts.guarded(Permission.PARTNERS)
def update_organization(db: Database, organization_id: int, *, operator: str, name: str | None = None,
                        kind: OrgKind | None = None, country: str | None = None,
                        notes: str | None = None) -> OrganizationView:
    """Change an organization's name, kind, country or notes (None leaves a field as it is)."""
    with db.transaction() as session:
        organization = session.get(Organization, organization_id)
        if organization is None:
            raise NotFound("organization", organization_id)
        wanted: dict[str, object] = {}
        if name is not None:
            clean = name.strip()
            if not clean:
                raise ValidationError("organization name", name, QT_TRANSLATE_NOOP("services.partners", "is required"))
            if clean != organization.name and session.scalar(
                    select(Organization.id).where(Organization.name == clean)) is not None:
                raise DuplicateValue(f"An organization named {clean!r} already exists.")
            wanted["name"] = clean
        if kind is not None:
            wanted["kind"] = kind.value
        if country is not None:
            wanted["country"] = normalize_country(country, "country") if country.strip() else None
        if notes is not None:
            wanted["notes"] = notes
        changes = {key: [getattr(organization, key), value] for key, value in wanted.items()
                   if getattr(organization, key) != value}
        for key, (_old, value) in changes.items():
            setattr(organization, key, value)
        if changes:
            audit.record(session, operator, "update", "organization", organization.id,
                         f"changed organization {organization.name}", changes)
        session.flush()
        return _org_view(organization)


@accounts.guarded(Permission.PARTNERS)
def update_contact(db: Database, contact_id: int, *, operator: str, name: str | None = None,
                   position: str | None = None, phones: Iterable[str] | None = None,
                   emails: Iterable[str] | None = None, region: str | None = None) -> ContactView:
    """Change a partner contact's name, position, phones or e-mails (None leaves a field as it is)."""
    with db.transaction() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFound("contact", contact_id)
        wanted: dict[str, str] = {}
        if name is not None:
            if not name.strip():
                raise ValidationError("contact name", name, QT_TRANSLATE_NOOP("services.partners", "is required"))
            wanted["name"] = name.strip()
        if position is not None:
            wanted["position"] = position.strip()
        if phones is not None:
            wanted["phones"] = ",".join(normalize_phone(p, region) for p in phones if p.strip())
        if emails is not None:
            wanted["emails"] = ",".join(e.strip() for e in emails if e.strip())
        changes = {key: [getattr(contact, key), value] for key, value in wanted.items()
                   if getattr(contact, key) != value}
        for key, (_old, value) in changes.items():
            setattr(contact, key, value)
        if changes:
            audit.record(session, operator, "update", "contact", contact.id, "changed a partner contact",
                         {key: "changed" for key in changes})  # contact details are personal: not in the trail
        session.flush()
        return _contact_view(contact)


@accounts.guarded(Permission.SEARCH)
def organizations(db: Database) -> list[OrganizationView]:
    with db.reading() as session:
        return [_org_view(o) for o in session.scalars(select(Organization).order_by(Organization.name))]


@accounts.guarded(Permission.LOG_CONTACTS)
def log_contact(db: Database, summary: str, *, operator: str, channel: Channel = Channel.PHONE,
                organization_id: int | None = None, contact_id: int | None = None, counterpart: str = "",
                follow_up_due: dt.date | None = None, person_ids: Iterable[int] = (), list_id: int | None = None,
                at: dt.datetime | None = None) -> LiaisonView:
    """One liaison log entry: who was contacted, how, what was said, and when to follow up."""
    if not summary.strip():
        raise ValidationError("summary", summary, QT_TRANSLATE_NOOP("services.partners", "is required"))
    with db.transaction() as session:
        if contact_id is not None:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise NotFound("contact", contact_id)
            organization_id = organization_id or contact.organization_id
        entry = LiaisonEntry(at=at or audit.now(), operator=operator, channel=channel.value,
                             organization_id=organization_id, contact_id=contact_id, counterpart=counterpart.strip(),
                             summary=summary.strip(), follow_up_due=follow_up_due, list_id=list_id)
        session.add(entry)
        session.flush()
        for person_id in dict.fromkeys(person_ids):
            if session.get(Person, person_id) is None:
                raise NotFound("person", person_id)
            session.add(LiaisonPerson(entry_id=entry.id, person_id=person_id))
        audit.record(session, operator, "create", "liaison", entry.id, f"logged a {channel.value} contact")
        session.flush()
        return _entry_view(session, entry)


@accounts.guarded(Permission.LOG_CONTACTS)
def complete_follow_up(db: Database, entry_id: int, *, operator: str) -> LiaisonView:
    with db.transaction() as session:
        entry = session.get(LiaisonEntry, entry_id)
        if entry is None:
            raise NotFound("liaison entry", entry_id)
        entry.follow_up_done_at = audit.now()
        audit.record(session, operator, "update", "liaison", entry.id, "follow-up done")
        return _entry_view(session, entry)


@accounts.guarded(Permission.SEARCH)
def log_entries(db: Database, *, person_id: int | None = None, organization_id: int | None = None,
                limit: int = 500) -> list[LiaisonView]:
    query = select(LiaisonEntry).order_by(LiaisonEntry.at.desc(), LiaisonEntry.id.desc()).limit(limit)
    if person_id is not None:
        query = query.join(LiaisonPerson, LiaisonPerson.entry_id == LiaisonEntry.id).where(
            LiaisonPerson.person_id == person_id)
    if organization_id is not None:
        query = query.where(LiaisonEntry.organization_id == organization_id)
    with db.reading() as session:
        return [_entry_view(session, e) for e in session.scalars(query)]


@accounts.guarded(Permission.LOG_CONTACTS)
def follow_ups_due(db: Database, on: dt.date | None = None) -> list[LiaisonView]:
    """Open follow-ups due on or before `on` (today by default), oldest first."""
    day = on or dt.date.today()
    query = (select(LiaisonEntry).where(LiaisonEntry.follow_up_due.is_not(None),
                                        LiaisonEntry.follow_up_due <= day,
                                        LiaisonEntry.follow_up_done_at.is_(None))
             .order_by(LiaisonEntry.follow_up_due, LiaisonEntry.id))
    with db.reading() as session:
        return [_entry_view(session, e) for e in session.scalars(query)]


def _contact_view(contact: Contact) -> ContactView:
    return ContactView(contact.id, contact.organization_id, contact.name, contact.position,
                       [p for p in contact.phones.split(",") if p], [e for e in contact.emails.split(",") if e])


def _org_view(organization: Organization) -> OrganizationView:
    return OrganizationView(organization.id, organization.name, organization.kind, organization.country,
                            organization.notes, [_contact_view(c) for c in organization.contacts])


def _entry_view(session: Session, entry: LiaisonEntry) -> LiaisonView:
    organization = session.get(Organization, entry.organization_id) if entry.organization_id else None
    contact = session.get(Contact, entry.contact_id) if entry.contact_id else None
    person_ids = list(session.scalars(select(LiaisonPerson.person_id).where(LiaisonPerson.entry_id == entry.id)))
    return LiaisonView(entry.id, entry.at, entry.operator, entry.channel, organization.name if organization else None,
                       contact.name if contact else None, entry.counterpart, entry.summary, entry.follow_up_due,
                       entry.follow_up_done_at, person_ids, entry.list_id)
