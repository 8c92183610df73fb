"""ORM mappings of the roster (SQLAlchemy 2.0 declarative).

The schema serves every workflow: persons and their documents and phones, households,
the status history, evacuation lists and the partner's answer per member, partner
organizations and the liaison log, the hash-chained audit trail, operations (an import,
a reconcile, a merge) with what they changed so that they can be undone, and the shared
import-mapping and export profiles. Enumerations are stored as their text value.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    orm,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop_app.domain.phones import display_phone

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _phone_display(context: Any) -> str:
    return display_phone(context.get_current_parameters()["e164"])


def _text(length: int = 200) -> Mapped[str]:
    return mapped_column(String(length), default="", server_default="")


class Stamped:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))


class Person(Stamped, Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    case_ref: Mapped[str] = mapped_column(String(32), unique=True)
    surname: Mapped[str] = _text()
    given_names: Mapped[str] = _text()
    patronymic: Mapped[str] = _text()
    surname_latin: Mapped[str] = _text()
    given_names_latin: Mapped[str] = _text()
    # Folded 'surname given patronymic' for ordering by name in any script.
    sort_key: Mapped[str] = mapped_column(String(600), default="")
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[str | None] = mapped_column(String(10), index=True)  # PartialDate ISO text
    place_of_birth: Mapped[str] = _text()
    citizenships: Mapped[str] = _text(120)  # alpha-3 codes, comma-separated, in order
    email: Mapped[str] = _text()
    messenger: Mapped[str] = _text()
    region: Mapped[str] = _text()
    locality: Mapped[str] = mapped_column(String(200), default="", server_default="", index=True)
    address: Mapped[str] = _text(500)
    medical: Mapped[bool] = mapped_column(Boolean, default=False)
    reduced_mobility: Mapped[bool] = mapped_column(Boolean, default=False)
    pregnant: Mapped[bool] = mapped_column(Boolean, default=False)
    unaccompanied_minor: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_to_share: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = _text()
    notes: Mapped[str] = mapped_column(Text, default="")
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    relationship: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    deleted_by: Mapped[str | None] = mapped_column(String(100))
    # Optimistic concurrency: an edit based on an older version is refused, never lost.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    documents: Mapped[list[Document]] = orm.relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Document.id")
    phones: Mapped[list[Phone]] = orm.relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Phone.id")
    household: Mapped[Household | None] = orm.relationship(
        back_populates="members", foreign_keys=[household_id])
    # No foreign key (migration 0023): the database's trigger deletes a deleted person's terms.
    search_terms: Mapped[list[SearchTerm]] = orm.relationship(
        primaryjoin="Person.id == foreign(SearchTerm.person_id)", cascade="all, delete-orphan", passive_deletes=True)
    status_changes: Mapped[list[StatusChange]] = orm.relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True, order_by="StatusChange.id")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # The roster in name order straight from one index (the table's default view).
        Index("ix_persons_roster_order", "sort_key", "id", "deleted_at", "status", "birth_date", "citizenships",
              "locality", "household_id"),
        # Only the trash needs deleted_at; a full index would tempt SQLite for 'IS NULL' (every row). The
        # migration (0005) makes it partial on PostgreSQL too; naming `postgresql_where` here would load the
        # PostgreSQL dialect into every start of a SQLite roster.
        Index("ix_persons_in_trash", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL")),
    )


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    doc_type: Mapped[str] = mapped_column(String(30))
    number: Mapped[str] = mapped_column(String(40))
    number_key: Mapped[str] = mapped_column(String(40), index=True)
    issuing_country: Mapped[str | None] = mapped_column(String(3))
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)

    person: Mapped[Person] = orm.relationship(back_populates="documents")


class Phone(Base):
    __tablename__ = "phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    e164: Mapped[str] = mapped_column(String(20), index=True)
    label: Mapped[str] = _text(40)
    # As the roster shows it ('+20 100 123 4567'): formatting needs phonenumbers, which the window's
    # first paint does without. Written with the number (a default for every ORM and Core insert; a
    # number is never changed in place, a new one replaces it).
    display: Mapped[str] = mapped_column(String(40), default=_phone_display)

    person: Mapped[Person] = orm.relationship(back_populates="phones")


class SearchTerm(Base):
    """Folded words a person can be found by: names in every script, case ref, documents, phones.

    A prefix query is a range scan on `term` (portable to PostgreSQL, unlike FTS5).
    """

    __tablename__ = "search_terms"

    # The person's, with no foreign key to check for each of the 1.25 million terms of a 100,000-row import
    # (migration 0023): a trigger on persons deletes a deleted person's terms.
    person_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    # The person's sort key, given by every writer (`services.search_index`) and followed by the database when
    # the person's sort key changes (migration 0020's trigger): each term's persons lie in name order in the term index.
    sort_key: Mapped[str] = mapped_column(String(600))

    # WITHOUT ROWID: the key is the table (two B-trees to write per term, not three).
    __table_args__ = (Index("ix_search_terms_term", "term", "sort_key", "person_id"), {"sqlite_with_rowid": False})


class Household(Stamped, Base):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = _text()
    head_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", use_alter=True, name="fk_households_head_person_id_persons"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[Person]] = orm.relationship(
        back_populates="household", foreign_keys="Person.household_id", order_by="Person.id")


class StatusChange(Base):
    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    list_id: Mapped[int | None] = mapped_column(ForeignKey("evacuation_lists.id"))
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operations.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    operator: Mapped[str] = mapped_column(String(100))

    person: Mapped[Person] = orm.relationship(back_populates="status_changes")


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    country: Mapped[str | None] = mapped_column(String(3))
    notes: Mapped[str] = mapped_column(Text, default="")

    contacts: Mapped[list[Contact]] = orm.relationship(
        back_populates="organization", cascade="all, delete-orphan", order_by="Contact.name")


class Contact(Base):
    """A person at a partner organization (not an evacuee)."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = _text()
    phones: Mapped[str] = _text()  # E.164, comma-separated
    emails: Mapped[str] = _text()
    notes: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = orm.relationship(back_populates="contacts")


