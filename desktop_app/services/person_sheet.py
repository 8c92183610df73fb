"""Everything the person editor shows about one person, read in one call (off the window's GUI thread).

The editor's tabs (details, documents and phones, household, history and lists, log and audit)
are filled from one `PersonSheet`, so the window runs one read per person opened or reloaded,
not eight calls on its GUI thread.

    sheet = read_person_sheet(db, person_id)
    sheet.person.case_ref, len(sheet.history), sheet.household.ref if sheet.household else None
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit, households, lists, partners, persons, status
from desktop_app.services.audit import AuditFilter, AuditView
from desktop_app.services.exporting import Recipient, recipients_of
from desktop_app.services.households import HouseholdView
from desktop_app.services.lists import MembershipView
from desktop_app.services.partners import LiaisonView
from desktop_app.services.persons import PersonView
from desktop_app.services.reconciling import AnswerConflict, answer_conflicts
from desktop_app.services.status import StatusChangeView
from desktop_app.storage.db import Database


@dataclass(frozen=True)
class PersonSheet:
    """One person and what the editor's tabs show beside the fields."""

    person: PersonView
    household: HouseholdView | None
    history: list[StatusChangeView]
    memberships: list[MembershipView]
    conflicts: list[AnswerConflict]  # answers from lists that disagree about this person
    recipients: list[Recipient]  # who was sent this person's data
    log: list[LiaisonView]
    audit: list[AuditView]


@accounts.guarded(Permission.SEARCH)
def read_person_sheet(db: Database, person_id: int) -> PersonSheet:
    """The person `person_id` and everything the editor shows about them; NotFound if there is none."""
    person = persons.get_person(db, person_id)
    return PersonSheet(
        person=person,
        household=households.get_household(db, person.household_id) if person.household_id is not None else None,
        history=status.history(db, person.id),
        memberships=lists.memberships(db, person.id),
        conflicts=answer_conflicts(db, person_id=person.id),
        recipients=recipients_of(db, person.id),
        log=partners.log_entries(db, person_id=person.id),
        audit=audit.browse(db, AuditFilter(entity="person", entity_key=person.uuid)),
    )