class EvacuationList(Base):
    __tablename__ = "evacuation_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    state: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class ListMember(Base):
    __tablename__ = "list_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("evacuation_lists.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(20))
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    crossed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    answer_note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(100))

    person: Mapped[Person] = orm.relationship()

    __table_args__ = (UniqueConstraint("list_id", "person_id", name="uq_list_members_list_person"),)


def new_uid() -> str:
    """A journal record's package name (liaison entry, contact attempt, check-in), given once at creation."""
    return str(uuid.uuid4())


def _uid() -> Mapped[str | None]:
    # NULL for rows stored before migration 0019: those are still named by their digest (packages/journal.py).
    return mapped_column(String(36), unique=True, index=True, default=new_uid)


class LiaisonEntry(Base):
    __tablename__ = "liaison_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    operator: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    counterpart: Mapped[str] = _text()
    summary: Mapped[str] = mapped_column(Text)
    follow_up_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    follow_up_done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    list_id: Mapped[int | None] = mapped_column(ForeignKey("evacuation_lists.id"))
    uid: Mapped[str | None] = _uid()


class LiaisonPerson(Base):
    __tablename__ = "liaison_persons"

    entry_id: Mapped[int] = mapped_column(ForeignKey("liaison_entries.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)


class AuditEntry(Base):
    """One recorded action; `hash` chains each entry to the one before (tamper evidence)."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    operator: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(30))
    entity: Mapped[str] = mapped_column(String(30))
    entity_key: Mapped[str] = mapped_column(String(64), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [old, new]} or details
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # sha256 of the content; the chain covers it, so the content itself can be redacted later.
    content_digest: Mapped[str | None] = mapped_column(String(64))
    redacted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Operation(Base):
    """A bulk action that can be undone as a whole: an import, a reconcile apply, a merge."""

    __tablename__ = "operations"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(100))
    file_name: Mapped[str] = _text(500)
    file_sha256: Mapped[str] = _text(64)
    sheet: Mapped[str] = _text()
    details: Mapped[str] = mapped_column(Text, default="{}")  # JSON: mapping, counts, list
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(100))

    @orm.validates("file_name", "sheet")
    def _within_column(self, key: str, value: str) -> str:
        """Cut to the column's width, which PostgreSQL enforces: a CSV's sheet is its file's name, which
        can be longer (an import of one named in 234 characters raised DataError on the server)."""
        return value[:_OPERATION_WIDTHS[key]]


_OPERATION_WIDTHS = {"file_name": 500, "sheet": 200}


class OperationChange(Base):
    """What one operation did to one record, with the values before, for undo."""

    __tablename__ = "operation_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    operation_id: Mapped[int] = mapped_column(ForeignKey("operations.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(20))  # created, updated, deleted
    before: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the fields it changed


class MappingProfile(Base):
    """A saved import column mapping, offered again for files with the same headers."""

    __tablename__ = "mapping_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    header_signature: Mapped[str] = mapped_column(String(64), index=True)
    mapping: Mapped[str] = mapped_column(Text)  # JSON {header: field}
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))


class ExportProfileRow(Base):
    """An export profile shared by every workstation of the mission (JSON definition)."""

    __tablename__ = "export_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    definition: Mapped[str] = mapped_column(Text)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))


class Setting(Base):
    """Mission-wide settings shared through the database (mission name, country)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DuplicateDismissal(Base):
    """Two persons an officer looked at and found to be different people (`person_a_id` < `person_b_id`)."""

    __tablename__ = "duplicate_dismissals"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_a_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    person_b_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (UniqueConstraint("person_a_id", "person_b_id", name="uq_duplicate_dismissals_pair"),)


class Checkin(Base):
    """A person checked in at the gate for a list (boarded the bus, or crossed), with who and when.

    An undone scan keeps its row (`undone_at`, `undone_by`); a crossing scan remembers the status
    and crossing date it replaced so that its undo puts them back.
    """

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("evacuation_lists.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # boarded, crossed
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(100))
    status_before: Mapped[str | None] = mapped_column(String(20))
    crossed_before: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(100))
    uid: Mapped[str | None] = _uid()

    __table_args__ = (Index("ix_checkins_list_person", "list_id", "person_id"),)


class MessageTemplateRow(Base):
    """A message to the families in one language, shared by every workstation (issue 18)."""

    __tablename__ = "message_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("name", "language", name="uq_message_templates_name_language"),)


class ContactAttempt(Base):
    """One try to reach a person (a call, a message): the outcome, who and when, and the list it was for."""

    __tablename__ = "contact_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    list_id: Mapped[int | None] = mapped_column(ForeignKey("evacuation_lists.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(20))  # reached, no_answer, wrong_number, message_left
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(100))
    uid: Mapped[str | None] = _uid()


class Eligibility(Base):
    """A person's basis for evacuation, the evidence seen, and when the family last confirmed (issue 18)."""

    __tablename__ = "eligibility"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    basis: Mapped[str | None] = mapped_column(String(20))  # citizen, spouse, child, parent, other
    evidence: Mapped[str] = mapped_column(String(200), default="")  # comma-separated Evidence values
    minor_with_one_parent: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the basis still lacks, kept with it (comma-separated): the roster's table shows it with its rows.
    missing: Mapped[str] = mapped_column(String(200), default="", server_default="")
    last_confirmed: Mapped[dt.date | None] = mapped_column(Date, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))


class EligibilityOverride(Base):
    """An officer's decision to submit a member on a list although evidence for their basis is missing."""

    __tablename__ = "eligibility_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("evacuation_lists.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("list_id", "person_id", name="uq_eligibility_overrides_list_person"),)


class Account(Base):
    """A person who uses the roster (issue 20): their role and PIN, kept only as a scrypt hash."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # domain.roles.Role values
    pin_hash: Mapped[str] = mapped_column(String(128))  # hex
    pin_salt: Mapped[str] = mapped_column(String(64))  # hex, one per account
    pin_params: Mapped[str] = mapped_column(String(100))  # JSON {"n", "r", "p", "dklen"} the hash was made with
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # The server login that signs in as this account on PostgreSQL (its own name in the server's logs).
    db_login: Mapped[str | None] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
